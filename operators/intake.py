"""Intake: turn a raw record into a validated event or a dead letter.

Never raises for bad data: every record ends as exactly one event or one
dead letter (invariant 1). The dead letter keeps the original bytes.
"""

from __future__ import annotations

from datetime import datetime

from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.errors import EventDecodeError
from tipline.schemas.event import MessageEvent, decode_event
from tipline.schemas.source import RawRecord


def decode_record(record: RawRecord, *, max_bytes: int, now: datetime) -> MessageEvent | DeadLetter:
    """Decode one record value, or explain why it is rejected.

    Args:
        record: the record as received.
        max_bytes: larger values are rejected without parsing.
        now: the time stamped on a dead letter.

    Returns:
        The event, or a dead letter carrying the original bytes.

    """
    size = len(record.value)
    if size > max_bytes:
        return _dead(record, "EventTooLarge", f"record is {size} bytes (limit {max_bytes})", now)
    try:
        return decode_event(record.value)
    except EventDecodeError as exc:
        return _dead(record, type(exc).__name__, str(exc), now)


def _dead(record: RawRecord, error_type: str, error: str, now: datetime) -> DeadLetter:
    return DeadLetter(
        stage="decode",
        error_type=error_type,
        error=error,
        source=record.source,
        raw=record.value,
        key=record.key,
        at=now,
    )
