"""Reviewers' decisions on cases: claim, dismiss, context, escalate, approve, reject, rebuild.

The invariants are in the package docstring (:mod:`tipline.services.cases`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import msgspec

from tipline.operators.report import build_draft
from tipline.schemas.case import (
    CLASSIFICATIONS,
    REVIEW_TRANSITIONS,
    Annotation,
    CaseRecord,
    CaseStatus,
    CaseSummary,
    ReviewOutcome,
    StatusChange,
)
from tipline.schemas.errors import CaseError
from tipline.schemas.evidence import CustodyEvent
from tipline.schemas.report import (
    ReportDraft,
)
from tipline.schemas.report import StatusChange as DraftChange
from tipline.services.cases.custody import (
    _review_status,
    _status_events,
    recorded_status,
)
from tipline.services.cases.opening import SUBJECT_CASE
from tipline.services.cases.reading import CaseReader, ItemViewers


class CaseService(CaseReader):
    """Reviewers' operations on cases; every status change is custody-logged first."""

    def _record(self, case_id: str) -> CaseRecord:
        """Return a case record whose status the custody log backs."""
        return self._backed(case_id)[0]

    def _backed(self, case_id: str) -> tuple[CaseRecord, CustodyEvent | None]:
        """Return the case record and the custody head its status was checked against.

        A review case whose ``case.json`` is one allowed step behind its custody
        log (a crash between the two writes) is rolled forward; any other
        mismatch is refused.
        """
        record = self.cases.get(case_id)
        if record is None:
            draft = self._draft(case_id)
            if draft is None:
                msg = f"no case {case_id!r} (see `tipline cases list`)"
                raise CaseError(msg)
            record = _record_for_draft(draft)
            self.cases.open(record)
            return record, None
        if record.kind != "review":
            return record, None
        events = self.evidence.custody_log(record.package_id)
        logged = recorded_status(events, SUBJECT_CASE, "open")
        if logged == record.status:
            if record.status == "escalated" and not self.drafts.exists(record.case_id):
                ev = _status_events(events, SUBJECT_CASE)[-1]  # crash before the draft write
                self.drafts.write(self._escalation_draft(record, ev.operator, ev.reason, ev.at))
            return record, events[-1] if events else None
        last = _status_events(events, SUBJECT_CASE)
        if (
            last
            and last[-1].details.get("from") == record.status
            and logged in REVIEW_TRANSITIONS.get(record.status, frozenset())
        ):
            return self._roll_forward(record, last[-1]), events[-1]
        msg = (
            f"case {case_id!r} says status {record.status!r} but its custody log says "
            f"{logged!r}; refusing a status not backed by the custody log"
        )
        raise CaseError(msg)

    def _roll_forward(self, record: CaseRecord, ev: CustodyEvent) -> CaseRecord:
        """Finish a change whose custody event was written but whose files were not."""
        status = _review_status(ev.details["to"])
        fields: dict[str, object] = {}
        if status == "claimed":
            fields["claimed_by"] = ev.operator
        if status == "escalated":
            fields["draft_id"] = record.case_id
            if not self.drafts.exists(record.case_id):
                self.drafts.write(self._escalation_draft(record, ev.operator, ev.reason, ev.at))
        updated = msgspec.structs.replace(
            record,
            status=status,
            history=[
                *record.history,
                StatusChange(
                    at=ev.at,
                    status=status,
                    actor=ev.operator,
                    note=f"{ev.reason or ''} (completed from the custody log)".strip(),
                ),
            ],
            **fields,
        )
        self.cases.save(updated)
        if status in ("dismissed", "escalated"):
            kind = "false_positive" if status == "dismissed" else "escalated"
            self.cases.append_outcome(
                _outcome(updated, kind, ev.reason or status, ev.operator, ev.at)
            )
        return updated

    def _change(
        self,
        record: CaseRecord,
        status: CaseStatus,
        *,
        head: CustodyEvent | None,
        reviewer: str,
        note: str | None,
        now: datetime,
        before_save: Callable[[], object] | None = None,
        **fields: object,
    ) -> CaseRecord:
        """Change a review case's status: custody event first, then ``case.json``.

        ``before_save`` runs between the two (escalation writes its draft there),
        so a crash leaves a state :meth:`_backed` rolls forward.
        """
        if status not in REVIEW_TRANSITIONS.get(record.status, frozenset()):
            msg = f"case {record.case_id!r} cannot go from {record.status!r} to {status!r}"
            raise CaseError(msg)
        self.evidence.record_case_event(
            record.package_id,
            "status_changed",
            operator=reviewer,
            reason=note,
            now=now,
            details={
                "subject": SUBJECT_CASE,
                "case_id": record.case_id,
                "from": record.status,
                "to": status,
            },
            after=head,
        )
        if before_save is not None:
            before_save()
        updated = msgspec.structs.replace(
            record,
            status=status,
            history=[
                *record.history,
                StatusChange(at=now, status=status, actor=reviewer, note=note),
            ],
            **fields,
        )
        self.cases.save(updated)
        return updated

    def _not_taken(self, record: CaseRecord, reviewer: str) -> None:
        if record.claimed_by not in (None, reviewer):
            msg = f"case {record.case_id!r} is claimed by {record.claimed_by!r}"
            raise CaseError(msg)

    def _review_only(self, record: CaseRecord, what: str) -> None:
        if record.kind != "review" or record.status not in REVIEW_TRANSITIONS:
            msg = (
                f"case {record.case_id!r} is a {record.kind} case in status "
                f"{self.summary(record.case_id).status!r}; {what} applies to open review cases"
            )
            raise CaseError(msg)

    def claim(self, case_id: str, *, reviewer: str, now: datetime) -> CaseSummary:
        """Take a case: review cases go to ``claimed``; draft cases record the claimant."""
        self._role(reviewer)
        record, head = self._backed(case_id)
        self._not_taken(record, reviewer)
        if record.kind == "review" and record.status in REVIEW_TRANSITIONS:
            if record.status == "claimed":
                return self.summary(case_id)
            self._change(
                record,
                "claimed",
                head=head,
                reviewer=reviewer,
                note="claimed",
                now=now,
                claimed_by=reviewer,
            )
        else:
            self.evidence.record_case_event(
                record.package_id,
                "annotated",
                operator=reviewer,
                reason="claimed",
                now=now,
                details={"subject": SUBJECT_CASE, "case_id": case_id, "claimed_by": reviewer},
            )
            self.cases.save(msgspec.structs.replace(record, claimed_by=reviewer))
        return self.summary(case_id)

    def dismiss(self, case_id: str, *, reviewer: str, reason: str, now: datetime) -> CaseSummary:
        """Close a review case as a false positive; the reason goes to ``outcomes.jsonl``."""
        self._role(reviewer)
        reason = _required(reason, "a dismissal reason")
        record, head = self._backed(case_id)
        self._review_only(record, "dismiss (use `tipline reports reject` for drafts)")
        self._not_taken(record, reviewer)
        updated = self._change(
            record, "dismissed", head=head, reviewer=reviewer, note=reason, now=now
        )
        self.cases.append_outcome(_outcome(updated, "false_positive", reason, reviewer, now))
        return self.summary(case_id)

    def request_context(
        self, case_id: str, *, reviewer: str, note: str, now: datetime
    ) -> CaseSummary:
        """Park a review case until more context (following messages, account facts) arrives."""
        self._role(reviewer)
        note = _required(note, "a note saying what context is needed")
        record, head = self._backed(case_id)
        self._review_only(record, "a context request")
        self._not_taken(record, reviewer)
        self._change(record, "needs_context", head=head, reviewer=reviewer, note=note, now=now)
        return self.summary(case_id)

    def escalate(self, case_id: str, *, reviewer: str, reason: str, now: datetime) -> CaseSummary:
        """Turn a review case into a report draft (same id, same package; no second package)."""
        self._role(reviewer)
        reason = _required(reason, "an escalation reason")
        record, head = self._backed(case_id)
        self._review_only(record, "escalate")
        self._not_taken(record, reviewer)
        drafted = self._escalation_draft(record, reviewer, reason, now)  # fails before logging
        updated = self._change(
            record,
            "escalated",
            head=head,
            reviewer=reviewer,
            note=reason,
            now=now,
            before_save=lambda: self.drafts.write(drafted),
            draft_id=record.case_id,
            claimed_by=reviewer,
        )
        self.cases.append_outcome(_outcome(updated, "escalated", reason, reviewer, now))
        return self.summary(case_id)

    def _escalation_draft(
        self, record: CaseRecord, reviewer: str, reason: str | None, now: datetime
    ) -> ReportDraft:
        fresh = self._build(record, now)
        note = f"escalated from review: {reason or '-'}"
        return msgspec.structs.replace(
            fresh, history=[DraftChange(at=now, status="draft", actor=reviewer, note=note)]
        )

    def _build(self, record: CaseRecord, now: datetime) -> ReportDraft:
        if record.decision is None or record.event is None:
            msg = f"case {record.case_id!r} has no stored decision (drafted before cases existed)"
            raise CaseError(msg)
        receipt = self.evidence.receipt(record.package_id)
        return build_draft(
            receipt,
            record.decision,
            record.event,
            self.cfg.reports,
            now,
            viewers=ItemViewers(self.evidence, record.package_id).for_items(),
            context=record.context,
            classifications=record.classifications,
        )

    def _draft_case(self, case_id: str) -> ReportDraft:
        if self.cases.exists(case_id):
            self._backed(case_id)  # refuses a hand-edited case, heals a crashed escalation
        draft = self._draft(case_id)
        if draft is None:
            msg = f"case {case_id!r} has no report draft (escalate it first)"
            raise CaseError(msg)
        return draft

    def approve(self, case_id: str, *, reviewer: str, now: datetime) -> CaseSummary:
        """Approve a draft for submission; refused while required fields are missing."""
        self._role(reviewer)
        draft = self.drafts.checked(self._draft_case(case_id).draft_id)
        blocking = draft.blocking_missing()
        if blocking:
            msg = "cannot approve; required fields missing: " + ", ".join(m.path for m in blocking)
            raise CaseError(msg)
        self.drafts.transition(
            case_id,
            "approved",
            actor=reviewer,
            at=now,
            note="approved for submission",
            reviewer=reviewer,
        )
        return self.summary(case_id)

    def reject(self, case_id: str, *, reviewer: str, reason: str, now: datetime) -> CaseSummary:
        """Reject a draft (not reported; its countdown stops); the reason is recorded."""
        self._role(reviewer)
        reason = _required(reason, "a rejection reason")
        self._draft_case(case_id)
        self.drafts.transition(
            case_id, "rejected", actor=reviewer, at=now, note=reason, reviewer=reviewer
        )
        record = self.cases.get(case_id)
        if record is not None:
            self.cases.append_outcome(_outcome(record, "rejected", reason, reviewer, now))
        return self.summary(case_id)

    def rebuild(self, case_id: str, *, reviewer: str, now: datetime) -> CaseSummary:
        """Rebuild a draft from the current config (same ids; back to ``draft``)."""
        self._role(reviewer)
        self._draft_case(case_id)
        record = self.cases.get(case_id)
        if record is None:
            msg = f"draft {case_id!r} has no case record to rebuild from (drafted before cases)"
            raise CaseError(msg)
        self.drafts.rebuild(self._build(record, now), actor=reviewer, at=now)
        return self.summary(case_id)

    def classify(
        self, case_id: str, item_id: str, *, reviewer: str, classification: str, now: datetime
    ) -> None:
        """Record the industry classification (A1/A2/B1/B2) of one attachment.

        The classification goes into the report: a draft still in ``draft`` is
        rebuilt at once (custody-logged); an approved or later draft refuses it
        (rebuild first, which takes it back to ``draft``).
        """
        self._role(reviewer)
        if classification not in CLASSIFICATIONS:
            msg = f"classification {classification!r} is not one of {', '.join(CLASSIFICATIONS)}"
            raise CaseError(msg)
        record = self._record(case_id)
        manifest, _ = self.evidence.latest_manifest(record.package_id)
        if item_id not in {i.item_id for i in manifest.items if i.role == "attachment"}:
            msg = f"case {case_id!r} has no media item {item_id!r}"
            raise CaseError(msg)
        draft = self._draft(case_id)
        if draft is not None and draft.status != "draft":
            msg = (
                f"draft {case_id!r} is {draft.status!r}; classify before approval "
                "(`tipline reports rebuild` takes an approved draft back to draft)"
            )
            raise CaseError(msg)
        self.evidence.record_case_event(
            record.package_id,
            "annotated",
            operator=reviewer,
            reason="classified",
            now=now,
            details={
                "subject": SUBJECT_CASE,
                "case_id": case_id,
                "item_id": item_id,
                "classification": classification,
            },
        )
        note = Annotation(
            at=now, actor=reviewer, note=f"classified {classification}", item_id=item_id
        )
        updated = msgspec.structs.replace(
            record,
            classifications={**record.classifications, item_id: classification},
            annotations=[*record.annotations, note],
        )
        self.cases.save(updated)
        if draft is not None and updated.decision is not None:
            self.drafts.rebuild(self._build(updated, now), actor=reviewer, at=now)

    def annotate(self, case_id: str, *, reviewer: str, note: str, now: datetime) -> None:
        """Add a reviewer note (custody-logged as ``annotated``; the note stays in the case)."""
        self._role(reviewer)
        note = _required(note, "a note")
        record = self._record(case_id)
        self.evidence.record_case_event(
            record.package_id,
            "annotated",
            operator=reviewer,
            reason="note",
            now=now,
            details={"subject": SUBJECT_CASE, "case_id": case_id},
        )
        self.cases.save(
            msgspec.structs.replace(
                record,
                annotations=[*record.annotations, Annotation(at=now, actor=reviewer, note=note)],
            )
        )


def _required(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        msg = f"{what} is required"
        raise CaseError(msg)
    return text


def _outcome(
    record: CaseRecord, outcome: str, reason: str, reviewer: str, now: datetime
) -> ReviewOutcome:
    return ReviewOutcome(
        session_id=record.session_id,
        positive=outcome not in {"false_positive", "rejected"},
        outcome=outcome,  # type: ignore[arg-type]
        case_id=record.case_id,
        event_id=record.event_id,
        reasons=list(record.reasons),
        reason=reason,
        reviewer=reviewer,
        at=now,
    )


def _record_for_draft(draft: ReportDraft) -> CaseRecord:
    """Return a minimal case record for a draft written before case records existed."""
    return CaseRecord(
        case_id=draft.draft_id,
        kind="report",
        status="draft",
        opened_at=draft.created_at,
        deadline=draft.deadline,
        session_id=draft.session_id,
        event_id=draft.event_id,
        package_id=draft.package_id,
        draft_id=draft.draft_id,
        reasons=list(draft.reasons),
        context=list(draft.timeline),
    )
