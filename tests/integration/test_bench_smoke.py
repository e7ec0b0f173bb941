"""Smoke test of the benchmark harness: one short, slow step against the real broker.

Proves the harness drives the real job end to end and writes a results file
with the documented keys. It never asserts on wall time: latencies are only
checked to be measured (numbers), not to be small.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tipline.benchmarks.e2e import SuiteOptions, parse_steps, run_suite

pytestmark = pytest.mark.integration

STEP_KEYS = {
    "traffic", "rate", "achieved_rate", "p50_ms", "p95_ms", "p99_ms", "p999_ms", "max_ms",
    "throughput", "cpu_percent", "rss_mb", "stages", "sent", "landed", "missing", "sustained",
    "decision_p50_ms", "decision_p99_ms", "lake_freshness", "lake_latency", "alerts",
    "broker_cpu_percent", "loadgen_cpu_percent", "other_cpu_percent", "job_idle_cpu_percent",
}  # fmt: skip
MACHINE_KEYS = {"cores", "memory_gb", "python", "bytewax", "kafka", "cpu_model", "load_note"}


def test_one_low_rate_step_is_measured_and_written(kafka_bootstrap: str, tmp_path: Path) -> None:
    opts = SuiteOptions(
        steps=tuple(parse_steps("text:40")),
        duration_s=3.0,
        drain_s=60.0,
        results=tmp_path,
        command="pytest smoke",
        floors=False,
        processes=(1,),
    )

    run_suite(opts)

    doc = json.loads((tmp_path / "latest.json").read_text())
    assert doc["machine"].keys() >= MACHINE_KEYS
    assert {"config", "seed", "steps", "highest_rate_p99_under_500ms"} <= doc.keys()
    [step] = doc["steps"]
    assert "error" not in step, step.get("error")
    assert step.keys() >= STEP_KEYS
    assert step["sent"] == 120
    assert step["landed"] == step["sent"]
    assert step["missing"] == 0
    for key in ("p50_ms", "p95_ms", "p99_ms", "p999_ms", "max_ms"):
        assert isinstance(step[key], float)
    assert step["p50_ms"] <= step["p99_ms"] <= step["max_ms"]
    assert step["stages"]["decode"]["count"] >= step["sent"]
    # bench.toml publishes decisions to Kafka: they are the boundary, the lake is freshness.
    assert step["boundary"] == "decisions topic"
    assert isinstance(step["decision_p99_ms"], float)
    assert step["decision_p50_ms"] <= step["decision_p99_ms"]
    fresh = step["lake_freshness"]
    assert fresh["expected"] == step["landed"]
    assert fresh["count"] == fresh["expected"], "a decided message never reached the lake"
    for key in ("p50_ms", "p99_ms", "max_ms"):
        assert isinstance(fresh[key], float)
    assert isinstance(step["lake_latency"]["p99_ms"], float)
    assert doc["targets"]["lake_freshness_p99_le_60s"]["steps"] == 1
    assert doc["scale"][0]["job_cpu_s_per_1k"] > 0
    assert (tmp_path / "latency_vs_rate.png").stat().st_size > 0
    assert (tmp_path / "latency_cdf.png").stat().st_size > 0
