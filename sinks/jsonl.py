"""Append-only JSONL file outputs (dead letters, decisions, alerts), exactly once.

A partition appends newline-terminated records to one file. Its snapshot is
the file's length after an fsync; on resume the file is truncated back to that
length before the replayed records are appended again, so a crash and restart
neither loses nor duplicates a line.

Before the first snapshot there is no length to resume from, yet a crash
there replays every record from the start. So, with recovery on, the first
open under a recovery store records the file's length then (the *base*, in
``.<name>.jsonl.base`` beside the file, tagged with the store's creation
stamp); a later start under the same store that has no snapshot truncates the
file back to that base before the replay appends again. Without recovery a
crash means at-least-once.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from bytewax.outputs import FixedPartitionedSink, StatefulSinkPartition

from tipline.sinks.durable import write_atomic
from tipline.sinks.lake import store_created_ns


def _base_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.base")


def _start_length(path: Path, recovery_dir: Path) -> int | None:
    """Return the length to truncate to on a start without snapshot (None: keep the file)."""
    stamp = str(store_created_ns(recovery_dir))
    marker = _base_path(path)
    try:
        seen_stamp, seen_length = marker.read_text(encoding="ascii").split()
        if seen_stamp == stamp:
            return int(seen_length)
    except (FileNotFoundError, ValueError):
        pass
    length = path.stat().st_size if path.exists() else 0
    write_atomic(marker, f"{stamp} {length}".encode("ascii"))
    return None


class _JsonlPartition(StatefulSinkPartition[bytes, int]):
    def __init__(
        self,
        path: Path,
        resume_length: int | None,
        fsync: bool,
        recovery_dir: Path | None,
        private: bool,
    ) -> None:
        if private:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.parent.chmod(0o700)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._fsync = fsync
        if resume_length is None and recovery_dir is not None:
            resume_length = _start_length(path, recovery_dir)
        if private:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            os.fchmod(fd, 0o600)
            self._file: BinaryIO = os.fdopen(fd, "ab")
        else:
            self._file = path.open("ab")
        if resume_length is not None:
            self._file.truncate(resume_length)
            self._file.seek(resume_length)

    def write_batch(self, values: list[bytes]) -> None:
        self._file.write(b"".join(v + b"\n" for v in values))
        self._file.flush()
        if self._fsync:
            os.fsync(self._file.fileno())

    def snapshot(self) -> int:
        self._file.flush()
        os.fsync(self._file.fileno())
        return self._file.tell()

    def close(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()


class JsonlSink(FixedPartitionedSink[bytes, int]):
    """Write encoded records (``bytes`` without newline) to ``<dir>/<name>.jsonl``.

    Upstream items are ``(key, bytes)``; every key goes to the single partition,
    so order follows arrival. ``fsync`` forces each batch to disk (use it for
    dead letters, whose loss would break invariant 1 between snapshots).
    ``private`` creates the file 0600 and its folder 0700 (dead letters hold
    sealed content; nobody else on the host needs to list or read them).
    ``recovery_dir`` (recovery on) makes the output exactly-once also across a
    crash before the first snapshot (module docs).
    """

    def __init__(
        self,
        directory: str | Path,
        name: str,
        *,
        fsync: bool = False,
        private: bool = False,
        recovery_dir: Path | None = None,
    ) -> None:
        self._path = Path(directory) / f"{name}.jsonl"
        self._fsync = fsync
        self._private = private
        self._recovery_dir = recovery_dir

    def list_parts(self) -> list[str]:
        """List the single partition (the file)."""
        return [self._path.stem]

    def part_fn(self, item_key: str) -> int:
        """Route every item to the single partition."""
        return 0

    def build_part(self, step_id: str, for_part: str, resume_state: int | None) -> _JsonlPartition:
        """Open the file, truncated back to the snapshot (or the base) on resume."""
        return _JsonlPartition(
            self._path, resume_state, self._fsync, self._recovery_dir, self._private
        )
