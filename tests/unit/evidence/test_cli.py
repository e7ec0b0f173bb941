from __future__ import annotations

import argparse
from pathlib import Path
from typing import TypeAlias

import pytest
from evidence_helpers import T0, inline, make_decision, make_event, noise_bytes, with_roles

from tipline.cli.commands import evidence as cmd
from tipline.schemas.config import load_config
from tipline.services.evidence import build_evidence_service

Setup: TypeAlias = tuple[Path, str, bytes]
Out: TypeAlias = pytest.CaptureFixture[str]

CONFIG = """
[evidence]
path = "{vault}"
[evidence.access]
operators = {{ "alice" = ["viewer", "exporter", "custodian", "destroyer"] }}
"""


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    cmd.register(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, str, bytes]:
    config = tmp_path / "tipline.toml"
    config.write_text(CONFIG.format(vault=tmp_path / "vault"))
    service = with_roles(build_evidence_service(load_config(config).evidence, env={}))
    image = noise_bytes(2048, seed=5)
    event = make_event(1, attachments=[inline("att-1", image)])
    receipt = service.package(make_decision(event), event, attachments={}, context=[], now=T0)
    return config, receipt.package_id, image


def test_list_show_verify(
    setup: tuple[Path, str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    config, pid, _ = setup
    assert _run(["evidence", "list", "--config", str(config)]) == 0
    assert pid in capsys.readouterr().out
    assert _run(["evidence", "show", pid, "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert '"packaged"' in out and "practice" not in out
    assert _run(["evidence", "verify", "--all", "--config", str(config)]) == 0
    assert capsys.readouterr().out.startswith("OK   ")


def test_open_requires_operator_and_logs_export(
    setup: tuple[Path, str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, pid, image = setup
    monkeypatch.delenv("TIPLINE_OPERATOR", raising=False)
    base = ["evidence", "open", pid, "--reason", "case-7", "--to", str(tmp_path / "out")]
    with pytest.raises(Exception, match="no operator identity"):
        _run([*base, "--config", str(config)])
    monkeypatch.setenv("TIPLINE_OPERATOR", "alice")
    assert _run([*base, "--config", str(config)]) == 0
    exported = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    assert image in exported.values()
    service = build_evidence_service(load_config(config).evidence, env={})
    (event,) = service.custody_views(pid)
    assert (event.action, event.operator, event.reason) == ("exported", "alice", "case-7")


def test_verify_names_the_tampered_object(
    setup: tuple[Path, str, bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, pid, _ = setup
    path = tmp_path / "vault" / "objects" / "packages" / pid / "items" / "decision.bin"
    path.chmod(0o644)
    path.write_bytes(path.read_bytes()[:-1] + b"\0")
    assert _run(["evidence", "verify", pid, "--config", str(config)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "items/decision.bin: ciphertext SHA-256" in out


def test_holds_and_destroy(
    setup: tuple[Path, str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    config, pid, _ = setup
    common = ["--config", str(config), "--operator", "alice"]
    assert (
        _run(["evidence", "hold", "add", pid, "--kind", "2703f", "--request", "r-1", *common]) == 0
    )
    out = capsys.readouterr().out
    hold_id = out.split('"hold_id": "')[1].split('"')[0]
    assert _run(["evidence", "hold", "extend", pid, hold_id, *common]) == 0
    with pytest.raises(Exception, match="open holds"):
        _run(["evidence", "destroy", pid, "--request", "le-1", *common])
    assert _run(["evidence", "hold", "release", pid, hold_id, *common]) == 0
    # releasing the hold never shortens retention: destruction still waits for it
    with pytest.raises(Exception, match="retained until"):
        _run(["evidence", "destroy", pid, "--request", "le-1", *common])
    assert _run(["evidence", "verify", pid, "--config", str(config)]) == 0
    assert "OK" in capsys.readouterr().out
