"""Append-only JSONL file outputs (dead letters, decisions, alerts), exactly once.

A partition appends newline-terminated records to one file. Its snapshot is
the file's length after an fsync; on resume the file is truncated back to that
length before the replayed records are appended again, so a crash and restart
neither loses nor duplicates a line.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from bytewax.outputs import FixedPartitionedSink, StatefulSinkPartition


class _JsonlPartition(StatefulSinkPartition[bytes, int]):
    def __init__(self, path: Path, resume_length: int | None, fsync: bool, private: bool) -> None:
        if private:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.parent.chmod(0o700)
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            os.fchmod(fd, 0o600)
            self._file: BinaryIO = os.fdopen(fd, "ab")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file = path.open("ab")
        self._fsync = fsync
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
    """

    def __init__(
        self, directory: str | Path, name: str, *, fsync: bool = False, private: bool = False
    ) -> None:
        self._path = Path(directory) / f"{name}.jsonl"
        self._fsync = fsync
        self._private = private

    def list_parts(self) -> list[str]:
        """List the single partition (the file)."""
        return [self._path.stem]

    def part_fn(self, item_key: str) -> int:
        """Route every item to the single partition."""
        return 0

    def build_part(self, step_id: str, for_part: str, resume_state: int | None) -> _JsonlPartition:
        """Open the file, truncated back to the snapshot on resume."""
        return _JsonlPartition(self._path, resume_state, self._fsync, self._private)
