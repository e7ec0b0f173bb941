"""Collector: per-message end-to-end latency, measured where the job's output lands.

Two watchers run in background threads of the orchestrating process:

* :class:`LakeWatcher` polls the audit lake (``<lake>/dt=*/part-*.parquet``)
  every ``poll_s``. The lake writes each file under a temporary name and
  renames it into place, so a decision "is in the lake" at the rename. The
  landing time of every row of a file is the file's ``st_ctime_ns``: on Linux
  (ext4, xfs, btrfs) ``rename(2)`` updates the inode's change time, so it is
  the rename time itself, not the poll time (``st_mtime_ns`` would be the last
  write to the temporary file, before its fsync, i.e. too early). The poll's
  own observation time is kept too, as a cross-check that can only be later.
* :class:`AlertWatcher` consumes the alerts topic from the beginning; the
  landing time of an alert is the consumer's receive time.
* :class:`DecisionWatcher` consumes the decisions topic (``decisions.kind =
  "kafka"``) from the beginning; the landing time of a decision is the
  consumer's receive time. When decisions go to Kafka they are the latency
  boundary, and the lake is measured as **freshness**: a row's landing in the
  lake minus its decision's landing on the topic (:func:`freshness_values`).

Latency = landing time - Kafka record timestamp of the input record (the
decision's ``tipline-source-ts-ms`` header, else its ``source.timestamp_ms``;
``source_timestamp_ms`` in every lake row and alert). Both clocks are this
machine's wall clock.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import msgspec
import numpy as np
import pyarrow.parquet as pq
from confluent_kafka import Consumer, Message, TopicPartition

_COLUMNS: Final = ["event_id", "source_timestamp_ms", "alert"]

# Longest wait for a record, and most records taken per non-blocking read.
_WAIT_S: Final = 0.05
_DRAIN_RECORDS: Final = 500

# Quantiles of the latency CDF kept per step (the plots draw them).
CDF_QUANTILES: Final = (*range(0, 100), 99.5, 99.9, 100.0)


# The header the job puts on every decision record: the input record's timestamp (ms).
SOURCE_TS_HEADER: Final = "tipline-source-ts-ms"


class _AlertFields(msgspec.Struct):
    """The two fields of an alert the collector reads."""

    event_id: str
    source_timestamp_ms: int | None = None


class _SourceFields(msgspec.Struct):
    timestamp_ms: int | None = None


class _DecisionFields(msgspec.Struct):
    """The fields of a decision the collector reads (``encode_decision`` JSON)."""

    event_id: str
    alert: bool = False
    source: _SourceFields = msgspec.field(default_factory=_SourceFields)


@dataclass(frozen=True, slots=True)
class Landing:
    """One message's record timestamp and when its output landed."""

    source_ms: int
    landed_ns: int
    observed_ns: int
    alert: bool = False

    @property
    def latency_ms(self) -> float:
        """Landing minus record timestamp, in milliseconds."""
        return self.landed_ns / 1e6 - self.source_ms


@dataclass(slots=True)
class _Store:
    lock: threading.Lock = field(default_factory=threading.Lock)
    rows: dict[str, Landing] = field(default_factory=dict)


