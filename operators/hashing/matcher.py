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

Two-stage acceptance (docs/hashing.md "Robust matching"): perceptual hits are
grouped by the original image they stand for (``derived_from`` or the entry
id). A group with a whole-image hit within ``max_distance`` is accepted alone.
A group whose hits lie only within ``candidate_distance`` is accepted (always
``weak``) when at least two independent signals agree: the two algorithms,
region hashes (quadrants, centre), two or more derived entries, or a near-miss
retry (a small rotation or crop re-queried at ``max_distance``, or a window
aligned with the original's anchor entry; near misses only). A textured
query a list does not match is padded back out (``uncrop_pads``) and
re-queried: one padded copy whose PDQ and pHash both hit one original within
the candidate radii is a weak match (signals ``uncrop:pdq``, ``uncrop:phash``;
crops against lists without images). Every match records the signals. A hit
on an ``allow`` list suppresses every match.

Smooth images sit close together in both hashes, so for them the signals are
not independent: candidate-only groups are accepted, and retries computed,
only when the query's texture reaches ``weak_min_texture``; a derived PDQ
entry is a candidate only within ``derived_candidate_distance``; retries also
need a whole-image PDQ hit within ``retry_max_distance`` or a pHash hit within
``phash_retry_distance``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tipline.operators.hashing.algorithm import Computed, HashAlgorithm, MediaInput
from tipline.operators.hashing.cache import LruCache
from tipline.operators.hashing.fetch import MediaFetcher, attachment_bytes
from tipline.schemas.errors import FetchError
from tipline.schemas.hashing import (
    STATUS_EVENT_BUDGET,
    STATUS_FETCH_FAILED,
    HashMatch,
    MediaFetchError,
    Strength,
)
from tipline.schemas.hashing import AttachmentVerdict as Verdict

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from PIL import Image

    from tipline.operators.hashing.catalog import LoadedList
    from tipline.schemas.event import Attachment
from tipline.operators.hashing.acceptance import (
    _RANK,
    DERIVED_ALGORITHM,
    REGION_ALGORITHM,
    _accepted,
    _aligned_hit,
    _anchor,
    _closest,
    _hash_value,
    _Hit,
    _regions_agree,
    _signals,
)
from tipline.operators.hashing.computing import HashComputing, Perceptual
from tipline.operators.hashing.settings import (
    EventBudget,
    MatchSettings,
    Thresholds,
    settings_from_config,
)

__all__ = [
    "DERIVED_ALGORITHM",
    "REGION_ALGORITHM",
    "EventBudget",
    "MatchSettings",
    "Matcher",
    "Thresholds",
    "settings_from_config",
]

_UNCROP_AGREEMENT = frozenset({"pdq", "phash"})
"""Both algorithms must hit the same original from one padded copy."""
_MAX_ALIGNMENTS = 4
"""Crop-alignment searches per attachment and list, at most (each hashes ~100 small windows)."""


class Matcher(HashComputing):
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
        self.retry_cache: LruCache[bytes, tuple[tuple[str, Computed], ...]] = LruCache(
            cache_entries
        )
        self._images: LruCache[bytes, Image.Image] = LruCache(2)
        self._seen: LruCache[bytes, bytes] = LruCache(cache_entries)
        self.spare_core = True
        self.uncrop_cache: LruCache[bytes, tuple[tuple[str, Computed], ...]] = LruCache(
            cache_entries
        )
        self.retries_computed = 0
        self.uncrops_computed = 0
        self.alignments_computed = 0

    def new_budget(self, clock: Callable[[], float] | None = None) -> EventBudget:
        """Return a fresh budget for one event (time only with a ``clock``)."""
        s = self._settings
        deadline = None
        if clock is not None and s.event_timeout_s is not None:
            deadline = clock() + s.event_timeout_s
        return EventBudget(pixels_left=s.event_max_pixels, deadline=deadline, clock=clock)

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
        """Hash and match bytes already in hand (two-stage acceptance, allow lists)."""
        regions = any(ix.has_regions for ll in lists for ix in ll.indexes.values())
        exact, perceptual = self.hash_bytes(data, budget, regions=regions)
        computed = [*exact, *perceptual.computed]
        low = self._below_floor(perceptual.computed)
        key = next((c.value for c in exact if c.algorithm == "sha256"), None)
        notes = list(low.values())
        found: list[HashMatch] = []
        allowed: list[HashMatch] = []
        for ll in lists:
            got = [m for c in exact for m in self._lookup(ll, c)]
            got += self._perceptual_matches(
                ll,
                perceptual,
                low,
                lambda: self._retry_hashes(key, data),
                lambda anchor: self._aligned_distance(key, data, anchor),
                uncrops=lambda: self._uncrop_hashes(key, data),
            )
            (allowed if ll.kind == "allow" else found).extend(got)
        if allowed and found:
            names = sorted({f"{m.source}:{m.entry_id or '-'}" for m in allowed})
            notes.append(
                f"{len(found)} match(es) suppressed by allow-list entr(y/ies) {', '.join(names)}"
            )
            found = []
        matches = sorted(
            found, key=lambda m: (-_RANK[m.strength], m.distance, m.list, m.entry_id or "")
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
            notes=notes,
        )

    def limits(self, loaded: LoadedList, algorithm: str) -> tuple[int, int, int]:
        """``(max, strong, candidate)`` distances of ``algorithm`` for one list.

        Per-list overrides win over the ``[hashing]`` defaults; the candidate
        radius is never below the max, and it falls back to the max for lists
        larger than ``candidate_max_entries`` (bounded cost of the wide search).
        """
        t = self._thresholds(algorithm)
        radius = loaded.max_distance.get(algorithm, t.max_distance)
        strong = loaded.strong_distance.get(algorithm, t.strong_distance)
        default_cand = radius if t.candidate_distance is None else t.candidate_distance
        cand = max(radius, loaded.candidate_distance.get(algorithm, default_cand))
        indexed = loaded.indexes.get(algorithm)
        if indexed is not None and len(indexed.index) > self._settings.candidate_max_entries:
            cand = radius
        if loaded.kind == "allow":
            cand = radius
        return radius, min(strong, radius), cand

    def _perceptual_matches(
        self,
        loaded: LoadedList,
        p: Perceptual,
        low: Mapping[str, str],
        retries: Callable[[], tuple[tuple[str, Computed], ...]],
        align: Callable[[tuple[bytes, int, int]], int | None],
        *,
        uncrops: Callable[[], tuple[tuple[str, Computed], ...]],
    ) -> list[HashMatch]:
        """Perceptual matches of one list after two-stage acceptance."""
        hits: list[_Hit] = []
        for c in (*p.computed, *p.trimmed):
            if c.algorithm not in low:
                hits += self._whole_hits(loaded, c)
        for name, c in p.regions or ():
            hits += self._region_hits(loaded, name, c)
        groups: dict[tuple[str, str | None], list[_Hit]] = {}
        for h in hits:
            groups.setdefault((h.info.list, h.info.original), []).append(h)
        out: list[HashMatch] = []
        retry_values: tuple[tuple[str, Computed], ...] | None = None
        aligned = 0
        s = self._settings
        textured = p.texture is not None and p.texture >= s.weak_min_texture
        triggers = self._retry_triggers(loaded, p, low) if textured else {}
        for key in triggers:
            groups.setdefault(key, [])
        for group_key, group in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
            if (
                any(h.direct for h in group)
                or (textured and _accepted(group))
                or _regions_agree(group, s.region_agree_distance, s.region_agree_regions)
            ):
                out += self._emit(loaded, group)
                continue
            trigger = triggers.get(group_key, [])
            near = bool(trigger) or self._may_retry(loaded, group)
            extra: list[_Hit] = []
            if textured and near:
                if retry_values is None:
                    retry_values = retries()
                extra = [
                    _Hit(h.info, h.algorithm, h.distance, h.orientation, f"retry:{n}", False, False)
                    for n, c in retry_values
                    if c.algorithm not in low
                    for h in self._whole_hits(loaded, c, direct_only=True)
                    if (h.info.list, h.info.original) == group_key
                ]
            anchor = _anchor(loaded, group_key)
            if near and not extra and anchor is not None and aligned < _MAX_ALIGNMENTS:
                aligned += 1  # at any texture: a precise signal, see docs/hashing.md
                radius, _, _ = self.limits(loaded, REGION_ALGORITHM)
                extra = _aligned_hit(loaded, anchor, align(anchor[1:]), radius)
            if extra:
                out += self._emit(loaded, group + trigger + extra)
        if textured and not out and s.uncrop_pads and loaded.kind != "allow":
            out = self._uncropped(loaded, uncrops())
        return out

    def _uncropped(
        self, loaded: LoadedList, values: Sequence[tuple[str, Computed]]
    ) -> list[HashMatch]:
        """Weak matches of padded copies: one copy's PDQ and pHash agree on one original.

        Hits on derived entries do not count (the rule is measured on the
        originals' own hashes); every hit is weak, whatever its distance.
        """
        by_copy: dict[tuple[str, str, str | None], list[_Hit]] = {}
        for name, c in values:
            for h in self._whole_hits(loaded, c):
                if h.info.derived_from is None:
                    hit = _Hit(h.info, h.algorithm, h.distance, h.orientation,
                               f"uncrop:{h.algorithm}", False, False)  # fmt: skip
                    by_copy.setdefault((name, h.info.list, h.info.original), []).append(hit)
        out: list[HashMatch] = []
        done: set[tuple[str, str | None]] = set()
        for (_, list_name, original), group in sorted(
            by_copy.items(), key=lambda kv: (kv[0][1], kv[0][2] or "", kv[0][0])
        ):
            agreed = {h.algorithm for h in group} >= _UNCROP_AGREEMENT
            if agreed and (list_name, original) not in done:
                done.add((list_name, original))
                out += self._emit(loaded, group)
        return out

    def _retry_triggers(
        self, loaded: LoadedList, p: Perceptual, low: Mapping[str, str]
    ) -> dict[tuple[str, str | None], list[_Hit]]:
        """Originals with a whole-image pHash hit within ``phash_retry_distance``.

        Such a hit is no agreement signal beyond ``phash_candidate_distance``; it
        only makes the original worth a near-miss retry (rotations move pHash
        13-20 bits while PDQ moves past its candidate radius).
        """
        s = self._settings
        indexed = loaded.indexes.get("phash")
        if s.phash_retry_distance is None or indexed is None or "phash" in low:
            return {}
        if not s.near_miss_retries or loaded.kind == "allow":
            return {}
        out: dict[tuple[str, str | None], list[_Hit]] = {}
        for c in (*p.computed, *p.trimmed):
            if c.algorithm != "phash":
                continue
            for entry, (distance, orientation) in _closest(
                indexed, c, s.phash_retry_distance
            ).items():
                info = indexed.info(entry)
                if not info.region:
                    hit = _Hit(info, "phash", distance, orientation, "phash", False, False)
                    out.setdefault((info.list, info.original), []).append(hit)
        return out

    def _may_retry(self, loaded: LoadedList, group: Sequence[_Hit]) -> bool:
        """Near-miss retries: match lists only, for a close whole-image PDQ (or any pHash) hit.

        (pHash hits beyond the candidate radius come from :meth:`_retry_triggers`.)
        """
        s = self._settings
        if not s.near_miss_retries or loaded.kind == "allow":
            return False
        whole = [h for h in group if not h.info.region]
        limit = s.retry_max_distance
        return any(h.algorithm != "pdq" or limit is None or h.distance <= limit for h in whole)

    def _whole_hits(
        self, loaded: LoadedList, c: Computed, *, direct_only: bool = False
    ) -> list[_Hit]:
        indexed = loaded.indexes.get(c.algorithm)
        if indexed is None or c.algorithm in self._exact_names:
            return []
        radius, strong, cand = self.limits(loaded, c.algorithm)
        derived_cand = self._settings.derived_candidate_distance
        if c.algorithm != DERIVED_ALGORITHM or derived_cand is None:
            derived_cand = cand
        hits = []
        for entry, (distance, orientation) in _closest(
            indexed, c, radius if direct_only else cand
        ).items():
            info = indexed.info(entry)
            if info.region or info.anchor:
                continue  # regions and anchors are matched on their own terms
            if info.derived_from is not None and distance > max(radius, derived_cand):
                continue  # a derived entry is a candidate only within its own, tighter radius
            # a trimmed copy is the same evidence as the untrimmed one: same signal name
            signal = "derived" if info.derived_from is not None else c.algorithm
            hits.append(
                _Hit(
                    info,
                    c.algorithm,
                    distance,
                    orientation,
                    signal,
                    distance <= radius,
                    distance <= strong,
                )
            )
        return hits

    def _region_hits(self, loaded: LoadedList, name: str, c: Computed) -> list[_Hit]:
        indexed = loaded.indexes.get(c.algorithm)
        if indexed is None or not indexed.has_regions:
            return []
        radius, _, _ = self.limits(loaded, c.algorithm)
        hits = []
        for h in indexed.index.query(c.value, radius):
            info = indexed.info(h.entry)
            if info.transform == f"region:{name}":
                hits.append(
                    _Hit(info, c.algorithm, h.distance, "original", f"region:{name}", False, False)
                )
        return hits

    def _emit(self, loaded: LoadedList, group: list[_Hit]) -> list[HashMatch]:
        """Return the matches of an accepted group: direct hits, else the best per algorithm."""
        signals = _signals(group)
        direct = [h for h in group if h.direct]
        if direct:
            chosen = direct
        else:
            best: dict[str, _Hit] = {}
            for h in group:
                if h.info.region or h.signal.startswith("retry:"):
                    continue
                if h.algorithm not in best or h.distance < best[h.algorithm].distance:
                    best[h.algorithm] = h
            chosen = list(best.values()) or [min(group, key=lambda h: h.distance)]
        seen: set[tuple[str, str | None]] = set()
        out = []
        for h in sorted(chosen, key=lambda h: (h.distance, h.algorithm, h.info.entry_id or "")):
            if (h.algorithm, h.info.entry_id) in seen:
                continue
            seen.add((h.algorithm, h.info.entry_id))
            strength: Strength = "strong" if h.direct and h.strong else "weak"
            out.append(
                HashMatch(
                    list=h.info.list,
                    entry_id=h.info.entry_id,
                    category=h.info.category,
                    algorithm=h.algorithm,
                    distance=h.distance,
                    orientation=h.orientation,
                    strength=strength,
                    list_version=loaded.version,
                    source=loaded.source,
                    signals=signals,
                    derived_from=h.info.derived_from,
                    transform=h.info.transform,
                )
            )
        return out

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
        """Match one exact digest against one loaded list (equality: every match is ``exact``)."""
        indexed = loaded.indexes.get(c.algorithm)
        if indexed is None:
            return []
        out = []
        for entry, (distance, _) in sorted(_closest(indexed, c, 0).items()):
            info = indexed.info(entry)
            out.append(
                HashMatch(
                    list=info.list,
                    entry_id=info.entry_id,
                    category=info.category,
                    algorithm=c.algorithm,
                    distance=distance,
                    strength="exact",
                    list_version=loaded.version,
                    source=loaded.source,
                )
            )
        return out
