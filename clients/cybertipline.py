"""HTTP client for the NCMEC CyberTipline reporting API (stdlib ``urllib``).

Endpoints (docs/domain.md §2): ``GET /status``, ``POST /submit`` (report XML),
``POST /upload`` (multipart ``id`` + ``file``), ``POST /fileinfo``
(fileDetails XML), ``POST /finish``, ``POST /retract`` (form field ``id``).
Every answer is XML with a ``responseCode``: 0 success, 4100 validation
failed, 4110 malformed XML, 5101 already retracted, 5102 already finished,
2000/3000 authentication.

Invariants:
    * Only transient failures are retried (HTTP 5xx, timeouts, dropped
      connections), at most ``max_attempts`` times with exponential backoff;
      a response code is never retried here, the caller decides.
    * Credentials are passed in by the caller (read from the environment in
      ``flows/``); they never appear in errors or logs.
    * Every logical request carries a fresh request id (``X-Request-Id``),
      returned with the response for the permanent submission log.
"""

from __future__ import annotations

import base64
import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Final

from msgspec import Struct

from tipline.schemas.errors import SubmissionError

OK: Final = 0
AUTH_FAILED: Final = frozenset({2000, 3000})
VALIDATION_FAILED: Final = 4100
MALFORMED_XML: Final = 4110
ALREADY_RETRACTED: Final = 5101
ALREADY_FINISHED: Final = 5102
SERVER_ERROR: Final = 500
_XML: Final = "text/xml; charset=utf-8"


class ApiResponse(Struct, frozen=True, kw_only=True):
    """One parsed CyberTipline answer."""

    request_id: str
    http_status: int
    response_code: int
    description: str = ""
    report_id: str | None = None
    file_id: str | None = None
    hash: str | None = None


class CyberTiplineError(SubmissionError):
    """The endpoint answered a request with a non-success ``responseCode``."""

    def __init__(self, action: str, response: ApiResponse) -> None:
        """Keep the response so callers can log the code and request id."""
        self.action = action
        self.response = response
        super().__init__(
            f"CyberTipline /{action} answered responseCode {response.response_code}"
            f" ({response.description or 'no description'}), request {response.request_id}"
        )


class TransportError(SubmissionError):
    """No usable answer after every retry (timeouts, 5xx, dropped connections)."""

    def __init__(self, action: str, request_id: str, reason: str) -> None:
        """Keep the request id of the failed request for the submission log."""
        self.action = action
        self.request_id = request_id
        super().__init__(f"CyberTipline /{action} failed ({reason}), request {request_id}")


def parse_response(body: bytes, *, request_id: str, http_status: int) -> ApiResponse:
    """Parse a ``reportResponse`` XML body.

    Raises:
        SubmissionError: the body is not XML or has no integer ``responseCode``.

    """
    try:
        # The body comes from the configured endpoint; expat never fetches
        # external entities, and the documents are a few hundred bytes.
        doc = ET.fromstring(body)  # noqa: S314
        code = int((doc.findtext("responseCode") or "").strip())
    except (ET.ParseError, ValueError) as exc:
        msg = (
            f"CyberTipline answer to request {request_id} has no responseCode (HTTP {http_status})"
        )
        raise SubmissionError(msg) from exc
    return ApiResponse(
        request_id=request_id,
        http_status=http_status,
        response_code=code,
        description=(doc.findtext("responseDescription") or "").strip(),
        report_id=(doc.findtext("reportId") or "").strip() or None,
        file_id=(doc.findtext("fileId") or "").strip() or None,
        hash=(doc.findtext("hash") or "").strip().lower() or None,
    )


