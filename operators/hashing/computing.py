"""Computing hashes of one attachment: exact digests, cached perceptual hashes, regions, retries.

The hashing half of :class:`~tipline.operators.hashing.matcher.Matcher` (which
matches what is computed here against the loaded lists).
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from tipline.operators.hashing.algorithm import Computed, HashAlgorithm, MediaInput
from tipline.operators.hashing.align import align_search
from tipline.operators.hashing.cache import LruCache
from tipline.operators.hashing.decode import decode_cost, decode_image, decode_opened, open_image
from tipline.operators.hashing.robust import (
    REGIONS,
    region,
    retry_variants,
    texture,
    trim_borders,
    uncrop_variants,
    unrotate,
)
from tipline.schemas.hashing import (
    STATUS_EVENT_BUDGET,
    STATUS_HASHED,
    MediaDecodeError,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from PIL import Image

from tipline.operators.hashing.acceptance import REGION_ALGORITHM
from tipline.operators.hashing.settings import (
    EventBudget,
    MatchSettings,
)

CACHE_KEY: Final = "sha256"
"""The digest the perceptual cache is keyed by.

Computed before the decode when the attachment may be cached (small, or its
:func:`_fingerprint` was seen), else beside it with the other digests."""
OVERLAP_MIN_BYTES: Final = 1 << 20
"""Attachments this large get their other digests computed on a thread during the decode."""


FINGERPRINT_SPAN: Final = 1 << 15
"""Bytes read from each end of an attachment for :func:`_fingerprint`."""


def _fingerprint(data: bytes) -> bytes:
    """Probe cheaply whether an attachment was hashed before (its length and both ends).

    Only chooses the order of work: the cache itself is keyed by SHA-256, so a
    collision (crafted or not) costs a serial SHA-256, never a wrong result.
    """
    view = memoryview(data)
    probe = hashlib.blake2b(view[:FINGERPRINT_SPAN], digest_size=16)
    probe.update(view[-FINGERPRINT_SPAN:])
    probe.update(len(data).to_bytes(8, "little"))
    return probe.digest()


def _compute_each(algorithms: Sequence[HashAlgorithm], media: MediaInput) -> list[Computed]:
    return [c for c in (a.compute(media) for a in algorithms) if c is not None]


class _Beside:
    """Run ``work`` on a thread while the ``with`` body runs (inline when not ``threaded``).

    hashlib releases the GIL for large buffers and the PNG and JPEG decoders
    release it while decoding, so a 12 MP PNG's digests cost no wall time
    beside its decode when a core is free (and PDQ little beside pHash, the
    trim and the texture). :meth:`result` re-raises what ``work`` raised.
    """

    def __init__(self, work: Callable[[], list[Computed]], threaded: bool) -> None:
        self._work = work
        self._threaded = threaded
        self._out: list[Computed] = []
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        try:
            self._out = self._work()
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc

    def __enter__(self) -> _Beside:
        if self._threaded:
            self._thread = threading.Thread(target=self._run, name="digests", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._thread is not None:
            self._thread.join()
        else:
            self._run()

    def result(self) -> list[Computed]:
        """Return the work's result (after the ``with`` block), or raise its exception."""
        if self._error is not None:
            raise self._error
        return self._out


@dataclass(frozen=True, slots=True)
class Perceptual:
    """The cached outcome of decoding + perceptual hashing for one SHA-256."""

    computed: tuple[Computed, ...]
    status: str = STATUS_HASHED
    reason: str | None = None
    cacheable: bool = True
    trimmed: tuple[Computed, ...] = ()
    """Hashes of the content inside uniform borders and of a small rotation turned back."""
    regions: tuple[tuple[str, Computed], ...] | None = None
    """Region hashes (name, PDQ), or ``None`` when they were not computed."""
    texture: float | None = None
    """:func:`~tipline.operators.hashing.robust.texture` of the (trimmed) image."""


