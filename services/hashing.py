"""The hash-matching service a flow step calls: lists loaded, reloaded and matched.

``build_hash_service`` reads the configured list files (the only I/O it does;
S3 clients are created on first use) and returns a :class:`HashService` whose
``match(event, now)`` gives one :class:`AttachmentVerdict` per attachment, in
order, and never raises for bad media. List files are polled (stat only) at
most every ``reload_interval_s``; a changed file is parsed and indexed anew and
swapped in whole, so new entries are matchable within one poll interval plus
the load. With ``reload_in_background`` (the default) the parse and index run
on a loader thread while matching goes on with the version in use; the new
version is swapped in by the first match call after the load ends, so the
dataflow no longer stands still for the whole load (the loader shares the
interpreter lock, so matching slows while it runs: at 1 M entries the longest
stall is 1.1 s instead of 5.9 s, docs/hashing.md). ``reload_in_background =
false`` loads inside the poll.

Reloads are all-or-nothing: a new version with any bad line, that is not a
list at all, or that has fewer than ``reload_min_fraction`` of the entries of
the version in use is rejected and the last good version keeps matching; the
rejection is one log line (never a hash value) and the
``tipline_hash_list_reload_rejected{list}`` gauge (alert on it). A file that
disappears also keeps its last good version. At start a list with any bad
line is a ConfigError (one line). Version, entry count and age of every list
in use are Prometheus gauges.
Engine-free: flows/pipeline.py wires ``HashService.match`` into the Bytewax flow.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import msgspec

from tipline.clients.media import (
    ListFileStamp,
    read_list_file,
    stat_list_file,
)
from tipline.operators.failures import is_systemic
from tipline.operators.hashing import (
    HashAlgorithm,
    HashListIssue,
    LoadedList,
    Matcher,
    MediaFetcher,
    Thresholds,
    build_loaded_list,
    default_algorithms,
    parse_hash_list,
    settings_from_config,
)
from tipline.operators.hashing.flood import FloodGuard
from tipline.operators.intake import embedded_media
from tipline.schemas.errors import ConfigError, HashListError
from tipline.schemas.event import MessageEvent
from tipline.schemas.hashing import STATUS_SKIPPED, AttachmentVerdict, HashingConfig, HashListSource
from tipline.services.media_fetch import default_fetcher
from tipline.services.metrics import METRICS

log = logging.getLogger(__name__)

_PUBLISHED: dict[str, set[str]] = {}
"""List name -> version labels currently exported (so old versions are removed)."""


_Version = tuple[ListFileStamp, LoadedList]
"""A loaded list version and the stamp of the file it came from."""


@dataclass(slots=True)
class _Source:
    """One configured list file and its currently loaded version."""

    config: HashListSource
    name: str
    stamp: ListFileStamp
    loaded: LoadedList
    loaded_at: float = 0.0
    pending: Future[_Version | None] | None = None
    """A background load of a changed file, not yet swapped in."""


class HashService:
    """Matches message attachments against the loaded hash lists.

    Built by :func:`build_hash_service`; not thread-safe (one per worker).
    """

    def __init__(
        self,
        cfg: HashingConfig,
        matcher: Matcher,
        algorithms: Mapping[str, HashAlgorithm],
        fetcher: MediaFetcher | None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._cfg = cfg
        self._clock = clock
        self._matcher = matcher
        self._algorithms = dict(algorithms)
        self._fetcher = fetcher
        self._sources: list[_Source] = []
        self._interval = timedelta(seconds=cfg.reload_interval_s)
        self._last_check: datetime | None = None
        self.issues: list[HashListIssue] = []
        self.flood = FloodGuard(
            window=cfg.quarantine_window,
            factor=cfg.quarantine_factor,
            min_matches=cfg.quarantine_min_matches,
        )

    @property
    def list_versions(self) -> dict[str, str]:
        """Every loaded list source → its version id (``sha256:<hex>``)."""
        return {s.name: s.loaded.version for s in self._sources}

    @property
    def enabled(self) -> bool:
        """False when ``hashing.enabled = false`` (every verdict is ``skipped``)."""
        return self._cfg.enabled

    @property
    def matcher(self) -> Matcher:
        """The matcher (exposes its cache for metrics)."""
        return self._matcher

    def list_sizes(self) -> dict[str, int]:
        """Every loaded list source → its number of entries."""
        return {s.name: len(s.loaded) for s in self._sources}

    def add_source(self, source: HashListSource, name: str) -> None:
        """Load a list file now (at build time).

        Raises:
            ConfigError: the file is missing, unreadable or has no usable header.

        """
        try:
            stamp, loaded = self._load(source, name)
        except HashListError as exc:
            msg = f"hashing.lists: {source.path!r} cannot be loaded: {exc}"
            raise ConfigError(msg) from None
        entry = _Source(config=source, name=name, stamp=stamp, loaded=loaded)
        self._sources.append(entry)
        self._publish(entry)

    def _load(self, source: HashListSource, name: str) -> tuple[ListFileStamp, LoadedList]:
        """Read, parse and index one list file; any bad line rejects the whole version.

        Raises:
            HashListError: the file is unreadable, not a list, or has bad lines
                (the message names the count and the first line, never a hash value).

        """
        stamp, content = read_list_file(source.path)
        parsed = parse_hash_list(source.path, content, self._algorithms, default_list=name)
        self.issues = [i for i in self.issues if i.path != source.path] + parsed.issues
        if parsed.issues:
            first = parsed.issues[0]
            msg = f"{len(parsed.issues)} bad line(s), first at line {first.line}: {first.problem}"
            raise HashListError(msg)
        loaded = build_loaded_list(
            name,
            parsed,
            self._algorithms,
            _per_list(source.pdq_max_distance, source.phash_max_distance),
            strong_distance=_per_list(source.pdq_strong_distance, source.phash_strong_distance),
            candidate_distance=_per_list(
                source.pdq_candidate_distance, source.phash_candidate_distance
            ),
            kind=source.kind,
        )
        log.info("hash list %s loaded: %d entries, %s", name, len(loaded), loaded.version)
        return stamp, loaded

    def reload_changed(self, now: datetime) -> list[str]:
        """Swap in finished background loads; then, if a poll is due, reload changed files.

        Returns:
            The names of the sources whose version in use changed by this call.

        """
        swapped = [
            s.name for s in self._sources if s.pending and s.pending.done() and self._finish(s)
        ]
        if self._last_check is not None and self._last_check <= now < (
            self._last_check + self._interval
        ):
            return swapped
        self._last_check = now
        return swapped + [s.name for s in self._sources if self._reload_one(s)]

    def wait_for_reloads(self, timeout: float | None = None) -> None:
        """Block until every background load has ended (tests; an orderly stop)."""
        for source in self._sources:
            if source.pending is not None:
                with contextlib.suppress(Exception):
                    source.pending.exception(timeout=timeout)

    def _reload_one(self, source: _Source) -> bool:
        if source.pending is not None:
            return False  # a load of this file is running; it is swapped in when it ends
        stamp = stat_list_file(source.config.path)
        if stamp is None or stamp == source.stamp:
            if stamp is None:
                log.warning(
                    "hash list %s is missing; keeping %s", source.name, source.loaded.version
                )
            return False
        if self._cfg.reload_in_background:
            source.stamp = stamp  # this file version is loaded once, not at every poll
            source.pending = _in_background(self._contained_load, source, stamp, source.name)
            return False
        return self._swap(source, self._checked_load(source, stamp))

    def _checked_load(self, source: _Source, stamp: ListFileStamp) -> _Version | None:
        """Load a changed list file; None once it is rejected (one line, the alert metrics)."""
        try:
            new_stamp, loaded = self._load(source.config, source.name)
        except HashListError as exc:
            self._reject(source, stamp, "bad_list", str(exc))
            return None
        floor = math.ceil(self._cfg.reload_min_fraction * len(source.loaded))
        if len(loaded) < floor:
            problem = (
                f"{len(loaded)} entries, fewer than hashing.reload_min_fraction = "
                f"{self._cfg.reload_min_fraction:g} of the {len(source.loaded)} in use"
            )
            self._reject(source, new_stamp, "too_small", problem)
            return None
        return new_stamp, loaded

    def _contained_load(self, source: _Source, stamp: ListFileStamp) -> _Version | None:
        """:meth:`_checked_load` on the loader thread: no failure may end it unseen."""
        try:
            return self._checked_load(source, stamp)
        except Exception as exc:  # e.g. MemoryError while indexing: keep the list in use
            self._reject(source, stamp, "load_failed", type(exc).__name__)
            return None

    def _finish(self, source: _Source) -> bool:
        """Swap in what a finished background load accepted (it rejected the rest itself)."""
        pending, source.pending = source.pending, None
        return pending is not None and self._swap(source, pending.result())

    def _swap(self, source: _Source, version: _Version | None) -> bool:
        """Put an accepted version in use; True when it differs from the one it replaces."""
        if version is None:
            return False
        source.stamp, loaded = version
        changed = loaded.version != source.loaded.version
        source.loaded = loaded
        self._publish(source)
        METRICS.hash_list_rejected.labels(source.name).set(0)
        return changed

    def _reject(self, source: _Source, stamp: ListFileStamp, reason: str, problem: str) -> None:
        """Keep the last good version of ``source``; one line and the alert metrics."""
        source.stamp = stamp  # parse this file version once, not at every poll
        METRICS.hash_list_rejections.labels(source.name, reason).inc()
        METRICS.hash_list_rejected.labels(source.name).set(1)
        log.error(
            "hash list %s reload rejected (%s: %s); still matching with %s (%d entries)",
            source.name,
            reason,
            problem,
            source.loaded.version,
            len(source.loaded),
        )

    def _publish(self, source: _Source) -> None:
        """Set the version, size and age gauges of the version in use."""
        source.loaded_at = time.time()
        loaded_at = source.loaded_at
        name = source.name
        for stale in _PUBLISHED.get(name, set()) - {source.loaded.version}:
            with contextlib.suppress(KeyError):
                METRICS.hash_list_version.remove(name, stale)
        _PUBLISHED[name] = {source.loaded.version}
        METRICS.hash_list_version.labels(name, source.loaded.version).set(1)
        METRICS.hash_list_entries.labels(name).set(len(source.loaded))
        METRICS.hash_list_loaded.labels(name).set(loaded_at)
        METRICS.hash_list_age.labels(name).set_function(lambda: time.time() - loaded_at)

    def match(self, event: MessageEvent, now: datetime) -> list[AttachmentVerdict]:
        """One verdict per attachment of ``event``, in order; never raises for bad media.

        Args:
            event: the decoded message event.
            now: processing time, used only to pace list reloads.

        """
        return self.match_keeping_bytes(event, now)[0]

    def lists_matching(self, blobs: Sequence[bytes], now: datetime) -> list[str]:
        """Return the names of the lists that any of ``blobs`` matches (exact digests only).

        For media found inside a record that is not an event (no decode, no
        perceptual hash: the bytes came from an unparsed, oversized record).
        """
        if not self._cfg.enabled or not blobs:
            return []
        self.reload_changed(now)
        lists = [s.loaded for s in self._sources]
        return [m.list for data in blobs for m in self._matcher.exact_matches(data, lists)]

    def lists_matching_embedded(self, value: bytes, now: datetime) -> list[str]:
        """Return the lists matched by inline media in an unparseable record (best effort).

        The record is dead-lettered either way; this only flags it. Systemic
        faults still raise.
        """
        try:
            return self.lists_matching(embedded_media(value), now)
        except Exception as exc:
            if is_systemic(exc):
                raise
            return []

    def match_keeping_bytes(
        self, event: MessageEvent, now: datetime
    ) -> tuple[list[AttachmentVerdict], dict[str, bytes]]:
        """Like :meth:`match`, and also return the bytes read for each URI attachment.

        Evidence packages these bytes (the ones hashed at first touch); a URI is
        never read a second time. Inline attachments are not repeated here.
        """
        if not self._cfg.enabled:
            return [_skipped(a.attachment_id, a.media_type) for a in event.attachments], {}
        if not event.attachments:
            return [], {}
        self.reload_changed(now)
        verdicts, fetched = self.hash_event(event)
        return self.guard(verdicts), fetched

    def hash_event(self, event: MessageEvent) -> tuple[list[AttachmentVerdict], dict[str, bytes]]:
        """Fetch, hash and match ``event``'s attachments with the lists in use.

        No reload poll and no flood guard: the part a hashing worker process
        runs (services/hash_pool.py); :meth:`guard` is applied after, in order.
        """
        lists = [s.loaded for s in self._sources]
        budget = self._matcher.new_budget(self._clock)
        verdicts: list[AttachmentVerdict] = []
        fetched: dict[str, bytes] = {}
        for a in event.attachments:
            verdict, data = self._matcher.fetch_and_match(a, self._fetcher, lists, budget)
            verdicts.append(verdict)
            if a.uri is not None and data is not None:
                fetched[a.attachment_id] = data
        return verdicts, fetched

    def guard(self, verdicts: list[AttachmentVerdict]) -> list[AttachmentVerdict]:
        """Apply the flood guard to the verdicts of one event, in attachment order."""
        return [self._guard(v) for v in verdicts]

    def _guard(self, verdict: AttachmentVerdict) -> AttachmentVerdict:
        """Apply flood quarantine and count allow-list suppressions (metrics, one log line).

        Matches of a quarantined entry are held for review: strength ``weak``,
        signal ``quarantined``, and a verdict note; the verdict is never dropped.
        """
        for note in verdict.notes:
            if "suppressed by allow-list" in note:
                METRICS.hash_suppressed.labels("allow").inc()
        keys = {(m.list, m.derived_from or m.entry_id or "") for m in verdict.matches}
        for key, why in self.flood.observe(keys).items():
            log.warning(
                "hash entry %s:%s quarantined (held for review, not reported): %s",
                key[0],
                key[1],
                why,
            )
            METRICS.hash_entry_quarantined.labels(key[0]).inc()
        held = [k for k in keys if k in self.flood.quarantined]
        if not held:
            return verdict
        matches = [
            msgspec.structs.replace(m, strength="weak", signals=[*m.signals, "quarantined"])
            if (m.list, m.derived_from or m.entry_id or "") in held
            else m
            for m in verdict.matches
        ]
        ranked = sorted(matches, key=lambda m: _RANK[m.strength], reverse=True)
        notes = [
            *verdict.notes,
            *(
                f"entry {k[0]}:{k[1]} is in flood quarantine ({self.flood.quarantined[k]})"
                for k in sorted(held)
            ),
        ]
        return msgspec.structs.replace(
            verdict, matches=ranked, strength=ranked[0].strength, notes=notes
        )


_RANK: dict[str, int] = {"none": 0, "weak": 1, "strong": 2, "exact": 3}


def _per_list(pdq: int | None, phash: int | None) -> dict[str, int]:
    """Per-list threshold overrides that are set, by algorithm."""
    return {a: v for a, v in (("pdq", pdq), ("phash", phash)) if v is not None}


def _skipped(attachment_id: str, media_type: str) -> AttachmentVerdict:
    return AttachmentVerdict(
        attachment_id=attachment_id,
        status=STATUS_SKIPPED,
        reason="hashing is disabled in the config (hashing.enabled = false)",
        media_type=media_type,
    )


def _in_background(
    load: Callable[[_Source, ListFileStamp], _Version | None],
    source: _Source,
    stamp: ListFileStamp,
    name: str,
) -> Future[_Version | None]:
    """Run ``load(source, stamp)`` on a daemon loader thread; its result lands in the future."""
    future: Future[_Version | None] = Future()

    def run() -> None:
        future.set_running_or_notify_cancel()
        future.set_result(load(source, stamp))

    threading.Thread(target=run, name=f"hash-list-load-{name}", daemon=True).start()
    return future


def build_hash_service(
    cfg: HashingConfig,
    *,
    extra_lists: Sequence[str] = (),
    fetcher: MediaFetcher | None = None,
    algorithms: Sequence[HashAlgorithm] | None = None,
    thresholds: Mapping[str, Thresholds] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> HashService:
    """Load the configured (and extra) list files and return a ready service.

    Args:
        cfg: the ``[hashing]`` config section.
        extra_lists: more list files (``tipline replay --hash-list``).
        fetcher: how URIs are read; default: :func:`default_fetcher`.
        algorithms: the plug-ins; default: sha256, sha1, md5, pdq, phash. Pass
            extra objects (e.g. a PhotoDNA plug-in) to add algorithms.
        thresholds: thresholds for plug-in algorithms (pdq and phash come from
            ``cfg``).
        clock: monotonic seconds for the per-event time budget (``event_timeout_s``).

    Raises:
        ConfigError: a list file is missing or unusable, or two sources share a name.

    """
    algos = tuple(default_algorithms() if algorithms is None else algorithms)
    settings = settings_from_config(cfg)
    if thresholds:
        settings = dataclasses.replace(settings, thresholds={**thresholds, **settings.thresholds})
    matcher = Matcher(algos, settings, cfg.cache_entries)
    service = HashService(
        cfg,
        matcher,
        {a.name: a for a in algos},
        default_fetcher(cfg) if fetcher is None else fetcher,
        clock,
    )
    sources = [*cfg.lists, *(HashListSource(path=p) for p in extra_lists)]
    seen: dict[str, str] = {}
    for source in sources:
        name = source.name or Path(source.path).stem
        if name in seen:
            msg = f"hashing.lists: {source.path!r} and {seen[name]!r} share the name {name!r}"
            raise ConfigError(msg)
        seen[name] = source.path
        service.add_source(source, name)
    return service
