"""One step's result record: latency at the boundary, lake freshness, alerts, CPU, stages.

The **boundary** is where a decision counts as made: the decisions topic when
the config publishes decisions to Kafka (``decisions.kind = "kafka"``), else
the audit lake (the job's only durable decision output then). With decisions
on Kafka the lake is off the latency path and is reported as **freshness**:
each row's landing in the lake minus its decision's landing on the topic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tipline.benchmarks.collector import (
    CDF_QUANTILES,
    AlertWatcher,
    DecisionWatcher,
    LakeWatcher,
    Landing,
    LatencySummary,
    freshness_values,
    latency_values,
    summarize,
)
from tipline.benchmarks.harness import ProcessCpu
from tipline.benchmarks.pyspy import summarize_profile
from tipline.benchmarks.stages import MetricsSnapshot, stage_breakdown
from tipline.benchmarks.steps import StepSpec


@dataclass(slots=True)
class Watchers:
    """The collector's watchers of one step; ``decisions`` is None when the lake is the boundary."""

    lake: LakeWatcher
    alerts: AlertWatcher
    decisions: DecisionWatcher | None = None
    lake_measured: bool = True

    @property
    def boundary(self) -> LakeWatcher | DecisionWatcher:
        """Where a decision counts as made."""
        return self.decisions if self.decisions is not None else self.lake

    @property
    def boundary_name(self) -> str:
        """``decisions topic`` or ``audit lake``."""
        return "decisions topic" if self.decisions is not None else "audit lake"

    def start(self) -> None:
        """Start every watcher."""
        for w in (self.lake, self.alerts, self.decisions):
            if w is not None:
                w.start()

    def stop(self) -> None:
        """Stop every watcher."""
        for w in (self.lake, self.alerts, self.decisions):
            if w is not None:
                w.stop()


@dataclass(frozen=True, slots=True)
class JobReadings:
    """What was read from the job around the load phase."""

    cpu0: ProcessCpu
    cpu1: ProcessCpu
    m0: MetricsSnapshot
    m1: MetricsSnapshot
    rss_max: int
    alive: bool
    profile: Path | None = None


def _brief(s: LatencySummary) -> dict[str, Any]:
    return {"count": s.count, "expected": s.expected, "p50_ms": s.p50_ms,
            "p99_ms": s.p99_ms, "max_ms": s.max_ms}  # fmt: skip


def step_record(
    step: StepSpec, load: dict[str, Any], w: Watchers, job: JobReadings
) -> dict[str, Any]:
    """The result record of one step (the ``steps`` entries of ``latest.json``)."""
    prefix = f"{step.label}-"
    sent = load["sent"]
    landed = w.boundary.landings(prefix)
    summary = summarize(latency_values(landed), sent)
    lake_landed = w.lake.landings(prefix)
    lake = summarize(latency_values(lake_landed), sent)
    observed = summarize(latency_values(lake_landed, observed=True), sent)
    flagged = sum(1 for v in landed.values() if v.alert)
    alert = summarize(latency_values(w.alerts.landings(prefix)), flagged)
    fresh = None
    if w.decisions is not None and w.lake_measured:
        fresh = _brief(summarize(freshness_values(lake_landed, landed), len(landed)))
    span = _landing_span(landed)
    record: dict[str, Any] = {
        "traffic": step.traffic, "rate": step.rate, "floor": step.floor,
        "processes": step.processes, "label": step.label, "boundary": w.boundary_name,
        "achieved_rate": round(load["achieved_rate"], 1), "sent": sent,
        "images": load["images"], "landed": summary.count, "missing": summary.missing,
        "p50_ms": summary.p50_ms, "p95_ms": summary.p95_ms, "p99_ms": summary.p99_ms,
        "p999_ms": summary.p999_ms, "max_ms": summary.max_ms,
        "decision_p50_ms": summary.p50_ms, "decision_p99_ms": summary.p99_ms,
        "lake_latency": _brief(lake), "lake_freshness": fresh,
        "observed_p99_ms": observed.p99_ms,
        "throughput": round((summary.count - 1) / span, 1) if span else None,
        "alerts": {"flagged": flagged, "received": alert.count, "p50_ms": alert.p50_ms,
                   "p99_ms": alert.p99_ms, "max_ms": alert.max_ms},
        **_cpu_fields(job.cpu0, job.cpu1, load["cpu_seconds"]),
        "rss_mb": round(job.rss_max / 2**20, 1),
        "stages": stage_breakdown(job.m0, job.m1),
        "counters": job.m1.counter_deltas(job.m0),
        "job_alive": job.alive,
        "cdf_ms": summarize_cdf(latency_values(landed), sent),
        "profile": _profile(job.profile),
    }  # fmt: skip
    record["sustained"] = sustained(record, step.rate)
    return record


