"""The one durable atomic-write helper: temp file in the same folder, fsync, rename, fsync folder.

Every sink that must not leave half a file (vault objects, key files, drafts,
appeals, lake files, JSONL markers, review pages, hash-list CSVs) writes
through here, so the order that makes a write survive a crash is written once:

1. write the bytes to a new temporary file *in the destination's folder*
   (a rename across file systems is not atomic), created exclusively;
2. ``fsync`` the temporary file (its bytes are on disk before its name is);
3. rename it over the destination (``os.replace``) — or hard-link it to a
   name that must not exist yet (:func:`create_new`);
4. ``fsync`` the folder (the new name is on disk).

A failure at any step removes the temporary file. The system calls go
through :data:`OPS`, so a test can wrap them and watch the order.

Group commit (:class:`WriteGroup`) keeps the same rule — a name appears only
once its bytes are durable — for many create-only files at once, with a few
syncs instead of two per file: every file is written to its temporary name
without a sync, one *content barrier* makes all of them durable, then the
names are linked in caller-given phases, each followed by a *name barrier*,
so that nothing of a later phase exists on disk before every name of the
earlier phases does. A barrier is one ``syncfs(2)`` per file system (Linux;
it also flushes other writers' data on that file system), or ``fsync`` of
every file and then of every folder touched (``method = "fsync"``).
"""

from __future__ import annotations

import ctypes
import os
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

SyncMethod = Literal["syncfs", "fsync"]


def _load_syncfs() -> Callable[[int], None] | None:
    """Return ``syncfs(2)`` through libc, or None where the platform has none."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)  # the process's own symbols, libc among them
    except OSError:
        return None
    call = getattr(libc, "syncfs", None)
    if call is None:
        return None
    call.argtypes = [ctypes.c_int]

    def syncfs(fd: int) -> None:
        if call(fd) != 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))

    return syncfs


_SYNCFS: Final = _load_syncfs()


def _no_syncfs(fd: int) -> None:
    del fd
    msg = "syncfs(2) is not available on this platform (use method 'fsync')"
    raise OSError(msg)


@dataclass
class _Ops:
    """The system calls this module makes (wrapped by tests to observe their order)."""

    fsync: Callable[[int], None] = os.fsync
    replace: Callable[[Path, Path], None] = os.replace
    link: Callable[[Path, Path], None] = os.link
    syncfs: Callable[[int], None] = _SYNCFS or _no_syncfs


OPS: Final = _Ops()

_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)


def fsync_path(path: Path) -> None:
    """Flush a file's or a folder's metadata and bytes to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        OPS.fsync(fd)
    finally:
        os.close(fd)


