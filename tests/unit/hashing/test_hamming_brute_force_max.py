"""The Hamming index's scan/index choice at ``brute_force_max`` and one either side.

A list of exactly ``brute_force_max`` entries is scanned (no chunk tables are
built: the index holds the hashes alone); one more entry builds the tables.
Both answer the same, exactly.
"""

from __future__ import annotations

import numpy as np
import pytest

from tipline.operators.hashing.hamming import HammingIndex, pack_hashes

SIZE = 32
CHUNKS = SIZE * 8 // 16
TABLES = CHUNKS * (2**16 + 1) * 8  # the CSR offsets of every chunk, int64


@pytest.mark.parametrize(("n", "indexed"), [(7, False), (8, False), (9, True)])
def test_a_list_is_indexed_only_above_brute_force_max(n: int, indexed: bool) -> None:
    hashes = np.random.default_rng(n).integers(0, 256, size=(n, SIZE), dtype=np.uint8)
    index = HammingIndex(hashes, brute_force_max=8)
    tables = TABLES + CHUNKS * n * 4 if indexed else 0  # offsets + uint32 positions
    assert index.nbytes == n * SIZE + tables
    near = bytearray(hashes[n - 1].tobytes())
    near[0] ^= 0b111  # three bits away from the last entry
    hits = index.query(bytes(near), 3)
    assert [(h.entry, h.distance) for h in hits] == [(n - 1, 3)]
    assert index.query(bytes(near), 2) == []


def test_an_empty_list_holds_nothing_and_answers_nothing() -> None:
    index = HammingIndex(np.zeros((0, SIZE), dtype=np.uint8), brute_force_max=0)
    assert len(index) == 0
    assert index.nbytes == 0
    assert index.query(bytes(SIZE), 256) == []


@pytest.mark.parametrize("brute_force_max", [0, 4096])
def test_no_query_values_give_no_hits_indexed_or_scanned(brute_force_max: int) -> None:
    """An attachment without a hash of this algorithm asks with no values: no hits,
    never an error, whether the list is indexed (probe) or scanned."""
    hashes = np.random.default_rng(5).integers(0, 256, size=(10, SIZE), dtype=np.uint8)
    index = HammingIndex(hashes, brute_force_max=brute_force_max)
    assert index.query_many([], 31) == []


def test_packing_no_hashes_gives_an_empty_uint8_table() -> None:
    """The (0, size) uint8 table an empty PDQ or pHash list is built from."""
    table = pack_hashes([], SIZE)
    assert (table.shape, table.dtype) == ((0, SIZE), np.uint8)
    assert HammingIndex(table).query(bytes(SIZE), 31) == []