class LakeWatcher:
    """Polls a lake folder for new Parquet files and records every row's landing."""

    def __init__(self, root: Path, poll_s: float = 0.01) -> None:
        self._root = root
        self._poll_s = poll_s
        self._seen: set[str] = set()
        self._store = _Store()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lake-watcher", daemon=True)
        self.errors: list[str] = []

    def start(self) -> None:
        """Start polling in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop polling (one last scan is made first)."""
        self._scan()
        self._stop.set()
        self._thread.join(timeout=5)

    def landings(self, prefix: str = "") -> dict[str, Landing]:
        """Every row seen so far whose event id starts with ``prefix``."""
        with self._store.lock:
            return {k: v for k, v in self._store.rows.items() if k.startswith(prefix)}

    def count(self, prefix: str) -> int:
        """How many rows with this event-id prefix have landed."""
        with self._store.lock:
            return sum(1 for k in self._store.rows if k.startswith(prefix))

    def _run(self) -> None:
        while not self._stop.wait(self._poll_s):
            self._scan()

    def _scan(self) -> None:
        for path in self._new_files():
            observed = time.time_ns()
            try:
                landed = os.stat(path).st_ctime_ns
                table = pq.read_table(path, columns=_COLUMNS)
            except (OSError, ValueError) as exc:  # removed by a recovery resume, or unreadable
                self.errors.append(f"{path}: {exc}")
                continue
            self._record(table.to_pydict(), landed, observed)

    def _new_files(self) -> Iterable[str]:
        if not self._root.exists():
            return []
        found = []
        for folder in os.scandir(self._root):
            if not folder.name.startswith("dt=") or not folder.is_dir():
                continue
            for entry in os.scandir(folder.path):
                name = entry.name
                fresh = entry.path not in self._seen
                if fresh and name.startswith("part-") and name.endswith(".parquet"):
                    self._seen.add(entry.path)
                    found.append(entry.path)
        return found

    def _record(self, cols: dict[str, list[object]], landed: int, observed: int) -> None:
        with self._store.lock:
            for eid, ts, alert in zip(
                cols["event_id"], cols["source_timestamp_ms"], cols["alert"], strict=True
            ):
                if not isinstance(eid, str) or not isinstance(ts, int):
                    continue
                # At-least-once: a replayed row keeps its first landing.
                self._store.rows.setdefault(eid, Landing(ts, landed, observed, alert is True))


class _TopicWatcher:
    """Consumes every partition of one topic from the start in a background thread."""

    def __init__(self, bootstrap: str, topic: str, partitions: int = 1) -> None:
        self._settings = {
            "bootstrap.servers": bootstrap,
            "group.id": f"bench-collector-{time.time_ns()}",
            "enable.auto.commit": False,
            "fetch.wait.max.ms": 10,
            "auto.offset.reset": "earliest",
        }
        self._consumer: Consumer | None = None
        self._topic = topic
        self._partitions = partitions
        self._store = _Store()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"watch-{topic}", daemon=True)

    def start(self) -> None:
        """Assign every partition of the topic from the beginning and start consuming."""
        self._consumer = Consumer(self._settings)
        self._consumer.assign([TopicPartition(self._topic, p, 0) for p in range(self._partitions)])
        self._thread.start()

    def stop(self) -> None:
        """Stop consuming and close the consumer."""
        self._stop.set()
        self._thread.join(timeout=5)
        if self._consumer is not None:
            self._consumer.close()

    def landings(self, prefix: str = "") -> dict[str, Landing]:
        """Every record received so far whose event id starts with ``prefix``."""
        with self._store.lock:
            return {k: v for k, v in self._store.rows.items() if k.startswith(prefix)}

    def count(self, prefix: str) -> int:
        """How many records with this event-id prefix have arrived."""
        with self._store.lock:
            return sum(1 for k in self._store.rows if k.startswith(prefix))

    def _run(self) -> None:
        consumer = self._consumer
        assert consumer is not None, "start() first"
        while not self._stop.is_set():
            self.read_once(consumer)

    def read_once(self, consumer: Any, clock: Callable[[], int] = time.time_ns) -> int:
        """Wait up to 50 ms for one record, take what else is queued; return how many.

        A record's landing is stamped as soon as the consumer hands it over.
        ``consume(n, timeout)`` would not do: librdkafka returns from it only
        when ``n`` records are in or the timeout is over, so every record would
        land up to the whole timeout late (before 4 December this added a
        uniform 0-50 ms to every measured decision and alert).
        """
        first = consumer.poll(_WAIT_S)
        if first is None:
            return 0
        batches = [([first], clock())]
        while True:
            more = consumer.consume(_DRAIN_RECORDS, 0)  # non-blocking: only what is queued
            if not more:
                break
            batches.append((more, clock()))
        n = 0
        for records, received in batches:
            for msg in records:
                n += 1
                if msg.error() is None and msg.value() is not None:
                    landing = self.parse(msg, received)
                    if landing is not None:
                        self._keep(*landing)
        return n

    def _keep(self, event_id: str, landing: Landing) -> None:
        with self._store.lock:
            # At-least-once: a replayed record keeps its first landing.
            self._store.rows.setdefault(event_id, landing)

    def parse(self, msg: Message, received: int) -> tuple[str, Landing] | None:
        """The event id and landing of one record (``None``: not measurable)."""
        raise NotImplementedError


