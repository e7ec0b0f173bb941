"""Group supplements: following messages of many packages added with one group commit.

:meth:`GroupSupplementMixin.add_contexts_many` does what
:meth:`~tipline.services.evidence.packaging.PackagingMixin.add_contexts` does
for one package, for many at once: one new manifest version per package, its
sealed items, then its ``context_added`` custody event, as the phases
items → manifest + signature → custody events of one
:meth:`~tipline.sinks.vault.Vault.commit_phases` call (checkpoints, when one
is due, in a second). A custody append is a conditional create: if an
operator's custody event took the sequence number first, that package's
event is appended after the commit by the one-package path (re-read the
head, retry), never overwritten.

Redo after a crash: items are keyed by event id (identical bytes), so a
retry re-creates nothing it stored; a manifest version stored without its
custody event (killed in between) gets that event on the retry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tipline.operators.evidence.custody import (
    chain_event,
    checkpoint_key,
    event_key,
    make_checkpoint,
    wants_checkpoint,
)
from tipline.operators.evidence.package import (
    PackagePlan,
    build_supplement,
    manifest_key,
    message_item,
    signature_key,
)
from tipline.schemas.event import MessageEvent
from tipline.schemas.evidence import CustodyEvent, EvidenceReceipt
from tipline.services.evidence.base import ServiceBase, _current_retention, _event
from tipline.sinks.vault import VaultWrite

Outcome = EvidenceReceipt | Exception


@dataclass(frozen=True, slots=True)
class _Pending:
    index: int
    plan: PackagePlan
    until: datetime
    event: CustodyEvent  # chained after the head read before the commit
    raw: bytes


class GroupSupplementMixin(ServiceBase):
    """Adds following context to many packages with one group commit."""

    def add_contexts_many(
        self, batches: Sequence[tuple[str, Sequence[MessageEvent]]], now: datetime
    ) -> list[Outcome]:
        """Add each package's following messages; its receipt or its own error, in order.

        Idempotent per package: messages already in it are skipped.

        Raises:
            VaultWriteError: (or another storage error) the batch could not be
                made durable; a retry completes it.

        """
        out: list[Outcome | None] = [None] * len(batches)
        pending: list[_Pending] = []
        for i, (pid, events) in enumerate(batches):
            try:
                step = self._supplement(i, pid, events, now)
            except Exception as exc:  # per package: missing, key destroyed, …
                out[i] = exc
                continue
            if isinstance(step, _Pending):
                pending.append(step)
            else:
                out[i] = step
        self._commit_supplements(pending)
        for p in pending:
            out[p.index] = self._receipt(p.plan.manifest, p.plan.manifest_sha256, p.until)
        return [o if o is not None else self.receipt(batches[i][0]) for i, o in enumerate(out)]

    def _supplement(
        self, index: int, pid: str, events: Sequence[MessageEvent], now: datetime
    ) -> _Pending | EvidenceReceipt | None:
        """Plan one package's supplement; None when only a missing custody event was due."""
        manifest, digest = self.latest_manifest(pid)
        log = self.custody_log(pid)
        until = _current_retention(log)
        items = [message_item(e, role="context", position="following") for e in events]
        plan = build_supplement(
            manifest,
            digest,
            items,
            data_key=self._require_key(pid),
            signer=self.keys.signer,
            created_at=now,
        )
        if plan is None:
            if not any(e.manifest_sha256 == digest for e in log):  # killed before its event
                listed = {i.item_id for i in manifest.items}
                ids = [i.item_id for i in items if i.item_id in listed]
                self._append(pid, self._added(pid, now, until, digest, ids), prev=log[-1])
                return None
            return self._receipt(manifest, digest, until)
        event = self._added(pid, now, until, plan.manifest_sha256, [i.item_id for i in items])
        linked, raw = chain_event(event, prev=log[-1])
        return _Pending(index, plan, until, linked, raw)

    @staticmethod
    def _added(
        pid: str, now: datetime, until: datetime, digest: str, item_ids: list[str]
    ) -> CustodyEvent:
        return _event(pid, "context_added", now, until, manifest_sha256=digest, item_ids=item_ids)

    def _commit_supplements(self, pending: list[_Pending]) -> None:
        if not pending:
            return
        items: list[VaultWrite] = []
        signed: list[VaultWrite] = []
        custody: list[VaultWrite] = []
        for p in pending:
            pid, version = p.plan.package_id, p.plan.manifest.version
            tail = {manifest_key(pid, version), signature_key(pid, version)}
            for key, data in p.plan.objects:
                (signed if key in tail else items).append(VaultWrite(key, data, p.until))
            key = event_key(pid, p.event.seq)
            custody.append(VaultWrite(key, p.raw, p.event.retain_until, conditional=True))
        created = self.vault.commit_phases([items, signed, custody])[2]
        marks: list[VaultWrite] = []
        for p, ok in zip(pending, created, strict=True):
            pid = p.plan.package_id
            if not ok:  # an operator's event took this seq: append after the new head
                self._append(pid, p.event, prev=self.custody_log(pid)[-1])
            elif wants_checkpoint(p.event, self.cfg.custody.checkpoint_every):
                mark = make_checkpoint(self.keys.signer, p.raw, p.event)
                marks.append(
                    VaultWrite(checkpoint_key(pid, p.event.seq), mark, p.event.retain_until)
                )
        if marks:
            self.vault.commit_phases([marks])
