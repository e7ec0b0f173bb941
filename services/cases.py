"""The case lifecycle: review queue, claims, dismissals, escalation, draft approve/reject/rebuild.

:class:`CaseService` is what ``tipline cases …``, ``tipline reports reject|rebuild``
and the review console call. Cases are opened by the flow
(:func:`new_case`, from ``flows/pipeline.py:Pipeline.package``): one case per
evidence package, ``case_id`` = ``package_id`` = ``draft_id``.

Invariants:

* Custody first: every status change (of a case or a draft) is appended to the
  package's custody log as a ``status_changed`` event (always followed by a
  signed checkpoint) BEFORE the case or draft file is written. Draft status
  changes go through ONE place, :meth:`CustodyDrafts.transition` (and
  :meth:`CustodyDrafts.rebuild`), which the CLI's approve and submit use too.
* A status on disk that the custody log does not back (a hand-edited
  ``draft.json`` or ``case.json``) is refused. When the custody log is one
  allowed step ahead of the file (a crash between the two writes), the file
  is rolled forward to the logged status instead.
* Roles: ``reviewer`` for claim, dismiss, escalate, context requests,
  approve, reject, rebuild, classify and annotate; reading content
  (``reveal_text``, :meth:`CaseService.reveal_media`) also needs ``viewer``
  and is custody-logged by the vault before any byte is released.
* Nothing here writes message text or media to a file; dismissal reasons and
  notes are reviewer text that must not quote content (documented).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Final

import msgspec

from tipline.operators.evidence.canonical import sha256_hex
from tipline.operators.report import build_draft
from tipline.schemas.case import (
    CLASSIFICATIONS,
    OPEN_WORK,
    REVIEW_TRANSITIONS,
    Annotation,
    CaseDetail,
    CaseKind,
    CaseRecord,
    CaseStatus,
    CaseSummary,
    MediaItem,
    ReviewOutcome,
    StatusChange,
    TimelineMessage,
)
from tipline.schemas.config import TiplineConfig
from tipline.schemas.decision import Decision
from tipline.schemas.errors import CaseError, ReportError
from tipline.schemas.event import MessageEvent, decode_event
from tipline.schemas.evidence import CustodyEvent
from tipline.schemas.report import (
    ALLOWED_TRANSITIONS,
    DraftStatus,
    ReportDraft,
    TimelineEntry,
    Viewer,
)
from tipline.schemas.report import StatusChange as DraftChange
from tipline.services.evidence import EvidenceService
from tipline.sinks.cases import CasesSink
from tipline.sinks.drafts import DraftsSink

__all__ = [
    "CaseService",
    "CustodyDrafts",
    "content_free",
    "new_case",
    "recorded_status",
    "timeline_rows",
]

SUBJECT_DRAFT: Final = "draft"
SUBJECT_CASE: Final = "case"
_CONVERSATION_TYPES: Final = frozenset(
    {"application/vnd.tipline.message+json", "application/vnd.tipline.conversation+json"}
)
_EVENTS_DEC: Final = msgspec.json.Decoder(list[MessageEvent])


# ---------------------------------------------------------------- building cases (flow)


def content_free(event: MessageEvent) -> MessageEvent:
    """Return the event without text and inline bytes (what a case record may hold)."""
    attachments = [
        msgspec.structs.replace(a, data_b64=b"") if a.data_b64 is not None else a
        for a in event.attachments
    ]
    return msgspec.structs.replace(event, text=None, attachments=attachments)


def timeline_rows(
    decision: Decision, event: MessageEvent, context: Sequence[MessageEvent]
) -> list[TimelineEntry]:
    """Content-free timeline rows: the preceding messages and the trigger, with their cues."""
    hits: dict[str, set[str]] = {}
    weights: dict[str, float] = {}
    for hit in decision.session.signals if decision.session else []:
        hits.setdefault(hit.message_id, set()).add(hit.signal)
        weights[hit.message_id] = weights.get(hit.message_id, 0.0) + hit.weight
    for verdict in decision.attachments:
        if verdict.matches:
            hits.setdefault(event.event_id, set()).add("hash_match")
    return [
        TimelineEntry(
            message_id=e.event_id,
            sender_id=e.sender.user_id,
            sent_at=e.sent_at,
            signals=sorted(hits.get(e.event_id, set())),
            weight=round(weights.get(e.event_id, 0.0), 4),
            trigger=e.event_id == event.event_id,
        )
        for e in [*context, event]
    ]


def new_case(
    package_id: str,
    decision: Decision,
    event: MessageEvent,
    context: Sequence[MessageEvent],
    *,
    deadline_hours: float,
    now: datetime,
) -> CaseRecord:
    """Return the case a packaged ``review`` or ``report`` decision opens."""
    kind: CaseKind = "report" if decision.decision == "report" else "review"
    return CaseRecord(
        case_id=package_id,
        kind=kind,
        status="draft" if kind == "report" else "open",
        opened_at=now,
        deadline=decision.decided_at + timedelta(hours=deadline_hours),
        session_id=decision.session_id,
        event_id=decision.event_id,
        package_id=package_id,
        draft_id=package_id if kind == "report" else None,
        reasons=list(decision.reasons),
        decision=decision,
        event=content_free(event),
        context=timeline_rows(decision, event, context),
        history=[
            StatusChange(
                at=now,
                status="draft" if kind == "report" else "open",
                actor="tipline",
                note="opened by the flow",
            )
        ],
    )


# ---------------------------------------------------------------- custody-backed status


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
        if status not in ALLOWED_TRANSITIONS[draft.status]:
            msg = f"draft {draft_id!r} cannot go from {draft.status!r} to {status!r}"
            raise ReportError(msg)
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


# ---------------------------------------------------------------- the service


class _Viewers:
    def __init__(self, evidence: EvidenceService, package_id: str) -> None:
        self.views = evidence.custody_views(package_id)

    def for_items(self) -> dict[str, list[Viewer]]:
        out: dict[str, list[Viewer]] = {}
        for e in self.views:
            for item in e.item_ids:
                out.setdefault(item, []).append(Viewer(actor=e.operator, at=e.at, reason=e.reason))
        return out


class CaseService:
    """Reviewers' operations on cases; every status change is custody-logged first."""

    def __init__(
        self,
        cfg: TiplineConfig,
        *,
        evidence: EvidenceService,
        cases: CasesSink | None = None,
        drafts: CustodyDrafts | None = None,
    ) -> None:
        """Use the configured case and draft folders unless given."""
        self.cfg: Final = cfg
        self.evidence: Final = evidence
        self.cases: Final = cases or CasesSink(cfg.reports.cases_dir())
        self.drafts: Final = drafts or CustodyDrafts(cfg.reports.path, evidence)

    # ------------------------------------------------------------ reading

    def _draft(self, case_id: str) -> ReportDraft | None:
        return self.drafts.read(case_id) if self.drafts.exists(case_id) else None

    def _summary(self, record: CaseRecord | None, draft: ReportDraft | None) -> CaseSummary:
        if record is not None:
            return CaseSummary(
                case_id=record.case_id,
                kind=record.kind,
                status=_case_status(draft, record),
                deadline=draft.deadline if draft else record.deadline,
                opened_at=record.opened_at,
                session_id=record.session_id,
                event_id=record.event_id,
                package_id=record.package_id,
                draft_id=draft.draft_id if draft else None,
                claimed_by=record.claimed_by,
                reasons=list(record.reasons),
            )
        assert draft is not None
        return CaseSummary(
            case_id=draft.draft_id,
            kind="report",
            status=_case_status(draft, None),
            deadline=draft.deadline,
            opened_at=draft.created_at,
            session_id=draft.session_id,
            event_id=draft.event_id,
            package_id=draft.package_id,
            draft_id=draft.draft_id,
            claimed_by=None,
            reasons=list(draft.reasons),
        )

    def all_cases(self) -> list[CaseSummary]:
        """Every case (open or closed), soonest deadline first."""
        records = {r.case_id: r for r in self.cases.cases()}
        drafts = {d.draft_id: d for d in self.drafts.drafts()}
        ids = sorted(set(records) | set(drafts))
        out = [self._summary(records.get(i), drafts.get(i)) for i in ids]
        return sorted(out, key=lambda s: (s.deadline, s.case_id))

    def queue(self, now: datetime) -> list[CaseSummary]:
        """Open work (open, claimed, needs_context, draft, approved, failed) by deadline."""
        del now  # the order is by deadline; countdowns are the caller's
        return [s for s in self.all_cases() if s.status in OPEN_WORK]

    def summary(self, case_id: str) -> CaseSummary:
        """One case's queue line.

        Raises:
            CaseError: no such case.

        """
        record = self.cases.get(case_id)
        draft = self._draft(case_id)
        if record is None and draft is None:
            msg = f"no case {case_id!r} (see `tipline cases list`)"
            raise CaseError(msg)
        return self._summary(record, draft)

    def detail(
        self, case_id: str, *, reviewer: str, reason: str, now: datetime, reveal_text: bool
    ) -> CaseDetail:
        """Return the case page: timeline (text only with ``reveal_text``), media, history.

        Raises:
            CaseError: no such case.
            AccessDeniedError: ``reveal_text`` without the viewer role or a reason.

        """
        summary = self.summary(case_id)
        record = self.cases.get(case_id)
        draft = self._draft(case_id)
        package_id = summary.package_id or case_id
        manifest, _ = self.evidence.latest_manifest(package_id)
        texts: dict[str, MessageEvent] = {}
        if reveal_text:
            self.evidence.require(reviewer, "reviewer")
            conv = [i.item_id for i in manifest.items if i.media_type in _CONVERSATION_TYPES]
            opened = self.evidence.open_items(
                package_id, conv, operator=reviewer, reason=reason or case_id, now=now
            )
            for data in opened.values():
                for e in _decode_events(data):
                    texts[e.event_id] = e
        rows: dict[str, TimelineMessage] = {}
        trigger_id = summary.event_id
        for t in (record.context if record else []) or (draft.timeline if draft else []):
            rows[t.message_id] = TimelineMessage(
                message_id=t.message_id,
                sender_id=t.sender_id or "",
                sent_at=t.sent_at or manifest.sent_at,
                cues=list(t.signals),
                trigger=t.message_id == trigger_id,
                following=False,
                text=None,
            )
        if trigger_id not in rows:
            rows[trigger_id] = TimelineMessage(
                message_id=trigger_id,
                sender_id=manifest.sender_id,
                sent_at=manifest.sent_at,
                cues=list(summary.reasons),
                trigger=True,
                following=False,
                text=None,
            )
        following = self.cases.following(case_id)
        for item in manifest.items:
            if item.position == "following" and item.event_id and item.event_id not in rows:
                rows[item.event_id] = TimelineMessage(
                    message_id=item.event_id,
                    sender_id=_sender(following.get(item.event_id)),
                    sent_at=item.sent_at or manifest.sent_at,
                    cues=_cues(following.get(item.event_id)),
                    trigger=False,
                    following=True,
                    text=None,
                )
        timeline = []
        for row in sorted(rows.values(), key=lambda r: (r.sent_at, r.message_id)):
            revealed = texts.get(row.message_id)
            timeline.append(
                row
                if revealed is None
                else msgspec.structs.replace(
                    row, text=revealed.text, sender_id=revealed.sender.user_id
                )
            )
        classes = record.classifications if record else {}
        media = [
            MediaItem(
                item_id=i.item_id,
                media_type=i.media_type,
                sha256=i.sha256,
                classification=classes.get(i.item_id),
            )
            for i in manifest.items
            if i.role == "attachment"
        ]
        history = list(record.history) if record else []
        if draft is not None:
            history += [
                StatusChange(
                    at=h.at,
                    status=_case_status(msgspec.structs.replace(draft, status=h.status), None),
                    actor=h.actor,
                    note=h.note,
                )
                for h in draft.history
            ]
        history.sort(key=lambda h: h.at)
        return CaseDetail(
            summary=summary,
            timeline=timeline,
            media=media,
            history=history,
            annotations=list(record.annotations) if record else [],
        )

    # ------------------------------------------------------------ review-case changes

    def _role(self, reviewer: str) -> None:
        self.evidence.require(reviewer, "reviewer")

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
            viewers=_Viewers(self.evidence, record.package_id).for_items(),
            context=record.context,
            classifications=record.classifications,
        )

    # ------------------------------------------------------------ draft changes

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

    # ------------------------------------------------------------ annotations and media

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

    def reveal_media(
        self, case_id: str, item_id: str, *, reviewer: str, reason: str, now: datetime
    ) -> bytes:
        """Return one attachment's bytes; the vault logs the view first (who, when, why)."""
        self._role(reviewer)
        summary = self.summary(case_id)
        package_id = summary.package_id or case_id
        manifest, _ = self.evidence.latest_manifest(package_id)
        if item_id not in {i.item_id for i in manifest.items if i.role == "attachment"}:
            msg = f"case {case_id!r} has no media item {item_id!r}"
            raise CaseError(msg)
        return self.evidence.open_item(
            package_id, item_id, operator=reviewer, reason=reason or case_id, now=now
        )

    def preview_media(self, case_id: str, item_id: str, *, reviewer: str, now: datetime) -> bytes:
        """Return one attachment's bytes for a blurred greyscale rendition (the console's).

        Logged first as a ``previewed`` custody event, which is not a view of
        the file: ``fileViewedByEsp`` counts ``viewed`` (reveals) only.
        """
        self._role(reviewer)
        summary = self.summary(case_id)
        package_id = summary.package_id or case_id
        manifest, _ = self.evidence.latest_manifest(package_id)
        if item_id not in {i.item_id for i in manifest.items if i.role == "attachment"}:
            msg = f"case {case_id!r} has no media item {item_id!r}"
            raise CaseError(msg)
        return self.evidence.open_item(
            package_id,
            item_id,
            operator=reviewer,
            reason="blurred greyscale preview",
            now=now,
            action="previewed",
        )


# ---------------------------------------------------------------- helpers


def _cues(row: TimelineEntry | None) -> list[str]:
    return list(row.signals) if row else []


def _sender(row: TimelineEntry | None) -> str:
    return (row.sender_id or "") if row else ""


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


def _decode_events(data: bytes) -> list[MessageEvent]:
    stripped = data.lstrip()
    if stripped.startswith(b"["):
        return _EVENTS_DEC.decode(data)
    return [decode_event(data)]
