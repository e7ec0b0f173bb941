"""Key stores for wrapped package data keys: mutable on purpose, kept apart.

Destroying a package's wrapped key is the destruction path for evidence in a
WORM vault (crypto-shredding, 18 U.S.C. 2258B(c)): the sealed items remain
until retention ends but can never be opened again. So a key store must be
able to really forget: the local store overwrites and unlinks the file; the
S3 store refuses a bucket with versioning or Object Lock (a "deleted" key
would survive as an old version) and checks that no version is left.
The local store is for development: overwriting a file does not guarantee
erasure on SSDs or copy-on-write filesystems.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Final

from botocore.exceptions import ClientError

from tipline.schemas.errors import EvidenceError, VaultWriteError
from tipline.sinks.durable import SyncMethod, WriteGroup, create_new, fsync_path, write_atomic
from tipline.sinks.vault_s3 import gather

_PACKAGE_ID: Final = re.compile(r"^[A-Za-z0-9._-]{1,128}$")


def _checked(package_id: str) -> str:
    if not _PACKAGE_ID.match(package_id):
        msg = f"{package_id!r} is not a package id (expected [A-Za-z0-9._-]{{1,128}})"
        raise EvidenceError(msg)
    return package_id


class LocalKeyStore:
    """Wrapped keys as 0600 files in a directory."""

    def __init__(self, root: str | Path, *, sync: SyncMethod = "syncfs") -> None:
        self.root: Final = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._sync: Final = sync

    @property
    def location(self) -> str:
        """``file://`` URI of the key directory."""
        return self.root.as_uri()

    def _path(self, package_id: str) -> Path:
        return self.root / f"{_checked(package_id)}.key.json"

    def put(self, package_id: str, blob: bytes) -> bool:
        """Store ``blob`` durably unless a key exists already."""
        try:
            if not create_new(self._path(package_id), blob, mode=0o600):
                return False
        except OSError as exc:
            msg = f"key store {self.location}: write for {package_id!r} failed ({exc.strerror})"
            raise VaultWriteError(msg) from exc
        return True

    def put_many(self, keys: Sequence[tuple[str, bytes]]) -> list[bool]:
        """Store many keys with one group commit (two syncs); False where one existed."""
        group = WriteGroup(self._sync, dir_mode=0o700)
        try:
            fresh = [not self._path(pid).exists() for pid, _ in keys]
            for (pid, blob), new in zip(keys, fresh, strict=True):
                if new:
                    group.stage(self._path(pid), blob, mode=0o600)
            group.sync_contents()
            created = [
                new and group.link(self._path(pid))
                for (pid, _), new in zip(keys, fresh, strict=True)
            ]
            group.sync_names()
        except OSError as exc:
            msg = f"key store {self.location}: group write failed ({exc.strerror})"
            raise VaultWriteError(msg) from exc
        finally:
            group.discard()
        return created

    def get(self, package_id: str) -> bytes | None:
        """Return the wrapped key or None."""
        try:
            return self._path(package_id).read_bytes()
        except FileNotFoundError:
            return None

    def get_many(self, package_ids: Sequence[str]) -> list[bytes | None]:
        """Return each wrapped key or None."""
        return [self.get(pid) for pid in package_ids]

    def list_ids(self) -> list[str]:
        """Every package id (and ``purpose.*`` id) with a stored key, sorted."""
        return sorted(p.name.removesuffix(".key.json") for p in self.root.glob("*.key.json"))

    def replace(self, package_id: str, blob: bytes) -> bool:
        """Atomically swap an EXISTING key for ``blob`` (a rewrap); False when none.

        Never brings back a destroyed key: holds the store lock that
        :meth:`destroy` takes, and checks the key still exists under it.
        """
        path = self._path(package_id)
        with self._locked():
            if not path.exists():
                return False
            write_atomic(path, blob, mode=0o600)
        return True

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        fd = os.open(self.root, os.O_RDONLY)  # flock on the folder itself: no lock file
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _fsync_dir(self) -> None:
        fsync_path(self.root)

    def destroy(self, package_id: str) -> bool:
        """Overwrite with zeros, fsync, unlink (under the store lock)."""
        with self._locked():
            return self._destroy(package_id)

    def _destroy(self, package_id: str) -> bool:
        path = self._path(package_id)
        # a write or rewrap killed mid-way leaves a temp copy: it goes too
        for stale in self.root.glob(f".{path.name}.*.tmp"):
            shred_file(stale)
        existed = shred_file(path)
        self._fsync_dir()
        return existed


