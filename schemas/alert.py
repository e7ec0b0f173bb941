"""The alert for moderation tooling: ids, scores and signal names, never content."""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

import msgspec
from msgspec import Struct

from tipline.schemas.decision import Decision

ALERT_SCHEMA: Final = "tipline.alert/1"


class Alert(Struct, frozen=True, kw_only=True):
    """One alert, emitted only after its evidence package is durable."""

    schema: Literal["tipline.alert/1"] = ALERT_SCHEMA
    event_id: str
    session_id: str
    sent_at: datetime
    decision: str
    report_type: str | None
    reasons: list[str]
    risk_score: float | None = None
    signals: list[str] = []
    matched_lists: list[str] = []
    package_id: str | None = None
    source_timestamp_ms: int | None = None


_ENC: Final = msgspec.json.Encoder()


def alert_for(decision: Decision, package_id: str | None = None) -> Alert:
    """Build the content-free alert of a decision."""
    session = decision.session
    return Alert(
        event_id=decision.event_id,
        session_id=decision.session_id,
        sent_at=decision.sent_at,
        decision=decision.decision,
        report_type=decision.report_type,
        reasons=list(decision.reasons),
        risk_score=session.score if session else None,
        signals=sorted({s.signal for s in session.signals}) if session else [],
        matched_lists=sorted({m.list for v in decision.attachments for m in v.matches}),
        package_id=package_id,
        source_timestamp_ms=decision.source.timestamp_ms,
    )


def encode_alert(decision: Decision, package_id: str | None = None) -> bytes:
    """Encode the alert of a decision as JSON."""
    return _ENC.encode(alert_for(decision, package_id))
