"""Query-side robustness for hash-only lists: border trim and near-miss retries.

The list holds only the original's PDQ and pHash (as NCMEC/industry lists do);
the query is a letterboxed or slightly rotated copy.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from PIL import Image, ImageOps

from tests.unit.hashing.list_rows import flip
from tipline.operators.hashing import (
    LoadedList,
    Matcher,
    build_loaded_list,
    default_algorithms,
    parse_hash_list,
    settings_from_config,
)
from tipline.operators.hashing.robust import crop, region, rotate, trim_borders
from tipline.schemas.hashing import HashingConfig
from tipline.synth.images import encode, make_image

ALGOS = {a.name: a for a in default_algorithms()}


def _matcher(**over: float) -> Matcher:
    return Matcher(default_algorithms(), settings_from_config(HashingConfig(**over)), 16)


def _hash_only_list(img: Image.Image) -> LoadedList:
    _, p = _matcher().hash_bytes(encode(img, "JPEG", 90))
    rows = [f"{c.algorithm},{c.value.hex()},k,e1," for c in p.computed]
    content = ("algorithm,hash,list,id,category\n" + "\n".join(rows) + "\n").encode()
    return build_loaded_list("k", parse_hash_list("k.csv", content, ALGOS, "k"), ALGOS, {})


def test_trim_removes_letterbox_and_keeps_plain_images() -> None:
    img = make_image(2, 640, 480, "scene")
    boxed = ImageOps.expand(img.resize((640, 380)), border=(0, 50, 0, 50), fill=(0, 0, 0))
    trimmed = trim_borders(boxed)
    assert abs(trimmed.size[1] - 380) <= 2
    assert trimmed.size[0] == 640
    assert trim_borders(img) is img
    framed = ImageOps.expand(img, border=20, fill=(250, 250, 250))
    assert abs(trim_borders(framed).size[0] - 640) <= 2


def test_a_letterboxed_copy_matches_only_with_trimming() -> None:
    img = make_image(2, 640, 480, "scene")
    known = _hash_only_list(img)
    boxed = encode(
        ImageOps.expand(img.resize((640, 380)), border=(0, 50, 0, 50), fill=(0, 0, 0)), "JPEG", 90
    )
    off = _matcher(trim_borders=False, near_miss_retries=False)
    assert off.match_bytes("a", "i", boxed, [known]).matches == []
    v = _matcher().match_bytes("a", "i", boxed, [known])
    assert v.strength == "strong"
    assert {m.algorithm for m in v.matches} == {"pdq", "phash"}


def test_a_near_miss_rotation_is_recovered_by_a_retry() -> None:
    img = make_image(5, 640, 480, "scene")
    known = _hash_only_list(img)
    # PDQ 72 (beyond every candidate radius), pHash 16: beyond the agreement radius (12),
    # within phash_retry_distance (20 here), so the pHash hit triggers the retry; the
    # turned-back copy (unrotate) would match directly, so it is off here
    turned = encode(img.rotate(2.5, expand=True, fillcolor=(0, 0, 0)), "JPEG", 90)
    off = _matcher(near_miss_retries=False, unrotate_max_degrees=0)
    assert off.match_bytes("a", "i", turned, [known]).matches == []
    on = _matcher(unrotate_max_degrees=0, phash_retry_distance=20)
    v = on.match_bytes("a", "i", turned, [known])
    assert v.strength == "weak"
    assert any(s.startswith("retry:") for s in v.matches[0].signals)
    assert on.retries_computed == 1


def test_a_rotation_in_a_grown_frame_is_turned_back_and_matched_directly() -> None:
    img = make_image(5, 640, 480, "scene")
    known = _hash_only_list(img)
    for fill in ((0, 0, 0), (255, 255, 255)):
        turned = encode(img.rotate(2.5, expand=True, fillcolor=fill), "JPEG", 90)
        m = _matcher(near_miss_retries=False)
        v = m.match_bytes("a", "i", turned, [known])
        assert v.strength == "strong"
        assert {x.algorithm for x in v.matches} == {"pdq", "phash"}
        assert m.retries_computed == 0


def test_transform_helpers_are_deterministic_and_in_bounds() -> None:
    img = make_image(1, 400, 300, "shapes")
    assert rotate(img, 3).size < img.size
    assert rotate(img, 3).tobytes() == rotate(img, 3).tobytes()
    assert crop(img, 0.1).size == (320, 240)
    assert crop(img, 0.1, "tl").size == (360, 270)
    assert region(img, "centre").size == (200, 150)
    assert region(img, "q4").size == (200, 150)


def test_a_pdq_near_miss_is_recovered_without_any_phash_trigger() -> None:
    # PDQ 60 (within its candidate radius, beyond its max) makes the group a near
    # miss by itself; with no pHash retry distance there is no trigger at all
    img = make_image(5, 640, 480, "scene")
    turned = encode(img.rotate(2.0, expand=True, fillcolor=(0, 0, 0)), "JPEG", 90)
    on = _matcher(unrotate_max_degrees=0, phash_retry_distance=None)
    v = on.match_bytes("a", "i", turned, [_hash_only_list(img)])
    assert [(m.algorithm, m.distance, m.strength) for m in v.matches] == [("pdq", 60, "weak")]
    assert v.matches[0].signals[0] == "pdq"
    assert any(s.startswith("retry:") for s in v.matches[0].signals)
    assert on.retries_computed == 1


def test_a_retry_trigger_needs_a_phash_above_its_quality_floor() -> None:
    # a fine checkerboard: textured (4.0) for the retries, but its 32x32 pHash
    # luma is flat (quality 0 < phash_min_quality 2), so the pHash is not
    # matched and cannot trigger a retry, even 13 bits from a list entry
    y, x = np.mgrid[0:64, 0:64]
    luma = np.where((x + y) % 2 == 0, 133, 123).astype(np.uint8)
    data = encode(Image.fromarray(np.stack([luma] * 3, -1)), "PNG", 90)
    m = _matcher()
    _, p = m.hash_bytes(data)
    phash = next(c for c in p.computed if c.algorithm == "phash")
    assert phash.quality < HashingConfig().phash_min_quality
    assert p.texture is not None and p.texture >= HashingConfig().weak_min_texture
    near = flip(phash.value.hex(), 13)
    content = f"algorithm,hash,list,id,category\nphash,{near},k,o,\n".encode()
    known = build_loaded_list("k", parse_hash_list("k.csv", content, ALGOS, "k"), ALGOS, {})
    v = m.match_bytes("a", "i", data, [known])
    assert v.matches == []
    assert any(n.startswith("phash: quality 0 below floor") for n in v.notes)
    assert m.retries_computed == 0


def test_a_triggered_retry_reports_the_whole_image_hits_and_the_trigger() -> None:
    # 2 degrees: PDQ 60 (a near miss) and pHash 14 (past its candidate radius 12,
    # within phash_retry_distance 14: a trigger); the retry recovers the match,
    # which reports PDQ at 60 and the trigger's pHash at 14, never a retry's distance
    img = make_image(5, 640, 480, "scene")
    turned = encode(img.rotate(2.0, expand=True, fillcolor=(0, 0, 0)), "JPEG", 90)
    on = _matcher(unrotate_max_degrees=0)
    v = on.match_bytes("a", "i", turned, [_hash_only_list(img)])
    assert [(m.algorithm, m.distance, m.orientation, m.strength) for m in v.matches] == [
        ("phash", 14, "original", "weak"),
        ("pdq", 60, "original", "weak"),
    ]
    assert v.matches[0].signals[:2] == ["pdq", "phash"]
    assert all(s.startswith("retry:") for s in v.matches[0].signals[2:])
    assert len(v.matches[0].signals) > 2


def test_an_allow_list_never_triggers_a_retry() -> None:
    # the rotated copy above is recovered from a match list by a triggered
    # retry; the same entries as an allow list suppress nothing
    img = make_image(5, 640, 480, "scene")
    turned = encode(img.rotate(2.0, expand=True, fillcolor=(0, 0, 0)), "JPEG", 90)
    on = _matcher(unrotate_max_degrees=0)
    _, p = on.hash_bytes(turned)
    own = next(c for c in p.computed if c.algorithm == "pdq").value.hex()
    content = f"algorithm,hash,list,id,category\npdq,{own},known,x1,\n".encode()
    known = build_loaded_list(
        "known", parse_hash_list("known.csv", content, ALGOS, "known"), ALGOS, {}
    )
    original = _hash_only_list(img)
    allow = dataclasses.replace(original, kind="allow")
    v = on.match_bytes("a", "i", turned, [known, allow])
    assert [(m.entry_id, m.strength) for m in v.matches] == [("x1", "strong")]
    assert on.retries_computed == 0


def test_an_entry_hit_twice_is_reported_once_and_the_next_entry_still_is() -> None:
    # a thin letterbox: the trimmed and the untrimmed PDQ (10 bits apart) both hit
    # e1; its derived entry 20 bits away is reported too, after the duplicate
    img = make_image(16006, 640, 480, "noise")
    data = encode(ImageOps.expand(img, border=(0, 6, 0, 6), fill=(0, 0, 0)), "JPEG", 90)
    m = _matcher()
    _, p = m.hash_bytes(data)
    trimmed = next(c for c in p.trimmed if c.algorithm == "pdq").value
    content = (
        "algorithm,hash,list,id,category,derived_from,transform\n"
        f"pdq,{trimmed.hex()},k,e1,,,\npdq,{flip(trimmed.hex(), 20)},k,e1~r,,e1,rotate:1\n"
    ).encode()
    known = build_loaded_list("k", parse_hash_list("k.csv", content, ALGOS, "k"), ALGOS, {})
    v = m.match_bytes("a", "i", data, [known])
    pdq = [(x.entry_id, x.distance) for x in v.matches if x.algorithm == "pdq"]
    assert pdq == [("e1", 0), ("e1~r", 20)]
