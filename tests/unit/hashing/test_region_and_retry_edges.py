"""Region-only groups and the near-miss retry condition (mutation survivors, issue #19).

Region hashes alone need three distinct regions; the match then reported is the
closest region hit (PDQ, its own distance, orientation "original", weak). A
near-miss retry is allowed by any pHash hit, and by a PDQ hit only within
``retry_max_distance`` (any distance when that is unset).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from tests.unit.hashing.list_rows import flip, loaded_list
from tipline.operators.hashing import Matcher, default_algorithms, settings_from_config
from tipline.schemas.hashing import HashingConfig


def _regions(matcher: Matcher, data: bytes) -> dict[str, str]:
    _, p = matcher.hash_bytes(data, regions=True)
    assert p.regions is not None
    return {name: c.value.hex() for name, c in p.regions}


def _region_row(regions: dict[str, str], name: str, bits: int) -> str:
    return f"pdq,{flip(regions[name], bits)},k,e1~region:{name},,e1,region:{name}"


def test_three_regions_alone_are_a_weak_match_at_the_closest_region(
    jpeg: Callable[..., bytes],
) -> None:
    matcher = Matcher(default_algorithms(), settings_from_config(HashingConfig()), 8)
    data = jpeg(2)
    regions = _regions(matcher, data)
    rows = [
        _region_row(regions, "q1", 9),
        _region_row(regions, "q2", 5),
        _region_row(regions, "q4", 7),
    ]
    v = matcher.match_bytes("a", "image/jpeg", data, [loaded_list(rows)])
    (m,) = v.matches
    assert (m.algorithm, m.distance, m.orientation, m.strength) == ("pdq", 5, "original", "weak")
    assert (m.entry_id, m.transform) == ("e1~region:q2", "region:q2")
    assert m.signals == ["region:q1", "region:q2", "region:q4"]
    assert v.strength == "weak"


def test_one_or_two_regions_alone_are_no_match(jpeg: Callable[..., bytes]) -> None:
    matcher = Matcher(default_algorithms(), settings_from_config(HashingConfig()), 8)
    data = jpeg(2)
    regions = _regions(matcher, data)
    one = [_region_row(regions, "q1", 0)]  # even at distance 0: a region hit is never direct
    two = [*one, _region_row(regions, "q2", 3)]
    for rows in (one, two):
        v = matcher.match_bytes("a", "image/jpeg", data, [loaded_list(rows)])
        assert v.matches == []
        assert v.strength == "none"


def test_a_list_without_pdq_entries_beside_a_region_list(
    jpeg: Callable[..., bytes],
) -> None:
    """Regions are hashed when any list has region entries; a list with no PDQ
    index at all is then simply not queried for them."""
    matcher = Matcher(default_algorithms(), settings_from_config(HashingConfig()), 8)
    data = jpeg(2)
    regions = _regions(matcher, data)
    _, p = matcher.hash_bytes(data)
    phash = next(c.value.hex() for c in p.computed if c.algorithm == "phash")
    phash_only = loaded_list([f"phash,{flip(phash, 2)},k,p1,,,"], name="phash-only")
    region_list = loaded_list([_region_row(regions, "q1", 4)], name="regions")
    v = matcher.match_bytes("a", "image/jpeg", data, [phash_only, region_list])
    assert [(m.source, m.entry_id, m.strength) for m in v.matches] == [
        ("phash-only", "p1", "strong")
    ]
    assert v.notes == []


def _retry_matcher(**over: int | None) -> Matcher:
    settings = settings_from_config(HashingConfig())
    return Matcher(default_algorithms(), dataclasses.replace(settings, **over), 8)


def test_a_phash_near_miss_allows_a_retry_whatever_the_pdq_retry_limit(
    jpeg: Callable[..., bytes],
) -> None:
    # pHash 10 bits away: beyond its max (8), within its candidate radius (12); no
    # pHash trigger (phash_retry_distance unset), so only _may_retry decides
    matcher = _retry_matcher(retry_max_distance=5, phash_retry_distance=None)
    data = jpeg(5)
    _, p = matcher.hash_bytes(data)
    phash = next(c.value.hex() for c in p.computed if c.algorithm == "phash")
    matcher.match_bytes("a", "i", data, [loaded_list([f"phash,{flip(phash, 10)},k,e1,,,"])])
    assert matcher.retries_computed == 1


def test_a_pdq_near_miss_allows_a_retry_at_any_distance_without_a_limit(
    jpeg: Callable[..., bytes],
) -> None:
    data = jpeg(5)
    unlimited = _retry_matcher(retry_max_distance=None, phash_retry_distance=None)
    _, p = unlimited.hash_bytes(data)
    pdq = next(c.value.hex() for c in p.computed if c.algorithm == "pdq")
    unlimited.match_bytes("a", "i", data, [loaded_list([f"pdq,{flip(pdq, 65)},k,e1,,,"])])
    assert unlimited.retries_computed == 1
    limited = _retry_matcher(retry_max_distance=64, phash_retry_distance=None)
    limited.match_bytes("a", "i", data, [loaded_list([f"pdq,{flip(pdq, 65)},k,e1,,,"])])
    assert limited.retries_computed == 0
    limited.match_bytes("a", "i", data, [loaded_list([f"pdq,{flip(pdq, 64)},k,e1,,,"])])
    assert limited.retries_computed == 1
