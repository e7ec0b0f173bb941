from __future__ import annotations

import math

import pytest

from tipline.operators.grooming.baseline import (
    SessionOutcome,
    evaluate,
    keyword_flag_at,
    outcomes_from_decisions,
)


def test_keyword_baseline_flags_at_the_kth_cue_word() -> None:
    texts = ["hi", "are you alone", "lol", "send a pic", "our secret", "meet me"]
    assert keyword_flag_at(texts) == 5
    assert keyword_flag_at(texts, k=1) == 2
    assert keyword_flag_at(["hi", None, "lol"]) is None


def test_evaluate_figures() -> None:
    outcomes = [
        SessionOutcome("p1", True, 20, 8, 6, 2),
        SessionOutcome("p2", True, 20, 4, 9, 1),
        SessionOutcome("p3", True, 20, None, 5, 0),
        SessionOutcome("n1", False, 10, 3, None, 1),
        SessionOutcome("n2", False, 10, None, None, 0),
    ]
    r = evaluate(outcomes)
    assert (r.tp, r.fp, r.fn, r.tn) == (2, 1, 1, 1)
    assert r.precision == pytest.approx(2 / 3)
    assert r.recall == pytest.approx(2 / 3)
    assert r.f1 == pytest.approx(2 / 3)
    assert r.f05 == pytest.approx(2 / 3)
    assert r.alerts_per_1000_sessions == pytest.approx(800.0)
    assert r.median_messages_to_detection == pytest.approx(6.0)
    # after the third cue: p1 → 2, p2 → 0 (flagged before it), p3 → never (inf)
    assert r.median_messages_after_third_cue == pytest.approx(2.0)
    assert r.positives_with_three_cues == 3


def test_evaluate_empty() -> None:
    r = evaluate([])
    assert r.sessions == 0
    assert r.f05 == 0.0
    assert math.isnan(r.median_messages_to_detection)


def test_outcomes_from_decisions() -> None:
    from datetime import UTC, datetime

    from tipline.schemas.decision import Decision
    from tipline.schemas.grooming import SessionVerdict
    from tipline.schemas.source import SourcePosition

    t = datetime(2026, 1, 1, tzinfo=UTC)
    src = SourcePosition(kind="file", file="f", line=1)

    def d(sid: str, outcome: str, alert: bool = False) -> Decision:
        return Decision(
            event_id="e", session_id=sid, sent_at=t, sender_id="u", recipient_ids=["v"],
            decision=outcome, alert=alert, detector_version="t", source=src, decided_at=t,  # type: ignore[arg-type]
            session=SessionVerdict(session_id=sid, score=0.0, level=outcome),  # type: ignore[arg-type]
        )  # fmt: skip

    ds = [d("a", "none"), d("b", "none"), d("a", "review", True), d("a", "report", True)]
    out = outcomes_from_decisions(ds, {"a": True, "b": False, "c": True}, {"a": 1})
    assert out == [
        SessionOutcome("a", True, 3, 2, 1, 2),
        SessionOutcome("b", False, 1, None, None, 0),
        SessionOutcome("c", True, 0, None, None, 0),
    ]
