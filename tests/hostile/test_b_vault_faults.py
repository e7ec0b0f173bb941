"""Faults of the evidence vault (issue #13, fault 5): S3 down, vault disk full.

Before the fix an S3 outage surfaced as a raw ``EndpointConnectionError``
after botocore's 2 s of retries, and a failed local write could leave temp
files in the vault. Now the retry budget is configurable, its exhaustion is
one ``VaultUnavailableError`` line, and a failed write leaves nothing behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.hostile.faults import closed_port, fill, tiny_tmpfs
from tests.support import REPO
from tipline.cli.exit_codes import UNAVAILABLE
from tipline.schemas.errors import TiplineError, VaultUnavailableError, VaultWriteError
from tipline.schemas.evidence import EvidenceConfig, S3VaultConfig
from tipline.services.evidence import build_evidence_service
from tipline.sinks.vault_local import LocalVault

UNTIL = datetime.now(UTC) + timedelta(days=1)


def s3_config(attempts: int = 3, total_s: float = 1.0) -> EvidenceConfig:
    return EvidenceConfig(
        backend="s3",
        s3=S3VaultConfig(
            bucket="tipline-down", retry_attempts=attempts, retry_total_s=total_s, timeout_s=1.0
        ),
    )


def test_s3_endpoint_down_is_one_clear_error(tmp_path: Path) -> None:
    port = closed_port()
    env = {"S3_ENDPOINT": f"http://127.0.0.1:{port}", "S3_ACCESS_KEY": "a", "S3_SECRET_KEY": "b"}
    cfg = s3_config()
    cfg = EvidenceConfig(backend="s3", s3=cfg.s3, path=str(tmp_path / "vault"))
    with pytest.raises(VaultUnavailableError) as caught:
        build_evidence_service(cfg, env=env)
    message = str(caught.value)
    assert "\n" not in message
    assert f"127.0.0.1:{port} unavailable" in message
    assert "3 time(s)" in message and "retry_attempts = 3" in message
    assert isinstance(caught.value, TiplineError)
    assert caught.value.__cause__ is None  # no botocore chain to print


def test_s3_endpoint_down_at_start_is_one_line_from_the_cli(tmp_path: Path) -> None:
    port = closed_port()
    config = tmp_path / "c.toml"
    config.write_text(
        f'[input]\npath = "{tmp_path}"\n[hashing]\nlists = []\n'
        f'[evidence]\nbackend = "s3"\npath = "{tmp_path / "v"}"\n'
        '[evidence.s3]\nbucket = "b"\nretry_attempts = 2\nretry_total_s = 1.0\n',
        encoding="utf-8",
    )
    env = {"S3_ENDPOINT": f"http://127.0.0.1:{port}", "S3_ACCESS_KEY": "a", "S3_SECRET_KEY": "b"}
    done = subprocess.run(
        [sys.executable, "-m", "tipline.cli.main", "run", "--config", str(config)],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stderr.splitlines() if not line.startswith("DEV KEY")]
    assert done.returncode == UNAVAILABLE, done.stderr  # retry later (README "Exit statuses")
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("unavailable: S3 endpoint") and "unavailable" in lines[0]
    assert "Traceback" not in done.stderr and "EndpointConnectionError:" not in done.stderr


def test_local_vault_disk_full_leaves_no_temp_files(tmp_path: Path) -> None:
    with tiny_tmpfs(tmp_path / "vault", "256k") as root:
        vault = LocalVault(root)
        fillers = fill(root)
        fillers[0].unlink()  # room for a small object, not for the big one
        (root / "objects" / "p").mkdir(parents=True)
        objects = [("p/a.bin", b"a" * 1000), ("p/b.bin", b"b" * 400_000), ("p/m.json", b"{}")]
        with pytest.raises(VaultWriteError, match="No space left"):
            vault.put_objects(objects, retain_until=UNTIL)
        leftovers = [p for p in root.rglob("*") if p.name.endswith(".tmp")]
        assert leftovers == []
        assert not vault.exists("p/m.json")  # no manifest without its items
        for f in fillers[1:]:
            f.unlink()
        vault.put_objects(objects[:1] + objects[2:], retain_until=UNTIL)
        assert vault.get("p/m.json") == b"{}"
        assert [p for p in root.rglob("*") if p.name.endswith(".tmp")] == []
