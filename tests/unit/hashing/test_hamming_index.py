"""The Hamming index returns exactly the brute-force answer (exact recall, no extras)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipline.operators.hashing import HammingIndex


def _brute(hashes: np.ndarray, query: bytes, radius: int) -> set[tuple[int, int]]:
    q = np.frombuffer(query, dtype=np.uint8)
    dist = np.unpackbits(hashes ^ q, axis=1).sum(axis=1)
    return {(int(i), int(dist[i])) for i in np.flatnonzero(dist <= radius)}


def _flip(value: bytes, bits: list[int]) -> bytes:
    out = bytearray(value)
    for b in bits:
        out[b // 8] ^= 1 << (b % 8)
    return bytes(out)


@st.composite
def index_case(draw: st.DrawFn) -> tuple[np.ndarray, list[bytes], int, int]:
    """Random entries, queries planted near entries, a radius and a size."""
    size = draw(st.sampled_from([8, 32]))
    n = draw(st.integers(min_value=1, max_value=400))
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    rng = np.random.default_rng(seed)
    hashes = rng.integers(0, 256, (n, size), dtype=np.uint8)
    bits = size * 8
    radius = draw(st.integers(min_value=0, max_value=bits // 4))
    queries = []
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        base = hashes[draw(st.integers(min_value=0, max_value=n - 1))].tobytes()
        flips = draw(st.integers(min_value=0, max_value=radius + 3))
        queries.append(_flip(base, list(rng.choice(bits, size=flips, replace=False))))
    return hashes, queries, radius, size


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=index_case(), brute_force_max=st.sampled_from([0, 10**9]))
def test_index_matches_brute_force(
    case: tuple[np.ndarray, list[bytes], int, int], brute_force_max: int
) -> None:
    hashes, queries, radius, _ = case
    index = HammingIndex(hashes, brute_force_max=brute_force_max)
    hits = index.query_many(queries, radius)
    for qi, query in enumerate(queries):
        got = {(h.entry, h.distance) for h in hits if h.query == qi}
        assert got == _brute(hashes, query, radius)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), radius=st.sampled_from([31, 32, 47]))
def test_mih_at_pdq_radius_with_clustered_entries(seed: int, radius: int) -> None:
    """Entries clustered around the query stress the chunk pigeonhole at the PDQ radius."""
    rng = np.random.default_rng(seed)
    centre = rng.integers(0, 256, 32, dtype=np.uint8).tobytes()
    near = [
        _flip(centre, list(rng.choice(256, size=int(k), replace=False)))
        for k in rng.integers(0, radius + 6, 300)
    ]
    hashes = np.frombuffer(b"".join(near), dtype=np.uint8).reshape(-1, 32)
    hashes = np.concatenate([hashes, rng.integers(0, 256, (5000, 32), dtype=np.uint8)])
    index = HammingIndex(hashes, brute_force_max=0)
    got = {(h.entry, h.distance) for h in index.query(centre, radius)}
    assert got == _brute(hashes, centre, radius)


def test_every_hit_is_reported_once_even_when_found_through_many_chunks() -> None:
    hashes = np.zeros((5000, 32), dtype=np.uint8)
    hashes[1:] = np.random.default_rng(1).integers(0, 256, (4999, 32), dtype=np.uint8)
    index = HammingIndex(hashes, brute_force_max=0)
    hits = index.query(bytes(32), 0)
    assert [(h.entry, h.distance) for h in hits] == [(0, 0)]


def test_large_radius_falls_back_to_an_exact_scan() -> None:
    hashes = np.random.default_rng(2).integers(0, 256, (5000, 8), dtype=np.uint8)
    index = HammingIndex(hashes, brute_force_max=0)
    query = hashes[0].tobytes()
    got = {(h.entry, h.distance) for h in index.query(query, 40)}
    assert got == _brute(hashes, query, 40)


def test_memory_accounting_covers_the_arrays() -> None:
    hashes = np.random.default_rng(3).integers(0, 256, (10_000, 32), dtype=np.uint8)
    index = HammingIndex(hashes, brute_force_max=0)
    assert index.nbytes >= 10_000 * 32 + 16 * 10_000 * 4


@pytest.mark.parametrize(
    ("value", "radius", "message"),
    [(b"\x00" * 7, 3, "7 bytes"), (b"\x00" * 8, -1, "negative")],
)
def test_bad_queries_raise(value: bytes, radius: int, message: str) -> None:
    index = HammingIndex(np.zeros((3, 8), dtype=np.uint8))
    with pytest.raises(ValueError, match=message):
        index.query(value, radius)


def test_bad_shape_is_rejected() -> None:
    with pytest.raises(ValueError, match="multiple of 8"):
        HammingIndex(np.zeros((3, 5), dtype=np.uint8))
