"""Evidence records: manifests, receipts, holds and custody events."""

from __future__ import annotations

from typing import Final, Literal

from msgspec import Struct

from schemas.section import Section

EVIDENCE_RECEIPT_SCHEMA: Final = "tipline.evidence_receipt/1"


class EvidenceConfig(Section):
    """The evidence vault backend and where it lives."""

    enabled: bool = True
    backend: Literal["local", "s3"] = "local"
    path: str = "out/demo/vault"


class EvidenceReceipt(Struct, frozen=True, kw_only=True):
    """Proof that a package is durably stored; downstream steps consume this."""

    schema: Literal["tipline.evidence_receipt/1"] = EVIDENCE_RECEIPT_SCHEMA
    package_id: str
    event_id: str
    session_id: str
    manifest_sha256: str
    location: str
