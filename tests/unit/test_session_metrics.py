"""docs/contract.md §4: session metrics count grooming verdicts only; --explain lists the errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tipline.operators.evaluation import backtest_metrics, explain_errors
from tipline.schemas.decision import Decision
from tipline.schemas.grooming import SessionVerdict
from tipline.schemas.source import SourcePosition

T0 = datetime(2026, 3, 1, tzinfo=UTC)


def decision(sid: str, i: int, outcome: str, level: str, signals: list[str]) -> Decision:
    verdict = SessionVerdict(session_id=sid, score=0.0, level=level, message_signals=signals)  # type: ignore[arg-type]
    return Decision(
        event_id=f"{sid}-{i}", session_id=sid, sent_at=T0 + timedelta(seconds=i),
        sender_id="a", recipient_ids=["b"], decision=outcome,  # type: ignore[arg-type]
        session=verdict, detector_version="t", source=SourcePosition(kind="file", file="x", line=1),
        decided_at=T0,
    )  # fmt: skip


def test_attachment_only_decisions_do_not_flag_a_session() -> None:
    decisions = [
        decision("hash-only", 0, "report", "none", []),  # a known image in an ordinary chat
        decision("groomed", 0, "none", "none", ["age_probe"]),
        decision("groomed", 1, "review", "review", ["secrecy"]),
    ]
    labels = {"hash-only": False, "groomed": True}
    m = backtest_metrics(decisions, labels, {}, events=3, dead_lettered=0)
    assert m["session"]["fp"] == 0  # type: ignore[index]
    assert m["session"]["tp"] == 1  # type: ignore[index]
    assert m["session"]["median_messages_to_detection"] == 2.0  # type: ignore[index]


def test_explain_lists_false_negatives_and_positives_with_signals() -> None:
    decisions = [
        decision("missed", 0, "none", "none", ["flattery"]),
        decision("missed", 1, "none", "none", ["gifts"]),
        decision("family", 0, "review", "review", ["secrecy"]),
        decision("caught", 0, "review", "review", ["meeting"]),
    ]
    out = explain_errors(decisions, {"missed": True, "family": False, "caught": True})
    assert out == {
        "false_negatives": {"missed": ["flattery", "gifts"]},
        "false_positives": {"family": ["secrecy"]},
    }
