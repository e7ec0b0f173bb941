"""Two-stage acceptance, per-list thresholds and allow lists, at every threshold boundary.

List entries are the attachment's own hashes with ``k`` bits flipped, so each
hit's distance is exactly ``k`` (the other PDQ orientations are ~128 bits away).
Defaults: PDQ strong 20, max 31, candidate 70; pHash strong 4, max 8, candidate 12.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable

import pytest

from tests.unit.hashing.list_rows import flip, loaded_list
from tipline.operators.hashing import (
    Matcher,
    Thresholds,
    default_algorithms,
    settings_from_config,
)
from tipline.schemas.hashing import HashingConfig


@pytest.fixture
def plain() -> Matcher:
    """No retries, trims or regions: only the listed hashes decide."""
    cfg = HashingConfig(near_miss_retries=False, trim_borders=False, region_hashes=False)
    return Matcher(default_algorithms(), settings_from_config(cfg), cache_entries=16)


@pytest.fixture
def image(jpeg: Callable[..., bytes]) -> tuple[bytes, dict[str, str]]:
    data = jpeg(2)
    m = Matcher(default_algorithms(), settings_from_config(HashingConfig()), 4)
    _, p = m.hash_bytes(data)
    return data, {c.algorithm: c.value.hex() for c in p.computed}


@pytest.mark.parametrize(
    ("bits", "strength"), [(20, "strong"), (21, "weak"), (31, "weak"), (32, "none"), (70, "none")]
)
def test_pdq_alone_is_accepted_up_to_max_only(
    plain: Matcher, image: tuple[bytes, dict[str, str]], bits: int, strength: str
) -> None:
    data, h = image
    v = plain.match_bytes(
        "a", "image/jpeg", data, [loaded_list([f"pdq,{flip(h['pdq'], bits)},k,e1,,,"])]
    )
    assert v.strength == strength
    if strength != "none":
        assert v.matches[0].signals == ["pdq"]


@pytest.mark.parametrize(
    ("bits", "strength"), [(4, "strong"), (5, "weak"), (8, "weak"), (9, "none"), (20, "none")]
)
def test_phash_alone_is_accepted_up_to_max_only(
    plain: Matcher, image: tuple[bytes, dict[str, str]], bits: int, strength: str
) -> None:
    data, h = image
    row = f"phash,{flip(h['phash'], bits)},k,e1,,,"
    assert plain.match_bytes("a", "image/jpeg", data, [loaded_list([row])]).strength == strength


@pytest.mark.parametrize(
    ("pdq_bits", "phash_bits", "accepted"),
    [
        (32, 12, True),
        (70, 9, True),
        (71, 9, False),
        (50, 13, False),
        (70, 12, True),
        (70, 11, True),
    ],
)
def test_a_candidate_counts_only_when_the_other_algorithm_agrees(
    plain: Matcher,
    image: tuple[bytes, dict[str, str]],
    pdq_bits: int,
    phash_bits: int,
    accepted: bool,
) -> None:
    data, h = image
    rows = [
        f"pdq,{flip(h['pdq'], pdq_bits)},k,e1,,,",
        f"phash,{flip(h['phash'], phash_bits)},k,e1,,,",
    ]
    v = plain.match_bytes("a", "image/jpeg", data, [loaded_list(rows)])
    if accepted:
        assert v.strength == "weak"
        assert {m.algorithm for m in v.matches} == {"pdq", "phash"}
        assert all(m.signals == ["pdq", "phash"] for m in v.matches)
    else:
        assert v.matches == []


def test_agreement_must_be_on_the_same_original(
    plain: Matcher, image: tuple[bytes, dict[str, str]]
) -> None:
    data, h = image
    rows = [f"pdq,{flip(h['pdq'], 40)},k,e1,,,", f"phash,{flip(h['phash'], 12)},k,e2,,,"]
    assert plain.match_bytes("a", "image/jpeg", data, [loaded_list(rows)]).matches == []


def test_several_derived_entries_of_one_original_agree(
    plain: Matcher, image: tuple[bytes, dict[str, str]]
) -> None:
    data, h = image
    one = [f"pdq,{flip(h['pdq'], 45)},k,e1~rot+1,,e1,rot+1"]
    two = [*one, f"pdq,{flip(h['pdq'], 50)},k,e1~crop3,,e1,crop3"]
    assert plain.match_bytes("a", "image/jpeg", data, [loaded_list(one)]).matches == []
    v = plain.match_bytes("a", "image/jpeg", data, [loaded_list(two)])
    assert v.strength == "weak"
    assert v.matches[0].signals == ["derived", "pdq"]
    assert v.matches[0].derived_from == "e1"
    assert v.matches[0].transform == "rot+1"


def test_a_derived_entry_within_max_is_a_direct_match_with_provenance(
    plain: Matcher, image: tuple[bytes, dict[str, str]]
) -> None:
    data, h = image
    v = plain.match_bytes(
        "a", "image/jpeg", data, [loaded_list([f"pdq,{flip(h['pdq'], 10)},k,e1~rot-4,,e1,rot-4"])]
    )
    (m,) = v.matches
    assert (m.strength, m.entry_id, m.derived_from, m.transform) == (
        "strong",
        "e1~rot-4",
        "e1",
        "rot-4",
    )


def test_region_hashes_are_a_second_signal(jpeg: Callable[..., bytes]) -> None:
    matcher = Matcher(default_algorithms(), settings_from_config(HashingConfig()), 8)
    data = jpeg(2)
    regions_list = loaded_list(["pdq," + "0" * 64 + ",k,e9~region:q1,,e9,region:q1"])
    _, p = matcher.hash_bytes(data, regions=True)
    assert p.regions is not None
    region_hashes = dict(p.regions)
    whole = p.computed[0].value.hex()
    q1, q4 = region_hashes["q1"].value.hex(), region_hashes["q4"].value.hex()
    base = [f"pdq,{flip(whole, 45)},k,e1,,,"]
    assert matcher.match_bytes("a", "image/jpeg", data, [loaded_list(base)]).matches == []
    rows = [*base, f"pdq,{flip(q1, 30)},k,e1~region:q1,,e1,region:q1"]
    v = matcher.match_bytes("a", "image/jpeg", data, [loaded_list(rows), regions_list])
    assert v.strength == "weak"
    assert v.matches[0].signals == ["pdq", "region:q1"]
    # a region hash only counts for the region it was made from
    rows = [*base, f"pdq,{q4},k,e1~region:q1,,e1,region:q1"]
    assert matcher.match_bytes("a", "image/jpeg", data, [loaded_list(rows)]).matches == []
    # beyond max (31) a region hit is no signal
    rows = [*base, f"pdq,{flip(q1, 32)},k,e1~region:q1,,e1,region:q1"]
    assert matcher.match_bytes("a", "image/jpeg", data, [loaded_list(rows)]).matches == []


def test_per_list_candidate_and_max_distance(
    plain: Matcher, image: tuple[bytes, dict[str, str]]
) -> None:
    data, h = image
    rows = [f"pdq,{flip(h['pdq'], 40)},k,e1,,,", f"phash,{flip(h['phash'], 12)},k,e1,,,"]
    assert plain.match_bytes("a", "i", data, [loaded_list(rows)]).strength == "weak"
    tight = loaded_list(rows, pdq_candidate=39)
    assert plain.match_bytes("a", "i", data, [tight]).matches == []
    assert plain.limits(tight, "pdq") == (31, 20, 39)
    wide = loaded_list(rows, pdq_max=40, phash_max=12)
    v = plain.match_bytes("a", "i", data, [wide])
    assert {(m.algorithm, m.strength) for m in v.matches} == {("pdq", "weak"), ("phash", "weak")}
    assert all(m.signals == ["pdq", "phash"] for m in v.matches)
    assert plain.limits(loaded_list(rows, pdq_candidate=10), "pdq") == (31, 20, 31)


def test_an_allow_list_suppresses_every_match(
    plain: Matcher, image: tuple[bytes, dict[str, str]]
) -> None:
    data, h = image
    known = loaded_list([f"pdq,{flip(h['pdq'], 5)},k,e1,,,"])
    allow = loaded_list([f"pdq,{flip(h['pdq'], 31)},benign,b1,,,"], name="allow", kind="allow")
    v = plain.match_bytes("a", "i", data, [known, allow])
    assert v.matches == []
    assert v.strength == "none"
    assert any("suppressed by allow-list" in n and "allow:b1" in n for n in v.notes)
    # an allow entry needs a direct hit: no two-stage widening on allow lists
    far = loaded_list([f"pdq,{flip(h['pdq'], 32)},benign,b1,,,"], name="allow", kind="allow")
    assert plain.match_bytes("a", "i", data, [known, far]).strength == "strong"


def test_retries_run_only_for_near_misses(jpeg: Callable[..., bytes]) -> None:
    matcher = Matcher(default_algorithms(), settings_from_config(HashingConfig()), 8)
    data = jpeg(5)
    _, p = matcher.hash_bytes(data)
    pdq = p.computed[0].value.hex()
    matcher.match_bytes("a", "i", data, [loaded_list([f"pdq,{flip(pdq, 100)},k,e1,,,"])])
    assert matcher.retries_computed == 0
    matcher.match_bytes("a", "i", data, [loaded_list([f"pdq,{flip(pdq, 5)},k,e1,,,"])])
    assert matcher.retries_computed == 0
    matcher.match_bytes("a", "i", data, [loaded_list([f"pdq,{flip(pdq, 60)},k,e1,,,"])])
    assert matcher.retries_computed == 1
    matcher.match_bytes("a", "i", data, [loaded_list([f"pdq,{flip(pdq, 60)},k,e1,,,"])])
    assert matcher.retries_computed == 1  # cached by SHA-256


def test_the_wide_search_is_bounded_by_list_size(image: tuple[bytes, dict[str, str]]) -> None:
    data, h = image
    cfg = HashingConfig(candidate_max_entries=1, near_miss_retries=False, region_hashes=False)
    matcher = Matcher(default_algorithms(), settings_from_config(cfg), 4)
    rows = [
        f"pdq,{flip(h['pdq'], 40)},k,e1,,,",
        f"pdq,{'0' * 64},k,e2,,,",
        f"phash,{flip(h['phash'], 12)},k,e1,,,",
    ]
    loaded = loaded_list(rows)
    assert matcher.limits(loaded, "pdq") == (31, 20, 31)
    assert matcher.match_bytes("a", "i", data, [loaded]).matches == []


def test_limits_per_list_strong_radius_unset_candidate_and_the_size_bound() -> None:
    """``limits``: a list's own strong radius wins; no candidate radius means the max; a list
    of exactly ``candidate_max_entries`` entries still gets the wide search."""
    rows = [f"pdq,{'0' * 64},k,e1,,,", f"pdq,{'f' * 64},k,e2,,,"]
    plain = Matcher(default_algorithms(), settings_from_config(HashingConfig()), 4)
    assert plain.limits(loaded_list(rows, pdq_strong=10), "pdq") == (31, 10, 70)
    assert plain.limits(loaded_list(rows, pdq_strong=25), "phash") == (8, 4, 12)  # pdq's only
    settings = settings_from_config(HashingConfig(candidate_max_entries=2))
    at_bound = Matcher(default_algorithms(), settings, 4)
    assert at_bound.limits(loaded_list(rows), "pdq") == (31, 20, 70)  # 2 entries, bound 2
    no_candidate = dataclasses.replace(
        settings,
        thresholds={**settings.thresholds, "pdq": Thresholds(31, 20, 50, None)},
    )
    unset = Matcher(default_algorithms(), no_candidate, 4)
    assert unset.limits(loaded_list(rows), "pdq") == (31, 20, 31)


def test_the_suppression_note_names_every_allow_entry_once(
    plain: Matcher, image: tuple[bytes, dict[str, str]]
) -> None:
    data, h = image
    known = loaded_list([f"pdq,{flip(h['pdq'], 5)},k,e1,,,"])
    allow = loaded_list(
        [
            f"pdq,{flip(h['pdq'], 3)},benign,b2,,,",
            f"pdq,{flip(h['pdq'], 4)},benign,,,,",
            f"phash,{flip(h['phash'], 2)},benign,b2,,,",
        ],
        name="allow",
        kind="allow",
    )
    v = plain.match_bytes("a", "i", data, [known, allow])
    assert v.matches == []
    assert "1 match(es) suppressed by allow-list entr(y/ies) allow:-, allow:b2" in v.notes


def test_a_verdict_carries_the_attachment_and_all_three_digests(
    plain: Matcher, image: tuple[bytes, dict[str, str]]
) -> None:
    data, _ = image
    v = plain.match_bytes("att-7", "image/webp", data, [])
    assert (v.attachment_id, v.media_type, v.size_bytes) == ("att-7", "image/webp", len(data))
    assert v.sha256 == hashlib.sha256(data).hexdigest()
    assert v.sha1 == hashlib.sha1(data).hexdigest()
    assert v.md5 == hashlib.md5(data).hexdigest()


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # two originals (two groups), one without id
        (",k,,,,", [(None, None), ("A1", None)]),
        # one original: its derived entry without id beside it
        (",k,,,A1,rotate:1", [(None, "A1"), ("A1", None)]),
    ],
)
def test_equal_matches_are_ordered_by_entry_id_an_entry_without_id_first(
    plain: Matcher,
    image: tuple[bytes, dict[str, str]],
    second: str,
    expected: list[tuple[str | None, str | None]],
) -> None:
    data, h = image
    near = flip(h["pdq"], 3)
    v = plain.match_bytes(
        "a", "i", data, [loaded_list([f"pdq,{near},k,A1,,,", f"pdq,{near}{second}"])]
    )
    assert [(m.entry_id, m.derived_from) for m in v.matches] == expected
    assert {m.distance for m in v.matches} == {3}


def test_an_allow_list_is_never_widened_by_agreement(
    plain: Matcher, image: tuple[bytes, dict[str, str]]
) -> None:
    # the same two far hashes that make a weak two-stage match on a match list
    # (PDQ 40 and pHash 12 bits away) do not suppress anything on an allow list
    data, h = image
    known = loaded_list([f"pdq,{flip(h['pdq'], 5)},k,e1,,,"])
    far = [f"pdq,{flip(h['pdq'], 40)},benign,b1,,,", f"phash,{flip(h['phash'], 12)},benign,b1,,,"]
    assert plain.match_bytes("a", "i", data, [loaded_list(far)]).strength == "weak"
    allow = loaded_list(far, name="allow", kind="allow")
    assert plain.limits(allow, "pdq") == (31, 20, 31)
    v = plain.match_bytes("a", "i", data, [known, allow])
    assert [(m.entry_id, m.strength) for m in v.matches] == [("e1", "strong")]


def test_derived_pdq_entries_are_candidates_within_their_own_radius(
    plain: Matcher, image: tuple[bytes, dict[str, str]]
) -> None:
    # two derived PDQ entries 55 and 60 bits away: beyond the derived radius (50),
    # within the PDQ candidate radius (70); unset, the derived radius is the candidate's
    data, h = image
    rows = [
        f"pdq,{flip(h['pdq'], 5)},k,o,,,",
        f"pdq,{flip(h['pdq'], 55)},k,o~r1,,o,rotate:1",
        f"pdq,{flip(h['pdq'], 60)},k,o~r2,,o,rotate:2",
    ]
    assert plain.match_bytes("a", "i", data, [loaded_list(rows)]).matches[0].signals == ["pdq"]
    # a derived entry past its radius is skipped, not the end of the hits
    last = plain.match_bytes("a", "i", data, [loaded_list(rows[::-1])])
    assert [(m.entry_id, m.distance) for m in last.matches] == [("o", 5)]
    # one derived entry beside its original is no "derived" signal (that takes two)
    near = [rows[0], f"pdq,{flip(h['pdq'], 10)},k,o~r1,,o,rotate:1"]
    assert plain.match_bytes("a", "i", data, [loaded_list(near)]).matches[0].signals == ["pdq"]
    unset = Matcher(
        default_algorithms(),
        dataclasses.replace(plain._settings, derived_candidate_distance=None),
        4,
    )
    v = unset.match_bytes("a", "i", data, [loaded_list(rows)])
    assert v.matches[0].signals == ["derived", "pdq"]


def test_a_derived_phash_entry_is_a_direct_hit_within_the_phash_radius(
    plain: Matcher, image: tuple[bytes, dict[str, str]]
) -> None:
    data, h = image
    rows = [f"phash,{flip(h['phash'], 6)},k,o~r1,,o,rotate:1"]
    v = plain.match_bytes("a", "i", data, [loaded_list(rows)])
    assert [(m.algorithm, m.distance, m.derived_from, m.transform) for m in v.matches] == [
        ("phash", 6, "o", "rotate:1")
    ]


def test_an_exact_digest_match_is_exact_at_distance_zero_without_orientation(
    plain: Matcher, image: tuple[bytes, dict[str, str]]
) -> None:
    data, _ = image
    rows = [f"sha256,{hashlib.sha256(data).hexdigest()},k,x1,c9,,"]
    v = plain.match_bytes("a", "i", data, [loaded_list(rows)])
    got = [
        (m.algorithm, m.entry_id, m.category, m.distance, m.orientation, m.strength)
        for m in v.matches
    ]
    assert got == [("sha256", "x1", "c9", 0, None, "exact")]  # a digest has no orientation
    assert (v.matches[0].list_version, v.matches[0].source) == (v.list_versions["known"], "known")
