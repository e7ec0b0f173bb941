"""Hash one attachment and look it up in every loaded list → AttachmentVerdict.

Order of work (docs/domain.md §3): exact digests of the bytes as received first, then
the decode and the perceptual hashes (cached by SHA-256, since forwarded images
repeat), then lookups in every list. Failures become verdicts: a fetch failure
has no hashes; an undecodable or non-image attachment still carries (and is
matched on) its exact digests.

Strength: an exact digest match is ``exact``; a perceptual match at distance
<= the algorithm's strong threshold is ``strong``, otherwise (<= max) ``weak``.
A hash whose quality is below the algorithm's floor is not looked up, and the
verdict's ``notes`` say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from tipline.operators.hashing.algorithm import Computed, HashAlgorithm, MediaInput
from tipline.operators.hashing.cache import LruCache
from tipline.operators.hashing.decode import decode_cost, decode_opened, open_image
from tipline.operators.hashing.fetch import MediaFetcher, attachment_bytes
from tipline.schemas.errors import FetchError
from tipline.schemas.hashing import (
    STATUS_EVENT_BUDGET,
    STATUS_FETCH_FAILED,
    STATUS_HASHED,
    HashingConfig,
    HashMatch,
    HashValue,
    MediaDecodeError,
    MediaFetchError,
    Strength,
)
from tipline.schemas.hashing import AttachmentVerdict as Verdict

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from tipline.operators.hashing.catalog import IndexedEntries, LoadedList
    from tipline.schemas.event import Attachment

_RANK: Final[dict[Strength, int]] = {"none": 0, "weak": 1, "strong": 2, "exact": 3}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Match thresholds of one algorithm (ignored for exact algorithms)."""

    max_distance: int = 0
    strong_distance: int = 0
    min_quality: int | None = None


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """The slice of :class:`HashingConfig` the matcher needs."""

    max_bytes: int
    max_pixels: int
    fetch_timeout_s: float
    thresholds: Mapping[str, Thresholds]
    max_pixels_other: int | None = None
    event_max_pixels: int | None = None
    event_timeout_s: float | None = None


def settings_from_config(cfg: HashingConfig) -> MatchSettings:
    """Derive matcher settings (PDQ and pHash thresholds) from the config section."""
    return MatchSettings(
        max_bytes=cfg.max_bytes,
        max_pixels=cfg.max_pixels,
        max_pixels_other=cfg.max_pixels_other,
        event_max_pixels=cfg.event_max_pixels,
        event_timeout_s=cfg.event_timeout_s,
        fetch_timeout_s=cfg.fetch_timeout_s,
        thresholds={
            "pdq": Thresholds(cfg.pdq_max_distance, cfg.pdq_strong_distance, cfg.pdq_min_quality),
            "phash": Thresholds(
                cfg.phash_max_distance, cfg.phash_strong_distance, cfg.phash_min_quality
            ),
        },
    )


@dataclass(frozen=True, slots=True)
class Perceptual:
    """The cached outcome of decoding + perceptual hashing for one SHA-256."""

    computed: tuple[Computed, ...]
    status: str = STATUS_HASHED
    reason: str | None = None
    cacheable: bool = True


@dataclass(slots=True)
class EventBudget:
    """What the attachments of one event may still spend: decoded pixels and wall time.

    The first attachment is always worked on within its own limits
    (``fetch_timeout_s``, the pixel caps); later ones only while the event's
    ``deadline`` (on the injected ``clock``) has not passed. Pixels are charged
    per decode actually performed (cached results are free).
    """

    pixels_left: int | None = None
    deadline: float | None = None
    clock: Callable[[], float] | None = None
    first: bool = True

    def time_left(self) -> float | None:
        """Seconds until the deadline, or ``None`` without a deadline."""
        if self.deadline is None or self.clock is None:
            return None
        return self.deadline - self.clock()

    def out_of_time(self) -> bool:
        """Return whether a later attachment may no longer be worked on."""
        left = None if self.first else self.time_left()
        return left is not None and left <= 0

    def charge(self, pixels: int) -> str | None:
        """Spend ``pixels`` on a decode, or say why the budget does not allow it."""
        if self.out_of_time():
            return "the event's time budget (event_timeout_s) was spent; not decoded"
        if self.pixels_left is not None:
            if pixels > self.pixels_left:
                return (
                    f"decoding {pixels} px would exceed the event's remaining pixel budget "
                    f"({self.pixels_left} px of event_max_pixels); not decoded"
                )
            self.pixels_left -= pixels
        return None