def _cpu_fields(cpu0: ProcessCpu, cpu1: ProcessCpu, loadgen_s: float) -> dict[str, float]:
    """CPU % (of one core) of the job, the lake feed, the broker, the generator and the rest."""
    wall = max(1e-9, cpu1.wall - cpu0.wall)
    job = 100 * (cpu1.job - cpu0.job) / wall
    broker = 100 * (cpu1.broker - cpu0.broker) / wall
    system = 100 * (cpu1.system_busy - cpu0.system_busy) / wall
    loadgen = 100 * loadgen_s / wall
    feed = 100 * (cpu1.feed - cpu0.feed) / wall
    return {
        "cpu_percent": round(job, 1),
        "lake_feed_cpu_percent": round(feed, 1),
        "job_cpu_seconds": round(cpu1.job - cpu0.job, 2),
        "broker_cpu_percent": round(broker, 1),
        "broker_cpu_seconds": round(cpu1.broker - cpu0.broker, 2),
        "loadgen_cpu_percent": round(loadgen, 1),
        "system_cpu_percent": round(system, 1),
        "other_cpu_percent": round(max(0.0, system - job - broker - loadgen - feed), 1),
        "window_s": round(wall, 1),
    }


def sustained(record: dict[str, Any], rate: float) -> bool:
    """Whether the job kept up: alive, nothing left behind, and output as fast as input.

    The generator must have offered >= 95 % of the rate and the boundary must
    have received decisions at >= 90 % of the offered rate (no growing backlog).
    """
    achieved = float(record["achieved_rate"])
    throughput = record["throughput"] or 0.0
    return bool(
        record["job_alive"]
        and record["missing"] == 0
        and achieved >= 0.95 * rate
        and throughput >= 0.9 * achieved
    )


def _profile(path: Path | None) -> dict[str, Any] | None:
    """The py-spy summary of a profiled step (``None`` when not profiled)."""
    if path is None or not path.exists():
        return None
    summary = summarize_profile(path)
    return {
        "file": str(path),
        "samples": summary.samples,
        "top_self_percent": summary.top_self,
        "top_inclusive_percent": summary.top_inclusive,
    }


def _landing_span(landed: dict[str, Landing]) -> float:
    """Seconds between the first and the last landing of a step (0 if fewer than two)."""
    times = [v.landed_ns for v in landed.values()]
    return (max(times) - min(times)) / 1e9 if len(times) > 1 else 0.0


def summarize_cdf(values: Sequence[float], expected: int) -> list[float | None]:
    """Latencies at :data:`CDF_QUANTILES` (``None`` where the messages never landed)."""
    import numpy as np  # noqa: PLC0415

    if not values:
        return []
    arr = np.sort(np.asarray(values, dtype=np.float64))
    arr = np.concatenate([arr, np.full(max(0, expected - len(arr)), np.inf)])
    points = np.percentile(arr, CDF_QUANTILES, method="inverted_cdf")
    return [round(float(p), 2) if np.isfinite(p) else None for p in points]
