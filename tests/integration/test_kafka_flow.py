"""The job against a real Kafka broker (KRaft): poison records, recovery, replay, scale-out."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.flow.conftest import event_json
from tests.integration.kafka_util import (
    consume_all,
    create_topic,
    produce,
    start_job,
    stop_job,
    wait_for,
)
from tests.support import grooming_block
from tipline.schemas.config import load_config
from tipline.schemas.dead_letter import decode_dead_letter
from tipline.services.dead_letters import DeadLetterSealer
from tipline.sinks.lake import lake_files

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
consumer = {{ "fetch.wait.max.ms" = 10 }}
producer = {{ "linger.ms" = 1 }}
[input]
kind = "kafka"
topics = ["{topics["in"]}"]
batch_size = 200
max_record_bytes = 65536
[dead_letters]
kind = "kafka"
topic = "{topics["dlq"]}"
[alerts]
kind = "kafka"
topic = "{topics["alerts"]}"
[decisions]
path = "{tmp / "decisions"}"
[lake]
path = "{tmp / "lake"}"
shards = 2
roll_rows = 100
roll_seconds = 0.3
[recovery]
enabled = {recovery}
path = "{tmp / "recovery"}"
snapshot_interval_s = 0.5
[hashing]
lists = []
[evidence]
path = "{tmp / "vault"}"
[reports]
path = "{tmp / "reports"}"
"""
        + grooming_block(),
        encoding="utf-8",
    )
    return config


