"""Opening cases in the flow: one case per evidence package, content-free records."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Final

import msgspec

from tipline.schemas.case import (
    CaseKind,
    CaseRecord,
    StatusChange,
)
from tipline.schemas.decision import Decision
from tipline.schemas.event import MessageEvent
from tipline.schemas.report import (
    TimelineEntry,
)

SUBJECT_DRAFT: Final = "draft"
SUBJECT_CASE: Final = "case"
_CONVERSATION_TYPES: Final = frozenset(
    {"application/vnd.tipline.message+json", "application/vnd.tipline.conversation+json"}
)
_EVENTS_DEC: Final = msgspec.json.Decoder(list[MessageEvent])


def content_free(event: MessageEvent) -> MessageEvent:
    """Return the event without text and inline bytes (what a case record may hold)."""
    attachments = [
        msgspec.structs.replace(a, data_b64=b"") if a.data_b64 is not None else a
        for a in event.attachments
    ]
    return msgspec.structs.replace(event, text=None, attachments=attachments)


def timeline_rows(
    decision: Decision, event: MessageEvent, context: Sequence[MessageEvent]
) -> list[TimelineEntry]:
    """Content-free timeline rows: the preceding messages and the trigger, with their cues."""
    hits: dict[str, set[str]] = {}
    weights: dict[str, float] = {}
    for hit in decision.session.signals if decision.session else []:
        hits.setdefault(hit.message_id, set()).add(hit.signal)
        weights[hit.message_id] = weights.get(hit.message_id, 0.0) + hit.weight
    for verdict in decision.attachments:
        if verdict.matches:
            hits.setdefault(event.event_id, set()).add("hash_match")
    return [
        TimelineEntry(
            message_id=e.event_id,
            sender_id=e.sender.user_id,
            sent_at=e.sent_at,
            signals=sorted(hits.get(e.event_id, set())),
            weight=round(weights.get(e.event_id, 0.0), 4),
            trigger=e.event_id == event.event_id,
        )
        for e in [*context, event]
    ]


def new_case(
    package_id: str,
    decision: Decision,
    event: MessageEvent,
    context: Sequence[MessageEvent],
    *,
    deadline_hours: float,
    now: datetime,
) -> CaseRecord:
    """Return the case a packaged ``review`` or ``report`` decision opens."""
    kind: CaseKind = "report" if decision.decision == "report" else "review"
    return CaseRecord(
        case_id=package_id,
        kind=kind,
        status="draft" if kind == "report" else "open",
        opened_at=now,
        deadline=decision.decided_at + timedelta(hours=deadline_hours),
        session_id=decision.session_id,
        event_id=decision.event_id,
        package_id=package_id,
        draft_id=package_id if kind == "report" else None,
        reasons=list(decision.reasons),
        decision=decision,
        event=content_free(event),
        context=timeline_rows(decision, event, context),
        history=[
            StatusChange(
                at=now,
                status="draft" if kind == "report" else "open",
                actor="tipline",
                note="opened by the flow",
            )
        ],
    )
