"""Match settings: thresholds per algorithm, the event budget (time and decoded pixels)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tipline.schemas.hashing import (
    HashingConfig,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Match thresholds of one algorithm (ignored for exact algorithms)."""

    max_distance: int = 0
    strong_distance: int = 0
    min_quality: int | None = None
    candidate_distance: int | None = None


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
    candidate_max_entries: int = 2_000_000
    trim_borders: bool = False
    near_miss_retries: bool = False
    region_hashes: bool = False
    derived_candidate_distance: int | None = None
    """PDQ radius within which a derived entry is a candidate (``None``: the candidate radius)."""
    weak_min_texture: float = 0.0
    """Two-stage acceptance and retries only for queries with at least this texture."""
    retry_max_distance: int | None = None
    """Near-miss retries only when a whole-image PDQ hit is this close (``None``: any)."""
    phash_retry_distance: int | None = None
    """A whole-image pHash hit this close also triggers retries (never agreement on its own)."""
    unrotate_max_degrees: float = 0.0
    """Turn back a small rotation inside uniform corners up to this angle (0: never)."""
    region_agree_distance: int | None = None
    region_agree_regions: int = 0
    """This many regions within ``region_agree_distance``: accepted at any texture (0: off)."""
    region_min_quality: int | None = None
    """Region hashes below this PDQ quality are left out (``None``: the PDQ floor)."""
    uncrop_pads: tuple[float, ...] = ()
    """Pad a textured query without a match back out by these fractions and re-query (crops)."""


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
            "pdq": Thresholds(
                cfg.pdq_max_distance,
                cfg.pdq_strong_distance,
                cfg.pdq_min_quality,
                cfg.pdq_candidate_distance,
            ),
            "phash": Thresholds(
                cfg.phash_max_distance,
                cfg.phash_strong_distance,
                cfg.phash_min_quality,
                cfg.phash_candidate_distance,
            ),
        },
        candidate_max_entries=cfg.candidate_max_entries,
        trim_borders=cfg.trim_borders,
        near_miss_retries=cfg.near_miss_retries,
        region_hashes=cfg.region_hashes,
        derived_candidate_distance=cfg.pdq_derived_candidate_distance,
        weak_min_texture=cfg.weak_min_texture,
        retry_max_distance=cfg.retry_max_distance,
        phash_retry_distance=cfg.phash_retry_distance,
        unrotate_max_degrees=cfg.unrotate_max_degrees,
        region_agree_distance=cfg.region_agree_distance,
        region_agree_regions=cfg.region_agree_regions,
        region_min_quality=cfg.region_min_quality,
        uncrop_pads=tuple(cfg.uncrop_pads),
    )


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
