"""Evidence records: manifests, receipts, holds and custody events."""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

from msgspec import Struct

from schemas.section import Section

EVIDENCE_RECEIPT_SCHEMA: Final = "tipline.evidence_receipt/1"


class EvidenceConfig(Section):
    """The evidence vault backend and where it lives."""

    enabled: bool = True
    backend: Literal["local", "s3"] = "local"
    path: str = "out/demo/vault"


class EvidenceItemRef(Struct, frozen=True, kw_only=True):
    """What a receipt says about one packaged item (hashes only, no content).

    ``role`` is ``attachment`` (original media), ``message`` (the triggering
    message), ``context`` (bracketing messages, supplemental) or ``decision``.
    """

    item_id: str
    role: str
    attachment_id: str | None = None
    event_id: str | None = None
    file_name: str | None = None
    media_type: str | None = None
    size_bytes: int
    sha256: str
    sha1: str
    md5: str
    pdq: str | None = None


class EvidenceReceipt(Struct, frozen=True, kw_only=True):
    """Proof that a package is durably stored; downstream steps consume this.

    Alerts and report drafts are built from a receipt, never from a bare
    decision (invariant 2: evidence first).
    """

    schema: Literal["tipline.evidence_receipt/1"] = EVIDENCE_RECEIPT_SCHEMA
    package_id: str
    event_id: str
    session_id: str
    manifest_sha256: str
    location: str
    stored_at: datetime
    retain_until: datetime
    items: list[EvidenceItemRef] = []
