"""Appeal records: a user or reviewer contests a decision; a reviewer resolves it.

Appeals are event-sourced: opening and resolving each append one record with
the same ``appeal_id``; the latest record (by ``recorded_at``) is the appeal's
state. ``reason`` is a short reason code chosen by the appellant tooling, never
message content.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Final, Literal

import msgspec
from msgspec import Meta, Struct

APPEAL_SCHEMA: Final = "tipline.appeal/1"

AppealStatus = Literal["open", "upheld", "overturned"]


class Appeal(Struct, frozen=True, kw_only=True):
    """One appeal state change (open, or resolved as upheld / overturned)."""

    schema: Literal["tipline.appeal/1"] = APPEAL_SCHEMA
    appeal_id: Annotated[str, Meta(min_length=1, max_length=128)]
    event_id: Annotated[str, Meta(min_length=1, max_length=128)]
    status: AppealStatus
    reason: Annotated[str, Meta(min_length=1, max_length=200)]
    opened_at: datetime
    recorded_at: datetime
    reviewer: str | None = None


_ENC: Final = msgspec.json.Encoder()
_DEC: Final = msgspec.json.Decoder(Appeal)


def encode_appeal(appeal: Appeal) -> bytes:
    """Encode an appeal record as one JSON document."""
    return _ENC.encode(appeal)


def decode_appeal(raw: bytes) -> Appeal:
    """Decode one appeal JSON document."""
    return _DEC.decode(raw)
