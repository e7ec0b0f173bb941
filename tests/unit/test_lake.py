"""The audit lake writes each decision exactly once, also across a crash and resume."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tipline.schemas.audit import AuditRow
from tipline.sinks.lake import STORE_STAMP, LakeSink, lake_files

T0 = datetime(2026, 11, 27, 23, 59, 58, tzinfo=UTC)


def row(i: int) -> AuditRow:
    sent = T0 + timedelta(seconds=i)
    return AuditRow(
        event_id=f"e{i}",
        session_id=f"s{i % 3}",
        dt=sent.strftime("%Y-%m-%d"),
        sent_at=sent,
        decided_at=sent,
        sender_id="u1",
        recipient_count=1,
        decision="none",
        alert=False,
        reasons=[],
        report_type=None,
        annotations=[],
        attachment_count=0,
        attachment_statuses=[],
        match_strength="none",
        matched_lists=[],
        matched_entry_ids=[],
        min_match_distance=None,
        risk_score=0.1,
        level="none",
        stage="none",
        age_relation="unknown",
        signals=["x"],
        minor_to_minor=False,
        sextortion=False,
        recommended_actions=[],
        gate_allowed=None,
        gate_lower_bound=None,
        detector_version="t",
        source=f"f:{i}",
        source_timestamp_ms=None,
    )


def read_ids(root: Path) -> list[str]:
    return sorted(
        eid for _, _, _, p in lake_files(root) for eid in pq.read_table(p)["event_id"].to_pylist()
    )


def sink(root: Path, roll_rows: int = 2, *, store: Path | None = None, gen: int = 1) -> LakeSink:
    return LakeSink(
        root,
        shards=1,
        roll_rows=roll_rows,
        roll_seconds=3600,
        recovery_dir=store,
        generation=lambda: gen,
    )


def recovery_store(tmp: Path, created_ns: int) -> Path:
    """A recovery folder stamped as created at ``created_ns``."""
    folder = tmp / f"recovery-{created_ns}"
    folder.mkdir()
    (folder / STORE_STAMP).write_text(str(created_ns), encoding="ascii")
    return folder


def crash(part: object) -> None:
    """Stop a shard like a killed process: its roll thread ends, nothing more is written."""
    part._closed.set()  # type: ignore[attr-defined]
    part._due.set()  # type: ignore[attr-defined]
    if part._timer is not None:  # type: ignore[attr-defined]
        part._timer.join()  # type: ignore[attr-defined]


def wait_for_files(root: Path, n: int) -> None:
    """Rolls happen on the shard's thread; poll (bounded) until ``n`` rows are in files."""
    import time

    for _ in range(400):
        if len(read_ids(root)) >= n:
            return
        time.sleep(0.01)
    raise AssertionError(f"fewer than {n} rows were rolled")


def test_rows_partitioned_by_event_date(tmp_path: Path) -> None:
    part = sink(tmp_path).build_part("lake", "shard00", None)
    part.write_batch([row(i) for i in range(4)])
    part.close()
    dts = sorted({p.parent.name for _, _, _, p in lake_files(tmp_path)})
    assert dts == ["dt=2026-11-27", "dt=2026-11-28"]
    assert read_ids(tmp_path) == [f"e{i}" for i in range(4)]
    assert not list(tmp_path.rglob("*.tmp"))


def test_resume_replays_without_duplicates(tmp_path: Path) -> None:
    part = sink(tmp_path).build_part("lake", "shard00", None)
    part.write_batch([row(0), row(1)])
    state = part.snapshot()
    part.write_batch([row(2), row(3)])  # rolled after the snapshot, then a crash
    wait_for_files(tmp_path, 4)
    part.write_batch([row(4)])  # buffered, lost in the crash
    crash(part)
    # resume from the snapshot: the source replays rows 2..4
    resumed = sink(tmp_path).build_part("lake", "shard00", state)
    resumed.write_batch([row(2), row(3), row(4)])
    resumed.close()
    assert read_ids(tmp_path) == [f"e{i}" for i in range(5)]


