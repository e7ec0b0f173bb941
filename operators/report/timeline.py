"""The report timeline of a case: its context messages and the trigger, with signal hits."""

from __future__ import annotations

from collections.abc import Sequence

from tipline.schemas.decision import Decision
from tipline.schemas.event import MessageEvent
from tipline.schemas.report import TimelineEntry


def case_timeline(
    decision: Decision, event: MessageEvent, context: Sequence[MessageEvent]
) -> list[TimelineEntry]:
    """Return one entry per context message and the trigger, with the signals each carried."""
    hits: dict[str, list[str]] = {}
    weights: dict[str, float] = {}
    session = decision.session
    for hit in session.signals if session else []:
        hits.setdefault(hit.message_id, []).append(hit.signal)
        weights[hit.message_id] = weights.get(hit.message_id, 0.0) + hit.weight
    return [
        TimelineEntry(
            message_id=e.event_id,
            sender_id=e.sender.user_id,
            sent_at=e.sent_at,
            signals=sorted(set(hits.get(e.event_id, []))),
            weight=round(weights.get(e.event_id, 0.0), 4),
            trigger=e.event_id == event.event_id,
        )
        for e in [*context, event]
    ]
