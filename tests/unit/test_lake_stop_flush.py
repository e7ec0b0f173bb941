"""The flush at an orderly stop: rows only in memory reach a file, fsynced, and are counted.

``flush_open_shards`` is what the runner calls after the engine stops on
SIGTERM (the integration test ``test_sigterm_leaves_every_decision_in_the_lake…``
covers it through a real job). Here it is called directly on live shards.
"""

from __future__ import annotations

import errno
import threading
import weakref
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.unit.test_lake import crash, read_ids, row, sink, wait_for_files
from tipline.schemas.errors import LakeWriteError
from tipline.sinks import durable
from tipline.sinks import lake as lake_module
from tipline.sinks.lake import LakeSink, flush_open_shards, lake_files, write_lake_file


def test_flush_open_shards_writes_every_buffered_row_of_every_shard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # only this test's shards: other tests leave shards open (one with a failing writer)
    monkeypatch.setattr(lake_module, "_OPEN_SHARDS", weakref.WeakSet())
    lake = LakeSink(tmp_path, shards=2, roll_rows=100, roll_seconds=3600, generation=lambda: 1)
    first, second = (lake.build_part("lake", p, None) for p in lake.list_parts())
    first.write_batch([row(0), row(1)])
    second.write_batch([row(2), row(3), row(4)])
    assert read_ids(tmp_path) == []  # below roll_rows and roll_seconds: still buffered
    assert flush_open_shards() == 5
    assert read_ids(tmp_path) == [f"e{i}" for i in range(5)]
    shards = sorted({shard for shard, _, _, _ in lake_files(tmp_path)})
    assert shards == ["shard00", "shard01"]
    assert flush_open_shards() == 0  # nothing twice
    assert read_ids(tmp_path) == [f"e{i}" for i in range(5)]
    for part in (first, second):
        crash(part)


def test_the_stop_flush_fsyncs_each_file_and_its_folder(tmp_path: Path) -> None:
    synced: list[Path] = []
    lake = LakeSink(
        tmp_path, shards=1, roll_rows=100, roll_seconds=3600, generation=lambda: 1,
        syncer=synced.append,
    )  # fmt: skip
    part = lake.build_part("lake", "shard00", None)
    part.write_batch([row(0), row(3)])  # two event dates: two folders
    assert part.flush_now() == 2
    files = [p for _, _, _, p in lake_files(tmp_path)]
    assert len(files) == 2
    for path in files:
        at = synced.index(path)
        assert path.parent in synced[at + 1 :], f"{path.parent} not synced after {path.name}"
    assert len(synced) == 4
    crash(part)


def test_close_writes_what_is_buffered(tmp_path: Path) -> None:
    part = sink(tmp_path, roll_rows=100).build_part("lake", "shard00", None)
    part.write_batch([row(0), row(1), row(2)])
    part.close()
    assert read_ids(tmp_path) == ["e0", "e1", "e2"]


class _Signals(threading.Event):
    """The shard's wake-up event, counting who set it (write_batch when the buffer is full)."""

    def __init__(self) -> None:
        super().__init__()
        self.sets = 0

    def set(self) -> None:
        self.sets += 1
        super().set()


@pytest.mark.parametrize(("rows", "woken"), [(2, 0), (3, 1), (4, 1)])
def test_write_batch_wakes_the_roller_at_exactly_roll_rows(
    tmp_path: Path, rows: int, woken: int
) -> None:
    part = sink(tmp_path, roll_rows=3).build_part("lake", "shard00", None)
    signals = _Signals()
    part._due = signals  # type: ignore[attr-defined]
    part.write_batch([row(i) for i in range(rows)])
    assert signals.sets == woken
    crash(part)


def test_the_roll_thread_never_keeps_the_process_alive(tmp_path: Path) -> None:
    part = sink(tmp_path).build_part("lake", "shard00", None)
    part.write_batch([row(0)])
    timer = part._timer  # type: ignore[attr-defined]
    assert timer is not None
    assert timer.daemon is True  # a process exiting without close() must not hang on it
    crash(part)


@pytest.mark.parametrize(("compression", "codec"), [("none", "UNCOMPRESSED"), ("snappy", "SNAPPY")])
def test_rolled_files_use_the_configured_compression(
    tmp_path: Path, compression: str, codec: str
) -> None:
    flushed: list[tuple[int, float]] = []
    lake = LakeSink(
        tmp_path, shards=1, roll_rows=100, roll_seconds=3600, compression=compression,
        generation=lambda: 1, on_flush=lambda rows, s: flushed.append((len(rows), s)),
    )  # fmt: skip
    part = lake.build_part("lake", "shard00", None)
    part.write_batch([row(0), row(1)])
    assert part.flush_now() == 2
    (path,) = [p for _, _, _, p in lake_files(tmp_path)]
    assert pq.ParquetFile(path).metadata.row_group(0).column(0).compression == codec
    # the flush hook gets the rows and a real duration
    assert len(flushed) == 1
    assert flushed[0][0] == 2
    assert isinstance(flushed[0][1], float)
    assert flushed[0][1] >= 0
    crash(part)


