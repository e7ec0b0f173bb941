"""LocalVault writes at their edges (mutation testing found each unexercised).

A failed temp-file write is raised as the vault's write error with the first
failure as its cause and leaves no temp file and no object; a name that
appears between the existence check and the link is accepted only when it
holds the same bytes; the link/sync order with exactly one item, with two
objects, and when a resumed package's items exist already; ``create``'s mode
and retain-until time.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from evidence_vault_contract import soon

from tipline.schemas.errors import VaultWriteError
from tipline.sinks import durable, vault_local
from tipline.sinks.vault_local import LocalVault

OBJECTS = [("p/items/a.bin", b"a" * 10), ("p/items/b.bin", b"b" * 10), ("p/manifest.json", b"m")]


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_a_failed_write_raises_its_first_error_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = vault_local.write_temp

    def write_temp(path: Path, *args: object, **kwargs: object) -> Path:
        if path.name == "b.bin":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(vault_local, "write_temp", write_temp)
    vault = LocalVault(tmp_path / "vault")
    with pytest.raises(VaultWriteError) as failed:
        vault.put_objects(OBJECTS, retain_until=soon())
    assert str(failed.value) == (
        f"local vault {vault.location}: write failed ({os.strerror(errno.ENOSPC)})"
    )
    assert isinstance(failed.value.__cause__, OSError)
    assert failed.value.__cause__.errno == errno.ENOSPC
    assert _files(tmp_path / "vault") == []  # no temp file, no object


@pytest.mark.parametrize("same", [True, False])
def test_a_name_taken_meanwhile_is_accepted_only_with_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, same: bool
) -> None:
    vault = LocalVault(tmp_path / "vault")
    real = durable.OPS.link

    def link(tmp: Path, final: Path) -> None:
        if final.name == "a.bin":  # another writer links the name first
            final.write_bytes(b"a" * 10 if same else b"other")
            raise FileExistsError(errno.EEXIST, "File exists", str(final))
        real(tmp, final)

    monkeypatch.setattr(durable.OPS, "link", link)
    if same:
        vault.put_objects(OBJECTS, retain_until=soon())
        assert [vault.get(k) for k, _ in OBJECTS] == [d for _, d in OBJECTS]
    else:
        with pytest.raises(
            VaultWriteError, match=r"'p/items/a\.bin' already exists with different"
        ):
            vault.put_objects(OBJECTS, retain_until=soon())
    assert not [f for f in _files(tmp_path / "vault") if f.endswith(".tmp")]


def _record(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names linked and folders fsynced, in order (temp-file fsyncs left out)."""
    seen: list[str] = []
    lock = threading.Lock()
    real_fsync, real_link = durable.OPS.fsync, durable.OPS.link

    def fsync(fd: int) -> None:
        target = Path(os.readlink(f"/proc/self/fd/{fd}"))
        if target.is_dir():
            with lock:
                seen.append(f"sync {target.name}")
        real_fsync(fd)

    def link(tmp: Path, final: Path) -> None:
        with lock:
            seen.append(f"link {final.name}")
        real_link(tmp, final)

    monkeypatch.setattr(durable.OPS, "fsync", fsync)
    monkeypatch.setattr(durable.OPS, "link", link)
    return seen


def _consecutive(seen: list[str], *names: str) -> bool:
    at = seen.index(f"link {names[0]}")
    return seen[at : at + len(names)] == [f"link {n}" for n in names]


def test_one_item_is_linked_and_its_folder_synced_before_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = LocalVault(tmp_path / "vault")
    seen = _record(monkeypatch)
    vault.put_objects(
        [*OBJECTS[:1], ("p/m/v1.json", b"m"), ("p/m/v1.sig", b"s")], retain_until=soon()
    )
    assert seen.index("link a.bin") < seen.index("sync items") < seen.index("link v1.json")
    assert _consecutive(seen, "v1.json", "v1.sig")


