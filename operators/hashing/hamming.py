"""Exact Hamming-radius search over fixed-length binary hashes.

:class:`HammingIndex` uses multi-index hashing (Norouzi et al., 2012): each hash
is cut into 16-bit chunks; for ``m`` chunks and radius ``r``, any entry within
``r`` bits of the query has at least one chunk within ``r // m`` bits of the
query's chunk (pigeonhole). For every chunk, entry positions are kept sorted by
the chunk's value with a CSR offset table of 65,537 slots, so probing a chunk
value is two array reads. Candidates from all probes are verified with a full
XOR + popcount, so the result is exact: every entry within the radius, and
nothing else. When the probe count would exceed a scan (tiny lists or large
radii) it falls back to a vectorised brute-force scan, also exact.

Memory: ``N * size`` bytes for the hashes plus ``4 * N`` bytes per chunk for the
sorted positions (10 M PDQ hashes: 320 MB + 640 MB) and 256 KiB per chunk of
offsets.
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt

from tipline.operators.hashing.algorithm import IndexHit

if TYPE_CHECKING:
    from collections.abc import Sequence

CHUNK_BITS: Final = 16
_BUCKETS: Final = 1 << CHUNK_BITS
BRUTE_FORCE_MAX: Final = 4096
_SCAN_BLOCK: Final = 1 << 18
_MAX_CHUNK_RADIUS: Final = 3

U8 = npt.NDArray[np.uint8]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]


def pack_hashes(values: Sequence[bytes], size: int) -> U8:
    """Stack ``values`` (each ``size`` bytes) into an ``(N, size)`` uint8 array."""
    if not values:
        return np.zeros((0, size), dtype=np.uint8)
    return np.frombuffer(b"".join(values), dtype=np.uint8).reshape(len(values), size)


def hamming_distances(words: U64, query: U64) -> npt.NDArray[np.int64]:
    """Return the Hamming distance of every row of ``words`` to ``query`` (both uint64)."""
    dist: npt.NDArray[np.int64] = np.bitwise_count(words ^ query).sum(axis=1, dtype=np.int64)
    return dist


def _neighbour_masks(radius: int) -> npt.NDArray[np.uint16]:
    """All 16-bit XOR masks with at most ``radius`` bits set."""
    masks = [0]
    for k in range(1, radius + 1):
        for bits in combinations(range(CHUNK_BITS), k):
            masks.append(sum(1 << b for b in bits))
    return np.array(masks, dtype=np.uint16)


class HammingIndex:
    """Exact Hamming-radius index over ``size``-byte hashes (``size`` a multiple of 8).

    Args:
        hashes: ``(N, size)`` uint8 array; entry ``i`` is row ``i``.
        brute_force_max: lists up to this many entries are scanned, not indexed.

    """

    def __init__(self, hashes: U8, *, brute_force_max: int = BRUTE_FORCE_MAX) -> None:
        if hashes.ndim != 2 or hashes.shape[1] % 8:
            msg = f"hash array of shape {hashes.shape} is not (N, multiple of 8 bytes)"
            raise ValueError(msg)
        self._size = int(hashes.shape[1])
        self._n = int(hashes.shape[0])
        self._words: U64 = np.ascontiguousarray(hashes).view(np.uint64)
        self._m = self._size * 8 // CHUNK_BITS
        self._indexed = self._n > brute_force_max
        self._order: npt.NDArray[np.uint32] = np.zeros((0,), dtype=np.uint32)
        self._offsets: I64 = np.zeros((0,), dtype=np.int64)
        if self._indexed:
            self._build()

    def _build(self) -> None:
        chunks = self._words.view(np.uint16)
        order = np.empty((self._m, self._n), dtype=np.uint32)
        offsets = np.zeros((self._m, _BUCKETS + 1), dtype=np.int64)
        for c in range(self._m):
            keys = chunks[:, c]
            order[c] = np.argsort(keys, kind="stable")
            np.cumsum(np.bincount(keys, minlength=_BUCKETS), out=offsets[c, 1:])
            offsets[c] += c * self._n
        self._order = order.reshape(-1)
        self._offsets = offsets

    def __len__(self) -> int:
        """Return the number of entries."""
        return self._n

    @property
    def nbytes(self) -> int:
        """Bytes held by the index arrays (hashes, chunk orders, offsets)."""
        return int(self._words.nbytes + self._order.nbytes + self._offsets.nbytes)

    def query(self, value: bytes, max_distance: int) -> list[IndexHit]:
        """Return every entry within ``max_distance`` bits of ``value``."""
        return self.query_many([value], max_distance)

    def query_many(self, values: Sequence[bytes], max_distance: int) -> list[IndexHit]:
        """Return every (value, entry) pair within ``max_distance`` bits.

        Raises:
            ValueError: a value has the wrong length or the radius is negative.

        """
        if max_distance < 0:
            msg = f"max_distance {max_distance} is negative (expected >= 0)"
            raise ValueError(msg)
        for v in values:
            if len(v) != self._size:
                msg = f"hash of {len(v)} bytes given to a {self._size}-byte index"
                raise ValueError(msg)
        if not values or self._n == 0:
            return []
        queries = pack_hashes(values, self._size).view(np.uint64)
        chunk_radius = max_distance // self._m
        if not self._indexed or chunk_radius > _MAX_CHUNK_RADIUS:
            return self._scan(queries, max_distance)
        return self._probe(queries, max_distance, chunk_radius)

    def _probe(self, queries: U64, max_distance: int, chunk_radius: int) -> list[IndexHit]:
        masks = _neighbour_masks(chunk_radius)
        keys = (queries.view(np.uint16)[:, :, None] ^ masks[None, None, :]).astype(np.int64)
        chunk = np.arange(self._m)[None, :, None]
        starts = self._offsets[chunk, keys].reshape(len(queries), -1)
        lens = self._offsets[chunk, keys + 1].reshape(len(queries), -1) - starts
        if int(lens.sum()) >= self._n * len(queries):
            return self._scan(queries, max_distance)
        hits = [
            self._verify(qi, queries[qi], starts[qi], lens[qi], max_distance)
            for qi in range(len(queries))
        ]
        return _unique_hits(*(np.concatenate(parts) for parts in zip(*hits, strict=True)))

    def _verify(
        self, qi: int, query: U64, starts: I64, lens: I64, max_distance: int
    ) -> tuple[I64, I64, I64]:
        """Gather the probed buckets of one query and keep entries within the radius."""
        total = int(lens.sum())
        shift = np.repeat(starts - (np.cumsum(lens) - lens), lens)
        cand = np.take(self._order, shift + np.arange(total)).astype(np.int64)
        # np.take on axis 0 is several times faster than fancy indexing for random rows.
        rows = np.take(self._words, cand, axis=0)
        np.bitwise_xor(rows, query, out=rows)
        counts = np.bitwise_count(rows)
        dist = counts[:, 0].astype(np.int64)
        for col in range(1, counts.shape[1]):
            dist += counts[:, col]
        keep = np.flatnonzero(dist <= max_distance)
        return np.full(keep.size, qi, dtype=np.int64), cand[keep], dist[keep]

    def _scan(self, queries: U64, max_distance: int) -> list[IndexHit]:
        hits: list[IndexHit] = []
        for qi in range(len(queries)):
            for lo in range(0, self._n, _SCAN_BLOCK):
                dist = hamming_distances(self._words[lo : lo + _SCAN_BLOCK], queries[qi])
                for e in np.flatnonzero(dist <= max_distance):
                    hits.append(IndexHit(query=qi, entry=lo + int(e), distance=int(dist[e])))
        return hits


def _unique_hits(query: I64, entry: I64, dist: I64) -> list[IndexHit]:
    """Collapse duplicates (an entry found through several chunks) into sorted hits."""
    if query.size == 0:
        return []
    pairs = np.unique(np.stack([query, entry, dist], axis=1), axis=0)
    return [IndexHit(query=int(q), entry=int(e), distance=int(d)) for q, e, d in pairs]
