"""The evidence service: packages, supplements, custody, holds, reads and destruction.

Built by :func:`build_evidence_service` from ``[evidence]`` and the environment
(the only place keys are read). Invariants it keeps:

- Evidence first: :meth:`EvidenceService.package` returns a receipt only after
  every object and the ``packaged`` custody event are durable; it raises
  ``VaultWriteError`` otherwise. It is idempotent by a package id derived from
  the event id: a second call returns the stored receipt and writes nothing.
- Custody before bytes: every read of evidence bytes appends its ``viewed`` or
  ``exported`` custody event first (who, when, why).
- Retention only grows; destruction is crypto-shredding plus a tombstone event.

Write order of a package (a crash at any point is resumed by a retry): wrapped
data key → sealed items → manifest v1 → its signature → custody event 0
(the commit point) → checkpoint.
"""

from __future__ import annotations

import base64
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import msgspec

from tipline.operators.evidence.canonical import sha256_hex
from tipline.operators.evidence.context import ContextKeys
from tipline.operators.evidence.custody import (
    chain_event,
    checkpoint_key,
    custody_prefix,
    decode_event,
    event_key,
    make_checkpoint,
    wants_checkpoint,
)
from tipline.operators.evidence.keys import (
    InMemoryKeyProvider,
    KeyProvider,
    Keyring,
    SigningKey,
    decode_key_b64,
    decode_wrapped,
    encode_wrapped,
    new_data_key,
    open_item_bytes,
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
    receipt_items,
    signature_object,
)
from tipline.operators.evidence.retention import (
    extend_hold,
    fold_holds,
    hold_kind,
    needs_legal_hold,
    open_hold,
    package_jurisdictions,
    policy_until,
    release_hold,
    retain_until,
)
from tipline.operators.evidence.verify import VerifyReport, manifest_keys, verify_package
from tipline.schemas.decision import Decision
from tipline.schemas.errors import (
    AccessDeniedError,
    ConfigError,
    EvidenceError,
    RetentionError,
    VaultWriteError,
)
from tipline.schemas.event import MessageEvent
from tipline.schemas.evidence import (
    CustodyAction,
    CustodyEvent,
    EvidenceConfig,
    EvidenceManifest,
    EvidenceReceipt,
    HoldRecord,
    Role,
    WrappedKeyRef,
)
from tipline.sinks.keystore import LocalKeyStore, S3KeyStore
from tipline.sinks.vault import KeyStore, Vault
from tipline.sinks.vault_local import LocalVault
from tipline.sinks.vault_s3 import S3Vault, ensure_vault_bucket

log = logging.getLogger(__name__)

SYSTEM_OPERATOR: Final = "system:tipline"
_APPEND_ATTEMPTS: Final = 8


class PackageSummary(msgspec.Struct, frozen=True, kw_only=True):
    """Metadata of one package for ``tipline evidence show`` (no content)."""

    package_id: str
    location: str
    manifest_sha256: str
    manifest: EvidenceManifest
    retain_until: datetime
    legal_hold: bool
    holds: list[HoldRecord]
    custody: list[CustodyEvent]
    destroyed: bool


@dataclass(frozen=True, slots=True)
class EvidenceKeys:
    """The keys a service uses (built from env or dev key files)."""

    provider: KeyProvider
    signer: SigningKey
    keyring: Keyring
    dev: bool = False


