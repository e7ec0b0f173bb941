"""Input sources: JSONL files (embedded default, file replays).

Each file is one partition; its resume state is the byte offset and line
number of the next unread line, so recovery re-reads nothing twice. Blank
lines are skipped (they are not records); every other line becomes one
:class:`RawRecord`, valid or not — decoding happens downstream.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import BinaryIO

from bytewax.inputs import FixedPartitionedSource, StatefulSourcePartition

from tipline.schemas.errors import ConfigError
from tipline.schemas.source import RawRecord, SourcePosition

Position = tuple[int, int]  # (byte offset, line number of the next line)


def jsonl_files(path: str | Path) -> list[Path]:
    """Return the JSONL files a path names: the file itself, or ``*.jsonl`` in a folder."""
    p = Path(path)
    if p.is_file():
        return [p]
    if p.is_dir():
        return sorted(p.glob("*.jsonl"))
    msg = f"input path {str(p)!r} is neither a JSONL file nor a directory"
    raise ConfigError(msg)


class _JsonlPartition(StatefulSourcePartition[RawRecord, Position]):
    def __init__(self, path: Path, position: Position, batch_size: int) -> None:
        self._path = path
        self._file: BinaryIO = path.open("rb")
        self._offset, self._line = position
        self._file.seek(self._offset)
        self._batch_size = batch_size

    def next_batch(self) -> list[RawRecord]:
        batch: list[RawRecord] = []
        now_ms = time.time_ns() // 1_000_000
        while len(batch) < self._batch_size:
            line = self._file.readline()
            if not line:
                if not batch:
                    raise StopIteration
                break
            self._line += 1
            self._offset += len(line)
            value = line.rstrip(b"\r\n")
            if not value.strip():
                continue
            source = SourcePosition(
                kind="file", file=str(self._path), line=self._line, timestamp_ms=now_ms
            )
            batch.append(RawRecord(value=value, source=source))
        return batch

    def snapshot(self) -> Position:
        return (self._offset, self._line)

    def close(self) -> None:
        self._file.close()


class JsonlSource(FixedPartitionedSource[RawRecord, Position]):
    """Read every line of one JSONL file or of each ``*.jsonl`` file in a folder."""

    def __init__(self, path: str | Path, *, batch_size: int = 500) -> None:
        self._path = Path(path)
        self._batch_size = batch_size

    def list_parts(self) -> list[str]:
        """List one partition per JSONL file."""
        return [str(p) for p in jsonl_files(self._path)]

    def build_part(
        self, step_id: str, for_part: str, resume_state: Position | None
    ) -> _JsonlPartition:
        """Open one file at its resume position."""
        return _JsonlPartition(Path(for_part), resume_state or (0, 0), self._batch_size)
