"""Vault checkpoints in the vault: write them, and verify the vault against them.

``tipline evidence checkpoint`` (run it from cron, and it runs after every
operator command that writes custody) signs the state of every package;
``tipline evidence verify --all`` checks the checkpoint chain, compares the
newest checkpoint with the vault and, on S3, reports every delete marker.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from tipline.operators.evidence.canonical import sha256_hex
from tipline.operators.evidence.custody import event_key
from tipline.operators.evidence.ledger import (
    GENESIS,
    VAULT_CHECKPOINT_PREFIX,
    compare,
    make_vault_checkpoint,
    vault_checkpoint_key,
    verify_vault_checkpoint,
)
from tipline.operators.evidence.package import manifest_key
from tipline.operators.evidence.verify import manifest_keys
from tipline.schemas.errors import EvidenceError, VaultWriteError, VerificationError
from tipline.schemas.evidence import VaultCheckpoint, VaultEntry

if TYPE_CHECKING:
    from tipline.services.evidence import EvidenceService

_ATTEMPTS = 8


def _sha_of(service: EvidenceService, key: str) -> str | None:
    try:
        return sha256_hex(service.vault.get(key))
    except EvidenceError:
        return None


def vault_entry(service: EvidenceService, package_id: str) -> VaultEntry | None:
    """Return a package's current log head and newest manifest (None if unreadable)."""
    events = [
        k
        for k in service.vault.list_keys(f"packages/{package_id}/custody/")
        if "checkpoint-" not in k
    ]
    manifests = manifest_keys(service.vault, package_id)
    if not events or not manifests:
        return None
    head, newest = _sha_of(service, events[-1]), _sha_of(service, manifests[-1])
    if head is None or newest is None:
        return None
    return VaultEntry(
        package_id=package_id,
        events=len(events),
        head_sha256=head,
        manifest_version=len(manifests),
        manifest_sha256=newest,
    )


def _checkpoint_keys(service: EvidenceService) -> list[str]:
    return sorted(service.vault.list_keys(VAULT_CHECKPOINT_PREFIX))


def write_vault_checkpoint(service: EvidenceService, now: datetime) -> VaultCheckpoint:
    """Sign the current state of every package as the next vault checkpoint.

    Raises:
        VaultWriteError: lost the race to write the next checkpoint too often.

    """
    for _ in range(_ATTEMPTS):
        keys = _checkpoint_keys(service)
        prev = _sha_of(service, keys[-1]) if keys else GENESIS
        entries = [e for p in service.list_packages() if (e := vault_entry(service, p))]
        seq = len(keys)
        raw = make_vault_checkpoint(
            service.keys.signer, seq=seq, prev_sha256=prev or GENESIS, at=now, entries=entries
        )
        until = now + timedelta(days=3650)
        if service.vault.create(vault_checkpoint_key(seq), raw, retain_until=until):
            return verify_vault_checkpoint(raw, service.keys.keyring, where="new checkpoint")
    msg = f"vault checkpoint: lost {_ATTEMPTS} write races"
    raise VaultWriteError(msg)


def _chain(service: EvidenceService, problems: list[str]) -> VaultCheckpoint | None:
    keys = _checkpoint_keys(service)
    newest: VaultCheckpoint | None = None
    prev = GENESIS
    for seq, key in enumerate(keys):
        if key != vault_checkpoint_key(seq):
            problems.append(f"{vault_checkpoint_key(seq)}: missing (the chain has a gap)")
            return newest
        raw = service.vault.get(key)
        try:
            cp = verify_vault_checkpoint(raw, service.keys.keyring, where=key)
        except VerificationError as exc:
            problems.append(str(exc))
            return newest
        if cp.seq != seq or cp.prev_sha256 != prev:
            problems.append(f"{key}: does not link to {vault_checkpoint_key(seq - 1)}")
        newest, prev = cp, sha256_hex(raw)
    return newest


def verify_vault(service: EvidenceService) -> tuple[VaultCheckpoint | None, list[str]]:
    """Check the vault against its newest checkpoint and for S3 delete markers.

    Returns:
        The newest valid checkpoint (None when there is none) and one line per
        problem: a missing package, a truncated custody log, a deleted newest
        manifest, a gap in the checkpoint chain, or a delete marker.

    """
    problems: list[str] = []
    newest = _chain(service, problems)
    if newest is not None:
        present = set(service.list_packages())
        problems += compare(
            newest,
            present,
            lambda pid, seq: _sha_of(service, event_key(pid, seq)),
            lambda pid, version: _sha_of(service, manifest_key(pid, version)),
        )
    problems += [
        f"{key}: deleted (S3 delete marker; the vault is WORM, nothing may be deleted)"
        for key in service.vault.delete_markers("")
    ]
    return newest, problems
