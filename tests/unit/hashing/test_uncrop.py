"""Crops against hash-only lists: the query padded back out and re-queried (``uncrop_pads``).

The list holds only the original's PDQ and pHash (as NCMEC and industry lists
do), so crop alignment has no anchor. A crop of a few percent per side moves
PDQ by ~100 bits; padded back out, one copy's PDQ and pHash both come within
the candidate radii of the original, which is a weak match.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from tests.unit.hashing.list_rows import loaded_list
from tipline.operators.hashing import LoadedList, Matcher, default_algorithms, settings_from_config
from tipline.operators.hashing.robust import UNCROP_SIDE, uncrop_variants
from tipline.schemas.hashing import HashingConfig
from tipline.synth.images import encode, make_image


def _matcher(**over: object) -> Matcher:
    return Matcher(default_algorithms(), settings_from_config(HashingConfig(**over)), 16)  # type: ignore[arg-type]


def _rows(img: Image.Image, *, derived: bool = False) -> list[str]:
    """The original's PDQ and pHash as list rows (as derived entries of another id if asked)."""
    _, p = _matcher().hash_bytes(encode(img, "JPEG", 90))
    tail = "orig-0,rotate:2" if derived else ","
    return [f"{c.algorithm},{c.value.hex()},known,e1,A1,{tail}" for c in p.computed]


def _known(img: Image.Image, kind: str = "match") -> LoadedList:
    return loaded_list(_rows(img), kind=kind)


def _cropped(img: Image.Image, left: int, top: int, right: int, bottom: int) -> bytes:
    w, h = img.size
    return encode(img.crop((left, top, w - right, h - bottom)), "JPEG", 90)


SCENE = make_image(5, 640, 480, "scene")
CROP = _cropped(SCENE, 40, 30, 40, 30)  # 6 % off every side: PDQ ~100 bits from the original


def test_copies_are_the_reduction_padded_by_each_fraction_with_its_edge_pixels() -> None:
    img = make_image(3, 640, 480, "shapes")
    copies = uncrop_variants(img, (0.04, 0.08))
    assert [name for name, _ in copies] == ["uncrop4", "uncrop8"]
    reduced = img.reduce(5)  # the whole factor that brings 640 px to at most UNCROP_SIDE
    assert max(reduced.size) <= UNCROP_SIDE < max(img.reduce(4).size)
    assert reduced.size == (128, 96)
    inner = np.asarray(reduced.convert("RGB"))
    for (_, copy), (ph, pw) in zip(copies, [(3, 5), (7, 10)], strict=True):
        pixels = np.asarray(copy)
        assert copy.size == (128 + 2 * pw, 96 + 2 * ph)
        assert np.array_equal(pixels[ph : ph + 96, pw : pw + 128], inner)
        assert np.array_equal(pixels[0, 0], inner[0, 0])  # a corner repeats the corner pixel
        assert np.array_equal(pixels[ph + 5, 0], inner[5, 0])  # an edge repeats its edge pixel
    assert uncrop_variants(img, ()) == []
    small = make_image(3, 120, 90, "shapes")  # below the reduction: padded at its own size
    assert uncrop_variants(small, (0.1,))[0][1].size == (144, 108)


def test_a_crop_is_a_weak_match_only_when_a_padded_copy_agrees_in_both_hashes() -> None:
    known = _known(SCENE)
    off = _matcher(uncrop_pads=[])
    assert off.match_bytes("a", "image/jpeg", CROP, [known]).matches == []
    assert off.uncrops_computed == 0
    on = _matcher()
    v = on.match_bytes("a", "image/jpeg", CROP, [known])
    assert v.strength == "weak"
    assert len(v.matches) == 2  # one match per algorithm, however many copies agree
    assert {m.algorithm for m in v.matches} == {"pdq", "phash"}
    assert all(m.strength == "weak" and m.entry_id == "e1" for m in v.matches)
    assert all(m.signals == ["uncrop:pdq", "uncrop:phash"] for m in v.matches)
    pdq = next(m for m in v.matches if m.algorithm == "pdq")
    assert 31 < pdq.distance <= 70  # a candidate, not a direct hit
    assert on.uncrops_computed == 1
    again = on.match_bytes("b", "image/jpeg", CROP, [known])  # same bytes: the copies are cached
    assert again.matches == v.matches and on.uncrops_computed == 1


