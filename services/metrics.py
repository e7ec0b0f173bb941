"""Prometheus metrics of the job: counters and per-stage latency histograms.

Labels carry stage names, error types and decision kinds only — never ids,
text or any other per-message value (bounded cardinality, no content).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from prometheus_client import Counter, Gauge, Histogram

_BUCKETS = (0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


def metric(kind: type, name: str, doc: str, *labels: str, **options: Any) -> Any:
    """Declare one Prometheus metric as a field of a metrics set (registered when it is built)."""
    return field(default_factory=lambda: kind(name, doc, list(labels), **options))


@dataclass(frozen=True)
class _Metrics:
    events_in: Counter = metric(Counter, "tipline_events_in", "Input records read")
    dead_letters: Counter = metric(
        Counter, "tipline_dead_letters", "Records rejected to dead letters", "stage", "error_type"
    )
    duplicates: Counter = metric(
        Counter,
        "tipline_duplicate_events",
        "Replayed events (event_id already decided in its session) dropped before scoring",
    )
    decisions: Counter = metric(Counter, "tipline_decisions", "Decisions by kind", "decision")
    alerts: Counter = metric(Counter, "tipline_alerts", "Alerts emitted after evidence")
    lake_write_failures: Counter = metric(
        Counter,
        "tipline_lake_write_failures",
        "Failed audit-lake write attempts (rows kept, retried)",
    )
    hash_list_entries: Gauge = metric(
        Gauge, "tipline_hash_list_entries", "Entries of the hash-list version in use", "list"
    )
    hash_list_loaded: Gauge = metric(
        Gauge,
        "tipline_hash_list_loaded_timestamp_seconds",
        "When the hash-list version in use was loaded (age = now - this)",
        "list",
    )
    hash_list_age: Gauge = metric(
        Gauge,
        "tipline_hash_list_age_seconds",
        "Seconds since the hash-list version in use was loaded",
        "list",
    )
    hash_list_version: Gauge = metric(
        Gauge,
        "tipline_hash_list_version_info",
        "1 for the version (sha256 of the file) of each list in use",
        "list",
        "version",
    )
    hash_list_rejected: Gauge = metric(
        Gauge,
        "tipline_hash_list_reload_rejected",
        "1 while the list file on disk was rejected and the last good version is used",
        "list",
    )
    hash_entry_quarantined: Gauge = metric(
        Gauge,
        "tipline_hash_entry_quarantined",
        "List entries held for review by flood quarantine (alert when > 0)",
        "list",
    )
    hash_pool_restarts: Counter = metric(
        Counter,
        "tipline_hash_pool_restarts",
        "Hashing pools forked anew after a worker process died (alert on any)",
    )
    hash_suppressed: Counter = metric(
        Counter,
        "tipline_hash_matches_suppressed",
        "Attachments whose matches an allow list suppressed",
        "list",
    )
    hash_list_rejections: Counter = metric(
        Counter,
        "tipline_hash_list_reload_rejections",
        "Rejected hash-list reloads by reason",
        "list",
        "reason",
    )
    stage_seconds: Histogram = metric(
        Histogram, "tipline_stage_seconds", "Time spent per stage", "stage", buckets=_BUCKETS
    )
    end_to_end_seconds: Histogram = metric(
        Histogram, "tipline_end_to_end_seconds", "Source timestamp to lake write", buckets=_BUCKETS
    )


METRICS = _Metrics()


@cache
def stage_timer(stage: str) -> Any:
    """Return the ``tipline_stage_seconds`` child of a stage (looked up once, not per message)."""
    return METRICS.stage_seconds.labels(stage)


@cache
def decision_counter(decision: str) -> Any:
    """Return the ``tipline_decisions`` child of a decision kind."""
    return METRICS.decisions.labels(decision)


class timed:  # a function before; call sites read ``with timed("decode"):``
    """Observe the wall time of a block in ``tipline_stage_seconds{stage}``.

    A plain class rather than ``@contextmanager``: it runs for every message,
    and a generator-based context manager costs several times more.
    """

    __slots__ = ("_child", "_started")

    def __init__(self, stage: str) -> None:
        self._child = stage_timer(stage)
        self._started = 0.0

    def __enter__(self) -> None:
        self._started = time.perf_counter()

    def __exit__(self, *_exc: object) -> None:
        self._child.observe(time.perf_counter() - self._started)


def observe_batch(stage: str, count: int, seconds: float) -> None:
    """Record ``count`` messages that took ``seconds`` together in one stage.

    Each counts as one observation of the batch's mean time (a batch step
    times the batch, not each message): ``_count`` and ``_sum`` stay exact
    and the buckets hold the means. One call per batch instead of one per
    message (prometheus_client is pinned; its histogram child keeps
    ``_upper_bounds``, ``_buckets`` and ``_sum``).
    """
    if count <= 0:
        return
    child = stage_timer(stage)
    mean = seconds / count
    child._sum.inc(seconds)
    for i, bound in enumerate(child._upper_bounds):
        if mean <= bound:
            child._buckets[i].inc(count)
            break


class SnapshotGap:
    """The stall a recovery snapshot puts on a step, per worker thread.

    Observed in ``tipline_stage_seconds{stage="snapshot-gap"}``: from the
    first ``snapshot()`` of an epoch in the step to the next message the step
    handles. That spans what Bytewax does in between on the worker (every
    step's snapshot, pickling, the recovery store's write and commit), plus
    any wait for the next message, so at a low rate it is an upper bound.

    Keyed by the OS thread id, not ``threading.local``: Bytewax's workers
    enter Python through PyO3, which may give each entry a fresh Python
    thread state, and a ``threading.local`` lives in the thread state.
    """

    def __init__(self) -> None:
        self._started: dict[int, float] = {}

    def snapshotting(self) -> None:
        """Mark an epoch's snapshot (the first call of the epoch counts)."""
        self._started.setdefault(threading.get_ident(), time.perf_counter())

    def resumed(self) -> bool:
        """Close the gap at the step's next message; return whether one was open."""
        if self._started:
            started = self._started.pop(threading.get_ident(), None)
            if started is not None:
                stage_timer("snapshot-gap").observe(time.perf_counter() - started)
                return True
        return False
