"""Fixtures for evidence tests: a local evidence service in a temp directory.

``service`` runs every test that uses it once per in-process key provider
(``file``: dev key files, ``env``: keys in the environment);
tests/integration/test_service_over_kms.py runs the same tests over ``kms``.
"""

from __future__ import annotations

import base64
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from evidence_helpers import evidence_config, with_roles

from tipline.schemas.evidence import KeyConfig
from tipline.services.evidence import EvidenceService, build_evidence_service


@pytest.fixture(params=["file", "env"])
def service(tmp_path: Path, request: pytest.FixtureRequest) -> EvidenceService:
    if request.param == "file":
        return with_roles(build_evidence_service(evidence_config(tmp_path), env={}))
    env = {
        "TIPLINE_MASTER_KEY": base64.b64encode(os.urandom(32)).decode(),
        "TIPLINE_SIGNING_KEY": base64.b64encode(os.urandom(32)).decode(),
    }
    cfg = evidence_config(tmp_path, keys=KeyConfig(provider="env", allow_dev_keys=False))
    return with_roles(build_evidence_service(cfg, env=env))


@pytest.fixture
def far_from_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run the test with the host clock in UTC+05:30 (stored evidence must not notice)."""
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
