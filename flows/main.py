"""The tipline dataflow, built from a config by :func:`build_flow`.

    input → decode ─bad→ dead letters
              │ok
         match-hashes (images hashed on a background thread: flows/match_step.py)
              │
         key-by-session → score-session (score, decide, seal context)
                                                │ every decision → decisions log + audit lake
                                                │ cases, and batches of messages following them
                                         package-evidence (vault receipt; a background thread,
                                                │  flows/evidence_step.py)
                                                ├→ report-draft → drafts (stored on a
                                                │  background thread too)
                                                └→ alert → alerts

Every step that works on one event turns a per-event failure into a dead
letter tagged with its stage (``match-hashes``, ``score-session``, ``session-context``,
``audit-row``, ``package-evidence``, ``report-draft``, ``alert``); they are
merged with the decode dead letters into the one dead-letter output, sealed.
Systemic faults (storage, keys, vault) still raise so that Bytewax stops and
recovery retries: see ``services/failures.py``.

Step ids are stable kebab-case; renaming one is a state migration. Building a
flow does no I/O: services are built by each worker on first use.

Run it with ``tipline run --config C`` or
``python -m bytewax.run "tipline.flows.main:build_flow('config/default.toml')"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any, TypeGuard, cast

import bytewax.operators as op
from bytewax.connectors.kafka import KafkaSource
from bytewax.dataflow import Dataflow, Stream
from bytewax.inputs import Source

from tipline.flows.evidence_step import DraftLogic, EvidenceLogic, draft_shard, shard_of
from tipline.flows.heartbeat import HeartbeatSource
from tipline.flows.match_step import MatchLogic, hashes_in_background
from tipline.flows.outputs import (
    OutputOverrides,
    draft_writer,
    write_alerts,
    write_dead_letters,
    write_decisions,
    write_drafts,
    write_lake,
)
from tipline.flows.pipeline import Pipeline
from tipline.flows.records import Decided, FollowUps, Inbound
from tipline.flows.session import SessionLogic
from tipline.flows.sources import JsonlSource
from tipline.schemas.config import TiplineConfig, load_config
from tipline.schemas.dead_letter import DeadLetter
from tipline.sinks.kafka_out import kafka_config


def build_flow(
    config: TiplineConfig | str,
    *,
    source: Source[Any] | None = None,
    outputs: OutputOverrides | None = None,
    decisions_path: str | None = None,
    pipeline: Pipeline | None = None,
) -> Dataflow:
    """Build the dataflow for a config (a path or a parsed config).

    Args:
        config: the config, or the path of its TOML file.
        source: replaces the configured input (tests, bounded topic replays);
            it must yield :class:`~tipline.schemas.source.RawRecord` items.
        outputs: sinks that replace configured outputs.
        decisions_path: a folder for ``decisions.jsonl`` (replays); overrides ``[decisions]``.
        pipeline: the steps' implementation (tests inject failing services).

    """
    cfg = load_config(config) if isinstance(config, str) else config
    overrides = outputs or OutputOverrides()
    pipe = pipeline or Pipeline(cfg)
    flow = Dataflow(cfg.job.name)

    raw = op.input("input", flow, source or configured_source(cfg, pipe.env))
    decoded = op.flat_map_batch("decode", raw, pipe.decode_batch)
    split = op.branch("split-dead-letters", decoded, _is_inbound)
    letters: list[Stream[DeadLetter]] = [cast("Stream[DeadLetter]", split.falses)]

    matched = _split_letters("match-failed", _matched(cfg, pipe, split.trues), letters)
    keyed = op.key_on("key-by-session", matched, lambda m: m.event.session_id)
    scored = op.stateful("score-session", keyed, lambda resume: SessionLogic(pipe, resume))
    scored_ok = _split_keyed_letters("score-failed", scored, letters)
    decided = op.filter_map("decisions-only", scored_ok, _decided)

    if cfg.lake.feed == "inline":  # else `tipline lake-feed` fills it from the decisions topic
        rows = op.map_value("audit-row", decided, pipe.to_audit_row)
        rows = _split_keyed_letters("audit-row-failed", rows, letters)
        write_lake("audit-lake", rows, cfg, overrides.lake)
    write_decisions("decisions", decided, cfg, decisions_path, overrides.decisions, env=pipe.env)
    if cfg.evidence.enabled:
        # Cases and follow-up batches stay in one ordered stream: a batch never
        # overtakes the case that opened its package.
        packaged = _split_letters("package-failed", _packaged(cfg, pipe, scored_ok), letters)
        drafts = _split_letters("draft-failed", _drafted(cfg, pipe, packaged, overrides), letters)
        write_drafts("report-drafts", drafts, cfg, overrides.drafts)
        alerts = _split_letters("alert-failed", op.map("alert", packaged, pipe.alert), letters)
        write_alerts("alerts", alerts, cfg, overrides.alerts, pipe.env)
    all_letters = op.merge("all-dead-letters", *letters) if len(letters) > 1 else letters[0]
    write_dead_letters(
        "dead-letters",
        all_letters,
        cfg,
        overrides.dead_letters,
        pipe.seal_dead_letter,
        env=pipe.env,
    )
    return flow


def _is_letter(item: object) -> TypeGuard[DeadLetter]:
    return isinstance(item, DeadLetter)


def _split_letters(
    step: str, stream: Stream[Any], letters: list[Stream[DeadLetter]]
) -> Stream[Any]:
    """Route the dead letters of a step to ``letters``; return the rest of its output."""
    split = op.branch(step, stream, _is_letter)
    letters.append(split.trues)
    return split.falses


def _split_keyed_letters(
    step: str, stream: Stream[tuple[str, Any]], letters: list[Stream[DeadLetter]]
) -> Stream[tuple[str, Any]]:
    """Like :func:`_split_letters` for a keyed stream (the key is dropped from letters)."""
    split = op.branch(step, stream, lambda kv: isinstance(kv[1], DeadLetter))
    letters.append(op.map(f"{step}-unkey", split.trues, lambda kv: cast("DeadLetter", kv[1])))
    return split.falses


def _is_inbound(item: Inbound | DeadLetter) -> TypeGuard[Inbound]:
    return isinstance(item, Inbound)


def _decided(kv: tuple[str, Decided | FollowUps]) -> tuple[str, Decided] | None:
    key, item = kv
    return (key, item) if isinstance(item, Decided) else None


def _needs_evidence(item: Decided | FollowUps) -> bool:
    return isinstance(item, FollowUps) or item.decision.alert


def _matched(cfg: TiplineConfig, pipe: Pipeline, inbound: Stream[Inbound]) -> Stream[Any]:
    """Return the matched messages and dead letters of ``match-hashes`` (flows/match_step.py)."""
    if not hashes_in_background(cfg):
        return op.flat_map_batch("match-hashes", inbound, pipe.match)
    n = cfg.hashing.shards
    shards = op.map("match-shard", inbound, lambda i: shard_of(n, (i.event.session_id, i)))
    done = op.stateful_batch("match-hashes", shards, lambda resume: MatchLogic(pipe, resume))
    return op.key_rm("match-unkey", done)


def _packaged(
    cfg: TiplineConfig, pipe: Pipeline, scored: Stream[tuple[str, Decided | FollowUps]]
) -> Stream[Any]:
    """Return the receipts and dead letters of ``package-evidence`` (flows/evidence_step.py)."""
    if cfg.evidence.executor == "inline":
        cases = op.filter("needs-evidence", op.key_rm("unkey", scored), _needs_evidence)
        return op.flat_map_batch("package-evidence", cases, pipe.package)
    keyed = op.filter("needs-evidence", scored, lambda kv: _needs_evidence(kv[1]))
    shards = op.map("evidence-shard", keyed, partial(shard_of, cfg.evidence.shards))
    done = op.stateful_batch("package-evidence", shards, lambda resume: EvidenceLogic(pipe, resume))
    return op.key_rm("evidence-unkey", done)


def _drafted(
    cfg: TiplineConfig, pipe: Pipeline, packaged: Stream[Any], overrides: OutputOverrides
) -> Stream[Any]:
    """Return the drafts and dead letters of ``report-draft`` (flows/evidence_step.py).

    In the background the worker also stores each draft before it is emitted,
    unless an override sink stores them.
    """
    if cfg.evidence.executor == "inline":
        return op.flat_map("report-draft", packaged, pipe.draft)
    reports = op.filter("needs-draft", packaged, pipe.needs_draft)
    shards = op.map("draft-shard", reports, partial(draft_shard, cfg.evidence.shards))
    write = draft_writer(cfg, overrides.drafts)
    done = op.stateful_batch("report-draft", shards, lambda resume: DraftLogic(pipe, resume, write))
    return op.key_rm("draft-unkey", done)


def configured_source(cfg: TiplineConfig, env: Mapping[str, str]) -> Source[Any]:
    """Return the input source the config selects (JSONL files or Kafka topics).

    Every poll of its partitions is reported for ``/healthz`` (flows/heartbeat.py).
    """
    if cfg.input.kind == "kafka":
        return HeartbeatSource(
            KafkaSource(
                cfg.kafka.brokers,
                cfg.input.topics,
                tail=True,
                starting_offset=_offset(cfg.input.starting_offset),
                add_config=kafka_config(cfg, "consumer", env),
                batch_size=cfg.input.batch_size,
                raise_on_errors=False,
            )
        )
    return HeartbeatSource(JsonlSource(cfg.input.path, batch_size=cfg.input.batch_size))


def _offset(name: str) -> int:
    from confluent_kafka import OFFSET_BEGINNING, OFFSET_END  # noqa: PLC0415

    return OFFSET_END if name == "end" else OFFSET_BEGINNING
