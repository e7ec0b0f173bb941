"""The lake feed's dataflow: decisions → one lake row per event, bad records → dead letters.

The real topic, SIGKILLs and recovery are in ``tests/integration/test_lake_feed.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bytewax.testing import TestingSink, TestingSource, run_main

from tests.flow.conftest import mixed_records
from tipline.cli import exit_codes
from tipline.cli.main import main
from tipline.flows.lake_feed import build_lake_feed
from tipline.flows.main import build_flow
from tipline.flows.outputs import OutputOverrides
from tipline.schemas.audit import AuditRow
from tipline.schemas.config import TiplineConfig, parse_config
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.errors import ConfigError
from tipline.schemas.source import RawRecord, SourcePosition
from tipline.services.lake_feed import lake_feed_config


def _config(tmp: Path) -> TiplineConfig:
    return parse_config(
        {
            "kafka": {"consumer": {"group.id": "tipline"}},
            "dead_letters": {"path": str(tmp / "out")},
            "alerts": {"path": str(tmp / "out")},
            "decisions": {"kind": "kafka", "topic": "the-decisions"},
            "lake": {"path": str(tmp / "lake"), "feed": "decisions", "roll_seconds": 30},
            "recovery": {"path": str(tmp / "recovery"), "snapshot_interval_s": 5},
            "hashing": {"lists": []},
            "evidence": {"path": str(tmp / "vault")},
            "reports": {"path": str(tmp / "reports")},
        }
    )


def _decisions(cfg: TiplineConfig, contract_examples: Path) -> list[bytes]:
    got: list[bytes] = []
    outputs = OutputOverrides(dead_letters=TestingSink([]), decisions=TestingSink(got))
    run_main(
        build_flow(cfg, source=TestingSource(mixed_records(contract_examples)), outputs=outputs)
    )
    return got


def _records(values: list[bytes]) -> list[RawRecord]:
    return [
        RawRecord(
            value=v,
            key=b"k",
            source=SourcePosition(kind="kafka", topic="the-decisions", partition=0, offset=n),
        )
        for n, v in enumerate(values)
    ]


def test_the_job_with_feed_decisions_writes_no_lake(
    tmp_path: Path, contract_examples: Path
) -> None:
    rows: list[AuditRow] = []
    got: list[bytes] = []
    outputs = OutputOverrides(
        lake=TestingSink(rows), dead_letters=TestingSink([]), decisions=TestingSink(got)
    )
    records = mixed_records(contract_examples)
    run_main(build_flow(_config(tmp_path), source=TestingSource(records), outputs=outputs))
    assert len(got) == 40
    assert rows == []
    assert not (tmp_path / "lake").exists()


def test_replayed_decisions_become_one_row_and_garbage_a_dead_letter(
    tmp_path: Path, contract_examples: Path
) -> None:
    cfg = _config(tmp_path)
    decisions = _decisions(cfg, contract_examples)
    assert len(decisions) == 40
    # the job crashed after 30 decisions and replayed from the 20th; one garbage record
    values = [*decisions[:30], b"\x00 not a decision", *decisions[20:]]
    values.insert(5, b'{"schema": "tipline.decision/1", "event_id": 7}')
    rows: list[AuditRow] = []
    dead: list[DeadLetter] = []
    feed_cfg = lake_feed_config(cfg)
    flow = build_lake_feed(
        feed_cfg,
        source=TestingSource(_records(values)),
        lake=TestingSink(rows),
        dead_letters=TestingSink(dead),
    )
    run_main(flow)
    ids = [r.event_id for r in rows]
    assert sorted(ids) == [f"evt-{i:05d}" for i in range(40)]  # exactly once
    assert {d.stage for d in dead} == {"lake-feed"}
    assert sorted(d.source.offset or 0 for d in dead) == [5, 31]
    for letter in dead:
        assert letter.raw in values  # plain in flight, sealed by the output
        assert "not a decision" not in letter.error
    assert any("`$.event_id`" in d.error for d in dead)


def test_the_feed_config_is_derived_from_the_jobs(tmp_path: Path) -> None:
    cfg = lake_feed_config(_config(tmp_path))
    assert cfg.input.kind == "kafka"
    assert cfg.input.topics == ["the-decisions"]
    assert cfg.input.starting_offset == "beginning"
    assert cfg.recovery.path == str(tmp_path / "recovery" / "lake-feed")
    assert cfg.recovery.snapshot_interval_s == 30  # one lake file per roll_seconds
    assert cfg.kafka.consumer["group.id"] == "tipline-lake-feed"
    assert cfg.lake.path == str(tmp_path / "lake")
    assert not cfg.reports.enabled


def test_feed_decisions_needs_the_decisions_topic() -> None:
    with pytest.raises(ConfigError, match=r'set decisions\.kind = "kafka"'):
        parse_config({"lake": {"feed": "decisions"}, "decisions": {"kind": "jsonl"}})


def test_lake_feed_refuses_an_inline_lake(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[lake]\nfeed = "inline"\n', encoding="utf-8")
    assert main(["lake-feed", "--config", str(config)]) == exit_codes.USAGE


def test_dlq_reads_the_lake_feeds_dead_letters_file_too(tmp_path: Path) -> None:
    from tipline.cli.commands.dlq import read_dead_letters
    from tipline.schemas.clock import SYSTEM_CLOCK
    from tipline.schemas.dead_letter import encode_dead_letter

    cfg = _config(tmp_path)
    folder = Path(cfg.dead_letters.path)
    folder.mkdir(parents=True)
    for n, name in enumerate(("dead-letters", "lake-feed-dead-letters")):
        letter = DeadLetter(
            stage=name,
            error_type="X",
            error="e",
            source=SourcePosition(kind="kafka", topic="t", partition=0, offset=n),
            raw=b"",
            at=SYSTEM_CLOCK.now(),
        )
        (folder / f"{name}.jsonl").write_bytes(encode_dead_letter(letter) + b"\n")
    assert [d.stage for d in read_dead_letters(cfg)] == ["dead-letters", "lake-feed-dead-letters"]
