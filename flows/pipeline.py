"""The per-worker processing steps, built lazily from the config.

Building a flow does no I/O; each worker builds its services (hash lists,
keys, vault clients) on first use. Every public method is what one flow step
calls; the Bytewax wiring lives in :mod:`tipline.flows.main` and :mod:`tipline.flows.session`.
Each step records its duration in ``tipline_stage_seconds{stage}``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import msgspec

from tipline.flows.kafka_io import to_raw_record
from tipline.flows.metrics import METRICS, decision_counter, stage_timer
from tipline.flows.records import Decided, FollowUps, Inbound, Matched, Packaged
from tipline.operators.audit import audit_row
from tipline.operators.decide import decide
from tipline.operators.evidence.context import ContextBuffer, SessionSealer
from tipline.operators.evidence.package import package_id_for
from tipline.operators.fairness import gate, parse_calibration
from tipline.operators.grooming.scorer import (
    Scorer,
    compile_scorer,
    message_cues,
    score_message,
)
from tipline.operators.hashing.fetch import attachment_bytes
from tipline.operators.intake import decode_record
from tipline.operators.report import build_draft, load_schema
from tipline.schemas.alert import encode_alert
from tipline.schemas.audit import AuditRow
from tipline.schemas.config import TiplineConfig
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.decision import Decision
from tipline.schemas.errors import ConfigError, FetchError
from tipline.schemas.event import MessageEvent
from tipline.schemas.grooming import CalibrationTable, SessionVerdict
from tipline.schemas.report import ReportDraft, TimelineEntry
from tipline.services.cases import new_case
from tipline.services.evidence import EvidenceService, build_evidence_service
from tipline.services.hashing import HashService, build_hash_service, default_fetcher
from tipline.sinks.cases import CasesSink


def utc_now() -> datetime:
    """Return the wall clock, timezone-aware (flows are the only layer that reads it)."""
    return datetime.now(UTC)


@contextmanager
def _timed(stage: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        stage_timer(stage).observe(time.perf_counter() - started)


@dataclass
class Pipeline:
    """Steps of the flow for one worker; services are built on first use."""

    config: TiplineConfig
    _cache: dict[str, Any] = field(default_factory=dict)

    # ---------------------------------------------------------------- services

    @cached_property
    def hashes(self) -> HashService:
        """The hash lists and matcher (reads list files on first use)."""
        return build_hash_service(self.config.hashing)

    @cached_property
    def scorer(self) -> Scorer:
        """The compiled grooming scorer."""
        return compile_scorer(self.config.grooming, self.config.decision)

    @cached_property
    def calibration(self) -> CalibrationTable | None:
        """The fairness gate's calibration table, when one is configured."""
        path = self.config.decision.calibration_path
        if path is None:
            return None
        try:
            return parse_calibration(Path(path).read_bytes(), path)
        except FileNotFoundError as exc:
            msg = f"decision.calibration_path: {path!r} does not exist"
            raise ConfigError(msg) from exc

    @cached_property
    def evidence(self) -> EvidenceService:
        """The evidence vault (keys from the environment, or dev keys)."""
        return build_evidence_service(self.config.evidence, env=os.environ)

    def preflight(self) -> Pipeline:
        """Build every enabled service now, so a bad list, key or table fails at start.

        Raises:
            ConfigError: (or another TiplineError) naming what is wrong.

        """
        if self.config.hashing.enabled:
            _ = self.hashes
        if self.config.grooming.enabled:
            _ = self.scorer
        _ = self.calibration
        if self.config.evidence.enabled:
            _ = self.evidence.context_keys()
        if self.config.reports.enabled:
            load_schema()
        return self

    # ---------------------------------------------------------------- steps

    def decode(self, item: object) -> Inbound | DeadLetter:
        """Decode one source item (step ``decode``): a file line or a Kafka message."""
        with _timed("decode"):
            METRICS.events_in.inc()
            record = to_raw_record(item, utc_now())
            if not isinstance(record, DeadLetter):
                result = decode_record(
                    record, max_bytes=self.config.input.max_record_bytes, now=utc_now()
                )
                if isinstance(result, MessageEvent):
                    return Inbound(event=result, source=record.source)
                record = result
            METRICS.dead_letters.labels(record.stage, record.error_type).inc()
            return record

    def match(self, inbound: Inbound) -> Matched:
        """Hash every attachment against the lists (step ``match-hashes``)."""
        with _timed("match-hashes"):
            verdicts = (
                self.hashes.match(inbound.event, utc_now()) if inbound.event.attachments else []
            )
        return Matched(event=inbound.event, source=inbound.source, attachments=verdicts)

    def score(self, state: Any, event: MessageEvent) -> tuple[Any, SessionVerdict | None]:
        """Advance the session's grooming score (part of step ``score-session``)."""
        if not self.config.grooming.enabled:
            return state, None
        with _timed("score-session"):
            return score_message(self.scorer, state, event)

    def decide(self, matched: Matched, verdict: SessionVerdict | None) -> Decision:
        """Combine the verdicts of one message (part of step ``score-session``)."""
        with _timed("decide"):
            cfg = self.config.decision
            ruling = gate(cfg, self.calibration, verdict.score if verdict else None)
            decision = decide(
                cfg,
                matched.event,
                matched.attachments,
                verdict,
                gate=ruling,
                detector_version=self.config.job.detector_version,
                source=matched.source,
                now=utc_now(),
            )
        decision_counter(decision.decision).inc()
        return decision

    # ---------------------------------------------------------------- context

    def sealer(self, session_id: str) -> SessionSealer | None:
        """Return the session's context sealer, or None when evidence is off."""
        if not self.config.evidence.enabled:
            return None
        keys = self._cache.get("context-keys")
        if keys is None:
            keys = self._cache["context-keys"] = self.evidence.context_keys()
        return keys.for_session(session_id)

    def new_context(self) -> ContextBuffer:
        """Return an empty sealed context buffer for a new session."""
        return ContextBuffer(self.config.evidence.context)

    @staticmethod
    def package_id(decision: Decision) -> str:
        """Return the deterministic package id of a decision (idempotent packaging)."""
        return package_id_for(decision.event_id)

    # ---------------------------------------------------------------- evidence

    def package(self, item: Decided | FollowUps) -> Packaged | None:
        """Store evidence (step ``package-evidence``).

        A decision that opens a case becomes a package and yields its receipt;
        a batch of messages that followed a case is added to its package as
        supplemental context and yields nothing. Raises if the vault is not
        durable, so no alert or draft can exist without evidence (invariant 2).
        """
        with _timed("evidence"):
            now = utc_now()
            if isinstance(item, FollowUps):
                self.evidence.add_contexts(item.package_id, item.events, now)
                self._record_following(item)
                return None
            decided = item
            receipt = self.evidence.package(
                decided.decision,
                decided.event,
                attachments=self._uri_bytes(decided.event),
                context=decided.context,
                now=now,
            )
            self._open_case(decided, receipt.package_id, now)
        return Packaged(decided=decided, receipt=receipt)

    @cached_property
    def cases(self) -> CasesSink:
        """The review-case store (``[reports].cases_path``)."""
        return CasesSink(self.config.reports.cases_dir())

    def _open_case(self, decided: Decided, package_id: str, now: datetime) -> None:
        """Open the review or report case of a packaged decision (kept if it exists)."""
        record = new_case(
            package_id,
            decided.decision,
            decided.event,
            decided.context,
            deadline_hours=self.config.reports.deadline_hours,
            now=now,
        )
        # Every signal on every message it hit (the console's cues), as in drafts.
        self.cases.open(msgspec.structs.replace(record, context=self._timeline(decided)))

    def _record_following(self, item: FollowUps) -> None:
        """Note who sent each following message, when, and its signals (no text) on the case."""
        if not self.cases.exists(item.package_id):
            return
        weight_of = {c.name: c.weight for c in self.scorer.categories}
        rows = []
        for e in item.events:
            cues = message_cues(self.scorer, e.text)
            rows.append(
                TimelineEntry(
                    message_id=e.event_id,
                    sender_id=e.sender.user_id,
                    sent_at=e.sent_at,
                    signals=cues,
                    weight=round(sum(weight_of.get(c, 0.0) for c in cues), 4),
                )
            )
        self.cases.add_following(item.package_id, rows)

    def _uri_bytes(self, event: MessageEvent) -> dict[str, bytes]:
        """Read URI attachments again for the package; the vault re-checks their hashes."""
        cfg = self.config.hashing
        fetcher = self._cache.get("fetcher")
        if fetcher is None:
            fetcher = self._cache["fetcher"] = default_fetcher(cfg)
        out: dict[str, bytes] = {}
        for attachment in event.attachments:
            if attachment.uri is None:
                continue
            try:
                out[attachment.attachment_id] = attachment_bytes(
                    attachment, fetcher, cfg.max_bytes, cfg.fetch_timeout_s
                )
            except FetchError:
                continue  # recorded in its verdict; the package lists what it could not read
        return out

    def draft(self, packaged: Packaged) -> ReportDraft | None:
        """Build the CyberTipline draft of a ``report`` case (step ``report-draft``)."""
        decision = packaged.decided.decision
        if decision.decision != "report" or not self.config.reports.enabled:
            return None
        with _timed("reports"):
            return build_draft(
                packaged.receipt,
                decision,
                packaged.decided.event,
                self.config.reports,
                utc_now(),
                context=self._timeline(packaged.decided),
            )

    def _timeline(self, decided: Decided) -> list[TimelineEntry]:
        """Content-free timeline rows: each message with every signal that hit it.

        A signal is listed on each message whose text it matches (not only on
        its newest hit, which is all the session verdict keeps), once; the
        trigger also shows ``hash_match`` when one of its files matched a list.
        """
        scorer = self.scorer
        weight_of = {c.name: c.weight for c in scorer.categories}
        session = decided.decision.session
        hits: dict[str, set[str]] = {}
        for hit in session.signals if session else []:
            hits.setdefault(hit.message_id, set()).add(hit.signal)
        trigger = decided.event.event_id
        if any(v.matches for v in decided.decision.attachments):
            hits.setdefault(trigger, set()).add("hash_match")
        rows = []
        for e in [*decided.context, decided.event]:
            cues = hits.get(e.event_id, set()) | set(message_cues(scorer, e.text))
            rows.append(
                TimelineEntry(
                    message_id=e.event_id,
                    sender_id=e.sender.user_id,
                    sent_at=e.sent_at,
                    signals=sorted(cues),
                    weight=round(sum(weight_of.get(c, 0.0) for c in cues), 4),
                    trigger=e.event_id == trigger,
                )
            )
        return rows

    @staticmethod
    def alert(packaged: Packaged) -> tuple[str, bytes]:
        """Build the alert for moderation tooling from the vault's receipt."""
        METRICS.alerts.inc()
        decision = packaged.decided.decision
        return decision.event_id, encode_alert(decision, packaged.receipt.package_id)

    @staticmethod
    def to_audit_row(decided: Decided) -> AuditRow:
        """Flatten a decision for the lake (step ``audit-row``)."""
        return audit_row(decided.decision)