def write_temp(
    path: Path, data: bytes, mode: int = 0o644, mtime: float | None = None, *, sync: bool = True
) -> Path:
    """Write ``data`` to a new temporary file beside ``path``, fsynced; return its path.

    ``mtime`` (seconds) is set before the fsync (the local vault stores
    retain-until there). ``sync=False`` leaves the fsync to a later barrier
    (:class:`WriteGroup`). On failure no temporary file is left behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if mtime is not None:
            os.utime(fd, (mtime, mtime))
        if sync:
            OPS.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)  # a failed write (disk full) leaves no temp file
        raise
    os.close(fd)
    return tmp


def publish(tmp: Path, final: Path, *, durable: bool = True) -> Path:
    """Move a fully written temporary file into place: fsync it, rename, fsync the folder.

    For writers that produce the temporary file themselves (Parquet, CSV).
    ``durable=False`` only renames (the caller syncs later, e.g. at a snapshot).
    """
    try:
        if durable:
            fsync_path(tmp)
        OPS.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a failed write leaves no partial file behind
        raise
    if durable:
        fsync_path(final.parent)
    return final


def write_atomic(path: Path, data: bytes, *, mode: int = 0o644) -> Path:
    """Replace ``path`` with ``data`` atomically and durably (old or new, never half)."""
    tmp = write_temp(path, data, mode)
    try:
        OPS.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_path(path.parent)
    return path


def create_new(path: Path, data: bytes, *, mode: int = 0o644, mtime: float | None = None) -> bool:
    """Create ``path`` with ``data`` only if it does not exist (``os.link`` refuses a name).

    Returns False, writing nothing, when ``path`` exists already.
    """
    tmp = write_temp(path, data, mode, mtime)
    try:
        OPS.link(tmp, path)
    except FileExistsError:
        return False
    finally:
        tmp.unlink()
    fsync_path(path.parent)
    return True


def syncfs_available() -> bool:
    """Whether ``syncfs(2)`` can be called here (Linux)."""
    return _SYNCFS is not None


_GROUP_POOL: Final = ThreadPoolExecutor(max_workers=8, thread_name_prefix="group-fsync")


@dataclass
class WriteGroup:
    """Create-only files made durable together: group commit (module docstring).

    Use: :meth:`stage` every file, :meth:`sync_contents` once, then for each
    phase :meth:`link` its files and :meth:`sync_names`; :meth:`discard` in a
    ``finally`` removes the temporary files of anything not linked.
    """

    method: SyncMethod = "syncfs"
    dir_mode: int = 0o777
    _temps: dict[Path, Path] = field(default_factory=dict)  # final name -> temporary file
    _fresh_dirs: list[Path] = field(default_factory=list)
    _named_dirs: set[Path] = field(default_factory=set)
    _devices: dict[int, Path] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.method == "syncfs" and not syncfs_available():
            self.method = "fsync"

    def stage(
        self, path: Path, data: bytes, *, mode: int = 0o644, mtime: float | None = None
    ) -> None:
        """Write ``data`` to a temporary file beside ``path`` (not synced, not named yet)."""
        if path in self._temps:
            msg = f"{path} is staged twice in one write group"
            raise ValueError(msg)
        self._mkdirs(path.parent)
        self._temps[path] = write_temp(path, data, mode, mtime, sync=False)
        self._devices.setdefault(path.parent.stat().st_dev, path.parent)

    def _mkdirs(self, folder: Path) -> None:
        missing: list[Path] = []
        while not folder.is_dir():
            missing.append(folder)
            folder = folder.parent
        for directory in reversed(missing):
            directory.mkdir(mode=self.dir_mode, exist_ok=True)
            self._fresh_dirs.append(directory)

    def sync_contents(self) -> None:
        """Content barrier: every staged file's bytes, and every new folder, are durable."""
        if self.method == "syncfs":
            self._syncfs()
        else:
            _fsync_all([*self._temps.values(), *(d.parent for d in self._fresh_dirs)])
        self._fresh_dirs.clear()

    def link(self, path: Path) -> bool:
        """Give the staged file its name (create-only); False when the name exists already.

        Call after :meth:`sync_contents`; the name is durable after the next
        :meth:`sync_names`.
        """
        tmp = self._temps.pop(path)
        try:
            OPS.link(tmp, path)
        except FileExistsError:
            return False
        finally:
            tmp.unlink()
        self._named_dirs.add(path.parent)
        return True

    def sync_names(self) -> None:
        """Name barrier: every name linked so far is durable."""
        if not self._named_dirs:
            return
        if self.method == "syncfs":
            self._syncfs()
        else:
            _fsync_all(sorted(self._named_dirs))
        self._named_dirs.clear()

    def discard(self) -> None:
        """Remove the temporary files of everything staged and not linked."""
        for tmp in self._temps.values():
            tmp.unlink(missing_ok=True)
        self._temps.clear()

    def _syncfs(self) -> None:
        for folder in self._devices.values():
            fd = os.open(folder, os.O_RDONLY)
            try:
                OPS.syncfs(fd)
            finally:
                os.close(fd)


def _fsync_all(paths: Sequence[Path]) -> None:
    """Fsync every path, concurrently (the file system joins concurrent fsyncs in one commit)."""
    for future in [_GROUP_POOL.submit(fsync_path, p) for p in paths]:
        future.result()
