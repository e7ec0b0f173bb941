"""Part C, findings High-2: a forged config must not grant roles, destroy early or approve.

Every test drives ``tipline`` (``tipline.cli.main.main``) against a local vault with
dev keys: the "deployment" signs its role policy once, then an attacker
writes their own config (same vault, every role granted, even their own dev
signing key) and tries to destroy, release-then-destroy and approve.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import msgspec
import pytest

from tests.standin.cybertipline_server import StandinCyberTipline
from tests.unit.evidence.evidence_helpers import T0
from tests.unit.reports.builders import csam_case
from tipline.cli.main import main
from tipline.operators.report.draft import build_draft
from tipline.schemas.config import load_config
from tipline.services.evidence import EvidenceService, build_evidence_service
from tipline.services.roles import os_user
from tipline.sinks.drafts import DraftsSink

CONFIG = """
[evidence]
path = "{vault}"
[evidence.access]
operators = {operators}
[reports]
path = "{reports}"
[reports.reporter.reporting_person]
first_name = "Test"
last_name = "Person"
email = "t@example.org"
"""
ALL = '["viewer", "exporter", "custodian", "destroyer", "submitter", "reviewer"]'


@dataclass
class World:
    tmp: Path
    config: Path
    package: str
    draft: str

    def service(self, config: Path | None = None) -> EvidenceService:
        return build_evidence_service(load_config(config or self.config).evidence, env={})

    def forged(self, operators: str, extra: str = "") -> Path:
        """A config the attacker wrote: same vault and drafts, roles of their choosing."""
        path = self.tmp / f"forged-{len(list(self.tmp.glob('forged-*')))}.toml"
        text = CONFIG.format(
            vault=self.tmp / "vault", reports=self.tmp / "reports", operators=operators
        )
        path.write_text(text + extra)
        return path


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    for name in ("TIPLINE_OPERATOR", "TIPLINE_MASTER_KEY", "TIPLINE_SIGNING_KEY"):
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "deploy.toml"
    operators = (
        '{ "cat" = ["custodian"], "dan" = ["destroyer", "custodian"], "rev" = ["reviewer"] }'
    )
    config.write_text(
        CONFIG.format(vault=tmp_path / "vault", reports=tmp_path / "reports", operators=operators)
    )
    cfg = load_config(config)
    service = build_evidence_service(cfg.evidence, env={})
    _, decision, event = csam_case()
    receipt = service.package(decision, event, attachments={}, context=[], now=T0)
    draft = build_draft(receipt, decision, event, cfg.reports, T0)
    DraftsSink(cfg.reports.path).write(draft)
    yield World(tmp_path, config, receipt.package_id, draft.draft_id)


def run(*argv: str) -> int:
    return main(list(argv))


def sign(world: World, identity: str = "env") -> None:
    assert run("roles", "sign", "--identity", identity, "--config", str(world.config)) == 0


def destroy(config: Path, package: str, who: str) -> int:
    return run(
        "evidence", "destroy", package, "--request", "LE-9", "--config", str(config),
        "--operator", who,
    )  # fmt: skip


def test_without_a_signed_policy_nobody_holds_a_role(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        destroy(world.config, world.package, os_user()) == 4
    )  # access denied (README "Exit statuses")
    assert "no role policy signed by its pinned key" in capsys.readouterr().err
    assert world.service().key_store.get(world.package) is not None


def test_a_forged_config_grants_nothing(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    sign(world)
    forged = world.forged(f'{{ "mallory" = {ALL} }}')
    assert destroy(forged, world.package, "mallory") == 4  # access denied (README "Exit statuses")
    assert "lacks role 'destroyer'" in capsys.readouterr().err
    hold = ("evidence", "hold", "add", world.package, "--kind", "2703f", "--request", "LE-1")
    assert (
        run(*hold, "--config", str(forged), "--operator", "mallory") == 4
    )  # access denied (README "Exit statuses")
    assert world.service().key_store.get(world.package) is not None


def test_a_forged_dev_signing_key_cannot_replace_the_policy(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    sign(world)
    mine = world.tmp / "mallory-keys"
    forged = world.forged(
        f'{{ "mallory" = {ALL} }}', extra=f'[evidence.keys]\ndev_key_dir = "{mine}"\n'
    )
    assert run("roles", "sign", "--identity", "env", "--config", str(forged)) == 4
    assert "pins policy keys" in capsys.readouterr().err
    assert destroy(forged, world.package, "mallory") == 4  # access denied (README "Exit statuses")
    assert "lacks role 'destroyer'" in capsys.readouterr().err


def test_a_hand_edited_policy_grants_nothing(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    sign(world)
    path = world.tmp / "vault" / "objects" / "admin" / "roles" / "00000001.json"
    signed = json.loads(path.read_bytes())
    signed["policy"]["operators"]["mallory"] = ["destroyer"]
    path.chmod(0o644)
    path.write_text(json.dumps(signed))
    assert run("roles", "show", "--config", str(world.config)) == 1
    shown = capsys.readouterr()
    assert "nobody holds any role" in shown.out + shown.err
    assert (
        destroy(world.config, world.package, "mallory") == 4
    )  # access denied (README "Exit statuses")
    assert (
        destroy(world.config, world.package, "dan") == 4
    )  # access denied (README "Exit statuses")


def test_os_identity_refuses_a_claimed_operator(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = world.tmp / "policy.toml"
    policy.write_text(f'identity = "os"\n[operators]\n"{os_user()}" = ["custodian"]\n')
    assert run("roles", "sign", str(policy), "--config", str(world.config)) == 0
    assert (
        destroy(world.config, world.package, "dan") == 4
    )  # access denied (README "Exit statuses")
    assert f"is not the OS account {os_user()!r}" in capsys.readouterr().err
    hold = ("evidence", "hold", "add", world.package, "--kind", "2703f", "--request", "LE-1")
    assert run(*hold, "--config", str(world.config)) == 0
    assert world.service().custody_log(world.package)[-1].operator == os_user()


# ------------------------------------------------------------------ retention and holds


def test_destroy_before_retain_until_is_refused_even_for_a_destroyer(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    sign(world)
    assert destroy(world.config, world.package, "dan") == 1
    assert "retained until" in capsys.readouterr().err
    assert world.service().key_store.get(world.package) is not None


def test_releasing_a_2703f_hold_does_not_open_the_way_to_destroy(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    sign(world)
    base = ("--config", str(world.config), "--operator", "cat")
    capsys.readouterr()
    assert (
        run("evidence", "hold", "add", world.package, "--kind", "2703f", "--request", "L", *base)
        == 0
    )
    hold_id = json.loads(capsys.readouterr().out.split("\nretain_until")[0])["hold_id"]
    before = world.service().receipt(world.package).retain_until
    assert run("evidence", "hold", "release", world.package, hold_id, *base) == 0
    assert world.service().receipt(world.package).retain_until == before  # never shrinks
    assert destroy(world.config, world.package, "dan") == 1
    assert "retained until" in capsys.readouterr().err
    assert world.service().key_store.get(world.package) is not None


def test_destroy_after_retention_still_waits_for_an_open_legal_hold(world: World) -> None:
    sign(world)
    service = world.service()
    until = service.receipt(world.package).retain_until
    hold = service.add_hold(
        world.package, kind="legal", request_id="court-1", agency=None, operator="cat", now=T0
    )
    later = until + timedelta(days=1)
    with pytest.raises(Exception, match=r"open holds \['hold-"):
        service.destroy(world.package, request_id="d", operator="dan", now=later)
    service.release_hold(world.package, hold.hold_id, operator="cat", now=later)
    service.destroy(world.package, request_id="d", operator="dan", now=later)
    assert service.key_store.get(world.package) is None


# ------------------------------------------------------------------ draft status


def _edit_status(world: World, status: str) -> None:
    path = next((world.tmp / "reports").rglob("draft.json"))
    data = json.loads(path.read_bytes())
    data["status"] = status
    path.chmod(0o644)
    path.write_text(json.dumps(data))


def test_a_hand_edited_approved_status_is_refused_and_flagged(
    world: World, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sign(world)
    _edit_status(world, "approved")
    monkeypatch.setenv("TIPLINE_OPERATOR", "rev")
    base = ("reports", "--config", str(world.config))
    assert run(*base, "submit", world.draft, "--reason", "c") == 4  # access denied
    err = capsys.readouterr().err
    assert "lacks role 'submitter'" in err  # rev may not submit; grant it and retry
    assert run("evidence", "verify", "--all", "--config", str(world.config)) == 1
    out = capsys.readouterr().out
    assert f"draft {world.draft!r} says status 'approved' but the custody log" in out
    assert run(*base, "approve", world.draft, "--reviewer", "rev") == 1
    assert "not backed by the custody log" in capsys.readouterr().err


def test_submit_refuses_a_draft_whose_approval_is_not_in_custody(
    world: World, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = world.tmp / "policy.toml"
    policy.write_text('identity = "env"\n[operators]\nsue = ["submitter", "viewer"]\n')
    assert run("roles", "sign", str(policy), "--config", str(world.config)) == 0
    _edit_status(world, "approved")
    monkeypatch.setenv("TIPLINE_OPERATOR", "sue")
    assert (
        run("reports", "--config", str(world.config), "submit", world.draft, "--reason", "c") == 1
    )
    assert "not backed by the custody log" in capsys.readouterr().err


def test_an_approval_is_a_signed_custody_event_and_verifies(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    sign(world)
    base = ("reports", "--config", str(world.config))
    assert run(*base, "approve", world.draft, "--reviewer", "rev") == 0
    event = world.service().custody_log(world.package)[-1]
    assert (event.action, event.operator) == ("status_changed", "rev")
    assert (event.details["subject"], event.details["draft_id"]) == ("draft", world.draft)
    assert (event.details["from"], event.details["to"]) == ("draft", "approved")
    capsys.readouterr()
    assert run("evidence", "verify", "--all", "--config", str(world.config)) == 0
    assert "no unbacked draft status" in capsys.readouterr().out


def test_the_signed_policy_is_ids_and_roles_only(world: World) -> None:
    sign(world)
    raw = (world.tmp / "vault" / "objects" / "admin" / "roles" / "00000001.json").read_bytes()
    signed = msgspec.json.decode(raw)
    assert set(signed) == {"policy", "key_id", "signature"}
    assert len(base64.b64decode(signed["signature"], validate=True)) == 64  # Ed25519


def test_a_cli_submission_records_every_status_change_in_custody(
    world: World, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = world.tmp / "policy.toml"
    policy.write_text(
        'identity = "env"\n[operators]\nrev = ["reviewer"]\nsue = ["submitter", "viewer"]\n'
    )
    assert run("roles", "sign", str(policy), "--config", str(world.config)) == 0
    with StandinCyberTipline() as server:
        text = world.config.read_text().replace(
            "[reports]\n", f'[reports]\napi_base_url_override = "{server.base_url}"\n'
        )
        world.config.write_text(text)
        monkeypatch.setenv("TIPLINE_NCMEC_USER", server.username)
        monkeypatch.setenv("TIPLINE_NCMEC_PASSWORD", server.password)
        base = ("reports", "--config", str(world.config))
        assert run(*base, "approve", world.draft, "--reviewer", "rev") == 0
        monkeypatch.setenv("TIPLINE_OPERATOR", "sue")
        assert run(*base, "submit", world.draft, "--reason", "case-5") == 0, capsys.readouterr()
    log = world.service().custody_log(world.package)
    statuses = [
        (e.operator, e.details["to"])
        for e in log
        if e.action == "status_changed" and e.details.get("subject") == "draft"
    ]
    assert statuses == [("rev", "approved"), ("sue", "submitted"), ("sue", "finished")]
    capsys.readouterr()
    assert run("evidence", "verify", "--all", "--config", str(world.config)) == 0
