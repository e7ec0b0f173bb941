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
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final


@dataclass
class _Ops:
    """The system calls this module makes (wrapped by tests to observe their order)."""

    fsync: Callable[[int], None] = os.fsync
    replace: Callable[[Path, Path], None] = os.replace
    link: Callable[[Path, Path], None] = os.link


OPS: Final = _Ops()

_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)


def fsync_path(path: Path) -> None:
    """Flush a file's or a folder's metadata and bytes to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        OPS.fsync(fd)
    finally:
        os.close(fd)


def write_temp(path: Path, data: bytes, mode: int = 0o644, mtime: float | None = None) -> Path:
    """Write ``data`` to a new temporary file beside ``path``, fsynced; return its path.

    ``mtime`` (seconds) is set before the fsync (the local vault stores
    retain-until there). On failure no temporary file is left behind.
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
