"""The batch steps decide exactly as the per-item steps did, and their metrics stay exact."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from tests.flow.conftest import mixed_records
from tipline.flows.pipeline import Pipeline
from tipline.flows.records import Decided, Inbound, Matched
from tipline.operators.audit import partition_day
from tipline.operators.intake import decode_oversized, decode_record
from tipline.schemas.clock import FixedClock
from tipline.schemas.config import parse_config
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.event import MessageEvent
from tipline.schemas.source import RawRecord, SourcePosition
from tipline.services.metrics import observe_batch

NOW = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)


def _pipe(tmp: Path, max_bytes: int = 1_048_576) -> Pipeline:
    cfg = parse_config(
        {
            "hashing": {"lists": []},
            "evidence": {"enabled": False, "path": str(tmp / "vault")},
            "input": {"max_record_bytes": max_bytes},
        }
    )
    return Pipeline(cfg, clock=FixedClock(NOW))


def _sample(name: str, stage: str) -> float:
    value = REGISTRY.get_sample_value(name, {"stage": stage})
    return value or 0.0


def test_observe_batch_counts_every_message_and_the_whole_time() -> None:
    count, total = (
        _sample("tipline_stage_seconds_count", "t"),
        _sample("tipline_stage_seconds_sum", "t"),
    )
    observe_batch("t", 40, 0.02)  # mean 0.5 ms
    observe_batch("t", 0, 1.0)  # nothing happened: nothing recorded
    assert _sample("tipline_stage_seconds_count", "t") == count + 40
    assert _sample("tipline_stage_seconds_sum", "t") == pytest.approx(total + 0.02)
    le = REGISTRY.get_sample_value("tipline_stage_seconds_bucket", {"stage": "t", "le": "0.0005"})
    below = REGISTRY.get_sample_value(
        "tipline_stage_seconds_bucket", {"stage": "t", "le": "0.0001"}
    )
    assert le is not None
    assert below is not None
    assert le - below == 40


@pytest.mark.parametrize("max_bytes", [1_048_576, 300])
def test_decode_batch_matches_decoding_each_record_alone(
    tmp_path: Path, contract_examples: Path, max_bytes: int
) -> None:
    records = mixed_records(contract_examples)
    out = _pipe(tmp_path, max_bytes).decode_batch(list(records))
    assert len(out) == len(records)
    for record, got in zip(records, out, strict=True):
        oversized = len(record.value) > max_bytes
        decode = decode_oversized if oversized else decode_record
        want = decode(record, max_bytes=max_bytes, now=NOW)
        if isinstance(want, MessageEvent):
            assert got == Inbound(event=want, source=record.source, oversized=oversized)
        else:
            assert isinstance(got, DeadLetter)
            assert (got.stage, got.error_type, got.error, got.raw) == (
                want.stage, want.error_type, want.error, want.raw,
            )  # fmt: skip


def test_match_batch_gives_text_only_messages_no_verdicts_in_order(
    tmp_path: Path, contract_examples: Path
) -> None:
    pipe = _pipe(tmp_path)
    inbound = [
        i
        for i in pipe.decode_batch(list(mixed_records(contract_examples)))
        if isinstance(i, Inbound)
    ]
    assert inbound
    out = pipe.match(inbound)
    assert all(isinstance(m, Matched) for m in out)
    assert [m.event for m in out] == [i.event for i in inbound]  # input order
    assert out == [m for i in inbound for m in pipe.match([i])]  # batching changes nothing
    assert all(m.attachments == [] for m in out if not m.event.attachments)


def test_partition_day_is_the_utc_day_as_strftime_wrote_it() -> None:
    minus5 = datetime(2026, 11, 20, 23, 30, tzinfo=UTC).astimezone(
        __import__("datetime").timezone(timedelta(hours=-5))
    )
    for at in (
        datetime(2026, 11, 20, 23, 59, tzinfo=UTC),
        minus5,
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(999, 12, 31, tzinfo=UTC),
        datetime(1000, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
    ):
        assert partition_day(at) == at.astimezone(UTC).strftime("%Y-%m-%d")


def test_decode_batch_reads_the_clock_once(tmp_path: Path) -> None:
    calls = []

    class CountingClock:
        def now(self) -> datetime:
            calls.append(1)
            return NOW

    pipe = _pipe(tmp_path)
    pipe.clock = CountingClock()
    bad = [
        RawRecord(value=b"nope", source=SourcePosition(kind="file", file="m", line=n))
        for n in range(5)
    ]
    letters = pipe.decode_batch(list(bad))
    assert len(calls) == 1
    assert all(isinstance(x, DeadLetter) and x.at == NOW for x in letters)


def test_package_commits_at_most_group_packages_cases_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = parse_config(
        {
            "hashing": {"lists": []},
            "evidence": {"enabled": False, "path": str(tmp_path / "vault"), "group_packages": 2},
        }
    )
    pipe = Pipeline(cfg, clock=FixedClock(NOW))
    sizes: list[int] = []

    def record(run: list[Decided], follow: object, now: datetime) -> list[object]:
        sizes.append(len(run))
        return []

    monkeypatch.setattr(pipe, "_package_run", record)
    cases = [Decided(decision=None, event=None) for _ in range(5)]  # type: ignore[arg-type]
    assert pipe.package(cases) == []  # type: ignore[arg-type]
    assert sizes == [2, 2, 1]  # commits of group_packages cases, the rest at the end
