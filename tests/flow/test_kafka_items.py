"""Kafka source items through the flow: a consume error is a dead letter, never a crash.

Issue #19: turning Bytewax's ``KafkaError`` item into an exception (or
dropping it) passed every test. The items here are Bytewax's own
``KafkaSourceMessage``/``KafkaError`` values with a real
``confluent_kafka.KafkaError`` code (no patching): the flow must dead-letter
the error with its topic, partition and offset, and go on with the next
message.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from bytewax.connectors.kafka import KafkaError, KafkaSourceMessage
from bytewax.testing import TestingSink, TestingSource, run_main
from confluent_kafka import KafkaError as ConfluentError

from tests.flow.conftest import event_json
from tipline.flows.kafka_io import to_raw_record
from tipline.flows.main import build_flow
from tipline.flows.outputs import OutputOverrides
from tipline.flows.pipeline import Pipeline
from tipline.schemas.config import parse_config
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.source import RawRecord

NOW = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)


def _message(value: bytes | None, offset: int, key: bytes | None = None) -> KafkaSourceMessage:
    return KafkaSourceMessage(
        key=key, value=value, topic="tipline.events", partition=3, offset=offset,
        timestamp=(1, 1_764_252_000_000),
    )  # fmt: skip


def _error(offset: int) -> KafkaError:
    err = ConfluentError(ConfluentError._MSG_TIMED_OUT, "broker went away")
    return KafkaError(err, _message(b"partial", offset, key=b"k"))


def test_a_consume_error_becomes_a_dead_letter_with_its_position() -> None:
    letter = to_raw_record(_error(17), NOW)
    assert isinstance(letter, DeadLetter)
    assert (letter.stage, letter.error_type, letter.at) == ("consume", "KafkaError", NOW)
    assert "broker went away" in letter.error
    assert (letter.raw, letter.key) == (b"partial", b"k")
    src = letter.source
    assert (src.kind, src.topic, src.partition, src.offset) == ("kafka", "tipline.events", 3, 17)
    assert src.timestamp_ms == 1_764_252_000_000


def test_a_kafka_message_becomes_a_raw_record() -> None:
    record = to_raw_record(_message(b"{}", 5, key=b"s-1"), NOW)
    assert isinstance(record, RawRecord)
    assert (record.value, record.key) == (b"{}", b"s-1")
    assert (record.source.topic, record.source.partition, record.source.offset) == (
        "tipline.events", 3, 5,
    )  # fmt: skip
    empty = to_raw_record(
        KafkaSourceMessage(
            key=None, value=None, topic="t", partition=0, offset=1, timestamp=(0, 9)
        ),
        NOW,
    )
    assert isinstance(empty, RawRecord)
    assert empty.value == b""
    assert empty.source.timestamp_ms is None  # timestamp type 0: not available


def test_an_unknown_source_item_is_a_bug_not_a_dead_letter() -> None:
    with pytest.raises(TypeError, match="unexpected source item of type str"):
        to_raw_record("neither", NOW)


def test_the_flow_dead_letters_a_consume_error_and_goes_on(tmp_path: Path) -> None:
    cfg = parse_config({"lake": {"path": str(tmp_path / "lake")}, "evidence": {"enabled": False}})
    items = [_message(event_json(1, "s-1"), 1), _error(2), _message(event_json(3, "s-1"), 3)]
    lake: list = []
    letters: list = []
    outputs = OutputOverrides(lake=TestingSink(lake), dead_letters=TestingSink(letters))
    run_main(build_flow(cfg, source=TestingSource(items), outputs=outputs, pipeline=Pipeline(cfg)))
    assert [(d.stage, d.error_type, d.source.offset) for d in letters] == [
        ("consume", "KafkaError", 2)
    ]
    assert sorted(row.event_id for row in lake) == ["evt-00001", "evt-00003"]


def _steps(flow: object) -> dict[str, object]:
    """Every step of a dataflow by its step name (nested steps included)."""
    found: dict[str, object] = {}
    stack = list(flow.substeps)  # type: ignore[attr-defined]
    while stack:
        step = stack.pop()
        found[step.step_name] = step
        stack.extend(getattr(step, "substeps", []))
    return found


def test_dead_letters_go_to_the_kafka_topic_when_configured(tmp_path: Path) -> None:
    """The Kafka dead-letter sink is wired (the flow is only built: no broker needed)."""
    from tipline.schemas.dead_letter import decode_dead_letter
    from tipline.sinks.kafka_out import BoundedKafkaSink

    cfg = parse_config(
        {
            "lake": {"path": str(tmp_path / "lake")},
            "evidence": {"enabled": False},
            "dead_letters": {"kind": "kafka", "topic": "dl-topic"},
        }
    )
    flow = build_flow(
        cfg, source=TestingSource([]), outputs=OutputOverrides(lake=TestingSink([])),
        pipeline=Pipeline(cfg),
    )  # fmt: skip
    steps = _steps(flow)
    sink = steps["dead-letters"].sink  # type: ignore[attr-defined]
    assert isinstance(sink, BoundedKafkaSink)
    assert sink._topic == "dl-topic"
    assert "seal-dead-letter" in steps
    to_message = steps["dead-letter-message"].mapper  # type: ignore[attr-defined]
    letter = to_raw_record(_error(9), NOW)
    assert isinstance(letter, DeadLetter)
    message = to_message(letter)
    assert message.key == letter.dedupe_key().encode()
    assert decode_dead_letter(message.value) == letter


class _AuditRowFails(Pipeline):
    """A pipeline whose audit-row step fails for one event (a keyed dead letter)."""

    def to_audit_row(self, decided):  # type: ignore[no-untyped-def]
        if decided.event.event_id == "evt-00002":
            return self.failures.letter(
                "audit-row", RuntimeError("injected"), source=decided.decision.source,
                event=decided.event, now=NOW,
            )  # fmt: skip
        return super().to_audit_row(decided)


def test_a_failure_after_keying_reaches_the_dead_letters_unkeyed(tmp_path: Path) -> None:
    cfg = parse_config({"lake": {"path": str(tmp_path / "lake")}, "evidence": {"enabled": False}})
    items = [_message(event_json(i, "s-1"), i) for i in (1, 2, 3)]
    lake: list = []
    letters: list = []
    outputs = OutputOverrides(lake=TestingSink(lake), dead_letters=TestingSink(letters))
    run_main(
        build_flow(cfg, source=TestingSource(items), outputs=outputs, pipeline=_AuditRowFails(cfg))
    )
    assert [type(d).__name__ for d in letters] == ["DeadLetter"]
    assert (letters[0].stage, letters[0].source.offset) == ("audit-row", 2)
    assert sorted(row.event_id for row in lake) == ["evt-00001", "evt-00003"]


def test_a_consume_error_without_a_payload_is_dead_lettered_with_empty_raw_bytes() -> None:
    err = ConfluentError(ConfluentError._MSG_TIMED_OUT, "broker went away")
    letter = to_raw_record(KafkaError(err, _message(None, 4)), NOW)
    assert isinstance(letter, DeadLetter)
    assert (letter.raw, letter.key) == (b"", None)
    assert letter.source.offset == 4
