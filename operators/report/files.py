"""One :class:`~tipline.schemas.report.FileDraft` per evidence item NCMEC should receive.

* ``attachment`` items: ``Reported`` when the attachment matched a hash list
  or a reviewer classified it, otherwise ``Supplemental Reported``.
  ``industryClassification`` is the reviewer's classification when there is
  one, else the most severe list category among A1, A2, B1, B2 (Reported
  files only).
* ``context`` items (the bracketing conversation, read from the vault at
  submission time): ``Supplemental Reported``.
* ``message`` and ``decision`` items are internal and are not uploaded.

Invariant: ``viewed_by`` comes only from the custody log, so
``fileViewedByEsp`` is true only when a person actually viewed the item.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping, Sequence
from typing import Final

import msgspec

from tipline.operators.report.file_xml import preview_file_details
from tipline.schemas.decision import Decision
from tipline.schemas.event import MessageEvent
from tipline.schemas.evidence import EvidenceItemRef, EvidenceReceipt
from tipline.schemas.hashing import AttachmentVerdict, HashMatch
from tipline.schemas.report import FileDraft, FileRelevance, ReportsConfig, Viewer

CLASSIFICATIONS: Final = ("A1", "A2", "B1", "B2")
UPLOADED_ROLES: Final = ("attachment", "context")


def _classification(matches: Sequence[HashMatch]) -> str | None:
    found = {(m.category or "").upper() for m in matches}
    return next((c for c in CLASSIFICATIONS if c in found), None)


def _file_name(item: EvidenceItemRef) -> str:
    if item.file_name:
        return item.file_name
    ext = mimetypes.guess_extension(item.media_type or "") or ".bin"
    stem = "conversation" if item.role == "context" else "file"
    return f"{stem}-{item.item_id}{ext}"


def _context_note(item: EvidenceItemRef, receipt: EvidenceReceipt) -> str:
    where = f" ({item.position} messages)" if item.position else ""
    return (
        f"Conversation context{where} of chat session {receipt.session_id}: message ids,"
        f" senders, send times and message text, exported from evidence package"
        f" {receipt.package_id}."
    )


def _file(
    item: EvidenceItemRef,
    *,
    receipt: EvidenceReceipt,
    verdict: AttachmentVerdict | None,
    event: MessageEvent,
    cfg: ReportsConfig,
    viewed: Sequence[Viewer],
    reviewed: str | None = None,
) -> FileDraft:
    is_attachment = item.role == "attachment"
    matches = list(verdict.matches) if verdict else []
    reviewed = reviewed if is_attachment and reviewed in CLASSIFICATIONS else None
    relevance: FileRelevance = "Reported" if matches or reviewed else "Supplemental Reported"
    client = event.client if is_attachment else None
    draft = FileDraft(
        item_id=item.item_id,
        role=item.role,
        relevance=relevance,
        file_name=_file_name(item),
        original_file_name=item.file_name,
        media_type=item.media_type,
        size_bytes=item.size_bytes,
        sha256=item.sha256,
        sha1=item.sha1,
        md5=item.md5,
        pdq=item.pdq,
        uploaded_to_esp_at=event.sent_at if is_attachment else None,
        upload_ip=client.ip if client else None,
        upload_port=client.port if client else None,
        publicly_available=cfg.publicly_available if is_attachment else False,
        industry_classification=(
            reviewed or _classification(matches) if relevance == "Reported" else None
        ),
        viewed_by=list(viewed),
        matches=matches,
        additional_info=None if is_attachment else _context_note(item, receipt),
    )
    return msgspec.structs.replace(draft, details_xml=preview_file_details(draft))


def build_files(
    receipt: EvidenceReceipt,
    decision: Decision,
    event: MessageEvent,
    cfg: ReportsConfig,
    viewers: Mapping[str, Sequence[Viewer]],
    *,
    classifications: Mapping[str, str] | None = None,
) -> list[FileDraft]:
    """Return the files of a report: Reported attachments first, then supplemental files."""
    verdicts = {v.attachment_id: v for v in decision.attachments}
    files = [
        _file(
            item,
            receipt=receipt,
            verdict=verdicts.get(item.attachment_id or ""),
            event=event,
            cfg=cfg,
            viewed=viewers.get(item.item_id, ()),
            reviewed=(classifications or {}).get(item.item_id),
        )
        for item in receipt.items
        if item.role in UPLOADED_ROLES
    ]
    return sorted(files, key=lambda f: (f.relevance != "Reported", f.role != "attachment"))
