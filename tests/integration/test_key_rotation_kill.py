"""Rotate, then rewrap with a SIGKILL mid-way, then resume: through the real CLI.

Runs over the ``file`` provider and the ``kms`` provider (local KMS server,
deploy/kms.sh). The rewrap is throttled so the kill lands while packages are
still being rewrapped; the test checks it really was mid-way.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "evidence"))

from key_provider_contract import LATER, package

from tests.unit.evidence.evidence_helpers import with_roles
from tipline.clients.kms import create_master_key
from tipline.operators.evidence.keys import decode_wrapped
from tipline.schemas.config import load_config
from tipline.services.evidence import EvidenceService, build_evidence_service
from tipline.services.keyproviders import kms_client

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
PACKAGES = 12
CONFIG = """
[evidence]
path = "{vault}"
[evidence.keys]
provider = "{provider}"
kms_alias = "{alias}"
[evidence.access]
operators = {{ "alice" = ["viewer", "exporter", "custodian", "destroyer", "key_admin"] }}
"""


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tipline.cli.main", *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def _rewrapped(service: EvidenceService, pids: list[str]) -> int:
    return sum(any(e.action == "rewrapped" for e in service.custody_log(p)) for p in pids)


@pytest.mark.parametrize("provider", ["file", "kms"])
def test_rewrap_killed_mid_way_then_resumed(
    provider: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIPLINE_")}
    env["TIPLINE_OPERATOR"] = "alice"
    alias = f"alias/tipline-kill-{uuid.uuid4().hex[:10]}"
    config = tmp_path / "tipline.toml"
    config.write_text(CONFIG.format(vault=tmp_path / "vault", provider=provider, alias=alias))
    cfg = load_config(config).evidence
    if provider == "kms":
        env.update(request.getfixturevalue("kms_env"))
        create_master_key(kms_client(cfg, env), alias=alias)
    service = with_roles(build_evidence_service(cfg, env=env))
    pids = [package(service, n) for n in range(PACKAGES)]
    old = service.keys.provider.key_id

    rotated = _cli(env, "keys", "rotate", "--config", str(config), "--reason", "test")
    assert rotated.returncode == 0, rotated.stderr
    service = with_roles(build_evidence_service(cfg, env=env))
    new = service.keys.provider.key_id
    assert new != old

    proc = subprocess.Popen(
        [sys.executable, "-m", "tipline.cli.main", "keys", "rewrap", "--config", str(config),
         "--max-per-second", "4"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while _rewrapped(service, pids) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    done = _rewrapped(service, pids)
    assert proc.returncode == -signal.SIGKILL
    assert 3 <= done < PACKAGES, f"kill was not mid-way ({done} of {PACKAGES} rewrapped)"

    resumed = _cli(env, "keys", "rewrap", "--config", str(config))
    assert resumed.returncode == 0, resumed.stderr
    again = _cli(env, "keys", "rewrap", "--config", str(config))
    assert "0 rewrapped, 0 resumed" in again.stdout

    service = with_roles(build_evidence_service(cfg, env=env))
    for pid in pids:
        stored = service.key_store.get(pid)
        assert stored is not None and decode_wrapped(stored).master_key_id == new
        actions = [e.action for e in service.custody_log(pid)]
        assert actions.count("rewrapped") == 1, (pid, actions)
        item = service.latest_manifest(pid)[0].items[0].item_id
        assert service.open_item(pid, item, operator="alice", reason="check", now=LATER)
    verify = _cli(env, "evidence", "verify", "--all", "--config", str(config))
    assert verify.returncode == 0, verify.stdout
    assert verify.stdout.count("OK   ") == PACKAGES

    status = json.loads(_cli(env, "keys", "status", "--json", "--config", str(config)).stdout)
    by_id = {v["key_id"]: v for v in status["versions"]}
    assert by_id[old]["packages"] == [] and len(by_id[new]["packages"]) == PACKAGES
    retired = _cli(env, "keys", "retire", old, "--config", str(config))
    assert retired.returncode == 0, retired.stderr
