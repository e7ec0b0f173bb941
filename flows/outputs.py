"""Where the flow's outputs go, chosen by config or injected by tests.

Each output takes domain records (``AuditRow``, ``DeadLetter``, alert and
decision bytes); this module adapts them to the file, lake or Kafka sink the
config selects. Tests inject in-memory sinks that receive the records as is.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bytewax.operators as op
from bytewax.connectors.kafka import KafkaSinkMessage
from bytewax.dataflow import Stream
from bytewax.outputs import Sink

from tipline.schemas.audit import AuditRow
from tipline.schemas.config import TiplineConfig
from tipline.schemas.dead_letter import DeadLetter, encode_dead_letter
from tipline.schemas.decision import encode_decision
from tipline.schemas.environment import EMPTY_ENV
from tipline.services.metrics import METRICS, stage_timer
from tipline.sinks.callback import CallbackSink
from tipline.sinks.decisions import decision_message
from tipline.sinks.drafts import DraftsSink, DraftWriter
from tipline.sinks.jsonl import JsonlSink
from tipline.sinks.kafka_out import IDEMPOTENT, producer_sink
from tipline.sinks.lake import LakeSink


@dataclass(frozen=True)
class OutputOverrides:
    """Sinks that replace the configured ones (flow tests, replays).

    Each receives the plain record: ``AuditRow``, ``DeadLetter``, alert ``bytes``
    or decision ``bytes`` (JSON).
    """

    lake: Sink[Any] | None = None
    dead_letters: Sink[Any] | None = None
    alerts: Sink[Any] | None = None
    decisions: Sink[Any] | None = None
    drafts: Sink[Any] | None = None


def _recovery_dir(cfg: TiplineConfig) -> Path | None:
    return Path(cfg.recovery.path) if cfg.recovery.enabled else None


def observe_lake_write(rows: list[AuditRow], seconds: float) -> None:
    """Record the lake write time and each row's source-to-lake latency."""
    stage_timer("lake").observe(seconds)
    now_ms = time.time_ns() // 1_000_000
    for row in rows:
        if row.source_timestamp_ms is not None:
            METRICS.end_to_end_seconds.observe(max(0, now_ms - row.source_timestamp_ms) / 1000)


def observe_lake_failure(exc: OSError) -> None:
    """Count a failed lake write attempt (its rows stay buffered and are retried)."""
    del exc
    METRICS.lake_write_failures.inc()


def write_lake(
    step: str, rows: Stream[tuple[str, Any]], cfg: TiplineConfig, override: Sink[Any] | None
) -> None:
    """Write ``(session_id, AuditRow)`` items to the audit lake."""
    if override is not None:
        op.output(step, op.map("lake-unkey", rows, lambda kv: kv[1]), override)
        return
    lake = cfg.lake
    sink = LakeSink(
        lake.path,
        shards=lake.shards,
        roll_rows=lake.roll_rows,
        roll_seconds=lake.roll_seconds,
        compression=lake.compression,
        recovery_dir=_recovery_dir(cfg),
        on_flush=observe_lake_write,
        on_fail=observe_lake_failure,
        write_retry_s=lake.write_retry_s,
    )
    op.output(step, rows, sink)


def write_dead_letters(
    step: str,
    letters: Stream[DeadLetter],
    cfg: TiplineConfig,
    override: Sink[Any] | None,
    seal: Callable[[DeadLetter], DeadLetter] | None = None,
    *,
    env: Mapping[str, str] = EMPTY_ENV,
    name: str = "dead-letters",
) -> None:
    """Write dead letters, sealed by ``seal``, to the configured file directory or Kafka topic.

    ``env`` holds the Kafka secrets named in ``kafka.secret_env`` (the CLI reads it once);
    ``name`` is the file's (each process appends to a file of its own).

    Test overrides receive the plain letters. The file is created 0600 in a
    0700 folder; its raw bytes are ciphertext (see ``services/dead_letters.py``).
    """
    if override is not None:
        op.output(step, letters, override)
        return
    if seal is not None:
        letters = op.map("seal-dead-letter", letters, seal)
    dl = cfg.dead_letters
    if dl.kind == "kafka":
        msgs = op.map(
            "dead-letter-message",
            letters,
            lambda d: KafkaSinkMessage(key=d.dedupe_key().encode(), value=encode_dead_letter(d)),
        )
        op.output(step, msgs, producer_sink(cfg, dl.topic, env))
        return
    keyed = op.map("dead-letter-line", letters, lambda d: ("dl", encode_dead_letter(d)))
    op.output(
        step,
        keyed,
        JsonlSink(
            Path(dl.path),
            name,
            fsync=True,
            private=True,
            recovery_dir=_recovery_dir(cfg),
        ),
    )


def write_alerts(
    step: str,
    alerts: Stream[tuple[str, bytes]],
    cfg: TiplineConfig,
    override: Sink[Any] | None,
    env: Mapping[str, str] = EMPTY_ENV,
) -> None:
    """Write ``(event_id, alert JSON)`` items to the configured alerts output."""
    if override is not None:
        op.output(step, op.map("alert-unkey", alerts, lambda kv: kv[1]), override)
        return
    al = cfg.alerts
    if al.kind == "none":
        return
    if al.kind == "kafka":
        msgs = op.map(
            "alert-message", alerts, lambda kv: KafkaSinkMessage(key=kv[0].encode(), value=kv[1])
        )
        op.output(step, msgs, producer_sink(cfg, al.topic, env))
        return
    op.output(step, alerts, JsonlSink(Path(al.path), "alerts", recovery_dir=_recovery_dir(cfg)))


def write_decisions(
    step: str,
    decided: Stream[tuple[str, Any]],
    cfg: TiplineConfig,
    path: str | None,
    override: Sink[Any] | None,
    *,
    env: Mapping[str, str] = EMPTY_ENV,
) -> None:
    """Publish ``(session_id, Decided)`` items to ``[decisions]`` (``path``: a replay's JSONL)."""
    if override is not None:
        plain = op.map("decision-json", decided, lambda kv: encode_decision(kv[1].decision))
        op.output(step, plain, override)
        return
    kind = "jsonl" if path is not None else cfg.decisions.kind
    if kind == "kafka":
        msgs = op.map("decision-message", decided, lambda kv: decision_message(kv[1].decision))
        op.output(step, msgs, producer_sink(cfg, cfg.decisions.topic, env, forced=IDEMPOTENT))
    elif kind == "jsonl":
        lines = op.map_value("decision-json", decided, lambda d: encode_decision(d.decision))
        if path is not None:  # a replay: its own folder, no recovery store
            sink: JsonlSink = JsonlSink(Path(path), "decisions")
        else:
            folder = Path(cfg.decisions.path)
            sink = JsonlSink(folder, "decisions", recovery_dir=_recovery_dir(cfg))
        op.output(step, lines, sink)


def draft_writer(cfg: TiplineConfig, override: Sink[Any] | None) -> DraftWriter | None:
    """Return how the background draft worker stores a draft (None: ``override`` does)."""
    return None if override is not None else DraftsSink(cfg.reports.path).write


def write_drafts(
    step: str, drafts: Stream[Any], cfg: TiplineConfig, override: Sink[Any] | None
) -> None:
    """Write report drafts next to the evidence (idempotent: an existing draft is kept).

    With ``evidence.executor = "background"`` the draft worker has stored them
    (:func:`draft_writer`); only an override sink still receives them.
    """
    if override is not None:
        op.output(step, drafts, override)
        return
    if cfg.evidence.executor == "background":
        return
    path = cfg.reports.path
    op.output(step, drafts, CallbackSink(lambda: DraftsSink(path).write))
