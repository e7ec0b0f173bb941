"""Items that travel between flow steps (in flight only; never snapshotted)."""

from __future__ import annotations

from msgspec import Struct

from tipline.schemas.decision import Decision
from tipline.schemas.event import MessageEvent
from tipline.schemas.evidence import EvidenceReceipt
from tipline.schemas.hashing import AttachmentVerdict
from tipline.schemas.source import SourcePosition


class Inbound(Struct, frozen=True, kw_only=True):
    """A decoded event with where it came from.

    ``oversized`` is set when the record was over ``input.max_record_bytes``
    but still parsed: it is matched like any event and routed to review.
    """

    event: MessageEvent
    source: SourcePosition
    oversized: bool = False


class Matched(Struct, frozen=True, kw_only=True):
    """An event with one hash-matching verdict per attachment.

    ``media`` holds the bytes read from each URI attachment at first touch
    (what was hashed); it reaches evidence only for decisions that open a case
    and is dropped otherwise, so memory stays bounded.
    """

    event: MessageEvent
    source: SourcePosition
    attachments: list[AttachmentVerdict]
    media: dict[str, bytes] = {}
    oversized: bool = False


class Decided(Struct, frozen=True, kw_only=True):
    """A decision with what evidence packaging needs when it opens a case.

    ``context`` holds the session's preceding messages (decrypted from the
    session's sealed buffer) and ``media`` the URI attachments' bytes read at
    first touch, both only when ``decision.alert`` is true.
    """

    decision: Decision
    event: MessageEvent
    context: list[MessageEvent] = []
    media: dict[str, bytes] = {}


class FollowUps(Struct, frozen=True, kw_only=True):
    """Messages that followed a case, to add to its package in one manifest version."""

    package_id: str
    events: list[MessageEvent]


class Packaged(Struct, frozen=True, kw_only=True):
    """A case whose evidence package is durably stored: the vault's receipt."""

    decided: Decided
    receipt: EvidenceReceipt
