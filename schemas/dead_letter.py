"""Dead letters: a bad record (or an event a step failed) with its bytes and why.

Stages: ``decode`` (the record is not an event), ``match-hashes``, ``open-case``,
``score-session`` and ``audit-row`` (the event has no decision in the lake),
and ``package-evidence``, ``report-draft``, ``alert`` (the decision is in the
lake; a later step failed for this one event). So, for the lake:
``inputs == lake decisions + dead letters whose stage is in NO_DECISION_STAGES``,
and letters of the other stages are counted on their own (issue #13).

``raw`` is content. Written outputs (file or Kafka) carry it *sealed*
(AES-256-GCM under a key derived from the evidence master key, see
``services/dead_letters.py``): ``sealed`` then names the scheme and ``raw`` holds
``nonce || ciphertext``; in flight between steps it is plain.
"""

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
    event_id: str | None = None
    sealed: str | None = None
    at: datetime

    def dedupe_key(self) -> str:
        """Return the idempotency key of this dead letter (its source position)."""
        return f"{self.stage}|{self.source.describe()}"


NO_DECISION_STAGES: Final = frozenset({"decode", "match-hashes", "score-session", "audit-row"})
"""Stages whose dead letter means the input has no decision in the lake."""

_ENC: Final = msgspec.json.Encoder()
_DEC: Final = msgspec.json.Decoder(DeadLetter)


def encode_dead_letter(dl: DeadLetter) -> bytes:
    """Encode a dead letter as one JSON line (without newline)."""
    return _ENC.encode(dl)


def decode_dead_letter(raw: bytes) -> DeadLetter:
    """Decode one dead-letter JSON document."""
    return _DEC.decode(raw)
