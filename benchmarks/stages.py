"""Per-stage breakdown from the job's Prometheus endpoint: deltas between two scrapes.

The job exports ``tipline_stage_seconds{stage}`` and ``tipline_end_to_end_seconds``
histograms. For one step, the difference of two scrapes gives each stage's
count, mean (sum / count) and an estimated p99 interpolated inside the
histogram bucket that holds it (as PromQL's ``histogram_quantile`` does, so it
is only as fine as the buckets). A stage without samples is reported "n/a".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Final

from prometheus_client.parser import text_string_to_metric_families

# The stages the flow is meant to time (issue 8: decode, hashing, scoring,
# decide, evidence, sinks); any other stage label found is reported as well.
EXPECTED_STAGES: Final = ("decode", "match-hashes", "score-session", "evidence", "reports", "lake")
STAGE_METRIC: Final = "tipline_stage_seconds"
E2E_METRIC: Final = "tipline_end_to_end_seconds"


@dataclass(slots=True)
class Histogram:
    """Cumulative bucket counts (by upper bound), sum and count of one series."""

    buckets: dict[float, float] = field(default_factory=dict)
    total: float = 0.0
    count: float = 0.0

    def minus(self, other: Histogram | None) -> Histogram:
        """This histogram minus an earlier scrape of the same series."""
        if other is None:
            return self
        return Histogram(
            {le: n - other.buckets.get(le, 0.0) for le, n in self.buckets.items()},
            self.total - other.total,
            self.count - other.count,
        )

    def quantile(self, q: float) -> float | None:
        """Estimated quantile in seconds; ``inf`` if it lies in the +Inf bucket."""
        if self.count <= 0:
            return None
        rank = q * self.count
        lower, below = 0.0, 0.0
        for le, cum in sorted(self.buckets.items()):
            if cum >= rank:
                if math.isinf(le):
                    return math.inf
                inside = cum - below
                return lower + (le - lower) * ((rank - below) / inside if inside else 1.0)
            lower, below = le, cum
        return math.inf


@dataclass(slots=True)
class MetricsSnapshot:
    """The histograms and counters of one scrape."""

    histograms: dict[tuple[str, str], Histogram] = field(default_factory=dict)
    counters: dict[str, float] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> MetricsSnapshot:
        """Parse the Prometheus text exposition format."""
        snap = cls()
        for family in text_string_to_metric_families(text):
            if not family.name.startswith("tipline_"):
                continue
            for sample in family.samples:
                snap._add(family.type, family.name, sample.name, sample.labels, sample.value)
        return snap

    def _add(self, kind: str, family: str, name: str, labels: dict[str, str], value: float) -> None:
        if kind == "histogram":
            hist = self.histograms.setdefault((family, labels.get("stage", "")), Histogram())
            if name.endswith("_bucket"):
                hist.buckets[float(labels["le"])] = value
            elif name.endswith("_sum"):
                hist.total = value
            elif name.endswith("_count"):
                hist.count = value
        elif kind == "counter" and name.endswith("_total"):
            tags = ",".join(f"{k}={v}" for k, v in sorted(labels.items()))
            self.counters[f"{name}{{{tags}}}" if tags else name] = value

    @classmethod
    def parse_all(cls, texts: list[str]) -> MetricsSnapshot:
        """Parse the scrapes of several processes of one job and add them up."""
        total = cls()
        for text in texts:
            one = cls.parse(text)
            for key, hist in one.histograms.items():
                into = total.histograms.setdefault(key, Histogram())
                for le, n in hist.buckets.items():
                    into.buckets[le] = into.buckets.get(le, 0.0) + n
                into.total += hist.total
                into.count += hist.count
            for name, value in one.counters.items():
                total.counters[name] = total.counters.get(name, 0.0) + value
        return total

    def counter_deltas(self, before: MetricsSnapshot) -> dict[str, float]:
        """Every counter's increase since ``before`` (zero increases left out)."""
        out = {k: v - before.counters.get(k, 0.0) for k, v in self.counters.items()}
        return {k: v for k, v in sorted(out.items()) if v}


def _summary(hist: Histogram) -> dict[str, Any] | str:
    if hist.count <= 0:
        return "n/a"
    p99 = hist.quantile(0.99)
    return {
        "count": int(hist.count),
        "mean_ms": round(1000 * hist.total / hist.count, 3),
        "p99_ms": None if p99 is None or math.isinf(p99) else round(1000 * p99, 3),
    }


def stage_breakdown(before: MetricsSnapshot, after: MetricsSnapshot) -> dict[str, Any]:
    """Per-stage count, mean and p99 (ms) between two scrapes; "n/a" without samples."""
    stages = sorted(
        {stage for name, stage in after.histograms if name == STAGE_METRIC} | set(EXPECTED_STAGES),
        key=lambda s: (EXPECTED_STAGES.index(s) if s in EXPECTED_STAGES else 99, s),
    )
    out: dict[str, Any] = {}
    for stage in stages:
        hist = after.histograms.get((STAGE_METRIC, stage))
        out[stage] = (
            "n/a"
            if hist is None
            else _summary(hist.minus(before.histograms.get((STAGE_METRIC, stage))))
        )
    e2e = after.histograms.get((E2E_METRIC, ""))
    out["job_end_to_end"] = (
        "n/a" if e2e is None else _summary(e2e.minus(before.histograms.get((E2E_METRIC, ""))))
    )
    return out
