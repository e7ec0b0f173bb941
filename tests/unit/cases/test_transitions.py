"""Every case and draft transition, allowed and refused; custody events and roles."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from tipline.schemas.errors import AccessDeniedError, CaseError, EvidenceError, ReportError
from tipline.services.cases import CaseService

from .case_helpers import IMAGE, T0, Env, env, open_case

T1 = T0 + timedelta(hours=1)


def _changes(e: Env, cid: str) -> list[tuple[str, str, str, str]]:
    return [
        (ev.details["subject"], ev.details["from"], ev.details["to"], ev.operator)
        for ev in e.evidence.custody_log(cid)
        if ev.action == "status_changed"
    ]


def test_review_case_transitions_and_their_custody_events(tmp_path: Path) -> None:
    e = env(tmp_path)
    cid = open_case(e)
    s = e.service
    s.claim(cid, reviewer="rita", now=T1)
    assert s.claim(cid, reviewer="rita", now=T1).status == "claimed"  # idempotent for the claimant
    with pytest.raises(CaseError, match="claimed by 'rita'"):
        s.claim(cid, reviewer="sam", now=T1)
    with pytest.raises(CaseError, match="note saying what context"):
        s.request_context(cid, reviewer="rita", note="", now=T1)
    assert s.request_context(cid, reviewer="rita", note="need follow-ups", now=T1).status == (
        "needs_context"
    )
    assert s.claim(cid, reviewer="rita", now=T1).status == "claimed"
    assert s.dismiss(cid, reviewer="rita", reason="coach, parents in loop", now=T1).status == (
        "dismissed"
    )
    for act in (
        lambda: s.dismiss(cid, reviewer="rita", reason="again", now=T1),
        lambda: s.escalate(cid, reviewer="rita", reason="late", now=T1),
        lambda: s.request_context(cid, reviewer="rita", note="n", now=T1),
        lambda: s.claim(cid, reviewer="rita", now=T1),
    ):
        with pytest.raises(CaseError):
            act()
    with pytest.raises(CaseError, match="no report draft"):
        s.approve(cid, reviewer="rita", now=T1)
    assert _changes(e, cid) == [
        ("case", "open", "claimed", "rita"),
        ("case", "claimed", "needs_context", "rita"),
        ("case", "needs_context", "claimed", "rita"),
        ("case", "claimed", "dismissed", "rita"),
    ]
    assert e.evidence.verify(cid).ok
    assert [h.status for h in e.cases.read(cid).history] == [
        "open",
        "claimed",
        "needs_context",
        "claimed",
        "dismissed",
    ]


def test_escalation_makes_one_draft_in_the_same_package(tmp_path: Path) -> None:
    e = env(tmp_path)
    cid = open_case(e)
    packages = e.evidence.list_packages()
    s = e.service
    summary = s.escalate(cid, reviewer="sam", reason="known image, near match", now=T1)
    assert (summary.kind, summary.status, summary.draft_id) == ("review", "draft", cid)
    assert e.evidence.list_packages() == packages  # no second package
    draft = s.drafts.read(cid)
    assert draft.package_id == cid and draft.status == "draft"
    reported = [a.user_id for a in draft.accounts if a.role == "reported"]
    assert reported == ["u-adult"]
    assert e.cases.read(cid).status == "escalated"
    with pytest.raises(CaseError):
        s.dismiss(cid, reviewer="sam", reason="changed my mind", now=T1)
    assert s.approve(cid, reviewer="sam", now=T1).status == "approved"
    with pytest.raises(ReportError, match="cannot go from 'approved' to 'approved'"):
        s.approve(cid, reviewer="sam", now=T1)
    assert _changes(e, cid) == [
        ("case", "open", "escalated", "sam"),
        ("draft", "draft", "approved", "sam"),
    ]
    assert [o.outcome for o in e.cases.outcomes()] == ["escalated"]


def test_reject_stops_a_draft_and_records_the_reason(tmp_path: Path) -> None:
    e = env(tmp_path)
    cid = open_case(e, outcome="report")
    s = e.service
    with pytest.raises(CaseError, match="rejection reason is required"):
        s.reject(cid, reviewer="rita", reason=" ", now=T1)
    with pytest.raises(CaseError, match="use `tipline reports reject`"):
        s.dismiss(cid, reviewer="rita", reason="x", now=T1)
    assert s.reject(cid, reviewer="rita", reason="hash list false positive", now=T1).status == (
        "rejected"
    )
    assert s.queue(T1) == []
    with pytest.raises(ReportError, match="cannot go from 'rejected'"):
        s.approve(cid, reviewer="rita", now=T1)
    with pytest.raises(ReportError, match="only 'draft' or 'approved'"):
        s.rebuild(cid, reviewer="rita", now=T1)
    outcome = e.cases.outcomes()[-1]
    assert (outcome.outcome, outcome.positive, outcome.reason) == (
        "rejected",
        False,
        "hash list false positive",
    )
    assert _changes(e, cid) == [("draft", "draft", "rejected", "rita")]


def test_rebuild_uses_the_current_config_and_keeps_ids(tmp_path: Path) -> None:
    blocked = env(tmp_path, reporter=False)
    cid = open_case(blocked, outcome="report")
    with pytest.raises(CaseError, match="required fields missing"):
        blocked.service.approve(cid, reviewer="rita", now=T1)
    # the operator fixes the config; the stored draft still carries the old one
    fixed = env(tmp_path, reporter=True)
    with pytest.raises(CaseError, match="required fields missing"):
        fixed.service.approve(cid, reviewer="rita", now=T1)
    before = fixed.service.drafts.read(cid)
    summary = fixed.service.rebuild(cid, reviewer="rita", now=T1)
    after = fixed.service.drafts.read(cid)
    assert summary.status == "draft"
    assert (after.draft_id, after.package_id, after.deadline, after.created_at) == (
        before.draft_id,
        before.package_id,
        before.deadline,
        before.created_at,
    )
    assert after.blocking_missing() == [] and before.blocking_missing() != []
    assert after.report_xml != before.report_xml
    assert (tmp_path / "reports" / cid / "report.xml").read_text() == after.report_xml
    assert after.history[-1].note == "rebuilt from the current config"
    rebuilt = [ev for ev in fixed.evidence.custody_log(cid) if ev.action == "status_changed"]
    assert rebuilt[-1].details["action"] == "rebuilt"
    assert fixed.service.approve(cid, reviewer="rita", now=T1).status == "approved"
    # an approved draft can be rebuilt too: it goes back to draft and needs approval again
    assert fixed.service.rebuild(cid, reviewer="rita", now=T1).status == "draft"


def test_a_hand_edited_status_is_refused(tmp_path: Path) -> None:
    e = env(tmp_path)
    cid = open_case(e, outcome="report")
    path = tmp_path / "reports" / cid / "draft.json"
    doc = json.loads(path.read_text())
    doc["status"] = "approved"
    path.write_text(json.dumps(doc))
    with pytest.raises(ReportError, match="not backed by the custody log"):
        e.service.drafts.transition(cid, "submitted", actor="rita", at=T1)
    with pytest.raises(ReportError, match="not backed by the custody log"):
        e.service.reject(cid, reviewer="rita", reason="x", now=T1)

    review = open_case(e, n=3)
    case_path = tmp_path / "cases" / review / "case.json"
    doc = json.loads(case_path.read_text())
    doc["status"] = "needs_context"
    case_path.write_text(json.dumps(doc))
    with pytest.raises(CaseError, match="not backed by the custody log"):
        e.service.escalate(review, reviewer="rita", reason="x", now=T1)


def test_a_crash_between_custody_and_file_is_rolled_forward(tmp_path: Path) -> None:
    e = env(tmp_path)
    cid = open_case(e, outcome="report")
    # the custody event of an approval was written, the draft file was not (crash)
    e.evidence.record_case_event(
        cid,
        "status_changed",
        operator="rita",
        reason="approved for submission",
        now=T1,
        details={
            "subject": "draft",
            "draft_id": cid,
            "from": "draft",
            "to": "approved",
            "action": "transition",
        },
    )
    assert e.service.drafts.read(cid).status == "draft"
    assert e.service.drafts.checked(cid).status == "approved"
    assert e.service.drafts.read(cid).status == "approved"


Action = Callable[[CaseService, str], object]
DECISIONS: list[tuple[str, Action]] = [
    ("claim", lambda s, c: s.claim(c, reviewer="vic", now=T1)),
    ("dismiss", lambda s, c: s.dismiss(c, reviewer="vic", reason="r", now=T1)),
    ("escalate", lambda s, c: s.escalate(c, reviewer="vic", reason="r", now=T1)),
    ("context", lambda s, c: s.request_context(c, reviewer="vic", note="n", now=T1)),
    ("approve", lambda s, c: s.approve(c, reviewer="vic", now=T1)),
    ("reject", lambda s, c: s.reject(c, reviewer="vic", reason="r", now=T1)),
    ("rebuild", lambda s, c: s.rebuild(c, reviewer="vic", now=T1)),
    ("classify", lambda s, c: s.classify(c, "x", reviewer="vic", classification="A1", now=T1)),
    ("annotate", lambda s, c: s.annotate(c, reviewer="vic", note="n", now=T1)),
    ("reveal", lambda s, c: s.reveal_media(c, "x", reviewer="vic", reason="r", now=T1)),
]


@pytest.mark.parametrize(("name", "act"), DECISIONS, ids=[d[0] for d in DECISIONS])
def test_every_decision_needs_the_reviewer_role(tmp_path: Path, name: str, act: Action) -> None:
    e = env(tmp_path)
    cid = open_case(e, outcome="report" if name in ("approve", "reject", "rebuild") else "review")
    events = len(e.evidence.custody_log(cid))
    with pytest.raises(AccessDeniedError, match="'vic' lacks role 'reviewer'"):
        act(e.service, cid)
    assert len(e.evidence.custody_log(cid)) == events  # nothing logged, nothing changed


def test_classify_annotate_and_reveal(tmp_path: Path) -> None:
    e = env(tmp_path)
    cid = open_case(e)
    s = e.service
    item = s.detail(cid, reviewer="", reason="", now=T1, reveal_text=False).media[0].item_id
    with pytest.raises(CaseError, match="not one of A1, A2, B1, B2"):
        s.classify(cid, item, reviewer="rita", classification="C9", now=T1)
    with pytest.raises(CaseError, match="no media item"):
        s.classify(cid, "nope", reviewer="rita", classification="A1", now=T1)
    s.classify(cid, item, reviewer="rita", classification="B2", now=T1)
    s.annotate(cid, reviewer="rita", note="second account suspected", now=T1)
    detail = s.detail(cid, reviewer="", reason="", now=T1, reveal_text=False)
    assert detail.media[0].classification == "B2"
    assert [a.note for a in detail.annotations] == ["classified B2", "second account suspected"]
    views = len(e.evidence.custody_views(cid))
    assert s.reveal_media(cid, item, reviewer="rita", reason="case 7", now=T1) == IMAGE
    logged = e.evidence.custody_views(cid)
    assert len(logged) == views + 1 and logged[-1].item_ids == [item]
    assert logged[-1].operator == "rita" and logged[-1].reason == "case 7"
    annotated = [ev for ev in e.evidence.custody_log(cid) if ev.action == "annotated"]
    assert [ev.details.get("classification") for ev in annotated] == ["B2", None]


def test_two_reviewers_cannot_both_move_a_case_from_the_same_status(tmp_path: Path) -> None:
    e = env(tmp_path)
    cid = open_case(e)
    head = e.evidence.custody_log(cid)[-1]  # what both reviewers read
    e.service.claim(cid, reviewer="rita", now=T1)  # rita wins
    with pytest.raises(EvidenceError, match="changed since it was read"):
        e.evidence.record_case_event(
            cid, "status_changed", operator="sam", reason="x", now=T1,
            details={"subject": "case", "case_id": cid, "from": "open", "to": "dismissed"},
            after=head,
        )  # fmt: skip
    assert [c[3] for c in _changes(e, cid)] == ["rita"]


def test_a_crash_mid_escalation_is_completed_from_the_custody_log(tmp_path: Path) -> None:
    e = env(tmp_path)
    cid = open_case(e)
    # the escalation's custody event was written; neither the draft nor case.json was
    e.evidence.record_case_event(
        cid, "status_changed", operator="rita", reason="meeting request", now=T1,
        details={"subject": "case", "case_id": cid, "from": "open", "to": "escalated"},
    )  # fmt: skip
    assert e.service.summary(cid).status == "open"
    assert e.service.approve(cid, reviewer="rita", now=T1).status == "approved"
    record = e.cases.read(cid)
    assert (record.status, record.draft_id) == ("escalated", cid)
    assert e.service.drafts.read(cid).history[0].note == "escalated from review: meeting request"
    assert [o.outcome for o in e.cases.outcomes()] == ["escalated"]


def test_a_classification_goes_into_the_draft(tmp_path: Path) -> None:
    e = env(tmp_path)
    cid = open_case(e, outcome="report")
    s = e.service
    item = s.detail(cid, reviewer="", reason="", now=T1, reveal_text=False).media[0].item_id
    before = {f.item_id: f for f in s.drafts.read(cid).files}[item]
    assert before.industry_classification == "A1"  # from the list category
    s.classify(cid, item, reviewer="rita", classification="B1", now=T1)
    after = {f.item_id: f for f in s.drafts.read(cid).files}[item]
    assert (after.relevance, after.industry_classification) == ("Reported", "B1")
    assert "<industryClassification>B1</industryClassification>" in after.details_xml
    assert _changes(e, cid) == [("draft", "draft", "draft", "rita")]  # the rebuild
    s.approve(cid, reviewer="rita", now=T1)
    with pytest.raises(CaseError, match="classify before approval"):
        s.classify(cid, item, reviewer="rita", classification="A2", now=T1)
