"""Group packaging: the cases of one flow batch become packages with one group commit.

:meth:`GroupPackagingMixin.package_many` does what
:meth:`~tipline.services.evidence.packaging.PackagingMixin.package` does for
one case, for many at once, keeping its write order as phases of one commit:

1. wrapped data keys (``KeyStore.put_many``: durable before any object exists);
2. sealed items of every package;
3. manifest v1 and its signature;
4. custody event 0 of every package (the commit point);
5. its signed checkpoint.

Nothing of a phase exists before the earlier phases are durable
(:meth:`~tipline.sinks.vault.Vault.commit_phases`), and the receipts are
returned only after the last phase is durable: evidence first holds per case.
On the local vault that is two syncs for the keys and five for the objects,
whatever the number of packages (:class:`~tipline.sinks.durable.WriteGroup`).

Crash safety: package ids derive from event ids and every write is an
idempotent create (identical bytes accepted), so a batch interrupted anywhere
is redone by the retry after restart: a package whose custody event 0 exists
returns its stored receipt (and gets the checkpoint a crash right after its
commit point left unwritten), one whose manifest exists is re-planned from it
(:func:`~tipline.operators.evidence.plan.plan_package`), and a key written
before the crash is reused.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from tipline.operators.evidence.custody import (
    chain_event,
    checkpoint_key,
    decode_event,
    event_key,
    make_checkpoint,
    wants_checkpoint,
)
from tipline.operators.evidence.keys import decode_wrapped, encode_wrapped
from tipline.operators.evidence.package import key_ref, manifest_key, signature_key
from tipline.operators.evidence.plan import PlanContext, WritePlan, check_packageable, plan_package
from tipline.schemas.decision import Decision
from tipline.schemas.errors import VaultWriteError
from tipline.schemas.event import MessageEvent
from tipline.schemas.evidence import EvidenceReceipt, WrappedKeyRef
from tipline.services.evidence.base import ServiceBase
from tipline.sinks.vault import VaultWrite

Outcome = EvidenceReceipt | Exception


@dataclass(frozen=True, slots=True)
class Case:
    """What one package is made of (the arguments of ``EvidenceService.package``)."""

    decision: Decision
    event: MessageEvent
    attachments: Mapping[str, bytes]
    context: Sequence[MessageEvent]


class GroupPackagingMixin(ServiceBase):
    """Packages many cases with one group commit."""

    def package_many(self, cases: Sequence[Case], now: datetime) -> list[Outcome]:
        """Package every case durably; return its receipt or its own error, in input order.

        A case that cannot be packaged (a ``none`` decision, bytes that differ
        from first touch, any error planning it alone) gets that exception in
        its place and the others go on. A case whose event repeats an earlier
        one of the batch gets the same receipt.

        Raises:
            VaultWriteError: (or another storage or key error) the batch could
                not be made durable; no receipt of it exists, and a retry
                completes it.

        """
        firsts: dict[str, int] = {}
        out: list[Outcome | None] = [None] * len(cases)
        for i, case in enumerate(cases):
            try:
                firsts.setdefault(check_packageable(case.decision, case.event), i)
            except Exception as exc:  # per case; the caller classifies it
                out[i] = exc
        todo, repairs = self._committed(firsts, out)
        plans = self._plan_all(cases, todo, out, now)
        phases = self._phases(plans)
        phases[-1][:0] = repairs
        if any(phases):
            self.vault.commit_phases(phases)
        for i, plan in plans.items():
            out[i] = plan.receipt
        done: list[Outcome] = []
        for i, case in enumerate(cases):
            result = out[i]
            if result is None:  # a repeat of an earlier case of this batch
                result = out[firsts[check_packageable(case.decision, case.event)]]
            if result is None:
                msg = f"case {i} of the batch got no outcome"
                raise RuntimeError(msg)
            done.append(result)
        return done

    def _committed(
        self, firsts: dict[str, int], out: list[Outcome | None]
    ) -> tuple[dict[str, int], list[VaultWrite]]:
        """Fill in the receipts of packages committed already; return the others.

        Also returns the checkpoints that a crash right after a commit point
        left unwritten (custody event 0 stored, its checkpoint not), so the
        redo completes those packages too.
        """
        pids = list(firsts)
        committed = self.vault.read_many([event_key(pid, 0) for pid in pids])
        todo = {pid: firsts[pid] for pid, raw in zip(pids, committed, strict=True) if raw is None}
        stored = {pid: raw for pid, raw in zip(pids, committed, strict=True) if raw is not None}
        marks = self.vault.read_many([checkpoint_key(pid, 0) for pid in stored])
        repairs: list[VaultWrite] = []
        for (pid, raw), mark in zip(stored.items(), marks, strict=True):
            out[firsts[pid]] = self.receipt(pid)
            event = decode_event(raw)
            if mark is None and wants_checkpoint(event, self.cfg.custody.checkpoint_every):
                signed = make_checkpoint(self.keys.signer, raw, event)
                repairs.append(VaultWrite(checkpoint_key(pid, 0), signed, event.retain_until))
        return todo, repairs

    def _plan_all(
        self,
        cases: Sequence[Case],
        todo: dict[str, int],
        out: list[Outcome | None],
        now: datetime,
    ) -> dict[int, WritePlan]:
        """Plan every package still to write (no I/O but the reads its plan needs)."""
        pids = list(todo)
        keys = self._data_keys(pids)
        stored = self.vault.read_many([manifest_key(pid, 1) for pid in pids])
        plans: dict[int, WritePlan] = {}
        for pid, (data_key, ref, resumed), manifest in zip(pids, keys, stored, strict=True):
            i = todo[pid]
            ctx = self._plan_context(data_key, ref, now, manifest)
            try:
                plans[i] = self._plan(cases[i], ctx, resumed=resumed)
            except Exception as exc:  # per case (e.g. bytes differ from first touch)
                out[i] = exc
        return plans

    def _plan(self, case: Case, ctx: PlanContext, *, resumed: bool) -> WritePlan:
        """Plan one package; a resumed one moves items a crashed attempt stored otherwise."""
        plan = _plan_case(case, ctx)
        moved = self._orphans(plan) if resumed and ctx.stored_manifest is None else None
        return _plan_case(case, dataclasses.replace(ctx, moved=moved)) if moved else plan

    def _data_keys(self, pids: list[str]) -> list[tuple[bytes, WrappedKeyRef, bool]]:
        """Return each package's data key and whether it was stored before this call.

        The missing ones are created in one group commit.
        """
        stored = self.key_store.get_many(pids)
        fresh: dict[str, tuple[bytes, bytes]] = {}
        for pid, blob in zip(pids, stored, strict=True):
            if blob is None:
                key, wrapped = self.keys.provider.generate(package_id=pid)
                fresh[pid] = key, encode_wrapped(wrapped)
        created = self.key_store.put_many([(pid, blob) for pid, (_, blob) in fresh.items()])
        lost = [pid for pid, ok in zip(fresh, created, strict=True) if not ok]
        for pid in lost:  # another writer stored a key first: use that one
            del fresh[pid]
        reread = dict(zip(lost, self.key_store.get_many(lost), strict=True))
        out: list[tuple[bytes, WrappedKeyRef, bool]] = []
        for pid, before in zip(pids, stored, strict=True):
            if pid in fresh:
                key, blob = fresh[pid]
                out.append((key, key_ref(decode_wrapped(blob), blob), False))
                continue
            found = before if before is not None else reread.get(pid)
            if found is None:
                msg = f"key store {self.key_store.location} lost the key of {pid!r} during write"
                raise VaultWriteError(msg)
            wrapped = decode_wrapped(found)
            out.append((self.keys.provider.unwrap(wrapped), key_ref(wrapped, found), True))
        return out

    def _phases(self, plans: Mapping[int, WritePlan]) -> list[list[VaultWrite]]:
        """Return the writes of every plan as the ordered phases of the module docstring."""
        items: list[VaultWrite] = []
        signed: list[VaultWrite] = []
        custody: list[VaultWrite] = []
        checkpoints: list[VaultWrite] = []
        for plan in plans.values():
            pid, until = plan.package_id, plan.retain_until
            tail = {manifest_key(pid, 1), signature_key(pid, 1)}
            for key, data in plan.objects:
                (signed if key in tail else items).append(VaultWrite(key, data, until))
            linked, raw = chain_event(plan.custody, prev=None)
            custody.append(VaultWrite(event_key(pid, 0), raw, linked.retain_until))
            if wants_checkpoint(linked, self.cfg.custody.checkpoint_every):
                mark = make_checkpoint(self.keys.signer, raw, linked)
                checkpoints.append(VaultWrite(checkpoint_key(pid, 0), mark, linked.retain_until))
        return [items, signed, custody, checkpoints]


def _plan_case(case: Case, ctx: PlanContext) -> WritePlan:
    return plan_package(
        case.decision, case.event, attachments=case.attachments, context=case.context, ctx=ctx
    )
