"""Access control from the CLI: operator identity, reason, roles, custody event first.

The world's roles are signed into the vault by ``tipline roles sign`` with
identity ``env`` (the config's operators table is only the input to sign);
every refusal asserts the exit status and the message that names the gap.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_leak_canaries import flagged_events, hash_list, write_events
from tipline.cli.exit_codes import ACCESS_DENIED
from tipline.schemas.config import load_config
from tipline.services.evidence import build_evidence_service

REPO = Path(__file__).resolve().parents[2]
OPERATORS = (
    '{ "ann-viewer" = ["viewer"], "bob-exporter" = ["exporter"], '
    '"cat-custodian" = ["custodian"], "dan-submitter" = ["submitter"] }'
)


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "TIPLINE_OPERATOR"}
    return subprocess.run(  # noqa: PLW1510 (the return code is asserted)
        [sys.executable, "-m", "tipline.cli.main", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**base, **(env or {})},
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A replayed vault with packages and drafts, and a config with named operators."""
    from tipline.schemas.event import encode_event

    tmp = tmp_path_factory.mktemp("access")
    events = write_events(tmp / "events", [encode_event(e) for e in flagged_events()])
    out = tmp / "out"
    text = (REPO / "config" / "base.toml").read_text()
    text = text.replace('path = "out/demo/vault"', f'path = "{out / "vault"}"')
    text = text.replace('path = "out/demo/reports"', f'path = "{out / "reports"}"')
    start = text.index("operators = {")
    text = text[:start] + "operators = " + OPERATORS + text[text.index("\n", start) :]
    empty = 'first_name = ""\nlast_name = ""\nemail = ""\n'
    assert empty in text
    text = text.replace(
        empty, 'first_name = "Test"\nlast_name = "Person"\nemail = "t@example.org"\n', 1
    )
    config = tmp / "access.toml"
    config.write_text(text)
    result = cli(
        "replay",
        "--events",
        str(events),
        "--config",
        str(config),
        "--out",
        str(out),
        "--hash-list",
        str(hash_list(tmp / "list.csv")),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    signed = cli("roles", "sign", "--identity", "env", "--config", str(config))
    assert signed.returncode == 0, signed.stderr
    service = build_evidence_service(load_config(config).evidence, env={})
    (package,) = service.list_packages()[:1]
    return config, package


def custody(config: Path, package: str) -> list[dict[str, object]]:
    service = build_evidence_service(load_config(config).evidence, env={})
    return [
        json.loads(json.dumps(e, default=str))
        for e in [
            {"action": c.action, "operator": c.operator, "reason": c.reason}
            for c in service.custody_log(package)
        ]
    ]


def open_cmd(config: Path, package: str, to: Path, *extra: str) -> list[str]:
    return ["evidence", "open", package, "--config", str(config), "--to", str(to), *extra]


def test_open_without_an_operator_identity_is_refused(
    world: tuple[Path, str], tmp_path: Path
) -> None:
    config, package = world
    before = custody(config, package)
    result = cli(*open_cmd(config, package, tmp_path / "x", "--reason", "case-1"))
    assert result.returncode == ACCESS_DENIED
    assert "no operator identity" in result.stderr
    assert custody(config, package) == before
    assert not (tmp_path / "x").exists()


def test_open_needs_the_exporter_role(world: tuple[Path, str], tmp_path: Path) -> None:
    config, package = world
    before = custody(config, package)
    for who in ("ann-viewer", "cat-custodian", "mallory"):
        result = cli(*open_cmd(config, package, tmp_path / who, "--reason", "c", "--operator", who))
        assert result.returncode == ACCESS_DENIED, who
        assert "lacks role 'exporter'" in result.stderr
    assert custody(config, package) == before


def test_open_needs_a_reason(world: tuple[Path, str], tmp_path: Path) -> None:
    config, package = world
    result = cli(
        *open_cmd(config, package, tmp_path / "r", "--reason", "  ", "--operator", "bob-exporter")
    )
    assert result.returncode == ACCESS_DENIED
    assert "reason" in result.stderr
    missing = cli(*open_cmd(config, package, tmp_path / "r", "--operator", "bob-exporter"))
    assert missing.returncode == 2  # argparse: --reason is required


def test_open_writes_the_custody_event_with_who_and_why(
    world: tuple[Path, str], tmp_path: Path
) -> None:
    config, package = world
    result = cli(
        *open_cmd(config, package, tmp_path / "ok", "--reason", "case-42"),
        env={"TIPLINE_OPERATOR": "bob-exporter"},
    )
    assert result.returncode == 0, result.stderr
    last = custody(config, package)[-1]
    assert last == {"action": "exported", "operator": "bob-exporter", "reason": "case-42"}
    assert list((tmp_path / "ok").iterdir())


def test_holds_need_the_custodian_role(world: tuple[Path, str]) -> None:
    config, package = world
    args = [
        "evidence",
        "hold",
        "add",
        package,
        "--kind",
        "2703f",
        "--request",
        "LE-1",
        "--config",
        str(config),
    ]
    refused = cli(*args, "--operator", "bob-exporter")
    assert refused.returncode == ACCESS_DENIED and "lacks role 'custodian'" in refused.stderr
    allowed = cli(*args, "--operator", "cat-custodian")
    assert allowed.returncode == 0, allowed.stderr
    assert custody(config, package)[-1]["operator"] == "cat-custodian"


def test_destroy_needs_the_destroyer_role(world: tuple[Path, str]) -> None:
    config, package = world
    result = cli(
        "evidence",
        "destroy",
        package,
        "--request",
        "LE-2",
        "--config",
        str(config),
        "--operator",
        "cat-custodian",
    )
    assert result.returncode == ACCESS_DENIED and "lacks role 'destroyer'" in result.stderr


def _draft(config: Path) -> str:
    reports = Path(load_config(config).reports.path)
    return next(p.parent.name for p in reports.rglob("draft.json"))


def test_approve_needs_a_reviewer_role(world: tuple[Path, str]) -> None:
    config, _ = world
    result = cli(
        "reports", "--config", str(config), "approve", _draft(config), "--reviewer", "mallory"
    )
    assert result.returncode == ACCESS_DENIED
    assert "operator 'mallory' lacks role 'reviewer'" in result.stderr


def test_submit_needs_an_operator_identity(world: tuple[Path, str]) -> None:
    config, _ = world
    result = cli("reports", "--config", str(config), "submit", _draft(config))
    assert result.returncode == ACCESS_DENIED
    assert "no operator identity: pass --operator or set $TIPLINE_OPERATOR" in result.stderr


def test_submit_by_a_non_submitter_is_refused_before_anything_is_sent(
    world: tuple[Path, str],
) -> None:
    config, _ = world
    draft = _draft(config)
    cli("reports", "--config", str(config), "approve", draft, "--reviewer", "ann-viewer")
    result = cli(
        "reports", "--config", str(config), "submit", draft, env={"TIPLINE_OPERATOR": "ann-viewer"}
    )
    assert result.returncode == ACCESS_DENIED
    assert "operator 'ann-viewer' lacks role 'submitter'" in result.stderr
