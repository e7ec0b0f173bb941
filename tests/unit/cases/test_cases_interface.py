"""The case service's interface: queue, detail, claim, dismiss."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tipline.schemas.errors import AccessDeniedError, CaseError

from .case_helpers import T0, env, open_case


def test_a_review_case_is_queued_claimed_and_dismissed(tmp_path: Path) -> None:
    e = env(tmp_path)
    cid = open_case(e)
    queue = e.service.queue(T0)
    assert [(s.case_id, s.kind, s.status) for s in queue] == [(cid, "review", "open")]
    assert queue[0].deadline == T0 + timedelta(minutes=2, hours=24)
    assert e.service.claim(cid, reviewer="rita", now=T0).status == "claimed"
    with pytest.raises(CaseError, match="claimed by 'rita'"):
        e.service.dismiss(cid, reviewer="sam", reason="benign", now=T0)
    with pytest.raises(CaseError, match="reason is required"):
        e.service.dismiss(cid, reviewer="rita", reason="  ", now=T0)
    done = e.service.dismiss(cid, reviewer="rita", reason="family photo", now=T0)
    assert done.status == "dismissed"
    assert e.service.queue(T0) == []
    outcome = e.cases.outcomes()[0]
    assert (outcome.outcome, outcome.positive, outcome.reason) == (
        "false_positive",
        False,
        "family photo",
    )


def test_detail_shows_timeline_without_text_unless_revealed(tmp_path: Path) -> None:
    e = env(tmp_path)
    cid = open_case(e)
    closed = e.service.detail(cid, reviewer="rita", reason="", now=T0, reveal_text=False)
    assert [m.message_id for m in closed.timeline] == ["evt-0001", "evt-0002"]
    assert [m.trigger for m in closed.timeline] == [False, True]
    assert all(m.text is None for m in closed.timeline)
    assert closed.timeline[0].cues == ["age_probe"]
    assert len(closed.media) == 1
    views = len(e.evidence.custody_views(cid))
    opened = e.service.detail(cid, reviewer="rita", reason="case 1", now=T0, reveal_text=True)
    assert [m.text for m in opened.timeline] == ["canary text 1", "canary text 2"]
    assert len(e.evidence.custody_views(cid)) == views + 1


def test_roles_are_checked(tmp_path: Path) -> None:
    e = env(tmp_path)
    cid = open_case(e)
    with pytest.raises(AccessDeniedError):
        e.service.claim(cid, reviewer="vic", now=T0)
    with pytest.raises(AccessDeniedError):
        e.service.claim(cid, reviewer="nobody", now=T0)


def test_case_files_are_owner_only(tmp_path: Path) -> None:
    e = env(tmp_path)
    cid = open_case(e)
    e.service.dismiss(cid, reviewer="rita", reason="benign", now=T0)
    for path in (tmp_path / "cases" / cid / "case.json", tmp_path / "cases" / "outcomes.jsonl"):
        assert path.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "cases" / cid).stat().st_mode & 0o777 == 0o700
