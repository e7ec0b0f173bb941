"""The lake's clean-up on start at its boundaries (issue #19).

A file is uncommitted when its generation is at or after the recovery store's
creation (``>=``: a generation equal to the stamp is this store's), and the
clean-up of one shard never touches another shard's files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.test_lake import crash, read_ids, recovery_store, row, sink
from tipline.sinks.lake import LakeSink, lake_files


@pytest.mark.parametrize(("gen", "kept"), [(9, True), (10, False), (11, False)])
def test_files_of_the_store_creation_instant_are_uncommitted(
    tmp_path: Path, gen: int, kept: bool
) -> None:
    lake = tmp_path / "lake"
    store = recovery_store(tmp_path, 10)
    crashed = sink(lake, store=store, gen=gen).build_part("lake", "shard00", None)
    crashed.write_batch([row(0), row(1)])
    crashed.snapshot()  # in a file, but the store never kept the snapshot
    crash(crashed)
    restarted = sink(lake, store=store, gen=20).build_part("lake", "shard00", None)
    assert read_ids(lake) == (["e0", "e1"] if kept else [])
    crash(restarted)


def test_resuming_one_shard_leaves_the_other_shards_files(tmp_path: Path) -> None:
    lake = LakeSink(tmp_path, shards=2, roll_rows=100, roll_seconds=3600, generation=lambda: 1)
    first = lake.build_part("lake", "shard00", None)
    other = lake.build_part("lake", "shard01", None)
    first.write_batch([row(0)])
    state = first.snapshot()  # shard00 committed at (1, 1)
    other.write_batch([row(1)])
    other.snapshot()
    other.write_batch([row(2)])
    other.snapshot()  # shard01 wrote seq 0 and 1 of the same generation
    for part in (first, other):
        crash(part)
    resumed = lake.build_part("lake", "shard00", state)
    assert read_ids(tmp_path) == ["e0", "e1", "e2"]
    assert sorted(s for shard, _, s, _ in lake_files(tmp_path) if shard == "shard01") == [0, 1]
    crash(resumed)


def test_a_lake_folder_that_does_not_exist_yet_is_made_with_its_parents(tmp_path: Path) -> None:
    root = tmp_path / "data" / "audit" / "lake"
    part = sink(root).build_part("lake", "shard00", None)
    part.write_batch([row(0)])
    part.close()
    assert read_ids(root) == ["e0"]
