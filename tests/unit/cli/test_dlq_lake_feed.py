"""`tipline dlq replay`: a lake-feed dead letter holds a decision and goes back to the decisions
topic, never to the job's input topic; event letters still go to the input."""

from __future__ import annotations

import argparse
import sys
import types
from datetime import UTC, datetime
from typing import Any

import msgspec
import pytest

from tests.support import REPO
from tipline.cli.commands import dlq
from tipline.schemas.config import load_config
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.errors import ConfigError
from tipline.schemas.source import SourcePosition

AT = datetime(2026, 12, 2, tzinfo=UTC)


def letter(stage: str, raw: bytes, offset: int) -> DeadLetter:
    return DeadLetter(
        stage=stage, error_type="X", error="e", raw=raw, key=b"s1", at=AT,
        source=SourcePosition(kind="kafka", topic="t", partition=0, offset=offset),
    )  # fmt: skip


class FakeProducer:
    sent: list[tuple[str, bytes, bytes | None]] = []

    def __init__(self, conf: dict[str, str]) -> None:
        del conf

    def produce(self, topic: str, value: bytes, key: bytes | None) -> None:
        FakeProducer.sent.append((topic, value, key))

    def flush(self, timeout: float) -> int:
        del timeout
        return 0


class Opened:
    """Stands in for the sealer: the letters here are already plain."""

    def open(self, d: DeadLetter) -> DeadLetter:
        return d


def run(
    monkeypatch: pytest.MonkeyPatch, letters: list[DeadLetter], **sets: Any
) -> tuple[int, list[tuple[str, bytes, bytes | None]]]:
    cfg = load_config(str(REPO / "config" / "bench.toml"))
    for section, values in sets.items():
        part = msgspec.structs.replace(getattr(cfg, section), **values)
        cfg = msgspec.structs.replace(cfg, **{section: part})
    FakeProducer.sent = []
    monkeypatch.setitem(
        sys.modules, "confluent_kafka", types.SimpleNamespace(Producer=FakeProducer)
    )
    monkeypatch.setattr(dlq, "load_config", lambda _path: cfg)
    monkeypatch.setattr(dlq, "read_dead_letters", lambda _cfg: iter(letters))
    monkeypatch.setattr(dlq.DeadLetterSealer, "from_config", classmethod(lambda *_: Opened()))
    args = argparse.Namespace(
        config="x", stage=None, error_type=None, dry_run=False, out=None, json=False
    )
    return dlq.run_replay(args), FakeProducer.sent


def test_lake_feed_letters_go_to_the_decisions_topic_and_events_to_the_input(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rc, sent = run(monkeypatch, [letter("lake-feed", b"decision", 1), letter("decode", b"ev", 2)])
    assert rc == 0
    assert sent == [
        ("tipline.bench.decisions", b"decision", b"s1"),
        ("tipline.bench.in", b"ev", b"s1"),
    ]


def test_lake_feed_letters_need_decisions_on_kafka(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match=r"decisions\.kind = kafka"):
        run(monkeypatch, [letter("lake-feed", b"decision", 1)], decisions={"kind": "jsonl"})
