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
    """Clustered entries, queries inside the clusters, a radius and a size.

    Uniform random entries give about one neighbour per query (issue #19), so a
    bug that drops or duplicates the second hit goes unseen. Here 1-4 cluster
    centres each get at least two members within ``radius // 2`` bits, and a
    query within ``radius // 2`` of its centre, so every query has at least two
    neighbours; more members sit just inside and outside the radius, and
    unclustered noise entries fill the rest.
    """
    size = draw(st.sampled_from([8, 32]))
    bits = size * 8
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    rng = np.random.default_rng(seed)
    radius = draw(st.integers(min_value=0, max_value=bits // 4))
    half = radius // 2

    def near(centre: bytes, lo: int, hi: int) -> bytes:
        k = int(rng.integers(lo, min(hi, bits) + 1))
        return _flip(centre, [int(b) for b in rng.choice(bits, size=k, replace=False)])

    entries: list[bytes] = []
    queries: list[bytes] = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        centre = rng.integers(0, 256, size, dtype=np.uint8).tobytes()
        members = draw(st.integers(min_value=2, max_value=12))
        entries += [near(centre, 0, half) for _ in range(members)]
        entries += [near(centre, max(radius - 1, 0), radius + 2) for _ in range(3)]
        queries += [near(centre, 0, half) for _ in range(draw(st.integers(1, 3)))]
    noise = rng.integers(0, 256, (draw(st.integers(0, 300)), size), dtype=np.uint8)
    hashes = np.concatenate(
        [np.frombuffer(b"".join(entries), dtype=np.uint8).reshape(-1, size), noise]
    )
    order = rng.permutation(len(hashes))  # clusters spread through the index
    return hashes[order], queries, radius, size


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=index_case(), brute_force_max=st.sampled_from([0, 10**9]))
def test_index_matches_brute_force(
    case: tuple[np.ndarray, list[bytes], int, int], brute_force_max: int
) -> None:
    hashes, queries, radius, _ = case
    index = HammingIndex(hashes, brute_force_max=brute_force_max)
    hits = index.query_many(queries, radius)
    for qi, query in enumerate(queries):
        got = [(h.entry, h.distance) for h in hits if h.query == qi]
        expected = _brute(hashes, query, radius)
        assert len(expected) >= 2  # the generator's promise: several neighbours per query
        assert len(got) == len(set(got))  # each hit reported once
        assert set(got) == expected


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
    # exactly: the hashes, one uint32 entry order per chunk, int64 bucket offsets
    assert index.nbytes == 10_000 * 32 + 16 * 10_000 * 4 + 16 * (2**16 + 1) * 8


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


def test_several_queries_with_few_candidates_take_the_probe_path_not_a_scan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The probe path is used while its buckets hold fewer candidates than
    ``entries * queries`` (here about a quarter of the entries for 8 queries)."""
    hashes = np.random.default_rng(3).integers(0, 256, (5000, 32), dtype=np.uint8)
    index = HammingIndex(hashes, brute_force_max=0)

    def no_scan(*_args: object) -> list[object]:
        raise AssertionError("scanned although the probed buckets were small")

    monkeypatch.setattr(index, "_scan", no_scan)
    queries = [_flip(hashes[i].tobytes(), list(range(i))) for i in range(8)]
    got = {(h.query, h.entry, h.distance) for h in index.query_many(queries, 32)}
    want = {(qi, e, d) for qi, q in enumerate(queries) for e, d in _brute(hashes, q, 32)}
    assert got == want
    assert {(qi, qi, qi) for qi in range(8)} <= got


def test_a_match_found_through_a_single_chunk_is_reported() -> None:
    """31 flipped bits, two in each of 15 chunks and one in the last: only that
    chunk is within the chunk radius (1), so the entry is found exactly once."""
    rng = np.random.default_rng(4)
    hashes = rng.integers(0, 256, (5000, 32), dtype=np.uint8)
    query = hashes[0].tobytes()
    bits = [c * 16 + k for c in range(15) for k in (0, 1)] + [15 * 16]
    hashes[1] = np.frombuffer(_flip(query, bits), dtype=np.uint8)
    index = HammingIndex(hashes, brute_force_max=0)
    got = [(h.entry, h.distance) for h in index.query(query, 31)]
    assert got == [(0, 0), (1, 31)]
    alone = HammingIndex(hashes[1:], brute_force_max=0)
    assert [(h.entry, h.distance) for h in alone.query(query, 31)] == [(0, 31)]
