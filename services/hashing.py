"""The hash-matching service a flow step calls: lists loaded, reloaded and matched.

``build_hash_service`` reads the configured list files (the only I/O it does;
S3 clients are created on first use) and returns a :class:`HashService` whose
``match(event, now)`` gives one :class:`AttachmentVerdict` per attachment, in
order, and never raises for bad media. List files are polled (stat only) at
most every ``reload_interval_s``; a changed file is parsed and indexed anew and
swapped in whole, so new entries are matchable within one poll interval. A
file that disappears or breaks keeps its last good version, with a warning.
Engine-free: flows/pipeline.py wires ``HashService.match`` into the Bytewax flow.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from tipline.clients.media import (
    FileFetcher,
    ListFileStamp,
    S3Fetcher,
    UriFetcher,
    read_list_file,
    stat_list_file,
)
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
from tipline.schemas.config import TiplineConfig, protected_buckets, protected_paths
from tipline.schemas.errors import ConfigError, HashListError
from tipline.schemas.event import MessageEvent
from tipline.schemas.hashing import STATUS_SKIPPED, AttachmentVerdict, HashingConfig, HashListSource

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Source:
    """One configured list file and its currently loaded version."""

    config: HashListSource
    name: str
    stamp: ListFileStamp
    loaded: LoadedList


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

    @property
    def list_versions(self) -> dict[str, str]:
        """Every loaded list source → its version id (``sha256:<hex>``)."""
        return {s.name: s.loaded.version for s in self._sources}

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
            raise ConfigError(msg) from exc
        self._sources.append(_Source(config=source, name=name, stamp=stamp, loaded=loaded))

    def _load(self, source: HashListSource, name: str) -> tuple[ListFileStamp, LoadedList]:
        stamp, content = read_list_file(source.path)
        parsed = parse_hash_list(source.path, content, self._algorithms, default_list=name)
        for issue in parsed.issues:
            log.warning("hash list %s line %d skipped: %s", issue.path, issue.line, issue.problem)
        self.issues = [i for i in self.issues if i.path != source.path] + parsed.issues
        radii = {
            algorithm: radius
            for algorithm, radius in (
                ("pdq", source.pdq_max_distance),
                ("phash", source.phash_max_distance),
            )
            if radius is not None
        }
        loaded = build_loaded_list(name, parsed, self._algorithms, radii)
        log.info("hash list %s loaded: %d entries, %s", name, len(loaded), loaded.version)
        return stamp, loaded

    def reload_changed(self, now: datetime) -> list[str]:
        """Reload list files whose stamp changed, if a poll is due at ``now``.

        Returns:
            The names of the sources reloaded.

        """
        if self._last_check is not None and self._last_check <= now < (
            self._last_check + self._interval
        ):
            return []
        self._last_check = now
        return [s.name for s in self._sources if self._reload_one(s)]

    def _reload_one(self, source: _Source) -> bool:
        stamp = stat_list_file(source.config.path)
        if stamp is None or stamp == source.stamp:
            if stamp is None:
                log.warning(
                    "hash list %s is missing; keeping %s", source.name, source.loaded.version
                )
            return False
        try:
            source.stamp, loaded = self._load(source.config, source.name)
        except HashListError as exc:
            log.warning(
                "hash list %s not reloaded (%s); keeping the last version", source.name, exc
            )
            source.stamp = stamp
            return False
        changed = loaded.version != source.loaded.version
        source.loaded = loaded
        return changed

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


def _skipped(attachment_id: str, media_type: str) -> AttachmentVerdict:
    return AttachmentVerdict(
        attachment_id=attachment_id,
        status=STATUS_SKIPPED,
        reason="hashing is disabled in the config (hashing.enabled = false)",
        media_type=media_type,
    )


def default_fetcher(
    cfg: HashingConfig,
    env: Mapping[str, str] | None = None,
    *,
    deny_paths: Sequence[str] = (),
    deny_buckets: Sequence[str] = (),
) -> UriFetcher:
    """``file://`` (inside ``file_roots`` only) and ``s3://`` (allow-listed buckets only).

    The media S3 endpoint and credentials come from the environment variables
    ``cfg.s3`` names (``MEDIA_S3_ENDPOINT``, ``MEDIA_S3_ACCESS_KEY``,
    ``MEDIA_S3_SECRET_KEY``, ``MEDIA_S3_REGION`` by default), never the
    vault's. ``deny_paths`` and ``deny_buckets`` are never read (see
    :func:`media_fetcher`, which fills them from the evidence section).
    """
    env = os.environ if env is None else env
    names = cfg.s3
    s3 = S3Fetcher(
        endpoint_url=env.get(names.endpoint_env) or None,
        access_key=env.get(names.access_key_env) or None,
        secret_key=env.get(names.secret_key_env) or None,
        region=env.get(names.region_env) or None,
        buckets=cfg.s3.buckets,
        deny_buckets=deny_buckets,
    )
    files = FileFetcher(cfg.file_roots, deny=deny_paths)
    return UriFetcher({"file": files, "s3": s3})


def media_fetcher(config: TiplineConfig, env: Mapping[str, str] | None = None) -> UriFetcher:
    """Build the job's attachment fetcher: :func:`default_fetcher` that never reads evidence.

    The vault folder, its key folders and the vault's and key store's buckets
    are denied even when ``file_roots`` or ``hashing.s3.buckets`` would allow them.
    """
    return default_fetcher(
        config.hashing,
        env,
        deny_paths=protected_paths(config),
        deny_buckets=protected_buckets(config),
    )


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
