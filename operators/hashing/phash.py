"""pHash (imagehash's 64-bit DCT hash) for internal lists; tolerant of crops.

Only the original orientation is hashed (flips and rotations are PDQ's job).
Hex is imagehash's own ``str(hash)`` form, so lists made with imagehash match.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import imagehash
import numpy as np

from operators.hashing.algorithm import Computed, Kind, MediaInput
from operators.hashing.hamming import HammingIndex, pack_hashes
from operators.hashing.pdq import hamming

if TYPE_CHECKING:
    from collections.abc import Sequence

PHASH_BYTES: Final = 8


class PhashAlgorithm:
    """imagehash.phash (8x8 DCT bits) over the decoded image."""

    @property
    def name(self) -> str:
        """``phash``."""
        return "phash"

    @property
    def kind(self) -> Kind:
        """``perceptual``."""
        return "perceptual"

    @property
    def size(self) -> int:
        """8 bytes (64 bits)."""
        return PHASH_BYTES

    def compute(self, media: MediaInput) -> Computed | None:
        """Hash the decoded image; ``None`` without an image."""
        if media.image is None:
            return None
        bits = imagehash.phash(media.image).hash.flatten()
        value = np.packbits(bits.astype(np.uint8)).tobytes()
        return Computed(algorithm="phash", value=value, variants=(("original", value),))

    def distance(self, a: bytes, b: bytes) -> int:
        """Hamming distance in bits."""
        return hamming(a, b)

    def build_index(self, values: Sequence[bytes]) -> HammingIndex:
        """Build an exact multi-index-hashing index."""
        return HammingIndex(pack_hashes(values, PHASH_BYTES))
