"""Hash-matching records: computed hashes, list matches and attachment verdicts.

Also the fetch-failure errors (subclasses of :class:`FetchError` that carry the
verdict ``status`` they map to) so that fetchers in ``sinks/`` and the matcher in
``operators/`` agree on failure kinds without importing each other.

Invariant: nothing here holds media bytes or message text, only hashes, ids,
sizes and reasons.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Final, Literal

from msgspec import Meta, Struct, field

from tipline.schemas.errors import FetchError
from tipline.schemas.section import (
    Fraction,
    NonNegativeFloat,
    NonNegativeInt,
    PositiveFloat,
    PositiveInt,
    Section,
)

ATTACHMENT_VERDICT_SCHEMA: Final = "tipline.attachment_verdict/1"

UncropPad = Annotated[float, Meta(gt=0, le=0.25)]
"""A fraction of the query's size to pad back out on each side (``uncrop_pads``)."""

Strength = Literal["none", "weak", "strong", "exact"]
Signals = list[str]
"""Alias: inside :class:`HashMatch` the name ``list`` is a field."""

# Verdict ``status`` values. ``hashed``: every applicable hash was computed.
STATUS_HASHED: Final = "hashed"
STATUS_FETCH_FAILED: Final = "fetch_failed"
STATUS_NOT_FOUND: Final = "not_found"
STATUS_TIMEOUT: Final = "timeout"
STATUS_TOO_LARGE: Final = "too_large"
STATUS_TOO_MANY_PIXELS: Final = "too_many_pixels"
STATUS_UNDECODABLE: Final = "undecodable"
STATUS_NOT_AN_IMAGE: Final = "not_an_image"
STATUS_SKIPPED: Final = "skipped"
STATUS_FETCH_DENIED: Final = "fetch_denied"
STATUS_EVENT_BUDGET: Final = "event_budget_exceeded"
# Statuses of media that exists but could not be fully checked: routed to review
# (``decision.unchecked_media_outcome``); exact digests are kept where the bytes were read.
UNCHECKED_STATUSES: Final = frozenset(
    {"too_large", "too_many_pixels", "timeout", "event_budget_exceeded"}
)


class MediaFetchError(FetchError):
    """An attachment could not be fetched; ``status`` is the verdict status it maps to."""

    status: ClassVar[str] = STATUS_FETCH_FAILED


class MediaDeniedError(MediaFetchError):
    """The URI names something the job may never read (policy, not a transient failure).

    Outside ``file_roots``, under ``/proc``, ``/sys`` or ``/dev``, not a regular
    file, a bucket off the allow-list, or the evidence vault and key store.
    """

    status: ClassVar[str] = STATUS_FETCH_DENIED


class MediaNotFoundError(MediaFetchError):
    """The object or file named by the URI does not exist."""

    status: ClassVar[str] = STATUS_NOT_FOUND


class MediaTimeoutError(MediaFetchError):
    """Fetching took longer than the configured timeout."""

    status: ClassVar[str] = STATUS_TIMEOUT


class MediaTooLargeError(MediaFetchError):
    """The attachment is larger than the configured maximum number of bytes."""

    status: ClassVar[str] = STATUS_TOO_LARGE


class MediaDecodeError(MediaFetchError):
    """The bytes were fetched but could not be decoded as an image within limits."""

    status: ClassVar[str] = STATUS_UNDECODABLE


class MediaTooManyPixelsError(MediaDecodeError):
    """The image declares more pixels than allowed (decompression-bomb guard)."""

    status: ClassVar[str] = STATUS_TOO_MANY_PIXELS


class MediaNotImageError(MediaDecodeError):
    """The bytes are not an image format this build can decode."""

    status: ClassVar[str] = STATUS_NOT_AN_IMAGE


class HashValue(Struct, frozen=True, kw_only=True):
    """One computed hash of an attachment (hex), with PDQ's quality where known.

    ``matchable`` is false when the hash was computed but not looked up, e.g. a
    PDQ hash whose quality is below ``pdq_min_quality``; the verdict's
    ``notes`` then say why.
    """

    algorithm: str
    value: str
    quality: int | None = None
    matchable: bool = True


class HashMatch(Struct, frozen=True, kw_only=True):
    """One hash-list entry an attachment matched.

    ``list`` is the entry's own list name (docs/contract.md §2 ``list`` field), ``source``
    the configured list file it was loaded from and ``list_version`` that file's
    version id (``sha256:<hex of the file bytes>``). ``orientation`` names the
    dihedral transform of the attachment that matched (PDQ), ``original`` for
    other perceptual hashes and ``None`` for exact hashes.

    Two-stage acceptance (docs/hashing.md): ``signals`` names every independent
    signal that agreed on this entry's original (``pdq``, ``phash``,
    ``region:<name>``, ``derived``, ``retry:<transform>``, ``trimmed``,
    ``uncrop:pdq`` with ``uncrop:phash``). A
    perceptual match at or below the list's ``max_distance`` stands alone; one
    beyond it (up to ``candidate_distance``) is kept only when a second signal
    agrees, and is then always ``weak``; a match of a query padded back out
    (``uncrop:*``: a crop against a list without images) is always ``weak``.
    ``derived_from`` and ``transform`` are set when the matched entry is a
    derived entry (``tipline hashes build``).
    """

    list: str
    entry_id: str | None = None
    category: str | None = None
    algorithm: str
    distance: int
    orientation: str | None = None
    strength: Strength
    list_version: str | None = None
    source: str | None = None
    signals: Signals = []
    derived_from: str | None = None
    transform: str | None = None


