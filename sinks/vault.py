"""The evidence vault and key store interfaces that every backend implements.

Vault (WORM): objects are created once and never overwritten; each carries a
retain-until date that can be extended and never shortened, plus a legal-hold
flag; a delete before retain-until or under a legal hold is refused with
``RetentionError``. On S3 the server enforces this (Object Lock, COMPLIANCE
mode); the local directory vault enforces it in code and with read-only file
modes (a dev/demo backend: root can bypass it, S3 COMPLIANCE cannot be).

Key store (mutable, separate): holds wrapped package data keys. ``destroy``
really removes a key (no versions left behind): that is crypto-shredding.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol


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

    def destroy(self, package_id: str) -> bool:
        """Remove the wrapped key for good; return False when there was none."""
        ...

    def list_ids(self) -> list[str]:
        """Every id with a stored key (packages and ``purpose.*`` keys), sorted."""
        ...

    def replace(self, package_id: str, blob: bytes) -> bool:
        """Swap an existing key for ``blob`` (rewrap); never re-creates a destroyed one."""
        ...
