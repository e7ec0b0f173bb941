"""S3 Object Lock vault (COMPLIANCE mode) behind the ``Vault`` interface.

The bucket is created with Object Lock, which turns versioning on. Every
object is written once with ``If-None-Match: *`` and COMPLIANCE retention, so
the SERVER refuses to delete a locked version, to shorten its retention or to
lift it; extending is allowed, and legal holds are an independent on/off flag.
Deleting without a version id only adds a delete marker, which ``get`` then
reports as missing and ``version_count`` exposes. Retries of transient errors
are the client guard's (:mod:`tipline.sinks.s3_guard`: one budget, then
``VaultUnavailableError``).

Writes run on one bounded pool (``evidence.s3.max_workers``): the objects of a
package, and in :meth:`S3Vault.commit_phases` every object of one phase of a
whole batch of packages, are put concurrently; each phase is waited for in
full (results in input order, the first error raised) before the next begins.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import UTC, datetime
from typing import Any, Final, TypeVar

from botocore.exceptions import BotoCoreError, ClientError

from tipline.schemas.errors import EvidenceError, RetentionError, VaultWriteError
from tipline.sinks.vault import VaultWrite

_MODE: Final = "COMPLIANCE"
_REFUSED: Final = frozenset({"AccessDenied", "InvalidRequest", "ObjectLocked", "InvalidArgument"})


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


_MISSING: Final = frozenset({"404", "NoSuchKey", "NotFound"})


_T = TypeVar("_T")
_R = TypeVar("_R")


def gather(pool: ThreadPoolExecutor, fn: Callable[[_T], _R], args: Sequence[_T]) -> list[_R]:
    """Run ``fn`` over ``args`` on ``pool``; wait for every call, then return results in order.

    Raises:
        Exception: the first failure in input order, once no call is still running.

    """
    futures: list[Future[_R]] = [pool.submit(fn, a) for a in args]
    wait(futures)
    return [f.result() for f in futures]


def ensure_vault_bucket(client: Any, bucket: str, *, create: bool, region: str | None) -> None:
    """Check (and optionally create) an Object Lock bucket with versioning.

    Raises:
        EvidenceError: the bucket is missing, or lacks Object Lock/versioning.

    """
    if create:
        kwargs: dict[str, Any] = {"Bucket": bucket, "ObjectLockEnabledForBucket": True}
        if region and region != "us-east-1":
            kwargs["CreateBucketConfiguration"] = {"LocationConstraint": region}
        try:
            client.create_bucket(**kwargs)
        except ClientError as exc:
            if _code(exc) not in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}:
                msg = f"cannot create vault bucket {bucket!r}: {_code(exc)}"
                raise EvidenceError(msg) from exc
    try:
        lock = client.get_object_lock_configuration(Bucket=bucket)
        versioning = client.get_bucket_versioning(Bucket=bucket)
    except ClientError as exc:
        msg = f"vault bucket {bucket!r} has no Object Lock configuration ({_code(exc)})"
        raise EvidenceError(msg) from exc
    enabled = lock.get("ObjectLockConfiguration", {}).get("ObjectLockEnabled")
    if enabled != "Enabled" or versioning.get("Status") != "Enabled":
        msg = (
            f"vault bucket {bucket!r}: Object Lock is {enabled!r}, versioning "
            f"{versioning.get('Status')!r} (expected both 'Enabled')"
        )
        raise EvidenceError(msg)


class S3Vault:
    """Evidence objects in an S3 bucket with Object Lock (COMPLIANCE)."""

    def __init__(self, client: Any, bucket: str, *, prefix: str = "", max_workers: int = 8) -> None:
        self._s3 = client
        self.bucket: Final = bucket
        self._prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="vault-s3")

    @property
    def location(self) -> str:
        """``s3://bucket/prefix`` of the vault."""
        return f"s3://{self.bucket}/{self._prefix}"

    def _key(self, key: str) -> str:
        return self._prefix + key

    # -------------------------------------------------------------- writes

    def _put(self, key: str, data: bytes, retain_until: datetime) -> bool:
        try:
            self._s3.put_object(
                Bucket=self.bucket,
                Key=self._key(key),
                Body=data,
                IfNoneMatch="*",
                ObjectLockMode=_MODE,
                ObjectLockRetainUntilDate=retain_until.astimezone(UTC),
                ChecksumAlgorithm="SHA256",
            )
        except ClientError as exc:
            if _code(exc) in {"PreconditionFailed", "ConditionalRequestConflict"}:
                return False
            msg = f"vault {self.location}: put of {key!r} failed ({_code(exc)})"
            raise VaultWriteError(msg) from exc
        except BotoCoreError as exc:
            msg = f"vault {self.location}: put of {key!r} failed ({type(exc).__name__})"
            raise VaultWriteError(msg) from exc
        return True

    def _put_idempotent(self, key: str, data: bytes, retain_until: datetime) -> None:
        if self._put(key, data, retain_until):
            return
        if hashlib.sha256(self.get(key)).digest() != hashlib.sha256(data).digest():
            msg = f"vault object {key!r} already exists with different bytes (expected identical)"
            raise VaultWriteError(msg)

    def put_objects(self, objects: Sequence[tuple[str, bytes]], *, retain_until: datetime) -> None:
        """Write items in parallel, then the remaining objects in order.

        The last object (the manifest, the commit point) is written only after
        every other one succeeded.
        """
        if not objects:
            return
        *body, last = objects
        futures = [self._pool.submit(self._put_idempotent, k, d, retain_until) for k, d in body]
        for future in futures:
            future.result()
        self._put_idempotent(last[0], last[1], retain_until)

    def create(self, key: str, data: bytes, *, retain_until: datetime) -> bool:
        """Conditional create (``If-None-Match: *``)."""
        return self._put(key, data, retain_until)

    def commit_phases(self, phases: Sequence[Sequence[VaultWrite]]) -> list[list[bool]]:
        """Put each phase's objects concurrently; a phase starts when the previous one is done."""
        return [gather(self._pool, self._write, phase) for phase in phases]

    def _write(self, write: VaultWrite) -> bool:
        if write.conditional:
            return self._put(write.key, write.data, write.retain_until)
        self._put_idempotent(write.key, write.data, write.retain_until)
        return True

    def read_many(self, keys: Sequence[str]) -> list[bytes | None]:
        """Get the objects concurrently; None where a key does not exist."""
        return gather(self._pool, self._get_or_none, keys)

    def _get_or_none(self, key: str) -> bytes | None:
        try:
            body: bytes = self._s3.get_object(Bucket=self.bucket, Key=self._key(key))["Body"].read()
        except ClientError as exc:
            if _code(exc) in _MISSING:
                return None
            msg = f"vault object {key!r} cannot be read from {self.location} ({_code(exc)})"
            raise EvidenceError(msg) from exc
        return body

    # -------------------------------------------------------------- reads

    def get(self, key: str) -> bytes:
        """Return the current version's bytes."""
        try:
            body: bytes = self._s3.get_object(Bucket=self.bucket, Key=self._key(key))["Body"].read()
        except ClientError as exc:
            msg = f"vault object {key!r} cannot be read from {self.location} ({_code(exc)})"
            raise EvidenceError(msg) from exc
        return body

    def exists(self, key: str) -> bool:
        """Return True when a current version exists."""
        try:
            self._s3.head_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError as exc:
            if _code(exc) in _MISSING:
                return False
            raise
        return True

    def list_keys(self, prefix: str) -> list[str]:
        """Every current key under ``prefix``, sorted."""
        paginator = self._s3.get_paginator("list_objects_v2")
        keys: list[str] = []
        for page in paginator.paginate(Bucket=self.bucket, Prefix=self._key(prefix)):
            keys += [o["Key"][len(self._prefix) :] for o in page.get("Contents", [])]
        return sorted(keys)

    def version_count(self, key: str) -> int:
        """Versions plus delete markers stored under exactly ``key``."""
        full = self._key(key)
        paginator = self._s3.get_paginator("list_object_versions")
        count = 0
        for page in paginator.paginate(Bucket=self.bucket, Prefix=full):
            entries = page.get("Versions", []) + page.get("DeleteMarkers", [])
            count += sum(1 for v in entries if v["Key"] == full)
        return count

    def delete_markers(self, prefix: str) -> list[str]:
        """Keys under ``prefix`` with a delete marker: a plain ``DeleteObject`` happened."""
        paginator = self._s3.get_paginator("list_object_versions")
        keys: set[str] = set()
        try:
            for page in paginator.paginate(Bucket=self.bucket, Prefix=self._key(prefix)):
                keys |= {m["Key"][len(self._prefix) :] for m in page.get("DeleteMarkers", [])}
        except ClientError as exc:
            msg = f"vault {self.location}: versions cannot be listed ({_code(exc)})"
            raise EvidenceError(msg) from exc
        return sorted(keys)

    def retention(self, key: str) -> datetime | None:
        """Return the current version's COMPLIANCE retain-until date."""
        try:
            got = self._s3.get_object_retention(Bucket=self.bucket, Key=self._key(key))
        except ClientError as exc:
            if _code(exc) == "NoSuchObjectLockConfiguration":
                return None
            msg = f"retention of {key!r} cannot be read ({_code(exc)})"
            raise EvidenceError(msg) from exc
        until: datetime = got["Retention"]["RetainUntilDate"]
        return until

    def legal_hold(self, key: str) -> bool:
        """Whether the current version's legal hold is ON."""
        try:
            got = self._s3.get_object_legal_hold(Bucket=self.bucket, Key=self._key(key))
        except ClientError as exc:
            if _code(exc) == "NoSuchObjectLockConfiguration":
                return False
            raise
        return bool(got["LegalHold"]["Status"] == "ON")

    # -------------------------------------------------------------- retention

    def set_retention(self, key: str, until: datetime) -> None:
        """Request retention ``until``; the server refuses to shorten it."""
        try:
            self._s3.put_object_retention(
                Bucket=self.bucket,
                Key=self._key(key),
                Retention={"Mode": _MODE, "RetainUntilDate": until.astimezone(UTC)},
            )
        except ClientError as exc:
            if _code(exc) in _REFUSED:
                msg = (
                    f"server refused retention {until.isoformat()} for {key!r} "
                    f"({_code(exc)}: retention only grows)"
                )
                raise RetentionError(msg) from exc
            raise

    def extend_retention(self, keys: Sequence[str], until: datetime) -> None:
        """Raise retention of every key to ``until`` (keys already later are kept)."""

        def one(key: str) -> None:
            current = self.retention(key)
            if current is None or until > current:
                self.set_retention(key, until)

        for future in [self._pool.submit(one, k) for k in keys]:
            future.result()

    def set_legal_hold(self, keys: Sequence[str], on: bool) -> None:
        """Turn the legal hold ON or OFF for every key's current version."""
        status = "ON" if on else "OFF"
        for key in keys:
            self._s3.put_object_legal_hold(
                Bucket=self.bucket, Key=self._key(key), LegalHold={"Status": status}
            )

    def delete(self, key: str) -> None:
        """Delete the current VERSION (not a marker); the server decides."""
        full = self._key(key)
        try:
            head = self._s3.head_object(Bucket=self.bucket, Key=full)
            self._s3.delete_object(Bucket=self.bucket, Key=full, VersionId=head["VersionId"])
        except ClientError as exc:
            if _code(exc) in _REFUSED:
                msg = f"server refused to delete {key!r} ({_code(exc)}: locked or on hold)"
                raise RetentionError(msg) from exc
            msg = f"delete of {key!r} failed ({_code(exc)})"
            raise EvidenceError(msg) from exc
