"""The LRU cache bound and the generated-image helpers' determinism."""

from __future__ import annotations

import pytest

from tipline.operators.hashing.cache import LruCache
from tipline.synth.images import KINDS, TRANSFORMS, apply_transform, encode, make_image


def test_lru_evicts_least_recently_used() -> None:
    cache: LruCache[str, int] = LruCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c"), len(cache)) == (1, 3, 2)
    assert (cache.hits, cache.misses) == (3, 1)


def test_lru_rejects_zero_size() -> None:
    with pytest.raises(ValueError, match="not positive"):
        LruCache[str, int](0)


@pytest.mark.parametrize("kind", KINDS)
def test_images_are_deterministic(kind: str) -> None:
    a = make_image(5, 64, 48, kind)
    assert a.size == (64, 48)
    assert a.mode == "RGB"
    assert a.tobytes() == make_image(5, 64, 48, kind).tobytes()
    assert a.tobytes() != make_image(6, 64, 48, kind).tobytes()


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_transforms_are_deterministic_and_change_the_bytes(name: str) -> None:
    data = encode(make_image(1, 120, 90, "scene"))
    out = apply_transform(name, data, 4)
    assert out == apply_transform(name, data, 4)
    assert out != data


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="not an image kind"):
        make_image(1, 10, 10, "photo")
    with pytest.raises(ValueError, match="not positive"):
        make_image(1, 0, 10, "noise")
    with pytest.raises(ValueError, match="not a supported format"):
        encode(make_image(1, 10, 10, "noise"), "GIF")
