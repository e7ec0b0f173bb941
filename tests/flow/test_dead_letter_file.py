"""The file dead-letter sink writes ``<path>/dead-letters.jsonl`` by default, the
name README.md, ``tipline demo`` and ``dlq`` use (mutation survivor, issue #19)."""

from __future__ import annotations

import stat
from pathlib import Path

import bytewax.operators as op
import msgspec
import pytest
from bytewax.dataflow import Dataflow
from bytewax.testing import TestingSource, run_main

from tipline.flows.outputs import write_dead_letters
from tipline.schemas.clock import SYSTEM_CLOCK
from tipline.schemas.config import parse_config
from tipline.schemas.dead_letter import DeadLetter, decode_dead_letter
from tipline.schemas.source import SourcePosition


def _letter(offset: int) -> DeadLetter:
    return DeadLetter(
        stage="decode",
        error_type="DecodeError",
        error="not an event",
        source=SourcePosition(kind="kafka", topic="t", partition=0, offset=offset),
        raw=b"",
        at=SYSTEM_CLOCK.now(),
    )


def test_file_dead_letters_go_to_dead_letters_jsonl(tmp_path: Path) -> None:
    """…private (0600 in a 0700 folder), with the resume base of the recovery store."""
    cfg = parse_config(
        {
            "dead_letters": {"path": str(tmp_path / "out")},
            "recovery": {"enabled": True, "path": str(tmp_path / "recovery")},
            "hashing": {"lists": []},
        }
    )
    flow = Dataflow("dead-letter-file")
    letters = op.input("in", flow, TestingSource([_letter(1), _letter(2)]))
    write_dead_letters("dead-letters", letters, cfg, None)
    run_main(flow)
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        ".dead-letters.jsonl.base",
        "dead-letters.jsonl",
    ]
    # the base: the file's length (0) when first opened under this recovery store
    assert (out / ".dead-letters.jsonl.base").read_text(encoding="ascii").split()[1] == "0"
    lines = (out / "dead-letters.jsonl").read_bytes().splitlines()
    assert [decode_dead_letter(line).source.offset for line in lines] == [1, 2]
    assert stat.S_IMODE((out / "dead-letters.jsonl").stat().st_mode) == 0o600
    assert stat.S_IMODE(out.stat().st_mode) == 0o700


def test_every_file_dead_letter_is_sealed_before_it_is_written(tmp_path: Path) -> None:
    cfg = parse_config(
        {
            "dead_letters": {"path": str(tmp_path / "out")},
            "recovery": {"path": str(tmp_path / "recovery")},
            "hashing": {"lists": []},
        }
    )
    flow = Dataflow("dead-letter-sealed")
    letters = op.input("in", flow, TestingSource([_letter(1), _letter(2)]))
    write_dead_letters(
        "dead-letters", letters, cfg, None, lambda d: msgspec.structs.replace(d, raw=b"sealed")
    )
    run_main(flow)
    lines = (tmp_path / "out" / "dead-letters.jsonl").read_bytes().splitlines()
    assert [decode_dead_letter(line).raw for line in lines] == [b"sealed", b"sealed"]


def test_each_file_dead_letter_batch_is_fsynced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tipline.sinks import jsonl

    synced: list[int] = []
    per_batch: list[int] = []
    real_fsync, real_write = jsonl.os.fsync, jsonl._JsonlPartition.write_batch

    def fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    def write_batch(self: jsonl._JsonlPartition, values: list[bytes]) -> None:
        before = len(synced)
        real_write(self, values)
        per_batch.append(len(synced) - before)

    monkeypatch.setattr(jsonl.os, "fsync", fsync)
    monkeypatch.setattr(jsonl._JsonlPartition, "write_batch", write_batch)
    cfg = parse_config({"dead_letters": {"path": str(tmp_path / "out")}, "hashing": {"lists": []}})
    flow = Dataflow("dead-letter-fsync")
    letters = op.input("in", flow, TestingSource([_letter(1), _letter(2)]))
    write_dead_letters("dead-letters", letters, cfg, None)
    run_main(flow)
    assert per_batch
    assert set(per_batch) == {1}  # every batch written is forced to disk before it returns


def test_kafka_dead_letters_get_the_secrets_from_env() -> None:
    from tipline.sinks.kafka_out import BoundedKafkaSink

    cfg = parse_config(
        {
            "kafka": {"secret_env": {"sasl.password": "TIPLINE_TEST_DLQ_SECRET"}},
            "dead_letters": {"kind": "kafka", "topic": "dl-topic"},
            "hashing": {"lists": []},
        }
    )
    flow = Dataflow("dead-letter-kafka")
    letters = op.input("in", flow, TestingSource([_letter(1)]))
    env = {"TIPLINE_TEST_DLQ_SECRET": "not-a-real-secret"}
    write_dead_letters("dead-letters", letters, cfg, None, env=env)
    (step,) = [s for s in flow.substeps if s.step_name == "dead-letters"]
    sink = step.sink  # type: ignore[attr-defined]
    assert isinstance(sink, BoundedKafkaSink)
    assert sink._config["sasl.password"] == "not-a-real-secret"
    assert sink._topic == "dl-topic"
