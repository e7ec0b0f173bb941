from __future__ import annotations

from datetime import UTC, datetime

import msgspec
import pytest

from tipline.operators.decide import HUMAN_REVIEW, MINOR_TO_MINOR, SEXTORTION, decide
from tipline.schemas.decision import INCIDENT_CSAM, INCIDENT_ENTICEMENT, ActionGate, Decision
from tipline.schemas.event import MESSAGE_SCHEMA, Account, MessageEvent
from tipline.schemas.grooming import DecisionConfig, Level, SessionVerdict, SignalHit
from tipline.schemas.hashing import AttachmentVerdict, HashMatch, Strength
from tipline.schemas.source import SourcePosition

NOW = datetime(2026, 3, 1, 12, 0, 5, tzinfo=UTC)
SRC = SourcePosition(kind="file", file="events.jsonl", line=3)
EVENT = MessageEvent(
    schema=MESSAGE_SCHEMA,
    event_id="e-1",
    sent_at=datetime(2026, 3, 1, 12, tzinfo=UTC),
    session_id="s-1",
    sender=Account(user_id="u-1"),
    recipients=[Account(user_id="u-2")],
    text="some words that must never reach a decision",
)
ALLOW = ActionGate(
    allowed=True, confidence=0.97, lower_bound=0.93, threshold=0.9, reason="lower-bound-ok"
)
DENY = ActionGate(allowed=False, threshold=0.9, reason="lower-bound-below-threshold")


def attachment(strength: Strength, status: str = "hashed") -> AttachmentVerdict:
    matches = (
        []
        if strength == "none"
        else [HashMatch(list="ncmec", algorithm="pdq", distance=3, strength=strength)]
    )
    return AttachmentVerdict(attachment_id="a-1", status=status, matches=matches, strength=strength)


def session(
    level: Level, *, escalated: bool = False, m2m: bool = False, sext: bool = False
) -> SessionVerdict:
    return SessionVerdict(
        session_id="s-1",
        score=0.85 if level == "report" else 0.6 if level == "review" else 0.1,
        level=level,
        escalated=escalated,
        stage="escalation",
        age_relation="adult-minor",
        minor_to_minor=m2m,
        sextortion=sext,
        signals=[SignalHit(signal="secrecy", message_id="e-0", sender_id="u-1", weight=0.45)],
    )


def run(
    attachments: list[AttachmentVerdict],
    sess: SessionVerdict | None,
    gate: ActionGate | None = None,
    cfg: DecisionConfig | None = None,
) -> Decision:
    return decide(
        cfg or DecisionConfig(),
        EVENT,
        attachments,
        sess,
        gate=gate,
        detector_version="t-1",
        source=SRC,
        now=NOW,
    )


@pytest.mark.parametrize(
    ("strength", "outcome"),
    [("exact", "report"), ("strong", "report"), ("weak", "review"), ("none", "none")],
)
def test_match_strength_maps_through_config(strength: Strength, outcome: str) -> None:
    d = run([attachment(strength)], None)
    assert d.decision == outcome
    assert d.alert == (strength != "none")
    assert d.report_type == (INCIDENT_CSAM if strength != "none" else None)


def test_config_can_send_exact_matches_to_review() -> None:
    cfg = DecisionConfig(exact_match_outcome="review")
    assert run([attachment("exact")], None, cfg=cfg).decision == "review"


def test_grooming_escalation_alerts_once() -> None:
    first = run([], session("review", escalated=True))
    again = run([], session("review"))
    assert (first.decision, first.alert) == ("review", True)
    assert (again.decision, again.alert) == ("review", False)
    assert first.report_type == INCIDENT_ENTICEMENT
    assert "grooming:level:review" in first.reasons
    assert "grooming:signal:secrecy" in first.reasons
    assert "grooming:escalated" in first.reasons


def test_decision_is_the_max_and_hash_wins_the_report_type() -> None:
    d = run([attachment("weak")], session("report"))
    assert d.decision == "report"
    assert d.report_type == INCIDENT_CSAM
    assert "hash:weak:ncmec" in d.reasons


def test_annotations() -> None:
    d = run([], session("review", m2m=True, sext=True))
    assert d.annotations == [MINOR_TO_MINOR, SEXTORTION]
    assert run([], session("none", m2m=True, sext=True)).annotations == []


@pytest.mark.parametrize(
    ("m2m", "sext", "expected"),
    [
        (False, False, []),
        (True, False, [MINOR_TO_MINOR]),
        (False, True, [SEXTORTION]),
        (True, True, [MINOR_TO_MINOR, SEXTORTION]),
    ],
)
def test_each_annotation_only_when_its_flag_is_set(
    m2m: bool, sext: bool, expected: list[str]
) -> None:
    levels: tuple[Level, ...] = ("review", "report")
    for level in levels:
        assert run([], session(level, m2m=m2m, sext=sext)).annotations == expected


