"""Crop alignment (anchor entries) and pixel-mirror entries of lists built from images.

A crop cuts each side independently; the anchor entry (PDQ of the original less
10 % per side, with the original's size) is found again by sliding a window of
that size over the query. A periodic texture's PDQ orientations are not the
hash of its mirrored pixels, so built lists carry PDQ entries of the mirrors.
"""

from __future__ import annotations

import hashlib
import random

import numpy as np
import pytest
from PIL import Image

from tests.unit.hashing.list_rows import flip, loaded_list
from tipline.operators.hashing import Matcher, default_algorithms, settings_from_config
from tipline.operators.hashing.algorithm import Computed, MediaInput
from tipline.operators.hashing.align import (
    align_search,
    anchor_size,
    anchor_transform,
    anchor_window,
)
from tipline.operators.hashing.computing import OVERLAP_MIN_BYTES, _Beside
from tipline.operators.hashing.listbuild import derived_rows, original_rows
from tipline.operators.hashing.pdq import PdqAlgorithm, hamming
from tipline.operators.hashing.robust import crop
from tipline.schemas.hashing import HashingConfig
from tipline.synth.images import encode, make_image, small_crop

PDQ = PdqAlgorithm()


def _matcher(**over: float) -> Matcher:
    return Matcher(default_algorithms(), settings_from_config(HashingConfig(**over)), 16)


def _pdq(img: Image.Image) -> bytes:
    c = PDQ.compute(MediaInput(data=b"", image=img))
    assert c is not None
    return c.value


def _built_rows(data: bytes, *, anchors: bool = True) -> list[str]:
    m = _matcher()
    made, _ = original_rows(data, m, "known", "orig")
    rows = [f"{a},{h},{lst},orig,{cat},," for a, h, lst, _, cat in made]
    derived = derived_rows(
        data, m, HashingConfig(), list_name="known", category="c", entry_id="orig"
    )
    rows += [",".join(r) for r in derived if anchors or anchor_size(r[6]) is None]
    return rows


