"""Package verification: recompute every hash, the signatures and the custody chain.

The verifier reads through a small :class:`ObjectReader` (the vault satisfies
it) and reports each difference as one line naming the object and what was
expected. With the data key it also opens every item and recomputes SHA-256,
SHA-1, MD5 and size of the original bytes; after crypto-shredding it still
checks every ciphertext hash, the manifest signatures and the chain.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import msgspec

from tipline.operators.evidence.canonical import digests_of
from tipline.operators.evidence.custody import ChainReport, custody_prefix, verify_chain
from tipline.operators.evidence.keys import Keyring, open_item_bytes
from tipline.operators.evidence.package import decode_manifest, decode_signature, signature_key
from tipline.schemas.errors import EvidenceError, VerificationError
from tipline.schemas.evidence import EvidenceManifest, ManifestItem


class ObjectReader(Protocol):
    """Read access to vault objects."""

    def get(self, key: str) -> bytes:
        """Return the current bytes of ``key``."""
        ...

    def list_keys(self, prefix: str) -> list[str]:
        """Return every key under ``prefix``, sorted."""
        ...

    def version_count(self, key: str) -> int:
        """Return how many stored versions ``key`` has (1 for a WORM object)."""
        ...


@dataclass(slots=True)
class VerifyReport:
    """What :func:`verify_package` found; ``ok`` when ``problems`` is empty."""

    package_id: str
    manifests: int = 0
    items_checked: int = 0
    plaintext_checked: int = 0
    custody_events: int = 0
    checkpoints: int = 0
    unsigned_tail: int = 0
    destroyed: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing differs."""
        return not self.problems


def manifest_keys(reader: ObjectReader, package_id: str) -> list[str]:
    """Return the keys of every manifest version, in version order."""
    keys = reader.list_keys(f"packages/{package_id}/manifest/")
    return sorted(k for k in keys if not k.endswith(".sig.json"))


def _check_manifest(
    reader: ObjectReader, key: str, version: int, keyring: Keyring, report: VerifyReport
) -> tuple[EvidenceManifest | None, str]:
    raw = reader.get(key)
    digest = hashlib.sha256(raw).hexdigest()
    package_id = report.package_id
    try:
        sig = decode_signature(reader.get(signature_key(package_id, version)))
        if sig.manifest_sha256 != digest:
            report.problems.append(
                f"{key}: SHA-256 is {digest[:16]}… but its signature covers "
                f"{sig.manifest_sha256[:16]}…"
            )
        keyring.verify(sig.key_id, raw, sig.signature, what=key)
    except (VerificationError, msgspec.DecodeError, EvidenceError) as exc:
        report.problems.append(str(exc))
    try:
        manifest = decode_manifest(raw)
    except msgspec.DecodeError as exc:
        report.problems.append(f"{key}: not a manifest ({exc})")
        return None, digest
    if manifest.version != version or manifest.package_id != package_id:
        report.problems.append(
            f"{key}: says package {manifest.package_id!r} version {manifest.version} "
            f"(expected {package_id!r} version {version})"
        )
    return manifest, digest


def _check_item(
    reader: ObjectReader, item: ManifestItem, data_key: bytes | None, report: VerifyReport
) -> None:
    key = item.cipher.object_key
    try:
        stored = reader.get(key)
    except EvidenceError as exc:
        report.problems.append(f"{key}: missing ({exc})")
        return
    report.items_checked += 1
    actual = hashlib.sha256(stored).hexdigest()
    if actual != item.cipher.ciphertext_sha256:
        report.problems.append(
            f"{key}: ciphertext SHA-256 is {actual[:16]}… "
            f"(manifest says {item.cipher.ciphertext_sha256[:16]}…)"
        )
        return
    if data_key is None:
        return
    try:
        plain = open_item_bytes(
            data_key,
            package_id=report.package_id,
            item_id=item.item_id,
            nonce=bytes.fromhex(item.cipher.nonce),
            ciphertext=stored,
        )
    except VerificationError as exc:
        report.problems.append(str(exc))
        return
    report.plaintext_checked += 1
    got = digests_of(plain)
    for name in ("sha256", "sha1", "md5", "size_bytes"):
        if getattr(got, name) != getattr(item, name):
            report.problems.append(
                f"item {item.item_id!r}: {name} of the original bytes is "
                f"{getattr(got, name)} (manifest says {getattr(item, name)})"
            )


def _check_versions(
    manifests: Sequence[tuple[EvidenceManifest, str]], report: VerifyReport
) -> None:
    for (prev, prev_sha), (cur, _) in itertools.pairwise(manifests):
        where = f"manifest v{cur.version:04d}"
        if cur.previous_manifest_sha256 != prev_sha:
            report.problems.append(
                f"{where}: previous_manifest_sha256 does not match v{prev.version:04d}"
            )
        if cur.items[: len(prev.items)] != prev.items:
            report.problems.append(f"{where}: changes items of v{prev.version:04d}")


def _check_custody(
    reader: ObjectReader,
    keyring: Keyring,
    manifests: Sequence[tuple[EvidenceManifest, str]],
    report: VerifyReport,
) -> ChainReport:
    keys = reader.list_keys(custody_prefix(report.package_id))
    events = [reader.get(k) for k in keys if "checkpoint-" not in k]
    checkpoints = [reader.get(k) for k in keys if "checkpoint-" in k]
    chain = verify_chain(report.package_id, events, checkpoints, keyring)
    report.problems += chain.problems
    report.custody_events = len(chain.events)
    report.checkpoints = chain.checkpoints
    report.unsigned_tail = chain.unsigned_tail
    recorded = {e.manifest_sha256 for e in chain.events if e.manifest_sha256}
    for manifest, digest in manifests:
        if digest not in recorded:
            report.problems.append(
                f"manifest v{manifest.version:04d} (SHA-256 {digest[:16]}…) "
                "is not recorded by any custody event"
            )
    present = {digest for _, digest in manifests}
    for event in chain.events:
        if event.manifest_sha256 and event.manifest_sha256 not in present:
            report.problems.append(
                f"custody event {event.seq} ({event.action}) records manifest SHA-256 "
                f"{event.manifest_sha256[:16]}…, which is missing (manifest version deleted?)"
            )
    report.destroyed = any(e.action == "destroyed" for e in chain.events)
    return chain


def _check_worm(reader: ObjectReader, package_id: str, report: VerifyReport) -> None:
    for key in reader.list_keys(f"packages/{package_id}/"):
        count = reader.version_count(key)
        if count != 1:
            report.problems.append(f"{key}: has {count} stored versions (expected 1: WORM)")


def verify_package(
    reader: ObjectReader, package_id: str, keyring: Keyring, data_key: bytes | None
) -> VerifyReport:
    """Verify one package end to end; never raises for a difference, reports it.

    Args:
        reader: the vault.
        package_id: the package to verify.
        keyring: trusted manifest/checkpoint signing keys.
        data_key: the unwrapped data key, or None after crypto-shredding.

    """
    report = VerifyReport(package_id=package_id)
    checked: list[tuple[EvidenceManifest, str]] = []
    for version, key in enumerate(manifest_keys(reader, package_id), start=1):
        manifest, digest = _check_manifest(reader, key, version, keyring, report)
        if manifest is not None:
            checked.append((manifest, digest))
    report.manifests = len(checked)
    if not checked:
        report.problems.append(f"package {package_id!r}: no readable manifest")
        return report
    _check_versions(checked, report)
    for item in checked[-1][0].items:
        _check_item(reader, item, data_key, report)
    _check_custody(reader, keyring, checked, report)
    _check_worm(reader, package_id, report)
    return report
