from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from evidence_vault_contract import VaultContract, soon

from tipline.schemas.errors import EvidenceError
from tipline.sinks.keystore import LocalKeyStore
from tipline.sinks.vault_local import LocalVault


class Clock:
    def __init__(self) -> None:
        self.at = datetime.now(UTC)

    def now(self) -> datetime:
        return self.at


class TestLocalVaultContract(VaultContract):
    @pytest.fixture
    def vault(self, tmp_path: Path) -> LocalVault:
        return LocalVault(tmp_path / "vault", clock=Clock())

    def wait_past(self, vault: Any, until: datetime) -> None:
        vault._clock.at = until + timedelta(seconds=1)


def test_objects_are_read_only_files(tmp_path: Path) -> None:
    vault = LocalVault(tmp_path)
    vault.put_objects([("a/b.bin", b"x")], retain_until=soon())
    mode = stat.S_IMODE(os.stat(tmp_path / "objects" / "a" / "b.bin").st_mode)
    assert mode == 0o444


def test_keys_cannot_escape_the_vault(tmp_path: Path) -> None:
    vault = LocalVault(tmp_path / "v")
    with pytest.raises(EvidenceError, match="not a relative path"):
        vault.get("../x")


def test_local_key_store_destroy_forgets_the_key(tmp_path: Path) -> None:
    store = LocalKeyStore(tmp_path / "keys")
    assert store.put("pkg-1", b"wrapped")
    assert not store.put("pkg-1", b"other")
    assert store.get("pkg-1") == b"wrapped"
    assert stat.S_IMODE(os.stat(tmp_path / "keys" / "pkg-1.key.json").st_mode) == 0o600
    assert store.destroy("pkg-1")
    assert store.get("pkg-1") is None
    assert not store.destroy("pkg-1")
    assert list((tmp_path / "keys").iterdir()) == []


def test_local_key_store_replace_list_and_no_resurrection(tmp_path: Path) -> None:
    store = LocalKeyStore(tmp_path / "keys")
    assert store.put("pkg-1", b"old") and store.put("pkg-2", b"two")
    assert store.list_ids() == ["pkg-1", "pkg-2"]
    assert store.replace("pkg-1", b"new")
    assert store.get("pkg-1") == b"new"
    assert stat.S_IMODE(os.stat(tmp_path / "keys" / "pkg-1.key.json").st_mode) == 0o600
    # a temp copy left by a write killed mid-way is shredded with the key
    (tmp_path / "keys" / ".pkg-2.key.json.abcd1234.tmp").write_bytes(b"two")
    assert store.destroy("pkg-2")
    assert not store.replace("pkg-2", b"resurrected")
    assert store.get("pkg-2") is None
    assert sorted(p.name for p in (tmp_path / "keys").iterdir()) == ["pkg-1.key.json"]
