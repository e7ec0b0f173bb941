"""Review cases: the reviewer's unit of work, from queue to a finished report or dismissal.

One case per evidence package: ``case_id`` = ``package_id`` (= ``draft_id`` once a
draft exists), so a replay opens the same case and escalation never creates a
second package.

* ``kind`` ``review``: a ``review`` decision. Statuses ``open`` → ``claimed`` →
  ``needs_context`` | ``dismissed`` (false positive, reason required) |
  ``escalated`` (a report draft is built with the same id).
* ``kind`` ``report``: a ``report`` decision; the draft exists from the start.

Once a case has a draft, its displayed status is the draft's (``draft``,
``approved``, ``rejected``, ``submitted``, ``finished``, ``failed``; a
``retracted`` draft shows as ``failed``: it needs a new submission).

Invariants: a case record carries ids, hashes, account facts, times and
signal names, never message text or media (``CaseRecord.event`` has its text
and inline bytes removed). Every status change is a :class:`StatusChange` in
``history`` AND a ``status_changed`` custody event of the package.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

import msgspec
from msgspec import Struct

from tipline.schemas.decision import Decision
from tipline.schemas.event import MessageEvent
from tipline.schemas.report import TimelineEntry

CASE_SCHEMA: Final = "tipline.case/1"
OUTCOME_SCHEMA: Final = "tipline.review_outcome/1"

CaseKind = Literal["review", "report"]
CaseStatus = Literal[
    "open",
    "claimed",
    "needs_context",
    "dismissed",
    "escalated",
    "draft",
    "approved",
    "rejected",
    "submitted",
    "finished",
    "failed",
]
Classification = Literal["A1", "A2", "B1", "B2"]
CLASSIFICATIONS: Final = ("A1", "A2", "B1", "B2")

#: Review-case statuses a reviewer may move between (drafts follow
#: :data:`tipline.schemas.report.ALLOWED_TRANSITIONS`).
REVIEW_TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    "open": frozenset({"claimed", "dismissed", "escalated", "needs_context"}),
    "claimed": frozenset({"dismissed", "escalated", "needs_context"}),
    "needs_context": frozenset({"claimed", "dismissed", "escalated", "needs_context"}),
    "dismissed": frozenset(),
    "escalated": frozenset(),
}

#: Statuses that still need a person (the queue).
#: ``escalated`` shows only while its draft is missing (a crash mid-escalation).
OPEN_WORK: Final = frozenset(
    {"open", "claimed", "needs_context", "escalated", "draft", "approved", "failed"}
)


class StatusChange(Struct, frozen=True, kw_only=True):
    """One status change of a case (also a custody event of its package)."""

    at: datetime
    status: CaseStatus
    actor: str
    note: str | None = None


class Annotation(Struct, frozen=True, kw_only=True):
    """A reviewer's note on a case (never quotes content), or a file classification."""

    at: datetime
    actor: str
    note: str
    item_id: str | None = None


class CaseSummary(Struct, frozen=True, kw_only=True):
    """One line of the queue."""

    case_id: str
    kind: CaseKind
    status: CaseStatus
    deadline: datetime
    opened_at: datetime
    session_id: str
    event_id: str
    package_id: str | None
    draft_id: str | None
    claimed_by: str | None
    reasons: list[str]


class TimelineMessage(Struct, frozen=True, kw_only=True):
    """One message of the case's conversation; ``text`` only after a logged reveal."""

    message_id: str
    sender_id: str
    sent_at: datetime
    cues: list[str]
    trigger: bool
    following: bool
    text: str | None


class MediaItem(Struct, frozen=True, kw_only=True):
    """One evidence file of the case (no bytes)."""

    item_id: str
    media_type: str
    sha256: str
    classification: str | None


class CaseDetail(Struct, frozen=True, kw_only=True):
    """Everything a case page shows."""

    summary: CaseSummary
    timeline: list[TimelineMessage]
    media: list[MediaItem]
    history: list[StatusChange]
    annotations: list[Annotation]


class CaseRecord(Struct, frozen=True, kw_only=True):
    """A case as stored by :class:`tipline.sinks.cases.CasesSink` (``case.json``).

    ``status`` is the review status (``open`` … ``escalated``) for review
    cases and ``draft`` for report cases; the draft store owns a draft's
    status. ``decision`` and ``event`` (text and inline bytes removed) let a
    draft be built or rebuilt without reading the vault; ``context`` is the
    content-free timeline of the preceding messages.
    """

    schema: Literal["tipline.case/1"] = CASE_SCHEMA
    case_id: str
    kind: CaseKind
    status: CaseStatus
    opened_at: datetime
    deadline: datetime
    session_id: str
    event_id: str
    package_id: str
    draft_id: str | None = None
    claimed_by: str | None = None
    reasons: list[str] = []
    decision: Decision | None = None
    event: MessageEvent | None = None
    context: list[TimelineEntry] = []
    history: list[StatusChange] = []
    annotations: list[Annotation] = []
    classifications: dict[str, str] = {}


class ReviewOutcome(Struct, frozen=True, kw_only=True):
    """A reviewer's verdict on a case, one JSON line of ``outcomes.jsonl``.

    The line is also a docs/contract.md §3 session label (``kind``,
    ``session_id``, ``positive``), so ``tipline calibrate --labels`` reads the
    file as is; appeals look a dismissal up by ``event_id``. ``reason`` is the
    reviewer's reason code or short note, never message content.
    """

    schema: Literal["tipline.review_outcome/1"] = OUTCOME_SCHEMA
    kind: Literal["session"] = "session"
    session_id: str
    positive: bool
    outcome: Literal["false_positive", "escalated", "rejected", "approved"]
    case_id: str
    event_id: str
    reasons: list[str] = []
    reason: str
    reviewer: str
    at: datetime


_ENC: Final = msgspec.json.Encoder()
_CASE_DEC: Final = msgspec.json.Decoder(CaseRecord)
_OUTCOME_DEC: Final = msgspec.json.Decoder(ReviewOutcome)


def encode_case(record: CaseRecord) -> bytes:
    """Encode a case record as pretty JSON."""
    return msgspec.json.format(_ENC.encode(record), indent=2)


def decode_case(raw: bytes) -> CaseRecord:
    """Decode one ``case.json``."""
    return _CASE_DEC.decode(raw)


def encode_outcome(outcome: ReviewOutcome) -> bytes:
    """Encode one outcome line (without newline)."""
    return _ENC.encode(outcome)


def decode_outcome(raw: bytes) -> ReviewOutcome:
    """Decode one outcome line."""
    return _OUTCOME_DEC.decode(raw)
