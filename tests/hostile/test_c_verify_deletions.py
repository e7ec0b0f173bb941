"""Part C, finding High-4: ``evidence verify --all`` must see deletions.

Each test packages evidence, adds a following message (manifest v2) and an
export (custody), lets ``tipline evidence checkpoint`` sign the vault's
state, then deletes something on the local vault the way an insider with
file access would, and expects ``verify --all`` to exit 1 naming it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.unit.evidence.evidence_helpers import (
    T0,
    inline,
    make_decision,
    make_event,
    noise_bytes,
    with_roles,
)
from tipline.cli.main import main
from tipline.schemas.config import load_config
from tipline.services.evidence import build_evidence_service


@dataclass
class Vault:
    config: Path
    objects: Path
    package: str
    other: str


@pytest.fixture
def vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Vault]:
    for name in ("TIPLINE_OPERATOR", "TIPLINE_MASTER_KEY", "TIPLINE_SIGNING_KEY"):
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "t.toml"
    config.write_text(
        f'[evidence]\npath = "{tmp_path / "vault"}"\n[evidence.access]\n'
        'operators = { "bob" = ["exporter"] }\n'
        f'[reports]\npath = "{tmp_path / "reports"}"\n'
    )
    service = with_roles(build_evidence_service(load_config(config).evidence, env={}))
    pids = []
    for n in (1, 2):
        event = make_event(n, attachments=[inline("att-1", noise_bytes(512, seed=n))])
        pids.append(
            service.package(
                make_decision(event), event, attachments={}, context=[], now=T0
            ).package_id
        )
    service.add_contexts(pids[0], [make_event(9)], T0)
    service.open_items(
        pids[0], ["message"], operator="bob", reason="c-1", now=T0, action="exported"
    )
    assert main(["evidence", "checkpoint", "--config", str(config)]) == 0
    yield Vault(config, tmp_path / "vault" / "objects", pids[0], pids[1])


def verify_all(vault: Vault, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["evidence", "verify", "--all", "--config", str(vault.config)])
    return code, capsys.readouterr().out


def test_an_untouched_vault_verifies(vault: Vault, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = verify_all(vault, capsys)
    assert code == 0, out
    assert "OK   vault: checkpoint 0 (2 packages" in out


def test_truncating_the_custody_log_is_reported(
    vault: Vault, capsys: pytest.CaptureFixture[str]
) -> None:
    custody = vault.objects / "packages" / vault.package / "custody"
    newest = sorted(p for p in custody.iterdir() if not p.name.startswith("checkpoint-"))[-1]
    for path in custody.glob(f"*{newest.name}"):  # the 'exported' event and its checkpoint
        path.unlink()
    code, out = verify_all(vault, capsys)
    assert code == 1
    assert f"package {vault.package!r}: custody log truncated" in out


def test_deleting_the_newest_manifest_version_is_reported(
    vault: Vault, capsys: pytest.CaptureFixture[str]
) -> None:
    manifests = vault.objects / "packages" / vault.package / "manifest"
    for path in manifests.glob("v0002*"):
        path.unlink()
    code, out = verify_all(vault, capsys)
    assert code == 1
    assert "manifest v0002 committed by checkpoints/vault-00000000.json is missing" in out
    # the package's own log also names it, without any vault checkpoint
    assert "records manifest SHA-256" in out


def test_removing_a_whole_package_is_reported(
    vault: Vault, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(vault.objects / "packages" / vault.other)
    code, out = verify_all(vault, capsys)
    assert code == 1
    assert f"package {vault.other!r}: missing (committed by" in out


def test_deleting_a_vault_checkpoint_leaves_a_gap(
    vault: Vault, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["evidence", "checkpoint", "--config", str(vault.config)]) == 0
    (vault.objects / "checkpoints" / "vault-00000000.json").unlink()
    code, out = verify_all(vault, capsys)
    assert code == 1
    assert "checkpoints/vault-00000000.json: missing (the chain has a gap)" in out


def test_a_forged_vault_checkpoint_is_rejected(
    vault: Vault, capsys: pytest.CaptureFixture[str]
) -> None:
    path = vault.objects / "checkpoints" / "vault-00000000.json"
    path.chmod(0o644)
    path.write_bytes(path.read_bytes().replace(b'"count":2', b'"count":1'))
    code, out = verify_all(vault, capsys)
    assert code == 1
    assert "entries do not match the signed root and count" in out
