"""Cryptographic hashes of the original bytes (md5, sha1, sha256) and their index.

These identify the attachment exactly: the custody identity is the SHA-256 of
the bytes as received, before any decode (docs/domain.md §3). Matching is equality, so
the index is a dictionary and every hit has distance 0.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import TYPE_CHECKING, Final

from tipline.operators.hashing.algorithm import Computed, IndexHit, Kind, MediaInput

if TYPE_CHECKING:
    from collections.abc import Sequence

EXACT_ALGORITHMS: Final = ("sha256", "sha1", "md5")


class ExactIndex:
    """Equality lookup of fixed-length digests; ``max_distance`` is ignored."""

    def __init__(self, values: Sequence[bytes]) -> None:
        positions: defaultdict[bytes, list[int]] = defaultdict(list)
        for i, value in enumerate(values):
            positions[bytes(value)].append(i)
        self._positions = dict(positions)
        self._n = len(values)

    def __len__(self) -> int:
        """Return the number of entries."""
        return self._n

    def query(self, value: bytes, max_distance: int) -> list[IndexHit]:
        """Return every entry equal to ``value``."""
        return self.query_many([value], max_distance)

    def query_many(self, values: Sequence[bytes], max_distance: int) -> list[IndexHit]:
        """Return every entry equal to one of ``values``."""
        del max_distance  # exact digests match only at distance 0
        return [
            IndexHit(query=qi, entry=e, distance=0)
            for qi, value in enumerate(values)
            for e in self._positions.get(bytes(value), ())
        ]


class ExactAlgorithm:
    """A ``hashlib`` digest of the original bytes (``md5``, ``sha1`` or ``sha256``).

    Args:
        name: the hashlib algorithm name.

    Raises:
        ValueError: ``name`` is not one of md5, sha1, sha256.

    """

    def __init__(self, name: str) -> None:
        if name not in EXACT_ALGORITHMS:
            msg = f"{name!r} is not an exact hash algorithm (expected one of {EXACT_ALGORITHMS})"
            raise ValueError(msg)
        self._name = name
        self._size = hashlib.new(name, usedforsecurity=False).digest_size

    @property
    def name(self) -> str:
        """The algorithm name."""
        return self._name

    @property
    def kind(self) -> Kind:
        """Always ``exact``."""
        return "exact"

    @property
    def size(self) -> int:
        """Digest length in bytes."""
        return self._size

    def compute(self, media: MediaInput) -> Computed:
        """Digest the original bytes."""
        digest = hashlib.new(self._name, media.data, usedforsecurity=False).digest()
        return Computed(algorithm=self._name, value=digest, variants=((None, digest),))

    def distance(self, a: bytes, b: bytes) -> int:
        """Return 0 when the digests are equal, else the digest length in bits."""
        return 0 if a == b else 8 * self._size

    def build_index(self, values: Sequence[bytes]) -> ExactIndex:
        """Build an equality index."""
        return ExactIndex(values)
