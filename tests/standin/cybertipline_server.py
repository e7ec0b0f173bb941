"""A local stand-in for the NCMEC CyberTipline reporting API (tests only).

Stdlib ``http.server`` in a daemon thread on 127.0.0.1 with a random port. It
implements the documented behaviour tipline relies on (docs/domain.md §2):

* HTTP Basic auth: no credentials → responseCode 2000, wrong ones → 3000.
* ``POST /submit`` validates the report XML against the packaged XSD:
  malformed → 4110, schema violation (e.g. children out of order) → 4100;
  success returns a new ``reportId``.
* ``POST /upload`` (multipart ``id`` + ``file``) returns ``fileId`` and the
  MD5 of the bytes it received.
* ``POST /fileinfo`` validates fileDetails XML the same way and checks that
  the report and file exist.
* ``POST /finish`` / ``POST /retract``: 5102 when already finished, 5101 when
  already retracted.
* ``GET /status`` and ``GET /xsd``.

Faults are injected per endpoint with :meth:`StandinCyberTipline.inject`:
``timeout`` (process, then answer after ``delay_s``: the client times out),
``http500``, ``drop`` (close the connection without an answer) and
``md5_mismatch`` (report a wrong MD5 for an upload).
"""

from __future__ import annotations

import base64
import hashlib
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.etree import ElementTree as ET

import xmlschema

from tipline.operators.report.xsd import XSD_PATH

OK = 0
BAD_CREDENTIALS = 2000
NO_CREDENTIALS = 3000
VALIDATION_FAILED = 4100
MALFORMED = 4110
UNKNOWN_REPORT = 4200
ALREADY_RETRACTED = 5101
ALREADY_FINISHED = 5102


@dataclass
class StoredFile:
    file_id: str
    name: str
    md5: str
    size: int
    details_xml: str | None = None


@dataclass
class StoredReport:
    report_id: str
    xml: str
    state: str = "open"  # open | finished | retracted
    files: dict[str, StoredFile] = field(default_factory=dict)


@dataclass
class Fault:
    endpoint: str
    kind: str  # timeout | http500 | drop | md5_mismatch
    times: int = 1
    delay_s: float = 1.0


@dataclass
class Call:
    endpoint: str
    code: int | None
    request_id: str | None


class StandinCyberTipline:
    """The stand-in server; use as a context manager or call start/stop."""

    def __init__(self, username: str = "esp-test", password: str = "s3cret-test") -> None:
        self.username = username
        self.password = password
        self.reports: dict[str, StoredReport] = {}
        self.faults: list[Fault] = []
        self.calls: list[Call] = []
        self._next_report = 70001
        self._next_file = 1
        self._lock = threading.Lock()
        self._schema = xmlschema.XMLSchema(str(XSD_PATH))
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # ------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/ispws"

    def start(self) -> StandinCyberTipline:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> StandinCyberTipline:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------ faults

    def inject(self, endpoint: str, kind: str, *, times: int = 1, delay_s: float = 1.0) -> None:
        with self._lock:
            self.faults.append(Fault(endpoint=endpoint, kind=kind, times=times, delay_s=delay_s))

    def take_fault(self, endpoint: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.endpoint == endpoint and fault.times > 0:
                    fault.times -= 1
                    return fault
        return None

    # ------------------------------------------------------------ behaviour

    def check_auth(self, header: str | None) -> int | None:
        if not header or not header.startswith("Basic "):
            return NO_CREDENTIALS
        try:
            user, _, pw = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return BAD_CREDENTIALS
        if (user, pw) != (self.username, self.password):
            return BAD_CREDENTIALS
        return None

    def validate(self, body: bytes, root: str) -> int | None:
        try:
            doc = ET.fromstring(body)
        except ET.ParseError:
            return MALFORMED
        if doc.tag != root or not self._schema.is_valid(body.decode("utf-8")):
            return VALIDATION_FAILED
        return None

    def submit(self, body: bytes) -> dict[str, Any]:
        code = self.validate(body, "report")
        if code is not None:
            return {"responseCode": code}
        with self._lock:
            report_id = str(self._next_report)
            self._next_report += 1
            self.reports[report_id] = StoredReport(report_id=report_id, xml=body.decode())
        return {"responseCode": OK, "reportId": report_id}

    def upload(self, report_id: str, name: str, data: bytes, fault: Fault | None) -> dict[str, Any]:
        report = self.reports.get(report_id)
        if report is None or report.state != "open":
            return {"responseCode": UNKNOWN_REPORT}
        md5 = hashlib.md5(data).hexdigest()
        with self._lock:
            file_id = f"f{self._next_file:05d}"
            self._next_file += 1
            report.files[file_id] = StoredFile(file_id=file_id, name=name, md5=md5, size=len(data))
        if fault is not None and fault.kind == "md5_mismatch":
            md5 = "0" * 32
        return {"responseCode": OK, "reportId": report_id, "fileId": file_id, "hash": md5}

    def fileinfo(self, body: bytes) -> dict[str, Any]:
        code = self.validate(body, "fileDetails")
        if code is not None:
            return {"responseCode": code}
        doc = ET.fromstring(body)
        report = self.reports.get((doc.findtext("reportId") or "").strip())
        file_id = (doc.findtext("fileId") or "").strip()
        if report is None or report.state != "open" or file_id not in report.files:
            return {"responseCode": UNKNOWN_REPORT}
        report.files[file_id].details_xml = body.decode()
        return {"responseCode": OK, "reportId": report.report_id}

    def finish(self, report_id: str) -> dict[str, Any]:
        return self._close(report_id, "finished")

    def retract(self, report_id: str) -> dict[str, Any]:
        return self._close(report_id, "retracted")

    def _close(self, report_id: str, state: str) -> dict[str, Any]:
        report = self.reports.get(report_id)
        if report is None:
            return {"responseCode": UNKNOWN_REPORT}
        if report.state == "finished":
            return {"responseCode": ALREADY_FINISHED, "reportId": report_id}
        if report.state == "retracted":
            return {"responseCode": ALREADY_RETRACTED, "reportId": report_id}
        report.state = state
        return {"responseCode": OK, "reportId": report_id}


def _xml_answer(fields: dict[str, Any]) -> bytes:
    root = ET.Element("reportResponse")
    for key in ("responseCode", "responseDescription", "reportId", "fileId", "hash"):
        if key in fields:
            ET.SubElement(root, key).text = str(fields[key])
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root)