def test_a_roll_leaves_the_fsyncs_to_the_next_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rolled files are renamed into place unsynced; the snapshot syncs them together."""
    os_fsyncs: list[int] = []
    monkeypatch.setattr(durable.OPS, "fsync", os_fsyncs.append)
    synced: list[Path] = []
    lake = LakeSink(
        tmp_path, shards=1, roll_rows=2, roll_seconds=3600, generation=lambda: 1,
        syncer=synced.append,
    )  # fmt: skip
    part = lake.build_part("lake", "shard00", None)
    part.write_batch([row(0), row(1)])
    wait_for_files(tmp_path, 2)  # rolled by the shard's thread
    assert os_fsyncs == []
    assert synced == []
    part.snapshot()
    (path,) = [p for _, _, _, p in lake_files(tmp_path)]
    assert synced == [path, path.parent]
    assert os_fsyncs == []
    crash(part)


def test_each_roll_takes_the_next_sequence_number(tmp_path: Path) -> None:
    part = sink(tmp_path, roll_rows=100).build_part("lake", "shard00", None)
    for i in range(3):
        part.write_batch([row(i)])
        part.flush_now()
    assert sorted(seq for _, _, seq, _ in lake_files(tmp_path)) == [0, 1, 2]
    assert read_ids(tmp_path) == ["e0", "e1", "e2"]
    assert part.snapshot() == (f"{1:020d}", 3)
    crash(part)


def test_a_failed_roll_puts_its_rows_back_before_rows_that_arrived_meanwhile(
    tmp_path: Path,
) -> None:
    failures: list[OSError] = []
    calls: list[int] = []
    part: object = None

    def flaky(root: Path, name: str, rows: list[object], *args: object, **kw: object) -> list[Path]:
        calls.append(len(rows))
        if len(calls) == 1:
            part.write_batch([row(4)])  # type: ignore[attr-defined]  # arrives during the write
            raise OSError(errno.EIO, "I/O error")
        return write_lake_file(root, name, rows, *args, **kw)  # type: ignore[arg-type]

    part = LakeSink(
        tmp_path, shards=1, roll_rows=100, roll_seconds=3600, generation=lambda: 1,
        writer=flaky, on_fail=failures.append,
    ).build_part("lake", "shard00", None)  # fmt: skip
    part.write_batch([row(2), row(3)])  # all three rows on one date: one file
    assert part.flush_now() == 3
    assert calls == [2, 3]
    assert [f.errno for f in failures] == [errno.EIO]
    (path,) = [p for _, _, _, p in lake_files(tmp_path)]
    assert pq.read_table(path)["event_id"].to_pylist() == ["e2", "e3", "e4"]
    crash(part)


def test_the_flush_hook_gets_the_write_duration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticks = iter([100.0, 100.25])
    monkeypatch.setattr(lake_module.time, "perf_counter", lambda: next(ticks))
    seen: list[float] = []
    part = LakeSink(
        tmp_path, shards=1, roll_rows=100, roll_seconds=3600, generation=lambda: 1,
        on_flush=lambda rows, seconds: seen.append(seconds),
    ).build_part("lake", "shard00", None)  # fmt: skip
    part.write_batch([row(0)])
    part.flush_now()
    assert seen == [0.25]
    crash(part)


def test_the_stop_flush_uses_its_own_retry_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stop after a systemic failure makes one attempt, not the shard's 30 s of retries."""
    monkeypatch.setattr(lake_module, "_OPEN_SHARDS", weakref.WeakSet())
    attempts: list[int] = []

    def full_disk(*args: object, **kwargs: object) -> list[Path]:
        attempts.append(1)
        raise OSError(errno.ENOSPC, "No space left on device")

    part = LakeSink(
        tmp_path, shards=1, roll_rows=100, roll_seconds=3600, write_retry_s=30.0,
        writer=full_disk, fatal=lambda exc: None,
    ).build_part("lake", "shard00", None)  # fmt: skip
    part.write_batch([row(0)])
    with pytest.raises(LakeWriteError, match="after 0 s of retries"):
        flush_open_shards(retry_s=0.0)
    assert attempts == [1]
    crash(part)