def _bricks(width: int, height: int, brick: tuple[int, int]) -> Image.Image:
    """A periodic brick-like texture (rows of blocks with mortar lines, every other row shifted)."""
    bw, bh = brick
    y, x = np.mgrid[0:height, 0:width]
    shift = (y // bh % 2) * (bw // 2)
    mortar = ((y % bh) < 2) | (((x + shift) % bw) < 2)
    noise = np.random.default_rng(bw).normal(0, 12, (height, width))
    luma = np.where(mortar, 200, 120 + noise).clip(0, 255)
    return Image.fromarray(np.stack([luma, luma * 0.8, luma * 0.6], -1).astype(np.uint8))


@pytest.mark.parametrize(
    ("seed", "kind", "margins"),
    [(3, "scene", (0.02, 0.09, 0.08, 0.03)), (7, "noise", (0.1, 0.02, 0.05, 0.1))],
)
def test_the_anchor_window_is_found_again_in_an_asymmetric_crop(
    seed: int, kind: str, margins: tuple[float, float, float, float]
) -> None:
    img = make_image(seed, 640, 480, kind)
    left, top, right, bottom = margins
    w, h = img.size
    cut = img.crop((int(w * left), int(h * top), w - int(w * right), h - int(h * bottom)))
    anchor = _pdq(anchor_window(img))
    found = align_search(cut, img.size, lambda win: hamming(_pdq(win), anchor))
    assert found is not None
    assert found <= 20
    assert hamming(_pdq(cut), _pdq(img)) > 31  # the whole-image hash alone misses it


def test_the_search_runs_only_for_a_query_that_can_be_a_crop() -> None:
    img = make_image(3, 640, 480, "scene")
    calls: list[Image.Image] = []

    def count(win: Image.Image) -> int:
        calls.append(win)
        return 256

    assert align_search(img.resize((700, 520)), img.size, count) is None  # larger
    assert align_search(crop(img, 0.12), img.size, count) is None  # smaller than the window
    assert calls == []
    assert align_search(crop(img, 0.05), img.size, count) == 256
    assert 1 <= len(calls) <= 200
    assert anchor_size(anchor_transform(img)) == (640, 480)
    assert anchor_size("crop10") is None
    assert anchor_size("anchor:640x") is None


def test_an_anchor_entry_is_never_a_whole_image_hit() -> None:
    img = make_image(16006, 640, 480, "noise")
    data = encode(img, "JPEG", 90)
    _, p = _matcher().hash_bytes(data)
    pdq = next(c for c in p.computed if c.algorithm == "pdq")
    assert pdq.quality >= HashingConfig().pdq_min_quality  # matchable: the test can fail
    anchor = f"pdq,{pdq.value.hex()},known,orig~anchor,c,orig,anchor:640x480"
    assert _matcher().match_bytes("a", "i", data, [loaded_list([anchor])]).matches == []
    # the same hash as an ordinary derived entry is a direct hit
    derived = anchor.replace("anchor:640x480", "crop10")
    assert _matcher().match_bytes("a", "i", data, [loaded_list([derived])]).strength == "strong"
    # an anchor beside a whole-image entry is skipped, not the end of the hits
    own = f"pdq,{pdq.value.hex()},known,orig,c,,"
    for rows in ([anchor, own], [own, anchor]):
        v = _matcher().match_bytes("a", "i", data, [loaded_list(rows)])
        assert [(m.entry_id, m.strength) for m in v.matches] == [("orig", "strong")]


def test_a_crop_is_matched_through_its_anchor_only() -> None:
    data = encode(make_image(16006, 640, 480, "noise"), "JPEG", 90)
    query = small_crop(data, random.Random("16/g-noise-16006/crop/0"))
    without = loaded_list(_built_rows(data, anchors=False))
    m = _matcher()
    assert m.match_bytes("q", "i", query, [without]).matches == []
    assert m.alignments_computed == 0
    with_anchor = loaded_list(_built_rows(data))
    v = m.match_bytes("q", "i", query, [with_anchor])
    assert {x.derived_from or x.entry_id for x in v.matches} == {"orig"}
    assert v.strength == "weak"
    assert "retry:align" in v.matches[0].signals
    assert m.alignments_computed == 1
    off = _matcher(near_miss_retries=False)
    assert off.match_bytes("q", "i", query, [with_anchor]).matches == []
    assert off.alignments_computed == 0


def test_unrelated_crops_are_not_aligned_into_a_match() -> None:
    known = loaded_list(_built_rows(encode(make_image(16006, 640, 480, "noise"), "JPEG", 90)))
    m = _matcher()
    for seed, kind in ((11, "noise"), (12, "scene"), (13, "shapes")):
        other = encode(crop(make_image(seed, 640, 480, kind), 0.05), "JPEG", 90)
        assert m.match_bytes("u", "i", other, [known]).matches == []


@pytest.mark.parametrize(
    "transpose", [Image.Transpose.FLIP_LEFT_RIGHT, Image.Transpose.FLIP_TOP_BOTTOM]
)
def test_a_mirrored_periodic_texture_matches_its_mirror_entry(transpose: Image.Transpose) -> None:
    img = _bricks(512, 512, (37, 17))
    mirrored = encode(img.transpose(transpose), "JPEG", 85)
    _, p = _matcher().hash_bytes(mirrored)
    query = next(c for c in p.computed if c.algorithm == "pdq")
    original = _pdq(img)
    assert min(hamming(v, original) for _, v in query.variants) > 31  # orientations miss it
    known = loaded_list(_built_rows(encode(img, "PNG")))
    v = _matcher().match_bytes("q", "i", mirrored, [known])
    assert v.strength == "strong"
    assert v.matches[0].transform in {"flip_lr", "flip_tb"}


def test_digests_beside_the_decode_equal_the_inline_ones() -> None:
    big = encode(make_image(4, 1600, 1200, "noise"), "PNG")
    assert len(big) >= OVERLAP_MIN_BYTES
    exact, p = _matcher().hash_bytes(big)
    assert p.computed
    assert [(c.algorithm, c.value) for c in exact] == [
        (name, hashlib.new(name, big).digest()) for name in ("sha256", "sha1", "md5")
    ]


def test_an_error_beside_the_decode_reaches_the_caller() -> None:
    def fail() -> list[Computed]:
        raise MemoryError

    for threaded in (True, False):
        with _Beside(fail, threaded) as rest:
            pass
        with pytest.raises(MemoryError):
            rest.result()


def test_at_most_four_groups_of_a_query_are_aligned() -> None:
    data = encode(make_image(16006, 640, 480, "noise"), "JPEG", 90)
    query = small_crop(data, random.Random("16/g-noise-16006/crop/0"))
    rows = _built_rows(data)
    # five originals with the same pixels: each is a near miss with an anchor
    copies = [row.replace("orig", f"o{n}") for n in range(5) for row in rows]
    m = _matcher()
    v = m.match_bytes("q", "i", query, [loaded_list(copies)])
    assert m.alignments_computed == 4
    assert sorted({x.derived_from or x.entry_id for x in v.matches}) == ["o0", "o1", "o2", "o3"]


def test_a_smooth_query_gets_no_retry_trigger_so_no_alignment() -> None:
    # a pHash hit 13 bits away (past the candidate radius 12, within the retry
    # distance 14) only triggers a retry of a textured query; a smooth one is
    # neither retried nor aligned, though the original has an anchor entry
    data = encode(make_image(4, 640, 480, "gradient"), "JPEG", 90)
    m = _matcher()
    _, p = m.hash_bytes(data)
    assert p.texture is not None and p.texture < HashingConfig().weak_min_texture
    phash = next(c for c in p.computed if c.algorithm == "phash").value
    far = flip(phash.hex(), 13)
    pdq = next(c for c in p.computed if c.algorithm == "pdq").value.hex()
    known = loaded_list(
        [f"phash,{far},known,o,c,,", f"pdq,{pdq},known,o~anchor,c,o,anchor:640x480"]
    )
    m.match_bytes("q", "i", data, [known])
    assert m.alignments_computed == 0