class Matcher:
    """Computes hashes (with an LRU cache) and matches them against loaded lists.

    Args:
        algorithms: every algorithm plug-in, exact and perceptual.
        settings: limits and thresholds.
        cache_entries: bound of the perceptual-hash cache.

    """

    def __init__(
        self, algorithms: Sequence[HashAlgorithm], settings: MatchSettings, cache_entries: int
    ) -> None:
        self._exact = [a for a in algorithms if a.kind == "exact"]
        self._exact_names = frozenset(a.name for a in self._exact)
        self._perceptual = [a for a in algorithms if a.kind == "perceptual"]
        self._settings = settings
        self.cache: LruCache[bytes, Perceptual] = LruCache(cache_entries)

    def new_budget(self, clock: Callable[[], float] | None = None) -> EventBudget:
        """Return a fresh budget for one event (time only with a ``clock``)."""
        s = self._settings
        deadline = None
        if clock is not None and s.event_timeout_s is not None:
            deadline = clock() + s.event_timeout_s
        return EventBudget(pixels_left=s.event_max_pixels, deadline=deadline, clock=clock)

    def hash_bytes(
        self, data: bytes, budget: EventBudget | None = None
    ) -> tuple[list[Computed], Perceptual]:
        """Exact digests of ``data``, then its (cached) perceptual hashes."""
        media = MediaInput(data=data)
        exact = [c for c in (a.compute(media) for a in self._exact) if c is not None]
        key = next((c.value for c in exact if c.algorithm == "sha256"), None)
        cached = self.cache.get(key) if key is not None else None
        if cached is None:
            cached = self._perceptual_hashes(data, budget)
            if key is not None and cached.cacheable:
                self.cache.put(key, cached)
        return exact, cached

    def _perceptual_hashes(self, data: bytes, budget: EventBudget | None) -> Perceptual:
        s = self._settings
        try:
            img = open_image(data, s.max_pixels, s.max_pixels_other)
            refusal = budget.charge(decode_cost(img)) if budget is not None else None
            if refusal is not None:
                return Perceptual((), STATUS_EVENT_BUDGET, refusal, cacheable=False)
            image = decode_opened(img)
        except MediaDecodeError as exc:
            return Perceptual(computed=(), status=exc.status, reason=str(exc))
        media = MediaInput(data=data, image=image)
        computed = (a.compute(media) for a in self._perceptual)
        return Perceptual(computed=tuple(c for c in computed if c is not None))

    def match_attachment(
        self,
        attachment: Attachment,
        fetcher: MediaFetcher | None,
        lists: Sequence[LoadedList],
        budget: EventBudget | None = None,
    ) -> Verdict:
        """Fetch, hash and match one attachment; never raises for bad media."""
        return self.fetch_and_match(attachment, fetcher, lists, budget)[0]

    def fetch_and_match(
        self,
        attachment: Attachment,
        fetcher: MediaFetcher | None,
        lists: Sequence[LoadedList],
        budget: EventBudget | None = None,
    ) -> tuple[Verdict, bytes | None]:
        """Fetch, hash and match one attachment; also return the bytes that were hashed.

        The bytes are what evidence packages (first touch): a URI is read once,
        never again, so bytes that change between reads cannot break custody.
        ``None`` when nothing was read. Never raises for bad media.

        With a ``budget`` (one per event), a URI is not fetched once the
        event's time is spent (``event_budget_exceeded``), the fetch timeout
        shrinks to the time left, and decodes are charged to its pixel budget;
        inline bytes always get their exact digests matched.
        """
        budget = EventBudget() if budget is None else budget
        try:
            return self._fetch_and_match(attachment, fetcher, lists, budget)
        finally:
            budget.first = False

    def _fetch_and_match(
        self,
        attachment: Attachment,
        fetcher: MediaFetcher | None,
        lists: Sequence[LoadedList],
        budget: EventBudget,
    ) -> tuple[Verdict, bytes | None]:
        s = self._settings
        versions = {ll.source: ll.version for ll in lists}
        timeout = s.fetch_timeout_s
        if attachment.data_b64 is None:
            if budget.out_of_time():
                spent = Verdict(
                    attachment_id=attachment.attachment_id,
                    status=STATUS_EVENT_BUDGET,
                    reason="the event's time budget (event_timeout_s) was spent; not fetched",
                    media_type=attachment.media_type,
                    list_versions=versions,
                )
                return spent, None
            left = budget.time_left()
            if left is not None and left > 0:
                timeout = min(timeout, left)
        try:
            data = attachment_bytes(attachment, fetcher, s.max_bytes, timeout)
        except FetchError as exc:
            verdict = Verdict(
                attachment_id=attachment.attachment_id,
                status=exc.status if isinstance(exc, MediaFetchError) else STATUS_FETCH_FAILED,
                reason=str(exc),
                media_type=attachment.media_type,
                list_versions=versions,
            )
            return verdict, None
        return self.match_bytes(
            attachment.attachment_id, attachment.media_type, data, lists, budget
        ), data

    def exact_matches(self, data: bytes, lists: Sequence[LoadedList]) -> list[HashMatch]:
        """Match only the exact digests of ``data`` (no decode): bytes of unknown origin."""
        media = MediaInput(data=data)
        exact = [c for c in (a.compute(media) for a in self._exact) if c is not None]
        return [m for ll in lists for c in exact for m in self._lookup(ll, c)]

    def match_bytes(
        self,
        attachment_id: str,
        media_type: str | None,
        data: bytes,
        lists: Sequence[LoadedList],
        budget: EventBudget | None = None,
    ) -> Verdict:
        """Hash and match bytes already in hand."""
        exact, perceptual = self.hash_bytes(data, budget)
        computed = [*exact, *perceptual.computed]
        low = self._below_floor(perceptual.computed)
        matches = sorted(
            (
                m
                for ll in lists
                for c in computed
                if c.algorithm not in low
                for m in self._lookup(ll, c)
            ),
            key=lambda m: (-_RANK[m.strength], m.distance, m.list, m.entry_id or ""),
        )
        digests = {c.algorithm: c.value.hex() for c in exact}
        return Verdict(
            attachment_id=attachment_id,
            status=perceptual.status,
            reason=perceptual.reason,
            media_type=media_type,
            size_bytes=len(data),
            sha256=digests.get("sha256"),
            sha1=digests.get("sha1"),
            md5=digests.get("md5"),
            hashes=[_hash_value(c, c.algorithm not in low) for c in computed],
            matches=matches,
            strength=matches[0].strength if matches else "none",
            list_versions={ll.source: ll.version for ll in lists},
            notes=list(low.values()),
        )

    def _below_floor(self, computed: Sequence[Computed]) -> dict[str, str]:
        """Algorithms whose hash quality is below their floor, with the note to record."""
        return {
            c.algorithm: f"{c.algorithm}: quality {c.quality} below floor "
            f"{self._thresholds(c.algorithm).min_quality}; not matched"
            for c in computed
            if self.below_floor(c)
        }

    def below_floor(self, c: Computed) -> bool:
        """Return whether ``c`` has a quality below its algorithm's floor."""
        floor = self._thresholds(c.algorithm).min_quality
        return floor is not None and c.quality is not None and c.quality < floor

    def _thresholds(self, algorithm: str) -> Thresholds:
        return self._settings.thresholds.get(algorithm, Thresholds())

    def _lookup(self, loaded: LoadedList, c: Computed) -> list[HashMatch]:
        """Match one computed hash (all its variants) against one loaded list."""
        indexed = loaded.indexes.get(c.algorithm)
        if indexed is None:
            return []
        t = self._thresholds(c.algorithm)
        radius = loaded.max_distance.get(c.algorithm, t.max_distance)
        exact = c.algorithm in self._exact_names
        out = []
        for entry, (distance, orientation) in sorted(_closest(indexed, c, radius).items()):
            info = indexed.info(entry)
            out.append(
                HashMatch(
                    list=info.list,
                    entry_id=info.entry_id,
                    category=info.category,
                    algorithm=c.algorithm,
                    distance=distance,
                    orientation=orientation,
                    strength="exact" if exact else _strength(distance, t),
                    list_version=loaded.version,
                    source=loaded.source,
                )
            )
        return out


def _closest(
    indexed: IndexedEntries, c: Computed, radius: int
) -> dict[int, tuple[int, str | None]]:
    """For every entry hit by any variant, its smallest distance and that variant's name."""
    best: dict[int, tuple[int, str | None]] = {}
    for h in indexed.index.query_many([v for _, v in c.variants], radius):
        if h.entry not in best or h.distance < best[h.entry][0]:
            best[h.entry] = (h.distance, c.variants[h.query][0])
    return best


def _strength(distance: int, t: Thresholds) -> Strength:
    return "strong" if distance <= t.strong_distance else "weak"


def _hash_value(c: Computed, matchable: bool) -> HashValue:
    return HashValue(
        algorithm=c.algorithm, value=c.value.hex(), quality=c.quality, matchable=matchable
    )
