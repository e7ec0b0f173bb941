"""The drafts sink: idempotent writes, exact XML on disk, transitions with history."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tipline.operators.report import build_draft
from tipline.schemas.errors import ReportError
from tipline.schemas.report import ReportDraft, SubmissionLogEntry
from tipline.sinks.drafts import DraftsSink

from .builders import T0, csam_case, reports_cfg


def _draft() -> ReportDraft:
    receipt, decision, event = csam_case()
    return build_draft(receipt, decision, event, reports_cfg(), T0)


def test_write_is_idempotent_and_never_overwrites(tmp_path: Path) -> None:
    sink = DraftsSink(tmp_path)
    draft = _draft()
    assert sink.write(draft) is True
    sink.transition(draft.draft_id, "approved", actor="ana", at=T0, reviewer="ana")
    assert sink.write(draft) is False  # a replay
    assert sink.read(draft.draft_id).status == "approved"
    assert len(list(sink.drafts())) == 1


def test_exact_xml_is_written_next_to_the_draft(tmp_path: Path) -> None:
    sink = DraftsSink(tmp_path)
    draft = _draft()
    sink.write(draft)
    folder = tmp_path / draft.draft_id
    assert (folder / "report.xml").read_text(encoding="utf-8") == draft.report_xml
    for f in draft.files:
        assert (folder / "files" / f"{f.item_id}.xml").read_text(encoding="utf-8") == f.details_xml
    assert sink.read(draft.draft_id) == draft


def test_transitions_are_checked_and_recorded(tmp_path: Path) -> None:
    sink = DraftsSink(tmp_path)
    draft = _draft()
    sink.write(draft)
    with pytest.raises(ReportError, match="cannot go from 'draft' to 'finished'"):
        sink.transition(draft.draft_id, "finished", actor="x", at=T0)
    sink.transition(draft.draft_id, "approved", actor="ana", at=T0, note="ok", reviewer="ana")
    later = T0 + timedelta(minutes=1)
    updated = sink.transition(
        draft.draft_id, "submitted", actor="bot", at=later, ncmec_report_id="70001"
    )
    assert [h.status for h in updated.history] == ["draft", "approved", "submitted"]
    assert updated.reviewer == "ana"
    assert updated.ncmec_report_id == "70001"
    assert updated.history[1].actor == "ana"


def test_unknown_and_unsafe_ids(tmp_path: Path) -> None:
    sink = DraftsSink(tmp_path)
    with pytest.raises(ReportError, match="no report draft"):
        sink.read("nope")
    with pytest.raises(ReportError, match="not a draft id"):
        sink.read("../etc")


def test_submission_log_appends_and_tolerates_a_torn_tail(tmp_path: Path) -> None:
    sink = DraftsSink(tmp_path)
    draft = _draft()
    sink.write(draft)
    for n, action in enumerate(("submit", "upload")):
        sink.append_log(
            SubmissionLogEntry(
                at=T0, draft_id=draft.draft_id, attempt=1, action=action, request_id=f"r{n}"
            )
        )
    log = tmp_path / draft.draft_id / "submissions.jsonl"
    with log.open("ab") as fh:
        fh.write(b'{"schema":"tipline.report_sub')  # crash mid-append
    assert [e.request_id for e in sink.read_log(draft.draft_id)] == ["r0", "r1"]
