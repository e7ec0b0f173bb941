"""Liveness from input polls, the /healthz /readyz /metrics server, and the SLO gauges."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest
from prometheus_client import REGISTRY

from tipline.flows.heartbeat import HeartbeatSource
from tipline.schemas.report import ReportDraft
from tipline.services.health import Health, serve
from tipline.services.ops_metrics import (
    count_drafts,
    publish_draft_counts,
    set_build_info,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_health_turns_stalled_when_a_partition_stops_being_polled() -> None:
    clock = FakeClock()
    health = Health(stall_after_s=60, clock=clock)
    assert health.live()[0]  # nothing to poll yet: starting, not stalled
    assert not health.ready()
    health.mark_ready()
    health.beat("p0", 10)
    health.beat("p1", 0)  # an idle partition polled: progress too
    clock.now += 59
    health.beat("p0", 0)
    ok, body = health.live()
    assert ok and body["partitions"] == 2 and body["records"] == 10
    clock.now += 2  # p1 last polled 61 s ago
    ok, body = health.live()
    assert not ok
    assert body["status"] == "stalled" and body["seconds_since_oldest_poll"] == 61
    health.done("p1")  # a finished partition no longer counts
    assert health.live()[0]


class _Inner:
    def __init__(self, batches: list[list[int]]) -> None:
        self.batches = batches
        self.closed = False

    def next_batch(self) -> list[int]:
        if not self.batches:
            raise StopIteration
        return self.batches.pop(0)

    def next_awake(self) -> None:
        return None

    def snapshot(self) -> int:
        return len(self.batches)

    def close(self) -> None:
        self.closed = True


class _Source:
    def __init__(self, inner: _Inner) -> None:
        self.inner = inner

    def list_parts(self) -> list[str]:
        return ["only"]

    def build_part(self, step_id: str, for_part: str, resume_state: int | None) -> _Inner:
        return self.inner


def test_every_poll_of_a_wrapped_source_beats() -> None:
    clock = FakeClock()
    health = Health(stall_after_s=5, clock=clock)
    inner = _Inner([[1, 2], []])
    source = HeartbeatSource(_Source(inner), health)  # type: ignore[arg-type]
    assert source.list_parts() == ["only"]
    part = source.build_part("input", "only", None)
    assert part.next_batch() == [1, 2]
    clock.now += 4
    assert part.next_batch() == []  # idle poll
    clock.now += 4
    assert health.live()[0]  # polled 4 s ago
    assert health.live()[1]["records"] == 2
    assert part.snapshot() == 0
    with pytest.raises(StopIteration):
        part.next_batch()
    assert health.live()[1]["partitions"] == 0
    part.close()
    assert inner.closed


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_the_metrics_port_serves_probes_and_metrics() -> None:
    clock = FakeClock()
    health = Health(stall_after_s=30, clock=clock)
    server = serve("127.0.0.1", 0, health)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert _get(f"{base}/readyz")[0] == 503
        health.mark_ready()
        assert _get(f"{base}/readyz") == (200, b'{"status": "ready"}')
        health.beat("p0", 1)
        code, body = _get(f"{base}/healthz")
        assert code == 200 and json.loads(body)["status"] == "ok"
        clock.now += 31
        code, body = _get(f"{base}/healthz")
        assert code == 503 and json.loads(body)["status"] == "stalled"
        set_build_info("9.9.9", "det-1")
        code, body = _get(f"{base}/metrics")
        assert code == 200
        assert b'tipline_build_info{detector_version="det-1",version="9.9.9"} 1.0' in body
        assert _get(f"{base}/other")[0] == 404
    finally:
        server.shutdown()
        server.server_close()


def _draft(n: int, status: str, kind: str, deadline: datetime) -> ReportDraft:
    return ReportDraft(
        draft_id=f"pkg-{n}", package_id=f"pkg-{n}", event_id=f"e{n}", session_id="s",
        manifest_sha256="0" * 64, status=status, incident_type=kind,  # type: ignore[arg-type]
        incident_at=deadline, detected_at=deadline, deadline=deadline, created_at=deadline,
        report_xml="<report/>",
    )  # fmt: skip


def test_pending_and_overdue_drafts_are_counted_by_type() -> None:
    now = datetime(2026, 1, 2, 12, tzinfo=UTC)
    hour = timedelta(hours=1)
    drafts = [
        _draft(1, "draft", "csam", now - hour),  # overdue
        _draft(2, "approved", "csam", now + hour),
        _draft(3, "draft", "enticement", now + 3 * hour),
        _draft(4, "submitted", "csam", now - hour),  # sent: neither
        _draft(5, "finished", "enticement", now - hour),
        _draft(6, "failed", "enticement", now - 2 * hour),  # still to send, overdue
    ]
    counts = count_drafts(drafts, now)
    assert counts.pending == {"csam": 2, "enticement": 2}
    assert counts.overdue == {"csam": 1, "enticement": 1}
    assert counts.next_deadline_s == -7200.0
    publish_draft_counts(counts, now)

    def gauge(name: str, **labels: str) -> float | None:
        return REGISTRY.get_sample_value(name, labels or None)

    assert gauge("tipline_report_drafts_pending", incident_type="csam") == 2
    assert gauge("tipline_report_drafts_overdue", incident_type="enticement") == 1
    assert gauge("tipline_report_drafts_next_deadline_seconds") == -7200.0
    # every draft sent: the types seen before read 0, not their old values
    publish_draft_counts(count_drafts(drafts[3:5], now), now)
    assert gauge("tipline_report_drafts_pending", incident_type="csam") == 0
    assert gauge("tipline_report_drafts_overdue", incident_type="enticement") == 0
