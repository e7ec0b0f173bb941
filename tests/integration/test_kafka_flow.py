"""The long-running job against a real Kafka broker (KRaft): poison records, recovery, replay, scale-out."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from schemas.dead_letter import decode_dead_letter
from sinks.lake import lake_files
from tests.flow.conftest import event_json
from tests.integration.kafka_util import (
    consume_all,
    create_topic,
    produce,
    start_job,
    stop_job,
    wait_for,
)

pytestmark = pytest.mark.integration

POISON = [
    b'{"schema": "tipline.message/1", "event_id": ',  # not JSON
    b'{"schema": "tipline.message/0", "event_id": "x"}',  # wrong schema
    b'{"schema": "tipline.message/1", "text": "' + b"a" * 200_000 + b'"}',  # oversized
]


def write_config(tmp: Path, bootstrap: str, topics: dict[str, str], **extra: str) -> Path:
    recovery = extra.get("recovery", "false")
    config = tmp / "kafka.toml"
    config.write_text(
        f"""
[job]
name = "tipline-it"
[kafka]
brokers = ["{bootstrap}"]
settings = {{ "fetch.wait.max.ms" = 10, "linger.ms" = 1 }}
[input]
kind = "kafka"
topics = ["{topics['in']}"]
batch_size = 200
max_record_bytes = 65536
[dead_letters]
kind = "kafka"
topic = "{topics['dlq']}"
[alerts]
kind = "kafka"
topic = "{topics['alerts']}"
[lake]
path = "{tmp / 'lake'}"
shards = 2
roll_rows = 100
roll_seconds = 0.3
[recovery]
enabled = {recovery}
path = "{tmp / 'recovery'}"
snapshot_interval_s = 0.5
[hashing]
lists = []
[evidence]
path = "{tmp / 'vault'}"
[reports]
path = "{tmp / 'reports'}"
""",
        encoding="utf-8",
    )
    return config


def lake_event_ids(lake: Path) -> list[str]:
    return [
        eid for _, _, p in lake_files(lake) for eid in pq.read_table(p)["event_id"].to_pylist()
    ]


def topics_for(name: str) -> dict[str, str]:
    return {"in": f"{name}-in", "dlq": f"{name}-dlq", "alerts": f"{name}-alerts"}


def events(n: int, sessions: int = 7) -> list[tuple[bytes, bytes]]:
    out = []
    for i in range(n):
        session = f"s-{i % sessions}"
        out.append((session.encode(), event_json(i, session)))
    return out


def test_poison_records_go_to_the_dead_letter_topic(
    tmp_path: Path, kafka_bootstrap: str, unique_name: str
) -> None:
    topics = topics_for(unique_name)
    create_topic(kafka_bootstrap, topics["in"], partitions=2)
    records = events(300)
    for k, bad in enumerate(POISON):
        records.insert(50 * (k + 1), (b"poison", bad))
    produce(kafka_bootstrap, topics["in"], records)
    job = start_job(write_config(tmp_path, kafka_bootstrap, topics))
    try:
        dead = consume_all(kafka_bootstrap, topics["dlq"], expect=len(POISON), timeout=120)
        wait_for(lambda: len(lake_event_ids(tmp_path / "lake")) >= 300, what="300 lake rows")
        assert job.poll() is None, "a poison record stopped the job"
    finally:
        stop_job(job)
    letters = [decode_dead_letter(v) for _, v in dead]
    assert sorted(d.raw for d in letters) == sorted(POISON)
    assert {d.error_type for d in letters} == {"EventDecodeError", "EventTooLarge"}
    for letter in letters:
        assert letter.source.kind == "kafka"
        assert letter.source.topic == topics["in"]
        assert letter.source.offset is not None
    assert sorted(lake_event_ids(tmp_path / "lake")) == sorted(f"evt-{i:05d}" for i in range(300))


def test_sigkill_and_restart_lose_and_duplicate_nothing(
    tmp_path: Path, kafka_bootstrap: str, unique_name: str
) -> None:
    topics = topics_for(unique_name)
    create_topic(kafka_bootstrap, topics["in"], partitions=2)
    n = 4000
    records = events(n)
    for k, bad in enumerate(POISON):
        records.insert(1000 * (k + 1), (b"poison", bad))
    config = write_config(tmp_path, kafka_bootstrap, topics, recovery="true")

    produce(kafka_bootstrap, topics["in"], records[: len(records) // 2])
    job = start_job(config)
    try:
        wait_for(lambda: len(lake_event_ids(tmp_path / "lake")) >= 500, what="progress")
    finally:
        stop_job(job, hard=True)  # SIGKILL in the middle
    produce(kafka_bootstrap, topics["in"], records[len(records) // 2 :])
    job = start_job(config)
    try:
        wait_for(lambda: len(lake_event_ids(tmp_path / "lake")) >= n, timeout=180, what="all rows")
        dead = consume_all(kafka_bootstrap, topics["dlq"], timeout=20)
    finally:
        stop_job(job)

    ids = lake_event_ids(tmp_path / "lake")
    assert len(ids) == n, f"duplicates in the lake: {[k for k, c in Counter(ids).items() if c > 1][:5]}"
    assert set(ids) == {f"evt-{i:05d}" for i in range(n)}
    # The dead-letter topic is at-least-once; its key (stage + source position) dedupes it.
    keys = {k for k, _ in dead}
    assert len(keys) == len(POISON)


def test_bounded_topic_replay_reads_the_range_only(
    tmp_path: Path, kafka_bootstrap: str, unique_name: str
) -> None:
    topics = topics_for(unique_name)
    create_topic(kafka_bootstrap, topics["in"], partitions=1)
    produce(kafka_bootstrap, topics["in"], events(100))
    config = write_config(tmp_path, kafka_bootstrap, topics)
    out = tmp_path / "replay"
    from flows.cli import main

    assert main(["replay", "--kafka-topic", topics["in"], "--from", "10", "--to", "60",
                 "--config", str(config), "--out", str(out)]) == 0
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["events"] == 50
    assert metrics["dead_lettered"] == 0
    ids = sorted(lake_event_ids(out / "lake"))
    assert ids == [f"evt-{i:05d}" for i in range(10, 60)]
    assert not (tmp_path / "lake").exists(), "the replay wrote into the live job's lake"


def test_two_processes_over_four_partitions_match_one_worker(
    tmp_path: Path, kafka_bootstrap: str, unique_name: str
) -> None:
    topics = topics_for(unique_name)
    create_topic(kafka_bootstrap, topics["in"], partitions=4)
    produce(kafka_bootstrap, topics["in"], events(1000, sessions=23))
    config = write_config(tmp_path, kafka_bootstrap, topics)
    addresses = "127.0.0.1:{};127.0.0.1:{}".format(*_ports(2))
    jobs = [start_job(config, "-w", "1", "-a", addresses, "-i", str(i)) for i in range(2)]
    try:
        wait_for(lambda: len(lake_event_ids(tmp_path / "lake")) >= 1000, what="1000 rows")
    finally:
        for job in jobs:
            stop_job(job)
    ids = lake_event_ids(tmp_path / "lake")
    assert sorted(ids) == sorted(f"evt-{i:05d}" for i in range(1000))


def _ports(n: int) -> list[int]:
    import socket

    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [int(s.getsockname()[1]) for s in socks]
    for s in socks:
        s.close()
    return ports

