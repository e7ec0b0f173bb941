"""``tipline reports`` subcommands, driven through argparse as the CLI does."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.standin.cybertipline_server import StandinCyberTipline
from tests.unit.evidence.evidence_helpers import with_roles
from tipline.cli.commands.reports import register
from tipline.cli.evidence_access import EvidenceServices
from tipline.operators.report import build_draft
from tipline.schemas.config import TiplineConfig, load_config
from tipline.services.evidence import EvidenceService, build_evidence_service
from tipline.sinks.drafts import DraftsSink

from .builders import T0, csam_case, enticement_case, reports_cfg


@pytest.fixture
def server() -> Iterator[StandinCyberTipline]:
    with StandinCyberTipline() as srv:
        yield srv


def _config(tmp_path: Path, base_url: str = "") -> Path:
    cfg = tmp_path / "tipline.toml"
    cfg.write_text(
        f"""
[reports]
path = "{tmp_path / "reports"}"
api_base_url_override = "{base_url}"
max_attempts = 2
backoff_initial_s = 0.0
timeout_s = 2.0
[reports.reporter.reporting_person]
first_name = "Riley"
last_name = "Reviewer"
email = "safety@example.com"
[evidence]
path = "{tmp_path / "vault"}"
[evidence.access]
operators = {{ "ana" = ["reviewer", "viewer", "submitter"] }}
""",
        encoding="utf-8",
    )
    return cfg


def _vault(tmp_path: Path) -> EvidenceService:
    cfg = load_config(str(tmp_path / "tipline.toml")).evidence
    return with_roles(build_evidence_service(cfg, env={}))


def _drafts(tmp_path: Path) -> dict[str, str]:
    """Package both cases in the test vault (drafts need a custody log) and write their drafts."""
    sink = DraftsSink(tmp_path / "reports")
    vault = _vault(tmp_path)
    ids = {}
    for name, case in (("csam", csam_case), ("groom", enticement_case)):
        _, decision, event = case()
        receipt = vault.package(decision, event, attachments={}, context=[], now=T0)
        sink.write(build_draft(receipt, decision, event, reports_cfg(), T0))
        ids[name] = receipt.package_id
    return ids


def _open_item(tmp_path: Path) -> Callable[[str, str], bytes]:
    vault = _vault(tmp_path)
    return lambda pkg, item: vault.open_item(pkg, item, operator="ana", reason="t", now=T0)


def _run(argv: list[str], services: object = None) -> int:
    parser = argparse.ArgumentParser(prog="tipline")
    register(parser.add_subparsers(dest="command", required=True), services)  # type: ignore[arg-type]
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_list_show_html_approve(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = str(_config(tmp_path))
    ids = _drafts(tmp_path)
    csam = ids["csam"]
    assert _run(["reports", "--config", cfg, "list"]) == 0
    out = capsys.readouterr().out
    assert "OVERDUE" in out and csam in out and ids["groom"] in out
    assert _run(["reports", "--config", cfg, "show", csam]) == 0
    assert "Reported" in capsys.readouterr().out
    page = tmp_path / "page.html"
    assert _run(["reports", "--config", cfg, "html", csam, "--out", str(page)]) == 0
    assert "N-4411" in page.read_text(encoding="utf-8")
    assert _run(["reports", "--config", cfg, "html", csam, "--out", str(page), "--reveal"]) == 2
    assert _run(["reports", "--config", cfg, "approve", csam, "--reviewer", "ana"]) == 0
    assert _run(["reports", "--config", cfg, "approve", csam, "--reviewer", "ana"]) == 1
    assert "cannot go from 'approved'" in capsys.readouterr().err
    assert _run(["reports", "--config", cfg, "show", "nope"]) == 1


def test_submit_through_the_cli(
    tmp_path: Path, server: StandinCyberTipline, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = str(_config(tmp_path, server.base_url))
    csam = _drafts(tmp_path)["csam"]
    holds: list[str] = []
    open_item = _open_item(tmp_path)

    def services(config: TiplineConfig, args: argparse.Namespace) -> EvidenceServices:
        return EvidenceServices(
            open_item=open_item,
            on_finished=lambda pkg, rid, at: holds.append(rid),
        )

    assert _run(["reports", "--config", cfg, "submit", csam], services) == 1  # not approved
    assert _run(["reports", "--config", cfg, "approve", csam, "--reviewer", "ana"]) == 0
    assert _run(["reports", "--config", cfg, "submit", csam]) == 2  # no vault wired
    monkeypatch.delenv("TIPLINE_NCMEC_USER", raising=False)
    assert _run(["reports", "--config", cfg, "submit", csam], services) == 1
    monkeypatch.setenv("TIPLINE_NCMEC_USER", server.username)
    monkeypatch.setenv("TIPLINE_NCMEC_PASSWORD", server.password)
    assert _run(["reports", "--config", cfg, "submit", csam], services) == 0
    assert len(holds) == 1
    assert server.reports[holds[0]].state == "finished"


def test_auto_submit_on_approval(
    tmp_path: Path, server: StandinCyberTipline, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _config(tmp_path, server.base_url)
    path.write_text(
        path.read_text().replace("timeout_s = 2.0", "timeout_s = 2.0\nauto_submit_approved = true"),
        encoding="utf-8",
    )
    cfg = str(path)
    csam = _drafts(tmp_path)["csam"]
    holds: list[str] = []
    open_item = _open_item(tmp_path)

    def services(config: TiplineConfig, args: argparse.Namespace) -> EvidenceServices:
        assert args.reports_command == "submit"
        assert args.reason
        return EvidenceServices(
            open_item=open_item,
            on_finished=lambda pkg, rid, at: holds.append(rid),
        )

    monkeypatch.setenv("TIPLINE_NCMEC_USER", server.username)
    monkeypatch.setenv("TIPLINE_NCMEC_PASSWORD", server.password)
    argv = ["reports", "--config", cfg, "approve", csam, "--reviewer", "ana"]
    assert _run(argv, services) == 0
    assert len(holds) == 1
    assert server.reports[holds[0]].state == "finished"


def test_a_hand_approved_draft_is_never_sent(
    tmp_path: Path, server: StandinCyberTipline, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = str(_config(tmp_path, server.base_url))
    csam = _drafts(tmp_path)["csam"]
    path = tmp_path / "reports" / csam / "draft.json"
    path.write_text(path.read_text().replace('"status": "draft"', '"status": "approved"'))
    open_item = _open_item(tmp_path)

    def services(config: TiplineConfig, args: argparse.Namespace) -> EvidenceServices:
        return EvidenceServices(open_item=open_item, on_finished=lambda pkg, rid, at: None)

    monkeypatch.setenv("TIPLINE_NCMEC_USER", server.username)
    monkeypatch.setenv("TIPLINE_NCMEC_PASSWORD", server.password)
    assert _run(["reports", "--config", cfg, "submit", csam], services) == 1
    assert server.reports == {}  # refused before anything was sent


def test_reject_and_rebuild_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = str(_config(tmp_path))
    ids = _drafts(tmp_path)
    argv = ["reports", "--config", cfg, "rebuild", ids["groom"], "--reviewer", "ana"]
    assert _run(argv) == 1  # the test drafts have no case record to rebuild from
    assert "no case record" in capsys.readouterr().err
    argv = ["reports", "--config", cfg, "reject", ids["csam"], "--reviewer", "ana", "--reason"]
    assert _run([*argv, "benign"]) == 0
    assert _run([*argv, "again"]) == 1
    assert "cannot go from 'rejected'" in capsys.readouterr().err
    assert _run(["reports", "--config", cfg, "list"]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ids["csam"] in ln)
    assert line.split()[:2] == ["-", "rejected"]


def test_html_page_is_written_0600_even_over_an_existing_file(tmp_path: Path) -> None:
    cfg = str(_config(tmp_path))
    csam = _drafts(tmp_path)["csam"]
    page = tmp_path / "out" / "page.html"
    page.parent.mkdir()
    page.write_text("old", encoding="utf-8")
    page.chmod(0o644)
    assert _run(["reports", "--config", cfg, "html", csam, "--out", str(page)]) == 0
    assert page.stat().st_mode & 0o777 == 0o600
    text = page.read_text(encoding="utf-8")
    assert '<li class="msg trigger">' in text
    assert "old" not in text.splitlines()[0]


def test_html_without_a_vault_uses_the_draft_timeline_and_makes_no_keys(tmp_path: Path) -> None:
    cfg = str(_config(tmp_path))
    csam = _drafts(tmp_path)["csam"]
    other = tmp_path / "elsewhere.toml"
    text = Path(cfg).read_text(encoding="utf-8")
    text = text.replace(f'path = "{tmp_path / "vault"}"', f'path = "{tmp_path / "no-vault"}"')
    text += f'[evidence.keys]\ndev_key_dir = "{tmp_path / "other-keys"}"\n'
    other.write_text(text, encoding="utf-8")
    page = tmp_path / "page.html"
    assert _run(["reports", "--config", str(other), "html", csam, "--out", str(page)]) == 0
    assert '<li class="msg trigger">' in page.read_text(encoding="utf-8")
    assert not (tmp_path / "no-vault").exists()
    assert not (tmp_path / "other-keys").exists()  # no dev key was generated
