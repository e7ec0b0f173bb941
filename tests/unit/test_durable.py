"""The durable atomic-write helper: fsync the file, rename, then fsync the folder."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tipline.sinks import durable
from tipline.sinks.durable import create_new, publish, write_atomic
from tipline.sinks.keystore import LocalKeyStore


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """Wrap the helper's own system calls (the real ones still run) and record their order."""
    seen: list[tuple[str, str]] = []

    def on_fd(name: str, real: Callable[[int], None]) -> Callable[[int], None]:
        def wrapper(fd: int) -> None:
            target = Path(os.readlink(f"/proc/self/fd/{fd}"))
            seen.append((name, "dir" if target.is_dir() else target.name))
            real(fd)

        return wrapper

    def on_paths(name: str, real: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
        def wrapper(src: Any, dst: Any) -> None:
            seen.append((name, Path(dst).name))
            real(src, dst)

        return wrapper

    monkeypatch.setattr(durable.OPS, "fsync", on_fd("fsync", os.fsync))
    monkeypatch.setattr(durable.OPS, "replace", on_paths("replace", os.replace))
    monkeypatch.setattr(durable.OPS, "link", on_paths("link", os.link))
    yield seen


def _temp_fsynced_first(seen: list[tuple[str, str]], move: str, name: str) -> None:
    assert [c[0] for c in seen] == ["fsync", move, "fsync"]
    assert seen[0][1].startswith(".") and seen[0][1].endswith(".tmp")  # the temp file
    assert seen[1] == (move, name)
    assert seen[2] == ("fsync", "dir")


def test_write_atomic_fsyncs_the_file_before_the_rename_and_the_folder_after(
    tmp_path: Path, calls: list[tuple[str, str]]
) -> None:
    target = tmp_path / "a.json"
    target.write_bytes(b"old")
    write_atomic(target, b"new", mode=0o600)
    _temp_fsynced_first(calls, "replace", "a.json")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]  # no temp file left


def test_create_new_links_only_a_fsynced_file_and_never_overwrites(
    tmp_path: Path, calls: list[tuple[str, str]]
) -> None:
    target = tmp_path / "k.key"
    assert create_new(target, b"first", mode=0o600)
    _temp_fsynced_first(calls, "link", "k.key")
    assert not create_new(target, b"second")
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["k.key"]


def test_publish_syncs_a_file_written_by_someone_else(
    tmp_path: Path, calls: list[tuple[str, str]]
) -> None:
    tmp = tmp_path / ".part.parquet.tmp"
    tmp.write_bytes(b"rows")
    publish(tmp, tmp_path / "part.parquet")
    _temp_fsynced_first(calls, "replace", "part.parquet")
    assert (tmp_path / "part.parquet").read_bytes() == b"rows"


def test_a_failed_rename_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(durable.OPS, "replace", refuse)
    with pytest.raises(OSError, match="No space"):
        write_atomic(tmp_path / "x", b"data")
    assert list(tmp_path.iterdir()) == []


def test_the_key_store_writes_through_the_helper(
    tmp_path: Path, calls: list[tuple[str, str]]
) -> None:
    """A sink's durable write (a wrapped key: create, then a rewrap) follows the same order."""
    store = LocalKeyStore(tmp_path / "keys")
    assert store.put("pkg-1", b"wrapped-1")
    _temp_fsynced_first(calls, "link", "pkg-1.key.json")
    calls.clear()
    assert store.replace("pkg-1", b"wrapped-2")
    _temp_fsynced_first(calls, "replace", "pkg-1.key.json")
    assert store.get("pkg-1") == b"wrapped-2"


@pytest.mark.skipif(not durable.syncfs_available(), reason="syncfs(2) is Linux-only")
def test_the_loaded_syncfs_flushes_a_real_folder_and_reports_errno(tmp_path: Path) -> None:
    """``_load_syncfs`` itself (the module calls it once at import, before any test)."""
    syncfs = durable._load_syncfs()
    assert syncfs is not None
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        assert syncfs(fd) is None
    finally:
        os.close(fd)
    with pytest.raises(OSError, match="Bad file descriptor") as failed:
        syncfs(-1)
    assert failed.value.errno == errno.EBADF


def test_without_syncfs_a_barrier_fails_and_names_the_fallback() -> None:
    with pytest.raises(
        OSError, match=r"^syncfs\(2\) is not available on this platform \(use method 'fsync'\)$"
    ):
        durable._no_syncfs(3)


def test_without_a_syncfs_symbol_or_a_libc_the_helper_falls_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No ``syncfs`` in libc (macOS) or no libc to load: None, so barriers use fsync."""
    monkeypatch.setattr(durable.ctypes, "CDLL", lambda *_args, **_kw: object())
    assert durable._load_syncfs() is None

    def no_libc(*_args: object, **_kw: object) -> object:
        raise OSError("no libc")

    monkeypatch.setattr(durable.ctypes, "CDLL", no_libc)
    assert durable._load_syncfs() is None


@pytest.mark.skipif(sys.platform != "linux", reason="syncfs(2) is Linux-only")
def test_linux_has_syncfs_and_a_write_group_uses_it() -> None:
    assert durable.syncfs_available()
    assert durable.WriteGroup().method == "syncfs"


def test_a_write_group_syncs_every_file_system_it_staged_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = Path(tempfile.mkdtemp(dir="/dev/shm")) if Path("/dev/shm").is_dir() else None
    if other is None or other.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("needs a second file system (/dev/shm)")
    synced: list[int] = []
    monkeypatch.setattr(durable.OPS, "syncfs", lambda fd: synced.append(os.fstat(fd).st_dev))
    try:
        group = durable.WriteGroup(method="syncfs")
        group.stage(tmp_path / "a.bin", b"a")
        group.stage(other / "b.bin", b"b")
        group.sync_contents()
        assert sorted(synced) == sorted({tmp_path.stat().st_dev, other.stat().st_dev})
        group.discard()
    finally:
        shutil.rmtree(other)