def test_copies_are_queried_upright_only() -> None:
    m = _matcher()
    key = _matcher().hash_bytes(CROP)[0][0].value  # the SHA-256 the caches are keyed by
    copies = m._uncrop_hashes(key, CROP)
    assert sorted({name for name, _ in copies}) == ["uncrop4", "uncrop8"]
    assert {c.algorithm for _, c in copies} == {"pdq", "phash"}
    assert all(len(c.variants) == 1 and c.variants[0][1] == c.value for _, c in copies)


def test_one_algorithm_alone_is_not_agreement() -> None:
    pdq_only = loaded_list([r for r in _rows(SCENE) if r.startswith("pdq,")])
    phash_only = loaded_list([r for r in _rows(SCENE) if r.startswith("phash,")])
    for known in (pdq_only, phash_only):
        m = _matcher()
        assert m.match_bytes("a", "image/jpeg", CROP, [known]).matches == []
        assert m.uncrops_computed == 1


def test_the_agreement_stays_within_the_candidate_radii() -> None:
    # candidate radii at the match radii (the industry defaults): no padded copy of this crop
    # comes within PDQ 31, so nothing agrees
    m = _matcher(pdq_candidate_distance=31, phash_candidate_distance=8)
    assert m.match_bytes("a", "image/jpeg", CROP, [_known(SCENE)]).matches == []
    assert m.uncrops_computed == 1


def test_derived_entries_do_not_count() -> None:
    known = loaded_list(_rows(SCENE, derived=True))
    m = _matcher()
    assert m.match_bytes("a", "image/jpeg", CROP, [known]).matches == []
    assert m.uncrops_computed == 1


def test_nothing_is_padded_for_a_query_the_list_matches_an_allow_list_or_a_smooth_image() -> None:
    m = _matcher()
    whole = m.match_bytes("a", "image/jpeg", encode(SCENE, "JPEG", 90), [_known(SCENE)])
    assert whole.strength == "strong" and m.uncrops_computed == 0
    allow = _matcher()
    v = allow.match_bytes("a", "image/jpeg", CROP, [_known(SCENE, kind="allow")])
    assert v.matches == [] and allow.uncrops_computed == 0
    smooth = make_image(5, 640, 480, "gradient")
    flat = _matcher()
    got = flat.match_bytes("a", "image/jpeg", _cropped(smooth, 40, 30, 40, 30), [_known(smooth)])
    assert got.matches == [] and flat.uncrops_computed == 0


def test_pads_are_fractions_of_at_most_a_quarter() -> None:
    import msgspec
    import pytest

    for bad in ([0.0], [0.3], [-0.1]):
        with pytest.raises(msgspec.ValidationError):
            msgspec.convert({"uncrop_pads": bad}, HashingConfig)
    assert msgspec.convert({"uncrop_pads": [0.25]}, HashingConfig).uncrop_pads == [0.25]


def test_every_original_a_copy_agrees_with_is_a_match_upright() -> None:
    """Two entries of one list with the same hashes (one without an id): both are matched."""
    rows = _rows(SCENE)
    no_id = [r.replace(",e1,", ",,") for r in rows]
    v = _matcher().match_bytes("a", "image/jpeg", CROP, [loaded_list(no_id + rows)])
    assert sorted((m.entry_id or "", m.algorithm) for m in v.matches) == [
        ("", "pdq"), ("", "phash"), ("e1", "pdq"), ("e1", "phash"),
    ]  # fmt: skip
    # the copies are hashed upright, so every uncropped match is in the original orientation
    assert {m.orientation for m in v.matches} == {"original"}
