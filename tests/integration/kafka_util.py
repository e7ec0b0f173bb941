"""Small helpers for integration tests against the real broker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

REPO = Path(__file__).resolve().parents[2]


def create_topic(bootstrap: str, name: str, partitions: int = 1) -> None:
    admin = AdminClient({"bootstrap.servers": bootstrap})
    futures = admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1)])
    futures[name].result(timeout=30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        meta = admin.list_topics(name, timeout=5).topics.get(name)
        if meta is not None and meta.error is None and len(meta.partitions) == partitions:
            return
        time.sleep(0.1)
    msg = f"topic {name} did not appear"
    raise TimeoutError(msg)


def produce(bootstrap: str, topic: str, records: Iterable[tuple[bytes | None, bytes]]) -> int:
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5})
    n = 0
    for key, value in records:
        producer.produce(topic, value=value, key=key)
        n += 1
        if n % 1000 == 0:
            producer.poll(0)
    assert producer.flush(30) == 0
    return n


def consume_all(
    bootstrap: str, topic: str, *, expect: int | None = None, timeout: float = 60
) -> list[tuple[bytes | None, bytes]]:
    """Read a topic from the beginning until ``expect`` records or nothing new for a while."""
    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": f"test-{time.time_ns()}",
            "auto.offset.reset": "earliest",
            "enable.auto.commit": "false",
        }
    )
    admin = AdminClient({"bootstrap.servers": bootstrap})
    deadline = time.monotonic() + timeout
    while True:  # output topics are created by the job's first write
        meta = admin.list_topics(topic, timeout=10).topics.get(topic)
        if meta is not None and meta.error is None and meta.partitions:
            break
        if time.monotonic() > deadline:
            consumer.close()
            return []
        time.sleep(0.25)
    consumer.assign([TopicPartition(topic, p, 0) for p in meta.partitions])
    out: list[tuple[bytes | None, bytes]] = []
    idle_since = time.monotonic()
    while time.monotonic() < deadline:
        msgs = consumer.consume(500, 0.5)
        for m in msgs:
            if m.error() is None:
                out.append((m.key(), m.value()))
        if msgs:
            idle_since = time.monotonic()
        if expect is not None and len(out) >= expect:
            break
        if expect is None and time.monotonic() - idle_since > 3:
            break
    consumer.close()
    return out


def start_job(
    config: Path, *extra: str, env: dict[str, str] | None = None, command: str = "run"
) -> subprocess.Popen[bytes]:
    """Start ``tipline <command>`` (run); its output goes to ``<command>-N.log`` by the config."""
    stem = "job" if command == "run" else command
    n = len(list(config.parent.glob(f"{stem}-*.log")))
    log = (config.parent / f"{stem}-{n}.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tipline.cli.main", command, "--config", str(config), *extra],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    proc.log_path = log.name  # type: ignore[attr-defined]
    return proc


def wait_for(
    check: Callable[[], bool],
    timeout: float = 120,
    what: str = "condition",
    jobs: Iterable[subprocess.Popen[bytes]] = (),
) -> None:
    """Poll ``check``; fail at once, with the job's log, if a job exits meanwhile."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        for job in jobs:
            if job.poll() is not None:
                tail = Path(job.log_path).read_text(errors="replace")[-3000:]  # type: ignore[attr-defined]
                msg = f"job exited with {job.returncode} while waiting for {what}:\n{tail}"
                raise AssertionError(msg)
        time.sleep(0.25)
    logs = "".join(
        Path(j.log_path).read_text(errors="replace")[-2000:]
        for j in jobs  # type: ignore[attr-defined]
    )
    msg = f"timed out waiting for {what}\n{logs}"
    raise TimeoutError(msg)


def stop_job(proc: subprocess.Popen[bytes], *, hard: bool = False, timeout: float = 60) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL if hard else signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
