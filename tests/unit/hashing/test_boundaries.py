"""PDQ thresholds at their exact values and one bit either side; all 8 orientations.

Issue #19: the radius (31), the strong/weak boundary (20) and the quality
floor (50) are each tested on the boundary and one step below and above, and
every one of the eight dihedral orientations must be looked up (dropping any
one of them fails a case here).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tipline.operators.hashing import (
    LoadedList,
    Matcher,
    build_loaded_list,
    default_algorithms,
    parse_hash_list,
)
from tipline.operators.hashing.matcher import settings_from_config
from tipline.operators.hashing.pdq import ORIENTATIONS
from tipline.schemas.hashing import HashingConfig

ALGOS = {a.name: a for a in default_algorithms()}


def _loaded(rows: list[str]) -> LoadedList:
    content = ("algorithm,hash,list,id,category\n" + "\n".join(rows) + "\n").encode()
    parsed = parse_hash_list("b.csv", content, ALGOS, "b")
    assert parsed.issues == []
    return build_loaded_list("b", parsed, ALGOS, {})


def _flip(value: bytes, nbits: int) -> str:
    """``value`` with its lowest ``nbits`` bits inverted (Hamming distance ``nbits``)."""
    flipped = int.from_bytes(value, "big") ^ ((1 << nbits) - 1)
    return flipped.to_bytes(len(value), "big").hex()


def _matcher(**cfg: int) -> Matcher:
    return Matcher(default_algorithms(), settings_from_config(HashingConfig(**cfg)), 8)  # type: ignore[arg-type]


def _pdq(matcher: Matcher, data: bytes):  # type: ignore[no-untyped-def]
    _, perceptual = matcher.hash_bytes(data)
    return next(c for c in perceptual.computed if c.algorithm == "pdq")


@pytest.fixture(scope="module")
def image(jpeg: Callable[..., bytes]) -> bytes:
    return jpeg(100)  # PDQ quality well above 50 (see test_robustness)


def test_defaults_are_the_documented_ones() -> None:
    cfg = HashingConfig()
    assert (cfg.pdq_max_distance, cfg.pdq_strong_distance, cfg.pdq_min_quality) == (31, 20, 50)


@pytest.mark.parametrize(
    ("distance", "strength"),
    [(19, "strong"), (20, "strong"), (21, "weak"), (30, "weak"), (31, "weak"), (32, None)],
)
def test_pdq_distance_boundaries(image: bytes, distance: int, strength: str | None) -> None:
    matcher = _matcher()
    pdq = _pdq(matcher, image)
    # the entry is `distance` bits from the original; no other orientation comes closer
    assert all(
        matcher_distance(pdq.value, v) > 32 for name, v in pdq.variants if name != "original"
    )
    v = matcher.match_bytes("a", None, image, [_loaded([f"pdq,{_flip(pdq.value, distance)},l,e,"])])
    got = [(m.distance, m.strength, m.orientation) for m in v.matches]
    assert got == ([] if strength is None else [(distance, strength, "original")])
    assert v.strength == (strength or "none")


def matcher_distance(a: bytes, b: bytes) -> int:
    return (int.from_bytes(a, "big") ^ int.from_bytes(b, "big")).bit_count()


@pytest.mark.parametrize(("offset", "matched"), [(-1, True), (0, True), (1, False)])
def test_pdq_quality_floor(image: bytes, offset: int, matched: bool) -> None:
    quality = _pdq(_matcher(), image).quality
    assert quality is not None
    matcher = _matcher(pdq_min_quality=quality + offset)
    pdq = _pdq(matcher, image)
    v = matcher.match_bytes("a", None, image, [_loaded([f"pdq,{pdq.value.hex()},l,e,"])])
    assert [m.entry_id for m in v.matches] == (["e"] if matched else [])
    (value,) = [h for h in v.hashes if h.algorithm == "pdq"]
    assert value.matchable is matched
    expected = [] if matched else [f"pdq: quality {quality} below floor {quality + 1}; not matched"]
    assert [n for n in v.notes if n.startswith("pdq")] == expected


def test_all_eight_orientations_are_hashed_and_distinct(image: bytes) -> None:
    pdq = _pdq(_matcher(), image)
    assert [name for name, _ in pdq.variants] == list(ORIENTATIONS)
    assert len(ORIENTATIONS) == 8
    assert len({v for _, v in pdq.variants}) == 8
    assert pdq.variants[0][1] == pdq.value


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_each_orientation_is_looked_up(image: bytes, orientation: str) -> None:
    """A list entry equal to one orientation's hash matches at distance 0, by that name."""
    matcher = _matcher()
    pdq = _pdq(matcher, image)
    target = dict(pdq.variants)[orientation]
    v = matcher.match_bytes("a", None, image, [_loaded([f"pdq,{target.hex()},l,{orientation},"])])
    hits = [(m.entry_id, m.distance, m.orientation) for m in v.matches if m.algorithm == "pdq"]
    assert hits == [(orientation, 0, orientation)]


