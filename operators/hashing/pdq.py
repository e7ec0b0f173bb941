"""PDQ (Meta's 256-bit perceptual hash) with its quality score and 8 orientations.

The hash is computed on the decoded image (already downscaled to a long side of
at most 1024 px by :mod:`tipline.operators.hashing.decode`). ``pdqhash`` returns the
eight dihedral hashes in one pass; all eight are queried so flipped and rotated
copies match. Hex follows the reference implementation (most significant word
first), so values interoperate with ThreatExchange / NCMEC lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np
import pdqhash

from tipline.operators.hashing.algorithm import Computed, Kind, MediaInput
from tipline.operators.hashing.hamming import HammingIndex, pack_hashes

if TYPE_CHECKING:
    from collections.abc import Sequence

PDQ_BYTES: Final = 32
ORIENTATIONS: Final = (
    "original",
    "rot90",
    "rot180",
    "rot270",
    "flip_x",
    "flip_y",
    "flip_plus1",
    "flip_minus1",
)


def _to_bytes(bits: np.ndarray) -> bytes:
    """Pack pdqhash's 256-element bit vector (MSB first) into 32 bytes."""
    return np.packbits(bits.astype(np.uint8)).tobytes()


def hamming(a: bytes, b: bytes) -> int:
    """Return the Hamming distance between two equal-length byte strings."""
    return (int.from_bytes(a, "big") ^ int.from_bytes(b, "big")).bit_count()


class PdqAlgorithm:
    """PDQ over the decoded image; quality in 0..100; 8 dihedral query variants."""

    @property
    def name(self) -> str:
        """``pdq``."""
        return "pdq"

    @property
    def kind(self) -> Kind:
        """``perceptual``."""
        return "perceptual"

    @property
    def size(self) -> int:
        """32 bytes (256 bits)."""
        return PDQ_BYTES

    def compute(self, media: MediaInput) -> Computed | None:
        """Hash the decoded image in all eight orientations; ``None`` without an image."""
        if media.image is None:
            return None
        pixels = np.asarray(media.image.convert("RGB"))
        hashes, quality = pdqhash.compute_dihedral(pixels)
        variants = tuple((o, _to_bytes(h)) for o, h in zip(ORIENTATIONS, hashes, strict=True))
        return Computed(
            algorithm="pdq", value=variants[0][1], quality=int(quality), variants=variants
        )

    def distance(self, a: bytes, b: bytes) -> int:
        """Hamming distance in bits."""
        return hamming(a, b)

    def build_index(self, values: Sequence[bytes]) -> HammingIndex:
        """Build an exact multi-index-hashing index."""
        return HammingIndex(pack_hashes(values, PDQ_BYTES))
