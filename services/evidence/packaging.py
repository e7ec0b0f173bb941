"""Packaging: a flagged message becomes a sealed, signed package with custody event 0.

The work is planned by the pure :func:`tipline.operators.evidence.plan.plan_package`;
this part only gathers the plan's inputs (the data key, a manifest already
stored by a crashed attempt) and performs the plan in one pass. Write order
(a crash at any point is resumed by a retry): wrapped data key → sealed items
→ manifest v1 → its signature → custody event 0 (the commit point) → checkpoint.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import datetime

from tipline.operators.evidence.custody import event_key
from tipline.operators.evidence.keys import decode_wrapped, encode_wrapped
from tipline.operators.evidence.package import build_supplement, key_ref, manifest_key, message_item
from tipline.operators.evidence.plan import check_packageable, plan_package
from tipline.schemas.decision import Decision
from tipline.schemas.errors import VaultWriteError
from tipline.schemas.event import MessageEvent
from tipline.schemas.evidence import EvidenceReceipt, WrappedKeyRef
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
        pid = check_packageable(decision, event)
        if self.vault.exists(event_key(pid, 0)):
            return self.receipt(pid)
        data_key, ref, resumed = self._data_key(pid)
        stored = manifest_key(pid, 1)
        ctx = self._plan_context(
            data_key, ref, now, self.vault.get(stored) if self.vault.exists(stored) else None
        )
        plan = plan_package(decision, event, attachments=attachments, context=context, ctx=ctx)
        moved = self._orphans(plan) if resumed and ctx.stored_manifest is None else None
        if moved:  # a crashed attempt left items with other bytes (see plan.py)
            ctx = dataclasses.replace(ctx, moved=moved)
            plan = plan_package(decision, event, attachments=attachments, context=context, ctx=ctx)
        self.vault.put_objects(plan.objects, retain_until=plan.retain_until)
        self._append(pid, plan.custody, prev=None)
        return plan.receipt

    def _data_key(self, pid: str) -> tuple[bytes, WrappedKeyRef, bool]:
        """Return the package's data key, its reference, and whether it was stored before."""
        stored = self.key_store.get(pid)
        resumed = stored is not None
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
        return self.keys.provider.unwrap(wrapped), key_ref(wrapped, stored), resumed

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
