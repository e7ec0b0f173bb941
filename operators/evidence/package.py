"""Package building: items sealed, manifest canonicalised and signed — no I/O.

:func:`build_package` turns a decision, its message, the attachment bytes and
the preceding context into a :class:`PackagePlan`: the vault objects to write
(sealed items, manifest, signature) and the receipt items. Hashes are taken of
the ORIGINAL attachment bytes before anything else touches them, and checked
against the first-touch hashes the matcher recorded (a difference is a custody
exception, raised, never papered over). :func:`build_supplement` adds
following context as manifest version n+1; earlier objects stay untouched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

import msgspec

from tipline.operators.evidence.canonical import Digests, canonical_bytes, digests_of, same_digest
from tipline.operators.evidence.keys import SigningKey, WrappedKey, seal_item
from tipline.schemas.decision import Decision, encode_decision
from tipline.schemas.errors import EvidenceError
from tipline.schemas.event import Attachment, MessageEvent, encode_event
from tipline.schemas.evidence import (
    ContextPosition,
    DecisionSummary,
    EvidenceItemRef,
    EvidenceManifest,
    ItemCipher,
    ItemRole,
    ManifestItem,
    ManifestSignature,
    WrappedKeyRef,
)
from tipline.schemas.hashing import AttachmentVerdict

PACKAGE_NAMESPACE: Final = "tipline.evidence.package/1"
MESSAGE_MEDIA_TYPE: Final = "application/vnd.tipline.message+json"
CONVERSATION_MEDIA_TYPE: Final = "application/vnd.tipline.conversation+json"
_EVENTS_ENC: Final = msgspec.json.Encoder()
DECISION_MEDIA_TYPE: Final = "application/vnd.tipline.decision+json"


def package_id_for(event_id: str) -> str:
    """Return the deterministic package id of a flagged event (idempotency key)."""
    digest = hashlib.sha256(f"{PACKAGE_NAMESPACE}\0{event_id}".encode()).hexdigest()
    return f"pkg-{digest[:32]}"


def manifest_key(package_id: str, version: int) -> str:
    """Vault key of manifest ``version``."""
    return f"packages/{package_id}/manifest/v{version:04d}.json"


def signature_key(package_id: str, version: int) -> str:
    """Vault key of the signature of manifest ``version``."""
    return f"packages/{package_id}/manifest/v{version:04d}.sig.json"


def item_key(package_id: str, item_id: str, variant: str | None = None) -> str:
    """Vault key of one sealed item.

    ``variant`` (a digest of the ciphertext) names an item whose plain key a
    crashed earlier attempt took with other bytes (see ``PlanContext.moved``).
    """
    name = item_id if variant is None else f"{item_id}.{variant}"
    return f"packages/{package_id}/items/{name}.bin"


def _short(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def strip_inline(event: MessageEvent) -> MessageEvent:
    """Return the event without inline attachment bytes (they are separate items)."""
    if not any(a.data_b64 for a in event.attachments):
        return event
    kept = [
        msgspec.structs.replace(a, data_b64=b"") if a.data_b64 is not None else a
        for a in event.attachments
    ]
    return msgspec.structs.replace(event, attachments=kept)


@dataclass(frozen=True, slots=True)
class PlainItem:
    """One item before sealing: its bytes and manifest metadata."""

    item_id: str
    role: ItemRole
    media_type: str
    data: bytes
    digests: Digests
    position: ContextPosition | None = None
    attachment_id: str | None = None
    event_id: str | None = None
    file_name: str | None = None
    source_uri: str | None = None
    sent_at: datetime | None = None
    pdq: str | None = None


@dataclass(frozen=True, slots=True)
class PackagePlan:
    """Everything one package version writes, built without I/O.

    ``objects`` are (vault key, bytes) in write order: sealed items first,
    then the manifest, then its signature (derivable again from the manifest
    bytes, so a retry after a crash rewrites identical bytes).
    """

    package_id: str
    manifest: EvidenceManifest
    manifest_bytes: bytes
    manifest_sha256: str
    objects: list[tuple[str, bytes]]


def _check_first_touch(att: Attachment, digests: Digests, verdict: AttachmentVerdict) -> None:
    for name in ("sha256", "sha1", "md5"):
        recorded = getattr(verdict, name)
        if recorded and not same_digest(recorded, getattr(digests, name)):
            msg = (
                f"attachment {att.attachment_id!r}: bytes hash to {name} "
                f"{getattr(digests, name)} but first touch recorded {recorded} "
                "(expected the same bytes: custody exception)"
            )
            raise EvidenceError(msg)


def first_touch_digests(att: Attachment, data: bytes, verdict: AttachmentVerdict | None) -> Digests:
    """Return the custody hashes of an attachment's original bytes.

    When the matcher recorded all three hashes at first touch, SHA-256 of the
    bytes in hand is recomputed and must equal the recorded one; that proves
    these are the same bytes, so the recorded SHA-1 and MD5 are reused (saves
    ~4 ms on a 2 MB image). Otherwise all three are computed here.

    Raises:
        EvidenceError: the bytes differ from the first-touch record.

    """
    if verdict is not None and verdict.sha256 and verdict.sha1 and verdict.md5:
        sha256 = hashlib.sha256(data).hexdigest()
        if not same_digest(sha256, verdict.sha256):
            msg = (
                f"attachment {att.attachment_id!r}: bytes hash to sha256 {sha256} but first "
                f"touch recorded {verdict.sha256} (expected the same bytes: custody exception)"
            )
            raise EvidenceError(msg)
        return Digests(
            sha256=sha256,
            sha1=verdict.sha1.lower(),
            md5=verdict.md5.lower(),
            size_bytes=len(data),
        )
    digests = digests_of(data)
    if verdict is not None:
        _check_first_touch(att, digests, verdict)
    return digests


def _pdq_of(verdict: AttachmentVerdict | None) -> str | None:
    if verdict is None:
        return None
    return next((h.value for h in verdict.hashes if h.algorithm == "pdq"), None)


def attachment_items(
    decision: Decision, event: MessageEvent, attachments: Mapping[str, bytes]
) -> tuple[list[PlainItem], dict[str, str]]:
    """Hash and wrap every attachment; return items and the unavailable ones."""
    verdicts = {v.attachment_id: v for v in decision.attachments}
    items: list[PlainItem] = []
    unavailable: dict[str, str] = {}
    for att in event.attachments:
        data = att.data_b64 if att.data_b64 is not None else attachments.get(att.attachment_id)
        verdict = verdicts.get(att.attachment_id)
        if data is None:
            unavailable[att.attachment_id] = verdict.status if verdict else "bytes_not_given"
            continue
        digests = first_touch_digests(att, data, verdict)
        items.append(
            PlainItem(
                item_id=f"att-{_short(att.attachment_id)}",
                role="attachment",
                media_type=att.media_type,
                data=data,
                digests=digests,
                attachment_id=att.attachment_id,
                event_id=event.event_id,
                file_name=att.file_name,
                source_uri=att.uri,
                sent_at=event.sent_at.astimezone(UTC),
                pdq=_pdq_of(verdict),
            )
        )
    return items, unavailable


def message_item(
    event: MessageEvent, *, role: ItemRole, position: ContextPosition | None = None
) -> PlainItem:
    """Wrap a message (text, accounts, client details) as an item."""
    data = encode_event(strip_inline(event))
    prefix = "message" if role == "message" else f"ctx-{_short(event.event_id)}"
    return PlainItem(
        item_id=prefix,
        role=role,
        media_type=MESSAGE_MEDIA_TYPE,
        data=data,
        digests=digests_of(data),
        position=position,
        event_id=event.event_id,
        sent_at=event.sent_at.astimezone(UTC),
    )


def conversation_item(events: Sequence[MessageEvent]) -> PlainItem | None:
    """Wrap the preceding messages as ONE item: the bracketing conversation.

    One item (a JSON array in send order) because the CyberTipline takes the
    conversation as one supplemental file, and one object is one write.
    """
    if not events:
        return None
    ordered = sorted(events, key=lambda e: (e.sent_at, e.event_id))
    data = _EVENTS_ENC.encode([strip_inline(e) for e in ordered])
    return PlainItem(
        item_id="context-preceding",
        role="context",
        media_type=CONVERSATION_MEDIA_TYPE,
        data=data,
        digests=digests_of(data),
        position="preceding",
        sent_at=ordered[0].sent_at.astimezone(UTC),
    )


def decision_item(decision: Decision) -> PlainItem:
    """Wrap the full decision (explanation, verdicts, versions) as an item."""
    data = encode_decision(decision)
    return PlainItem(
        item_id="decision",
        role="decision",
        media_type=DECISION_MEDIA_TYPE,
        data=data,
        digests=digests_of(data),
        event_id=decision.event_id,
    )


def seal(
    package_id: str, data_key: bytes, item: PlainItem, *, moved: bool = False
) -> tuple[ManifestItem, bytes]:
    """Encrypt one item; return its manifest entry and the stored object bytes.

    ``moved``: store it under a key that names its ciphertext digest.
    """
    nonce, ciphertext = seal_item(
        data_key,
        package_id=package_id,
        item_id=item.item_id,
        plaintext=item.data,
        plaintext_sha256=item.digests.sha256,
    )
    digest = hashlib.sha256(ciphertext).hexdigest()
    cipher = ItemCipher(
        nonce=nonce.hex(),
        object_key=item_key(package_id, item.item_id, digest[:16] if moved else None),
        ciphertext_sha256=digest,
        ciphertext_size=len(ciphertext),
    )
    entry = ManifestItem(
        item_id=item.item_id,
        role=item.role,
        position=item.position,
        attachment_id=item.attachment_id,
        event_id=item.event_id,
        file_name=item.file_name,
        media_type=item.media_type,
        source_uri=item.source_uri,
        sent_at=item.sent_at,
        size_bytes=item.digests.size_bytes,
        sha256=item.digests.sha256,
        sha1=item.digests.sha1,
        md5=item.digests.md5,
        pdq=item.pdq,
        cipher=cipher,
    )
    return entry, ciphertext


def summarise(decision: Decision) -> DecisionSummary:
    """Return the content-free decision summary recorded in the manifest."""
    versions: dict[str, str] = {}
    for verdict in decision.attachments:
        versions.update(verdict.list_versions)
    return DecisionSummary(
        outcome=decision.decision,
        alert=decision.alert,
        reasons=list(decision.reasons),
        report_type=decision.report_type,
        annotations=list(decision.annotations),
        detector_version=decision.detector_version,
        list_versions=versions,
        decided_at=decision.decided_at.astimezone(UTC),
    )


def key_ref(wrapped: WrappedKey, wrapped_bytes: bytes) -> WrappedKeyRef:
    """Record which master key wrapped the data key (and the wrapped blob's hash)."""
    return WrappedKeyRef(
        master_key_id=wrapped.master_key_id,
        alg=wrapped.alg,
        wrapped_sha256=hashlib.sha256(wrapped_bytes).hexdigest(),
    )


def signature_object(
    signer: SigningKey, package_id: str, version: int, body: bytes
) -> tuple[str, bytes]:
    """Return the signature object of manifest bytes ``body`` (Ed25519 is deterministic)."""
    signature = ManifestSignature(
        key_id=signer.key_id,
        manifest_sha256=hashlib.sha256(body).hexdigest(),
        signature=signer.sign(body),
    )
    return signature_key(package_id, version), canonical_bytes(signature)


def sign_manifest(
    signer: SigningKey, manifest: EvidenceManifest
) -> tuple[bytes, str, list[tuple[str, bytes]]]:
    """Canonicalise and sign; return bytes, SHA-256 and ``[manifest, signature]``."""
    body = canonical_bytes(manifest)
    digest = hashlib.sha256(body).hexdigest()
    objects = [
        (manifest_key(manifest.package_id, manifest.version), body),
        signature_object(signer, manifest.package_id, manifest.version, body),
    ]
    return body, digest, objects


@dataclass(frozen=True, slots=True)
class PackageInputs:
    """What :func:`build_package` needs besides the plain items."""

    package_id: str
    decision: Decision
    event: MessageEvent
    jurisdictions: list[str]
    created_at: datetime
    data_key: bytes
    key: WrappedKeyRef


def build_package(
    inputs: PackageInputs,
    items: Sequence[PlainItem],
    unavailable: Mapping[str, str],
    signer: SigningKey,
    moved: AbstractSet[str] = frozenset(),
) -> PackagePlan:
    """Seal ``items`` and build the signed version-1 manifest (``moved``: see :func:`seal`)."""
    entries, objects = _seal_all(inputs.package_id, inputs.data_key, items, moved)
    event = inputs.event
    manifest = EvidenceManifest(
        package_id=inputs.package_id,
        version=1,
        event_id=event.event_id,
        session_id=event.session_id,
        platform=event.platform,
        sender_id=event.sender.user_id,
        recipient_ids=[r.user_id for r in event.recipients],
        jurisdictions=list(inputs.jurisdictions),
        sent_at=event.sent_at.astimezone(UTC),
        created_at=inputs.created_at.astimezone(UTC),
        decision=summarise(inputs.decision),
        data_key=inputs.key,
        items=entries,
        unavailable=dict(unavailable),
    )
    body, digest, signed = sign_manifest(signer, manifest)
    return PackagePlan(inputs.package_id, manifest, body, digest, objects + signed)


def _seal_all(
    package_id: str,
    data_key: bytes,
    items: Sequence[PlainItem],
    moved: AbstractSet[str] = frozenset(),
) -> tuple[list[ManifestItem], list[tuple[str, bytes]]]:
    entries: list[ManifestItem] = []
    objects: list[tuple[str, bytes]] = []
    for item in items:
        entry, ciphertext = seal(package_id, data_key, item, moved=item.item_id in moved)
        entries.append(entry)
        objects.append((entry.cipher.object_key, ciphertext))
    return entries, objects


def build_supplement(
    previous: EvidenceManifest,
    previous_sha256: str,
    items: Sequence[PlainItem],
    *,
    data_key: bytes,
    signer: SigningKey,
    created_at: datetime,
) -> PackagePlan | None:
    """Build manifest version n+1 with new items; None when all are already in.

    Items already listed (same item id) are skipped, so replaying a following
    message is idempotent.
    """
    known = {i.item_id for i in previous.items}
    fresh = [i for i in items if i.item_id not in known]
    if not fresh:
        return None
    entries, objects = _seal_all(previous.package_id, data_key, fresh)
    manifest = msgspec.structs.replace(
        previous,
        version=previous.version + 1,
        previous_manifest_sha256=previous_sha256,
        created_at=created_at.astimezone(UTC),
        items=[*previous.items, *entries],
    )
    body, digest, signed = sign_manifest(signer, manifest)
    return PackagePlan(previous.package_id, manifest, body, digest, objects + signed)


def receipt_items(manifest: EvidenceManifest) -> list[EvidenceItemRef]:
    """Return the receipt's view of every item (hashes only)."""
    return [
        EvidenceItemRef(
            item_id=i.item_id,
            role=i.role,
            attachment_id=i.attachment_id,
            event_id=i.event_id,
            file_name=i.file_name,
            media_type=i.media_type,
            size_bytes=i.size_bytes,
            sha256=i.sha256,
            sha1=i.sha1,
            md5=i.md5,
            pdq=i.pdq,
            position=i.position,
        )
        for i in manifest.items
    ]


def decode_manifest(raw: bytes) -> EvidenceManifest:
    """Parse a stored manifest."""
    return msgspec.json.decode(raw, type=EvidenceManifest)


def decode_signature(raw: bytes) -> ManifestSignature:
    """Parse a stored manifest signature."""
    return msgspec.json.decode(raw, type=ManifestSignature)
