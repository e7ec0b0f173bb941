"""Intake: turn a raw record into a validated event or a dead letter.

Never raises for bad data: every record ends as exactly one event or one
dead letter (invariant 1). The dead letter keeps the original bytes.

A record over ``max_bytes`` is not simply dropped (issue #13: a known image
plus padding evaded matching): :func:`decode_oversized` still parses it, up to
:data:`OVERSIZE_PARSE_LIMIT`, so its attachments are hashed and the event is
routed to review; only a record that cannot be parsed stays a dead letter,
and even then its inline ``data_b64`` blobs are found by a byte scan
(:func:`embedded_media`) so that a known image inside it is flagged
(``EventTooLargeKnownMedia``) for a person to review.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime
from typing import Final

import msgspec

from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.errors import EventDecodeError
from tipline.schemas.event import MessageEvent, decode_event
from tipline.schemas.source import RawRecord

OVERSIZE_PARSE_LIMIT: Final = 64 * 1024 * 1024
"""Records larger than this are never parsed (memory bound); they stay dead letters."""


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


def decode_oversized(
    record: RawRecord, *, max_bytes: int, now: datetime
) -> MessageEvent | DeadLetter:
    """Parse a record that is over ``max_bytes`` so that its attachments can still be hashed.

    Returns:
        The event (the caller routes it to review), or an ``EventTooLarge``
        dead letter when it is over :data:`OVERSIZE_PARSE_LIMIT` or does not
        parse as an event (the reason says which).

    """
    size = len(record.value)
    limit = f"record is {size} bytes (limit {max_bytes})"
    if size > OVERSIZE_PARSE_LIMIT:
        return _dead(record, "EventTooLarge", f"{limit}; not parsed", now)
    try:
        return decode_event(record.value)
    except EventDecodeError as exc:
        return _dead(record, "EventTooLarge", f"{limit}; not an event either: {exc}", now)


def decode_value(
    record: RawRecord, max_bytes: int, now: datetime
) -> tuple[MessageEvent | DeadLetter, bool]:
    """Decode a record, parsing it even when over ``max_bytes`` (:func:`decode_oversized`).

    Returns:
        The event or its dead letter, and whether the record was oversized.

    """
    if len(record.value) > max_bytes:
        return decode_oversized(record, max_bytes=max_bytes, now=now), True
    return decode_record(record, max_bytes=max_bytes, now=now), False


_INLINE_DATA: Final = re.compile(rb'"data_b64"\s*:\s*"([A-Za-z0-9+/=]{16,})"')
MAX_EMBEDDED: Final = 32


def embedded_media(value: bytes) -> list[bytes]:
    """Return the inline attachment bytes found in a record that does not parse.

    A record over the size limit that is not a valid event may still carry a
    known image; its ``data_b64`` strings are found by a byte scan and decoded
    (strict base64), at most :data:`MAX_EMBEDDED` of them, so they can at least
    be matched by their exact digests.
    """
    out: list[bytes] = []
    for found in _INLINE_DATA.finditer(value):
        try:
            out.append(base64.b64decode(found.group(1), validate=True))
        except binascii.Error:
            continue
        if len(out) >= MAX_EMBEDDED:
            break
    return out


def with_embedded_matches(letter: DeadLetter, lists: list[str]) -> DeadLetter:
    """Mark an oversized dead letter whose embedded media matched hash lists."""
    if not lists:
        return letter
    names = ", ".join(sorted(set(lists)))
    return msgspec.structs.replace(
        letter,
        error_type="EventTooLargeKnownMedia",
        error=f"{letter.error}; embedded media matches hash list(s) {names}: review it",
    )


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
