"""The benchmark's measures: decision latency, lake freshness, targets, floors, scale model."""

from __future__ import annotations

from typing import Any

import pytest
from confluent_kafka import Message

from tipline.benchmarks.collector import (
    SOURCE_TS_HEADER,
    DecisionWatcher,
    Landing,
    freshness_values,
    latency_values,
    source_ts_header,
    summarize,
)
from tipline.benchmarks.machine import other_processes_note
from tipline.benchmarks.readme_table import floor_table, scale_table, targets_table
from tipline.benchmarks.stages import MetricsSnapshot
from tipline.benchmarks.steps import FLOOR_OVERRIDES, StepSpec, expand_steps
from tipline.benchmarks.targets import evaluate_targets, fit_cost, scale_inputs, size_for

MS = 1_000_000


def test_freshness_is_lake_landing_minus_decision_landing() -> None:
    decisions = {
        "a": Landing(1000, 1010 * MS, 1010 * MS),
        "b": Landing(1000, 1020 * MS, 1020 * MS),
        "c": Landing(1000, 1030 * MS, 1030 * MS),  # never reached the lake
    }
    lake = {
        "a": Landing(1000, 3010 * MS, 3015 * MS),
        "b": Landing(1000, 1520 * MS, 1525 * MS),
        "x": Landing(1000, 9999 * MS, 9999 * MS),  # no decision seen: not measured
    }
    fresh = freshness_values(lake, decisions)
    assert sorted(fresh) == [500.0, 2000.0]
    summary = summarize(fresh, expected=len(decisions))
    assert summary.p50_ms == 2000.0
    assert summary.p99_ms is None  # "c" is missing from the lake: infinitely stale
    assert summary.missing == 1
    assert sorted(latency_values(decisions)) == [10.0, 20.0, 30.0]


def test_percentiles_are_nearest_rank_over_every_sent_message() -> None:
    s = summarize([float(v) for v in range(1, 1001)], expected=1000)
    assert (s.p50_ms, s.p95_ms, s.p99_ms, s.max_ms) == (500.0, 950.0, 990.0, 1000.0)
    padded = summarize([float(v) for v in range(1, 991)], expected=1000)
    assert (padded.p99_ms, padded.missing) == (990.0, 10)
    assert summarize([], expected=0).p99_ms is None


def test_source_timestamp_header_is_read_from_lists_and_dicts() -> None:
    assert source_ts_header([("x", b"1"), (SOURCE_TS_HEADER, b"1700000000123")]) == 1700000000123
    assert source_ts_header({SOURCE_TS_HEADER: "42"}) == 42
    assert source_ts_header([(SOURCE_TS_HEADER, b"soon")]) is None
    assert source_ts_header(None) is None


def _decision(event_id: str, ts: int | None, *, alert: bool = False) -> bytes:
    source = "{}" if ts is None else f'{{"kind":"kafka","timestamp_ms":{ts}}}'
    return (
        f'{{"event_id":"{event_id}","alert":{str(alert).lower()},"decision":"none",'
        f'"source":{source}}}'
    ).encode()


def test_decision_latency_prefers_the_header_and_falls_back_to_the_body() -> None:
    watcher = DecisionWatcher("127.0.0.1:1", "unused")
    with_header = Message(
        topic="d", value=_decision("e1", 500, alert=True), headers=[(SOURCE_TS_HEADER, b"900")]
    )
    parsed = watcher.parse(with_header, 1000 * MS)
    assert parsed is not None
    eid, landing = parsed
    assert (eid, landing.source_ms, landing.latency_ms, landing.alert) == ("e1", 900, 100.0, True)
    parsed = watcher.parse(Message(topic="d", value=_decision("e2", 700)), 1000 * MS)
    assert parsed is not None
    assert parsed[1].latency_ms == 300.0
    assert watcher.parse(Message(topic="d", value=_decision("e3", None)), 1000 * MS) is None
    assert watcher.parse(Message(topic="d", value=b"not json"), 1000 * MS) is None


class _LibrdkafkaLikeConsumer:
    """Records that arrive at given times, on a clock that the reads move.

    ``consume(n, timeout)`` blocks as librdkafka's does: until ``n`` records are
    in or the timeout is over; ``poll(timeout)`` until one record is in.
    """

    def __init__(self, arrivals_ms: list[float]) -> None:
        self.now_ms = 0.0
        self._pending = [
            (at, Message(topic="d", value=_decision(f"e{i}", 0)))
            for i, at in enumerate(arrivals_ms)
        ]

    def clock(self) -> int:
        return int(self.now_ms * MS)

    def _take(self, n: int) -> list[Message]:
        ready = [m for at, m in self._pending if at <= self.now_ms][:n]
        self._pending = self._pending[len(ready) :]
        return ready

    def poll(self, timeout: float) -> Message | None:
        if self._pending and self._pending[0][0] <= self.now_ms + timeout * 1000:
            self.now_ms = max(self.now_ms, self._pending[0][0])
            return self._take(1)[0]
        self.now_ms += timeout * 1000
        return None

    def consume(self, n: int, timeout: float) -> list[Message]:
        deadline = self.now_ms + timeout * 1000
        if len(self._pending) >= n and self._pending[n - 1][0] <= deadline:
            self.now_ms = max(self.now_ms, self._pending[n - 1][0])
        else:
            self.now_ms = deadline
        return self._take(n)


