"""``lake.feed = "decisions"`` against the real broker: the job publishes, ``tipline lake-feed``
fills the lake; SIGKILL of either process loses and duplicates nothing in the lake.

Guarantees checked here: the decisions topic is at-least-once (every event at
least once; a second copy only for events whose decision was published before
the job's SIGKILL and replayed after it); the lake is exactly-once by
``event_id``; a record on the decisions topic that is not a decision becomes a
dead letter and the feed goes on.
"""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from confluent_kafka import Consumer, TopicPartition

from tests.integration.kafka_util import (
    consume_all,
    create_topic,
    produce,
    start_job,
    stop_job,
    wait_for,
)
from tests.integration.test_decisions_topic import (
    count_topic,
    decisions_config,
    read_topic,
    with_decisions,
)
from tests.integration.test_kafka_flow import POISON, events, lake_event_ids
from tipline.schemas.config import load_config
from tipline.schemas.dead_letter import decode_dead_letter
from tipline.schemas.decision import decode_decision
from tipline.services.dead_letters import DeadLetterSealer

pytestmark = pytest.mark.integration

FEED = ("--set", 'lake.feed="decisions"')


def _setup(tmp: Path, bootstrap: str, name: str) -> tuple[dict[str, str], Path]:
    topics = with_decisions(name)
    create_topic(bootstrap, topics["in"], partitions=2)
    create_topic(bootstrap, topics["decisions"], partitions=2)
    return topics, decisions_config(tmp, bootstrap, topics, recovery="true")


def _watermarks(bootstrap: str, topic: str) -> dict[int, int]:
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "marks"})
    try:
        return {
            p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1]
            for p in (0, 1)
        }
    finally:
        consumer.close()


def _wait_for_every_row(lake: Path, n: int, jobs: list[subprocess.Popen[bytes]]) -> None:
    wait_for(
        lambda: len(set(lake_event_ids(lake))) >= n,
        timeout=240,
        what="every row in the lake",
        jobs=jobs,
    )


def _exactly_once(lake: Path, n: int) -> None:
    ids = lake_event_ids(lake)
    dupes = [k for k, c in Counter(ids).items() if c > 1]
    assert not dupes, f"duplicates in the lake: {dupes[:5]}"
    assert set(ids) == {f"evt-{i:05d}" for i in range(n)}


def test_sigkill_of_the_job_duplicates_on_the_topic_but_not_in_the_lake(
    tmp_path: Path, kafka_bootstrap: str, unique_name: str
) -> None:
    topics, config = _setup(tmp_path, kafka_bootstrap, unique_name)
    n = 4000
    records = events(n)
    for k, bad in enumerate(POISON):
        records.insert(1000 * (k + 1), (b"poison", bad))
    produce(kafka_bootstrap, topics["in"], records[: len(records) // 2])
    feed = start_job(config, *FEED, command="lake-feed")
    job = start_job(config, *FEED)
    try:
        wait_for(
            lambda: count_topic(kafka_bootstrap, topics["decisions"]) >= 800,
            what="progress",
            jobs=[job, feed],
        )
        stop_job(job, hard=True)  # SIGKILL in the middle
        at_kill = _watermarks(kafka_bootstrap, topics["decisions"])
        # How many decisions the restart republishes depends on where the kill fell
        # in the job's epoch (often none: an epoch's decisions are delivered just
        # before its snapshot). Republish 300 of them as a replay would (same key
        # and value) so that the feed's dedupe is exercised every time.
        published = read_topic(kafka_bootstrap, topics["decisions"], timeout=3)
        produce(
            kafka_bootstrap, topics["decisions"], [(r["key"], r["value"]) for r in published[:300]]
        )  # type: ignore[misc]
        produce(kafka_bootstrap, topics["in"], records[len(records) // 2 :])
        job = start_job(config, *FEED)
        _wait_for_every_row(tmp_path / "lake", n, [job, feed])
    finally:
        stop_job(job)
        stop_job(feed)
    _exactly_once(tmp_path / "lake", n)
    first: dict[str, tuple[int, int]] = {}
    copies: Counter[str] = Counter()
    for rec in read_topic(kafka_bootstrap, topics["decisions"]):
        event_id = decode_decision(rec["value"]).event_id  # type: ignore[arg-type]
        copies[event_id] += 1
        first.setdefault(event_id, (rec["partition"], rec["offset"]))  # type: ignore[arg-type]
    assert set(copies) == {f"evt-{i:05d}" for i in range(n)}  # at least once
    replayed = [e for e, c in copies.items() if c > 1]
    assert all(c <= 3 for c in copies.values())
    assert len(replayed) >= 300
    for event_id in replayed:  # a second copy only for decisions published before the kill
        partition, offset = first[event_id]
        assert offset < at_kill[partition]
    assert os.path.isdir(tmp_path / "recovery" / "lake-feed")


def test_sigkill_of_the_feed_leaves_every_row_once(
    tmp_path: Path, kafka_bootstrap: str, unique_name: str
) -> None:
    topics, config = _setup(tmp_path, kafka_bootstrap, unique_name)
    n = 4000
    produce(kafka_bootstrap, topics["in"], events(n))
    job = start_job(config, *FEED)
    feed = start_job(config, *FEED, command="lake-feed")
    try:
        wait_for(
            lambda: len(lake_event_ids(tmp_path / "lake")) >= 600,
            what="progress",
            jobs=[job, feed],
        )
        stop_job(feed, hard=True)  # SIGKILL in the middle
        feed = start_job(config, *FEED, command="lake-feed")
        _wait_for_every_row(tmp_path / "lake", n, [job, feed])
    finally:
        stop_job(job)
        stop_job(feed)
    _exactly_once(tmp_path / "lake", n)


def test_a_garbage_record_on_the_decisions_topic_is_a_dead_letter(
    tmp_path: Path, kafka_bootstrap: str, unique_name: str
) -> None:
    topics, config = _setup(tmp_path, kafka_bootstrap, unique_name)
    produce(kafka_bootstrap, topics["in"], events(300))
    garbage = [b"not json at all", b'{"schema": "tipline.decision/1", "event_id": 5}']
    produce(kafka_bootstrap, topics["decisions"], [(b"x", g) for g in garbage])
    job = start_job(config, *FEED)
    feed = start_job(config, *FEED, command="lake-feed")
    try:
        wait_for(
            lambda: len(lake_event_ids(tmp_path / "lake")) >= 300,
            what="300 rows after the garbage",
            jobs=[job, feed],
        )
        dead = consume_all(kafka_bootstrap, topics["dlq"], expect=len(garbage), timeout=60)
        assert feed.poll() is None, "a garbage record stopped the feed"
    finally:
        stop_job(job)
        stop_job(feed)
    _exactly_once(tmp_path / "lake", 300)
    sealed = [decode_dead_letter(v) for _, v in dead]
    assert all(d.sealed for d in sealed)
    sealer = DeadLetterSealer.from_config(load_config(str(config)).evidence, os.environ)
    letters = [sealer.open(d) for d in sealed]
    assert sorted(d.raw for d in letters) == sorted(garbage)
    assert {d.stage for d in letters} == {"lake-feed"}
    assert all(d.source.topic == topics["decisions"] for d in letters)
