"""The flow's case writes: a batch's cases and following rows in one group commit each."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tipline.schemas.report import TimelineEntry
from tipline.services.cases import new_case
from tipline.sinks import durable

from .case_helpers import T0, decision, env, event


@pytest.fixture
def syncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    seen: list[int] = []
    real = durable.OPS.syncfs

    def syncfs(fd: int) -> None:
        seen.append(fd)
        real(fd)

    monkeypatch.setattr(durable.OPS, "syncfs", syncfs)
    return seen


def test_open_many_creates_new_cases_keeps_existing_ones_owner_only(
    tmp_path: Path, syncs: list[int]
) -> None:
    e = env(tmp_path)
    records = [
        new_case(
            f"pkg-{n}", decision(event(n), "review"), event(n), [], deadline_hours=24.0, now=T0
        )
        for n in range(2, 6)
    ]
    assert e.cases.open(records[0])
    syncs.clear()
    assert e.cases.open_many([*records, records[1]]) == [False, True, True, True, False]
    if durable.syncfs_available():
        assert len(syncs) == 2  # content, then names: whatever the number of cases
    for record in records:
        assert e.cases.read(record.case_id) == record
        path = tmp_path / "cases" / record.case_id
        assert (path / "case.json").stat().st_mode & 0o777 == 0o600
        assert path.stat().st_mode & 0o777 == 0o700
    assert not [p for p in (tmp_path / "cases").rglob("*") if p.name.endswith(".tmp")]


def test_add_following_many_records_each_row_once(tmp_path: Path) -> None:
    e = env(tmp_path)
    cid = "pkg-7"
    e.cases.open(
        new_case(cid, decision(event(7), "review"), event(7), [], deadline_hours=24.0, now=T0)
    )
    rows = [
        TimelineEntry(message_id=f"m-{i}", sender_id="u-adult", sent_at=T0, signals=[], weight=0.0)
        for i in range(3)
    ]
    e.cases.add_following(cid, rows[:1])
    e.cases.add_following_many({cid: rows})
    e.cases.add_following_many({cid: rows})  # a replay adds nothing
    assert sorted(e.cases.following(cid)) == ["m-0", "m-1", "m-2"]
    folder = tmp_path / "cases" / cid / "following"
    assert sorted(os.listdir(folder)) == ["m-0.json", "m-1.json", "m-2.json"]
