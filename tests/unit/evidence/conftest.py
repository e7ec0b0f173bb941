"""Fixtures for evidence tests: a local evidence service in a temp directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from evidence_helpers import evidence_config, with_roles

from tipline.services.evidence import EvidenceService, build_evidence_service


@pytest.fixture
def service(tmp_path: Path) -> EvidenceService:
    return with_roles(build_evidence_service(evidence_config(tmp_path), env={}))
