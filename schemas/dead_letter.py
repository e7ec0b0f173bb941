"""Dead letters: a bad record with its original bytes and why it was rejected."""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

import msgspec
from msgspec import Struct

from tipline.schemas.source import SourcePosition

DEAD_LETTER_SCHEMA: Final = "tipline.dead_letter/1"


class DeadLetter(Struct, frozen=True, kw_only=True):
    """One rejected record.

    ``raw`` is the record value exactly as received (base64 in JSON), so a
    fixed job can re-drive it. ``error`` names the field and the expectation; it
    never quotes message text.
    """

    schema: Literal["tipline.dead_letter/1"] = DEAD_LETTER_SCHEMA
    stage: str
    error_type: str
    error: str
    source: SourcePosition
    raw: bytes
    key: bytes | None = None
    at: datetime

    def dedupe_key(self) -> str:
        """Return the idempotency key of this dead letter (its source position)."""
        return f"{self.stage}|{self.source.describe()}"


_ENC: Final = msgspec.json.Encoder()
_DEC: Final = msgspec.json.Decoder(DeadLetter)


def encode_dead_letter(dl: DeadLetter) -> bytes:
    """Encode a dead letter as one JSON line (without newline)."""
    return _ENC.encode(dl)


def decode_dead_letter(raw: bytes) -> DeadLetter:
    """Decode one dead-letter JSON document."""
    return _DEC.decode(raw)
