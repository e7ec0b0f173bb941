"""The audit-lake row: one flat, content-free record per decision.

Columns hold ids, hashes, scores, signal names and reasons — never message
text or media. ``dt`` (the event date, UTC) is the lake partition.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

from msgspec import Struct

AUDIT_ROW_SCHEMA: Final = "tipline.audit_row/1"


class AuditRow(Struct, frozen=True, kw_only=True):
    """One decision, flattened for Parquet."""

    schema: Literal["tipline.audit_row/1"] = AUDIT_ROW_SCHEMA
    event_id: str
    session_id: str
    dt: str
    sent_at: datetime
    decided_at: datetime
    sender_id: str
    recipient_count: int
    decision: str
    alert: bool
    reasons: list[str]
    report_type: str | None
    annotations: list[str]
    attachment_count: int
    attachment_statuses: list[str]
    match_strength: str
    matched_lists: list[str]
    matched_entry_ids: list[str]
    min_match_distance: int | None
    risk_score: float | None
    level: str | None
    stage: str | None
    age_relation: str | None
    signals: list[str]
    minor_to_minor: bool
    sextortion: bool
    recommended_actions: list[str]
    gate_allowed: bool | None
    gate_lower_bound: float | None
    detector_version: str
    source: str
    source_timestamp_ms: int | None
