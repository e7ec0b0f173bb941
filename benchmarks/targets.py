"""Issue 15's targets, checked against a run's steps, and the inputs of the scale model.

Targets (recovery on, any process layout the config allows; full steps only):

| step | target |
|---|---|
| text 5,000 msg/s | keeps up; decision p99 <= 100 ms; alert p99 <= 150 ms |
| text 2,000 msg/s | decision p99 <= 50 ms |
| mixed 400 msg/s | decision p99 <= 250 ms |
| mixed 800 msg/s | keeps up; decision p99 <= 500 ms |
| every step | lake freshness p99 <= 60 s |

The scale model (docs/benchmarks.md) needs each layout's measured CPU cost:
CPU seconds of the job (all its processes) and of the broker per 1,000
decided messages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Final


@dataclass(frozen=True, slots=True)
class Target:
    """Limits for one full step (``None``: no limit on that figure)."""

    traffic: str
    rate: float
    decision_p99_ms: float
    alert_p99_ms: float | None = None
    must_keep_up: bool = False


TARGETS: Final = (
    Target("text", 5000, 100.0, alert_p99_ms=150.0, must_keep_up=True),
    Target("text", 2000, 50.0),
    Target("mixed", 400, 250.0),
    Target("mixed", 800, 500.0, must_keep_up=True),
)
FRESHNESS_P99_MS: Final = 60_000.0


def _over(value: float | None, limit: float | None) -> float | None:
    """How far ``value`` is over ``limit`` (0 when within; None when it never landed)."""
    if limit is None:
        return 0.0
    if value is None:
        return None
    return round(max(0.0, value - limit), 1)


def check(target: Target, step: dict[str, Any]) -> dict[str, Any]:
    """One step against one target: the figures, how far over, and whether it is met."""
    alert_p99 = step["alerts"]["p99_ms"] if step["alerts"]["flagged"] else None
    over = _over(step["decision_p99_ms"], target.decision_p99_ms)
    alert_over = _over(alert_p99, target.alert_p99_ms) if step["alerts"]["flagged"] else 0.0
    met = (
        over == 0.0
        and alert_over == 0.0
        and (step["sustained"] or not target.must_keep_up)
        and step["missing"] == 0
    )
    return {"processes": step["processes"], "decision_p99_ms": step["decision_p99_ms"],
            "over_by_ms": over, "alert_p99_ms": alert_p99, "alert_over_by_ms": alert_over,
            "kept_up": step["sustained"], "met": bool(met)}  # fmt: skip


def evaluate_targets(steps: list[dict[str, Any]]) -> dict[str, Any]:
    """Every target, per process layout measured, and whether any layout meets it."""
    ok = [s for s in steps if "error" not in s]
    out: dict[str, Any] = {}
    for t in TARGETS:
        runs = [
            check(t, s) for s in ok
            if s["traffic"] == t.traffic and s["rate"] == t.rate and not s.get("floor")
        ]  # fmt: skip
        out[f"{t.traffic}_{t.rate:g}"] = {
            "decision_p99_le_ms": t.decision_p99_ms, "alert_p99_le_ms": t.alert_p99_ms,
            "must_keep_up": t.must_keep_up, "layouts": runs,
            "met": any(r["met"] for r in runs) if runs else None,
        }  # fmt: skip
    fresh = [s["lake_freshness"]["p99_ms"] for s in ok if s.get("lake_freshness")]
    out["lake_freshness_p99_le_60s"] = {
        "worst_p99_ms": None if None in fresh else max(fresh, default=None),
        "steps": len(fresh),
        "met": (all(f is not None and f <= FRESHNESS_P99_MS for f in fresh) if fresh else None),
    }
    return out


def cost_per_1k(step: dict[str, Any]) -> dict[str, Any]:
    """CPU seconds per 1,000 decided messages of the job and of the broker in one step.

    Divided by the messages decided in the window (not those sent): a step that
    fell behind spent its CPU on the ones it decided.
    """
    per = 1000.0 / max(1, step["landed"])
    return {"label": step["label"], "traffic": step["traffic"], "rate": step["rate"],
            "floor": step.get("floor", False), "processes": step["processes"],
            "job_cpu_s_per_1k": round(step["job_cpu_seconds"] * per, 4),
            "broker_cpu_s_per_1k": round(step["broker_cpu_seconds"] * per, 4),
            "kept_up": step["sustained"]}  # fmt: skip


def scale_inputs(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The per-1k CPU cost of every measured step (the scale model's inputs)."""
    return [cost_per_1k(s) for s in steps if "error" not in s and "job_cpu_seconds" in s]


