"""The key-provider contract over ``env`` and ``file`` (``kms``: tests/integration)."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from evidence_helpers import evidence_config
from key_provider_contract import NOW, KeyProviderContract, package

from tests.unit.evidence.evidence_helpers import with_roles
from tipline.operators.evidence.keys import encode_wrapped
from tipline.schemas.errors import AccessDeniedError, ConfigError, EvidenceError
from tipline.schemas.evidence import KeyConfig
from tipline.services.evidence import EvidenceService, build_evidence_service
from tipline.services.keymgmt import rewrap, rotate_master, status


def _b64() -> str:
    return base64.b64encode(os.urandom(32)).decode()


class TestEnvProvider(KeyProviderContract):
    provider_name = "env"

    @pytest.fixture(autouse=True)
    def _env(self) -> None:
        self.env = {"TIPLINE_MASTER_KEY": _b64(), "TIPLINE_SIGNING_KEY": _b64()}

    def make_service(self, tmp_path: Path) -> EvidenceService:
        cfg = evidence_config(tmp_path, keys=KeyConfig(provider="env", allow_dev_keys=False))
        return with_roles(build_evidence_service(cfg, env=self.env))

    def rotate_env(self, tmp_path: Path) -> None:
        old = self.env["TIPLINE_MASTER_KEY"]
        self.env = {**self.env, "TIPLINE_MASTER_KEY": _b64(), "TIPLINE_MASTER_KEYS_PREVIOUS": old}


class TestFileProvider(KeyProviderContract):
    provider_name = "file"

    @pytest.fixture(autouse=True)
    def _env(self) -> None:
        self.env = {}

    def make_service(self, tmp_path: Path) -> EvidenceService:
        cfg = evidence_config(tmp_path, keys=KeyConfig(provider="file"))
        return with_roles(build_evidence_service(cfg, env=self.env))


def test_env_rotation_without_a_new_key_is_refused(tmp_path: Path) -> None:
    env = {"TIPLINE_MASTER_KEY": _b64(), "TIPLINE_SIGNING_KEY": _b64()}
    cfg = evidence_config(tmp_path, keys=KeyConfig(provider="env"))
    service = with_roles(build_evidence_service(cfg, env=env))
    rotate_master(service, env, operator="alice", reason="first", now=NOW)
    with pytest.raises(ConfigError, match="registered already"):
        rotate_master(service, env, operator="alice", reason="again", now=NOW)


def test_env_provider_without_the_old_key_cannot_open_old_packages(tmp_path: Path) -> None:
    env = {"TIPLINE_MASTER_KEY": _b64(), "TIPLINE_SIGNING_KEY": _b64()}
    cfg = evidence_config(tmp_path, keys=KeyConfig(provider="env"))
    pid = package(with_roles(build_evidence_service(cfg, env=env)), 1)
    forgot = with_roles(build_evidence_service(cfg, env={**env, "TIPLINE_MASTER_KEY": _b64()}))
    with pytest.raises(EvidenceError, match="does not hold"):
        forgot.open_item(pid, "message", operator="alice", reason="c", now=NOW)


def test_key_admin_role_is_required(tmp_path: Path) -> None:
    service = with_roles(build_evidence_service(evidence_config(tmp_path), env={}))
    for call in (
        lambda: rotate_master(service, {}, operator="bob", reason="r", now=NOW),
        lambda: rewrap(service, operator="bob", now=NOW),
    ):
        with pytest.raises(AccessDeniedError, match="key_admin"):
            call()


def test_rewrap_leaves_an_uncommitted_package_key_and_status_keeps_its_version(
    tmp_path: Path,
) -> None:
    cfg = evidence_config(tmp_path, keys=KeyConfig(provider="file"))
    service = with_roles(build_evidence_service(cfg, env={}))
    old = service.keys.provider.key_id
    _, wrapped = service.keys.provider.generate(package_id="pkg-crashed")
    assert service.key_store.put("pkg-crashed", encode_wrapped(wrapped))
    rotate_master(service, {}, operator="alice", reason="r", now=NOW)
    service = with_roles(build_evidence_service(cfg, env={}))
    result = rewrap(service, operator="alice", now=NOW)
    assert result.uncommitted == ["pkg-crashed"]
    held = {v.key_id: v.packages for v in status(service).versions}
    assert held[old] == ["pkg-crashed"]


def test_verify_reports_a_key_it_cannot_unwrap_instead_of_crashing(tmp_path: Path) -> None:
    env = {"TIPLINE_MASTER_KEY": _b64(), "TIPLINE_SIGNING_KEY": _b64()}
    cfg = evidence_config(tmp_path, keys=KeyConfig(provider="env"))
    pid = package(with_roles(build_evidence_service(cfg, env=env)), 1)
    forgot = with_roles(build_evidence_service(cfg, env={**env, "TIPLINE_MASTER_KEY": _b64()}))
    report = forgot.verify(pid)
    assert any("does not hold" in p for p in report.problems), report.problems
    assert report.items_checked > 0 and report.plaintext_checked == 0
