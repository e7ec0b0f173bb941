"""Local directory vault: the embedded default behind the same ``Vault`` interface.

Objects live under ``<root>/objects/<key>``, created once (``os.link`` of a
fully written, fsynced temp file, so a reader never sees a partial object and
a second writer cannot replace it) and chmod read-only. As in NetApp
SnapLock, the retain-until date is the file's own timestamp (here ``mtime``,
which a read-only file never changes by itself): it is set before the link and
made durable by the same fsync, so retention costs no extra file. A legal hold
is a marker file under ``<root>/holds/``. The code refuses to shorten
retention or delete before retain-until or under a hold. This is a
development backend: root on the host can bypass it, which is why production
uses S3 Object Lock in COMPLIANCE mode.

:meth:`LocalVault.commit_phases` is the group commit of the flow's
``package-evidence`` step: every object of a batch of packages is written to
its temp file unsynced, one content barrier makes them durable, and each
phase's names are linked and made durable before the next phase's
(:class:`~tipline.sinks.durable.WriteGroup`; ``evidence.group_sync`` picks
``syncfs`` or per-file ``fsync``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from tipline.schemas.clock import SYSTEM_CLOCK, Clock
from tipline.schemas.errors import EvidenceError, RetentionError, VaultWriteError
from tipline.sinks.durable import (
    OPS,
    SyncMethod,
    WriteGroup,
    create_new,
    fsync_path,
    write_atomic,
    write_temp,
)
from tipline.sinks.vault import VaultWrite

_READ_ONLY: Final = 0o444
_POOL: Final = ThreadPoolExecutor(max_workers=8, thread_name_prefix="vault-write")


class LocalVault:
    """A WORM-by-convention vault in a local directory."""

    def __init__(
        self, root: str | Path, *, clock: Clock = SYSTEM_CLOCK, sync: SyncMethod = "syncfs"
    ) -> None:
        self.root: Final = Path(root).resolve()
        self._sync: Final = sync
        self._objects = self.root / "objects"
        self._holds = self.root / "holds"
        self._clock = clock
        self._fresh_dirs: set[Path] = set()
        self._objects.mkdir(parents=True, exist_ok=True)
        self._holds.mkdir(parents=True, exist_ok=True)

    @property
    def location(self) -> str:
        """``file://`` URI of the vault root."""
        return self.root.as_uri()

    def _path(self, key: str) -> Path:
        if not key or key.startswith("/") or ".." in key.split("/"):
            msg = f"vault key {key!r} is not a relative path without '..'"
            raise EvidenceError(msg)
        return self._objects / key

    def _hold_path(self, key: str) -> Path:
        return self._holds / f"{key}.hold"

    def _dirs_to_sync(self, keys: Sequence[str]) -> list[Path]:
        """Parents of the new names, plus parents of directories made this call."""
        dirs: set[Path] = set()
        for key in keys:
            parent = self._path(key).parent
            dirs.add(parent)
            while parent in self._fresh_dirs and parent != self._objects:
                self._fresh_dirs.discard(parent)
                parent = parent.parent
                dirs.add(parent)
        return sorted(dirs, key=lambda p: len(p.parts), reverse=True)

    def _mkdirs(self, keys: Sequence[str]) -> None:
        for key in keys:
            parent = self._path(key).parent
            missing: list[Path] = []
            while not parent.is_dir():
                missing.append(parent)
                parent = parent.parent
            for directory in reversed(missing):
                directory.mkdir(exist_ok=True)
                self._fresh_dirs.add(directory)

    # -------------------------------------------------------------- writes

    def put_objects(self, objects: Sequence[tuple[str, bytes]], *, retain_until: datetime) -> None:
        """Create every object durably; the last two are linked after the rest.

        Temp files are written and fsynced in parallel; the leading objects
        (items) are linked and their directories fsynced before the trailing
        ones (manifest, signature), so a manifest never outlives its items.
        """
        stamp = retain_until.timestamp()
        temps: list[Path] = []
        try:
            fresh = [(k, d) for k, d in objects if not self._same_exists(k, d)]
            self._mkdirs([k for k, _ in fresh])
            futures = [
                _POOL.submit(write_temp, self._path(k), d, _READ_ONLY, stamp) for k, d in fresh
            ]
            errors = []
            for future in futures:
                try:
                    temps.append(future.result())
                except OSError as exc:
                    errors.append(exc)
            if errors:
                raise errors[0]
            staged = list(zip(fresh, temps, strict=True))
            split = max(len(staged) - 2, 0) if len(objects) > 2 else 0
            for group in (staged[:split], staged[split:]):
                for (key, data), tmp in group:
                    self._link(tmp, key, data)
                for directory in self._dirs_to_sync([k for (k, _), _ in group]):
                    fsync_path(directory)
        except OSError as exc:
            msg = f"local vault {self.location}: write failed ({exc.strerror})"
            raise VaultWriteError(msg) from exc
        finally:
            for tmp in temps:  # linked ones are gone already; a failure leaves none behind
                tmp.unlink(missing_ok=True)

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
            OPS.link(tmp, self._path(key))
        except FileExistsError:
            self._same_exists(key, data)
        finally:
            tmp.unlink()

    def commit_phases(self, phases: Sequence[Sequence[VaultWrite]]) -> list[list[bool]]:
        """Create objects phase by phase with one content sync and one name sync per phase."""
        group = WriteGroup(self._sync)
        try:
            staged = [[self._stage(group, w) for w in phase] for phase in phases]
            group.sync_contents()
            done: list[list[bool]] = []
            for phase, fresh in zip(phases, staged, strict=True):
                done.append(
                    [self._name(group, w, new) for w, new in zip(phase, fresh, strict=True)]
                )
                group.sync_names()
        except OSError as exc:
            msg = f"local vault {self.location}: group write failed ({exc.strerror})"
            raise VaultWriteError(msg) from exc
        finally:
            group.discard()
        return done

    def _stage(self, group: WriteGroup, write: VaultWrite) -> bool:
        """Stage ``write`` unless its key exists (checked now); return whether it was staged."""
        if self._path(write.key).exists():
            if not write.conditional:
                self._same_exists(write.key, write.data)
            return False
        path, stamp = self._path(write.key), write.retain_until.timestamp()
        group.stage(path, write.data, mode=_READ_ONLY, mtime=stamp)
        return True

    def _name(self, group: WriteGroup, write: VaultWrite, staged: bool) -> bool:
        """Link a staged object; whether the key holds this write's object now."""
        if staged and group.link(self._path(write.key)):
            return True
        if write.conditional:
            return False
        return self._same_exists(write.key, write.data)

    def create(self, key: str, data: bytes, *, retain_until: datetime) -> bool:
        """Create ``key`` only if absent (``os.link`` refuses an existing name)."""
        path = self._path(key)
        if path.exists():
            return False
        try:
            self._mkdirs([key])
            if not create_new(path, data, mode=_READ_ONLY, mtime=retain_until.timestamp()):
                return False
            for directory in self._dirs_to_sync([key]):
                fsync_path(directory)
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

    def read_many(self, keys: Sequence[str]) -> list[bytes | None]:
        """Return each object's bytes, None where it does not exist."""
        out: list[bytes | None] = []
        for key in keys:
            try:
                out.append(self._path(key).read_bytes())
            except FileNotFoundError:
                out.append(None)
        return out

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

    def delete_markers(self, prefix: str) -> list[str]:
        """Return no keys: a directory keeps no markers (vault checkpoints catch deletions)."""
        del prefix
        return []

    def retention(self, key: str) -> datetime | None:
        """Return the retain-until date (the object's ``mtime``)."""
        try:
            return datetime.fromtimestamp(self._path(key).stat().st_mtime, UTC)
        except FileNotFoundError:
            return None

    def legal_hold(self, key: str) -> bool:
        """Whether the legal-hold marker exists."""
        return self._hold_path(key).exists()

    # -------------------------------------------------------------- retention

    def _set_mtime(self, key: str, until: datetime) -> None:
        path = self._path(key)
        stamp = until.timestamp()
        os.utime(path, (stamp, stamp))
        fsync_path(path)

    def extend_retention(self, keys: Sequence[str], until: datetime) -> None:
        """Raise retention to ``until`` (never lowers it)."""
        for key in keys:
            self._require(key)
            current = self.retention(key)
            if current is None or until > current:
                self._set_mtime(key, until)

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
        """Create or remove the legal-hold marker of every key."""
        for key in keys:
            self._require(key)
            marker = self._hold_path(key)
            if on and not marker.exists():
                write_atomic(marker, b"ON")
            elif not on and marker.exists():
                marker.unlink()
                fsync_path(marker.parent)

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
        if until is None or until > self._clock.now():
            shown = until.isoformat() if until else "unset"
            msg = f"vault object {key!r} is retained until {shown} (delete refused)"
            raise RetentionError(msg)
        self._path(key).unlink()
        fsync_path(self._path(key).parent)
