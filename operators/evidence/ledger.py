"""Vault checkpoints: signed commitments to every package, to catch deletions.

A per-package custody checkpoint cannot show that the package, its newest
manifest or the tail of its log was deleted: what is gone is not there to
check. A vault checkpoint signs, for every package, the custody event count,
the SHA-256 of the head event, the newest manifest version and its SHA-256;
the entries are sorted by package id and their canonical bytes hashed into
``root_sha256``. Checkpoints form a chain (``seq``, ``prev_sha256``), so a
deleted checkpoint in the middle shows as a gap. :func:`compare` reports
every committed package that is missing, shorter or rolled back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Final

import msgspec

from tipline.operators.evidence.canonical import canonical_bytes, sha256_hex
from tipline.operators.evidence.keys import Keyring, SigningKey
from tipline.schemas.errors import VerificationError
from tipline.schemas.evidence import VaultCheckpoint, VaultEntry

VAULT_CHECKPOINT_PREFIX: Final = "checkpoints/vault-"
GENESIS: Final = "0" * 64
_DEC: Final = msgspec.json.Decoder(VaultCheckpoint)


def vault_checkpoint_key(seq: int) -> str:
    """Vault key of vault checkpoint ``seq``."""
    return f"{VAULT_CHECKPOINT_PREFIX}{seq:08d}.json"


def entries_root(entries: Sequence[VaultEntry]) -> str:
    """Return the SHA-256 commitment to ``entries`` (sorted by package id)."""
    return sha256_hex(canonical_bytes(sorted(entries, key=lambda e: e.package_id)))


def _message(seq: int, prev: str, at: datetime, count: int, root: str) -> bytes:
    body = {"seq": seq, "prev_sha256": prev, "at": at, "count": count, "root_sha256": root}
    return b"tipline.vault_checkpoint/1\n" + canonical_bytes(body)


def make_vault_checkpoint(
    signer: SigningKey, *, seq: int, prev_sha256: str, at: datetime, entries: list[VaultEntry]
) -> bytes:
    """Sign a commitment to ``entries``; return the checkpoint's bytes."""
    ordered = sorted(entries, key=lambda e: e.package_id)
    root = entries_root(ordered)
    at = at.astimezone(UTC)
    signature = signer.sign(_message(seq, prev_sha256, at, len(ordered), root))
    return canonical_bytes(
        VaultCheckpoint(
            seq=seq,
            prev_sha256=prev_sha256,
            at=at,
            count=len(ordered),
            root_sha256=root,
            entries=ordered,
            key_id=signer.key_id,
            signature=signature,
        )
    )


def verify_vault_checkpoint(raw: bytes, keyring: Keyring, *, where: str) -> VaultCheckpoint:
    """Return the checkpoint in ``raw`` after checking its root and signature.

    Raises:
        VerificationError: unreadable, a root that does not match, or a bad signature.

    """
    try:
        cp = _DEC.decode(raw)
    except msgspec.DecodeError as exc:
        msg = f"{where}: not a vault checkpoint ({exc})"
        raise VerificationError(msg) from exc
    if entries_root(cp.entries) != cp.root_sha256 or len(cp.entries) != cp.count:
        msg = f"{where}: entries do not match the signed root and count"
        raise VerificationError(msg)
    message = _message(cp.seq, cp.prev_sha256, cp.at, cp.count, cp.root_sha256)
    keyring.verify(cp.key_id, message, cp.signature, what=where)
    return cp


# (package id, seq) -> SHA-256 of that custody event, or None when it is gone
HeadAt = Callable[[str, int], "str | None"]
# (package id, version) -> SHA-256 of that manifest version, or None when it is gone
ManifestAt = Callable[[str, int], "str | None"]


def compare(
    cp: VaultCheckpoint, present: set[str], head_at: HeadAt, manifest_at: ManifestAt
) -> list[str]:
    """Return one line per committed package that is missing, shorter or rolled back."""
    where = vault_checkpoint_key(cp.seq)
    problems: list[str] = []
    for entry in cp.entries:
        pid = entry.package_id
        if pid not in present:
            problems.append(f"package {pid!r}: missing (committed by {where})")
            continue
        head = head_at(pid, entry.events - 1)
        if head is None:
            problems.append(
                f"package {pid!r}: custody log truncated (custody event {entry.events - 1} "
                f"committed by {where} is gone)"
            )
        elif head != entry.head_sha256:
            problems.append(
                f"package {pid!r}: custody event {entry.events - 1} differs from {where}"
            )
        digest = manifest_at(pid, entry.manifest_version)
        if digest is None:
            problems.append(
                f"package {pid!r}: manifest v{entry.manifest_version:04d} committed by "
                f"{where} is missing (newest manifest version deleted?)"
            )
        elif digest != entry.manifest_sha256:
            problems.append(
                f"package {pid!r}: manifest v{entry.manifest_version:04d} differs from {where}"
            )
    return problems
