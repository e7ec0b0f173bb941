"""The tipline dataflow, built from a config by :func:`build_flow`.

    input → decode ─bad→ dead letters
              │ok
         match-hashes → key-by-session → score-session (score, decide, seal context)
                                                │ every decision → audit lake (+ decisions.jsonl)
                                                │ cases, and batches of messages following them
                                         package-evidence (vault receipt)
                                                ├→ report-draft → drafts
                                                └→ alert → alerts

Step ids are stable kebab-case; renaming one is a state migration. Building a
flow does no I/O: services are built by each worker on first use.

Run it with ``tipline run --config C`` or
``python -m bytewax.run "tipline.flows.main:build_flow('config/default.toml')"``.
"""

from __future__ import annotations

from typing import Any, TypeGuard, cast

import bytewax.operators as op
from bytewax.connectors.kafka import KafkaSource
from bytewax.dataflow import Dataflow, Stream
from bytewax.inputs import Source

from tipline.flows.outputs import (
    OutputOverrides,
    kafka_config,
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
from tipline.schemas.decision import encode_decision


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
        decisions_path: a folder for ``decisions.jsonl`` (replays).
        pipeline: the steps' implementation (tests inject failing services).

    """
    cfg = load_config(config) if isinstance(config, str) else config
    overrides = outputs or OutputOverrides()
    pipe = pipeline or Pipeline(cfg)
    flow = Dataflow(cfg.job.name)

    raw = op.input("input", flow, source or configured_source(cfg))
    decoded = op.map("decode", raw, pipe.decode)
    split = op.branch("split-dead-letters", decoded, _is_inbound)
    letters = cast("Stream[DeadLetter]", split.falses)
    write_dead_letters("dead-letters", letters, cfg, overrides.dead_letters)

    matched = op.map("match-hashes", split.trues, pipe.match)
    keyed = op.key_on("key-by-session", matched, lambda m: m.event.session_id)
    scored = op.stateful("score-session", keyed, lambda resume: SessionLogic(pipe, resume))
    decided = op.filter_map("decisions-only", scored, _decided)

    rows = op.map_value("audit-row", decided, pipe.to_audit_row)
    write_lake("audit-lake", rows, cfg, overrides.lake)
    decision_json = op.map_value("decision-json", decided, lambda d: encode_decision(d.decision))
    write_decisions("decisions", decision_json, decisions_path, overrides.decisions)
    if not cfg.evidence.enabled:
        return flow

    # Cases and follow-up batches stay in one ordered stream: a batch never
    # overtakes the case that opened its package.
    cases = op.filter("needs-evidence", op.key_rm("unkey", scored), _needs_evidence)
    packaged = op.filter_map("package-evidence", cases, pipe.package)
    drafts = op.filter_map("report-draft", packaged, pipe.draft)
    write_drafts("report-drafts", drafts, cfg, overrides.drafts)
    alerts = op.map("alert", packaged, pipe.alert)
    write_alerts("alerts", alerts, cfg, overrides.alerts)
    return flow


def _is_inbound(item: Inbound | DeadLetter) -> TypeGuard[Inbound]:
    return isinstance(item, Inbound)


def _decided(kv: tuple[str, Decided | FollowUps]) -> tuple[str, Decided] | None:
    key, item = kv
    return (key, item) if isinstance(item, Decided) else None


def _needs_evidence(item: Decided | FollowUps) -> bool:
    return isinstance(item, FollowUps) or item.decision.alert


def configured_source(cfg: TiplineConfig) -> Source[Any]:
    """Return the input source the config selects (JSONL files or Kafka topics)."""
    if cfg.input.kind == "kafka":
        return KafkaSource(
            cfg.kafka.brokers,
            cfg.input.topics,
            tail=True,
            starting_offset=_offset(cfg.input.starting_offset),
            add_config=kafka_config(cfg, "consumer"),
            batch_size=cfg.input.batch_size,
            raise_on_errors=False,
        )
    return JsonlSource(cfg.input.path, batch_size=cfg.input.batch_size)


def _offset(name: str) -> int:
    from confluent_kafka import OFFSET_BEGINNING, OFFSET_END  # noqa: PLC0415

    return OFFSET_END if name == "end" else OFFSET_BEGINNING
