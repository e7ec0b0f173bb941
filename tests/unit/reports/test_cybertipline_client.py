"""The HTTP client against the local stand-in server: codes, auth, bounded retries."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest

from tests.standin.cybertipline_server import StandinCyberTipline
from tipline.clients.cybertipline import CyberTiplineClient, TransportError
from tipline.operators.report import build_draft, render_file_details

from .builders import T0, csam_case, png_bytes, reports_cfg


@pytest.fixture
def server() -> Iterator[StandinCyberTipline]:
    with StandinCyberTipline() as srv:
        yield srv


def _client(
    server: StandinCyberTipline, *, password: str | None = None, attempts: int = 3
) -> tuple[CyberTiplineClient, list[float]]:
    slept: list[float] = []
    client = CyberTiplineClient(
        server.base_url,
        server.username,
        server.password if password is None else password,
        timeout_s=0.5,
        max_attempts=attempts,
        backoff_initial_s=0.25,
        backoff_max_s=1.0,
        sleep=slept.append,
    )
    return client, slept


def _report_xml() -> str:
    receipt, decision, event = csam_case()
    return build_draft(receipt, decision, event, reports_cfg(), T0).report_xml


def test_status_and_auth_codes(server: StandinCyberTipline) -> None:
    client, _ = _client(server)
    assert client.status().response_code == 0
    bad, _ = _client(server, password="wrong")
    resp = bad.status()
    assert (resp.response_code, resp.http_status) == (2000, 401)


def test_submit_malformed_and_out_of_order(server: StandinCyberTipline) -> None:
    client, _ = _client(server)
    assert client.submit("<report><incidentSummary>").response_code == 4110
    xml = _report_xml()
    swapped = xml.replace("<reporter>", "<TMP>", 1)
    head, _, rest = swapped.partition("<incidentSummary>")
    summary, _, tail = rest.partition("</incidentSummary>")
    out_of_order = head + tail.replace(
        "<TMP>", f"<incidentSummary>{summary}</incidentSummary><reporter>", 1
    )
    assert client.submit(out_of_order).response_code == 4100
    ok = client.submit(xml)
    assert ok.response_code == 0
    assert ok.report_id is not None


def test_upload_returns_ncmec_md5_and_finish_twice_is_5102(server: StandinCyberTipline) -> None:
    client, _ = _client(server)
    report_id = client.submit(_report_xml()).report_id
    assert report_id is not None
    data = png_bytes(3)
    up = client.upload(report_id, "IMG.png", data, "image/png")
    assert up.response_code == 0
    assert up.hash == hashlib.md5(data).hexdigest()
    receipt, decision, event = csam_case()
    file = build_draft(receipt, decision, event, reports_cfg(), T0).files[0]
    assert up.file_id is not None
    info = client.fileinfo(render_file_details(file, report_id=report_id, file_id=up.file_id))
    assert info.response_code == 0
    assert client.finish(report_id).response_code == 0
    assert client.finish(report_id).response_code == 5102
    assert client.retract(report_id).response_code == 5102


def test_retract_twice_is_5101(server: StandinCyberTipline) -> None:
    client, _ = _client(server)
    report_id = client.submit(_report_xml()).report_id
    assert report_id is not None
    assert client.retract(report_id).response_code == 0
    assert client.retract(report_id).response_code == 5101
    assert client.finish(report_id).response_code == 5101


@pytest.mark.parametrize("kind", ["http500", "drop", "timeout"])
def test_transient_failures_are_retried_with_backoff(
    server: StandinCyberTipline, kind: str
) -> None:
    client, slept = _client(server)
    server.inject("status", kind, times=2, delay_s=1.0)
    resp = client.status()
    assert resp.response_code == 0
    assert slept == [0.25, 0.5]
    request_ids = {c.request_id for c in server.calls if c.endpoint == "status"}
    assert request_ids == {resp.request_id}  # one logical request, three attempts


def test_retries_are_bounded(server: StandinCyberTipline) -> None:
    client, slept = _client(server, attempts=2)
    server.inject("status", "http500", times=5)
    with pytest.raises(TransportError, match="HTTP 500; 2 attempts"):
        client.status()
    assert slept == [0.25]


def test_response_codes_are_not_retried(server: StandinCyberTipline) -> None:
    client, slept = _client(server)
    assert client.submit("not xml").response_code == 4110
    assert slept == []
    assert sum(1 for c in server.calls if c.endpoint == "submit") == 1