class AttachmentVerdict(Struct, frozen=True, kw_only=True):
    """What hash matching concluded about one attachment.

    ``status`` is ``hashed`` when every hash was computed; otherwise it names
    the failure (``fetch_failed``, ``too_large``, ``undecodable`` …) and
    ``reason`` says why. ``strength`` is the strongest match. Exact hashes of
    the fetched bytes are computed and matched even when decoding fails.
    ``list_versions`` maps every loaded list source to its version id;
    ``notes`` records hashes that were computed but not matched and why.
    """

    schema: Literal["tipline.attachment_verdict/1"] = ATTACHMENT_VERDICT_SCHEMA
    attachment_id: str
    status: str
    reason: str | None = None
    media_type: str | None = None
    size_bytes: int | None = None
    sha256: str | None = None
    sha1: str | None = None
    md5: str | None = None
    hashes: list[HashValue] = []
    matches: list[HashMatch] = []
    strength: Strength = "none"
    list_versions: dict[str, str] = {}
    notes: list[str] = []


class HashListSource(Section, frozen=True):
    """One hash-list file (docs/contract.md §2, CSV or JSONL) and its per-list thresholds.

    Every ``*_distance`` left unset takes the ``[hashing]`` default. ``kind =
    "allow"`` makes it a negative list: an attachment that matches it (within
    its own ``max_distance``, no two-stage acceptance) has its matches against
    every ``match`` list suppressed and the verdict notes say so.
    """

    path: str
    name: str | None = None
    pdq_max_distance: NonNegativeInt | None = None
    phash_max_distance: NonNegativeInt | None = None
    pdq_strong_distance: NonNegativeInt | None = None
    phash_strong_distance: NonNegativeInt | None = None
    pdq_candidate_distance: NonNegativeInt | None = None
    phash_candidate_distance: NonNegativeInt | None = None
    kind: Literal["match", "allow"] = "match"


class MediaS3Config(Section, frozen=True):
    """Where ``s3://`` attachments may come from, with credentials of their own.

    ``buckets`` is an allow-list: empty denies every ``s3://`` URI. The vault's
    and the key store's buckets can never be on it (refused at config load and
    again at fetch). The ``*_env`` fields NAME environment variables; they must
    differ from the vault's (``evidence.s3``), so media reads never run with
    the vault's credentials by accident.
    """

    buckets: list[str] = []
    endpoint_env: str = "MEDIA_S3_ENDPOINT"
    access_key_env: str = "MEDIA_S3_ACCESS_KEY"
    secret_key_env: str = "MEDIA_S3_SECRET_KEY"  # noqa: S105 (an env var name)
    region_env: str = "MEDIA_S3_REGION"


