"""``tipline keys`` in process: rotate, rewrap, status, revoke, retire, log."""

from __future__ import annotations

import argparse
import json
from datetime import timedelta
from pathlib import Path

import pytest
from key_provider_contract import package

from tests.unit.evidence.evidence_helpers import with_roles
from tipline.cli.commands import evidence as evidence_cmd
from tipline.cli.commands import keys as cmd
from tipline.schemas.config import load_config
from tipline.services.evidence import build_evidence_service

CONFIG = """
[evidence]
path = "{vault}"
[evidence.access]
operators = {{ "alice" = ["viewer", "exporter", "custodian", "destroyer", "key_admin"] }}
"""


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    cmd.register(sub)
    evidence_cmd.register(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_rotate_rewrap_status_revoke_retire(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIPLINE_OPERATOR", "alice")
    config = tmp_path / "tipline.toml"
    config.write_text(CONFIG.format(vault=tmp_path / "vault"))
    c = ["--config", str(config)]
    service = with_roles(build_evidence_service(load_config(config).evidence, env={}))
    pids = [package(service, n) for n in range(3)]
    old = service.keys.provider.key_id
    after_retention = service.receipt(pids[2]).stored_at + timedelta(days=800)
    service.destroy(pids[2], request_id="le-1", operator="alice", now=after_retention)

    assert _run(["keys", "rotate", *c]) == 0
    assert "run `tipline keys rewrap` next" in capsys.readouterr().out
    assert _run(["keys", "status", *c]) == 0
    out = capsys.readouterr().out
    assert f"{old}  active  packages=2" in out
    assert "crypto-shredded packages (data key destroyed): 1" in out and pids[2] in out
    assert _run(["keys", "rewrap", *c]) == 0
    assert "2 rewrapped, 0 resumed, 0 already current" in capsys.readouterr().out
    assert _run(["keys", "status", "--json", *c]) == 0
    status = json.loads(capsys.readouterr().out)
    assert {v["key_id"]: v["state"] for v in status["versions"]}[old] == "retirable"
    assert _run(["keys", "retire", old, *c]) == 0
    assert "overwritten and removed" in capsys.readouterr().out

    assert _run(["keys", "rotate", "--signing", *c]) == 0
    capsys.readouterr()
    signer = (
        with_roles(build_evidence_service(load_config(config).evidence, env={}))
        .key_state()
        .history[0]
    )
    assert (
        _run(
            [
                "keys",
                "revoke",
                signer.key_id,
                "--at",
                "2020-01-01T00:00:00",
                "--reason",
                "INC-1",
                *c,
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert _run(["evidence", "verify", "--all", *c]) == 1
    assert "revocation" in capsys.readouterr().out
    assert _run(["keys", "log", *c]) == 0
    log = json.loads(capsys.readouterr().out)
    actions = [e["action"] for e in log]
    assert actions == [
        "master_added",
        "master_added",
        "master_retired",
        "signing_added",
        "signing_added",
        "revoked",
    ]
    assert all("key" not in k or k in {"key_id", "public_key"} for e in log for k in e)


def test_submission_and_console_reads_audit_who_why_and_key_version(tmp_path: Path) -> None:
    from tipline.cli.evidence_access import evidence_services

    config = tmp_path / "tipline.toml"
    config.write_text(
        CONFIG.replace('"key_admin"', '"key_admin", "submitter"').format(vault=tmp_path / "vault")
    )
    cfg = load_config(config)
    service = with_roles(build_evidence_service(cfg.evidence, env={}))
    pid = package(service, 1)
    item = service.latest_manifest(pid)[0].items[0].item_id
    args = argparse.Namespace(operator="alice", reports_command="submit", reason="CT-77")
    assert evidence_services(cfg, args).open_item(pid, item)
    event = service.custody_log(pid)[-1]
    assert (event.action, event.operator, event.reason) == ("viewed", "alice", "CT-77")
    assert event.details["key_version"] == service.keys.provider.key_id
    assert set(event.details) == {"result", "key_version"}
