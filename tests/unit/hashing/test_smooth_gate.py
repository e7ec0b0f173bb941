"""Two-stage acceptance tightened for smooth images, at every new threshold's boundary.

``pdq_derived_candidate_distance`` (a derived entry's candidate radius),
``weak_min_texture`` (no candidate-only acceptance and no retries below it) and
``retry_max_distance`` / ``phash_retry_distance`` (retries only for a close
whole-image PDQ hit, or a pHash hit that triggers retries only). List
entries are the attachment's own hashes with ``k`` bits flipped, so each hit's
distance is exactly ``k``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from PIL import Image

from tests.unit.hashing.list_rows import flip, loaded_list
from tipline.operators.hashing import (
    Matcher,
    default_algorithms,
    settings_from_config,
)
from tipline.operators.hashing.robust import texture
from tipline.schemas.hashing import HashingConfig


def _matcher(**over: Any) -> Matcher:
    base: dict[str, Any] = {
        "near_miss_retries": False,
        "trim_borders": False,
        "region_hashes": False,
        "weak_min_texture": 0.0,
    }
    cfg = HashingConfig(**{**base, **over})
    return Matcher(default_algorithms(), settings_from_config(cfg), cache_entries=16)


@pytest.fixture
def image(jpeg: Callable[..., bytes]) -> tuple[bytes, dict[str, str], float]:
    data = jpeg(2)
    _, p = _matcher().hash_bytes(data)
    assert p.texture is not None
    return data, {c.algorithm: c.value.hex() for c in p.computed}, p.texture


@pytest.mark.parametrize(("bits", "accepted"), [(49, True), (50, True), (51, False)])
def test_derived_entries_are_candidates_only_within_their_radius(
    image: tuple[bytes, dict[str, str], float], bits: int, accepted: bool
) -> None:
    data, h, _ = image
    rows = [
        f"pdq,{flip(h['pdq'], bits)},k,e1~rot+1,,e1,rot+1",
        f"pdq,{flip(h['pdq'], bits)},k,e1~crop3,,e1,crop3",
    ]
    v = _matcher(pdq_derived_candidate_distance=50).match_bytes("a", "i", data, [loaded_list(rows)])
    assert (v.strength == "weak") is accepted
    if accepted:
        assert v.matches[0].signals == ["derived", "pdq"]
    else:
        assert v.matches == []


def test_a_derived_entry_within_max_is_direct_whatever_its_candidate_radius(
    image: tuple[bytes, dict[str, str], float],
) -> None:
    data, h, _ = image
    rows = [f"pdq,{flip(h['pdq'], 31)},k,e1~rot+1,,e1,rot+1"]
    m = _matcher(pdq_derived_candidate_distance=10)
    assert m.match_bytes("a", "i", data, [loaded_list(rows)]).strength == "weak"


@pytest.mark.parametrize(("offset", "accepted"), [(-0.001, True), (0.0, True), (0.001, False)])
def test_candidate_agreement_needs_the_texture_floor(
    image: tuple[bytes, dict[str, str], float], offset: float, accepted: bool
) -> None:
    data, h, tex = image
    rows = [f"pdq,{flip(h['pdq'], 40)},k,e1,,,", f"phash,{flip(h['phash'], 10)},k,e1,,,"]
    v = _matcher(weak_min_texture=round(tex + offset, 3)).match_bytes(
        "a", "i", data, [loaded_list(rows)]
    )
    if accepted:
        assert v.strength == "weak"
        assert v.matches[0].signals == ["pdq", "phash"]
    else:
        assert v.matches == []


def test_a_direct_hit_needs_no_texture(image: tuple[bytes, dict[str, str], float]) -> None:
    data, h, _ = image
    v = _matcher(weak_min_texture=100.0).match_bytes(
        "a", "i", data, [loaded_list([f"pdq,{flip(h['pdq'], 20)},k,e1,,,"])]
    )
    assert v.strength == "strong"


@pytest.mark.parametrize(("limit", "retried"), [(59, 0), (60, 1), (61, 1)])
def test_retries_need_a_close_enough_pdq_hit(
    image: tuple[bytes, dict[str, str], float], limit: int, retried: int
) -> None:
    data, h, _ = image
    m = _matcher(near_miss_retries=True, retry_max_distance=limit)
    m.match_bytes("a", "i", data, [loaded_list([f"pdq,{flip(h['pdq'], 60)},k,e1,,,"])])
    assert m.retries_computed == retried


@pytest.mark.parametrize(("offset", "retried"), [(0.0, 1), (0.001, 0)])
def test_retries_need_the_texture_floor(
    image: tuple[bytes, dict[str, str], float], offset: float, retried: int
) -> None:
    data, h, tex = image
    m = _matcher(near_miss_retries=True, weak_min_texture=round(tex + offset, 3))
    m.match_bytes("a", "i", data, [loaded_list([f"pdq,{flip(h['pdq'], 50)},k,e1,,,"])])
    assert m.retries_computed == retried


@pytest.mark.parametrize(("bits", "retried"), [(15, 1), (16, 1), (17, 0)])
def test_a_phash_hit_beyond_agreement_triggers_retries_within_its_radius(
    image: tuple[bytes, dict[str, str], float], bits: int, retried: int
) -> None:
    data, h, _ = image
    m = _matcher(near_miss_retries=True, phash_candidate_distance=12, phash_retry_distance=16)
    m.match_bytes("a", "i", data, [loaded_list([f"phash,{flip(h['phash'], bits)},k,e1,,,"])])
    assert m.retries_computed == retried


def test_a_phash_retry_trigger_is_no_agreement_signal(
    image: tuple[bytes, dict[str, str], float],
) -> None:
    data, h, _ = image
    rows = [f"pdq,{flip(h['pdq'], 40)},k,e1,,,", f"phash,{flip(h['phash'], 16)},k,e1,,,"]
    m = _matcher(phash_candidate_distance=12, phash_retry_distance=20)
    assert m.match_bytes("a", "i", data, [loaded_list(rows)]).matches == []


def test_a_smooth_query_triggers_no_phash_retry(
    image: tuple[bytes, dict[str, str], float],
) -> None:
    data, h, tex = image
    m = _matcher(near_miss_retries=True, weak_min_texture=round(tex + 0.001, 3))
    m.match_bytes("a", "i", data, [loaded_list([f"phash,{flip(h['phash'], 14)},k,e1,,,"])])
    assert m.retries_computed == 0


def _ramp() -> Image.Image:
    """A linear luma ramp: smooth everywhere."""
    x = np.linspace(0, 255, 640, dtype=np.float32)
    y = np.linspace(0, 60, 480, dtype=np.float32)[:, None]
    luma = np.clip(x[None, :] * 0.7 + y, 0, 255).astype(np.uint8)
    return Image.fromarray(np.stack([luma] * 3, axis=2))


def test_texture_is_near_zero_for_smooth_images_and_high_for_fine_structure() -> None:
    flat = Image.new("RGB", (640, 480), (90, 120, 150))
    noise = np.random.default_rng(3).integers(0, 256, (480, 640, 3), dtype=np.uint8)
    assert texture(flat) == 0.0
    assert texture(_ramp()) < 0.5
    assert texture(Image.fromarray(noise)) > 3.0


def test_a_smooth_query_is_matched_only_directly(jpeg: Callable[..., bytes]) -> None:
    floor = HashingConfig().weak_min_texture
    gated, open_ = _matcher(weak_min_texture=floor), _matcher()
    for seed in range(40):  # the first smooth generated gradient whose PDQ is matchable
        data = jpeg(seed, "gradient")
        _, p = gated.hash_bytes(data)
        if (
            p.texture is not None
            and p.texture < floor
            and not any(map(gated.below_floor, p.computed))
        ):
            break
    else:
        pytest.fail("no smooth gradient with a matchable PDQ among 40 seeds")
    h = {c.algorithm: c.value.hex() for c in p.computed}
    far = [f"pdq,{flip(h['pdq'], 40)},k,e1,,,", f"phash,{flip(h['phash'], 10)},k,e1,,,"]
    assert open_.match_bytes("a", "i", data, [loaded_list(far)]).strength == "weak"
    assert gated.match_bytes("a", "i", data, [loaded_list(far)]).matches == []
    near = [f"pdq,{flip(h['pdq'], 25)},k,e1,,,"]
    assert gated.match_bytes("a", "i", data, [loaded_list(near)]).strength == "weak"
