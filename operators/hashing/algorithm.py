"""The hash-algorithm plug-in protocol: compute a hash, parse list hex, build an index.

Every algorithm (md5, sha1, sha256, pdq, phash, and licensed ones such as
PhotoDNA added later) implements :class:`HashAlgorithm`; the matcher and the
flow only ever talk to this protocol, so a new algorithm is a new object passed
to ``build_hash_service(algorithms=...)``, not a change to the flow.

Invariants:
    * Hashes travel as ``bytes`` of a fixed length per algorithm; hex is only
      for lists and verdicts (lower-case).
    * An index returns *every* entry within ``max_distance`` (exact recall).
    * ``compute`` never does I/O; it sees the original bytes and, for
      perceptual algorithms, the already decoded and downscaled image.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from tipline.schemas.errors import HashListError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PIL import Image

Kind = Literal["exact", "perceptual"]


@dataclass(frozen=True, slots=True)
class MediaInput:
    """What an algorithm may hash: the original bytes and, if decodable, the image.

    Attributes:
        data: the attachment bytes exactly as received.
        image: the decoded RGB image, downscaled to a long side of at most
            1024 px, or ``None`` when the bytes are not a decodable image.

    """

    data: bytes
    image: Image.Image | None = None


@dataclass(frozen=True, slots=True)
class Computed:
    """One computed hash and the variants to query with.

    Attributes:
        algorithm: the algorithm's name.
        value: the canonical hash of the media (fixed length bytes).
        quality: the algorithm's quality score (PDQ: 0..100), if it has one.
        variants: ``(orientation, hash)`` pairs to look up; for PDQ the eight
            dihedral orientations, otherwise just the canonical value.

    """

    algorithm: str
    value: bytes
    quality: int | None = None
    variants: tuple[tuple[str | None, bytes], ...] = ()


@dataclass(frozen=True, slots=True)
class IndexHit:
    """One index entry found by a query: its position and its distance."""

    query: int
    entry: int
    distance: int


class HashIndex(Protocol):
    """An immutable search structure over one algorithm's list entries."""

    def __len__(self) -> int:
        """Return the number of entries."""
        ...

    def query(self, value: bytes, max_distance: int) -> list[IndexHit]:
        """Return every entry within ``max_distance`` of ``value`` (``query`` = 0)."""
        ...

    def query_many(self, values: Sequence[bytes], max_distance: int) -> list[IndexHit]:
        """Return every entry within ``max_distance`` of any of ``values``.

        ``IndexHit.query`` is the position of the value in ``values``.
        """
        ...


class HashAlgorithm(Protocol):
    """A hash algorithm plug-in: computing, parsing and indexing its hashes."""

    @property
    def name(self) -> str:
        """Lower-case algorithm name as written in lists (``pdq``)."""
        ...

    @property
    def kind(self) -> Kind:
        """``exact`` (cryptographic, distance 0 only) or ``perceptual``."""
        ...

    @property
    def size(self) -> int:
        """Length of one hash in bytes."""
        ...

    def compute(self, media: MediaInput) -> Computed | None:
        """Hash the media; ``None`` when this algorithm cannot hash it (no image)."""
        ...

    def distance(self, a: bytes, b: bytes) -> int:
        """Return the distance between two hashes (0 means identical)."""
        ...

    def build_index(self, values: Sequence[bytes]) -> HashIndex:
        """Build an index over ``values``; entry ``i`` is ``values[i]``."""
        ...


def hash_from_hex(algorithm: HashAlgorithm, text: str) -> bytes:
    """Parse a list's hex hash for ``algorithm`` (either case).

    Raises:
        HashListError: the text is not ``2 * algorithm.size`` hex characters.

    """
    value = text.strip()
    expected = 2 * algorithm.size
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        raw = b""
    if len(value) != expected or len(raw) != algorithm.size:
        # Never echo the value: a bad line may hold a real (known-image) hash.
        msg = (
            f"a value of {len(value)} characters is not a {algorithm.name} hash "
            f"(expected {expected} hex characters)"
        )
        raise HashListError(msg)
    return raw
