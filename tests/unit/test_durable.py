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


# ---------------------------------------------------------------- issue 19: mutation survivors


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_file_mode_is_0644_everywhere(tmp_path: Path, umask_022: None) -> None:
    assert _mode(durable.write_temp(tmp_path / "t", b"x")) == 0o644
    assert _mode(write_atomic(tmp_path / "a", b"x")) == 0o644
    assert create_new(tmp_path / "c", b"x")
    assert _mode(tmp_path / "c") == 0o644
    group = durable.WriteGroup(method="fsync")
    group.stage(tmp_path / "g", b"x")
    group.sync_contents()
    assert group.link(tmp_path / "g")
    assert _mode(tmp_path / "g") == 0o644


def test_write_temp_refuses_a_planted_symlink_at_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """O_EXCL | O_NOFOLLOW: a link planted at the temp name is neither followed nor reused."""

    class FixedUuid:
        hex = "0123456789abcdef"

    monkeypatch.setattr(durable.uuid, "uuid4", FixedUuid)
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    (tmp_path / ".out.01234567.tmp").symlink_to(victim)
    with pytest.raises(FileExistsError):
        durable.write_temp(tmp_path / "out", b"attacker")
    assert victim.read_bytes() == b"keep"


def test_a_failed_fsync_raises_its_own_error_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(durable.OPS, "fsync", full)
    with pytest.raises(OSError, match="No space") as raised:
        durable.write_temp(tmp_path / "out", b"data")
    assert raised.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


def test_write_group_falls_back_to_fsync_only_without_syncfs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(durable, "syncfs_available", lambda: True)
    assert durable.WriteGroup().method == "syncfs"
    assert durable.WriteGroup(method="fsync").method == "fsync"
    monkeypatch.setattr(durable, "syncfs_available", lambda: False)
    assert durable.WriteGroup().method == "fsync"
    assert durable.WriteGroup(method="syncfs").method == "fsync"
    assert durable.WriteGroup(method="fsync").method == "fsync"


def test_staging_twice_names_the_file(tmp_path: Path) -> None:
    group = durable.WriteGroup(method="fsync")
    group.stage(tmp_path / "x", b"1")
    with pytest.raises(ValueError, match=r"x is staged twice in one write group"):
        group.stage(tmp_path / "x", b"2")
    group.discard()


@pytest.fixture
def synced(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every path fsync_path is given (the real fsync still runs)."""
    seen: list[Path] = []
    real = durable.fsync_path

    def spy(path: Path) -> None:
        seen.append(Path(path))
        real(path)

    monkeypatch.setattr(durable, "fsync_path", spy)
    return seen


def test_stage_does_not_sync_and_the_content_barrier_syncs_files_and_new_folders(
    tmp_path: Path, synced: list[Path], calls: list[tuple[str, str]]
) -> None:
    group = durable.WriteGroup(method="fsync", dir_mode=0o700)
    target = tmp_path / "a" / "b" / "file"
    group.stage(target, b"bytes")
    assert calls == [], "stage leaves the fsync to the content barrier"
    assert _mode(tmp_path / "a") == 0o700
    assert _mode(tmp_path / "a" / "b") == 0o700
    temps = [p for p in (tmp_path / "a" / "b").iterdir()]
    group.sync_contents()
    # the staged temp file, and the parents of both new folders (their names)
    assert set(synced) == {*temps, tmp_path, tmp_path / "a"}
    synced.clear()
    assert group.link(target)
    group.sync_names()
    assert synced == [target.parent]
    assert target.read_bytes() == b"bytes"


def test_a_folder_made_by_another_writer_meanwhile_is_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_mkdir = Path.mkdir

    def racing(self: Path, *args: Any, **kwargs: Any) -> None:
        if not self.exists():
            os.mkdir(self)  # another writer wins the race
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", racing)
    group = durable.WriteGroup(method="fsync")
    group.stage(tmp_path / "new" / "file", b"x")
    group.sync_contents()
    assert group.link(tmp_path / "new" / "file")


def test_link_refuses_an_existing_name_and_keeps_its_bytes(tmp_path: Path) -> None:
    (tmp_path / "x").write_bytes(b"first")
    group = durable.WriteGroup(method="fsync")
    group.stage(tmp_path / "x", b"second")
    group.sync_contents()
    assert group.link(tmp_path / "x") is False
    assert (tmp_path / "x").read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["x"], "the temp file is gone"
    group.sync_names()
