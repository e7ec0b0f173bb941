"""Where an input record came from: a file line or a Kafka topic/partition/offset."""

from __future__ import annotations

from typing import Literal

from msgspec import Struct


class SourcePosition(Struct, frozen=True, kw_only=True):
    """The position of one input record, carried to decisions and dead letters.

    ``timestamp_ms`` is the Kafka record timestamp (or the time the file line
    was read); end-to-end latency is measured from it.
    """

    kind: Literal["file", "kafka"]
    file: str | None = None
    line: int | None = None
    topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    timestamp_ms: int | None = None

    def describe(self) -> str:
        """Return ``file:line`` or ``topic/partition@offset`` for messages and logs."""
        if self.kind == "file":
            return f"{self.file}:{self.line}"
        return f"{self.topic}/{self.partition}@{self.offset}"


class RawRecord(Struct, frozen=True, kw_only=True):
    """One input record exactly as received, before any decoding."""

    value: bytes
    key: bytes | None = None
    source: SourcePosition
