"""Evidence from a plan: a case and its first-touch bytes become everything one package writes.

:func:`plan_package` is pure. Given the data key, the signer, the retention
rules and the vault's location, it returns a :class:`WritePlan`: the vault
objects in write order (sealed items, manifest v1, its signature), the
manifest and its SHA-256, the retain-until time, the ``packaged`` custody
event and the receipt. The evidence service performs the plan in one pass —
objects, then the custody event (the commit point) — and returns the receipt;
it never comes back here, and no attachment is fetched again (the bytes are
the ones hashed at first touch).

A crash between the manifest and custody event 0 is resumed by planning again
with the manifest already stored (``stored_manifest``): its creation time and
item list are kept, and only the objects whose bytes match what it records are
written again (its signature, items a crash left missing); the items it lists
are never rewritten. A crash after some items and before the manifest leaves
items that a retry may seal to other bytes (the decision record carries the
time it was decided, and a replay decides again): those are named in
``moved`` and stored under a key that names their ciphertext digest, so the
retry never collides with the orphans of a crashed attempt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from tipline.operators.evidence.canonical import sha256_hex
from tipline.operators.evidence.keys import SigningKey
from tipline.operators.evidence.package import (
    PackageInputs,
    PlainItem,
    attachment_items,
    build_package,
    conversation_item,
    decision_item,
    decode_manifest,
    manifest_key,
    message_item,
    package_id_for,
    receipt_items,
    signature_object,
)
from tipline.operators.evidence.retention import package_jurisdictions, policy_until
from tipline.schemas.decision import Decision
from tipline.schemas.errors import EvidenceError
from tipline.schemas.event import MessageEvent
from tipline.schemas.evidence import (
    CustodyAction,
    CustodyEvent,
    EvidenceManifest,
    EvidenceReceipt,
    HoldRecord,
    RetentionConfig,
    WrappedKeyRef,
)

SYSTEM_OPERATOR: Final = "system:tipline"


@dataclass(frozen=True, slots=True)
class PlanContext:
    """What the planner needs besides the case: keys, rules, where, when."""

    data_key: bytes
    key: WrappedKeyRef
    signer: SigningKey
    retention: RetentionConfig
    location: str
    now: datetime
    stored_manifest: bytes | None = None
    moved: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class WritePlan:
    """Everything one package writes, in order, and the receipt it then returns."""

    package_id: str
    objects: list[tuple[str, bytes]]
    manifest: EvidenceManifest
    manifest_sha256: str
    retain_until: datetime
    custody: CustodyEvent
    receipt: EvidenceReceipt


def check_packageable(decision: Decision, event: MessageEvent) -> str:
    """Return the package id of a case, or raise when it cannot be packaged.

    Raises:
        EvidenceError: the decision is ``none`` or belongs to another event.

    """
    if decision.decision == "none" or decision.event_id != event.event_id:
        msg = (
            f"decision {decision.decision!r} for event {decision.event_id!r} cannot be "
            f"packaged with event {event.event_id!r} (expected review/report, same event)"
        )
        raise EvidenceError(msg)
    return package_id_for(event.event_id)


def plan_package(
    decision: Decision,
    event: MessageEvent,
    *,
    attachments: Mapping[str, bytes],
    context: Sequence[MessageEvent],
    ctx: PlanContext,
) -> WritePlan:
    """Plan the package of a flagged message (no I/O).

    Raises:
        EvidenceError: the decision cannot be packaged, or bytes differ from first touch.

    """
    pid = check_packageable(decision, event)
    stored = decode_manifest(ctx.stored_manifest) if ctx.stored_manifest is not None else None
    created = stored.created_at if stored is not None else ctx.now
    att_items, unavailable = attachment_items(decision, event, attachments)
    items: list[PlainItem] = [*att_items, message_item(event, role="message")]
    conversation = conversation_item([c for c in context if c.event_id != event.event_id])
    items += [conversation] if conversation else []
    items.append(decision_item(decision))
    countries = [event.sender.country, *(r.country for r in event.recipients)]
    inputs = PackageInputs(
        package_id=pid,
        decision=decision,
        event=event,
        jurisdictions=package_jurisdictions(ctx.retention.home_jurisdictions, countries),
        created_at=created,
        data_key=ctx.data_key,
        key=ctx.key,
    )
    built = build_package(inputs, items, unavailable, ctx.signer, ctx.moved)
    if stored is None or ctx.stored_manifest is None:
        manifest, body, objects = built.manifest, built.manifest_bytes, built.objects
    else:  # resumed: keep the stored manifest, re-create only what matches its record
        manifest, body = stored, ctx.stored_manifest
        listed = {i.cipher.object_key: i.cipher.ciphertext_sha256 for i in manifest.items}
        objects = [o for o in built.objects if listed.get(o[0]) == sha256_hex(o[1])]
        objects.append(signature_object(ctx.signer, pid, 1, body))
    digest = sha256_hex(body)
    until = policy_until(
        ctx.retention,
        jurisdictions=manifest.jurisdictions,
        outcome=manifest.decision.outcome,
        packaged_at=manifest.created_at,
        submitted_at=None,
    )
    custody = new_event(
        pid,
        "packaged",
        ctx.now,
        until,
        manifest_sha256=digest,
        item_ids=[i.item_id for i in manifest.items],
    )
    receipt = make_receipt(manifest, digest, until, location=ctx.location, signer=ctx.signer)
    return WritePlan(pid, objects, manifest, digest, until, custody, receipt)


def make_receipt(
    manifest: EvidenceManifest,
    digest: str,
    until: datetime,
    *,
    location: str,
    signer: SigningKey,
) -> EvidenceReceipt:
    """Return the receipt of a manifest version stored at vault ``location``."""
    key = manifest_key(manifest.package_id, manifest.version)
    return EvidenceReceipt(
        package_id=manifest.package_id,
        event_id=manifest.event_id,
        session_id=manifest.session_id,
        manifest_sha256=digest,
        location=f"{location.rstrip('/')}/{key}",
        stored_at=manifest.created_at,
        retain_until=until,
        items=receipt_items(manifest),
        manifest_version=manifest.version,
        signing_key_id=signer.key_id,
    )


def new_event(
    package_id: str,
    action: CustodyAction,
    at: datetime,
    until: datetime,
    *,
    operator: str = SYSTEM_OPERATOR,
    reason: str | None = None,
    request_id: str | None = None,
    item_ids: list[str] | None = None,
    manifest_sha256: str | None = None,
    hold: HoldRecord | None = None,
    details: dict[str, str] | None = None,
) -> CustodyEvent:
    """Return a custody event before it is chained (``seq`` and ``prev_sha256`` unset)."""
    return CustodyEvent(
        package_id=package_id,
        seq=-1,
        prev_sha256="",
        at=at.astimezone(UTC),
        action=action,
        operator=operator,
        reason=reason,
        request_id=request_id,
        item_ids=item_ids or [],
        manifest_sha256=manifest_sha256,
        hold=hold,
        retain_until=until,
        details=details or {},
    )
