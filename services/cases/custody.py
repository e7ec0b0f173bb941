"""Custody-backed status: a draft's or case's status is what its custody log records."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import msgspec

from tipline.operators.evidence.canonical import sha256_hex
from tipline.schemas.case import (
    REVIEW_TRANSITIONS,
    CaseRecord,
    CaseStatus,
)
from tipline.schemas.errors import CaseError, ReportError
from tipline.schemas.evidence import CustodyEvent
from tipline.schemas.report import (
    ALLOWED_TRANSITIONS,
    DraftStatus,
    ReportDraft,
)
from tipline.schemas.report import StatusChange as DraftChange
from tipline.services.cases.opening import SUBJECT_DRAFT
from tipline.services.evidence import EvidenceService
from tipline.sinks.drafts import DraftsSink, check_transition


def _status_events(events: Sequence[CustodyEvent], subject: str) -> list[CustodyEvent]:
    return [
        e for e in events if e.action == "status_changed" and e.details.get("subject") == subject
    ]


def recorded_status(events: Sequence[CustodyEvent], subject: str, initial: str) -> str:
    """Return the custody log's status of a case or draft (``initial`` if never changed)."""
    changes = _status_events(events, subject)
    return changes[-1].details["to"] if changes else initial


class CustodyDrafts(DraftsSink):
    """The drafts store whose status changes are signed into the custody log first.

    This is the one place a draft's status changes: approve, reject, submit
    (through :func:`tipline.services.submission.submit_draft`) and rebuild.
    """

    def __init__(self, root: str, evidence: EvidenceService) -> None:
        """Store drafts under ``root``; log to ``evidence``'s custody logs."""
        super().__init__(root)
        self.evidence = evidence

    def checked(self, draft_id: str) -> ReportDraft:
        """Read a draft whose status the custody log backs (rolling a crashed change forward).

        Raises:
            ReportError: ``draft.json`` says a status the custody log does not.

        """
        return self._checked(draft_id)[0]

    def _checked(self, draft_id: str) -> tuple[ReportDraft, CustodyEvent]:
        """Return the backed draft and the custody head it was checked against."""
        draft = self.read(draft_id)
        events = self.evidence.custody_log(draft.package_id)
        if not events:
            msg = f"draft {draft_id!r} has no custody log in the vault (package missing)"
            raise ReportError(msg)
        logged = recorded_status(events, SUBJECT_DRAFT, "draft")
        if logged == draft.status:
            return draft, events[-1]
        last = _status_events(events, SUBJECT_DRAFT)
        if (
            last
            and last[-1].details.get("from") == draft.status
            and last[-1].details.get("action") != "rebuilt"
            and logged in ALLOWED_TRANSITIONS[draft.status]
        ):
            ev = last[-1]
            rolled = super().transition(
                draft_id,
                _draft_status(logged),
                actor=ev.operator,
                at=ev.at,
                note=f"{ev.reason or ''} (completed from the custody log)".strip(),
                ncmec_report_id=ev.details.get("ncmec_report_id"),
            )
            return rolled, events[-1]
        msg = (
            f"draft {draft_id!r} says status {draft.status!r} but its custody log says "
            f"{logged!r}; refusing a status not backed by the custody log"
        )
        raise ReportError(msg)

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
        """Log the change to the custody log, then write it to ``draft.json``.

        Raises:
            ReportError: not allowed from the current status, or the current
                status is not backed by the custody log.

        """
        draft, head = self._checked(draft_id)
        check_transition(draft, status)
        details = {
            "subject": SUBJECT_DRAFT,
            "draft_id": draft_id,
            "from": draft.status,
            "to": status,
            "action": "transition",
        }
        if ncmec_report_id:
            details["ncmec_report_id"] = ncmec_report_id
        self.evidence.record_case_event(
            draft.package_id,
            "status_changed",
            operator=actor,
            reason=note,
            now=at,
            details=details,
            after=head,
        )
        return super().transition(
            draft_id,
            status,
            actor=actor,
            at=at,
            note=note,
            reviewer=reviewer,
            ncmec_report_id=ncmec_report_id,
        )

    def rebuild(self, fresh: ReportDraft, *, actor: str, at: datetime) -> ReportDraft:
        """Replace a ``draft`` or ``approved`` draft by ``fresh`` (same ids), back to ``draft``.

        History is kept; the rebuild is one custody event with the new XML's hash.

        Raises:
            ReportError: the draft is past approval, or its status is not backed.

        """
        old, head = self._checked(fresh.draft_id)
        if old.status not in ("draft", "approved"):
            msg = (
                f"draft {fresh.draft_id!r} is {old.status!r}; only 'draft' or 'approved' "
                "drafts can be rebuilt"
            )
            raise ReportError(msg)
        note = "rebuilt from the current config"
        self.evidence.record_case_event(
            old.package_id,
            "status_changed",
            operator=actor,
            reason=note,
            now=at,
            details={
                "subject": SUBJECT_DRAFT,
                "draft_id": old.draft_id,
                "from": old.status,
                "to": "draft",
                "action": "rebuilt",
                "report_xml_sha256": sha256_hex(fresh.report_xml.encode("utf-8")),
            },
            after=head,
        )
        updated = msgspec.structs.replace(
            fresh,
            status="draft",
            created_at=old.created_at,
            deadline=old.deadline,
            reviewer=None,
            history=[*old.history, DraftChange(at=at, status="draft", actor=actor, note=note)],
        )
        self.replace(updated)
        return updated


def _review_status(value: str) -> CaseStatus:
    for status in REVIEW_TRANSITIONS:
        if status == value:
            return status  # type: ignore[return-value]
    msg = f"{value!r} is not a review-case status"
    raise CaseError(msg)


def _draft_status(value: str) -> DraftStatus:
    for status in ALLOWED_TRANSITIONS:
        if status == value:
            return status  # type: ignore[return-value]
    msg = f"{value!r} is not a draft status"
    raise ReportError(msg)


def _case_status(draft: ReportDraft | None, record: CaseRecord | None) -> CaseStatus:
    if draft is not None:
        if draft.status == "retracted":
            return "failed"
        return draft.status
    assert record is not None
    return record.status
