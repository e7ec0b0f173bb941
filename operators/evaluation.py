"""Backtest metrics of docs/contract.md §4 from decisions and labels.

A session is flagged when the grooming scorer's own verdict on any of its
messages (``decision.session.level``) reached ``review`` or ``report``;
decisions raised only by attachment matches count for attachments, not for
sessions (docs/contract.md §4). An attachment is flagged when it matched a list entry. Only labelled
sessions and attachments count. Precision, recall and F-scores are 0.0 when
their denominator is 0.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from typing import Final

from msgspec import Struct

from tipline.schemas.decision import Decision

_FLAGGED: Final = frozenset({"review", "report"})


class Confusion(Struct, kw_only=True):
    """Counts of a binary evaluation."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, *, predicted: bool, actual: bool) -> None:
        """Count one labelled item."""
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    def scores(self) -> dict[str, float | int]:
        """tp/fp/fn/tn with precision, recall, F1 and F0.5."""
        p = _ratio(self.tp, self.tp + self.fp)
        r = _ratio(self.tp, self.tp + self.fn)
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": p,
            "recall": r,
            "f1": _f_beta(p, r, 1.0),
            "f05": _f_beta(p, r, 0.5),
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f_beta(p: float, r: float, beta: float) -> float:
    b2 = beta * beta
    denom = b2 * p + r
    return (1 + b2) * p * r / denom if denom else 0.0


def session_flagged(decision: Decision) -> bool:
    """Return True when the grooming verdict of this decision is ``review`` or ``report``."""
    return decision.session is not None and decision.session.level in _FLAGGED


def messages_to_detection(decisions: Iterable[Decision]) -> dict[str, int]:
    """For each flagged session, how many of its messages had been seen at first flag.

    Only the grooming verdict counts (:func:`session_flagged`). Decisions are
    taken in event-time order (ties keep input order).
    """
    ordered = sorted(enumerate(decisions), key=lambda p: (p[1].sent_at, p[0]))
    seen: dict[str, int] = {}
    first: dict[str, int] = {}
    for _, d in ordered:
        seen[d.session_id] = seen.get(d.session_id, 0) + 1
        if session_flagged(d) and d.session_id not in first:
            first[d.session_id] = seen[d.session_id]
    return first


def explain_errors(
    decisions: Iterable[Decision], session_labels: Mapping[str, bool]
) -> dict[str, dict[str, list[str]]]:
    """False-negative and false-positive session ids with the grooming signals that fired.

    Args:
        decisions: every decision of the replay.
        session_labels: docs/contract.md §3 session labels.

    Returns:
        ``{"false_negatives": {session_id: [signal, ...]}, "false_positives": {...}}``
        (signal names only, sorted).

    """
    flagged: set[str] = set()
    fired: dict[str, set[str]] = {}
    for d in decisions:
        if session_flagged(d):
            flagged.add(d.session_id)
        if d.session is not None:
            fired.setdefault(d.session_id, set()).update(d.session.message_signals)
    out: dict[str, dict[str, list[str]]] = {"false_negatives": {}, "false_positives": {}}
    for session_id, positive in sorted(session_labels.items()):
        if positive != (session_id in flagged):
            kind = "false_negatives" if positive else "false_positives"
            out[kind][session_id] = sorted(fired.get(session_id, set()))
    return out


def backtest_metrics(
    decisions: list[Decision],
    session_labels: Mapping[str, bool],
    attachment_labels: Mapping[str, bool],
    *,
    events: int,
    dead_lettered: int,
) -> dict[str, object]:
    """Compute ``metrics.json`` exactly as docs/contract.md §4 specifies it."""
    first_flag = messages_to_detection(decisions)
    sessions = Confusion()
    for session_id, positive in session_labels.items():
        sessions.add(predicted=session_id in first_flag, actual=positive)
    tp_latency = [n for s, n in first_flag.items() if session_labels.get(s)]
    session_scores = sessions.scores()
    session_scores["median_messages_to_detection"] = (
        float(statistics.median(tp_latency)) if tp_latency else 0.0
    )

    matched = {v.attachment_id for d in decisions for v in d.attachments if v.matches}
    attachments = Confusion()
    for attachment_id, positive in attachment_labels.items():
        attachments.add(predicted=attachment_id in matched, actual=positive)
    return {
        "session": session_scores,
        "attachment": attachments.scores(),
        "events": events,
        "dead_lettered": dead_lettered,
    }
