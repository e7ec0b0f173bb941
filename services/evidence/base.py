"""Shared state of the evidence service: access checks, manifest and custody reads, the append.

Every part of :class:`~tipline.services.evidence.EvidenceService` builds on this
base; the parts themselves never call each other.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Final

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
    WrappedKey,
    decode_wrapped,
)
from tipline.operators.evidence.package import (
    decode_manifest,
)
from tipline.operators.evidence.plan import PlanContext, WritePlan, make_receipt, new_event
from tipline.operators.evidence.retention import (
    policy_until,
)
from tipline.operators.evidence.verify import manifest_keys
from tipline.schemas.errors import (
    AccessDeniedError,
    EvidenceError,
    VaultWriteError,
)
from tipline.schemas.evidence import (
    CustodyAction,
    CustodyEvent,
    EvidenceConfig,
    EvidenceManifest,
    EvidenceReceipt,
    Identity,
    Role,
    RolePolicy,
    WrappedKeyRef,
)
from tipline.services.keyproviders import EvidenceKeys
from tipline.services.roles import caller_identity, install_policy, load_policy
from tipline.sinks.vault import KeyStore, Vault

log = logging.getLogger(__name__)

_APPEND_ATTEMPTS: Final = 8


class ServiceBase:
    """State, access checks, manifest/custody reads and the custody append."""

    def __init__(
        self, cfg: EvidenceConfig, *, vault: Vault, key_store: KeyStore, keys: EvidenceKeys
    ) -> None:
        self.cfg: Final = cfg
        self.vault: Final = vault
        self.key_store: Final = key_store
        self.keys: Final = keys

    # ------------------------------------------------------------ access

    def _plan_context(
        self,
        data_key: bytes,
        ref: WrappedKeyRef,
        now: datetime,
        stored_manifest: bytes | None,
    ) -> PlanContext:
        """Return what planning one package needs from this service (both packaging paths)."""
        return PlanContext(
            data_key=data_key,
            key=ref,
            signer=self.keys.signer,
            retention=self.cfg.retention,
            location=self.vault.location,
            now=now,
            stored_manifest=stored_manifest,
        )

    def require(self, operator: str, role: Role) -> None:
        """Check that ``operator`` holds ``role`` in the vault's signed role policy.

        The config grants nothing: without a policy signed by a key pinned in
        the vault nobody holds any role (see :mod:`tipline.services.roles`).

        Raises:
            AccessDeniedError: no valid policy, unknown operator or missing role.

        """
        policy = load_policy(self.vault)
        if policy is None:
            msg = (
                f"operator {operator!r} lacks role {role!r}: {self.vault.location} has no role "
                "policy signed by its pinned key (closed by default; see `tipline roles sign`)"
            )
            raise AccessDeniedError(msg)
        roles = policy.operators.get(operator)
        if roles is None or role not in roles:
            msg = (
                f"operator {operator!r} lacks role {role!r} "
                f"(has {roles or []} in signed role policy {policy.serial})"
            )
            raise AccessDeniedError(msg)

    def identify(self, asserted: str | None, env: Mapping[str, str]) -> str:
        """Return the caller's identity as the signed role policy establishes it."""
        policy = load_policy(self.vault)
        return caller_identity(policy, asserted, env, self.cfg.access.operator_env)

    def sign_roles(
        self, operators: Mapping[str, list[Role]], *, identity: Identity, now: datetime
    ) -> RolePolicy:
        """Sign ``operators`` with this deployment's signing key into the vault."""
        return install_policy(self.vault, self.keys.signer, operators, identity=identity, now=now)

    def context_keys(self) -> ContextKeys:
        """Keys for the flow's sealed per-session context buffer."""
        provider = self.keys.provider
        return ContextKeys(
            provider.derive("context-buffer"), older=provider.derive_older("context-buffer")
        )

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
        return make_receipt(
            manifest, digest, until, location=self.vault.location, signer=self.keys.signer
        )

    def _orphans(self, plan: WritePlan) -> frozenset[str]:
        """Items that a crashed earlier attempt stored under ``plan``'s keys with other bytes."""
        objects = dict(plan.objects)
        items = [i for i in plan.manifest.items if i.cipher.object_key in objects]
        stored = self.vault.read_many([i.cipher.object_key for i in items])
        return frozenset(
            item.item_id
            for item, old in zip(items, stored, strict=True)
            if old is not None and old != objects[item.cipher.object_key]
        )

    def _require_key(self, package_id: str) -> bytes:
        return self.keys.provider.unwrap(self._require_wrapped(package_id))

    def _require_wrapped(self, package_id: str) -> WrappedKey:
        stored = self.key_store.get(package_id)
        if stored is None:
            msg = f"package {package_id!r} has no data key (destroyed: crypto-shredded)"
            raise EvidenceError(msg)
        return decode_wrapped(stored)

    def _policy(self, manifest: EvidenceManifest, submitted_at: datetime | None) -> datetime:
        return policy_until(
            self.cfg.retention,
            jurisdictions=manifest.jurisdictions,
            outcome=manifest.decision.outcome,
            packaged_at=manifest.created_at,
            submitted_at=submitted_at,
        )

    # ------------------------------------------------------------ custody append

    def record(
        self,
        package_id: str,
        action: CustodyAction,
        now: datetime,
        *,
        operator: str,
        reason: str | None = None,
        details: dict[str, str] | None = None,
    ) -> CustodyEvent:
        """Append a custody event at the head of the log (key management uses it)."""
        events = self.custody_log(package_id)
        event = _event(
            package_id,
            action,
            now,
            _current_retention(events),
            operator=operator,
            reason=reason,
            details=details,
        )
        return self._append(package_id, event, prev=events[-1])

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


def _current_retention(events: Sequence[CustodyEvent]) -> datetime:
    if not events:
        msg = "custody log is empty (expected a 'packaged' event)"
        raise EvidenceError(msg)
    return max(e.retain_until for e in events)


_event = new_event
