"""pHash (imagehash's 64-bit DCT hash) for internal lists; tolerant of crops.

Only the original orientation is hashed (flips and rotations are PDQ's job).
Hex is imagehash's own ``str(hash)`` form, so lists made with imagehash match.

Quality: pHash thresholds the 8x8 DCT at its median, so a flat image gets a
degenerate hash that equals every other flat image's. The quality score is the
standard deviation (grey levels, capped at 100) of the 32x32 luma that pHash
sees; below ``phash_min_quality`` the hash is not matched, like PDQ's floor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import imagehash
import numpy as np
from PIL import Image

from tipline.operators.hashing.algorithm import Computed, Kind, MediaInput
from tipline.operators.hashing.hamming import HammingIndex, pack_hashes
from tipline.operators.hashing.pdq import hamming

if TYPE_CHECKING:
    from collections.abc import Sequence

PHASH_BYTES: Final = 8
_SIDE: Final = 32  # imagehash: hash_size 8 * highfreq_factor 4


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
        # The same 32x32 luma imagehash.phash computes; resizing it again is a no-op.
        luma = media.image.convert("L").resize((_SIDE, _SIDE), Image.Resampling.LANCZOS)
        bits = imagehash.phash(luma).hash.flatten()
        value = np.packbits(bits.astype(np.uint8)).tobytes()
        quality = min(100, int(np.asarray(luma, dtype=np.float32).std()))
        return Computed(
            algorithm="phash", value=value, quality=quality, variants=(("original", value),)
        )

    def distance(self, a: bytes, b: bytes) -> int:
        """Hamming distance in bits."""
        return hamming(a, b)

    def build_index(self, values: Sequence[bytes]) -> HammingIndex:
        """Build an exact multi-index-hashing index."""
        return HammingIndex(pack_hashes(values, PHASH_BYTES))