class AlertWatcher(_TopicWatcher):
    """The alerts topic; an alert lands when the collector's consumer receives it."""

    _decoder = msgspec.json.Decoder(_AlertFields)

    def parse(self, msg: Message, received: int) -> tuple[str, Landing] | None:
        """Read the event id and record timestamp of one alert."""
        try:
            alert = self._decoder.decode(msg.value() or b"")
        except msgspec.DecodeError:
            return None
        if alert.source_timestamp_ms is None:
            return None
        return alert.event_id, Landing(alert.source_timestamp_ms, received, received, alert=True)


class DecisionWatcher(_TopicWatcher):
    """The decisions topic: the latency boundary when decisions go to Kafka."""

    _decoder = msgspec.json.Decoder(_DecisionFields)

    def parse(self, msg: Message, received: int) -> tuple[str, Landing] | None:
        """Read the event id, source timestamp (header, else the body) and alert flag."""
        try:
            decision = self._decoder.decode(msg.value() or b"")
        except msgspec.DecodeError:
            return None
        source_ms = source_ts_header(msg.headers()) or decision.source.timestamp_ms
        if source_ms is None:
            return None
        return decision.event_id, Landing(source_ms, received, received, decision.alert)


def source_ts_header(
    headers: Sequence[tuple[str, str | bytes | None]] | dict[str, str | bytes | None] | None,
) -> int | None:
    """The ``tipline-source-ts-ms`` header as an int (``None`` if absent or not a number)."""
    pairs = headers.items() if isinstance(headers, dict) else headers or ()
    for name, value in pairs:
        if name == SOURCE_TS_HEADER and value:
            try:
                return int(value)
            except ValueError:
                return None
    return None


@dataclass(frozen=True, slots=True)
class LatencySummary:
    """Percentiles of one set of latencies (ms); ``None`` when nothing landed there."""

    count: int
    expected: int
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    p999_ms: float | None
    max_ms: float | None

    @property
    def missing(self) -> int:
        """Messages sent whose output never landed (counted as infinitely late)."""
        return max(0, self.expected - self.count)


PERCENTILES: Final = (50.0, 95.0, 99.0, 99.9, 100.0)


def summarize(latencies_ms: Iterable[float], expected: int | None = None) -> LatencySummary:
    """Nearest-rank percentiles over all expected messages; a missing one counts as infinite.

    A percentile that falls among the missing messages is ``None``: the true
    value is larger than anything measured, and the table shows it as such.
    """
    values = np.sort(np.fromiter(latencies_ms, dtype=np.float64))
    n = len(values)
    total = max(n, expected or 0)
    if total == 0:
        return LatencySummary(0, 0, None, None, None, None, None)
    padded = np.concatenate([values, np.full(total - n, np.inf)])
    out = []
    for q in PERCENTILES:
        v = float(np.percentile(padded, q, method="inverted_cdf"))
        out.append(round(v, 2) if np.isfinite(v) else None)
    return LatencySummary(n, total, *out)


def latency_values(landings: dict[str, Landing], *, observed: bool = False) -> list[float]:
    """The latencies (ms) of some landings, by rename time or by observation time."""
    if observed:
        return [v.observed_ns / 1e6 - v.source_ms for v in landings.values()]
    return [v.latency_ms for v in landings.values()]


def freshness_values(lake: dict[str, Landing], decisions: dict[str, Landing]) -> list[float]:
    """Lake freshness (ms) per message: its row's landing in the lake minus its decision's.

    Only messages seen in both are measured; a decision whose row never
    reached the lake is counted by passing ``len(decisions)`` as the expected
    count to :func:`summarize`.
    """
    return [
        (row.landed_ns - decision.landed_ns) / 1e6
        for event_id, decision in decisions.items()
        if (row := lake.get(event_id)) is not None
    ]
