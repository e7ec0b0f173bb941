"""Packaging: a flagged message becomes a sealed, signed package with custody event 0.

Write order of a package (a crash at any point is resumed by a retry): wrapped
data key → sealed items → manifest v1 → its signature → custody event 0
(the commit point) → checkpoint.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from tipline.operators.evidence.canonical import sha256_hex
from tipline.operators.evidence.custody import (
    event_key,
)
from tipline.operators.evidence.keys import (
    decode_wrapped,
    encode_wrapped,
)
from tipline.operators.evidence.package import (
    PackageInputs,
    PackagePlan,
    PlainItem,
    attachment_items,
    build_package,
    build_supplement,
    conversation_item,
    decision_item,
    decode_manifest,
    key_ref,
    manifest_key,
    message_item,
    package_id_for,
    signature_object,
)
from tipline.operators.evidence.retention import (
    package_jurisdictions,
)
from tipline.schemas.decision import Decision
from tipline.schemas.errors import (
    EvidenceError,
    VaultWriteError,
)
from tipline.schemas.event import MessageEvent
from tipline.schemas.evidence import (
    EvidenceReceipt,
    WrappedKeyRef,
)
from tipline.services.evidence.base import ServiceBase, _current_retention, _event


class PackagingMixin(ServiceBase):
    """Packages a flagged message and adds following context."""

    def package(
        self,
        decision: Decision,
        event: MessageEvent,
        *,
        attachments: Mapping[str, bytes],
        context: Sequence[MessageEvent],
        now: datetime,
    ) -> EvidenceReceipt:
        """Package a flagged message durably and return its receipt.

        Raises:
            EvidenceError: the decision is ``none`` or bytes differ from first touch.
            VaultWriteError: the package could not be made durable.

        """
        if decision.decision == "none" or decision.event_id != event.event_id:
            msg = (
                f"decision {decision.decision!r} for event {decision.event_id!r} cannot be "
                f"packaged with event {event.event_id!r} (expected review/report, same event)"
            )
            raise EvidenceError(msg)
        pid = package_id_for(event.event_id)
        if self.vault.exists(event_key(pid, 0)):
            return self.receipt(pid)
        data_key, ref = self._data_key(pid)
        if self.vault.exists(manifest_key(pid, 1)):
            # resumed after a crash: keep the stored manifest, re-create what it lists
            body = self.vault.get(manifest_key(pid, 1))
            manifest = decode_manifest(body)
            plan = self._plan(
                pid,
                decision,
                event,
                attachments=attachments,
                context=context,
                now=manifest.created_at,
                data_key=data_key,
                ref=ref,
            )
            listed = {i.cipher.object_key for i in manifest.items}
            objects = [o for o in plan.objects if o[0] in listed]
            objects.append(signature_object(self.keys.signer, pid, 1, body))
        else:
            plan = self._plan(
                pid,
                decision,
                event,
                attachments=attachments,
                context=context,
                now=now,
                data_key=data_key,
                ref=ref,
            )
            manifest, body, objects = plan.manifest, plan.manifest_bytes, plan.objects
        digest = sha256_hex(body)
        until = self._policy(manifest, submitted_at=None)
        self.vault.put_objects(objects, retain_until=until)
        self._append(
            pid,
            _event(
                pid,
                "packaged",
                now,
                until,
                manifest_sha256=digest,
                item_ids=[i.item_id for i in manifest.items],
            ),
            prev=None,
        )
        return self._receipt(manifest, digest, until)

    def _plan(
        self,
        pid: str,
        decision: Decision,
        event: MessageEvent,
        *,
        attachments: Mapping[str, bytes],
        context: Sequence[MessageEvent],
        now: datetime,
        data_key: bytes,
        ref: WrappedKeyRef,
    ) -> PackagePlan:
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
            jurisdictions=package_jurisdictions(self.cfg.retention.home_jurisdictions, countries),
            created_at=now,
            data_key=data_key,
            key=ref,
        )
        return build_package(inputs, items, unavailable, self.keys.signer)

    def _data_key(self, pid: str) -> tuple[bytes, WrappedKeyRef]:
        stored = self.key_store.get(pid)
        if stored is None:
            _, wrapped = self.keys.provider.generate(package_id=pid)
            if not self.key_store.put(pid, encode_wrapped(wrapped)):
                stored = self.key_store.get(pid)
            else:
                stored = encode_wrapped(wrapped)
        if stored is None:
            msg = f"key store {self.key_store.location} lost the key of {pid!r} during write"
            raise VaultWriteError(msg)
        wrapped = decode_wrapped(stored)
        return self.keys.provider.unwrap(wrapped), key_ref(wrapped, stored)

    def add_context(self, package_id: str, event: MessageEvent, now: datetime) -> EvidenceReceipt:
        """Add a following message as a supplemental item (manifest version n+1).

        Idempotent: an event already in the package changes nothing.
        """
        return self.add_contexts(package_id, [event], now)

    def add_contexts(
        self, package_id: str, events: Sequence[MessageEvent], now: datetime
    ) -> EvidenceReceipt:
        """Add following messages as supplemental items in one manifest version.

        One signed manifest, one write and one custody event for the batch.
        Idempotent: events already in the package are skipped.
        """
        manifest, digest = self.latest_manifest(package_id)
        data_key = self._require_key(package_id)
        items = [message_item(e, role="context", position="following") for e in events]
        plan = build_supplement(
            manifest, digest, items, data_key=data_key, signer=self.keys.signer, created_at=now
        )
        if plan is None:
            return self.receipt(package_id)
        log = self.custody_log(package_id)
        until = _current_retention(log)
        self.vault.put_objects(plan.objects, retain_until=until)
        self._append(
            package_id,
            _event(
                package_id,
                "context_added",
                now,
                until,
                manifest_sha256=plan.manifest_sha256,
                item_ids=[i.item_id for i in items],
            ),
            prev=log[-1],
        )
        return self._receipt(plan.manifest, plan.manifest_sha256, until)
