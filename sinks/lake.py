"""The Parquet audit lake: one row per decision, exactly once across restarts.

Layout: ``<root>/dt=YYYY-MM-DD/part-<shard>-<seq>.parquet``. Each shard is one
Bytewax sink partition (decisions are routed to a shard by session id). A shard
buffers rows and rolls a file when it holds ``roll_rows`` rows, when its oldest
row is ``roll_seconds`` old (checked on every write and by a timer thread, so
rows never wait for more traffic), at every recovery snapshot and at close. Files are
written under a temporary name, fsynced and renamed into place, so a reader
never sees half a file.

Exactly once: the snapshot of a shard is the next sequence number, taken right
after a flush, so every row of a snapshotted epoch is in a file numbered below
it. On resume, files numbered at or above it were written after the snapshot
and their rows will be replayed; they are deleted before writing resumes, and
the replay writes them again under the same deterministic names.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Final

import msgspec
import pyarrow as pa
import pyarrow.parquet as pq
from bytewax.outputs import FixedPartitionedSink, StatefulSinkPartition

from schemas.audit import AuditRow

_LIST_STR: Final = pa.list_(pa.string())
_TS: Final = pa.timestamp("us", tz="UTC")

LAKE_SCHEMA: Final = pa.schema(
    [
        ("schema", pa.string()),
        ("event_id", pa.string()),
        ("session_id", pa.string()),
        ("dt", pa.string()),
        ("sent_at", _TS),
        ("decided_at", _TS),
        ("sender_id", pa.string()),
        ("recipient_count", pa.int32()),
        ("decision", pa.string()),
        ("alert", pa.bool_()),
        ("reasons", _LIST_STR),
        ("report_type", pa.string()),
        ("annotations", _LIST_STR),
        ("attachment_count", pa.int32()),
        ("attachment_statuses", _LIST_STR),
        ("match_strength", pa.string()),
        ("matched_lists", _LIST_STR),
        ("matched_entry_ids", _LIST_STR),
        ("min_match_distance", pa.int32()),
        ("risk_score", pa.float64()),
        ("level", pa.string()),
        ("stage", pa.string()),
        ("age_relation", pa.string()),
        ("signals", _LIST_STR),
        ("minor_to_minor", pa.bool_()),
        ("sextortion", pa.bool_()),
        ("recommended_actions", _LIST_STR),
        ("gate_allowed", pa.bool_()),
        ("gate_lower_bound", pa.float64()),
        ("detector_version", pa.string()),
        ("source", pa.string()),
        ("source_timestamp_ms", pa.int64()),
    ]
)

_PART_RE: Final = re.compile(r"^part-(?P<shard>.+)-(?P<seq>\d{10})\.parquet$")


def write_lake_file(
    root: Path, shard: str, seq: int, rows: list[AuditRow], compression: str = "zstd"
) -> list[Path]:
    """Write rows as one file per event date, atomically; return the paths written."""
    by_dt: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        by_dt.setdefault(row.dt, []).append(msgspec.structs.asdict(row))
    written = []
    for dt, records in sorted(by_dt.items()):
        folder = root / f"dt={dt}"
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"part-{shard}-{seq:010d}.parquet"
        tmp = folder / f".{final.name}.tmp"
        table = pa.Table.from_pylist(records, schema=LAKE_SCHEMA)
        pq.write_table(table, tmp, compression=None if compression == "none" else compression)
        _fsync(tmp)
        os.replace(tmp, final)
        _fsync(folder)
        written.append(final)
    return written


def lake_files(root: Path, shard: str | None = None) -> Iterable[tuple[str, int, Path]]:
    """Yield (shard, seq, path) for every committed lake file under ``root``."""
    for path in sorted(root.glob("dt=*/part-*.parquet")):
        m = _PART_RE.match(path.name)
        if m and (shard is None or m.group("shard") == shard):
            yield m.group("shard"), int(m.group("seq")), path


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _LakeShard(StatefulSinkPartition[AuditRow, int]):
    """One shard's writer; its snapshot is the next file sequence number."""

    def __init__(
        self,
        root: Path,
        shard: str,
        next_seq: int,
        roll_rows: int,
        roll_seconds: float,
        compression: str,
        clock: Callable[[], float],
    ) -> None:
        self._root = root
        self._shard = shard
        self._seq = next_seq
        self._roll_rows = roll_rows
        self._roll_seconds = roll_seconds
        self._compression = compression
        self._clock = clock
        self._rows: list[AuditRow] = []
        self._oldest = 0.0
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._timer: threading.Thread | None = None

    def write_batch(self, values: list[AuditRow]) -> None:
        with self._lock:
            if not self._rows:
                self._oldest = self._clock()
            self._rows.extend(values)
            if len(self._rows) >= self._roll_rows:
                self._flush()
            else:
                self._flush_if_old()
        if self._timer is None:
            self._timer = threading.Thread(target=self._tick, name="lake-roll", daemon=True)
            self._timer.start()

    def snapshot(self) -> int:
        with self._lock:
            self._flush()
            return self._seq

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            self._flush()

    def _tick(self) -> None:
        period = min(self._roll_seconds / 2, 1.0)
        while not self._closed.wait(period):
            with self._lock:
                self._flush_if_old()

    def _flush_if_old(self) -> None:
        if self._rows and self._clock() - self._oldest >= self._roll_seconds:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            write_lake_file(self._root, self._shard, self._seq, self._rows, self._compression)
            self._seq += 1
            self._rows = []


class LakeSink(FixedPartitionedSink[AuditRow, int]):
    """Bytewax adapter of the audit lake; upstream items are ``(session_id, AuditRow)``."""

    def __init__(
        self,
        root: str | Path,
        *,
        shards: int,
        roll_rows: int,
        roll_seconds: float,
        compression: str = "zstd",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._root = Path(root)
        self._shards = shards
        self._roll_rows = roll_rows
        self._roll_seconds = roll_seconds
        self._compression = compression
        self._clock = clock

    def list_parts(self) -> list[str]:
        return [f"shard{i:02d}" for i in range(self._shards)]

    def build_part(self, step_id: str, for_part: str, resume_state: int | None) -> _LakeShard:
        self._root.mkdir(parents=True, exist_ok=True)
        existing = list(lake_files(self._root, for_part))
        if resume_state is None:
            next_seq = max((seq for _, seq, _ in existing), default=-1) + 1
        else:
            next_seq = resume_state
            for _, seq, path in existing:
                if seq >= next_seq:
                    path.unlink()  # written after the snapshot; the replay rewrites it
        return _LakeShard(
            self._root,
            for_part,
            next_seq,
            self._roll_rows,
            self._roll_seconds,
            self._compression,
            self._clock,
        )