def lake_event_ids(lake: Path) -> list[str]:
    ids: list[str] = []
    for _, _, _, path in lake_files(lake):
        try:
            ids.extend(pq.read_table(path)["event_id"].to_pylist())
        except FileNotFoundError:
            continue  # an uncommitted file removed by a resuming job while we listed
    return ids


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
        wait_for(
            lambda: len(lake_event_ids(tmp_path / "lake")) >= 300, what="300 lake rows", jobs=[job]
        )
        assert job.poll() is None, "a poison record stopped the job"
    finally:
        stop_job(job)
    sealed = [decode_dead_letter(v) for _, v in dead]
    assert all(d.sealed for d in sealed)  # raw bytes are content: sealed on the DLQ topic
    assert all(d.raw not in POISON for d in sealed)
    cfg = load_config(str(tmp_path / "kafka.toml"))
    sealer = DeadLetterSealer.from_config(cfg.evidence, os.environ)
    letters = [sealer.open(d) for d in sealed]
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
        wait_for(lambda: len(lake_event_ids(tmp_path / "lake")) >= 500, what="progress", jobs=[job])
    finally:
        stop_job(job, hard=True)  # SIGKILL in the middle
    produce(kafka_bootstrap, topics["in"], records[len(records) // 2 :])
    job = start_job(config)
    try:
        wait_for(
            lambda: len(lake_event_ids(tmp_path / "lake")) >= n,
            timeout=180,
            what="all rows",
            jobs=[job],
        )
        dead = consume_all(kafka_bootstrap, topics["dlq"], timeout=20)
    finally:
        stop_job(job)

    ids = lake_event_ids(tmp_path / "lake")
    assert len(ids) == n, (
        f"duplicates in the lake: {[k for k, c in Counter(ids).items() if c > 1][:5]}"
    )
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
    from tipline.cli.main import main

    assert (
        main(
            [
                "replay",
                "--kafka-topic",
                topics["in"],
                "--from",
                "10",
                "--to",
                "60",
                "--config",
                str(config),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["events"] == 50
    assert metrics["dead_lettered"] == 0
    ids = sorted(lake_event_ids(out / "lake"))
    assert ids == [f"evt-{i:05d}" for i in range(10, 60)]
    assert not (tmp_path / "lake").exists(), "the replay wrote into the live job's lake"


def test_two_processes_over_four_partitions_match_one_worker(
    tmp_path: Path, kafka_bootstrap: str, unique_name: str
) -> None:
    records = corpus_events(40)
    reference = reference_run(tmp_path / "ref", kafka_bootstrap, records)
    topics = topics_for(unique_name)
    create_topic(kafka_bootstrap, topics["in"], partitions=4)
    produce(kafka_bootstrap, topics["in"], records)
    config = write_config(tmp_path, kafka_bootstrap, topics)
    addresses = "127.0.0.1:{};127.0.0.1:{}".format(*_ports(2))
    jobs = [start_job(config, "-w", "1", "-a", addresses, "-i", str(i)) for i in range(2)]
    try:
        wait_for(
            lambda: len(lake_event_ids(tmp_path / "lake")) >= len(records),
            timeout=240,
            what="all rows",
            jobs=jobs,
        )
    finally:
        for job in jobs:
            stop_job(job)
    # Keyed by session, every session's state lived on one worker: each message's
    # decision, running score and alert equal the single-worker run's.
    assert lake_rows(tmp_path / "lake") == reference


def _ports(n: int) -> list[int]:
    import socket

    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [int(s.getsockname()[1]) for s in socks]
    for s in socks:
        s.close()
    return ports


def corpus_events(n_sessions: int) -> list[tuple[bytes, bytes]]:
    """Grooming-corpus conversations (synthetic, non-explicit) as keyed Kafka records."""
    from datetime import UTC, datetime

    from tipline.synth.conversations import generate_sessions

    out = []
    n = 0
    for session in generate_sessions(11, n_sessions, datetime(2026, 11, 1, tzinfo=UTC)):
        ages = {p.user_id: p.declared_age for p in session.participants}
        for msg in session.messages:
            n += 1

            def account(uid: str, ages: dict[str, int | None] = ages) -> dict[str, object]:
                return {"user_id": uid, "declared_age": ages[uid]}

            event = {
                "schema": "tipline.message/1",
                "event_id": f"c-{n:05d}",
                "sent_at": msg.sent_at.isoformat(),
                "session_id": session.session_id,
                "sender": account(msg.sender),
                "recipients": [account(r) for r in msg.recipients],
                "text": msg.text,
            }
            out.append((session.session_id.encode(), json.dumps(event).encode()))
    return out


def lake_rows(lake: Path) -> dict[str, tuple[str, float | None, bool]]:
    rows: dict[str, tuple[str, float | None, bool]] = {}
    for _, _, _, p in lake_files(lake):
        t = pq.read_table(p, columns=["event_id", "decision", "risk_score", "alert"]).to_pylist()
        for r in t:
            assert r["event_id"] not in rows, f"duplicate lake row {r['event_id']}"
            rows[r["event_id"]] = (r["decision"], r["risk_score"], r["alert"])
    return rows


def reference_run(
    folder: Path, bootstrap: str, records: list[tuple[bytes, bytes]]
) -> dict[str, tuple[str, float | None, bool]]:
    """The same records, uninterrupted, on one worker in this process."""
    from bytewax.testing import TestingSource, run_main

    from tipline.flows.main import build_flow
    from tipline.schemas.config import load_config
    from tipline.schemas.source import RawRecord, SourcePosition

    folder.mkdir()
    cfg = load_config(write_config(folder, bootstrap, topics_for(f"ref-{folder.name}")))
    raw = [RawRecord(value=v, key=k, source=SourcePosition(kind="kafka")) for k, v in records]
    run_main(build_flow(cfg, source=TestingSource(raw)))
    rows = lake_rows(folder / "lake")
    assert any(alert for _, _, alert in rows.values()), "the corpus raised no alert"
    return rows


def test_crash_continues_session_state_and_never_duplicates_evidence(
    tmp_path: Path, kafka_bootstrap: str, unique_name: str
) -> None:
    records = corpus_events(60)
    ref_dir = tmp_path / "ref"
    reference = reference_run(ref_dir, kafka_bootstrap, records)

    topics = topics_for(unique_name)
    create_topic(kafka_bootstrap, topics["in"], partitions=2)
    produce(kafka_bootstrap, topics["in"], records)
    config = write_config(tmp_path, kafka_bootstrap, topics, recovery="true")
    job = start_job(config)
    try:
        wait_for(
            lambda: len(lake_event_ids(tmp_path / "lake")) >= len(records) // 3,
            what="progress",
            jobs=[job],
        )
    finally:
        stop_job(job, hard=True)
    ref_packages, ref_drafts = _packages(ref_dir), _drafts(ref_dir)
    job = start_job(config)
    try:
        # The lake is written beside the evidence step, not after it: all rows
        # in does not mean every package and draft is stored. A SIGTERM leaves
        # batches in flight to the next resume, so wait for those too.
        wait_for(
            lambda: (
                len(lake_event_ids(tmp_path / "lake")) >= len(records)
                and _packages(tmp_path) >= ref_packages
                and _drafts(tmp_path) >= ref_drafts
            ),
            timeout=240,
            what="all rows, packages and drafts",
            jobs=[job],
        )
    finally:
        stop_job(job)

    # Every decision, score and alert equals the uninterrupted run's: state continued.
    assert lake_rows(tmp_path / "lake") == reference
    # Packages and drafts are keyed by event: a replay after the crash adds none.
    assert sorted(_packages(tmp_path)) == sorted(ref_packages)
    assert sorted(_drafts(tmp_path)) == sorted(ref_drafts)


def _packages(root: Path) -> set[str]:
    folder = root / "vault" / "objects" / "packages"
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def _drafts(root: Path) -> set[str]:
    folder = root / "reports"
    return {p.name for p in folder.iterdir() if p.is_dir()} if folder.is_dir() else set()


def test_sigterm_leaves_every_decision_in_the_lake_and_a_restart_duplicates_none(
    tmp_path: Path, kafka_bootstrap: str, unique_name: str
) -> None:
    """After SIGTERM every consumed message's decision is in a lake file; a restart adds none twice.

    The first run keeps every row in memory until the stop, deterministically:
    no file rolls (``roll_seconds`` 3600 s, ``roll_rows`` 100 > the 50 rows)
    and no epoch closes (``snapshot_interval_s`` 3600 s), so no snapshot
    writes either. The poison record comes last on the one partition; the
    dead-letter sink is the dataflow's last step and delivers synchronously,
    so once the letter is on its topic the 50 decisions before it have
    reached the lake sink. Only the flush at the stop (the shards' ``close``
    as the engine stops, then :func:`~tipline.sinks.lake.flush_open_shards`)
    can put them in files.
    Nothing was committed (no epoch closed), so the restart replays the whole
    topic: the files the stop wrote must be replaced, not added to.
    """
    topics = topics_for(unique_name)
    create_topic(kafka_bootstrap, topics["in"], partitions=1)
    produce(kafka_bootstrap, topics["in"], [*events(50), (b"poison-1", POISON[0])])
    config = write_config(tmp_path, kafka_bootstrap, topics, recovery="true")
    quick = config.read_text()
    held = quick.replace("roll_seconds = 0.3", "roll_seconds = 3600")
    config.write_text(held.replace("snapshot_interval_s = 0.5", "snapshot_interval_s = 3600"))
    job = start_job(config)
    try:
        assert len(consume_all(kafka_bootstrap, topics["dlq"], expect=1, timeout=120)) == 1
        assert lake_event_ids(tmp_path / "lake") == [], "a row reached a file before the stop"
    finally:
        stop_job(job)  # SIGTERM
    assert job.returncode == 0
    log = Path(job.log_path).read_text(errors="replace")  # type: ignore[attr-defined]
    # a clean stop: no engine panic, no traceback (issue #13)
    assert "panicked" not in log and "Traceback" not in log, log[-3000:]
    assert sorted(lake_event_ids(tmp_path / "lake")) == [f"evt-{i:05d}" for i in range(50)]

    # Restart with epochs and rolls every fraction of a second; 30 more events.
    produce(kafka_bootstrap, topics["in"], [*events(80)[50:], (b"poison-2", POISON[1])])
    config.write_text(quick)
    job = start_job(config)
    try:
        wait_for(
            lambda: len(lake_event_ids(tmp_path / "lake")) >= 80, what="80 lake rows", jobs=[job]
        )
        dead = consume_all(kafka_bootstrap, topics["dlq"], expect=3, timeout=60)
    finally:
        stop_job(job)
    assert job.returncode == 0
    ids = lake_event_ids(tmp_path / "lake")
    assert len(ids) == 80, f"duplicated: {[k for k, c in Counter(ids).items() if c > 1][:5]}"
    assert sorted(ids) == [f"evt-{i:05d}" for i in range(80)]
    # the dead-letter topic is at-least-once (the replay sends poison-1 again); its key dedupes it
    assert len(dead) == 3
    assert len({k for k, _ in dead}) == 2
