"""The decisions log: every decision published once to ``[decisions]`` (JSONL here).

The Kafka kind is tested against the real broker in
``tests/integration/test_decisions_topic.py``; here the message it builds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
from bytewax.testing import TestingSink, TestingSource, run_main

from tests.flow.conftest import mixed_records
from tipline.flows.main import build_flow
from tipline.flows.outputs import OutputOverrides
from tipline.schemas.audit import AuditRow
from tipline.schemas.config import TiplineConfig, parse_config
from tipline.schemas.decision import decode_decision, encode_decision
from tipline.schemas.source import SourcePosition
from tipline.sinks.decisions import SOURCE_TS_HEADER, decision_message
from tipline.sinks.kafka_out import BoundedKafkaSink


def _config(tmp: Path, **decisions: str) -> TiplineConfig:
    return parse_config(
        {
            "dead_letters": {"path": str(tmp / "out")},
            "alerts": {"path": str(tmp / "out")},
            "decisions": {"path": str(tmp / "decisions"), **decisions},
            "lake": {"path": str(tmp / "lake")},
            "hashing": {"lists": []},
            "evidence": {"path": str(tmp / "vault")},
            "reports": {"path": str(tmp / "reports")},
        }
    )


def _run(cfg: TiplineConfig, contract_examples: Path, **kw: str) -> list[AuditRow]:
    rows: list[AuditRow] = []
    outputs = OutputOverrides(lake=TestingSink(rows), dead_letters=TestingSink([]))
    records = mixed_records(contract_examples)
    run_main(build_flow(cfg, source=TestingSource(records), outputs=outputs, **kw))
    return rows


def test_the_default_writes_one_decision_line_per_valid_input(
    tmp_path: Path, contract_examples: Path
) -> None:
    rows = _run(_config(tmp_path), contract_examples)
    lines = (tmp_path / "decisions" / "decisions.jsonl").read_bytes().splitlines()
    decisions = [decode_decision(line) for line in lines]
    assert [d.event_id for d in decisions] == [f"evt-{i:05d}" for i in range(40)]
    assert sorted(d.event_id for d in decisions) == sorted(r.event_id for r in rows)
    # the line is exactly the encoded decision (contract §5 shape)
    assert all(encode_decision(d) == line for d, line in zip(decisions, lines, strict=True))


def test_kind_none_writes_no_decisions_but_every_lake_row(
    tmp_path: Path, contract_examples: Path
) -> None:
    rows = _run(_config(tmp_path, kind="none"), contract_examples)
    assert len(rows) == 40
    assert not (tmp_path / "decisions").exists()


def test_a_replay_path_overrides_the_configured_kind(
    tmp_path: Path, contract_examples: Path
) -> None:
    # kind = "kafka" at an unreachable broker: a replay writes its own JSONL instead
    cfg = _config(tmp_path, kind="kafka", topic="never-used")
    _run(cfg, contract_examples, decisions_path=str(tmp_path / "replay"))
    lines = (tmp_path / "replay" / "decisions.jsonl").read_bytes().splitlines()
    assert len(lines) == 40
    assert not (tmp_path / "decisions").exists()


def test_an_override_sink_receives_the_decision_json(
    tmp_path: Path, contract_examples: Path
) -> None:
    got: list[bytes] = []
    cfg = _config(tmp_path, kind="kafka", topic="never-used")
    outputs = OutputOverrides(
        lake=TestingSink([]), dead_letters=TestingSink([]), decisions=TestingSink(got)
    )
    records = mixed_records(contract_examples)
    run_main(build_flow(cfg, source=TestingSource(records), outputs=outputs))
    assert sorted(decode_decision(b).event_id for b in got) == [f"evt-{i:05d}" for i in range(40)]


def test_the_kafka_message_is_keyed_by_session_with_the_source_timestamp(
    tmp_path: Path, contract_examples: Path
) -> None:
    got: list[bytes] = []
    outputs = OutputOverrides(
        lake=TestingSink([]), dead_letters=TestingSink([]), decisions=TestingSink(got)
    )
    run_main(
        build_flow(
            _config(tmp_path),
            source=TestingSource(mixed_records(contract_examples)),
            outputs=outputs,
        )
    )
    decision = decode_decision(got[0])
    source = SourcePosition(kind="kafka", topic="t", partition=0, offset=5, timestamp_ms=1234)
    stamped = msgspec.structs.replace(decision, source=source)
    msg = decision_message(stamped)
    assert msg.key == decision.session_id.encode()
    assert msg.value == encode_decision(stamped)
    assert msg.headers == [(SOURCE_TS_HEADER, b"1234")]
    assert decision_message(decision).headers == []  # file input: no timestamp known


def test_kind_kafka_wires_an_idempotent_producer_keyed_by_session(tmp_path: Path) -> None:
    """The flow is only built (no broker needed); the real topic is an integration test."""
    cfg = _config(tmp_path, kind="kafka", topic="the-decisions")
    cfg = msgspec.structs.replace(
        cfg, kafka=msgspec.structs.replace(cfg.kafka, producer={"acks": 1, "linger.ms": 1})
    )
    flow = build_flow(cfg, source=TestingSource([]), outputs=OutputOverrides(lake=TestingSink([])))
    steps: dict[str, Any] = {}
    stack = list(flow.substeps)  # type: ignore[attr-defined]
    while stack:
        step = stack.pop()
        steps[step.step_name] = step
        stack.extend(getattr(step, "substeps", []))
    sink = steps["decisions"].sink
    assert isinstance(sink, BoundedKafkaSink)
    assert sink._topic == "the-decisions"
    assert sink._config["enable.idempotence"] == "true"
    assert sink._config["acks"] == "all"  # forced over the configured acks = 1
    assert sink._config["linger.ms"] == "1"
    assert "decision-message" in steps
