"""Fault: the audit lake's disk is full for a while (issue #13, faults 1 and 6).

Before the fix the background writer took rows out of the buffer, died on
ENOSPC and was never restarted, and the next snapshot recorded a position
past the lost rows. Now a failed write keeps its rows and is retried; a
snapshot that cannot write them within ``write_retry_s`` raises
``LakeWriteError`` instead of passing them.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.hostile.faults import FullDisk, fill, tiny_tmpfs
from tests.unit.test_lake import read_ids, row
from tipline.schemas.errors import LakeWriteError, TiplineError
from tipline.sinks.lake import LakeSink, lake_files, raise_error


def shard_of(root: Path, writer: object = None, *, retry_s: float = 5.0, roll_rows: int = 3):
    sink = LakeSink(
        root,
        shards=1,
        roll_rows=roll_rows,
        roll_seconds=3600,
        generation=lambda: 1,
        write_retry_s=retry_s,
        fatal=raise_error,
        **({"writer": writer} if writer is not None else {}),
    )
    return sink.build_part("audit-lake", "shard00", None)


def wait_for(predicate: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.02)


def test_background_write_failure_keeps_rows_and_retries(tmp_path: Path) -> None:
    disk = FullDisk(fail_first=3)
    part = shard_of(tmp_path, disk)
    part.write_batch([row(i) for i in range(3)])  # full: the background writer rolls
    wait_for(lambda: disk.failures == 3 and part.buffered() == 0)
    part.write_batch([row(i) for i in range(3, 5)])
    position = part.snapshot()
    assert read_ids(tmp_path) == sorted(f"e{i}" for i in range(5))
    assert position == (f"{1:020d}", 2)
    part.close()


def test_snapshot_never_passes_rows_it_could_not_write(tmp_path: Path) -> None:
    disk = FullDisk()
    part = shard_of(tmp_path, disk, retry_s=0.3, roll_rows=1000)
    part.snapshot()
    before = part.snapshot()
    disk.full.set()
    part.write_batch([row(i) for i in range(7)])
    with pytest.raises(LakeWriteError) as caught:
        part.snapshot()
    message = str(caught.value)
    assert "\n" not in message
    assert "ENOSPC" in message and "7 row(s)" in message
    assert isinstance(caught.value, TiplineError)
    assert part.buffered() == 7  # nothing was dropped
    assert list(lake_files(tmp_path)) == []
    assert not list(tmp_path.rglob("*.tmp"))
    disk.full.clear()  # space is back: the same rows are written, once
    after = part.snapshot()
    assert after[1] == before[1] + 1
    assert read_ids(tmp_path) == sorted(f"e{i}" for i in range(7))
    part.close()


def test_transient_disk_full_between_snapshots_loses_nothing(tmp_path: Path) -> None:
    disk = FullDisk()
    part = shard_of(tmp_path, disk, retry_s=5.0, roll_rows=2)
    disk.full.set()
    for i in range(10):
        part.write_batch([row(i)])
    wait_for(lambda: disk.failures >= 2)
    assert part.buffered() == 10
    disk.full.clear()
    part.snapshot()
    assert read_ids(tmp_path) == sorted(f"e{i}" for i in range(10))
    part.close()


def test_real_tiny_tmpfs_full_then_freed(tmp_path: Path) -> None:
    with tiny_tmpfs(tmp_path / "lake", "256k") as root:
        part = shard_of(root, retry_s=0.3, roll_rows=1000)
        part.snapshot()
        fillers = fill(root)
        part.write_batch([row(i) for i in range(50)])
        with pytest.raises(LakeWriteError, match="ENOSPC"):
            part.snapshot()
        assert part.buffered() == 50
        assert not list(root.rglob("*.tmp"))
        for f in fillers:
            f.unlink()
        part.snapshot()
        assert read_ids(root) == sorted(f"e{i}" for i in range(50))
        part.close()
