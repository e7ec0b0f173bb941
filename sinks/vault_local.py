"""Local directory vault: the embedded default behind the same ``Vault`` interface.

Objects live under ``<root>/objects/<key>``, created once (``os.link`` of a
fully written, fsynced temp file, so a reader never sees a partial object and
a second writer cannot replace it) and chmod read-only. Retention and the
legal-hold flag live in ``<root>/retention/<key>.json``; the code refuses to
shorten retention or delete before retain-until or under a hold. This is a
development backend: anyone with root on the host can bypass it, which is why
production uses S3 Object Lock in COMPLIANCE mode.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from schemas.errors import EvidenceError, RetentionError, VaultWriteError

_READ_ONLY: Final = 0o444
_POOL: Final = ThreadPoolExecutor(max_workers=4, thread_name_prefix="vault-fsync")


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_temp(path: Path, data: bytes, mode: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    return tmp


class LocalVault:
    """A WORM-by-convention vault in a local directory."""

    def __init__(self, root: str | Path, *, clock: Callable[[], datetime] = _utcnow) -> None:
        self.root: Final = Path(root).resolve()
        self._objects = self.root / "objects"
        self._retention = self.root / "retention"
        self._clock = clock
        self._objects.mkdir(parents=True, exist_ok=True)
        self._retention.mkdir(parents=True, exist_ok=True)

    @property
    def location(self) -> str:
        """``file://`` URI of the vault root."""
        return self.root.as_uri()

    def _path(self, key: str) -> Path:
        if not key or key.startswith("/") or ".." in key.split("/"):
            msg = f"vault key {key!r} is not a relative path without '..'"
            raise EvidenceError(msg)
        return self._objects / key

    def _meta_path(self, key: str) -> Path:
        return self._retention / f"{key}.json"

    # -------------------------------------------------------------- writes

    def put_objects(self, objects: Sequence[tuple[str, bytes]], *, retain_until: datetime) -> None:
        """Create every object durably (fsyncs run in parallel)."""
        try:
            fresh = [(k, d) for k, d in objects if not self._same_exists(k, d)]
            metas = list(_POOL.map(lambda kd: self._stage_meta(kd[0], retain_until), fresh))
            temps = list(
                _POOL.map(lambda kd: _write_temp(self._path(kd[0]), kd[1], _READ_ONLY), fresh)
            )
            for (key, data), meta_tmp, tmp in zip(fresh, metas, temps, strict=True):
                os.replace(meta_tmp, self._meta_path(key))
                self._link(tmp, key, data)
            for parent in {self._path(k).parent for k, _ in fresh} | {
                self._meta_path(k).parent for k, _ in fresh
            }:
                _fsync_dir(parent)
        except OSError as exc:
            msg = f"local vault {self.location}: write failed ({exc.strerror})"
            raise VaultWriteError(msg) from exc

    def _stage_meta(self, key: str, retain_until: datetime) -> Path:
        current = self.retention(key)
        until = current if current is not None and current > retain_until else retain_until
        meta = {"retain_until": until.isoformat(), "legal_hold": self.legal_hold(key)}
        return _write_temp(self._meta_path(key), json.dumps(meta).encode(), 0o644)

    def _same_exists(self, key: str, data: bytes) -> bool:
        path = self._path(key)
        if not path.exists():
            return False
        if hashlib.sha256(path.read_bytes()).digest() != hashlib.sha256(data).digest():
            msg = f"vault object {key!r} already exists with different bytes (expected identical)"
            raise VaultWriteError(msg)
        return True

    def _link(self, tmp: Path, key: str, data: bytes) -> None:
        try:
            os.link(tmp, self._path(key))
        except FileExistsError:
            self._same_exists(key, data)
        finally:
            tmp.unlink()

    def create(self, key: str, data: bytes, *, retain_until: datetime) -> bool:
        """Create ``key`` only if absent (``os.link`` refuses an existing name)."""
        path = self._path(key)
        if path.exists():
            return False
        try:
            os.replace(self._stage_meta(key, retain_until), self._meta_path(key))
            tmp = _write_temp(path, data, _READ_ONLY)
            try:
                os.link(tmp, path)
            except FileExistsError:
                return False
            finally:
                tmp.unlink()
            _fsync_dir(path.parent)
        except OSError as exc:
            msg = f"local vault {self.location}: write of {key!r} failed ({exc.strerror})"
            raise VaultWriteError(msg) from exc
        return True

    # -------------------------------------------------------------- reads

    def get(self, key: str) -> bytes:
        """Return the object's bytes."""
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError as exc:
            msg = f"vault object {key!r} does not exist in {self.location}"
            raise EvidenceError(msg) from exc

    def exists(self, key: str) -> bool:
        """Return True when the object exists."""
        return self._path(key).is_file()

    def list_keys(self, prefix: str) -> list[str]:
        """Every key under ``prefix``, sorted (temp files excluded)."""
        base = self._objects / prefix.rsplit("/", 1)[0] if "/" in prefix else self._objects
        if not base.is_dir():
            return []
        keys = (
            p.relative_to(self._objects).as_posix()
            for p in base.rglob("*")
            if p.is_file() and not p.name.startswith(".")
        )
        return sorted(k for k in keys if k.startswith(prefix))

    def version_count(self, key: str) -> int:
        """Return 1: a local object has one version (it is never overwritten in place)."""
        return 1 if self.exists(key) else 0

    def _read_meta(self, key: str) -> dict[str, object]:
        try:
            loaded: dict[str, object] = json.loads(self._meta_path(key).read_text())
        except FileNotFoundError:
            return {}
        return loaded

    def retention(self, key: str) -> datetime | None:
        """Return the recorded retain-until date."""
        value = self._read_meta(key).get("retain_until")
        return datetime.fromisoformat(str(value)) if value else None

    def legal_hold(self, key: str) -> bool:
        """Whether the legal-hold flag is on."""
        return bool(self._read_meta(key).get("legal_hold"))

    # -------------------------------------------------------------- retention

    def _write_meta(self, key: str, until: datetime | None, hold: bool) -> None:
        meta = {"retain_until": until.isoformat() if until else None, "legal_hold": hold}
        tmp = _write_temp(self._meta_path(key), json.dumps(meta).encode(), 0o644)
        os.replace(tmp, self._meta_path(key))
        _fsync_dir(self._meta_path(key).parent)

    def extend_retention(self, keys: Sequence[str], until: datetime) -> None:
        """Raise retention to ``until`` (never lowers it)."""
        for key in keys:
            self._require(key)
            current = self.retention(key)
            if current is None or until > current:
                self._write_meta(key, until, self.legal_hold(key))

    def set_retention(self, key: str, until: datetime) -> None:
        """Set retention to ``until``; refused when that would shorten it."""
        current = self.retention(key)
        if current is not None and until < current:
            msg = (
                f"retention of {key!r} is {current.isoformat()}; "
                f"{until.isoformat()} would shorten it (retention only grows)"
            )
            raise RetentionError(msg)
        self.extend_retention([key], until)

    def set_legal_hold(self, keys: Sequence[str], on: bool) -> None:
        """Turn the legal-hold flag on or off."""
        for key in keys:
            self._require(key)
            self._write_meta(key, self.retention(key), on)

    def _require(self, key: str) -> None:
        if not self.exists(key):
            msg = f"vault object {key!r} does not exist in {self.location}"
            raise EvidenceError(msg)

    def delete(self, key: str) -> None:
        """Delete an object whose retention has expired and that has no hold."""
        self._require(key)
        until = self.retention(key)
        if self.legal_hold(key):
            msg = f"vault object {key!r} is under a legal hold (expected the hold released)"
            raise RetentionError(msg)
        if until is None or until > self._clock():
            shown = until.isoformat() if until else "unset"
            msg = f"vault object {key!r} is retained until {shown} (delete refused)"
            raise RetentionError(msg)
        path = self._path(key)
        path.chmod(0o644)
        path.unlink()
        self._meta_path(key).unlink(missing_ok=True)
