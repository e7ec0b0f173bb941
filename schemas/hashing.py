"""Hash-matching records: computed hashes, list matches and attachment verdicts."""

from __future__ import annotations

from typing import Final, Literal

from msgspec import Struct

from schemas.section import NonNegativeInt, PositiveFloat, PositiveInt, Section

ATTACHMENT_VERDICT_SCHEMA: Final = "tipline.attachment_verdict/1"

Strength = Literal["none", "weak", "strong", "exact"]


class HashValue(Struct, frozen=True, kw_only=True):
    """One computed hash of an attachment (hex), with PDQ's quality where known."""

    algorithm: str
    value: str
    quality: int | None = None


class HashMatch(Struct, frozen=True, kw_only=True):
    """One hash-list entry an attachment matched."""

    list: str
    entry_id: str | None = None
    category: str | None = None
    algorithm: str
    distance: int
    orientation: str | None = None
    strength: Strength
    list_version: str | None = None


class AttachmentVerdict(Struct, frozen=True, kw_only=True):
    """What hash matching concluded about one attachment.

    ``status`` is ``hashed`` when every hash was computed; otherwise it names
    the failure (``fetch_failed``, ``too_large``, ``undecodable`` …) and
    ``reason`` says why. ``strength`` is the strongest match.
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


class HashListSource(Section):
    """One hash-list file (contract §2, CSV or JSONL) and its per-list radii."""

    path: str
    name: str | None = None
    pdq_max_distance: NonNegativeInt | None = None
    phash_max_distance: NonNegativeInt | None = None


class HashingConfig(Section):
    """Attachment fetch limits, hash-list files and match thresholds."""

    enabled: bool = True
    lists: list[HashListSource] = []
    max_bytes: PositiveInt = 32 * 1024 * 1024
    max_pixels: PositiveInt = 64_000_000
    fetch_timeout_s: PositiveFloat = 5.0
    pdq_max_distance: NonNegativeInt = 31
    pdq_strong_distance: NonNegativeInt = 20
    pdq_min_quality: NonNegativeInt = 50
    phash_max_distance: NonNegativeInt = 8
    phash_strong_distance: NonNegativeInt = 4
    cache_entries: PositiveInt = 10_000
    reload_interval_s: PositiveFloat = 30.0
