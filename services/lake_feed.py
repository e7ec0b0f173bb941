"""The lake feed's work: decisions topic records → audit rows, bad records → dead letters.

``tipline lake-feed`` (``flows/lake_feed.py``) runs this in a process of its
own when ``lake.feed = "decisions"``: the job publishes every decision to the
decisions topic and writes no lake, so its snapshots never wait on Parquet.

Exactly once in the lake, with recovery on:

* a crash of the **job** replays its input from its last snapshot and publishes
  those decisions again (the topic is at-least-once); the feed drops a decision
  whose ``event_id`` its session has already seen (``sinks/lake_feed.py``);
* a crash of the **feed** replays the topic from the feed's own last snapshot
  (recovery store ``recovery.path``/lake-feed): the lake files written after
  it are deleted and rewritten, and the remembered ids are those of the
  snapshot, so each decision becomes exactly one row.

A record that is not a decision (or whose row cannot be built) becomes a dead
letter of stage ``lake-feed``; the feed goes on. Its error names the field and
the expectation, never a value from the record.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Final

import msgspec

from tipline.operators.audit import audit_row
from tipline.schemas.audit import AuditRow
from tipline.schemas.clock import SYSTEM_CLOCK, Clock
from tipline.schemas.config import TiplineConfig
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.decision import Decision, decode_decision, encode_decision
from tipline.schemas.environment import EMPTY_ENV
from tipline.schemas.source import RawRecord
from tipline.services.dead_letters import DeadLetterSealer
from tipline.services.metrics import METRICS

STAGE: Final = "lake-feed"
_QUOTED: Final = re.compile(r"'(?:[^'\\]|\\.)*'")


def lake_feed_config(cfg: TiplineConfig) -> TiplineConfig:
    """Derive the config the feed process runs with from the job's.

    Input: the decisions topic from its beginning (a consumer ``group.id`` gets
    ``-lake-feed``); recovery store: ``recovery.path``/lake-feed, snapshotted
    every ``max(recovery.snapshot_interval_s, lake.roll_seconds)`` (each
    snapshot rolls the lake, so files hold ``roll_seconds`` of rows); no
    report-draft gauges and no dataflow API (the job serves those).
    """
    rep = msgspec.structs.replace
    rec, consumer = cfg.recovery, dict(cfg.kafka.consumer)
    if "group.id" in consumer:
        consumer["group.id"] = f"{consumer['group.id']}-lake-feed"
    return rep(
        cfg,
        job=rep(cfg.job, name=f"{cfg.job.name}-lake-feed"),
        kafka=rep(cfg.kafka, consumer=consumer),
        input=rep(
            cfg.input, kind="kafka", topics=[cfg.decisions.topic], starting_offset="beginning"
        ),
        recovery=rep(
            rec,
            path=str(Path(rec.path) / "lake-feed"),
            snapshot_interval_s=max(rec.snapshot_interval_s, cfg.lake.roll_seconds),
        ),
        metrics=rep(cfg.metrics, dataflow_api_port=0),
        reports=rep(cfg.reports, enabled=False),
    )


class LakeFeed:
    """Decode decisions, build their rows, seal dead letters (the feed's steps)."""

    def __init__(
        self, cfg: TiplineConfig, *, env: Mapping[str, str] = EMPTY_ENV, clock: Clock = SYSTEM_CLOCK
    ) -> None:
        self.config = cfg
        self.env = env
        self.clock = clock

    @cached_property
    def sealer(self) -> DeadLetterSealer:
        """Seals dead letters with the job's key (``tipline dlq`` opens them)."""
        return DeadLetterSealer.from_config(self.config.evidence, self.env)

    def preflight(self) -> LakeFeed:
        """Build the sealer now, so a bad key fails at start."""
        _ = self.sealer
        return self

    def decode(self, record: RawRecord | DeadLetter) -> Decision | DeadLetter:
        """Decode one record of the decisions topic (step ``decode-decision``)."""
        METRICS.events_in.inc()  # the feed's progress line counts decisions read
        if isinstance(record, DeadLetter):
            return self._counted(record)
        try:
            return decode_decision(record.value)
        except (msgspec.DecodeError, UnicodeDecodeError, RecursionError) as exc:
            if isinstance(exc, msgspec.ValidationError):
                reason = _QUOTED.sub("<value>", str(exc))
            else:
                reason = "not a JSON decision"
            return self._counted(
                DeadLetter(
                    stage=STAGE,
                    error_type="DecisionDecodeError",
                    error=reason[:300],
                    source=record.source,
                    raw=record.value,
                    key=record.key,
                    at=self.clock.now(),
                )
            )

    def row(self, decision: Decision) -> AuditRow | DeadLetter:
        """Flatten one decision for the lake (step ``audit-row``)."""
        try:
            return audit_row(decision)
        except Exception as exc:  # one bad decision must not stop the feed
            return self._counted(
                DeadLetter(
                    stage=STAGE,
                    error_type=type(exc).__name__,
                    error="the audit row could not be built",
                    source=decision.source,
                    raw=encode_decision(decision),
                    event_id=decision.event_id,
                    at=self.clock.now(),
                )
            )

    def seal(self, letter: DeadLetter) -> DeadLetter:
        """Encrypt a dead letter's raw bytes for the dead-letter output."""
        return self.sealer.seal(letter)

    @staticmethod
    def _counted(letter: DeadLetter) -> DeadLetter:
        METRICS.dead_letters.labels(letter.stage, letter.error_type).inc()
        return letter
