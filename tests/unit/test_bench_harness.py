"""Pure parts of the benchmark harness: parsing, percentiles, histograms, payloads."""

from __future__ import annotations

import base64
import io
import json
import math
from pathlib import Path

import msgspec
import pytest
from PIL import Image

from tipline.benchmarks.collector import summarize
from tipline.benchmarks.e2e import StepSpec, sustained
from tipline.benchmarks.harness import Topics, decisions_on_kafka, derive_config
from tipline.benchmarks.loadgen import (
    TrafficSpec,
    _payload,
    _pick_sessions,
    text_templates,
    to_events,
)
from tipline.benchmarks.stages import Histogram, MetricsSnapshot, stage_breakdown
from tipline.schemas.config import load_config
from tipline.schemas.event import decode_event
from tipline.synth.images import encode, make_image


def test_step_spec_parses_kind_and_rate() -> None:
    assert StepSpec.parse("mixed:50") == StepSpec("mixed", 50.0)
    assert StepSpec.parse("text:5000").label == "text5000"
    assert StepSpec("text", 5000, floor=True, processes=2).label == "text5000floorx2"
    with pytest.raises(ValueError, match="not a step"):
        StepSpec.parse("video:5")


def test_missing_messages_count_as_infinitely_late() -> None:
    s = summarize([float(i) for i in range(1, 101)], expected=100)
    assert (s.p50_ms, s.p99_ms, s.max_ms, s.missing) == (50.0, 99.0, 100.0, 0)
    late = summarize([1.0] * 98, expected=100)
    assert late.p50_ms == 1.0
    assert late.p99_ms is None
    assert late.missing == 2


def test_histogram_quantile_interpolates_inside_the_bucket() -> None:
    hist = Histogram({0.001: 50.0, 0.01: 100.0, math.inf: 100.0}, total=0.3, count=100.0)
    assert hist.quantile(0.5) == pytest.approx(0.001)
    assert hist.quantile(0.75) == pytest.approx(0.0055)
    assert Histogram({math.inf: 1.0}, count=1.0).quantile(0.99) == math.inf


def test_stage_breakdown_is_the_delta_between_scrapes() -> None:
    def scrape(n: int, total: float) -> MetricsSnapshot:
        text = (
            "# TYPE tipline_stage_seconds histogram\n"
            f'tipline_stage_seconds_bucket{{stage="decode",le="0.001"}} {n}\n'
            f'tipline_stage_seconds_bucket{{stage="decode",le="+Inf"}} {n}\n'
            f'tipline_stage_seconds_sum{{stage="decode"}} {total}\n'
            f'tipline_stage_seconds_count{{stage="decode"}} {n}\n'
        )
        return MetricsSnapshot.parse(text)

    out = stage_breakdown(scrape(10, 0.001), scrape(110, 0.021))
    assert out["decode"]["count"] == 100
    assert out["decode"]["mean_ms"] == pytest.approx(0.2)
    assert out["evidence"] == "n/a"


def test_sustained_needs_output_as_fast_as_input() -> None:
    ok = {"job_alive": True, "missing": 0, "achieved_rate": 1000.0, "throughput": 990.0}
    assert sustained(ok, 1000.0)
    assert not sustained({**ok, "throughput": 700.0}, 1000.0)
    assert not sustained({**ok, "missing": 3}, 1000.0)


def test_derived_config_changes_only_run_specific_keys(tmp_path: Path) -> None:
    topics = Topics.named("bench-x")
    path = derive_config(Path("config/bench.toml"), tmp_path, "127.0.0.1:1", topics, 9999)
    cfg = load_config(path)
    assert cfg.input.topics == ["bench-x-in"]
    assert cfg.alerts.topic == "bench-x-alerts"
    assert cfg.decisions.topic == "bench-x-decisions"
    assert cfg.decisions.kind == "kafka"
    assert cfg.metrics.port == 9999
    assert cfg.lake.path == f"{tmp_path}/lake"
    assert cfg.recovery.enabled
    assert cfg.lake.roll_seconds == load_config("config/bench.toml").lake.roll_seconds


def test_topics_carry_their_partitions_and_skip_an_unused_decisions_topic() -> None:
    topics = Topics.named("bench-y", partitions=4)
    assert topics.partitions == 4
    assert topics.all() == ["bench-y-in", "bench-y-alerts", "bench-y-dlq", "bench-y-decisions"]
    assert "bench-y-decisions" not in Topics("a", "b", "c").all()
    assert decisions_on_kafka(Path("config/bench.toml")) in (True, False)


def test_text_templates_fill_into_valid_events() -> None:
    template = text_templates(seed=3, positive_share=0.05)[0]
    raw = template.fill(b"bench-1", b"2026-11-20T08:00:00.000+00:00", b"4")
    event = decode_event(raw)
    assert event.event_id == "bench-1"
    assert event.session_id.endswith("~4")


def test_sessions_at_once_are_dealt_round_robin_in_their_own_order() -> None:
    dealt = text_templates(seed=3, positive_share=0.05, sessions=300)
    picked = _pick_sessions(3, 0.05, 300)
    ids = [s.session_id.encode() for s in picked]
    assert len(ids) > 150  # the grooming share cut leaves most negatives
    # the first round touches every session once, before any second message
    assert [t.session for t in dealt[: len(ids)]] == ids
    # each session's messages keep their own order (texts compared, ids are holes)
    for session in picked[:20]:
        sid = session.session_id.encode()
        texts = [decode_event(t.fill(b"e", b"2026-01-01T00:00:00+00:00", b"0")).text
                 for t in dealt if t.session == sid]  # fmt: skip
        assert texts == [e.text for e in to_events(session)]
    # the default mix is in event-time order: far fewer sessions at once
    default = text_templates(seed=3, positive_share=0.05)
    assert len({t.session for t in default[: len(ids)]}) < len(ids) // 2


def test_unique_image_keeps_pixels_and_changes_bytes() -> None:
    img = make_image(1, 64, 48, "shapes")
    payload = _payload(encode(img), 0.003, known=False)
    a = json.loads(payload.attachment(b"a1", b"000000000001"))
    b = json.loads(payload.attachment(b"a2", b"000000000002"))
    da, db = base64.b64decode(a["data_b64"]), base64.b64decode(b["data_b64"])
    assert da != db
    assert len(da) == a["size_bytes"]
    with Image.open(io.BytesIO(da)) as ia, Image.open(io.BytesIO(db)) as ib:
        assert ia.tobytes() == ib.tobytes()
    assert TrafficSpec().image_share == 0.05
    assert msgspec.json.decode(payload.attachment(b"a3", b"3"))["media_type"] == "image/jpeg"