def test_a_decision_lands_when_it_arrives_not_when_a_batch_read_times_out() -> None:
    # 2,000 msg/s: one record every 0.5 ms, far fewer than a batch per 50 ms.
    arrivals = [i * 0.5 for i in range(200)]
    consumer = _LibrdkafkaLikeConsumer(arrivals)
    watcher = DecisionWatcher("127.0.0.1:1", "unused")
    read = 0
    while read < len(arrivals):
        read += watcher.read_once(consumer, consumer.clock)
    landings = watcher.landings()
    # Every record's timestamp is 0, so its latency is the clock when it was stamped:
    # exactly its arrival. A read that waits for 500 records or 50 ms stamped
    # these up to 50 ms late.
    assert [landings[f"e{i}"].latency_ms for i in range(len(arrivals))] == arrivals


def test_every_full_step_gets_a_floor_twin_on_every_layout() -> None:
    plan = expand_steps(
        [StepSpec("text", 2000), StepSpec("mixed", 400)], floors=True, processes=(1, 2)
    )
    assert [s.label for s in plan] == [
        "text2000", "text2000floor", "mixed400", "mixed400floor",
        "text2000x2", "text2000floorx2", "mixed400x2", "mixed400floorx2",
    ]  # fmt: skip
    labels = [s.label for s in plan]
    assert not any(a != b and b.startswith(a + "-") for a in labels for b in labels)
    assert plan[1].overrides() == FLOOR_OVERRIDES
    assert plan[0].overrides() == ()
    assert "grooming.enabled=false" in FLOOR_OVERRIDES
    assert len(expand_steps([StepSpec("text", 1)], floors=False)) == 1


def _step(rate: float, p99: float | None, **extra: Any) -> dict[str, Any]:
    step: dict[str, Any] = {
        "traffic": "text", "rate": rate, "floor": False, "processes": 1,
        "label": f"text{rate:g}", "decision_p99_ms": p99, "p99_ms": p99, "missing": 0,
        "sustained": True, "sent": 10_000, "landed": 10_000,
        "job_cpu_seconds": 3.0, "broker_cpu_seconds": 1.0, "throughput": rate,
        "cpu_percent": 50.0, "broker_cpu_percent": 10.0,
        "alerts": {"flagged": 5, "p99_ms": 120.0},
        "lake_freshness": {"p99_ms": 2500.0},
    }  # fmt: skip
    step.update(extra)
    return step


def test_targets_report_each_layout_and_how_far_over() -> None:
    steps = [
        _step(5000, 180.0),
        _step(5000, 90.0, processes=2, label="text5000x2"),
        _step(2000, 75.5),
        _step(2000, 10.0, floor=True, label="text2000floor"),
    ]
    targets = evaluate_targets(steps)
    t5k = targets["text_5000"]
    assert [(r["processes"], r["over_by_ms"], r["met"]) for r in t5k["layouts"]] == [
        (1, 80.0, False),
        (2, 0.0, True),
    ]
    assert t5k["met"] is True
    assert targets["text_2000"]["layouts"][0]["over_by_ms"] == 25.5  # the floor is not judged
    assert targets["text_2000"]["met"] is False
    assert targets["mixed_400"]["met"] is None
    assert targets["lake_freshness_p99_le_60s"] == {"worst_p99_ms": 2500.0, "steps": 4, "met": True}
    slow_alert = _step(5000, 50.0, alerts={"flagged": 3, "p99_ms": 400.0})
    assert evaluate_targets([slow_alert])["text_5000"]["layouts"][0]["alert_over_by_ms"] == 250.0
    behind = _step(5000, 50.0, sustained=False)
    assert evaluate_targets([behind])["text_5000"]["met"] is False