def test_exact_matches_use_the_digests_only(image: bytes) -> None:
    import hashlib

    matcher = _matcher()
    pdq = _pdq(matcher, image)
    sha = hashlib.sha256(image).hexdigest()
    md5 = hashlib.md5(image, usedforsecurity=False).hexdigest()
    lists = [_loaded([f"sha256,{sha},l,by-sha,", f"md5,{md5},l,by-md5,",
                      f"pdq,{pdq.value.hex()},l,by-pdq,"])]  # fmt: skip
    got = sorted((m.entry_id, m.algorithm, m.strength, m.distance)
                 for m in matcher.exact_matches(image, lists))  # fmt: skip
    assert got == [("by-md5", "md5", "exact", 0), ("by-sha", "sha256", "exact", 0)]
    assert matcher.exact_matches(image + b"x", lists) == []
    assert matcher.exact_matches(image, []) == []


def test_exact_distance_is_zero_or_every_bit() -> None:
    sha = ALGOS["sha256"]
    md5 = ALGOS["md5"]
    assert sha.distance(b"a" * 32, b"a" * 32) == 0
    assert sha.distance(b"a" * 32, b"b" * 32) == 256
    assert md5.distance(b"a" * 16, b"b" * 16) == 128
    index = sha.build_index([b"a" * 32, b"b" * 32, b"a" * 32])
    assert sorted((h.entry, h.distance) for h in index.query(b"a" * 32, 0)) == [(0, 0), (2, 0)]
    assert index.query(b"c" * 32, 256) == []  # a radius never loosens an exact match


def test_pdq_hamming_counts_differing_bits() -> None:
    from tipline.operators.hashing.pdq import hamming

    a = bytes(32)
    assert hamming(a, a) == 0
    assert hamming(a, b"\x80" + bytes(31)) == 1
    assert hamming(a, bytes(31) + b"\x03") == 2
    assert hamming(a, b"\xff" * 32) == 256


def test_event_budget_time_left_and_out_of_time() -> None:
    from tipline.operators.hashing.matcher import EventBudget

    now = [100.0]
    assert EventBudget().time_left() is None
    assert EventBudget(deadline=105.0).time_left() is None  # no clock: no deadline
    assert EventBudget(clock=lambda: now[0]).time_left() is None
    budget = EventBudget(deadline=105.0, clock=lambda: now[0], first=False)
    assert budget.time_left() == 5.0
    assert not budget.out_of_time()
    now[0] = 105.0
    assert budget.time_left() == 0.0
    assert budget.out_of_time()
    first = EventBudget(deadline=105.0, clock=lambda: 200.0, first=True)
    assert not first.out_of_time()  # the first attachment always gets its own limits


def test_match_attachment_spends_the_event_budget(jpeg: Callable[..., bytes]) -> None:
    from tipline.operators.hashing.matcher import EventBudget
    from tipline.schemas.event import Attachment

    matcher = _matcher()
    att = Attachment(attachment_id="a", media_type="image/jpeg", data_b64=jpeg(7))
    spent = EventBudget(deadline=1.0, clock=lambda: 2.0, first=False)
    verdict = matcher.match_attachment(att, None, [], spent)
    assert verdict.status != "hashed"  # out of time: not decoded
    assert matcher.match_attachment(att, None, [], None).status == "hashed"
