"""The per-worker processing steps, built lazily from the config.

Building a flow does no I/O; each worker builds its services (hash lists,
keys, vault clients) on first use. Every method here is what one flow step
calls; the Bytewax wiring lives in :mod:`flows.main`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from flows.kafka_io import to_raw_record
from flows.metrics import METRICS
from flows.records import Decided, Inbound, Matched
from operators.audit import audit_row
from operators.intake import decode_record
from schemas.audit import AuditRow
from schemas.config import TiplineConfig
from schemas.dead_letter import DeadLetter
from schemas.alert import encode_alert
from schemas.decision import Decision
from schemas.source import RawRecord


def utc_now() -> datetime:
    """The wall clock, timezone-aware (flows are the only layer that reads it)."""
    return datetime.now(UTC)


@dataclass
class Pipeline:
    """Stateless steps of the flow for one worker."""

    config: TiplineConfig
    _services: dict[str, object] = field(default_factory=dict)

    def decode(self, item: object) -> Inbound | DeadLetter:
        """Decode one source item (step ``decode``): a file line or a Kafka message."""
        started = time.perf_counter()
        METRICS.events_in.inc()
        record = to_raw_record(item, utc_now())
        if isinstance(record, DeadLetter):
            METRICS.dead_letters.labels(record.stage, record.error_type).inc()
            return record
        result = decode_record(
            record, max_bytes=self.config.input.max_record_bytes, now=utc_now()
        )
        METRICS.stage_seconds.labels("decode").observe(time.perf_counter() - started)
        if isinstance(result, DeadLetter):
            METRICS.dead_letters.labels(result.stage, result.error_type).inc()
            return result
        return Inbound(event=result, source=record.source)

    def match(self, inbound: Inbound) -> Matched:
        """Hash every attachment against the lists (step ``match-hashes``)."""
        return Matched(event=inbound.event, source=inbound.source, attachments=[])

    def pass_through(self, matched: Matched) -> Decided:
        """Decide ``none`` for a message (used when grooming scoring is off)."""
        event = matched.event
        decision = Decision(
            event_id=event.event_id,
            session_id=event.session_id,
            sent_at=event.sent_at,
            sender_id=event.sender.user_id,
            recipient_ids=[r.user_id for r in event.recipients],
            decision="none",
            attachments=matched.attachments,
            detector_version=self.config.job.detector_version,
            source=matched.source,
            decided_at=utc_now(),
        )
        METRICS.decisions.labels(decision.decision).inc()
        return Decided(decision=decision, event=event)

    @staticmethod
    def alert(decided: Decided) -> tuple[str, bytes]:
        """The alert for moderation tooling: ids, scores and signal names only."""
        METRICS.alerts.inc()
        return decided.decision.event_id, encode_alert(decided.decision)

    @staticmethod
    def to_audit_row(decided: Decided) -> AuditRow:
        """Flatten a decision for the lake (step ``audit-row``)."""
        return audit_row(decided.decision)
