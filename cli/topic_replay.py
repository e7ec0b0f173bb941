"""Bounded topic replays for backtests: ``tipline replay --kafka-topic T --from X --to Y``.

Reads each partition of one topic from a start to an end position (offsets, or
times resolved with the broker's time index), then stops: no tailing. It uses
no consumer group and commits nothing, so the live job's offsets, state and
outputs are untouched; all outputs go under ``--out`` (see
:func:`tipline.cli.replay.isolated_config`).
"""

from __future__ import annotations

import argparse
import threading
from datetime import datetime
from pathlib import Path

from bytewax.inputs import FixedPartitionedSource, StatefulSourcePartition
from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient

from tipline.cli.replay import isolated_config, run_replay
from tipline.cli.runtime import Runtime, runtime_of
from tipline.flows.kafka_io import to_raw_record
from tipline.schemas.clock import Clock
from tipline.schemas.config import TiplineConfig
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.errors import ConfigError
from tipline.schemas.source import RawRecord
from tipline.sinks.kafka_out import kafka_config

_POLL_S = 0.2


def parse_bound(text: str | None) -> int | datetime | None:
    """``123`` → offset 123; an RFC 3339 time → that time; ``None`` → open."""
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    try:
        when = datetime.fromisoformat(text)
    except ValueError as exc:
        msg = f"{text!r} is neither an offset nor an RFC 3339 time"
        raise ConfigError(msg) from exc
    if when.tzinfo is None:
        msg = f"{text!r} has no UTC offset (expected e.g. 2026-11-27T14:00:00Z)"
        raise ConfigError(msg)
    return when


class _Counter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.value = 0

    def add(self, n: int) -> None:
        with self._lock:
            self.value += n


class _BoundedPartition(StatefulSourcePartition[RawRecord | DeadLetter, int]):
    def __init__(
        self, consumer: Consumer, tp: TopicPartition, end: int, counter: _Counter, clock: Clock
    ) -> None:
        self._clock = clock
        self._consumer = consumer
        self._next = tp.offset
        self._end = end
        self._counter = counter
        consumer.assign([tp])

    def next_batch(self) -> list[RawRecord | DeadLetter]:
        if self._next >= self._end:
            raise StopIteration
        out: list[RawRecord | DeadLetter] = []
        for msg in self._consumer.consume(500, _POLL_S):
            offset = msg.offset()
            if msg.error() is not None or offset is None or offset >= self._end:
                continue
            self._next = offset + 1
            out.append(to_raw_record(_as_source_message(msg), self._clock.now()))
        self._counter.add(len(out))
        return out

    def snapshot(self) -> int:
        return self._next

    def close(self) -> None:
        self._consumer.close()


def _as_source_message(msg: object) -> object:
    from bytewax.connectors.kafka import KafkaSourceMessage  # noqa: PLC0415

    return KafkaSourceMessage(
        key=msg.key(),  # type: ignore[attr-defined]
        value=msg.value(),  # type: ignore[attr-defined]
        topic=msg.topic(),  # type: ignore[attr-defined]
        offset=msg.offset(),  # type: ignore[attr-defined]
        partition=msg.partition(),  # type: ignore[attr-defined]
        timestamp=msg.timestamp(),  # type: ignore[attr-defined]
    )


class BoundedTopicSource(FixedPartitionedSource[RawRecord | DeadLetter, int]):
    """Every partition of ``topic`` between two bounds (end exclusive)."""

    def __init__(
        self,
        cfg: TiplineConfig,
        topic: str,
        start: int | datetime | None,
        end: int | datetime | None,
        runtime: Runtime,
    ) -> None:
        self._cfg = cfg
        self._runtime = runtime
        self._topic = topic
        self._start = start
        self._end = end
        self.records_read = _Counter()

    def _client_config(self) -> dict[str, str]:
        return {
            "bootstrap.servers": ",".join(self._cfg.kafka.brokers),
            "group.id": "tipline-replay-unused",
            "enable.auto.commit": "false",
            **kafka_config(self._cfg, "consumer", self._runtime.env),
        }

    def list_parts(self) -> list[str]:
        """List the topic's partitions."""
        admin = AdminClient({"bootstrap.servers": ",".join(self._cfg.kafka.brokers)})
        meta = admin.list_topics(self._topic, timeout=10).topics.get(self._topic)
        if meta is None or meta.error is not None:
            msg = f"topic {self._topic!r} does not exist on {self._cfg.kafka.brokers}"
            raise ConfigError(msg)
        return [str(p) for p in sorted(meta.partitions)]

    def build_part(
        self, step_id: str, for_part: str, resume_state: int | None
    ) -> _BoundedPartition:
        """Resolve one partition's bounds and start reading it."""
        consumer = Consumer(self._client_config())
        part = int(for_part)
        low, high = consumer.get_watermark_offsets(TopicPartition(self._topic, part), timeout=10)
        start = self._resolve(consumer, part, self._start, low, high)
        end = self._resolve(consumer, part, self._end, high, high)
        first = resume_state if resume_state is not None else max(start, low)
        tp = TopicPartition(self._topic, part, first)
        return _BoundedPartition(
            consumer, tp, min(end, high), self.records_read, self._runtime.clock
        )

    def _resolve(
        self, consumer: Consumer, part: int, bound: int | datetime | None, default: int, high: int
    ) -> int:
        if bound is None:
            return default
        if isinstance(bound, int):
            return bound
        ms = int(bound.timestamp() * 1000)
        found = consumer.offsets_for_times([TopicPartition(self._topic, part, ms)], timeout=10)
        offset = int(found[0].offset)
        return high if offset < 0 else offset  # no record at/after that time: the end


def replay_topic(cfg: TiplineConfig, out: Path, args: argparse.Namespace) -> dict[str, object]:
    """Run a bounded topic replay with an isolated config; returns docs/contract.md §4 metrics."""
    isolated = isolated_config(cfg, out, events=None, hash_lists=args.hash_list)
    source = BoundedTopicSource(
        isolated, args.kafka_topic, parse_bound(args.from_), parse_bound(args.to), runtime_of(args)
    )
    return run_replay(
        isolated,
        out,
        labels=args.labels,
        source=source,
        count_events=lambda: source.records_read.value,
        progress=True,
    )