class HashingConfig(Section, frozen=True):
    """Attachment fetch limits, hash-list files and match thresholds.

    ``file_roots``: ``file://`` attachment URIs must lie under one of these
    directories; empty (the default) denies every ``file://`` URI. ``/proc``,
    ``/sys`` and ``/dev`` are never readable, whatever the roots.

    Decode limits: ``max_pixels`` bounds JPEG (decoded at reduced scale with
    libjpeg's draft mode), ``max_pixels_other`` every other format (decoded in
    full, so lower). ``event_max_pixels`` and ``event_timeout_s`` bound the sum
    over one event's attachments; ``fetch_timeout_s`` is the total wall time of
    one fetch.
    Two-stage acceptance: a perceptual hit within ``*_max_distance`` is accepted
    alone; one within ``*_candidate_distance`` only when a second, independent
    signal agrees (the other algorithm, a region hash, several derived entries of
    the same original, a near-miss retry). The wide search runs on lists of at
    most ``candidate_max_entries`` entries per algorithm (bounded cost).
    ``trim_borders``: uniform borders and letterboxing are trimmed and the
    content hashed as well. ``unrotate_max_degrees``: an image turned by a small
    angle (up to this many degrees; 0 = off) inside a grown frame with uniform
    corners is turned back and its content hashed as well. ``near_miss_retries``:
    for near-miss candidates only, a few small rotations (1-3 degrees either
    way) and crops (2-6 %) are hashed and re-queried, and a crop is aligned
    with the original's anchor entry (lists built from images).
    ``region_hashes``: quadrant and centre PDQ hashes are computed when a list
    holds region entries.
    Tightened for smooth images: a derived entry is a candidate only within
    ``pdq_derived_candidate_distance``; a group without a hit within
    ``*_max_distance`` is accepted, and near-miss retries run, only when the
    query's texture (mean absolute luma difference from its 3x3 blur on 64x64,
    grey levels) reaches ``weak_min_texture``; retries also need a whole-image
    PDQ hit within ``retry_max_distance`` or a whole-image pHash hit within
    ``phash_retry_distance`` (a trigger only, never an agreement signal).
    Overlays: ``region_agree_regions`` region hashes within
    ``region_agree_distance`` of one original's region entries are accepted at
    any texture (0 regions = off); region hashes have their own quality floor,
    ``region_min_quality``.
    Crops against lists without images (no anchor to align with): when a list
    gives a textured query no match, the query is padded back out by each of
    ``uncrop_pads`` (a fraction of its size on every side, edge pixels
    repeated, on a 128 px reduction) and re-queried upright; one padded copy
    whose PDQ and pHash both lie within the candidate radii of the same
    original is a ``weak`` match with signals ``uncrop:pdq`` and
    ``uncrop:phash`` (empty list = off).
    Flood quarantine: an entry that matches more than ``quarantine_min_matches``
    times and more than ``quarantine_factor`` times its expected rate within the
    last ``quarantine_window`` attachments is held for review (verdict strength
    ``weak``, note, ``tipline_hash_entry_quarantined`` metric) instead of reported.
    ``reload_min_fraction``: a changed list file is swapped in only when it has
    no bad line and at least this fraction of the entries of the version in
    use; otherwise the last good version stays (all-or-nothing reload).
    ``reload_in_background``: a changed list is parsed and indexed on a loader
    thread while matching goes on with the version in use (false: inside the
    poll, which stalls the dataflow for the whole load).
    ``pool_workers``: processes that fetch, decode and hash attachments beside
    the dataflow worker (``"auto"``: one per usable core; 0: inline, on the
    dataflow worker's thread). See services/hash_pool.py.
    ``executor``: ``"background"`` (the default) hashes on a background thread
    while the dataflow goes on, so a text message waits only for an earlier
    image of its own session (flows/match_step.py; keyed by ``shards`` shards
    of the session id, at most ``max_in_flight`` batches handed over and
    unfinished, finished ones collected every ``poll_ms``); it needs evidence on
    (the pending messages are sealed under its keys), and without it the flow
    hashes inline. ``"inline"``: every message of a batch waits for the
    batch's images.
    """

    enabled: bool = True
    lists: list[HashListSource] = []
    max_bytes: PositiveInt = 32 * 1024 * 1024
    max_pixels: PositiveInt = 40_000_000
    max_pixels_other: PositiveInt = 16_000_000
    event_max_pixels: PositiveInt = 64_000_000
    fetch_timeout_s: PositiveFloat = 5.0
    event_timeout_s: PositiveFloat = 15.0
    pdq_max_distance: NonNegativeInt = 31
    pdq_strong_distance: NonNegativeInt = 20
    pdq_min_quality: NonNegativeInt = 50
    phash_max_distance: NonNegativeInt = 8
    phash_strong_distance: NonNegativeInt = 4
    phash_min_quality: NonNegativeInt = 2
    pdq_candidate_distance: NonNegativeInt = 70
    phash_candidate_distance: NonNegativeInt = 12
    candidate_max_entries: PositiveInt = 2_000_000
    trim_borders: bool = True
    near_miss_retries: bool = True
    region_hashes: bool = True
    pdq_derived_candidate_distance: NonNegativeInt = 50
    weak_min_texture: NonNegativeFloat = 1.5
    retry_max_distance: NonNegativeInt = 60
    phash_retry_distance: NonNegativeInt = 14
    unrotate_max_degrees: NonNegativeFloat = 8.0
    region_agree_distance: NonNegativeInt = 16
    region_agree_regions: NonNegativeInt = 3
    region_min_quality: NonNegativeInt = 10
    uncrop_pads: list[UncropPad] = field(default_factory=lambda: [0.04, 0.08])
    quarantine_window: PositiveInt = 1000
    quarantine_factor: PositiveFloat = 10.0
    quarantine_min_matches: PositiveInt = 20
    cache_entries: PositiveInt = 10_000
    pool_workers: NonNegativeInt | Literal["auto"] = "auto"
    executor: Literal["background", "inline"] = "background"
    shards: PositiveInt = 8
    max_in_flight: PositiveInt = 64
    poll_ms: PositiveFloat = 2.0
    reload_interval_s: PositiveFloat = 30.0
    reload_min_fraction: Fraction = 0.9
    reload_in_background: bool = True
    file_roots: list[str] = []
    s3: MediaS3Config = MediaS3Config()
