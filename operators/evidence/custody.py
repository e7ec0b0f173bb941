"""The custody log: a per-package, append-only hash chain with signed checkpoints.

Each event's ``prev_sha256`` is the SHA-256 of the previous event's canonical
bytes; event 0 links to 64 zeros. A checkpoint signs ``(package, seq, head)``
with Ed25519 every ``checkpoint_every`` events and after every packaging,
submission, hold change and destruction. Because chain objects are WORM in
the vault, a rewrite shows as a broken link, a bad checkpoint, or (on S3) a
second object version.

Why per package and not one global log: appends for a package happen where
its session is processed (one worker) plus rare operator commands, so no lock
spans workers; each append is a create-only write of ``seq`` and a lost race
is retried at ``seq + 1``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final

import msgspec

from tipline.operators.evidence.canonical import canonical_bytes, sha256_hex
from tipline.operators.evidence.keys import Keyring, SigningKey
from tipline.schemas.errors import VerificationError
from tipline.schemas.evidence import CustodyCheckpoint, CustodyEvent

GENESIS: Final = "0" * 64
_EVENT_DEC: Final = msgspec.json.Decoder(CustodyEvent)
_CHECKPOINT_DEC: Final = msgspec.json.Decoder(CustodyCheckpoint)


def event_key(package_id: str, seq: int) -> str:
    """Vault key of custody event ``seq``."""
    return f"packages/{package_id}/custody/{seq:08d}.json"


def checkpoint_key(package_id: str, seq: int) -> str:
    """Vault key of the checkpoint after event ``seq``."""
    return f"packages/{package_id}/custody/checkpoint-{seq:08d}.json"


def custody_prefix(package_id: str) -> str:
    """Vault prefix of a package's custody objects."""
    return f"packages/{package_id}/custody/"


def chain_event(event: CustodyEvent, *, prev: CustodyEvent | None) -> tuple[CustodyEvent, bytes]:
    """Link ``event`` after ``prev``: set seq and prev hash; return it and its bytes."""
    seq = 0 if prev is None else prev.seq + 1
    prev_sha = GENESIS if prev is None else sha256_hex(canonical_bytes(prev))
    linked = msgspec.structs.replace(
        event, seq=seq, prev_sha256=prev_sha, at=event.at.astimezone(UTC)
    )
    return linked, canonical_bytes(linked)


_ALWAYS_SIGNED: Final = frozenset(
    {
        "packaged",
        "submitted",
        "hold_opened",
        "hold_extended",
        "hold_released",
        "destroyed",
        "status_changed",
    }
)


def wants_checkpoint(event: CustodyEvent, every: int) -> bool:
    """Return True when a signed checkpoint should follow ``event``.

    Every ``every``-th event, and always after packaging, submission, hold
    changes and destruction (rare events that carry legal weight).
    """
    return (event.seq + 1) % every == 0 or event.action in _ALWAYS_SIGNED


def _checkpoint_message(package_id: str, seq: int, head: str, at: datetime) -> bytes:
    body = {"package_id": package_id, "seq": seq, "head_sha256": head, "at": at}
    return b"tipline.custody_checkpoint/1\n" + canonical_bytes(body)


def make_checkpoint(signer: SigningKey, event_bytes: bytes, event: CustodyEvent) -> bytes:
    """Sign the chain head after ``event``; return the checkpoint's bytes."""
    head = sha256_hex(event_bytes)
    at = event.at.astimezone(UTC)
    signature = signer.sign(_checkpoint_message(event.package_id, event.seq, head, at))
    checkpoint = CustodyCheckpoint(
        package_id=event.package_id,
        seq=event.seq,
        head_sha256=head,
        at=at,
        key_id=signer.key_id,
        signature=signature,
    )
    return canonical_bytes(checkpoint)


def decode_event(raw: bytes) -> CustodyEvent:
    """Parse one stored custody event."""
    return _EVENT_DEC.decode(raw)


@dataclass(slots=True)
class ChainReport:
    """The result of verifying one custody chain."""

    events: list[CustodyEvent] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    checkpoints: int = 0
    unsigned_tail: int = 0


def _check_links(package_id: str, entries: Sequence[bytes], report: ChainReport) -> list[str]:
    heads: list[str] = []
    prev_sha = GENESIS
    for seq, raw in enumerate(entries):
        where = event_key(package_id, seq)
        try:
            event = decode_event(raw)
        except msgspec.DecodeError as exc:
            report.problems.append(f"{where}: not a custody event ({exc})")
            heads.append(sha256_hex(raw))
            prev_sha = heads[-1]
            continue
        if event.seq != seq or event.package_id != package_id:
            report.problems.append(
                f"{where}: says package {event.package_id!r} seq {event.seq} "
                f"(expected {package_id!r} seq {seq})"
            )
        if event.prev_sha256 != prev_sha:
            report.problems.append(
                f"{where}: prev_sha256 {event.prev_sha256[:16]}… differs from the SHA-256 "
                f"of event {seq - 1} ({prev_sha[:16]}…)"
            )
        report.events.append(event)
        heads.append(sha256_hex(raw))
        prev_sha = heads[-1]
    return heads


def _check_checkpoint(
    package_id: str, raw: bytes, heads: list[str], keyring: Keyring, report: ChainReport
) -> int:
    try:
        cp = _CHECKPOINT_DEC.decode(raw)
    except msgspec.DecodeError as exc:
        report.problems.append(f"package {package_id!r}: checkpoint unreadable ({exc})")
        return -1
    where = checkpoint_key(package_id, cp.seq)
    if cp.seq >= len(heads):
        report.problems.append(f"{where}: signs event {cp.seq} but the chain has {len(heads)}")
        return -1
    if cp.head_sha256 != heads[cp.seq]:
        report.problems.append(
            f"{where}: signed head {cp.head_sha256[:16]}… differs from the recomputed "
            f"SHA-256 of event {cp.seq} ({heads[cp.seq][:16]}…)"
        )
    try:
        message = _checkpoint_message(package_id, cp.seq, cp.head_sha256, cp.at)
        keyring.verify(cp.key_id, message, cp.signature, what=where)
    except VerificationError as exc:
        report.problems.append(str(exc))
    return cp.seq


def verify_chain(
    package_id: str, entries: Sequence[bytes], checkpoints: Sequence[bytes], keyring: Keyring
) -> ChainReport:
    """Recompute a package's chain and check every checkpoint signature.

    Args:
        package_id: the package.
        entries: raw event objects in ``seq`` order (0, 1, 2, … with no gap).
        checkpoints: raw checkpoint objects.
        keyring: trusted signing keys.

    Returns:
        A report; ``problems`` is empty when the chain is intact.

    """
    report = ChainReport()
    if not entries:
        report.problems.append(f"package {package_id!r}: custody log is empty")
        return report
    heads = _check_links(package_id, entries, report)
    last_signed = -1
    for raw in checkpoints:
        last_signed = max(last_signed, _check_checkpoint(package_id, raw, heads, keyring, report))
        report.checkpoints += 1
    if not checkpoints:
        report.problems.append(f"package {package_id!r}: no signed checkpoint")
    report.unsigned_tail = len(heads) - 1 - last_signed
    return report
