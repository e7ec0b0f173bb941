from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tipline.cli.commands import appeals as cmd
from tipline.schemas.appeal import Appeal
from tipline.sinks.appeals import AppealStore

T = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser()
    cmd.register(p.add_subparsers(dest="command", required=True))
    return p


def call(args: list[str]) -> int:
    ns = parser().parse_args(args)
    result: int = ns.func(ns)
    return result


def test_store_is_partitioned_idempotent_and_event_sourced(tmp_path: Path) -> None:
    store = AppealStore(tmp_path)
    opened = Appeal(
        appeal_id="ap-1",
        event_id="e-1",
        status="open",
        reason="false-positive",
        opened_at=T,
        recorded_at=T,
    )
    path = store.append(opened)
    assert path.parent == tmp_path / "appeals" / "dt=2026-03-01"
    store.append(opened)  # a retry writes the same file again
    assert len(list((tmp_path / "appeals").rglob("*.parquet"))) == 1
    assert pq.read_table(path).num_rows == 1
    later = datetime(2026, 3, 2, tzinfo=UTC)
    store.append(
        Appeal(
            appeal_id="ap-1",
            event_id="e-1",
            status="overturned",
            reason="false-positive",
            opened_at=T,
            recorded_at=later,
            reviewer="rev-7",
        )
    )
    assert [a.status for a in store.read_all()] == ["open", "overturned"]
    assert store.current()["ap-1"].reviewer == "rev-7"


def test_cli_open_list_resolve(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lake = ["--lake", str(tmp_path)]
    assert call(["appeals", "open", "evt-9", "--reason", "false-positive", *lake]) == 0
    appeal_id = capsys.readouterr().out.strip()
    assert appeal_id.startswith("ap-")
    assert call(["appeals", "list", "--status", "open", *lake]) == 0
    assert appeal_id in capsys.readouterr().out
    args = ["appeals", "resolve", appeal_id, "--outcome", "upheld", "--reviewer", "rev-1", *lake]
    assert call(args) == 0
    assert call(args) == 1  # already resolved: a rule refused it (README "Exit statuses")
    assert "already upheld" in capsys.readouterr().err
    assert (
        call(["appeals", "resolve", "ap-missing", "--outcome", "upheld", "--reviewer", "x", *lake])
        == 1
    )
    call(["appeals", "list", "--status", "open", *lake])
    assert appeal_id not in capsys.readouterr().out
