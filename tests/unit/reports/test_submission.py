"""End-to-end submission against the stand-in server, including crash recovery."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import msgspec
import pytest

from tests.standin.cybertipline_server import StandinCyberTipline
from tipline.clients.cybertipline import CyberTiplineClient
from tipline.operators.report import build_draft
from tipline.schemas.errors import ReportError, SubmissionError
from tipline.schemas.evidence import EvidenceReceipt
from tipline.schemas.report import ReportDraft, Viewer
from tipline.services.submission import submit_draft
from tipline.sinks.drafts import DraftsSink

from .builders import CONTEXT_BYTES, T0, csam_case, enticement_case, png_bytes, reports_cfg


class SimulatedCrash(BaseException):
    """Stands in for the process dying (nothing catches a BaseException here)."""


class Vault:
    """In-memory stand-in for the evidence service: bytes, views and holds."""

    def __init__(self, receipt: EvidenceReceipt, blobs: dict[str, bytes]) -> None:
        self.receipt = receipt
        self.blobs = blobs
        self.opened: list[str] = []
        self.holds: list[tuple[str, str]] = []
        self.views: dict[str, list[Viewer]] = {}
        self.crash_on_open: int | None = None

    def open_item(self, package_id: str, item_id: str) -> bytes:
        assert package_id == self.receipt.package_id
        self.opened.append(item_id)
        if self.crash_on_open is not None and len(self.opened) == self.crash_on_open:
            raise SimulatedCrash
        return self.blobs[item_id]

    def on_finished(self, package_id: str, report_id: str, at: datetime) -> None:
        self.holds.append((package_id, report_id))

    def viewers(self, package_id: str, item_id: str) -> list[Viewer]:
        return self.views.get(item_id, [])


class Clock:
    def __init__(self) -> None:
        self.at = T0

    def now(self) -> datetime:
        self.at += timedelta(seconds=1)
        return self.at


@pytest.fixture
def server() -> Iterator[StandinCyberTipline]:
    with StandinCyberTipline() as srv:
        yield srv


def _client(server: StandinCyberTipline) -> CyberTiplineClient:
    return CyberTiplineClient(
        server.base_url,
        server.username,
        server.password,
        timeout_s=0.5,
        max_attempts=3,
        backoff_initial_s=0.0,
        sleep=lambda _: None,
    )


def _approved(tmp_path: Path, case: str = "csam") -> tuple[DraftsSink, Vault, str]:
    receipt, decision, event = csam_case() if case == "csam" else enticement_case()
    draft = build_draft(receipt, decision, event, reports_cfg(), T0)
    sink = DraftsSink(tmp_path)
    sink.write(draft)
    sink.transition(draft.draft_id, "approved", actor="ana", at=T0, reviewer="ana")
    blobs = {"it-att-1": png_bytes(1), "it-ctx-1": CONTEXT_BYTES, "it-ctx-9": CONTEXT_BYTES}
    return sink, Vault(receipt, blobs), draft.draft_id


def _submit(sink: DraftsSink, vault: Vault, draft_id: str, server: StandinCyberTipline):  # type: ignore[no-untyped-def]
    return submit_draft(
        draft_id,
        sink=sink,
        api=_client(server),
        open_item=vault.open_item,
        on_finished=vault.on_finished,
        custody=vault,
        clock=Clock(),
    )


def test_submit_upload_fileinfo_finish(tmp_path: Path, server: StandinCyberTipline) -> None:
    sink, vault, draft_id = _approved(tmp_path)
    vault.views["it-att-1"] = [Viewer(actor="ana", at=T0)]
    done = _submit(sink, vault, draft_id, server)
    assert done.status == "finished"
    report = server.reports[done.ncmec_report_id or ""]
    assert report.state == "finished"
    assert report.xml == done.report_xml
    assert sorted(f.md5 for f in report.files.values()) == sorted(
        hashlib.md5(b).hexdigest() for b in (png_bytes(1), CONTEXT_BYTES)
    )
    details = {f.name: f.details_xml or "" for f in report.files.values()}
    assert "<fileViewedByEsp>true</fileViewedByEsp>" in details["IMG_0001.png"]
    assert all("<fileViewedByEsp>false" in x for n, x in details.items() if n != "IMG_0001.png")
    assert vault.holds == [(draft_id, done.ncmec_report_id)]
    log = sink.read_log(draft_id)
    assert [e.action for e in log] == [
        "submit",
        "upload",
        "fileinfo",
        "upload",
        "fileinfo",
        "finish",
    ]
    assert all(e.response_code == 0 and e.request_id for e in log)
    assert log[0].request_xml == done.report_xml
    assert log[2].request_xml == details["IMG_0001.png"]
    assert [h.status for h in done.history] == ["draft", "approved", "submitted", "finished"]


def test_enticement_report_submits_context_only(
    tmp_path: Path, server: StandinCyberTipline
) -> None:
    sink, vault, draft_id = _approved(tmp_path, "enticement")
    done = _submit(sink, vault, draft_id, server)
    assert done.status == "finished"
    files = list(server.reports[done.ncmec_report_id or ""].files.values())
    assert len(files) == 1
    assert "Supplemental Reported" in (files[0].details_xml or "")


def test_crash_between_upload_and_finish_retracts_and_resubmits(
    tmp_path: Path, server: StandinCyberTipline
) -> None:
    sink, vault, draft_id = _approved(tmp_path)
    vault.crash_on_open = 2  # after the first file's upload + fileinfo
    with pytest.raises(SimulatedCrash):
        _submit(sink, vault, draft_id, server)
    crashed = sink.read(draft_id)
    assert crashed.status == "submitted"
    first_id = crashed.ncmec_report_id or ""
    assert server.reports[first_id].state == "open"

    vault.crash_on_open = None  # restart
    done = _submit(sink, vault, draft_id, server)

    assert server.reports[first_id].state == "retracted"
    assert done.ncmec_report_id != first_id
    second = server.reports[done.ncmec_report_id or ""]
    assert second.state == "finished"
    assert len(second.files) == 2
    assert all(f.details_xml for f in second.files.values())
    assert [h.status for h in done.history] == [
        "draft",
        "approved",
        "submitted",
        "retracted",
        "submitted",
        "finished",
    ]
    actions = [(e.attempt, e.action) for e in sink.read_log(draft_id)]
    assert actions[:3] == [(1, "submit"), (1, "upload"), (1, "fileinfo")]
    assert actions[3:] == [
        (2, "retract"),
        (2, "submit"),
        (2, "upload"),
        (2, "fileinfo"),
        (2, "upload"),
        (2, "fileinfo"),
        (2, "finish"),
    ]
    assert vault.holds == [(draft_id, done.ncmec_report_id)]


def test_crash_after_finish_is_not_resubmitted(tmp_path: Path, server: StandinCyberTipline) -> None:
    sink, vault, draft_id = _approved(tmp_path)

    def crash(package_id: str, report_id: str, at: datetime) -> None:
        raise SimulatedCrash

    with pytest.raises(SimulatedCrash):
        submit_draft(
            draft_id,
            sink=sink,
            api=_client(server),
            open_item=vault.open_item,
            on_finished=crash,
            clock=Clock(),
        )
    # the status update to finished happened before the hook; simulate the
    # worse case where it did not: put the draft back to 'submitted' on disk
    raw = (tmp_path / draft_id / "draft.json").read_bytes()
    draft = msgspec.json.decode(raw)
    draft["status"] = "submitted"
    draft["history"] = draft["history"][:-1]
    (tmp_path / draft_id / "draft.json").write_bytes(msgspec.json.encode(draft))

    done = _submit(sink, vault, draft_id, server)
    assert done.status == "finished"
    assert len(server.reports) == 1  # never resubmitted
    assert vault.holds == [(draft_id, done.ncmec_report_id)]


def test_md5_mismatch_is_a_custody_exception(tmp_path: Path, server: StandinCyberTipline) -> None:
    sink, vault, draft_id = _approved(tmp_path)
    server.inject("upload", "md5_mismatch")
    with pytest.raises(SubmissionError, match="custody exception"):
        _submit(sink, vault, draft_id, server)
    failed = sink.read(draft_id)
    assert failed.status == "failed"
    assert server.reports[failed.ncmec_report_id or ""].state == "retracted"
    assert vault.holds == []
    upload = next(e for e in sink.read_log(draft_id) if e.action == "upload")
    assert upload.md5_ncmec == "0" * 32
    assert upload.md5_ours == hashlib.md5(png_bytes(1)).hexdigest()


def test_tampered_vault_bytes_are_refused(tmp_path: Path, server: StandinCyberTipline) -> None:
    sink, vault, draft_id = _approved(tmp_path)
    vault.blobs["it-att-1"] = png_bytes(2)
    with pytest.raises(SubmissionError, match="vault bytes"):
        _submit(sink, vault, draft_id, server)
    assert sink.read(draft_id).status == "failed"


def test_failed_submission_can_be_retried(tmp_path: Path, server: StandinCyberTipline) -> None:
    sink, vault, draft_id = _approved(tmp_path)
    server.inject("fileinfo", "http500", times=3)  # exhausts the client's 3 attempts
    with pytest.raises(SubmissionError, match="HTTP 500"):
        _submit(sink, vault, draft_id, server)
    assert sink.read(draft_id).status == "failed"
    done = _submit(sink, vault, draft_id, server)
    assert done.status == "finished"
    states = sorted(r.state for r in server.reports.values())
    assert states == ["finished", "retracted"]


def test_only_approved_drafts_are_submitted(tmp_path: Path, server: StandinCyberTipline) -> None:
    receipt, decision, event = csam_case()
    sink = DraftsSink(tmp_path)
    sink.write(build_draft(receipt, decision, event, reports_cfg(), T0))
    vault = Vault(receipt, {})
    with pytest.raises(ReportError, match="approve it before submitting"):
        _submit(sink, vault, receipt.package_id, server)
    assert server.reports == {}


def test_finished_draft_is_left_alone(tmp_path: Path, server: StandinCyberTipline) -> None:
    sink, vault, draft_id = _approved(tmp_path)
    first = _submit(sink, vault, draft_id, server)
    again = _submit(sink, vault, draft_id, server)
    assert again == first
    assert len(server.reports) == 1


def test_every_submission_status_change_is_reported_before_the_draft_file(
    tmp_path: Path, server: StandinCyberTipline
) -> None:
    """#13: draft status changes go to the custody log (on_status) before draft.json."""
    sink, vault, draft_id = _approved(tmp_path)
    seen: list[tuple[str, str]] = []

    def on_status(draft: ReportDraft, status: str, note: str) -> None:
        del note
        on_disk = sink.read(draft.draft_id).status
        seen.append((on_disk, status))  # the file still holds the previous status

    done = submit_draft(
        draft_id,
        sink=sink,
        api=_client(server),
        open_item=vault.open_item,
        on_finished=vault.on_finished,
        custody=vault,
        clock=Clock(),
        on_status=on_status,
    )
    assert done.status == "finished"
    assert seen == [("approved", "submitted"), ("submitted", "finished")]