class EvidenceService:
    """Writes and reads evidence packages in one vault with one key store."""

    def __init__(
        self, cfg: EvidenceConfig, *, vault: Vault, key_store: KeyStore, keys: EvidenceKeys
    ) -> None:
        self.cfg: Final = cfg
        self.vault: Final = vault
        self.key_store: Final = key_store
        self.keys: Final = keys

    # ------------------------------------------------------------ access

    def require(self, operator: str, role: Role) -> None:
        """Check that ``operator`` holds ``role`` in ``[evidence.access]``.

        Raises:
            AccessDeniedError: unknown operator or missing role.

        """
        roles = self.cfg.access.operators.get(operator)
        if roles is None or role not in roles:
            msg = (
                f"operator {operator!r} lacks role {role!r} "
                f"(has {roles or []}; grant it in [evidence.access.operators])"
            )
            raise AccessDeniedError(msg)

    def context_keys(self) -> ContextKeys:
        """Keys for the flow's sealed per-session context buffer."""
        return ContextKeys(self.keys.provider.derive("context-buffer"))

    # ------------------------------------------------------------ packaging

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
            wrapped = self.keys.provider.wrap(new_data_key(), package_id=pid)
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

    # ------------------------------------------------------------ reading state

    def latest_manifest(self, package_id: str) -> tuple[EvidenceManifest, str]:
        """Return the newest manifest version and its SHA-256."""
        keys = manifest_keys(self.vault, package_id)
        if not keys:
            msg = f"package {package_id!r} does not exist in {self.vault.location}"
            raise EvidenceError(msg)
        raw = self.vault.get(keys[-1])
        return decode_manifest(raw), sha256_hex(raw)

    def custody_log(self, package_id: str) -> list[CustodyEvent]:
        """Every custody event of a package, in order."""
        keys = self.vault.list_keys(custody_prefix(package_id))
        return [decode_event(self.vault.get(k)) for k in keys if "checkpoint-" not in k]

    def custody_views(self, package_id: str) -> list[CustodyEvent]:
        """Return the ``viewed``/``exported`` events (for CyberTipline ``fileViewedByEsp``).

        An item was viewed by a person when an event here lists its item id
        and its ``details['result']`` is ``released``.
        """
        views = [e for e in self.custody_log(package_id) if e.action in ("viewed", "exported")]
        return [e for e in views if e.details.get("result") == "released"]

    def item_viewed(self, package_id: str, item_id: str) -> CustodyEvent | None:
        """Return the first custody event showing a person viewed ``item_id``, if any."""
        return next((e for e in self.custody_views(package_id) if item_id in e.item_ids), None)

    def receipt(self, package_id: str) -> EvidenceReceipt:
        """Return the receipt of a stored package (latest manifest, current retention)."""
        manifest, digest = self.latest_manifest(package_id)
        return self._receipt(manifest, digest, _current_retention(self.custody_log(package_id)))

    def _receipt(self, manifest: EvidenceManifest, digest: str, until: datetime) -> EvidenceReceipt:
        return EvidenceReceipt(
            package_id=manifest.package_id,
            event_id=manifest.event_id,
            session_id=manifest.session_id,
            manifest_sha256=digest,
            location=self._location(manifest),
            stored_at=manifest.created_at,
            retain_until=until,
            items=receipt_items(manifest),
            manifest_version=manifest.version,
            signing_key_id=self.keys.signer.key_id,
        )

    def _location(self, manifest: EvidenceManifest) -> str:
        key = manifest_key(manifest.package_id, manifest.version)
        return f"{self.vault.location.rstrip('/')}/{key}"

    def list_packages(self) -> list[str]:
        """Every package id in the vault."""
        ids = {k.split("/")[1] for k in self.vault.list_keys("packages/") if k.count("/") >= 2}
        return sorted(ids)

    def show(self, package_id: str, now: datetime) -> PackageSummary:
        """Metadata, retention, holds and custody of a package (no content)."""
        manifest, digest = self.latest_manifest(package_id)
        events = self.custody_log(package_id)
        return PackageSummary(
            package_id=package_id,
            location=self.vault.location,
            manifest_sha256=digest,
            manifest=manifest,
            retain_until=_current_retention(events),
            legal_hold=needs_legal_hold(fold_holds(events), now),
            holds=fold_holds(events),
            custody=events,
            destroyed=any(e.action == "destroyed" for e in events),
        )

    def verify(self, package_id: str) -> VerifyReport:
        """Recompute every hash, the signatures and the custody chain."""
        stored = self.key_store.get(package_id)
        data_key = self.keys.provider.unwrap(decode_wrapped(stored)) if stored else None
        report = verify_package(self.vault, package_id, self.keys.keyring, data_key)
        if stored is None and not report.destroyed:
            report.problems.append(
                f"package {package_id!r}: data key missing from {self.key_store.location} "
                "but no 'destroyed' custody event (expected the key or a tombstone)"
            )
        return report

    # ------------------------------------------------------------ reads of bytes

    def open_item(
        self,
        package_id: str,
        item_id: str,
        *,
        operator: str,
        reason: str,
        now: datetime,
        action: CustodyAction = "viewed",
    ) -> bytes:
        """Return one item's original bytes after logging who, when and why.

        The custody event is durable BEFORE any byte is decrypted or released.

        Raises:
            AccessDeniedError: the operator lacks ``viewer`` (``exporter``).
            EvidenceError: unknown item or destroyed package.
            VerificationError: the stored bytes do not match the manifest.

        """
        return self.open_items(
            package_id, [item_id], operator=operator, reason=reason, now=now, action=action
        )[item_id]

    def open_items(
        self,
        package_id: str,
        item_ids: Sequence[str],
        *,
        operator: str,
        reason: str,
        now: datetime,
        action: CustodyAction = "viewed",
    ) -> dict[str, bytes]:
        """Like :meth:`open_item` for several items under one custody event."""
        self.require(operator, "exporter" if action == "exported" else "viewer")
        if not reason.strip():
            msg = "a reason (case reference) is required to open evidence"
            raise AccessDeniedError(msg)
        manifest, _ = self.latest_manifest(package_id)
        by_id = {i.item_id: i for i in manifest.items}
        unknown = [i for i in item_ids if i not in by_id]
        if unknown:
            msg = f"package {package_id!r} has no items {unknown} (has {sorted(by_id)})"
            raise EvidenceError(msg)
        data_key = self._require_key(package_id)
        events = self.custody_log(package_id)
        self._append(
            package_id,
            _event(
                package_id,
                action,
                now,
                _current_retention(events),
                operator=operator,
                reason=reason,
                item_ids=list(item_ids),
                details={"result": "released"},
            ),
            prev=events[-1],
        )
        out: dict[str, bytes] = {}
        for item_id in item_ids:
            cipher = by_id[item_id].cipher
            out[item_id] = open_item_bytes(
                data_key,
                package_id=package_id,
                item_id=item_id,
                nonce=bytes.fromhex(cipher.nonce),
                ciphertext=self.vault.get(cipher.object_key),
            )
            if sha256_hex(out[item_id]) != by_id[item_id].sha256:
                msg = f"item {item_id!r} of {package_id!r} does not match its manifest SHA-256"
                raise EvidenceError(msg)
        return out

    def _require_key(self, package_id: str) -> bytes:
        stored = self.key_store.get(package_id)
        if stored is None:
            msg = f"package {package_id!r} has no data key (destroyed: crypto-shredded)"
            raise EvidenceError(msg)
        return self.keys.provider.unwrap(decode_wrapped(stored))

    # ------------------------------------------------------------ retention and holds

    def record_submission(
        self, package_id: str, *, report_id: str, operator: str, now: datetime
    ) -> EvidenceReceipt:
        """Record a CyberTipline submission; starts the 2258A(h) clock (extends only)."""
        self.require(operator, "submitter")
        self._retention_event(
            package_id, "submitted", now, operator=operator, request_id=report_id, submitted=now
        )
        return self.receipt(package_id)

    def record_case_event(
        self,
        package_id: str,
        action: CustodyAction,
        *,
        operator: str,
        reason: str | None,
        now: datetime,
        details: Mapping[str, str],
        after: CustodyEvent | None = None,
    ) -> CustodyEvent:
        """Append a case or draft event (``status_changed``, ``annotated``) to the custody log.

        ``status_changed`` events are always followed by a signed checkpoint.
        The caller checks roles; ``details`` carry ids and statuses, never content.
        With ``after`` the append is a compare-and-set: it happens only while
        ``after`` is still the head of the log (the state the caller checked),
        so two reviewers cannot both move a case from the same status.

        Raises:
            EvidenceError: the package does not exist, or (with ``after``) the
                log moved on since the caller read it.
            VaultWriteError: the event could not be made durable.

        """
        events = self.custody_log(package_id)
        if not events:
            msg = f"package {package_id!r} has no custody log (expected a 'packaged' event)"
            raise EvidenceError(msg)
        head = events[-1]
        event = _event(
            package_id,
            action,
            now,
            _current_retention(events),
            operator=operator,
            reason=reason,
            details=dict(details),
        )
        if after is None:
            return self._append(package_id, event, prev=head)
        if head.seq != after.seq or head.prev_sha256 != after.prev_sha256:
            msg = (
                f"custody log of {package_id!r} changed since it was read "
                f"(head {head.seq}, expected {after.seq}); reload and try again"
            )
            raise EvidenceError(msg)
        linked, raw = chain_event(event, prev=head)
        if not self.vault.create(
            event_key(package_id, linked.seq), raw, retain_until=linked.retain_until
        ):
            msg = f"custody log of {package_id!r} changed concurrently; reload and try again"
            raise EvidenceError(msg)
        if wants_checkpoint(linked, self.cfg.custody.checkpoint_every):
            self.vault.create(
                checkpoint_key(package_id, linked.seq),
                make_checkpoint(self.keys.signer, raw, linked),
                retain_until=linked.retain_until,
            )
        return linked

    def holds(self, package_id: str) -> list[HoldRecord]:
        """Return the holds table of a package (open and closed rows)."""
        return fold_holds(self.custody_log(package_id))

    def add_hold(
        self,
        package_id: str,
        *,
        kind: str,
        request_id: str,
        agency: str | None,
        operator: str,
        now: datetime,
    ) -> HoldRecord:
        """Open a hold; retention grows to its expiry, indefinite holds set S3 legal hold."""
        self.require(operator, "custodian")
        hold = open_hold(
            hold_kind(self.cfg.retention.hold_kinds, kind),
            request_id=request_id,
            agency=agency,
            now=now,
        )
        self._retention_event(
            package_id, "hold_opened", now, operator=operator, request_id=request_id, hold=hold
        )
        return hold

    def extend_hold(
        self, package_id: str, hold_id: str, *, operator: str, now: datetime
    ) -> HoldRecord:
        """Renew a hold by its kind's renewal period."""
        self.require(operator, "custodian")
        current = self._hold(package_id, hold_id)
        hold = extend_hold(hold_kind(self.cfg.retention.hold_kinds, current.kind), current, now)
        self._retention_event(
            package_id,
            "hold_extended",
            now,
            operator=operator,
            request_id=hold.request_id,
            hold=hold,
        )
        return hold

    def release_hold(
        self, package_id: str, hold_id: str, *, operator: str, now: datetime
    ) -> HoldRecord:
        """Release a hold; retention already granted stays (never shrinks)."""
        self.require(operator, "custodian")
        hold = release_hold(self._hold(package_id, hold_id), now)
        self._retention_event(
            package_id,
            "hold_released",
            now,
            operator=operator,
            request_id=hold.request_id,
            hold=hold,
        )
        return hold

    def _hold(self, package_id: str, hold_id: str) -> HoldRecord:
        for hold in self.holds(package_id):
            if hold.hold_id == hold_id:
                return hold
        msg = f"package {package_id!r} has no hold {hold_id!r}"
        raise EvidenceError(msg)

    def _policy(self, manifest: EvidenceManifest, submitted_at: datetime | None) -> datetime:
        return policy_until(
            self.cfg.retention,
            jurisdictions=manifest.jurisdictions,
            outcome=manifest.decision.outcome,
            packaged_at=manifest.created_at,
            submitted_at=submitted_at,
        )

    def _retention_event(
        self,
        package_id: str,
        action: CustodyAction,
        now: datetime,
        *,
        operator: str,
        request_id: str,
        hold: HoldRecord | None = None,
        submitted: datetime | None = None,
    ) -> None:
        manifest, _ = self.latest_manifest(package_id)
        events = self.custody_log(package_id)
        submitted = submitted or next((e.at for e in events if e.action == "submitted"), None)
        holds = [h for h in fold_holds(events) if hold is None or h.hold_id != hold.hold_id]
        holds += [hold] if hold else []
        until = retain_until(self._policy(manifest, submitted), holds, _current_retention(events))
        keys = self.vault.list_keys(f"packages/{package_id}/")
        self.vault.extend_retention(keys, until)
        legal = needs_legal_hold(holds, now)
        if legal != needs_legal_hold(fold_holds(events), now):
            self.vault.set_legal_hold(keys, legal)
        self._append(
            package_id,
            _event(
                package_id, action, now, until, operator=operator, request_id=request_id, hold=hold
            ),
            prev=events[-1],
        )
        if legal:
            self.vault.set_legal_hold(self.vault.list_keys(custody_prefix(package_id)), True)

    # ------------------------------------------------------------ destruction

    def destroy(self, package_id: str, *, request_id: str, operator: str, now: datetime) -> None:
        """Crypto-shred a package on a lawful request: tombstone event, then key deletion.

        Raises:
            AccessDeniedError: the operator lacks ``destroyer``.
            RetentionError: an open hold still binds the package.

        """
        self.require(operator, "destroyer")
        events = self.custody_log(package_id)
        open_holds = [h.hold_id for h in fold_holds(events) if h.is_open(now)]
        if open_holds:
            msg = f"package {package_id!r} has open holds {open_holds} (release them first)"
            raise RetentionError(msg)
        if not any(e.action == "destroyed" for e in events):
            self._append(
                package_id,
                _event(
                    package_id,
                    "destroyed",
                    now,
                    _current_retention(events),
                    operator=operator,
                    request_id=request_id,
                    details={"key_store": self.key_store.location},
                ),
                prev=events[-1],
            )
        self.key_store.destroy(package_id)

    # ------------------------------------------------------------ custody append

    def _append(
        self, package_id: str, event: CustodyEvent, *, prev: CustodyEvent | None
    ) -> CustodyEvent:
        """Append ``event`` after ``prev``; on a lost race re-read the head and retry."""
        for _ in range(_APPEND_ATTEMPTS):
            linked, raw = chain_event(event, prev=prev)
            if self.vault.create(
                event_key(package_id, linked.seq), raw, retain_until=linked.retain_until
            ):
                if wants_checkpoint(linked, self.cfg.custody.checkpoint_every):
                    self.vault.create(
                        checkpoint_key(package_id, linked.seq),
                        make_checkpoint(self.keys.signer, raw, linked),
                        retain_until=linked.retain_until,
                    )
                return linked
            if linked.seq == 0 and event.action == "packaged":
                return decode_event(self.vault.get(event_key(package_id, 0)))
            prev = self.custody_log(package_id)[-1]
        msg = f"custody log of {package_id!r}: lost {_APPEND_ATTEMPTS} append races"
        raise VaultWriteError(msg)


