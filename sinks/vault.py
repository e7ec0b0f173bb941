"""The evidence vault and key store interfaces that every backend implements.

Vault (WORM): objects are created once and never overwritten; each carries a
retain-until date that can be extended and never shortened, plus a legal-hold
flag; a delete before retain-until or under a legal hold is refused with
``RetentionError``. On S3 the server enforces this (Object Lock, COMPLIANCE
mode); the local directory vault enforces it in code and with read-only file
modes (a dev/demo backend: root can bypass it, S3 COMPLIANCE cannot be).

Key store (mutable, separate): holds wrapped package data keys. ``destroy``
really removes a key (no versions left behind): that is crypto-shredding.

Group commit: :meth:`Vault.commit_phases` creates the objects of many packages
at once in ordered phases (the local vault syncs a few times per call instead
of per file; S3 puts each phase concurrently on a bounded pool), and
:meth:`KeyStore.put_many` stores many wrapped keys the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class VaultWrite:
    """One object of :meth:`Vault.commit_phases`.

    ``conditional``: a create that reports an existing key as not created
    (custody appends). Otherwise an existing key with identical bytes counts
    as written (an idempotent retry) and one with other bytes is refused.
    """

    key: str
    data: bytes
    retain_until: datetime
    conditional: bool = False


class Vault(Protocol):
    """Write-once evidence storage with retention and legal holds."""

    @property
    def location(self) -> str:
        """A URI naming the vault (``file:///…`` or ``s3://bucket/prefix``)."""
        ...

    def put_objects(self, objects: Sequence[tuple[str, bytes]], *, retain_until: datetime) -> None:
        """Durably create every object (in order) with retention ``retain_until``.

        An existing key with identical bytes is accepted (an idempotent retry).

        Raises:
            VaultWriteError: a write failed, or a key exists with other bytes.

        """
        ...

    def create(self, key: str, data: bytes, *, retain_until: datetime) -> bool:
        """Create ``key`` only if absent; return False when it already exists."""
        ...

    def commit_phases(self, phases: Sequence[Sequence[VaultWrite]]) -> list[list[bool]]:
        """Create objects durably, phase by phase (group commit).

        No object of a phase exists before every object of the earlier phases
        is durable; when the call returns, all of them are. Returns, per phase
        and write, whether the object is there now (False only for a
        ``conditional`` write whose key existed).

        Raises:
            VaultWriteError: a write failed, or a key exists with other bytes.

        """
        ...

    def read_many(self, keys: Sequence[str]) -> list[bytes | None]:
        """Return each object's bytes, None where it does not exist (in ``keys`` order)."""
        ...

    def get(self, key: str) -> bytes:
        """Return the object's bytes; EvidenceError when missing."""
        ...

    def exists(self, key: str) -> bool:
        """Return True when ``key`` exists."""
        ...

    def list_keys(self, prefix: str) -> list[str]:
        """Every key under ``prefix``, sorted."""
        ...

    def version_count(self, key: str) -> int:
        """How many stored versions ``key`` has (1 for an untouched WORM object)."""
        ...

    def delete_markers(self, prefix: str) -> list[str]:
        """Keys under ``prefix`` that carry a delete marker (S3); none on a local vault."""
        ...

    def retention(self, key: str) -> datetime | None:
        """Return the object's retain-until date."""
        ...

    def extend_retention(self, keys: Sequence[str], until: datetime) -> None:
        """Raise every key's retention to ``until``; keys already later are kept.

        Raises:
            RetentionError: the backend refused.

        """
        ...

    def set_retention(self, key: str, until: datetime) -> None:
        """Ask for retention ``until`` exactly.

        Raises:
            RetentionError: ``until`` is earlier than the current retention
                (on S3 the server itself refuses).

        """
        ...

    def set_legal_hold(self, keys: Sequence[str], on: bool) -> None:
        """Turn the legal-hold flag of every key on or off."""
        ...

    def legal_hold(self, key: str) -> bool:
        """Whether the key is under a legal hold."""
        ...

    def delete(self, key: str) -> None:
        """Delete the object's stored version.

        Raises:
            RetentionError: refused (retention not expired or legal hold on).

        """
        ...


class KeyStore(Protocol):
    """Mutable storage of wrapped data keys, one per package."""

    @property
    def location(self) -> str:
        """A URI naming the key store."""
        ...

    def put(self, package_id: str, blob: bytes) -> bool:
        """Durably store a wrapped key if absent; return False when one exists."""
        ...

    def get(self, package_id: str) -> bytes | None:
        """Return the wrapped key, or None (never stored, or destroyed)."""
        ...

    def put_many(self, keys: Sequence[tuple[str, bytes]]) -> list[bool]:
        """Like :meth:`put` for many ids at once, all durable on return (group commit)."""
        ...

    def get_many(self, package_ids: Sequence[str]) -> list[bytes | None]:
        """Like :meth:`get` for many ids (in order)."""
        ...

    def destroy(self, package_id: str) -> bool:
        """Remove the wrapped key for good; return False when there was none."""
        ...

    def list_ids(self) -> list[str]:
        """Every id with a stored key (packages and ``purpose.*`` keys), sorted."""
        ...

    def replace(self, package_id: str, blob: bytes) -> bool:
        """Swap an existing key for ``blob`` (rewrap); never re-creates a destroyed one."""
        ...
