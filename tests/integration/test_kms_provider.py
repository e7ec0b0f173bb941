"""The ``kms`` key provider against a real local KMS server (deploy/kms.sh).

It passes the same contract as ``env`` and ``file``
(tests/unit/evidence/key_provider_contract.py). Every test makes its own KMS
key and alias through the KMS API; no mocking of boto3.
"""

from __future__ import annotations

import base64
import sys
import uuid
from pathlib import Path
from typing import Any

import boto3
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "evidence"))

from evidence_helpers import evidence_config
from key_provider_contract import NOW, OP, KeyProviderContract, package

from tests.unit.evidence.evidence_helpers import with_roles
from tipline.clients.kms import KmsKeyProvider, create_master_key
from tipline.operators.evidence.keys import decode_wrapped
from tipline.schemas.errors import ConfigError, EvidenceError
from tipline.schemas.evidence import KeyConfig
from tipline.services.evidence import EvidenceService, build_evidence_service
from tipline.services.keymgmt import retire, rewrap, rotate_master

pytestmark = pytest.mark.integration


def _client(env: dict[str, str]) -> Any:
    return boto3.client(
        "kms",
        endpoint_url=env["KMS_ENDPOINT"],
        region_name=env["KMS_REGION"],
        aws_access_key_id=env["KMS_ACCESS_KEY"],
        aws_secret_access_key=env["KMS_SECRET_KEY"],
    )


@pytest.fixture
def kms(kms_env: dict[str, str]) -> Any:
    return _client(kms_env)


@pytest.fixture
def alias(kms: Any) -> str:
    name = f"alias/tipline-test-{uuid.uuid4().hex[:12]}"
    create_master_key(kms, alias=name, description="tipline test master key")
    return name


class TestKmsProvider(KeyProviderContract):
    provider_name = "kms"

    @pytest.fixture(autouse=True)
    def _env(self, kms_env: dict[str, str], alias: str) -> None:
        self.env = dict(kms_env)
        self.alias = alias

    def make_service(self, tmp_path: Path) -> EvidenceService:
        cfg = evidence_config(tmp_path, keys=KeyConfig(provider="kms", kms_alias=self.alias))
        return with_roles(build_evidence_service(cfg, env=self.env))


def test_master_key_stays_in_kms_and_context_binds_the_package(
    kms: Any, alias: str, kms_env: dict[str, str], tmp_path: Path
) -> None:
    provider = KmsKeyProvider(kms, alias=alias)
    key, wrapped = provider.generate(package_id="pkg-1")
    blob = base64.b64decode(wrapped.wrapped)
    assert key not in blob
    # the blob opens only with the encryption context it was made with
    with pytest.raises(Exception, match=r"InvalidCiphertext|AccessDenied"):
        kms.decrypt(CiphertextBlob=blob, EncryptionContext={"package_id": "pkg-2"})
    plain = kms.decrypt(
        CiphertextBlob=blob,
        EncryptionContext={"package_id": "pkg-1", "purpose": "tipline.package-data-key"},
    )["Plaintext"]
    assert plain == key
    meta = kms.describe_key(KeyId=alias)["KeyMetadata"]
    assert wrapped.master_key_id == "kms:" + meta["KeyId"]
    assert meta["KeyManager"] in {"CUSTOMER", "AWS"}


def test_rotation_moves_the_alias_and_retire_disables_the_old_key(
    kms: Any, alias: str, kms_env: dict[str, str], tmp_path: Path
) -> None:
    cfg = evidence_config(tmp_path, keys=KeyConfig(provider="kms", kms_alias=alias))
    service = with_roles(build_evidence_service(cfg, env=kms_env))
    pid = package(service, 1)
    old = service.keys.provider.key_id
    old_blob = service.key_store.get(pid)
    assert old_blob is not None
    new = rotate_master(service, kms_env, operator=OP, reason="t", now=NOW)
    assert kms.describe_key(KeyId=alias)["KeyMetadata"]["KeyId"] == new.removeprefix("kms:")
    service = with_roles(build_evidence_service(cfg, env=kms_env))
    rewrap(service, operator=OP, now=NOW)
    stored = service.key_store.get(pid)
    assert stored is not None and decode_wrapped(stored).master_key_id == new
    retire(service, kms_env, old, operator=OP, now=NOW)
    assert kms.describe_key(KeyId=old.removeprefix("kms:"))["KeyMetadata"]["KeyState"] == "Disabled"
    assert service.verify(pid).ok
    with pytest.raises(EvidenceError, match="Disabled"):  # the old blob no longer opens
        KmsKeyProvider(kms, alias=alias).unwrap(decode_wrapped(old_blob))


def test_unknown_alias_fails_at_start_in_one_line(kms_env: dict[str, str], tmp_path: Path) -> None:
    cfg = evidence_config(
        tmp_path, keys=KeyConfig(provider="kms", kms_alias="alias/nope-" + uuid.uuid4().hex)
    )
    with pytest.raises(ConfigError, match="cannot be described"):
        with_roles(build_evidence_service(cfg, env=kms_env))