def shred_file(path: Path) -> bool:
    """Overwrite a file with zeros, fsync and unlink it; False when absent."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, b"\0" * size)
        os.fsync(fd)
    finally:
        os.close(fd)
    path.unlink()
    return True


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


class S3KeyStore:
    """Wrapped keys in an S3 bucket WITHOUT versioning or Object Lock."""

    def __init__(
        self, client: Any, bucket: str, *, create: bool = False, max_workers: int = 8
    ) -> None:
        self._s3 = client
        self.bucket: Final = bucket
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="keys-s3")
        if create:
            try:
                client.create_bucket(Bucket=bucket)
            except ClientError as exc:
                if _code(exc) not in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}:
                    raise
        status = client.get_bucket_versioning(Bucket=bucket).get("Status")
        if status in {"Enabled", "Suspended"}:
            msg = (
                f"key-store bucket {bucket!r} has versioning {status!r} "
                "(expected never enabled: destroyed keys must not survive as versions)"
            )
            raise EvidenceError(msg)

    @property
    def location(self) -> str:
        """``s3://`` URI of the key bucket."""
        return f"s3://{self.bucket}/"

    def _key(self, package_id: str) -> str:
        return f"keys/{_checked(package_id)}.key.json"

    def put(self, package_id: str, blob: bytes) -> bool:
        """Conditional create of the wrapped key."""
        try:
            self._s3.put_object(
                Bucket=self.bucket, Key=self._key(package_id), Body=blob, IfNoneMatch="*"
            )
        except ClientError as exc:
            if _code(exc) in {"PreconditionFailed", "ConditionalRequestConflict"}:
                return False
            msg = f"key store {self.location}: put for {package_id!r} failed ({_code(exc)})"
            raise VaultWriteError(msg) from exc
        return True

    def put_many(self, keys: Sequence[tuple[str, bytes]]) -> list[bool]:
        """Conditional creates of many keys, concurrently (results in order)."""
        return gather(self._pool, lambda kv: self.put(*kv), keys)

    def get_many(self, package_ids: Sequence[str]) -> list[bytes | None]:
        """Get many keys concurrently; None where absent."""
        return gather(self._pool, self.get, package_ids)

    def get(self, package_id: str) -> bytes | None:
        """Return the wrapped key or None."""
        try:
            body: bytes = self._s3.get_object(Bucket=self.bucket, Key=self._key(package_id))[
                "Body"
            ].read()
        except ClientError as exc:
            if _code(exc) in {"NoSuchKey", "404"}:
                return None
            raise
        return body

    def list_ids(self) -> list[str]:
        """Every package id (and ``purpose.*`` id) with a stored key, sorted."""
        ids: list[str] = []
        for page in self._s3.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix="keys/"
        ):
            ids += [o["Key"][5:].removesuffix(".key.json") for o in page.get("Contents", [])]
        return sorted(i for i in ids if _PACKAGE_ID.match(i))

    def replace(self, package_id: str, blob: bytes) -> bool:
        """Swap an EXISTING key for ``blob`` (a rewrap); False when there is none.

        Conditional on the ETag just read (``If-Match``), so a key destroyed
        in between is not brought back: the put fails instead.
        """
        key = self._key(package_id)
        try:
            etag = self._s3.head_object(Bucket=self.bucket, Key=key)["ETag"]
        except ClientError as exc:
            if _code(exc) in {"NoSuchKey", "404", "NotFound"}:
                return False
            raise
        try:
            self._s3.put_object(Bucket=self.bucket, Key=key, Body=blob, IfMatch=etag)
        except ClientError as exc:
            if _code(exc) in {"PreconditionFailed", "NoSuchKey", "ConditionalRequestConflict"}:
                return False
            msg = f"key store {self.location}: rewrap of {package_id!r} failed ({_code(exc)})"
            raise VaultWriteError(msg) from exc
        return True

    def destroy(self, package_id: str) -> bool:
        """Delete the key and check that no version of it remains."""
        existed = self.get(package_id) is not None
        key = self._key(package_id)
        self._s3.delete_object(Bucket=self.bucket, Key=key)
        left = self._s3.list_object_versions(Bucket=self.bucket, Prefix=key)
        remaining = [v for v in left.get("Versions", []) if v["Key"] == key]
        if remaining:
            msg = f"key of {package_id!r} still has {len(remaining)} stored versions"
            raise EvidenceError(msg)
        return existed
