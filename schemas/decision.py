"""The decision made for each message: none / review / report, with its explanation."""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

import msgspec
from msgspec import Struct

from tipline.schemas.grooming import SessionVerdict
from tipline.schemas.hashing import AttachmentVerdict
from tipline.schemas.source import SourcePosition

DECISION_SCHEMA: Final = "tipline.decision/1"

Outcome = Literal["none", "review", "report"]

INCIDENT_CSAM: Final = "Child Pornography (possession, manufacture, and distribution)"
INCIDENT_ENTICEMENT: Final = "Online Enticement of Children for Sexual Acts"


class ActionGate(Struct, frozen=True, kw_only=True):
    """The fairness gate's ruling on recommending an account action."""

    allowed: bool
    confidence: float | None = None
    lower_bound: float | None = None
    threshold: float | None = None
    reason: str


class Decision(Struct, frozen=True, kw_only=True):
    """One message's decision; exactly one per valid input record.

    ``alert`` is true when this decision opens a new case (a new hash match or
    a session escalation); only those get an evidence package, an alert and a
    report draft. ``reasons`` are machine-readable (``hash:exact:ncmec``,
    ``grooming:level:review``) and never quote content.
    """

    schema: Literal["tipline.decision/1"] = DECISION_SCHEMA
    event_id: str
    session_id: str
    sent_at: datetime
    sender_id: str
    recipient_ids: list[str]
    decision: Outcome
    alert: bool = False
    reasons: list[str] = []
    report_type: str | None = None
    annotations: list[str] = []
    attachments: list[AttachmentVerdict] = []
    session: SessionVerdict | None = None
    recommended_actions: list[str] = []
    gate: ActionGate | None = None
    detector_version: str
    source: SourcePosition
    decided_at: datetime


_ENC: Final = msgspec.json.Encoder()
_DEC: Final = msgspec.json.Decoder(Decision)


def encode_decision(decision: Decision) -> bytes:
    """Encode a decision as one JSON document (without newline)."""
    return _ENC.encode(decision)


def decode_decision(raw: bytes) -> Decision:
    """Decode one decision JSON document."""
    return _DEC.decode(raw)