def test_gate_decides_actions() -> None:
    cfg = DecisionConfig()
    assert run([], session("report"), ALLOW).recommended_actions == cfg.account_actions
    assert run([], session("report"), DENY).recommended_actions == [HUMAN_REVIEW]
    assert run([], session("report"), None).recommended_actions == [HUMAN_REVIEW]
    assert run([], session("none"), ALLOW).recommended_actions == []
    assert "gate:lower-bound-ok" in run([], session("report"), ALLOW).reasons


def test_failed_fetch_is_a_reason_not_an_outcome() -> None:
    d = run([attachment("none", status="fetch_failed")], None)
    assert d.decision == "none"
    assert d.reasons == ["attachment:fetch_failed"]


def test_no_text_in_the_decision() -> None:
    from tipline.schemas.decision import encode_decision

    d = run([attachment("exact")], session("report", escalated=True), ALLOW)
    assert b"never reach" not in encode_decision(d)
    assert d.decided_at == NOW
    assert (d.sender_id, d.recipient_ids, d.source) == ("u-1", ["u-2"], SRC)


def test_an_oversized_quiet_record_opens_a_review_case() -> None:
    from tipline.operators.decide import OVERSIZED_REASON, route_oversized

    quiet = run([], None)
    assert (quiet.decision, quiet.alert) == ("none", False)
    routed = route_oversized(quiet)
    assert (routed.decision, routed.alert) == ("review", True)
    assert routed.reasons == [*quiet.reasons, OVERSIZED_REASON]
    assert routed.recommended_actions == [HUMAN_REVIEW]
    assert routed.event_id == quiet.event_id


def test_an_oversized_report_stays_a_report_with_the_reason_added() -> None:
    from tipline.operators.decide import OVERSIZED_REASON, route_oversized

    report = run([attachment("exact")], None, gate=ALLOW)
    routed = route_oversized(report)
    assert (routed.decision, routed.alert) == (report.decision, report.alert) == ("report", True)
    assert routed.reasons == [*report.reasons, OVERSIZED_REASON]
    assert routed.recommended_actions == report.recommended_actions
    gated = msgspec.structs.replace(run([], None), recommended_actions=["keep-me"])
    assert route_oversized(gated).recommended_actions == ["keep-me"]


def test_attachment_reasons_name_lists_and_failures() -> None:
    hashed_clean = AttachmentVerdict(attachment_id="a-1", status="hashed")
    assert run([hashed_clean], None).reasons == []  # hashed, nothing matched: no reason
    strong_no_list = AttachmentVerdict(
        attachment_id="a-1", status="hashed", matches=[], strength="strong"
    )
    assert run([strong_no_list], None).reasons == ["hash:strong:unknown"]
    two = AttachmentVerdict(
        attachment_id="a-1", status="hashed", strength="exact",
        matches=[HashMatch(list=n, algorithm="sha256", distance=0, strength="exact")
                 for n in ("zeta", "alpha", "zeta")],
    )  # fmt: skip
    assert run([two], None).reasons == ["hash:exact:alpha", "hash:exact:zeta"]


def test_an_unchecked_attachment_after_a_clean_one_still_alerts() -> None:
    """Media too large to hash raises an alert whatever came before it."""
    d = run([attachment("none"), attachment("none", status="too_large")], None)
    assert d.alert
    assert d.decision == "review"
    assert d.reasons == ["attachment:too_large"]


def test_the_reasons_of_every_attachment_are_kept() -> None:
    d = run([attachment("weak"), attachment("none", status="timeout")], None)
    assert d.reasons == ["hash:weak:ncmec", "attachment:timeout"]


def test_a_session_at_level_none_adds_no_reason_and_no_gate_reason() -> None:
    d = run([], session("none"), gate=DENY)
    assert (d.decision, d.reasons, d.report_type) == ("none", [], None)
    assert d.gate == DENY


def test_a_duplicate_session_message_is_marked_and_the_gate_is_kept() -> None:
    dup = msgspec.structs.replace(session("review"), duplicate=True)
    d = run([], dup, gate=ALLOW)
    assert "grooming:duplicate" in d.reasons
    assert d.reasons[-1] == "gate:lower-bound-ok"
    assert d.gate == ALLOW


def test_a_late_session_message_is_marked_at_any_level() -> None:
    for level in ("none", "review"):
        late = msgspec.structs.replace(session(level), late=True)
        d = run([], late)
        assert d.reasons.count("grooming:late") == 1
        assert "grooming:duplicate" not in d.reasons
    assert "grooming:late" not in run([], session("review")).reasons


def test_unchecked_media_without_a_match_or_a_flagged_session_has_no_report_type() -> None:
    for sess in (None, session("none")):
        d = run([attachment("none", status="too_large")], sess)
        assert d.decision == "review"
        assert d.report_type is None
