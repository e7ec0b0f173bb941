"""The naive keyword baseline and the session-level evaluation helper.

Baseline: a session is flagged at the message where the running count of cue
words (a small fixed list, matched as whole lower-case words in any
participant's messages) reaches ``k``. It is what a simple moderation rule
would do, and the yardstick the session scorer must beat.

Evaluation (:func:`evaluate`) takes one :class:`SessionOutcome` per session,
from the scorer, the baseline or a replay, and computes precision, recall, F1,
F0.5 (PAN-2012's precision-weighted measure), alerts per 1,000 sessions,
docs/contract.md §4's ``median_messages_to_detection`` and the early-detection figure
"messages after the third risk cue" (Vogt et al. 2021 measure latency in
messages). Positives with three cues that are never flagged count as
infinitely late in that median, so misses cannot improve it.

Invariants: pure functions over ids and counts; no text is kept.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Final

from tipline.schemas.decision import Decision

KEYWORDS: Final = frozenset(
    {"age", "old", "alone", "secret", "pic", "photo", "meet", "snap", "gift", "parents"}
)
DEFAULT_K: Final = 3
_WORD: Final = re.compile(r"[a-z]+")


def keyword_flag_at(
    texts: Iterable[str | None], keywords: frozenset[str] = KEYWORDS, k: int = DEFAULT_K
) -> int | None:
    """Return the 1-based message count at which the baseline flags, or None.

    Args:
        texts: the session's message texts in order.
        keywords: the cue words.
        k: how many cue words flag the session.

    Returns:
        The number of messages seen when the ``k``-th cue word appeared.

    """
    seen = 0
    for n, text in enumerate(texts, start=1):
        if text:
            seen += sum(1 for w in _WORD.findall(text.lower()) if w in keywords)
        if seen >= k:
            return n
    return None


@dataclass(frozen=True, slots=True)
class SessionOutcome:
    """How one session fared: its label, length, first flag and third cue."""

    session_id: str
    positive: bool
    messages: int
    flagged_at: int | None
    third_cue_at: int | None = None
    alerts: int = 0


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Session-level detection quality and reviewer load."""

    sessions: int
    tp: int
    fp: int
    fn: int
    tn: int
    precision: float
    recall: float
    f1: float
    f05: float
    alerts_per_1000_sessions: float
    median_messages_to_detection: float
    median_messages_after_third_cue: float
    positives_with_three_cues: int

    def as_dict(self) -> dict[str, float | int | None]:
        """Return the report as a JSON-ready dict (``inf``/``nan`` become None)."""
        return {
            k: None if isinstance(v, float) and not math.isfinite(v) else v
            for k, v in asdict(self).items()
        }


def outcomes_from_decisions(
    decisions: Iterable[Decision],
    labels: dict[str, bool],
    third_cue_at: dict[str, int] | None = None,
) -> list[SessionOutcome]:
    """Build outcomes from a replay's decisions (in replay order) and session labels.

    Args:
        decisions: every decision of the replay, in the order they were made.
        labels: docs/contract.md §3 session labels (unlabelled sessions are skipped).
        third_cue_at: optional 1-based message index of each session's third cue.

    Returns:
        One outcome per labelled session: messages seen, first flag, alerts.

    """
    seen: dict[str, int] = {}
    flagged: dict[str, int] = {}
    alerts: dict[str, int] = {}
    for d in decisions:
        n = seen[d.session_id] = seen.get(d.session_id, 0) + 1
        grooming = d.session is not None and d.session.level != "none"
        if grooming and d.session_id not in flagged:
            flagged[d.session_id] = n
        alerts[d.session_id] = alerts.get(d.session_id, 0) + int(d.alert)
    cues = third_cue_at or {}
    return [
        SessionOutcome(sid, positive, seen.get(sid, 0), flagged.get(sid), cues.get(sid),
                       alerts.get(sid, 0))
        for sid, positive in sorted(labels.items())
    ]  # fmt: skip


def _f_beta(precision: float, recall: float, beta: float) -> float:
    """Return the F-beta score (0 when both inputs are 0)."""
    b2 = beta * beta
    denominator = b2 * precision + recall
    return (1 + b2) * precision * recall / denominator if denominator else 0.0


def _median(values: list[float]) -> float:
    """Return the median, ``nan`` for an empty list."""
    return float(statistics.median(values)) if values else math.nan


def evaluate(outcomes: Iterable[SessionOutcome]) -> EvalReport:
    """Compute the session-level figures over a set of outcomes.

    Args:
        outcomes: one per session.

    Returns:
        The report (precision/recall/F are 0 when undefined, medians ``nan``).

    """
    items = list(outcomes)
    tp = sum(1 for o in items if o.positive and o.flagged_at is not None)
    fp = sum(1 for o in items if not o.positive and o.flagged_at is not None)
    fn = sum(1 for o in items if o.positive and o.flagged_at is None)
    tn = len(items) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    to_detection = [float(o.flagged_at) for o in items if o.positive and o.flagged_at]
    after_third = [
        math.inf if o.flagged_at is None else float(max(o.flagged_at - o.third_cue_at, 0))
        for o in items
        if o.positive and o.third_cue_at is not None
    ]
    return EvalReport(
        sessions=len(items), tp=tp, fp=fp, fn=fn, tn=tn,
        precision=precision, recall=recall,
        f1=_f_beta(precision, recall, 1.0), f05=_f_beta(precision, recall, 0.5),
        alerts_per_1000_sessions=1000.0 * sum(o.alerts for o in items) / max(len(items), 1),
        median_messages_to_detection=_median(to_detection),
        median_messages_after_third_cue=_median(after_third),
        positives_with_three_cues=len(after_third),
    )  # fmt: skip
