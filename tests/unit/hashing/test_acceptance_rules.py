"""The two-stage acceptance rules one at a time, at their boundaries
(``operators/hashing/acceptance.py``; mutation survivors of issue #19).

The matcher's image tests reach these rules only through whole images, where
a region count or a tie between two orientations is never exactly at the edge.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from tipline.operators.hashing.acceptance import (
    _accepted,
    _aligned_hit,
    _closest,
    _hash_value,
    _Hit,
    _regions_agree,
)
from tipline.operators.hashing.algorithm import Computed, IndexHit
from tipline.operators.hashing.catalog import EntryInfo

if TYPE_CHECKING:
    from tipline.operators.hashing.catalog import IndexedEntries, LoadedList

WHOLE = EntryInfo(list="known", entry_id="img-1", category="A1")


def _region(name: str) -> EntryInfo:
    return EntryInfo(
        list="known", entry_id=f"img-1-{name}", category="A1", derived_from="img-1",
        transform=f"region:{name}",
    )  # fmt: skip


def _region_hits(*names: str, distance: int = 5) -> list[_Hit]:
    return [
        _Hit(_region(n), "pdq", distance, "original", f"region:{n}", False, False) for n in names
    ]


def test_region_hashes_alone_need_three_distinct_regions() -> None:
    assert _accepted(_region_hits("q1", "q2", "c"))
    assert not _accepted(_region_hits("q1", "q2"))
    assert not _accepted(_region_hits("q1", "q1", "q2"))  # the same region twice is one signal


def test_a_region_count_of_one_is_a_rule_and_zero_turns_it_off() -> None:
    one = _region_hits("q1", distance=8)
    assert _regions_agree(one, 8, 1)
    assert not _regions_agree(one, 7, 1)
    assert not _regions_agree(one, 8, 0)
    assert not _regions_agree(one, None, 1)


class _Index:
    def __init__(self, hits: list[IndexHit]) -> None:
        self.hits = hits

    def query_many(self, values: list[bytes], radius: int) -> list[IndexHit]:
        assert radius == 31
        return self.hits


def test_each_entry_keeps_its_closest_variant_and_the_first_of_a_tie() -> None:
    c = Computed(
        algorithm="pdq", value=b"\x00" * 32,
        variants=(("original", b"\x00" * 32), ("rotate90", b"\x01" * 32), ("flip", b"\x02" * 32)),
    )  # fmt: skip
    hits = [IndexHit(0, 7, 10), IndexHit(1, 7, 4), IndexHit(2, 7, 4), IndexHit(2, 9, 30)]
    indexed = cast("IndexedEntries", SimpleNamespace(index=_Index(hits)))
    assert _closest(indexed, c, 31) == {7: (4, "rotate90"), 9: (30, "flip")}


def test_an_aligned_anchor_counts_only_within_the_radius() -> None:
    indexed = SimpleNamespace(info=lambda position: WHOLE if position == 3 else None)
    loaded = cast("LoadedList", SimpleNamespace(indexes={"pdq": indexed}))
    anchor = (3, b"\x00" * 32, 640, 480)
    want = _Hit(WHOLE, "pdq", 31, "original", "retry:align", False, False)
    assert _aligned_hit(loaded, anchor, 31, 31) == [want]
    assert _aligned_hit(loaded, anchor, 32, 31) == []
    assert _aligned_hit(loaded, anchor, None, 31) == []


def test_a_hash_value_is_recorded_in_hex_with_its_quality() -> None:
    c = Computed(algorithm="pdq", value=bytes([0xAB, 0x01]), quality=87)
    value = _hash_value(c, matchable=False)
    assert (value.algorithm, value.value, value.quality, value.matchable) == (
        "pdq",
        "ab01",
        87,
        False,
    )
