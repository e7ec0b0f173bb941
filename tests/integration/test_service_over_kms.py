"""The evidence service tests of tests/unit/evidence/test_service.py, over the ``kms`` provider.

Every test there that takes the ``service`` fixture runs here again with the
master key in the local KMS server (deploy/kms.sh): packaging, idempotent
retries, verification and tamper detection, reads with custody, holds,
crypto-shredding. The unit tier runs them over ``file`` and ``env``.
"""

from __future__ import annotations

import inspect
import sys
import uuid
from pathlib import Path

import boto3
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "evidence"))

import test_service as _suite
from evidence_helpers import evidence_config, with_roles

from tipline.clients.kms import create_master_key
from tipline.schemas.evidence import KeyConfig
from tipline.services.evidence import EvidenceService, build_evidence_service

pytestmark = pytest.mark.integration

for _name, _test in vars(_suite).items():
    if _name.startswith("test_") and "service" in inspect.signature(_test).parameters:
        globals()[_name] = _test


@pytest.fixture
def service(tmp_path: Path, kms_env: dict[str, str]) -> EvidenceService:
    alias = f"alias/tipline-svc-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "kms",
        endpoint_url=kms_env["KMS_ENDPOINT"],
        region_name=kms_env["KMS_REGION"],
        aws_access_key_id=kms_env["KMS_ACCESS_KEY"],
        aws_secret_access_key=kms_env["KMS_SECRET_KEY"],
    )
    create_master_key(client, alias=alias)
    cfg = evidence_config(tmp_path, keys=KeyConfig(provider="kms", kms_alias=alias))
    built = with_roles(build_evidence_service(cfg, env=kms_env))
    assert built.keys.provider.name == "kms"
    return built
