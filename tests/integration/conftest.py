"""Fixtures for integration tests against the real services started by deploy/.

`make test` starts Kafka, the S3 server and the local KMS once (deploy/test.sh);
these fixtures call the idempotent start scripts too, so a single test file can also be run by hand.
"""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _start(script: str) -> str:
    result = subprocess.run(
        ["bash", str(REPO / "deploy" / script), "start"],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=1800,
    )
    return result.stdout


@pytest.fixture(scope="session")
def kafka_bootstrap() -> str:
    """The bootstrap address of the real single-node KRaft broker."""
    return _start("kafka.sh").strip().splitlines()[-1]


@pytest.fixture(scope="session")
def s3_env() -> dict[str, str]:
    """S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION of the real MinIO."""
    env: dict[str, str] = {}
    for line in _start("s3.sh").splitlines():
        key, sep, value = line.partition("=")
        if sep:
            env[key.strip()] = value.strip()
    return env


@pytest.fixture
def unique_name(request: pytest.FixtureRequest) -> str:
    """A name unique to this test, usable as a topic or bucket name."""
    stem = "".join(c if c.isalnum() else "-" for c in request.node.name.lower())[:30]
    return f"t-{stem.strip('-')}-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="session")
def kms_env() -> dict[str, str]:
    """KMS_ENDPOINT, KMS_REGION, KMS_ACCESS_KEY, KMS_SECRET_KEY of the local KMS server."""
    env: dict[str, str] = {}
    for line in _start("kms.sh").splitlines():
        key, sep, value = line.partition("=")
        if sep:
            env[key.strip()] = value.strip()
    return env