def _multipart(
    fields: dict[str, str], file_name: str, data: bytes, media_type: str
) -> tuple[bytes, str]:
    boundary = f"tipline-{uuid.uuid4().hex}"
    parts: list[bytes] = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    safe_name = file_name.replace('"', "_").replace("\r", "_").replace("\n", "_")
    parts.append(
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file";'
            f' filename="{safe_name}"\r\nContent-Type: {media_type}\r\n\r\n'
        ).encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class CyberTiplineClient:
    """A small, retrying client for one CyberTipline environment."""

    def __init__(
        self,
        base_url: str,
        username: str,
        password: str,
        *,
        timeout_s: float = 30.0,
        max_attempts: int = 4,
        backoff_initial_s: float = 1.0,
        backoff_max_s: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """Configure the endpoint (``https://…/ispws``), credentials and retry policy."""
        self.base_url = base_url.rstrip("/")
        token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
        self._auth = f"Basic {token}"
        self.timeout_s = timeout_s
        self.max_attempts = max(1, max_attempts)
        self.backoff_initial_s = backoff_initial_s
        self.backoff_max_s = backoff_max_s
        self._sleep = sleep

    # ------------------------------------------------------------ transport

    def _once(
        self, action: str, method: str, body: bytes | None, content_type: str, request_id: str
    ) -> ApiResponse:
        headers = {"Authorization": self._auth, "X-Request-Id": request_id}
        if body is not None:
            headers["Content-Type"] = content_type
        url = f"{self.base_url}/{action}"
        req = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(req, timeout=self.timeout_s) as resp:  # noqa: S310
                return parse_response(resp.read(), request_id=request_id, http_status=resp.status)
        except urllib.error.HTTPError as exc:
            payload = exc.read()
            if exc.code >= SERVER_ERROR:
                msg = f"HTTP {exc.code}"
                raise _Transient(msg) from exc
            return parse_response(payload, request_id=request_id, http_status=exc.code)

    def _request(
        self, action: str, method: str, body: bytes | None = None, content_type: str = _XML
    ) -> ApiResponse:
        request_id = uuid.uuid4().hex
        reason = "no attempt made"
        for attempt in range(1, self.max_attempts + 1):
            try:
                return self._once(action, method, body, content_type, request_id)
            except _Transient as exc:
                reason = str(exc)
            except TimeoutError as exc:
                reason = f"timeout: {exc}"
            except (http.client.RemoteDisconnected, ConnectionError) as exc:
                reason = f"connection dropped: {type(exc).__name__}"
            except urllib.error.URLError as exc:
                reason = f"unreachable: {exc.reason}"
            if attempt < self.max_attempts:
                delay = min(self.backoff_initial_s * 2 ** (attempt - 1), self.backoff_max_s)
                self._sleep(delay)
        raise TransportError(action, request_id, f"{reason}; {self.max_attempts} attempts")

    # ------------------------------------------------------------ endpoints

    def status(self) -> ApiResponse:
        """``GET /status``: check the credentials."""
        return self._request("status", "GET")

    def submit(self, report_xml: str) -> ApiResponse:
        """``POST /submit``: open a report; the answer carries its ``reportId``."""
        return self._request("submit", "POST", report_xml.encode("utf-8"))

    def upload(self, report_id: str, file_name: str, data: bytes, media_type: str) -> ApiResponse:
        """``POST /upload``: add one file; the answer carries ``fileId`` and NCMEC's MD5."""
        body, ctype = _multipart({"id": report_id}, file_name, data, media_type)
        return self._request("upload", "POST", body, ctype)

    def fileinfo(self, file_details_xml: str) -> ApiResponse:
        """``POST /fileinfo``: describe an uploaded file."""
        return self._request("fileinfo", "POST", file_details_xml.encode("utf-8"))

    def finish(self, report_id: str) -> ApiResponse:
        """``POST /finish``: complete the report (irreversible)."""
        return self._form("finish", report_id)

    def retract(self, report_id: str) -> ApiResponse:
        """``POST /retract``: cancel an unfinished report."""
        return self._form("retract", report_id)

    def _form(self, action: str, report_id: str) -> ApiResponse:
        body = urllib.parse.urlencode({"id": report_id}).encode("ascii")
        return self._request(action, "POST", body, "application/x-www-form-urlencoded")


class _Transient(Exception):
    """A retryable transport failure (HTTP 5xx)."""
