"""Report drafts on disk: one directory per draft id, next to the evidence.

Layout under ``[reports].path``::

    <draft_id>/draft.json          the ReportDraft (status, history, fields)
    <draft_id>/report.xml          the exact report XML of the draft
    <draft_id>/files/<item>.xml    preview fileDetails XML per file
    <draft_id>/submissions.jsonl   the permanent submission log (append-only)

Invariants:
    * Idempotent: :meth:`DraftsSink.write` of a draft id that already exists
      writes nothing and returns False (a replay never duplicates or
      overwrites a draft a reviewer may already have approved). The one
      exception is a draft whose *build* failed (status ``failed``, no XML,
      never submitted): a retry replaces it (issue #13).
    * Status changes go through :meth:`DraftsSink.transition`, which checks
      :data:`~tipline.schemas.report.ALLOWED_TRANSITIONS` and appends to the history.
    * Every file is written to a temporary name, fsynced and renamed, so a crash
      leaves the old or the new version, never a torn one.
    * The submission log is only ever appended to.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Final

import msgspec

from tipline.schemas.errors import ReportError
from tipline.schemas.report import (
    ALLOWED_TRANSITIONS,
    DraftStatus,
    ReportDraft,
    StatusChange,
    SubmissionLogEntry,
    decode_draft,
    decode_log_entry,
    encode_draft,
    encode_log_entry,
)
from tipline.sinks.durable import write_atomic

DRAFT_FILE: Final = "draft.json"
REPORT_FILE: Final = "report.xml"
LOG_FILE: Final = "submissions.jsonl"
_SAFE_ID: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")

# how a built draft is stored (``DraftsSink.write``): the flow's draft worker calls it
DraftWriter = Callable[[ReportDraft], object]


def _atomic_write(path: Path, data: bytes) -> None:
    write_atomic(path, data)


def check_transition(draft: ReportDraft, status: DraftStatus) -> None:
    """Refuse a status change the draft state machine does not allow.

    Raises:
        ReportError: ``status`` is not reachable from the draft's current status.

    """
    if status not in ALLOWED_TRANSITIONS[draft.status]:
        msg = f"draft {draft.draft_id!r} cannot go from {draft.status!r} to {status!r}"
        raise ReportError(msg)


class DraftsSink:
    """Writes, reads and updates report drafts under one directory."""

    def __init__(self, root: str | Path) -> None:
        """Create a sink rooted at ``root`` (created on first write)."""
        self.root = Path(root)

    def _dir(self, draft_id: str) -> Path:
        if not _SAFE_ID.match(draft_id):
            msg = f"{draft_id!r} is not a draft id (expected letters, digits, '.', '_', '-')"
            raise ReportError(msg)
        return self.root / draft_id

    def exists(self, draft_id: str) -> bool:
        """Return True if a draft with this id has been written."""
        return (self._dir(draft_id) / DRAFT_FILE).is_file()

    def write(self, draft: ReportDraft) -> bool:
        """Write a new draft with its exact XML; never overwrite an existing one.

        Returns:
            True if the draft was written, False if it already existed.

        """
        folder = self._dir(draft.draft_id)
        if (folder / DRAFT_FILE).is_file() and not self._build_failed(draft.draft_id):
            return False
        _atomic_write(folder / REPORT_FILE, draft.report_xml.encode("utf-8"))
        for f in draft.files:
            _atomic_write(folder / "files" / f"{f.item_id}.xml", f.details_xml.encode("utf-8"))
        # draft.json last: its presence marks the draft complete
        _atomic_write(folder / DRAFT_FILE, encode_draft(draft))
        return True

    def _build_failed(self, draft_id: str) -> bool:
        """Return True if the stored draft is one whose build failed (no XML, never sent)."""
        stored = self.read(draft_id)
        return stored.status == "failed" and not stored.report_xml and not stored.ncmec_report_id

    def replace(self, draft: ReportDraft) -> None:
        """Overwrite an existing draft (a rebuild: same ids, new XML); custody is the caller's.

        Raises:
            ReportError: the draft does not exist yet.

        """
        folder = self._dir(draft.draft_id)
        if not (folder / DRAFT_FILE).is_file():
            msg = f"no report draft {draft.draft_id!r} to rebuild"
            raise ReportError(msg)
        _atomic_write(folder / REPORT_FILE, draft.report_xml.encode("utf-8"))
        for f in draft.files:
            _atomic_write(folder / "files" / f"{f.item_id}.xml", f.details_xml.encode("utf-8"))
        _atomic_write(folder / DRAFT_FILE, encode_draft(draft))

    def read(self, draft_id: str) -> ReportDraft:
        """Read one draft.

        Raises:
            ReportError: no such draft, or its JSON is unreadable.

        """
        path = self._dir(draft_id) / DRAFT_FILE
        try:
            return decode_draft(path.read_bytes())
        except FileNotFoundError as exc:
            msg = f"no report draft {draft_id!r} under {str(self.root)!r}"
            raise ReportError(msg) from exc
        except msgspec.DecodeError as exc:
            msg = f"draft {draft_id!r} is unreadable: {exc}"
            raise ReportError(msg) from exc

    def checked(self, draft_id: str) -> ReportDraft:
        """Read a draft before acting on its status.

        This store trusts ``draft.json``; the custody-backed store
        (:class:`tipline.services.cases.CustodyDrafts`) refuses a status its
        custody log does not back.
        """
        return self.read(draft_id)

    def drafts(self) -> Iterator[ReportDraft]:
        """Yield every draft under the root (unordered)."""
        if not self.root.is_dir():
            return
        for path in sorted(self.root.glob(f"*/{DRAFT_FILE}")):
            yield self.read(path.parent.name)

    def transition(
        self,
        draft_id: str,
        status: DraftStatus,
        *,
        actor: str,
        at: datetime,
        note: str | None = None,
        reviewer: str | None = None,
        ncmec_report_id: str | None = None,
    ) -> ReportDraft:
        """Move a draft to ``status``, append the change to its history and save it.

        Raises:
            ReportError: the transition is not allowed from the current status.

        """
        draft = self.read(draft_id)
        check_transition(draft, status)
        change = StatusChange(at=at, status=status, actor=actor, note=note)
        updated = msgspec.structs.replace(
            draft,
            status=status,
            history=[*draft.history, change],
            reviewer=reviewer if reviewer is not None else draft.reviewer,
            ncmec_report_id=(
                ncmec_report_id if ncmec_report_id is not None else draft.ncmec_report_id
            ),
        )
        _atomic_write(self._dir(draft_id) / DRAFT_FILE, encode_draft(updated))
        return updated

    def append_log(self, entry: SubmissionLogEntry) -> None:
        """Append one entry to the draft's permanent submission log (fsynced)."""
        path = self._dir(entry.draft_id) / LOG_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("ab") as fh:
            fh.write(encode_log_entry(entry) + b"\n")
            fh.flush()
            os.fsync(fh.fileno())

    def read_log(self, draft_id: str) -> list[SubmissionLogEntry]:
        """Return the draft's submission log, oldest first (empty if none).

        A torn last line (a crash mid-append) is ignored; earlier lines are
        complete because each append is fsynced before the next request.
        """
        path = self._dir(draft_id) / LOG_FILE
        if not path.is_file():
            return []
        lines = path.read_bytes().splitlines()
        entries = []
        for n, line in enumerate(lines):
            try:
                entries.append(decode_log_entry(line))
            except msgspec.DecodeError as exc:
                if n == len(lines) - 1:
                    break
                msg = f"submission log of {draft_id!r} is corrupt at line {n + 1}: {exc}"
                raise ReportError(msg) from exc
        return entries