def open_item(
    service: EvidenceService,
    package_id: str,
    item_id: str,
    *,
    operator: str,
    reason: str,
    now: datetime,
) -> bytes:
    """Return one item's original bytes; the ``viewed`` custody event is written first.

    For report reviewers (``--reveal``): afterwards
    ``service.item_viewed(package_id, item_id)`` returns that event, which is
    what CyberTipline ``fileViewedByEsp`` must reflect.
    """
    return service.open_item(package_id, item_id, operator=operator, reason=reason, now=now)


def _current_retention(events: Sequence[CustodyEvent]) -> datetime:
    if not events:
        msg = "custody log is empty (expected a 'packaged' event)"
        raise EvidenceError(msg)
    return max(e.retain_until for e in events)


def _event(
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


# ------------------------------------------------------------ building from config


def _dev_key(path: Path) -> bytes:
    """Read a dev key file, creating it (0600, once) with a random key."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return decode_key_b64(path.read_text(), name=str(path))
    key = os.urandom(32)
    with os.fdopen(fd, "w") as fh:
        fh.write(base64.b64encode(key).decode())
    log.warning(
        "DEV KEY generated at %s: evidence is protected by a key on local disk. "
        "Never use dev keys in production; set the env vars named in [evidence.keys].",
        path,
    )
    return key


def _key_dir(cfg: EvidenceConfig) -> Path:
    if cfg.keys.dev_key_dir:
        return Path(cfg.keys.dev_key_dir)
    return Path(cfg.path).resolve().parent / "keys"


def secret_from_env(env: Mapping[str, str], name: str) -> str | None:
    """Return ``$NAME``, or the stripped content of the file ``$NAME_FILE`` names.

    Raises:
        ConfigError: ``$NAME_FILE`` names a file that cannot be read.

    """
    value = env.get(name)
    if value:
        return value
    path = env.get(f"{name}_FILE")
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        msg = f"${name}_FILE names {path!r}, which cannot be read ({exc.strerror})"
        raise ConfigError(msg) from exc


def load_keys(cfg: EvidenceConfig, env: Mapping[str, str]) -> EvidenceKeys:
    """Read the master and signing keys from ``env``, or dev key files.

    Each key comes from its variable (``TIPLINE_MASTER_KEY``) or, for keys
    mounted from a secret store, from the file named by ``<NAME>_FILE``
    (``TIPLINE_MASTER_KEY_FILE``); either holds the base64 text.

    Raises:
        ConfigError: a key env var is unset and dev keys are not allowed, or bad.

    """
    names = (cfg.keys.master_key_env, cfg.keys.signing_key_env)
    values = [secret_from_env(env, n) for n in names]
    dev = not all(values)
    if dev and not cfg.keys.allow_dev_keys:
        missing = [n for n, v in zip(names, values, strict=True) if not v]
        msg = (
            f"evidence keys: ${' and $'.join(missing)} unset "
            "and evidence.keys.allow_dev_keys is false"
        )
        raise ConfigError(msg)
    if dev:
        master = _dev_key(_key_dir(cfg) / "dev-master.key")
        seed = _dev_key(_key_dir(cfg) / "dev-signing.key")
    else:
        master = decode_key_b64(values[0] or "", name=names[0])
        seed = decode_key_b64(values[1] or "", name=names[1])
    signer = SigningKey(seed)
    extra = [
        decode_key_b64(k, name=cfg.keys.verify_keys_env)
        for k in env.get(cfg.keys.verify_keys_env, "").split(",")
        if k.strip()
    ]
    keyring = Keyring([signer.public_raw, *extra])
    return EvidenceKeys(InMemoryKeyProvider(master), signer, keyring, dev)


def s3_client(cfg: EvidenceConfig, env: Mapping[str, str]) -> Any:
    """Build a boto3 S3 client from the env vars named in ``[evidence.s3]``."""
    import boto3  # noqa: PLC0415
    from botocore.config import Config  # noqa: PLC0415

    s3 = cfg.s3
    return boto3.client(
        "s3",
        endpoint_url=env.get(s3.endpoint_env) or None,
        aws_access_key_id=env.get(s3.access_key_env) or None,
        aws_secret_access_key=env.get(s3.secret_key_env) or None,
        region_name=env.get(s3.region_env) or "us-east-1",
        config=Config(retries={"max_attempts": 5, "mode": "standard"}, max_pool_connections=32),
    )


def build_evidence_service(cfg: EvidenceConfig, *, env: Mapping[str, str]) -> EvidenceService:
    """Build the service for ``[evidence]``: vault, key store and keys.

    Raises:
        ConfigError: missing keys/bucket names. EvidenceError: a bucket is unfit.

    """
    keys = load_keys(cfg, env)
    client = None
    if cfg.backend == "s3" or cfg.keys.store == "s3":
        client = s3_client(cfg, env)
    vault: Vault
    if cfg.backend == "s3":
        if not cfg.s3.bucket:
            msg = "evidence.s3.bucket is empty (expected a bucket name for backend 's3')"
            raise ConfigError(msg)
        ensure_vault_bucket(
            client, cfg.s3.bucket, create=cfg.s3.create_bucket, region=env.get(cfg.s3.region_env)
        )
        vault = S3Vault(client, cfg.s3.bucket, prefix=cfg.s3.prefix, max_workers=cfg.s3.max_workers)
    else:
        vault = LocalVault(cfg.path)
    store: KeyStore
    if cfg.keys.store == "s3":
        if not cfg.keys.store_bucket:
            msg = "evidence.keys.store_bucket is empty (expected a bucket for store 's3')"
            raise ConfigError(msg)
        store = S3KeyStore(client, cfg.keys.store_bucket, create=cfg.s3.create_bucket)
    else:
        store = LocalKeyStore(cfg.keys.store_path or _key_dir(cfg) / "wrapped")
    return EvidenceService(cfg, vault=vault, key_store=store, keys=keys)
