"""Review cases on disk: one directory per case id, plus the reviewer outcomes file.

Layout under ``[reports].cases_path``::

    <case_id>/case.json     the CaseRecord (status, history, annotations)
    outcomes.jsonl          reviewer verdicts (dismissals …), append-only

Invariants:
    * :meth:`CasesSink.open` is idempotent: a case id that exists is kept as
      is (a replay never reopens a case a reviewer already handled).
    * Every file is written to a temporary name, fsynced and renamed, readable
      by the owner only (0600; folders 0700). The flow opens a batch's cases
      and records its following messages with one group commit each
      (:meth:`CasesSink.open_many`, :meth:`CasesSink.add_following_many`).
    * Records carry no message text or media (see :mod:`tipline.schemas.case`).
    * Status changes are made by :class:`tipline.services.cases.CaseService`,
      which signs them into the custody log first; this sink only stores.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Final

import msgspec

from tipline.schemas.case import (
    CaseRecord,
    ReviewOutcome,
    decode_case,
    decode_outcome,
    encode_case,
    encode_outcome,
)
from tipline.schemas.errors import CaseError
from tipline.schemas.report import TimelineEntry
from tipline.sinks.durable import SyncMethod, WriteGroup

CASE_FILE: Final = "case.json"
OUTCOMES_FILE: Final = "outcomes.jsonl"
_SAFE_ID: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
_ROW_ENC: Final = msgspec.json.Encoder()
_ROW_DEC: Final = msgspec.json.Decoder(TimelineEntry)


def _atomic_write(path: Path, data: bytes) -> None:
    """Write owner-only (0600 file, 0700 folders): records hold account facts."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


class CasesSink:
    """Stores case records and reviewer outcomes under one directory."""

    def __init__(self, root: str | Path, *, sync: SyncMethod = "syncfs") -> None:
        """Use ``root`` (created on first write); ``sync``: how group commits are made durable."""
        self.root = Path(root)
        self._sync: Final = sync

    def _path(self, case_id: str) -> Path:
        if not _SAFE_ID.match(case_id):
            msg = f"{case_id!r} is not a case id (expected letters, digits, '.', '_', '-')"
            raise CaseError(msg)
        return self.root / case_id / CASE_FILE

    def exists(self, case_id: str) -> bool:
        """Return True if the case has been opened."""
        return self._path(case_id).is_file()

    def open(self, record: CaseRecord) -> bool:
        """Store a new case; keep an existing one. Returns True if written."""
        path = self._path(record.case_id)
        if path.is_file():
            return False
        _atomic_write(path, encode_case(record))
        return True

    def open_many(self, records: Sequence[CaseRecord]) -> list[bool]:
        """Store new cases with one group commit (two syncs); keep existing ones."""
        return self._create_many([(self._path(r.case_id), encode_case(r)) for r in records])

    def save(self, record: CaseRecord) -> None:
        """Replace a case record (called by the case service after custody)."""
        _atomic_write(self._path(record.case_id), encode_case(record))

    def read(self, case_id: str) -> CaseRecord:
        """Read one case.

        Raises:
            CaseError: no such case, or its JSON is unreadable.

        """
        path = self._path(case_id)
        try:
            return decode_case(path.read_bytes())
        except FileNotFoundError as exc:
            msg = f"no case {case_id!r} under {str(self.root)!r}"
            raise CaseError(msg) from exc
        except msgspec.DecodeError as exc:
            msg = f"case {case_id!r} is unreadable: {exc}"
            raise CaseError(msg) from exc

    def get(self, case_id: str) -> CaseRecord | None:
        """Read one case, or None if it was never opened."""
        return self.read(case_id) if self.exists(case_id) else None

    def cases(self) -> Iterator[CaseRecord]:
        """Yield every case (by id)."""
        if not self.root.is_dir():
            return
        for path in sorted(self.root.glob(f"*/{CASE_FILE}")):
            yield self.read(path.parent.name)

    def add_following(self, case_id: str, rows: list[TimelineEntry]) -> None:
        """Record content-free rows (id, sender, time) of messages that followed the case.

        One small file per message (``<case_id>/following/<message_id>.json``),
        so the flow never rewrites ``case.json`` a reviewer may be changing.
        """
        folder = self._path(case_id).parent / "following"
        for row in rows:
            if not _SAFE_ID.match(row.message_id):
                continue
            path = folder / f"{row.message_id}.json"
            if not path.is_file():
                _atomic_write(path, _ROW_ENC.encode(row))

    def add_following_many(self, rows: Mapping[str, list[TimelineEntry]]) -> None:
        """Like :meth:`add_following` for several cases, with one group commit."""
        writes = [
            (self._path(case_id).parent / "following" / f"{row.message_id}.json", row)
            for case_id, case_rows in rows.items()
            for row in case_rows
            if _SAFE_ID.match(row.message_id)
        ]
        self._create_many([(path, _ROW_ENC.encode(row)) for path, row in writes])

    def _create_many(self, writes: Sequence[tuple[Path, bytes]]) -> list[bool]:
        """Create the files that do not exist yet, durably, with one group commit."""
        group = WriteGroup(self._sync, dir_mode=0o700)
        staged: set[Path] = set()
        try:
            for path, data in writes:
                if path not in staged and not path.is_file():
                    group.stage(path, data, mode=0o600)
                    staged.add(path)
            group.sync_contents()
            created = []
            for path, _ in writes:
                created.append(path in staged and group.link(path))
                staged.discard(path)
            group.sync_names()
        finally:
            group.discard()
        return created

    def following(self, case_id: str) -> dict[str, TimelineEntry]:
        """Return the recorded following-message rows of a case, by message id."""
        folder = self._path(case_id).parent / "following"
        if not folder.is_dir():
            return {}
        rows = [_ROW_DEC.decode(p.read_bytes()) for p in sorted(folder.glob("*.json"))]
        return {r.message_id: r for r in rows}

    def following_sender(self, case_id: str, message_id: str) -> str | None:
        """Return the sender of one following message, when the flow recorded it."""
        row = self.following(case_id).get(message_id)
        return row.sender_id if row else None

    def append_outcome(self, outcome: ReviewOutcome) -> None:
        """Append one reviewer verdict to ``outcomes.jsonl`` (fsynced)."""
        path = self.root / OUTCOMES_FILE
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "ab") as fh:
            fh.write(encode_outcome(outcome) + b"\n")
            fh.flush()
            os.fsync(fh.fileno())

    def outcomes(self) -> list[ReviewOutcome]:
        """Every recorded verdict, oldest first (a torn last line is ignored)."""
        path = self.root / OUTCOMES_FILE
        if not path.is_file():
            return []
        lines = [ln for ln in path.read_bytes().splitlines() if ln.strip()]
        out: list[ReviewOutcome] = []
        for n, line in enumerate(lines):
            try:
                out.append(decode_outcome(line))
            except msgspec.DecodeError as exc:
                if n == len(lines) - 1:
                    break
                msg = f"{path} is corrupt at line {n + 1}: {exc}"
                raise CaseError(msg) from exc
        return out
