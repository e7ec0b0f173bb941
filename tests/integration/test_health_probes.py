"""A real `tipline run` on Kafka serves /readyz, /healthz and the operations gauges."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.integration.kafka_util import create_topic, produce, start_job, stop_job, wait_for
from tests.integration.test_kafka_flow import events, lake_event_ids, topics_for, write_config

pytestmark = pytest.mark.integration


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except OSError:
        return 0, b""


def _scanned_at(metrics: bytes) -> float:
    """The drafts-scan gauge (0 until the runner scanned the drafts store)."""
    for line in metrics.decode().splitlines():
        if line.startswith("tipline_report_drafts_scan_timestamp_seconds "):
            return float(line.split()[1])
    return 0.0


def test_run_serves_probes_and_gauges_while_it_consumes(
    tmp_path: Path, kafka_bootstrap: str, unique_name: str
) -> None:
    topics = topics_for(unique_name)
    create_topic(kafka_bootstrap, topics["in"], partitions=2)
    produce(kafka_bootstrap, topics["in"], events(60))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = write_config(tmp_path, kafka_bootstrap, topics)
    config.write_text(
        config.read_text(encoding="utf-8")
        + f"\n[metrics]\nport = {port}\nstall_after_s = 120\ndrafts_scan_s = 0.5\n",
        encoding="utf-8",
    )
    base = f"http://127.0.0.1:{port}"
    job = start_job(config)
    try:
        wait_for(lambda: _get(f"{base}/readyz")[0] == 200, what="/readyz 200", jobs=[job])
        wait_for(
            lambda: len(lake_event_ids(tmp_path / "lake")) >= 60, what="60 lake rows", jobs=[job]
        )
        code, body = _get(f"{base}/healthz")
        health = json.loads(body)
        assert code == 200, health
        assert health["status"] == "ok"
        assert health["partitions"] == 2  # both input partitions beat, idle or not
        assert health["records"] >= 60
        code, metrics = _get(f"{base}/metrics")
        assert code == 200
        assert b'tipline_build_info{detector_version="tipline-0.1.0",version="0.1.0"} 1.0' in (
            metrics
        )
        wait_for(lambda: _scanned_at(_get(f"{base}/metrics")[1]) > 0, what="a scan", jobs=[job])
    finally:
        stop_job(job)
    assert job.returncode == 0
