"""Exact values the mutation tier found untested (issue #19): Wilson at 0, the probe masks."""

from __future__ import annotations

from math import comb

import pytest

from tipline.operators.fairness import wilson_lower
from tipline.operators.hashing.hamming import CHUNK_BITS, _neighbour_masks


@pytest.mark.parametrize(("n", "z"), [(3, 2.576), (5, 1.96), (5, 3.0), (6, 2.576)])
def test_wilson_lower_bound_is_exactly_zero_without_successes(n: int, z: float) -> None:
    # the closed form leaves a ~1e-17 residue for these n and z; the bound must be 0
    assert wilson_lower(0, n, z) == 0.0


@pytest.mark.parametrize("successes", [0, 1])
def test_wilson_lower_bound_is_zero_for_an_empty_sample(successes: int) -> None:
    assert wilson_lower(successes, 0, 1.96) == 0.0


@pytest.mark.parametrize("radius", [0, 1, 2, 3])
def test_each_neighbour_bucket_is_probed_once(radius: int) -> None:
    masks = _neighbour_masks(radius).tolist()
    assert len(masks) == len(set(masks)) == sum(comb(CHUNK_BITS, k) for k in range(radius + 1))
    assert all(bin(m).count("1") <= radius for m in masks)
