"""What an accepted group reports (``Matcher._emit``, docs/hashing.md "Robust matching").

Direct hits (within the list's max distance) are reported, every one of them;
a group accepted only by agreement reports the best whole-image hit per
algorithm at its own distance, never a region entry and never the distance a
retry (rotation, crop) reached. Mutation survivors of issue #19.
"""

from __future__ import annotations

from tipline.operators.hashing.acceptance import _Hit
from tipline.operators.hashing.catalog import EntryInfo, LoadedList
from tipline.operators.hashing.matcher import Matcher
from tipline.operators.hashing.settings import MatchSettings

LIST = LoadedList(
    source="known", path="known.csv", version="sha256:00", indexes={}, max_distance={}
)
MATCHER = Matcher(
    [], MatchSettings(max_bytes=1, max_pixels=1, fetch_timeout_s=1.0, thresholds={}), 1
)
ORIGINAL = EntryInfo(list="known", entry_id="img-1", category="A1")
ROTATED = EntryInfo(
    list="known", entry_id="img-1-r2", category="A1", derived_from="img-1", transform="rotate:2"
)
QUADRANT = EntryInfo(
    list="known", entry_id="img-1-q1", category="A1", derived_from="img-1", transform="region:q1"
)


def _hit(info: EntryInfo, distance: int, signal: str, *, direct: bool = False) -> _Hit:
    return _Hit(info, "pdq", distance, "original", signal, direct, direct and distance <= 20)


def test_every_direct_hit_is_reported_with_its_strength() -> None:
    group = [_hit(ORIGINAL, 12, "pdq", direct=True), _hit(ROTATED, 28, "derived", direct=True)]
    matches = MATCHER._emit(LIST, group)
    assert [(m.entry_id, m.distance, m.strength) for m in matches] == [
        ("img-1", 12, "strong"),
        ("img-1-r2", 28, "weak"),
    ]
    assert matches[1].derived_from == "img-1"
    assert {(m.list, m.list_version, m.source, m.category) for m in matches} == {
        ("known", "sha256:00", "known", "A1")
    }


def test_an_agreed_group_reports_the_whole_image_hit_not_a_closer_region() -> None:
    group = [
        _hit(ORIGINAL, 50, "pdq"),
        _hit(QUADRANT, 4, "region:q1"),
        _hit(QUADRANT, 6, "region:c"),
    ]
    (match,) = MATCHER._emit(LIST, group)
    assert (match.entry_id, match.distance, match.strength) == ("img-1", 50, "weak")
    assert match.signals == ["pdq", "region:c", "region:q1"]


def test_an_agreed_group_reports_its_own_distance_not_the_retry_s() -> None:
    group = [_hit(ORIGINAL, 55, "pdq"), _hit(ORIGINAL, 9, "retry:rotate+2")]
    (match,) = MATCHER._emit(LIST, group)
    assert (match.entry_id, match.distance, match.strength) == ("img-1", 55, "weak")
    assert match.signals == ["pdq", "retry:rotate+2"]


def test_a_region_hit_ahead_of_a_whole_image_hit_does_not_end_the_choice() -> None:
    # a retry's pHash trigger is added after the group's region hits: it must still be reported
    phash = _Hit(ORIGINAL, "phash", 16, "original", "phash", False, False)
    group = [_hit(QUADRANT, 4, "region:q1"), _hit(ORIGINAL, 9, "retry:rotate+2"), phash]
    (match,) = MATCHER._emit(LIST, group)
    assert (match.entry_id, match.algorithm, match.distance) == ("img-1", "phash", 16)


def test_ties_keep_the_first_hit_and_entries_without_id_sort_first() -> None:
    # best per algorithm: a later hit at the same distance does not replace the first
    (match,) = MATCHER._emit(LIST, [_hit(ORIGINAL, 40, "pdq"), _hit(ROTATED, 40, "derived")])
    assert match.entry_id == "img-1"
    # reported order: distance, algorithm, then entry id with "no id" first
    unnamed = EntryInfo(list="known", entry_id=None, category="A1")
    named = EntryInfo(list="known", entry_id="B", category="A1")
    matches = MATCHER._emit(
        LIST, [_hit(named, 10, "pdq", direct=True), _hit(unnamed, 10, "pdq", direct=True)]
    )
    assert [m.entry_id for m in matches] == [None, "B"]
