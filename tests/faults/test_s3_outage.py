"""S3 outage in front of the real S3 server (deploy/s3.sh): a TCP proxy is cut and restored.

An outage shorter than the retry budget is ridden out; a longer one is one
``VaultUnavailableError`` line; once the server is back the same write
succeeds (writes are idempotent), and nothing half-written is visible.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import urlparse

import pytest

from tests.hostile.faults import TcpProxy
from tipline.schemas.errors import VaultUnavailableError
from tipline.schemas.evidence import EvidenceConfig, S3VaultConfig
from tipline.services.evidence import s3_client
from tipline.sinks.vault_s3 import S3Vault, ensure_vault_bucket


def until() -> datetime:
    """A retention a few minutes ahead of *now* (not of import time: the suite is long)."""
    return datetime.now(UTC) + timedelta(minutes=5)


@pytest.fixture
def proxy(s3_env: dict[str, str]) -> Iterator[TcpProxy]:
    url = urlparse(s3_env["S3_ENDPOINT"])
    p = TcpProxy(url.hostname or "127.0.0.1", url.port or 80)
    yield p
    p.close()


def vault_through(
    proxy: TcpProxy, env: dict[str, str], bucket: str, attempts: int, total_s: float
) -> S3Vault:
    cfg = EvidenceConfig(
        backend="s3",
        s3=S3VaultConfig(
            bucket=bucket, retry_attempts=attempts, retry_total_s=total_s, timeout_s=2.0
        ),
    )
    client = s3_client(cfg, {**env, "S3_ENDPOINT": f"http://127.0.0.1:{proxy.port}"})
    ensure_vault_bucket(client, bucket, create=True, region="us-east-1")
    return S3Vault(client, bucket, prefix="evidence")


def test_outage_longer_than_the_budget_is_one_error_and_the_retry_succeeds(
    proxy: TcpProxy, s3_env: dict[str, str], unique_name: str
) -> None:
    vault = vault_through(proxy, s3_env, unique_name, attempts=4, total_s=3.0)
    vault.put_objects([("p1/item", b"one"), ("p1/manifest", b"m1")], retain_until=until())

    proxy.down()
    objects = [("p2/item", b"two"), ("p2/manifest", b"m2")]
    with pytest.raises(VaultUnavailableError) as caught:
        vault.put_objects(objects, retain_until=until())
    line = str(caught.value)
    assert "\n" not in line and "unavailable" in line and "put_object" in line

    proxy.up()
    assert not vault.exists("p2/manifest")  # the commit point was never written
    vault.put_objects(objects, retain_until=until())  # the replayed write, idempotent
    assert vault.get("p2/item") == b"two"
    assert vault.get("p2/manifest") == b"m2"
    assert vault.list_keys("p") == ["p1/item", "p1/manifest", "p2/item", "p2/manifest"]


def test_outage_shorter_than_the_budget_is_ridden_out(
    proxy: TcpProxy, s3_env: dict[str, str], unique_name: str
) -> None:
    vault = vault_through(proxy, s3_env, unique_name, attempts=50, total_s=30.0)
    proxy.down()
    restore = threading.Timer(1.5, proxy.up)
    restore.start()
    try:
        vault.put_objects([("p/item", b"x"), ("p/manifest", b"m")], retain_until=until())
    finally:
        restore.cancel()
    assert vault.get("p/manifest") == b"m"
