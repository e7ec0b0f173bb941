"""Flatten a decision into its content-free audit-lake row."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from tipline.schemas.audit import AuditRow
from tipline.schemas.decision import Decision

_STRENGTH_ORDER: Final = ("none", "weak", "strong", "exact")


def partition_day(sent_at: datetime) -> str:
    """Return the lake's ``dt`` partition of an event time: its UTC day, ``YYYY-MM-DD``.

    ``date.isoformat`` rather than ``strftime`` (over ten times slower, and run
    for every decision); before year 1000 ``strftime`` does not pad the year,
    and the partition names it has always written are kept.
    """
    day = sent_at.astimezone(UTC)
    return day.date().isoformat() if day.year >= 1000 else day.strftime("%Y-%m-%d")


def audit_row(decision: Decision) -> AuditRow:
    """Build the audit row of one decision (ids, hashes, scores, names only)."""
    matches = [m for verdict in decision.attachments for m in verdict.matches]
    strength = max(
        (v.strength for v in decision.attachments), key=_STRENGTH_ORDER.index, default="none"
    )
    session = decision.session
    gate = decision.gate
    return AuditRow(
        event_id=decision.event_id,
        session_id=decision.session_id,
        dt=partition_day(decision.sent_at),
        sent_at=decision.sent_at,
        decided_at=decision.decided_at,
        sender_id=decision.sender_id,
        recipient_count=len(decision.recipient_ids),
        decision=decision.decision,
        alert=decision.alert,
        reasons=list(decision.reasons),
        report_type=decision.report_type,
        annotations=list(decision.annotations),
        attachment_count=len(decision.attachments),
        attachment_statuses=[v.status for v in decision.attachments],
        match_strength=strength,
        matched_lists=sorted({m.list for m in matches}),
        matched_entry_ids=sorted({m.entry_id for m in matches if m.entry_id}),
        min_match_distance=min((m.distance for m in matches), default=None),
        risk_score=session.score if session else None,
        level=session.level if session else None,
        stage=session.stage if session else None,
        age_relation=session.age_relation if session else None,
        signals=sorted({hit.signal for hit in session.signals}) if session else [],
        minor_to_minor=bool(session and session.minor_to_minor),
        sextortion=bool(session and session.sextortion),
        recommended_actions=list(decision.recommended_actions),
        gate_allowed=gate.allowed if gate else None,
        gate_lower_bound=gate.lower_bound if gate else None,
        detector_version=decision.detector_version,
        source=decision.source.describe(),
        source_timestamp_ms=decision.source.timestamp_ms,
    )
