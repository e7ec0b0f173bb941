"""The decisions topic against the real broker: keyed by session, ordered per session.

What the topic guarantees: every decision at least once, ordered per session
(key = session id, idempotent producer). After a crash the job replays its
input from the last snapshot and publishes those decisions again, so a
replayed event may appear twice (same ``event_id``, same decision); every
other appears once. The lake fed from it is exactly-once by ``event_id``
(``tests/integration/test_lake_feed.py``).
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

import pytest
from confluent_kafka import Consumer, TopicPartition

from tests.integration.kafka_util import create_topic, produce, start_job, stop_job, wait_for
from tests.integration.test_kafka_flow import events, topics_for, write_config
from tipline.schemas.decision import decode_decision
from tipline.sinks.decisions import SOURCE_TS_HEADER

pytestmark = pytest.mark.integration


def decisions_config(tmp: Path, bootstrap: str, topics: dict[str, str], **extra: str) -> Path:
    """The integration config with ``[decisions]`` on the Kafka topic ``topics["decisions"]``."""
    config = write_config(tmp, bootstrap, topics, **extra)
    text = config.read_text(encoding="utf-8")
    kafka = f'[decisions]\nkind = "kafka"\ntopic = "{topics["decisions"]}"\n'
    config.write_text(text.replace("[decisions]\n", kafka, 1), encoding="utf-8")
    return config


def with_decisions(name: str) -> dict[str, str]:
    return {**topics_for(name), "decisions": f"{name}-decisions"}


def read_topic(bootstrap: str, topic: str, timeout: float = 10) -> list[dict[str, object]]:
    """Every record of ``topic`` with its partition, key, value and headers."""
    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": f"test-{time.time_ns()}",
            "enable.auto.commit": "false",
        }
    )
    meta = consumer.list_topics(topic, timeout=10).topics[topic]
    consumer.assign([TopicPartition(topic, p, 0) for p in meta.partitions])
    out: list[dict[str, object]] = []
    idle_since = time.monotonic()
    while time.monotonic() - idle_since < timeout:
        for m in consumer.consume(500, 0.5):
            if m.error() is None:
                out.append(
                    {
                        "partition": m.partition(),
                        "offset": m.offset(),
                        "key": m.key(),
                        "value": m.value(),
                        "headers": dict(m.headers() or []),
                    }
                )
                idle_since = time.monotonic()
    consumer.close()
    return out


def count_topic(bootstrap: str, topic: str) -> int:
    """How many records ``topic`` holds (high watermarks), 0 if it does not exist yet."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "count"})
    try:
        meta = consumer.list_topics(topic, timeout=10).topics.get(topic)
        if meta is None or meta.error is not None:
            return 0
        return sum(
            consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1]
            for p in meta.partitions
        )
    finally:
        consumer.close()


def test_decisions_are_keyed_by_session_and_ordered_per_session(
    tmp_path: Path, kafka_bootstrap: str, unique_name: str
) -> None:
    topics = with_decisions(unique_name)
    create_topic(kafka_bootstrap, topics["in"], partitions=2)
    create_topic(kafka_bootstrap, topics["decisions"], partitions=3)
    n = 600
    produce(kafka_bootstrap, topics["in"], events(n))
    job = start_job(decisions_config(tmp_path, kafka_bootstrap, topics))
    try:
        wait_for(
            lambda: count_topic(kafka_bootstrap, topics["decisions"]) >= n,
            what=f"{n} decisions",
            jobs=[job],
        )
    finally:
        stop_job(job)
    records = read_topic(kafka_bootstrap, topics["decisions"])
    assert len(records) == n  # no crash: exactly once
    by_session: dict[bytes, list[int]] = defaultdict(list)
    partitions: dict[bytes, set[object]] = defaultdict(set)
    for rec in records:
        decision = decode_decision(rec["value"])  # type: ignore[arg-type]
        assert rec["key"] == decision.session_id.encode()
        ts = rec["headers"][SOURCE_TS_HEADER]  # type: ignore[index]
        assert int(ts) == decision.source.timestamp_ms
        by_session[rec["key"]].append(int(decision.event_id.removeprefix("evt-")))  # type: ignore[index]
        partitions[rec["key"]].add(rec["partition"])  # type: ignore[index]
    assert len(by_session) == 7
    assert all(len(p) == 1 for p in partitions.values())  # one partition per session
    for ids in by_session.values():
        assert ids == sorted(ids)  # in input order within the session