def test_two_objects_or_a_resumed_manifest_are_linked_together_then_synced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = LocalVault(tmp_path / "vault")
    vault.put_objects(OBJECTS[:1], retain_until=soon())  # the item is there already
    seen = _record(monkeypatch)
    vault.put_objects(
        [*OBJECTS[:1], ("p/m/v1.json", b"m"), ("p/m/v1.sig", b"s")], retain_until=soon()
    )
    assert _consecutive(seen, "v1.json", "v1.sig")
    assert "link a.bin" not in seen
    seen.clear()
    vault.put_objects([("p/m/v2.json", b"m2"), ("p/m/v2.sig", b"s2")], retain_until=soon())
    assert seen == ["link v2.json", "link v2.sig", "sync m"]


def test_create_makes_a_read_only_object_retained_until_the_given_time(tmp_path: Path) -> None:
    vault = LocalVault(tmp_path / "vault")
    until = datetime(2031, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert vault.create("p/custody/00000000.json", b"{}", retain_until=until)
    path = tmp_path / "vault" / "objects" / "p" / "custody" / "00000000.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert vault.retention("p/custody/00000000.json") == until


def test_create_in_fresh_folders_syncs_each_new_folder_deepest_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = LocalVault(tmp_path / "vault")
    seen = _record(monkeypatch)
    assert vault.create("p/custody/2031/00000000.json", b"{}", retain_until=soon())
    # create_new syncs the new name's folder; then every folder made for it is
    # synced, deepest first, up to (and including) objects/
    assert [s for s in seen if s.startswith("sync")] == [
        "sync 2031",
        "sync 2031",
        "sync custody",
        "sync p",
        "sync objects",
    ]
    seen.clear()
    assert vault.create("p/custody/2031/00000001.json", b"{}", retain_until=soon())
    # the folders exist now: only the new name's own folder is synced
    assert [s for s in seen if s.startswith("sync")] == ["sync 2031", "sync 2031"]


def test_put_objects_syncs_new_folders_deepest_first_once_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = LocalVault(tmp_path / "vault")
    seen = _record(monkeypatch)
    vault.put_objects(
        [("p/items/x/a.bin", b"a"), ("p/items/y/b.bin", b"b"), ("p/m/v1.json", b"m")],
        retain_until=soon(),
    )
    syncs = [s for s in seen if s.startswith("sync")]
    # the leading item: its folder and each folder made for it, deepest first
    assert syncs[:4] == ["sync x", "sync items", "sync p", "sync objects"]
    # the trailing two: y, then items (y's fresh parent) and m at one depth, then p
    # (m's parent, made by the first group, is synced again: m is a new name in it)
    assert syncs[4] == "sync y"
    assert sorted(syncs[5:7]) == ["sync items", "sync m"]
    assert syncs[7:] == ["sync p"]


def test_a_folder_made_by_another_writer_after_the_check_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = LocalVault(tmp_path / "vault")
    contested = tmp_path / "vault" / "objects" / "p"
    real_is_dir = Path.is_dir

    def is_dir(self: Path) -> bool:
        found = real_is_dir(self)
        if self == contested and not found:
            contested.mkdir()  # the other writer wins the race right after our check
        return found

    monkeypatch.setattr(Path, "is_dir", is_dir)
    assert vault.create("p/custody/00000000.json", b"{}", retain_until=soon())
    assert vault.get("p/custody/00000000.json") == b"{}"


def test_a_failed_create_names_the_key_and_the_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = LocalVault(tmp_path / "vault")

    def full(*args: object, **kwargs: object) -> bool:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(vault_local, "create_new", full)
    with pytest.raises(VaultWriteError) as failed:
        vault.create("p/custody/00000000.json", b"{}", retain_until=soon())
    assert str(failed.value) == (
        f"local vault {vault.location}: write of 'p/custody/00000000.json' failed "
        f"({os.strerror(errno.ENOSPC)})"
    )
    assert isinstance(failed.value.__cause__, OSError)


def test_create_loses_a_race_to_another_writer_without_overwriting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name appears between ``create``'s existence check and its link: False, bytes kept."""
    vault = LocalVault(tmp_path)
    real = vault_local.create_new

    def racing(path: Path, data: bytes, **kwargs: object) -> bool:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"the other writer's")
        return real(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(vault_local, "create_new", racing)
    assert vault.create("p/custody.log", b"mine", retain_until=soon()) is False
    assert (tmp_path / "objects" / "p" / "custody.log").read_bytes() == b"the other writer's"
