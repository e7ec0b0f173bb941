"""An in-memory stand-in for ``tipline.services.cases.CaseService`` (tests only).

It follows the agreed interface (briefs: cases-interface) closely enough for
the console's request handling: roles, required reasons, status transitions
and a list of custody-like events, so the web layer can be tested without a
vault. The shipped console always uses the real service; the browser test
does too.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import msgspec
from PIL import Image

from tipline.schemas.case import (
    REVIEW_TRANSITIONS,
    Annotation,
    CaseDetail,
    CaseSummary,
    MediaItem,
    StatusChange,
    TimelineMessage,
)
from tipline.schemas.errors import AccessDeniedError, TiplineError
from tipline.schemas.report import ALLOWED_TRANSITIONS

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


class FakeCaseError(TiplineError):
    pass


def png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    img = Image.new("RGB", (64, 48), colour)
    for x in range(0, 64, 8):
        for y in range(48):
            img.putpixel((x, y), (255, 255, 255))
    img.save(out, format="PNG")
    return out.getvalue()


@dataclass
class FakeCase:
    summary: CaseSummary
    timeline: list[TimelineMessage]
    texts: dict[str, str]
    media: dict[str, bytes]
    classes: dict[str, str] = field(default_factory=dict)
    history: list[StatusChange] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)


def _case(case_id: str, kind: str, status: str, hours: float, reasons: list[str]) -> FakeCase:
    summary = CaseSummary(
        case_id=case_id, kind=kind, status=status, deadline=T0 + timedelta(hours=hours),  # type: ignore[arg-type]
        opened_at=T0, session_id=f"s-{case_id}", event_id=f"e-{case_id}-2",
        package_id=case_id, draft_id=case_id if kind == "report" else None,
        claimed_by=None, reasons=reasons,
    )  # fmt: skip
    timeline = [
        TimelineMessage(message_id=f"e-{case_id}-1", sender_id="u-older", sent_at=T0,
                        cues=["flattery"], trigger=False, following=False, text=None),
        TimelineMessage(message_id=f"e-{case_id}-2", sender_id="u-older",
                        sent_at=T0 + timedelta(minutes=1), cues=["secrecy", "flattery"],
                        trigger=True, following=False, text=None),
        TimelineMessage(message_id=f"e-{case_id}-3", sender_id="u-younger",
                        sent_at=T0 + timedelta(minutes=2), cues=[], trigger=False,
                        following=True, text=None),
    ]  # fmt: skip
    texts = {
        f"e-{case_id}-1": "hello there",
        f"e-{case_id}-2": "<script>alert(1)</script> keep it between us",
        f"e-{case_id}-3": "ok",
    }
    return FakeCase(
        summary=summary,
        timeline=timeline,
        texts=texts,
        media={"att-1": png((200, 30, 30))},
        history=[StatusChange(at=T0, status=status, actor="tipline", note="opened")],  # type: ignore[arg-type]
    )


class FakeCaseService:
    """Cases r1 (report, draft), v1 (review, open), v2 (review, open); reviewer 'rita'."""

    def __init__(self, reviewers: set[str] | None = None) -> None:
        self.reviewers = reviewers if reviewers is not None else {"rita"}
        self.cases = {
            "r1": _case("r1", "report", "draft", 5, ["hash_match:known"]),
            "v1": _case("v1", "review", "open", 20, ["grooming"]),
            "v2": _case("v2", "review", "open", -2, ["grooming"]),
        }
        self.log: list[tuple[str, str, str, str]] = []  # (case, action, who, detail)

    def _get(self, case_id: str) -> FakeCase:
        if case_id not in self.cases:
            msg = f"no case {case_id!r}"
            raise FakeCaseError(msg)
        return self.cases[case_id]

    def _role(self, who: str) -> None:
        if who not in self.reviewers:
            msg = f"operator {who!r} lacks role 'reviewer'"
            raise AccessDeniedError(msg)

    def _move(self, case_id: str, status: str, who: str, note: str | None) -> CaseSummary:
        self._role(who)
        case = self._get(case_id)
        old = case.summary.status
        allowed = REVIEW_TRANSITIONS.get(old) or ALLOWED_TRANSITIONS.get(old, frozenset())
        if status not in allowed and not (status == "draft" and old == "draft"):
            msg = f"case {case_id!r} cannot go from {old!r} to {status!r}"
            raise FakeCaseError(msg)
        claimed = who if status == "claimed" else case.summary.claimed_by
        case.summary = msgspec.structs.replace(case.summary, status=status, claimed_by=claimed)
        case.history.append(StatusChange(at=T0, status=status, actor=who, note=note))  # type: ignore[arg-type]
        self.log.append((case_id, "status_changed", who, status))
        return case.summary

    def queue(self, now: datetime) -> list[CaseSummary]:
        open_work = {"open", "claimed", "needs_context", "draft", "approved", "failed"}
        return [c.summary for c in self.cases.values() if c.summary.status in open_work]

    def detail(
        self, case_id: str, *, reviewer: str, reason: str, now: datetime, reveal_text: bool
    ) -> CaseDetail:
        case = self._get(case_id)
        timeline = case.timeline
        if reveal_text:
            self._role(reviewer)
            self.log.append((case_id, "viewed", reviewer, reason))
            timeline = [msgspec.structs.replace(m, text=case.texts[m.message_id]) for m in timeline]
        media = [
            MediaItem(item_id=k, media_type="image/png", sha256="ab" * 32,
                      classification=case.classes.get(k))
            for k in case.media
        ]  # fmt: skip
        return CaseDetail(
            summary=case.summary, timeline=timeline, media=media,
            history=list(case.history), annotations=list(case.annotations),
        )  # fmt: skip

    def claim(self, case_id: str, *, reviewer: str, now: datetime) -> CaseSummary:
        return self._move(case_id, "claimed", reviewer, None)

    def dismiss(self, case_id: str, *, reviewer: str, reason: str, now: datetime) -> CaseSummary:
        return self._move(case_id, "dismissed", reviewer, reason)

    def escalate(self, case_id: str, *, reviewer: str, reason: str, now: datetime) -> CaseSummary:
        return self._move(case_id, "escalated", reviewer, reason)

    def request_context(
        self, case_id: str, *, reviewer: str, note: str, now: datetime
    ) -> CaseSummary:
        return self._move(case_id, "needs_context", reviewer, note)

    def approve(self, case_id: str, *, reviewer: str, now: datetime) -> CaseSummary:
        return self._move(case_id, "approved", reviewer, None)

    def reject(self, case_id: str, *, reviewer: str, reason: str, now: datetime) -> CaseSummary:
        return self._move(case_id, "rejected", reviewer, reason)

    def rebuild(self, case_id: str, *, reviewer: str, now: datetime) -> CaseSummary:
        return self._move(case_id, "draft", reviewer, "rebuilt")

    def classify(
        self, case_id: str, item_id: str, *, reviewer: str, classification: str, now: datetime
    ) -> None:
        self._role(reviewer)
        case = self._get(case_id)
        case.classes[item_id] = classification
        self.log.append((case_id, "annotated", reviewer, f"{item_id}={classification}"))

    def annotate(self, case_id: str, *, reviewer: str, note: str, now: datetime) -> None:
        self._role(reviewer)
        self._get(case_id).annotations.append(Annotation(at=T0, actor=reviewer, note=note))
        self.log.append((case_id, "annotated", reviewer, "note"))

    def reveal_media(
        self, case_id: str, item_id: str, *, reviewer: str, reason: str, now: datetime
    ) -> bytes:
        self._role(reviewer)
        case = self._get(case_id)
        if item_id not in case.media:
            msg = f"no media item {item_id!r}"
            raise FakeCaseError(msg)
        self.log.append((case_id, "viewed", reviewer, reason))
        return case.media[item_id]

    def preview_media(self, case_id: str, item_id: str, *, reviewer: str, now: datetime) -> bytes:
        self._role(reviewer)
        case = self._get(case_id)
        if item_id not in case.media:
            msg = f"no media item {item_id!r}"
            raise FakeCaseError(msg)
        self.log.append((case_id, "previewed", reviewer, "blurred greyscale preview"))
        return case.media[item_id]
