"""Reviewer outcomes are calibration labels and carry the reason appeals need."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tipline.cli.commands.appeals import register
from tipline.cli.commands.calibrate import read_labels

from .case_helpers import T0, env, open_case


def test_outcomes_file_reads_as_session_labels(tmp_path: Path) -> None:
    e = env(tmp_path)
    dismissed = open_case(e, n=2)
    escalated = open_case(e, n=3)
    e.service.dismiss(dismissed, reviewer="rita", reason="coach with parents cc'd", now=T0)
    e.service.escalate(escalated, reviewer="rita", reason="meeting request", now=T0)
    labels = read_labels(str(tmp_path / "cases" / "outcomes.jsonl"))
    # both cases are in one session; the later verdict (escalation) is the label
    assert labels.sessions == {"dm:u-adult:u-child": True}
    by_event = {o.event_id: o for o in e.cases.outcomes()}
    assert by_event["evt-0002"].reason == "coach with parents cc'd"
    assert by_event["evt-0002"].outcome == "false_positive"
    assert by_event["evt-0003"].outcome == "escalated"


def test_appeals_list_shows_the_reviewers_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    e = env(tmp_path)
    cid = open_case(e, n=2)
    e.service.dismiss(cid, reviewer="rita", reason="coach, parents in loop", now=T0)
    config = tmp_path / "c.toml"
    config.write_text(
        f'[reports]\npath = "{tmp_path / "reports"}"\n[lake]\npath = "{tmp_path / "lake"}"\n',
        encoding="utf-8",
    )
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command", required=True))
    for argv in (
        ["appeals", "open", "evt-0002", "--reason", "false-positive"],
        ["appeals", "list"],
    ):
        args = parser.parse_args([*argv, "--config", str(config)])
        assert args.func(args) == 0
    line = capsys.readouterr().out.splitlines()[-1]
    assert "evt-0002" in line and line.endswith("false_positive: coach, parents in loop")
