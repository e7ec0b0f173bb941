"""Turning back small rotations in a grown frame, and region agreement at any texture.

``unrotate_max_degrees`` (the largest angle turned back), ``region_agree_distance``
and ``region_agree_regions`` (regions that agree without a whole-image hit, below the
texture floor too) and ``region_min_quality`` (the region hashes' own floor), each at
its boundary: the exact threshold and one step either side. Region list entries are
the query's own region hashes with ``k`` bits flipped, so each hit's distance is ``k``.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image, ImageOps

from tests.unit.hashing.list_rows import flip, loaded_list
from tipline.operators.hashing import Matcher, default_algorithms, settings_from_config
from tipline.operators.hashing.robust import REGIONS, unrotate
from tipline.schemas.hashing import HashingConfig
from tipline.synth.images import encode, make_image


def _matcher(**over: Any) -> Matcher:
    base: dict[str, Any] = {"near_miss_retries": False, "trim_borders": False}
    cfg = HashingConfig(**{**base, **over})
    return Matcher(default_algorithms(), settings_from_config(cfg), cache_entries=16)


def _turned(degrees: float, fill: tuple[int, int, int] = (0, 0, 0)) -> bytes:
    img = make_image(5, 640, 480, "scene")
    return encode(img.rotate(degrees, expand=True, fillcolor=fill), "JPEG", 90)


def _decoded(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as img:
        return img.convert("RGB")


@pytest.mark.parametrize("degrees", [-3.5, -1.2, 1.0, 2.5, 6.0])
def test_unrotate_measures_the_angle_from_the_corner_triangles(degrees: float) -> None:
    found = unrotate(_decoded(_turned(degrees)), 8.0)
    assert found
    angle, content = found[0]
    assert abs(angle - degrees) <= 0.1
    assert abs(content.size[0] - 640) <= 4
    assert abs(content.size[1] - 480) <= 4


def test_unrotate_leaves_plain_bordered_and_flat_images_alone() -> None:
    img = make_image(5, 640, 480, "scene")
    assert unrotate(img, 8.0) == []
    boxed = ImageOps.expand(img.resize((640, 380)), border=(0, 50, 0, 50), fill=(0, 0, 0))
    assert unrotate(boxed, 8.0) == []
    assert unrotate(Image.new("RGB", (640, 480), (0, 0, 0)), 8.0) == []
    assert unrotate(_decoded(_turned(2.5)), 0.0) == []


@pytest.mark.parametrize(("offset", "turned_back"), [(-0.01, False), (0.0, True), (0.01, True)])
def test_unrotate_max_degrees_boundary(offset: float, turned_back: bool) -> None:
    image = _decoded(_turned(2.5))
    angle = unrotate(image, 8.0)[0][0]
    assert bool(unrotate(image, round(angle + offset, 2))) is turned_back


@pytest.mark.parametrize(("offset", "matched"), [(-0.01, False), (0.0, True), (0.01, True)])
def test_a_turned_copy_matches_the_original_directly_within_the_angle(
    offset: float, matched: bool
) -> None:
    original = encode(make_image(5, 640, 480, "scene"), "JPEG", 90)
    _, p = _matcher().hash_bytes(original)
    rows = [f"{c.algorithm},{c.value.hex()},k,e1,,," for c in p.computed]
    data = _turned(2.5)
    angle = unrotate(_decoded(data), 8.0)[0][0]
    v = _matcher(unrotate_max_degrees=round(angle + offset, 2)).match_bytes(
        "a", "i", data, [loaded_list(rows)]
    )
    assert (v.strength == "strong") is matched
    if not matched:
        assert v.matches == []


@pytest.fixture
def smooth() -> tuple[bytes, dict[str, str]]:
    """A generated gradient (below the texture floor) and its region hashes by name."""
    data = encode(make_image(16039, 640, 480, "gradient"), "JPEG", 90)
    m = _matcher(region_min_quality=0)
    _, p = m.hash_bytes(data, regions=True)
    assert p.texture is not None
    assert p.texture < HashingConfig().weak_min_texture
    assert p.regions is not None
    return data, {name: c.value.hex() for name, c in p.regions}


def _region_rows(regions: dict[str, str], names: tuple[str, ...], bits: int) -> list[str]:
    return [f"pdq,{flip(regions[n], bits)},k,e1~region:{n},,e1,region:{n}" for n in names]


@pytest.mark.parametrize(("bits", "accepted"), [(15, True), (16, True), (17, False)])
def test_region_agreement_distance_boundary_below_the_texture_floor(
    smooth: tuple[bytes, dict[str, str]], bits: int, accepted: bool
) -> None:
    data, regions = smooth
    rows = _region_rows(regions, ("q1", "q2", "centre"), bits)
    m = _matcher(region_min_quality=0, region_agree_distance=16, region_agree_regions=3)
    v = m.match_bytes("a", "i", data, [loaded_list(rows)])
    if accepted:
        assert v.strength == "weak"
        assert v.matches[0].derived_from == "e1"
        assert v.matches[0].signals == ["region:centre", "region:q1", "region:q2"]
    else:
        assert v.matches == []


@pytest.mark.parametrize(("regions", "accepted"), [(2, False), (3, True), (4, True)])
def test_region_agreement_needs_enough_regions(
    smooth: tuple[bytes, dict[str, str]], regions: int, accepted: bool
) -> None:
    data, hashes = smooth
    rows = _region_rows(hashes, REGIONS[:regions], 4)
    m = _matcher(region_min_quality=0, region_agree_distance=16, region_agree_regions=3)
    assert bool(m.match_bytes("a", "i", data, [loaded_list(rows)]).matches) is accepted


def test_region_agreement_is_off_at_zero_regions(smooth: tuple[bytes, dict[str, str]]) -> None:
    data, hashes = smooth
    rows = _region_rows(hashes, REGIONS, 0)
    m = _matcher(region_min_quality=0, region_agree_regions=0)
    assert m.match_bytes("a", "i", data, [loaded_list(rows)]).matches == []


@pytest.mark.parametrize(("offset", "kept"), [(-1, True), (0, True), (1, False)])
def test_region_min_quality_boundary(offset: int, kept: bool) -> None:
    image = make_image(16039, 640, 480, "gradient")
    everything = _matcher(region_min_quality=0).region_hashes(image)
    name, weakest = min(everything, key=lambda nc: nc[1].quality or 0)
    assert weakest.quality is not None
    floor = weakest.quality + offset
    names = [n for n, _ in _matcher(region_min_quality=floor).region_hashes(image)]
    assert (name in names) is kept