def _handler_for(api: StandinCyberTipline) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _endpoint(self) -> str:
            path = urllib.parse.urlparse(self.path).path
            return path.removeprefix("/ispws/").strip("/")

        def _body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def _send(self, status: int, payload: bytes, ctype: str = "text/xml") -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _answer(self, endpoint: str, fields: dict[str, Any], fault: Fault | None) -> None:
            code = fields.get("responseCode")
            api.calls.append(Call(endpoint, code, self.headers.get("X-Request-Id")))
            if fault is not None and fault.kind == "timeout":
                time.sleep(fault.delay_s)
            status = 401 if code in (BAD_CREDENTIALS, NO_CREDENTIALS) else 200
            try:
                self._send(status, _xml_answer(fields))
            except (BrokenPipeError, ConnectionResetError):
                return

        def do_GET(self) -> None:
            endpoint = self._endpoint()
            if endpoint == "xsd":
                self._send(200, XSD_PATH.read_bytes(), "application/xml")
                return
            self._handle(endpoint, b"")

        def do_POST(self) -> None:
            self._handle(self._endpoint(), self._body())

        def _handle(self, endpoint: str, body: bytes) -> None:
            auth = api.check_auth(self.headers.get("Authorization"))
            if auth is not None:
                self._answer(endpoint, {"responseCode": auth}, None)
                return
            fault = api.take_fault(endpoint)
            if fault is not None and fault.kind == "drop":
                api.calls.append(Call(endpoint, None, self.headers.get("X-Request-Id")))
                self.close_connection = True
                self.connection.shutdown(2)
                return
            if fault is not None and fault.kind == "http500":
                api.calls.append(Call(endpoint, None, self.headers.get("X-Request-Id")))
                self._send(500, b"internal error", "text/plain")
                return
            self._answer(endpoint, self._dispatch(endpoint, body, fault), fault)

        def _dispatch(self, endpoint: str, body: bytes, fault: Fault | None) -> dict[str, Any]:
            if endpoint == "status":
                return {"responseCode": OK}
            if endpoint == "submit":
                return api.submit(body)
            if endpoint == "fileinfo":
                return api.fileinfo(body)
            if endpoint == "upload":
                return self._upload(body, fault)
            if endpoint in ("finish", "retract"):
                form = urllib.parse.parse_qs(body.decode())
                report_id = (form.get("id") or [""])[0]
                return api.finish(report_id) if endpoint == "finish" else api.retract(report_id)
            return {"responseCode": MALFORMED, "responseDescription": f"no endpoint {endpoint}"}

        def _upload(self, body: bytes, fault: Fault | None) -> dict[str, Any]:
            ctype = self.headers.get("Content-Type", "")
            msg = BytesParser(policy=HTTP).parsebytes(
                f"Content-Type: {ctype}\r\n\r\n".encode() + body
            )
            report_id, name, data = "", "", b""
            for part in msg.iter_parts():
                field_name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True) or b""
                if field_name == "id":
                    report_id = payload.decode().strip()
                elif field_name == "file":
                    name = part.get_filename() or ""
                    data = payload
            return api.upload(report_id, name, data, fault)

    return Handler