class HashComputing:
    """Hash computation with its caches; the state is set by ``Matcher.__init__``."""

    _exact: list[HashAlgorithm]
    _exact_names: frozenset[str]
    _perceptual: list[HashAlgorithm]
    _settings: MatchSettings
    cache: LruCache[bytes, Perceptual]
    retry_cache: LruCache[bytes, tuple[tuple[str, Computed], ...]]
    uncrop_cache: LruCache[bytes, tuple[tuple[str, Computed], ...]]
    _images: LruCache[bytes, Image.Image]
    _seen: LruCache[bytes, bytes]
    """Fingerprints of large cached attachments (:func:`_fingerprint` → SHA-256)."""
    spare_core: bool
    """A core is free: SHA-256 may run beside a decode, and PDQ beside pHash.

    False in pool workers that fill the cores: there a thread beside the decode
    only competes with the other workers (docs/hashing.md)."""
    retries_computed: int
    uncrops_computed: int
    alignments_computed: int

    def below_floor(self, c: Computed) -> bool:  # pragma: no cover - Matcher defines it
        """Return whether ``c`` has a quality below its algorithm's floor."""
        raise NotImplementedError

    def hash_bytes(
        self, data: bytes, budget: EventBudget | None = None, *, regions: bool = False
    ) -> tuple[list[Computed], Perceptual]:
        """Exact digests of ``data``, and its (cached) perceptual hashes.

        With :attr:`spare_core`, a large attachment whose fingerprint was never
        seen is decoded at once, its digests (SHA-256 included) computed on a
        thread beside the decode, and the cache consulted once SHA-256 is
        known: a 12 MP PNG's SHA-256 (~10 ms) leaves the critical path of a
        miss. Anything else computes SHA-256 first, so a repeat skips the
        decode (and the other digests of a large one run beside it).

        With ``regions`` (and ``region_hashes`` in the settings) the region
        hashes are computed too; a cached result without them is recomputed.
        """
        media = MediaInput(data=data)
        want_regions = regions and self._settings.region_hashes
        large = len(data) >= OVERLAP_MIN_BYTES
        overlap = large and self.spare_core
        probe = _fingerprint(data) if overlap else b""
        if overlap and self._seen.get(probe) is None:
            # Not seen before (by a cheap fingerprint), so most likely a cache
            # miss: every digest, SHA-256 included, runs beside the decode, and
            # the cache is consulted once the key is known.
            with _Beside(lambda: _compute_each(self._exact, media), threaded=True) as digests:
                fresh, image = self._perceptual_hashes(data, budget, want_regions)
            computed = digests.result()
            key = next((c.value for c in computed if c.algorithm == CACHE_KEY), None)
            cached = self.cache.get(key) if key is not None else None
            if cached is None or (want_regions and cached.regions is None and cached.computed):
                cached = self._keep(key, fresh, image)
            if key is not None and key in self.cache:
                self._seen.put(probe, key)
            return self._in_order(computed), cached
        keyed = [a for a in self._exact if a.name == CACHE_KEY]
        others = [a for a in self._exact if a.name != CACHE_KEY]
        first = _compute_each(keyed, media)
        key = next((c.value for c in first), None)
        cached = self.cache.get(key) if key is not None else None
        if cached is None or (want_regions and cached.regions is None and cached.computed):
            # the other digests run on a thread while the image decodes (both release the GIL)
            with _Beside(lambda: _compute_each(others, media), large) as rest:
                fresh, image = self._perceptual_hashes(data, budget, want_regions)
            cached = self._keep(key, fresh, image)
            later = rest.result()
        else:
            later = _compute_each(others, media)
        return self._in_order([*first, *later]), cached

    def _in_order(self, computed: list[Computed]) -> list[Computed]:
        by_name = {c.algorithm: c for c in computed}
        return [by_name[a.name] for a in self._exact if a.name in by_name]

    def _keep(self, key: bytes | None, fresh: Perceptual, image: Image.Image | None) -> Perceptual:
        """Cache what was just computed for ``key`` (and the decoded image); return it."""
        if key is None:
            return fresh
        if image is not None:
            self._images.put(key, image)
        if fresh.cacheable:
            self.cache.put(key, fresh)
        return fresh

    def _perceptual_hashes(
        self, data: bytes, budget: EventBudget | None, regions: bool
    ) -> tuple[Perceptual, Image.Image | None]:
        """Decode and hash; return the outcome and the decoded image (None: not decoded)."""
        s = self._settings
        try:
            img = open_image(data, s.max_pixels, s.max_pixels_other)
            refusal = budget.charge(decode_cost(img)) if budget is not None else None
            if refusal is not None:
                return Perceptual((), STATUS_EVENT_BUDGET, refusal, cacheable=False), None
            image = decode_opened(img, data)
        except MediaDecodeError as exc:
            return Perceptual(computed=(), status=exc.status, reason=str(exc)), None
        media = MediaInput(data=data, image=image)
        first, rest = self._perceptual[:1], self._perceptual[1:]
        # With a core free, the first perceptual algorithm (PDQ by default, whose
        # C++ holds the GIL) runs on a thread while the others, the border trim
        # and the texture (Pillow and numpy, which release it) run here: ~4 ms
        # off a 12 MP PNG. The results keep the algorithms' order either way.
        beside = self.spare_core and len(data) >= OVERLAP_MIN_BYTES
        with _Beside(lambda: _compute_each(first, media), beside) as head:
            tail = _compute_each(rest, media)
            content = trim_borders(image) if self._settings.trim_borders else image
            grain = texture(content)
        computed = (*head.result(), *tail)
        trimmed: tuple[Computed, ...] = ()
        if content is not image:
            trimmed = self._compute_all(content)
        if self._settings.unrotate_max_degrees > 0:
            for _, turned in unrotate(content, self._settings.unrotate_max_degrees):
                trimmed += self._compute_all(turned)
        return Perceptual(
            computed=computed,
            trimmed=trimmed,
            regions=self.region_hashes(content) if regions else None,
            texture=grain,
        ), image

    def hash_image(self, image: Image.Image) -> tuple[Computed, ...]:
        """Perceptual hashes of an already decoded image (list building)."""
        return self._compute_all(image)

    def _compute_all(self, image: Image.Image, data: bytes = b"") -> tuple[Computed, ...]:
        media = MediaInput(data=data, image=image)
        return tuple(c for c in (a.compute(media) for a in self._perceptual) if c is not None)

    def region_hashes(self, image: Image.Image) -> tuple[tuple[str, Computed], ...]:
        """PDQ of each of :data:`REGIONS` of ``image`` whose quality reaches the region floor.

        ``region_min_quality`` (lower than the whole-image PDQ floor: an
        untouched region of a smooth image hashes alike all the same), else
        the PDQ floor.
        """
        algorithm = next((a for a in self._perceptual if a.name == REGION_ALGORITHM), None)
        if algorithm is None:
            return ()
        floor = self._settings.region_min_quality
        out = []
        for name in REGIONS:
            c = algorithm.compute(MediaInput(data=b"", image=region(image, name)))
            if c is None:
                continue
            low = self.below_floor(c) if floor is None else (c.quality or 0) < floor
            if not low:
                out.append((name, c))
        return tuple(out)

    def _retry_hashes(self, key: bytes | None, data: bytes) -> tuple[tuple[str, Computed], ...]:
        """Hashes of small rotations and crops of the attachment (near misses only; cached)."""
        out, fresh = self._variant_hashes(self.retry_cache, key, data, retry_variants)
        self.retries_computed += fresh
        return out

    def _uncrop_hashes(self, key: bytes | None, data: bytes) -> tuple[tuple[str, Computed], ...]:
        """Upright hashes of the attachment padded back out (``uncrop_pads``; cached).

        Only the upright orientation is queried: a crop does not turn the
        image, and every extra orientation would be another chance agreement.
        """
        pads = self._settings.uncrop_pads
        out, fresh = self._variant_hashes(
            self.uncrop_cache, key, data, lambda image: uncrop_variants(image, pads), upright=True
        )
        self.uncrops_computed += fresh
        return out

    def _variant_hashes(
        self,
        cache: LruCache[bytes, tuple[tuple[str, Computed], ...]],
        key: bytes | None,
        data: bytes,
        variants: Callable[[Image.Image], list[tuple[str, Image.Image]]],
        *,
        upright: bool = False,
    ) -> tuple[tuple[tuple[str, Computed], ...], bool]:
        """Hashes of named variants of the attachment, cached by SHA-256; True when computed now."""
        cached = cache.get(key) if key is not None else None
        if cached is not None:
            return cached, False
        image = self._query_content(key, data)
        if image is None:
            return (), False
        out = tuple(
            (name, replace(c, variants=c.variants[:1]) if upright else c)
            for name, variant in variants(image)
            for c in self._compute_all(variant)
            if not self.below_floor(c)
        )
        if key is not None:
            cache.put(key, out)
        return out, True

    def _aligned_distance(
        self, key: bytes | None, data: bytes, anchor: tuple[bytes, int, int]
    ) -> int | None:
        """Smallest PDQ distance of a crop-aligned window to ``anchor`` (near misses only)."""
        algorithm = next((a for a in self._perceptual if a.name == REGION_ALGORITHM), None)
        image = self._query_content(key, data) if algorithm is not None else None
        if algorithm is None or image is None:
            return None
        value, width, height = anchor

        def distance(window: Image.Image) -> int:
            c = algorithm.compute(MediaInput(data=b"", image=window))
            return algorithm.distance(c.value, value) if c is not None else 256

        self.alignments_computed += 1
        return align_search(image, (width, height), distance)

    def _query_content(self, key: bytes | None, data: bytes) -> Image.Image | None:
        """Return the decoded attachment (cached by SHA-256), inside uniform borders if trimming."""
        image = self._images.get(key) if key is not None else None
        if image is None:
            try:
                image = decode_image(
                    data, self._settings.max_pixels, self._settings.max_pixels_other
                )
            except MediaDecodeError:
                return None
            if key is not None:
                self._images.put(key, image)
        return trim_borders(image) if self._settings.trim_borders else image
