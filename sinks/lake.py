"""The Parquet audit lake: one row per decision, exactly once across restarts.

Layout: ``<root>/dt=YYYY-MM-DD/part-<shard>-<seq>.parquet``. Each shard is one
Bytewax sink partition (decisions are routed to a shard by session id). A shard
buffers rows and rolls a file, on a background thread, when it holds
``roll_rows`` rows or its oldest row is ``roll_seconds`` old; it also rolls at
every recovery snapshot and at close. Rolled files are durable (fsynced) from
the next snapshot on. Files are
written under a temporary name, fsynced and renamed into place, so a reader
never sees half a file.

Exactly once (with recovery on): file names carry the shard, a *generation*
(the start time of the execution that began writing them, in ns, sortable)
and a sequence number: ``part-<shard>-<generation>-<seq>.parquet``. The
snapshot of a shard is ``(generation, next seq)``, taken right after a flush,
so every row of a snapshotted epoch is in a file numbered below it.

* Resume with a snapshot: files of that generation numbered at or above it,
  and files of any later generation, were written after the snapshot and
  their rows will be replayed; they are deleted, and the replay writes them
  again under the same deterministic names.
* Start without a snapshot of this shard in the recovery store: no epoch in
  which the shard wrote was ever committed to that store (Bytewax stores a
  sink's snapshot with the epoch it wrote in), so every file it wrote since
  the store was created is uncommitted and its input will be read again; those
  generations (newer than the store's creation time, stamped in the recovery
  folder by :func:`stamp_recovery_store`) are deleted. Older files, lake data
  from before this recovery store, stay.

Without recovery nothing is deleted: a crash then means at-least-once.

A failed write (disk full, I/O error) never loses rows: the rows go back to
the front of the buffer, the background writer retries with a bounded
backoff, and a snapshot (or the flush at stop) that cannot write them within
``write_retry_s`` never returns a position: the job stops with one line
(:class:`~tipline.schemas.errors.LakeWriteError`, exit status 75), so no snapshot
records input offsets past rows that are not in a file, and recovery replays
those rows on restart.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Final

from bytewax.outputs import FixedPartitionedSink, StatefulSinkPartition

from tipline.schemas.audit import AuditRow
from tipline.schemas.errors import LakeWriteError
from tipline.sinks.durable import fsync_path
from tipline.sinks.lake_files import (
    LAKE_SCHEMA,
    STORE_STAMP,
    describe_os_error,
    lake_files,
    stamp_recovery_store,
    store_created_ns,
    write_lake_file,
)
from tipline.sinks.stop import exit_now

__all__ = [
    "LAKE_SCHEMA",
    "STORE_STAMP",
    "LakeSink",
    "describe_os_error",
    "flush_open_shards",
    "lake_files",
    "stamp_recovery_store",
    "store_created_ns",
    "write_lake_file",
]

log = logging.getLogger(__name__)


Position = tuple[str, int]  # (generation, next sequence number)
FlushHook = Callable[[list[AuditRow], float], None]
"""Called after each file is in place with its rows and the seconds the write took."""
FailHook = Callable[[OSError], None]
"""Called on each failed write attempt (metrics)."""
Writer = Callable[..., list[Path]]
"""How a shard writes a file: :func:`write_lake_file` (tests inject a faulty one)."""
Syncer = Callable[[Path], None]
Fatal = Callable[[LakeWriteError], None]
"""What a shard does when a snapshot or close cannot write its rows."""


def stop_process(exc: LakeWriteError) -> None:
    """Stop the job at once with one line on stderr and exit status 75.

    Bytewax aborts the process with a Rust panic when a sink's ``snapshot``
    or ``close`` raises, so a shard that cannot write ends the process itself
    (:func:`tipline.sinks.stop.exit_now`): the epoch is not committed, every output is
    crash-safe, and recovery replays from the last snapshot on restart.
    """
    exit_now(str(exc))


def raise_error(exc: LakeWriteError) -> None:
    """Raise the error (tests and callers outside the engine)."""
    raise exc


_BACKOFF_FIRST_S: Final = 0.05
_BACKOFF_MAX_S: Final = 2.0


_OPEN_SHARDS: Final[weakref.WeakSet[_LakeShard]] = weakref.WeakSet()


def flush_open_shards(retry_s: float | None = None) -> int:
    """Write every shard's buffered rows now; returns how many rows were written.

    Called after the engine stops on a signal (it does not close sinks then),
    so an orderly stop leaves no decision only in memory. With recovery on,
    such files lie past the last snapshot and are redone on resume.
    """
    written = 0
    for shard in list(_OPEN_SHARDS):
        written += shard.flush_now(retry_s)
    return written


class _LakeShard(StatefulSinkPartition[AuditRow, Position]):
    """One shard's writer; its snapshot is (generation, next file sequence number).

    The worker only appends rows (``write_batch`` never does file I/O). A
    background thread rolls a file when ``roll_rows`` rows wait or the oldest
    is ``roll_seconds`` old: it takes the buffer by swap, so the worker never
    waits on Parquet or the disk. Rolled files are renamed into place at once
    (readers see them) and made durable together at the next snapshot, which
    fsyncs every file written since the last one before it returns the
    position; on resume, unsynced files lie past that position and are redone.
    """

    def __init__(
        self,
        root: Path,
        shard: str,
        position: Position,
        *,
        roll_rows: int,
        roll_seconds: float,
        compression: str,
        clock: Callable[[], float],
        on_flush: FlushHook | None,
        write_retry_s: float = 30.0,
        writer: Writer = write_lake_file,
        syncer: Syncer = fsync_path,
        on_fail: FailHook | None = None,
        fatal: Fatal = stop_process,
    ) -> None:
        self._root = root
        self._on_flush = on_flush
        self._on_fail = on_fail
        self._fatal = fatal
        self._write_retry_s = write_retry_s
        self._writer = writer
        self._syncer = syncer
        self._failing_since: float | None = None
        self._shard = shard
        self._gen, self._seq = position
        self._roll_rows = roll_rows
        self._roll_seconds = roll_seconds
        self._compression = compression
        self._clock = clock
        self._rows: list[AuditRow] = []
        self._oldest = 0.0
        self._unsynced: list[Path] = []
        self._buf_lock = threading.Lock()  # the row buffer
        self._io_lock = threading.Lock()  # file writes, sequence numbers, fsyncs
        self._due = threading.Event()
        self._closed = threading.Event()
        self._timer: threading.Thread | None = None
        _OPEN_SHARDS.add(self)

    def write_batch(self, values: list[AuditRow]) -> None:
        with self._buf_lock:
            if not self._rows:
                self._oldest = self._clock()
            self._rows.extend(values)
            full = len(self._rows) >= self._roll_rows
        if full:
            self._due.set()
        if self._timer is None:
            self._timer = threading.Thread(target=self._tick, name="lake-roll", daemon=True)
            self._timer.start()

    def snapshot(self) -> Position:
        """Write and sync every buffered row, then return the position.

        Raises:
            LakeWriteError: the rows could not be written within ``write_retry_s``.

        """
        with self._io_lock:
            try:
                self._write_all("snapshot")
            except LakeWriteError as exc:
                self._fatal(exc)
                raise
            return (self._gen, self._seq)

    def close(self) -> None:
        self._closed.set()
        self._due.set()
        try:
            self.flush_now()
        except LakeWriteError as exc:
            self._fatal(exc)
            raise

    def flush_now(self, retry_s: float | None = None) -> int:
        """Write and sync the buffered rows (if any); return how many there were.

        ``retry_s`` overrides ``write_retry_s`` (0: one attempt).

        Raises:
            LakeWriteError: the rows could not be written within ``write_retry_s``.

        """
        with self._io_lock:
            return self._write_all("flush", retry_s)

    def _write_all(self, why: str, retry_s: float | None = None) -> int:
        """Roll and sync, retrying failed writes for up to ``write_retry_s`` (io lock held)."""
        budget = self._write_retry_s if retry_s is None else retry_s
        deadline = time.monotonic() + budget
        delay = _BACKOFF_FIRST_S
        while True:
            try:
                n = self._roll()
                self._sync()
            except OSError as exc:
                self._failed(exc)
                left = deadline - time.monotonic()
                if left <= 0:
                    pending = self.buffered()
                    msg = (
                        f"audit lake {self._root}: shard {self._shard} cannot write "
                        f"{pending} row(s) at {why} after {budget:g} s of retries "
                        f"({describe_os_error(exc)}); stopping so recovery replays them"
                    )
                    raise LakeWriteError(msg) from None
                time.sleep(min(delay, left))
                delay = min(delay * 2, _BACKOFF_MAX_S)
                continue
            self._recovered()
            return n

    def buffered(self) -> int:
        """Rows waiting in memory for a file."""
        with self._buf_lock:
            return len(self._rows)

    def _failed(self, exc: OSError) -> None:
        if self._on_fail is not None:
            self._on_fail(exc)
        if self._failing_since is None:
            self._failing_since = time.monotonic()
            log.warning(
                "audit lake shard %s: write failed (%s); keeping %d row(s) and retrying",
                self._shard,
                describe_os_error(exc),
                self.buffered(),
            )

    def _recovered(self) -> None:
        if self._failing_since is not None:
            log.warning(
                "audit lake shard %s: writes recovered after %.1f s",
                self._shard,
                time.monotonic() - self._failing_since,
            )
            self._failing_since = None

    def _tick(self) -> None:
        """Background roller; a failed write keeps the rows and is retried with backoff."""
        period = min(self._roll_seconds / 2, 1.0)
        backoff = 0.0
        while not self._closed.is_set():
            self._due.wait(backoff or period)
            self._due.clear()
            with self._buf_lock:
                old = bool(self._rows) and self._clock() - self._oldest >= self._roll_seconds
                ready = old or len(self._rows) >= self._roll_rows
            if not ready and not backoff:
                continue
            with self._io_lock:
                try:
                    self._roll()
                except OSError as exc:
                    self._failed(exc)
                    backoff = min(max(backoff * 2, _BACKOFF_FIRST_S), _BACKOFF_MAX_S)
                    continue
            backoff = 0.0
            self._recovered()

    def _roll(self) -> int:
        """Write the buffered rows as the next file (caller holds the io lock).

        On failure the rows go back to the front of the buffer (nothing is lost)
        and the error propagates; a retry writes them under the same file name.
        """
        with self._buf_lock:
            rows, self._rows = self._rows, []
        if not rows:
            return 0
        name = f"part-{self._shard}-{self._gen}-{self._seq:010d}"
        started = time.perf_counter()
        try:
            written = self._writer(self._root, name, rows, self._compression, durable=False)
        except BaseException:
            with self._buf_lock:
                self._rows[:0] = rows
            raise
        self._unsynced.extend(written)
        if self._on_flush is not None:
            self._on_flush(rows, time.perf_counter() - started)
        self._seq += 1
        return len(rows)

    def _sync(self) -> None:
        """Make every file written since the last sync durable, with its folder."""
        for folder in {p.parent for p in self._unsynced}:
            for path in self._unsynced:
                if path.parent == folder:
                    self._syncer(path)
            self._syncer(folder)
        self._unsynced = []


class LakeSink(FixedPartitionedSink[AuditRow, Position]):
    """Bytewax adapter of the audit lake; upstream items are ``(session_id, AuditRow)``.

    ``recovery_dir`` (set when recovery is on) names the recovery store whose
    creation stamp enables the clean-up on start described in the module
    docstring; ``on_flush`` observes each write and ``on_fail`` each failed
    attempt (metrics); ``write_retry_s`` bounds how long a snapshot retries a
    failing write before ``fatal`` is called (default: :func:`stop_process`,
    one line and exit status 75; tests pass :func:`raise_error`);
    ``writer``/``syncer`` are the file I/O (fault-injection tests replace them).
    """

    def __init__(
        self,
        root: str | Path,
        *,
        shards: int,
        roll_rows: int,
        roll_seconds: float,
        compression: str = "zstd",
        recovery_dir: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
        generation: Callable[[], int] = time.time_ns,
        on_flush: FlushHook | None = None,
        write_retry_s: float = 30.0,
        writer: Writer = write_lake_file,
        syncer: Syncer = fsync_path,
        on_fail: FailHook | None = None,
        fatal: Fatal = stop_process,
    ) -> None:
        self._root = Path(root)
        self._fatal = fatal
        self._on_flush = on_flush
        self._write_retry_s = write_retry_s
        self._writer = writer
        self._syncer = syncer
        self._on_fail = on_fail
        self._recovery_dir = recovery_dir
        self._generation = generation
        self._shards = shards
        self._roll_rows = roll_rows
        self._roll_seconds = roll_seconds
        self._compression = compression
        self._clock = clock

    def list_parts(self) -> list[str]:
        """List the shards."""
        return [f"shard{i:02d}" for i in range(self._shards)]

    def build_part(self, step_id: str, for_part: str, resume_state: Position | None) -> _LakeShard:
        """Build a shard writer, removing uncommitted files first (see module docs)."""
        self._root.mkdir(parents=True, exist_ok=True)
        existing = list(lake_files(self._root, for_part))
        if resume_state is not None:
            gen0, seq0 = resume_state
            stale = [
                p for _, gen, seq, p in existing if gen > gen0 or (gen == gen0 and seq >= seq0)
            ]
            position = resume_state
        else:
            since = None if self._recovery_dir is None else store_created_ns(self._recovery_dir)
            stale = [] if since is None else [p for _, gen, _, p in existing if int(gen) >= since]
            position = (f"{self._generation():020d}", 0)
        for path in stale:
            path.unlink()  # its rows were never committed and will be replayed
        return _LakeShard(
            self._root,
            for_part,
            position,
            roll_rows=self._roll_rows,
            roll_seconds=self._roll_seconds,
            compression=self._compression,
            clock=self._clock,
            on_flush=self._on_flush,
            write_retry_s=self._write_retry_s,
            writer=self._writer,
            syncer=self._syncer,
            on_fail=self._on_fail,
            fatal=self._fatal,
        )
