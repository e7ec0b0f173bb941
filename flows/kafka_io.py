"""Adapters between Bytewax's Kafka connector items and tipline records."""

from __future__ import annotations

from datetime import datetime

from bytewax.connectors.kafka import KafkaError, KafkaSourceMessage

from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.source import RawRecord, SourcePosition


def to_raw_record(item: object, now: datetime) -> RawRecord | DeadLetter:
    """Turn a source item into a :class:`RawRecord`, or a consume error into a dead letter.

    Raises:
        TypeError: the source yielded something no source of tipline yields (a bug).

    """
    if isinstance(item, RawRecord):
        return item
    if isinstance(item, KafkaSourceMessage):
        return RawRecord(value=item.value or b"", key=item.key, source=_position(item))
    if isinstance(item, KafkaError):
        return DeadLetter(
            stage="consume",
            error_type="KafkaError",
            error=str(item.err),
            source=_position(item.msg),
            raw=item.msg.value or b"",
            key=item.msg.key,
            at=now,
        )
    msg = f"unexpected source item of type {type(item).__name__}"
    raise TypeError(msg)


def _position(msg: KafkaSourceMessage[bytes | None, bytes | None]) -> SourcePosition:
    ts = msg.timestamp[1] if msg.timestamp and msg.timestamp[0] != 0 else None
    return SourcePosition(
        kind="kafka",
        topic=msg.topic,
        partition=msg.partition,
        offset=msg.offset,
        timestamp_ms=ts,
    )