@dataclass(frozen=True, slots=True)
class CostFit:
    """One process's CPU as a fixed part plus a part per message (least squares over steps).

    ``fixed_cores`` is what a process burns at any rate (polling, timers, lake
    rolls); ``marginal_s_per_1k`` the CPU seconds each 1,000 decided messages
    add. Fitted on (decided msg/s, job CPU) of one traffic kind's 1-process
    full steps, saturated ones included (their throughput is the x value).
    """

    traffic: str
    fixed_cores: float
    marginal_s_per_1k: float
    broker_s_per_1k: float
    points: int

    def capacity(self, utilisation: float) -> float:
        """Messages per second one process decides at ``utilisation`` of a core."""
        return max(0.0, utilisation - self.fixed_cores) * 1000.0 / self.marginal_s_per_1k


def fit_cost(steps: list[dict[str, Any]], traffic: str) -> CostFit | None:
    """The cost fit of one traffic kind.

    ``None`` without two rates, or when the fit has no physical meaning (a
    non-positive slope or a negative fixed part: the job was starved of CPU,
    so its CPU did not follow its throughput).
    """
    import numpy as np  # noqa: PLC0415

    pts = [
        (s["throughput"], s["cpu_percent"] / 100, s["broker_cpu_percent"] / 100)
        for s in steps
        if "error" not in s and s["traffic"] == traffic and not s.get("floor")
        and s.get("processes", 1) == 1 and s.get("throughput")
    ]  # fmt: skip
    if len({round(x) for x, _, _ in pts}) < 2:
        return None
    xs = np.array([x for x, _, _ in pts])
    slope, fixed = np.polyfit(xs, np.array([y for _, y, _ in pts]), 1)
    if slope <= 0 or fixed < 0:  # CPU not rising with throughput from >= 0: contention
        return None
    # The broker too has a fixed part (its own timers, the collector's polls): its slope.
    broker_slope = float(np.polyfit(xs, np.array([b for _, _, b in pts]), 1)[0])
    broker = broker_slope if broker_slope > 0 else float(np.mean([b / x for x, _, b in pts]))
    broker *= 1000
    return CostFit(traffic, round(float(fixed), 3), round(float(slope) * 1000, 4),
                   round(broker, 4), len(pts))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Sizing:
    """What one traffic rate needs: processes (= pods), partitions, job and broker cores."""

    rate: float
    per_process: float
    processes: int
    partitions: int
    job_cores: float
    broker_cores: float


def size_for(rate: float, fit: CostFit, *, utilisation: float = 0.75) -> Sizing | None:
    """Size a deployment for ``rate`` msg/s from a cost fit (``None``: a process can't keep up).

    One process runs one worker (a Python worker holds the GIL, so it uses at
    most one core) and is loaded to ``utilisation`` of a core, fixed part
    included, which leaves room for bursts, snapshots and the I/O threads.
    Partitions: the next power of two >= twice the processes, so the job can
    double its processes without repartitioning (a keyed topic that gains
    partitions moves sessions between partitions).
    """
    per_process = fit.capacity(utilisation)
    if per_process <= 0:
        return None
    processes = max(1, math.ceil(rate / per_process))
    partitions = 1 << max(0, math.ceil(math.log2(2 * processes)))
    job_cores = processes * fit.fixed_cores + rate * fit.marginal_s_per_1k / 1000
    broker_cores = rate * fit.broker_s_per_1k / 1000
    return Sizing(rate, round(per_process), processes, partitions, round(job_cores, 1),
                  round(broker_cores, 1))  # fmt: skip
