"""Reading cases: the queue, summaries, the case page and logged media views."""

from __future__ import annotations

from datetime import datetime
from typing import Final

import msgspec

from tipline.schemas.case import (
    OPEN_WORK,
    CaseDetail,
    CaseRecord,
    CaseSummary,
    MediaItem,
    StatusChange,
    TimelineMessage,
)
from tipline.schemas.config import TiplineConfig
from tipline.schemas.errors import CaseError
from tipline.schemas.event import MessageEvent, decode_event
from tipline.schemas.report import (
    ReportDraft,
    TimelineEntry,
    Viewer,
)
from tipline.services.cases.custody import CustodyDrafts, _case_status
from tipline.services.cases.opening import (
    _CONVERSATION_TYPES,
    _EVENTS_DEC,
)
from tipline.services.evidence import EvidenceService
from tipline.sinks.cases import CasesSink


class ItemViewers:
    """Who viewed each item of a package, from its custody log (``fileViewedByEsp``)."""

    def __init__(self, evidence: EvidenceService, package_id: str) -> None:
        self.views = evidence.custody_views(package_id)

    def for_items(self) -> dict[str, list[Viewer]]:
        """Return the viewers of each item id."""
        out: dict[str, list[Viewer]] = {}
        for e in self.views:
            for item in e.item_ids:
                out.setdefault(item, []).append(Viewer(actor=e.operator, at=e.at, reason=e.reason))
        return out


class CaseReader:
    """The read side of :class:`~tipline.services.cases.CaseService`."""

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

    def _role(self, reviewer: str) -> None:
        self.evidence.require(reviewer, "reviewer")

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


def _cues(row: TimelineEntry | None) -> list[str]:
    return list(row.signals) if row else []


def _sender(row: TimelineEntry | None) -> str:
    return (row.sender_id or "") if row else ""


def _decode_events(data: bytes) -> list[MessageEvent]:
    stripped = data.lstrip()
    if stripped.startswith(b"["):
        return _EVENTS_DEC.decode(data)
    return [decode_event(data)]