def test_scale_model_fits_a_fixed_and_a_per_message_cost_and_sizes_processes() -> None:
    # CPU = 0.30 core + 0.2 s per 1,000 msgs: 500 msg/s -> 0.40, 2,000 -> 0.70 (saturated
    # steps count by their throughput).
    steps = [
        _step(500, 40.0, throughput=500.0, cpu_percent=40.0, broker_cpu_percent=5.0),
        _step(2000, 90.0, throughput=2000.0, cpu_percent=70.0, broker_cpu_percent=20.0),
        _step(2000, 9.0, floor=True, throughput=2000.0, cpu_percent=10.0, broker_cpu_percent=1.0),
    ]
    [cost] = scale_inputs([_step(2000, 40.0)])
    assert (cost["job_cpu_s_per_1k"], cost["broker_cpu_s_per_1k"]) == (0.3, 0.1)
    fit = fit_cost(steps, "text")
    assert fit is not None
    assert (fit.fixed_cores, fit.marginal_s_per_1k, fit.broker_s_per_1k, fit.points) == (
        pytest.approx(0.3),
        pytest.approx(0.2),
        pytest.approx(0.1),
        2,
    )
    # at 75 % of a core one process decides (0.75 - 0.30) / 0.2 * 1000 = 2,250 msg/s
    assert fit.capacity(0.75) == pytest.approx(2250.0)
    z = size_for(10_000, fit)
    assert z is not None
    assert (z.processes, z.partitions) == (5, 16)
    assert z.job_cores == pytest.approx(5 * 0.3 + 2.0)
    assert z.broker_cores == pytest.approx(1.0)
    assert fit_cost(steps[:1], "text") is None  # one rate: no slope
    flat = [_step(500, 1.0, throughput=500.0, cpu_percent=50.0),
            _step(900, 1.0, throughput=900.0, cpu_percent=40.0)]  # fmt: skip
    assert fit_cost(flat, "text") is None  # contention, not cost
    # the rehearsal's text steps: 206 msg/s at 26 % and 186 msg/s at 21.8 % of a core
    starved = [_step(2000, 1.0, throughput=206.0, cpu_percent=26.0),
               _step(5000, 1.0, throughput=186.0, cpu_percent=21.8)]  # fmt: skip
    assert fit_cost(starved, "text") is None  # a negative fixed part: starved, not fitted


def test_tables_render_targets_floors_and_scale_from_the_results() -> None:
    full, floor = _step(2000, 75.5), _step(2000, 20.0, floor=True, job_cpu_seconds=1.0)
    doc = {"steps": [full, floor], "targets": evaluate_targets([full, floor]),
           "scale": scale_inputs([full, floor])}  # fmt: skip
    floors = floor_table(doc).splitlines()
    assert floors[2] == "| text 2000, x1 | 76 | 20 | 0.300 | 0.100 | 0.200 | 0.100 |"
    assert "| x1 | 76 (26) | 120 (0) | yes | no |" in targets_table(doc)
    assert "no fit" in scale_table(doc)  # one rate only
    fitted = {"steps": [_step(500, 1.0, throughput=500.0, cpu_percent=40.0,
                              broker_cpu_percent=5.0),
                        _step(2000, 1.0, throughput=2000.0, cpu_percent=70.0,
                              broker_cpu_percent=20.0)]}  # fmt: skip
    scale = scale_table(fitted).splitlines()
    assert scale[2] == "| text | 0.30 | 0.200 | 0.100 | 2,250 | 10,000 | 5 | 16 | 3.5 | 1.0 |"
    behind = _step(5000, None, sustained=False, landed=5_000)
    assert scale_inputs([behind])[0]["job_cpu_s_per_1k"] == 0.6  # per message decided


def test_scrapes_of_several_processes_add_up() -> None:
    def text(n: int, total: float) -> str:
        return (
            "# TYPE tipline_stage_seconds histogram\n"
            f'tipline_stage_seconds_bucket{{stage="decode",le="0.001"}} {n}\n'
            f'tipline_stage_seconds_bucket{{stage="decode",le="+Inf"}} {n}\n'
            f'tipline_stage_seconds_sum{{stage="decode"}} {total}\n'
            f'tipline_stage_seconds_count{{stage="decode"}} {n}\n'
            "# TYPE tipline_events_total counter\n"
            f"tipline_events_total {n}\n"
        )

    both = MetricsSnapshot.parse_all([text(10, 0.5), text(30, 1.5)])
    hist = both.histograms[("tipline_stage_seconds", "decode")]
    assert (hist.count, hist.total, hist.buckets[0.001]) == (40.0, 2.0, 40.0)
    assert both.counters["tipline_events_total"] == 40.0
    assert hist.quantile(0.5) == pytest.approx(0.0005)


def test_the_load_note_says_when_it_was_taken() -> None:
    before, after = other_processes_note(0.0), other_processes_note(0.0, when="after")
    assert before.startswith("before the run: load average ")
    assert after.startswith("after the run: load average ")
