"""The per-worker processing steps, built lazily from the config.

Building a flow does no I/O; each worker builds its services (hash lists,
keys, vault clients) on first use. Every public method is what one flow step
calls; the Bytewax wiring lives in :mod:`tipline.flows.main` and :mod:`tipline.flows.session`.
Each step records its duration in ``tipline_stage_seconds{stage}``.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from time import perf_counter
from typing import Any, cast

from tipline.flows.kafka_io import to_raw_record
from tipline.flows.records import Decided, FollowUps, Inbound, Matched, Packaged
from tipline.operators.audit import audit_row
from tipline.operators.decide import decide, route_oversized
from tipline.operators.evidence.context import ContextBuffer, SessionSealer
from tipline.operators.evidence.package import package_id_for
from tipline.operators.fairness import gate, parse_calibration
from tipline.operators.grooming.scorer import (
    Scorer,
    compile_scorer,
    message_cues,
    score_message,
)
from tipline.operators.hashing.fetch import MediaFetcher
from tipline.operators.intake import decode_value, with_embedded_matches
from tipline.operators.report import build_draft, failed_draft, load_schema
from tipline.operators.report.timeline import case_timeline, case_timeline_rows
from tipline.schemas.alert import encode_alert
from tipline.schemas.audit import AuditRow
from tipline.schemas.clock import SYSTEM_CLOCK, Clock
from tipline.schemas.config import TiplineConfig
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.decision import Decision
from tipline.schemas.environment import read_environment
from tipline.schemas.errors import ConfigError
from tipline.schemas.event import MessageEvent
from tipline.schemas.evidence import EvidenceReceipt
from tipline.schemas.grooming import CalibrationTable, SessionVerdict
from tipline.schemas.report import ReportDraft, TimelineEntry
from tipline.schemas.source import RawRecord
from tipline.services.dead_letters import DeadLetterSealer
from tipline.services.evidence import Case, EvidenceService, build_evidence_service
from tipline.services.evidence_queue import OrderedWorker
from tipline.services.failures import FailureTracker
from tipline.services.hash_pool import HashPool, MatchResult, StreamingMatcher, pool_size
from tipline.services.hashing import HashService, build_hash_service
from tipline.services.media_fetch import media_fetcher
from tipline.services.metrics import METRICS, decision_counter, observe_batch, timed
from tipline.services.packaging import PackagingStep
from tipline.sinks.cases import CasesSink
from tipline.sinks.drafts import DraftWriter

# a batch of receipts for the draft worker, and where it stores the drafts (None: a sink does)
DraftJob = tuple[list[Packaged], DraftWriter | None]

# the hashing result of a message without attachments (never read: it has nothing to match)
_NOTHING: MatchResult = ([], {})

# one match worker per pipeline, even when two dataflow workers start it at once
_MATCH_WORKER_LOCK = threading.Lock()


@dataclass
class Pipeline:
    """Steps of the flow for one worker; services are built on first use."""

    config: TiplineConfig
    clock: Clock = SYSTEM_CLOCK
    env: Mapping[str, str] = field(default_factory=read_environment)
    _cache: dict[str, Any] = field(default_factory=dict)

    # ---------------------------------------------------------------- services

    @cached_property
    def hashes(self) -> HashService:
        """The hash lists and matcher (reads list files on first use)."""
        return build_hash_service(self.config.hashing, fetcher=self._fetcher())

    def _fetcher(self) -> MediaFetcher:
        """Return the attachment fetcher (file roots, bucket allow-list, never the vault)."""
        fetcher = self._cache.get("fetcher")
        if fetcher is None:
            fetcher = self._cache["fetcher"] = media_fetcher(self.config, self.env)
        return cast("MediaFetcher", fetcher)

    @cached_property
    def scorer(self) -> Scorer:
        """The compiled grooming scorer."""
        from tipline.services.cue_model import load_cue_model  # noqa: PLC0415

        model = load_cue_model(self.config.grooming)
        return compile_scorer(self.config.grooming, self.config.decision, model)

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
        return build_evidence_service(self.config.evidence, env=self.env)

    @cached_property
    def failures(self) -> FailureTracker:
        """Per-event failure handling: dead letters, systemic re-raise, breaker."""
        return FailureTracker()

    @cached_property
    def dead_letter_sealer(self) -> DeadLetterSealer:
        """Seals dead letters with a key derived from the evidence master key."""
        if self.config.evidence.enabled:
            return DeadLetterSealer.from_provider(self.evidence.keys.provider)
        return DeadLetterSealer.from_config(self.config.evidence, self.env)

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
        _ = self.dead_letter_sealer  # dead letters are never written in the clear
        return self

    # ---------------------------------------------------------------- steps

    def decode(self, item: object) -> Inbound | DeadLetter:
        """Decode one source item: a file line or a Kafka message (see :meth:`decode_batch`)."""
        return self.decode_batch([item])[0]

    def decode_batch(self, items: list[object]) -> list[Inbound | DeadLetter]:
        """Decode a batch of source items (step ``decode``), one result per item, in order.

        The clock is read and the metrics are updated once per batch.
        """
        started, now = perf_counter(), self.clock.now()
        out = [self._decode_one(item, now) for item in items]
        METRICS.events_in.inc(len(items))
        observe_batch("decode", len(items), perf_counter() - started)
        return out

    def _decode_one(self, item: object, now: datetime) -> Inbound | DeadLetter:
        """Decode one item; a record over ``input.max_record_bytes`` is still parsed.

        Up to a hard ceiling, and marked ``oversized``: its attachments are
        hashed and it is routed to review (issue #13).
        """
        record = item if type(item) is RawRecord else to_raw_record(item, now)
        if isinstance(record, DeadLetter):
            METRICS.dead_letters.labels(record.stage, record.error_type).inc()
            return record
        try:
            result, oversized = decode_value(record, self.config.input.max_record_bytes, now)
        except Exception as exc:  # decode_value never raises for bad data: a bug
            return self.failures.letter(
                "decode", exc, source=record.source, event=None, now=now, raw=record.value
            )
        if isinstance(result, MessageEvent):
            return Inbound(event=result, source=record.source, oversized=oversized)
        if oversized and self.config.hashing.enabled:
            result = with_embedded_matches(
                result, self.hashes.lists_matching_embedded(record.value, now)
            )
        METRICS.dead_letters.labels(result.stage, result.error_type).inc()
        return result

    @cached_property
    def hash_pool(self) -> HashPool:
        """Hashes attachments in worker processes (``hashing.pool_workers``; 0: inline)."""
        return HashPool(self.hashes, pool_size(self.config.hashing.pool_workers))

    def match(self, batch: list[Inbound]) -> list[Matched | DeadLetter]:
        """Hash every attachment of a batch against the lists (step ``match-hashes``).

        Results keep input order (services/hash_pool.py). A text-only message has
        nothing to hash and becomes a :class:`Matched` at once (timed together).
        The bytes read from URI attachments are kept with the verdicts: evidence
        packages exactly what was hashed, and no URI is ever read twice.
        """
        now = self.clock.now()
        started = perf_counter()
        with_media = [i.event for i in batch if i.event.attachments]
        hashed = iter(self.hash_pool.match_all(with_media, now) if with_media else ())
        media_s = perf_counter() - started
        results = [next(hashed) if i.event.attachments else _NOTHING for i in batch]
        out = self.matched(batch, results, now)
        observe_batch(
            "match-hashes", len(batch) - len(with_media), perf_counter() - started - media_s
        )
        return out

    def matched(
        self, batch: list[Inbound], results: list[MatchResult], now: datetime
    ) -> list[Matched | DeadLetter]:
        """Return the step's output for a batch and its hashing results (one per message)."""
        out: list[Matched | DeadLetter] = []
        text_only = False
        for inbound, result in zip(batch, results, strict=True):
            if inbound.event.attachments:
                out.append(self._matched(inbound, result, now))
                continue
            text_only = True
            out.append(
                Matched(
                    event=inbound.event, source=inbound.source, attachments=[],
                    oversized=inbound.oversized,
                )
            )  # fmt: skip
        if text_only:
            self.failures.ok("match-hashes")
        return out

    @property
    def match_worker(self) -> StreamingMatcher[Inbound, Matched | DeadLetter]:
        """The background thread of ``hashing.executor = "background"`` (flows/match_step.py).

        It keeps the hashing pool busy with the images of every batch handed
        over, and completes the batches in order (services/hash_pool.py). The
        end of a run stops it (``close_pools``); a later run starts another.
        """
        with _MATCH_WORKER_LOCK:  # dataflow workers of one process share the pipeline
            worker = self._cache.get("match-worker")
            if worker is None or worker.closed:
                worker = self._cache["match-worker"] = self._match_worker()
        return cast("StreamingMatcher[Inbound, Matched | DeadLetter]", worker)

    def _match_worker(self) -> StreamingMatcher[Inbound, Matched | DeadLetter]:
        return StreamingMatcher(
            self.hash_pool,
            lambda inbound: inbound.event,
            lambda batch, results: self.matched(batch, results, self.clock.now()),
            max_in_flight=self.config.hashing.max_in_flight,
            name="tipline-match",
            clock=self.clock.now,
        )

    def _matched(
        self, inbound: Inbound, result: MatchResult, now: datetime
    ) -> Matched | DeadLetter:
        if isinstance(result, Exception):
            return self.failures.letter(
                "match-hashes", result, source=inbound.source, event=inbound.event, now=now
            )
        self.failures.ok("match-hashes")
        verdicts, media = result
        return Matched(
            event=inbound.event,
            source=inbound.source,
            attachments=verdicts,
            media=media,
            oversized=inbound.oversized,
        )

    def score(self, state: Any, event: MessageEvent) -> tuple[Any, SessionVerdict | None]:
        """Advance the session's grooming score (part of step ``score-session``)."""
        if not self.config.grooming.enabled:
            return state, None
        with timed("score-session"):
            return score_message(self.scorer, state, event)

    def decide(self, matched: Matched, verdict: SessionVerdict | None) -> Decision:
        """Combine the verdicts of one message (part of step ``score-session``)."""
        with timed("decide"):
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
                now=self.clock.now(),
            )
            if matched.oversized:
                decision = route_oversized(decision)
        decision_counter(decision.decision).inc()
        return decision

    def failed(self, stage: str, exc: Exception, matched: Matched) -> DeadLetter:
        """Return the dead letter of an event that failed ``stage`` (systemic errors re-raise)."""
        return self.failures.letter(
            stage, exc, source=matched.source, event=matched.event, now=self.clock.now()
        )

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

    @cached_property
    def packaging(self) -> PackagingStep:
        """Evidence packaging and case opening (services/packaging.py)."""
        reading = self._cue_reading
        return PackagingStep(
            self.evidence,
            CasesSink(self.config.reports.cases_dir(), sync=self.config.evidence.group_sync),
            self.failures,
            self.config.reports.deadline_hours,
            timeline=lambda d, e, ctx: case_timeline(d, e, ctx, **reading()),
            following_rows=lambda events: case_timeline_rows(events, **reading()),
        )

    @cached_property
    def evidence_worker(
        self,
    ) -> OrderedWorker[list[Decided | FollowUps], list[Packaged | DeadLetter]]:
        """The background thread that packages for ``evidence.executor = "background"``."""
        bound = self.config.evidence.max_in_flight
        return OrderedWorker(self.package, max_in_flight=bound, name="tipline-evidence")

    @cached_property
    def draft_worker(
        self,
    ) -> OrderedWorker[DraftJob, list[ReportDraft | DeadLetter]]:
        """The background thread that builds and stores drafts (``executor = "background"``)."""
        bound = self.config.evidence.max_in_flight
        return OrderedWorker(self.draft_and_store, max_in_flight=bound, name="tipline-drafts")

    def draft_and_store(self, job: DraftJob) -> list[ReportDraft | DeadLetter]:
        """Build the drafts of a batch of receipts; store each one before it is returned.

        ``job`` is the batch and the store's write function (None when a sink
        downstream stores them). Storing is idempotent, so a re-driven batch
        writes nothing twice; a store that fails raises (a systemic fault).
        """
        items, write = job
        out: list[ReportDraft | DeadLetter] = []
        for packaged in items:
            for result in self.draft(packaged):
                if write is not None and isinstance(result, ReportDraft):
                    write(result)
                out.append(result)
        return out

    def package(self, items: list[Decided | FollowUps]) -> list[Packaged | DeadLetter]:
        """Store the evidence of a batch (step ``package-evidence``).

        The cases of the batch are packaged together, up to
        ``evidence.group_packages`` per group commit; each yields its receipt
        once its package is durable (evidence first), or a dead letter. The
        messages that followed cases are added to their packages in one group
        commit too (yielding nothing); if a package opens in this batch, the
        cases before its follow-ups are committed first. The package holds the
        bytes hashed at first touch (``Decided.media``): no URI is read again.
        """
        now, limit = self.clock.now(), self.config.evidence.group_packages
        out: list[Packaged | DeadLetter] = []
        run: list[Decided] = []
        follow: dict[str, list[MessageEvent]] = {}
        for item in items:
            if isinstance(item, FollowUps):
                if any(self.package_id(d.decision) == item.package_id for d in run):
                    out += self._package_run(run, follow, now)
                    run, follow = [], {}
                follow.setdefault(item.package_id, []).extend(item.events)
                continue
            run.append(item)
            if len(run) == limit:
                out += self._package_run(run, {}, now)
                run = []
        return out + self._package_run(run, follow, now)

    def _package_run(
        self, run: list[Decided], follow: dict[str, list[MessageEvent]], now: datetime
    ) -> list[Packaged | DeadLetter]:
        cases = [Case(d.decision, d.event, d.media, d.context) for d in run]
        opened = self.packaging.package_cases(cases, now)
        return [
            Packaged(decided=d, receipt=r) if isinstance(r, EvidenceReceipt) else r
            for d, results in zip(run, opened, strict=True)
            for r in results
        ] + self.packaging.follow_ups(follow, now)

    def _cue_reading(self) -> dict[str, Any]:
        scorer = self.scorer
        weight_of = {c.name: c.weight for c in scorer.categories}
        return {"cues_of": lambda text: message_cues(scorer, text), "weight_of": weight_of}

    def needs_draft(self, packaged: Packaged) -> bool:
        """Return True for a ``report`` case while drafts are on (``[reports] enabled``)."""
        return packaged.decided.decision.decision == "report" and self.config.reports.enabled

    def draft(self, packaged: Packaged) -> list[ReportDraft | DeadLetter]:
        """Build the CyberTipline draft of a ``report`` case (step ``report-draft``).

        A draft that cannot be built is stored anyway, in status ``failed`` with
        the reason (``tipline reports list`` shows it), beside a dead letter.
        """
        if not self.needs_draft(packaged):
            return []
        decision = packaged.decided.decision
        now = self.clock.now()
        event = packaged.decided.event
        try:
            with timed("reports"):
                draft = build_draft(
                    packaged.receipt,
                    decision,
                    event,
                    self.config.reports,
                    now,
                    context=self._timeline(packaged.decided),
                )
        except Exception as exc:
            letter = self.failures.letter(
                "report-draft", exc, source=decision.source, event=event, now=now
            )
            reason = f"{letter.error_type}: {letter.error}"
            failed = failed_draft(
                packaged.receipt, decision, event, self.config.reports, now, reason=reason
            )
            return [failed, letter]
        self.failures.ok("report-draft")
        return [draft]

    def _timeline(self, d: Decided) -> list[TimelineEntry]:
        return case_timeline(d.decision, d.event, d.context, **self._cue_reading())

    def alert(self, packaged: Packaged) -> tuple[str, bytes] | DeadLetter:
        """Build the alert for moderation tooling from the vault's receipt (step ``alert``)."""
        decision = packaged.decided.decision
        try:
            alert = decision.event_id, encode_alert(decision, packaged.receipt.package_id)
        except Exception as exc:
            return self.failures.letter(
                "alert",
                exc,
                source=decision.source,
                event=packaged.decided.event,
                now=self.clock.now(),
            )
        METRICS.alerts.inc()
        return alert

    def to_audit_row(self, decided: Decided) -> AuditRow | DeadLetter:
        """Flatten a decision for the lake (step ``audit-row``)."""
        try:
            return audit_row(decided.decision)
        except Exception as exc:
            return self.failures.letter(
                "audit-row",
                exc,
                source=decided.decision.source,
                event=decided.event,
                now=self.clock.now(),
            )

    def seal_dead_letter(self, letter: DeadLetter) -> DeadLetter:
        """Encrypt a dead letter's raw bytes for the dead-letter output (content at rest)."""
        return self.dead_letter_sealer.seal(letter)
