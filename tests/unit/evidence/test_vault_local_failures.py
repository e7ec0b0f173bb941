"""LocalVault.put_objects when a write fails or another writer wins the name.

A failed temp-file write is raised as the vault's write error with the
first failure as its cause and leaves no temp file and no object; a name that
appears between the existence check and the link is accepted only when it
holds the same bytes (mutation testing found neither path exercised).
"""

from __future__ import annotations

import errno
import os
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
