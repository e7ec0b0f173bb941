"""The report timeline of a case: its context messages and the trigger, with signal hits."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from tipline.schemas.decision import Decision
from tipline.schemas.event import MessageEvent
from tipline.schemas.report import TimelineEntry

CuesOf = Callable[[str | None], Sequence[str]]


def case_timeline(
    decision: Decision,
    event: MessageEvent,
    context: Sequence[MessageEvent],
    *,
    cues_of: CuesOf | None = None,
    weight_of: Mapping[str, float] | None = None,
) -> list[TimelineEntry]:
    """Return one entry per context message and the trigger, with every signal that hit it.

    A signal is listed on each message whose text it matches (``cues_of``, the
    scorer's per-message reading), not only on its newest hit, which is all the
    session verdict keeps; once per message. The trigger also shows
    ``hash_match`` when one of its files matched a list. Names only, no text.
    """
    weights = weight_of or {}
    hits: dict[str, set[str]] = {}
    session = decision.session
    for hit in session.signals if session else []:
        hits.setdefault(hit.message_id, set()).add(hit.signal)
    if any(v.matches for v in decision.attachments):
        hits.setdefault(event.event_id, set()).add("hash_match")
    rows = []
    for e in [*context, event]:
        cues = hits.get(e.event_id, set()) | set(cues_of(e.text) if cues_of else ())
        rows.append(
            TimelineEntry(
                message_id=e.event_id,
                sender_id=e.sender.user_id,
                sent_at=e.sent_at,
                signals=sorted(cues),
                weight=round(sum(weights.get(c, 0.0) for c in cues), 4),
                trigger=e.event_id == event.event_id,
            )
        )
    return rows


def case_timeline_rows(
    events: Sequence[MessageEvent],
    *,
    cues_of: CuesOf,
    weight_of: Mapping[str, float],
) -> list[TimelineEntry]:
    """Rows for messages that followed a case: sender, time and the signals each shows."""
    rows = []
    for e in events:
        cues = sorted(cues_of(e.text))
        rows.append(
            TimelineEntry(
                message_id=e.event_id,
                sender_id=e.sender.user_id,
                sent_at=e.sent_at,
                signals=cues,
                weight=round(sum(weight_of.get(c, 0.0) for c in cues), 4),
            )
        )
    return rows
