"""Reading: list, show and open packages. Every read of bytes is custody-logged first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import msgspec

from tipline.operators.evidence.canonical import sha256_hex
from tipline.operators.evidence.keys import (
    open_item_bytes,
)
from tipline.operators.evidence.retention import (
    fold_holds,
    needs_legal_hold,
)
from tipline.schemas.errors import (
    AccessDeniedError,
    EvidenceError,
)
from tipline.schemas.evidence import (
    CustodyAction,
    CustodyEvent,
    EvidenceManifest,
    HoldRecord,
)
from tipline.services.evidence.base import ServiceBase, _current_retention, _event


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


class ReadingMixin(ServiceBase):
    """Lists, summarises and opens packages; custody before bytes."""

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
        wrapped = self._require_wrapped(package_id)
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
                # key use is audited: which master version unwrapped the key (never the key)
                details={"result": "released", "key_version": wrapped.master_key_id},
            ),
            prev=events[-1],
        )
        data_key = self.keys.provider.unwrap(wrapped)
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