def test_files_from_before_the_recovery_store_are_kept(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    first = sink(lake, gen=1).build_part("lake", "shard00", None)
    first.write_batch([row(0), row(1)])
    first.close()
    # A new recovery store (stamped at 2) starts without state for the shard.
    store = recovery_store(tmp_path, 2)
    second = sink(lake, store=store, gen=3).build_part("lake", "shard00", None)
    second.write_batch([row(2), row(3)])
    second.close()
    assert read_ids(lake) == ["e0", "e1", "e2", "e3"]


def test_crash_before_any_committed_snapshot_discards_those_files(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    store = recovery_store(tmp_path, 1)
    crashed = sink(lake, store=store, gen=2).build_part("lake", "shard00", None)
    crashed.write_batch([row(0), row(1)])  # rolled to a file
    wait_for_files(lake, 2)
    crashed.snapshot()  # taken, but the crash comes before the store keeps it
    crash(crashed)
    # Restart: the store has no state for the shard, so the source re-reads from the start.
    restarted = sink(lake, store=store, gen=3).build_part("lake", "shard00", None)
    restarted.write_batch([row(0), row(1), row(2)])
    restarted.close()
    assert read_ids(lake) == ["e0", "e1", "e2"]


def test_without_recovery_nothing_is_deleted(tmp_path: Path) -> None:
    for gen, batch in ((1, [row(0), row(1)]), (2, [row(2), row(3)])):
        part = sink(tmp_path, gen=gen).build_part("lake", "shard00", None)
        part.write_batch(batch)
        part.close()
    assert read_ids(tmp_path) == ["e0", "e1", "e2", "e3"]


def test_later_generations_after_a_snapshot_are_discarded_on_resume(tmp_path: Path) -> None:
    first = sink(tmp_path, gen=1).build_part("lake", "shard00", None)
    first.write_batch([row(0), row(1)])
    state = first.snapshot()
    first.close()
    # a second execution resumed, wrote, and died before its snapshot persisted
    second = sink(tmp_path, gen=2).build_part("lake", "shard00", None)
    second.write_batch([row(2), row(3)])
    wait_for_files(tmp_path, 4)
    crash(second)
    resumed = sink(tmp_path, gen=3).build_part("lake", "shard00", state)
    resumed.write_batch([row(2), row(3)])
    resumed.close()
    assert read_ids(tmp_path) == ["e0", "e1", "e2", "e3"]


def test_roll_by_age(tmp_path: Path) -> None:
    now = [0.0]
    lake = LakeSink(tmp_path, shards=1, roll_rows=1000, roll_seconds=5, clock=lambda: now[0])
    part = lake.build_part("lake", "shard00", None)
    part.write_batch([row(0)])
    assert not list(lake_files(tmp_path))
    now[0] = 6.0
    part.write_batch([row(1)])
    wait_for_files(tmp_path, 2)  # rolled by the shard's thread, without another write
    assert read_ids(tmp_path) == ["e0", "e1"]
    part.close()


def test_snapshot_makes_rolled_files_durable_and_returns_the_next_position(
    tmp_path: Path,
) -> None:
    part = sink(tmp_path).build_part("lake", "shard00", None)
    part.write_batch([row(0), row(1), row(2)])
    _, seq = part.snapshot()
    assert read_ids(tmp_path) == ["e0", "e1", "e2"]
    assert seq == len({s for _, _, s, _ in lake_files(tmp_path)})
    assert part._unsynced == []  # type: ignore[attr-defined]
    part.close()


def test_resume_across_date_partitions_never_duplicates(tmp_path: Path) -> None:
    """A file rolled after the snapshot spans two dates; the replay rolls them apart.

    The files at the snapshot's sequence number are uncommitted in *every*
    date partition: keeping one (``seq > seq0`` instead of ``>=``) would leave
    its row next to the replayed copy under a later sequence number.
    """
    part = sink(tmp_path, roll_rows=100).build_part("lake", "shard00", None)
    part.write_batch([row(0)])
    state = part.snapshot()  # committed: e0 (dt 2026-11-27) at seq 0
    part.write_batch([row(1), row(2)])  # e1 on the 27th, e2 on the 28th
    part.snapshot()  # rolled as seq 1 in both partitions, then a crash before the commit
    crash(part)
    assert sorted(p.parent.name for _, _, s, p in lake_files(tmp_path) if s == 1) == [
        "dt=2026-11-27",
        "dt=2026-11-28",
    ]
    resumed = sink(tmp_path, roll_rows=100).build_part("lake", "shard00", state)
    resumed.write_batch([row(1)])
    resumed.snapshot()  # seq 1: only the 27th this time
    resumed.write_batch([row(2)])
    resumed.close()  # seq 2: the 28th
    assert read_ids(tmp_path) == ["e0", "e1", "e2"]


@pytest.mark.parametrize(("method", "why"), [("snapshot", "snapshot"), ("close", "flush")])
def test_a_snapshot_or_close_that_cannot_write_stops_the_process_with_the_reason(
    tmp_path: Path, method: str, why: str
) -> None:
    import errno

    from tipline.schemas.errors import LakeWriteError

    def full_disk(*args: object, **kwargs: object) -> list[Path]:
        raise OSError(errno.ENOSPC, "No space left on device")

    stopped: list[BaseException] = []
    part = LakeSink(
        tmp_path, shards=1, roll_rows=100, roll_seconds=3600, write_retry_s=0.0,
        writer=full_disk, fatal=stopped.append,  # type: ignore[arg-type]
    ).build_part("lake", "shard00", None)  # fmt: skip
    part.write_batch([row(0), row(1)])
    with pytest.raises(LakeWriteError) as err:
        getattr(part, method)()
    assert stopped == [err.value]  # handed to fatal: the process stops with the reason
    assert f"cannot write 2 row(s) at {why} after 0 s of retries (ENOSPC" in str(err.value)
    assert part.buffered() == 2  # nothing lost: recovery replays them
