"""Two-stage acceptance: which hits count, how strong, and which signals agreed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from tipline.operators.hashing.algorithm import Computed
from tipline.schemas.hashing import (
    HashValue,
    Strength,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tipline.operators.hashing.catalog import EntryInfo, IndexedEntries, LoadedList


REGION_ALGORITHM: Final = "pdq"
DERIVED_ALGORITHM: Final = "pdq"
_RANK: Final[dict[Strength, int]] = {"none": 0, "weak": 1, "strong": 2, "exact": 3}


_MIN_SIGNALS: Final = 2


_REGION_ONLY_SIGNALS: Final = 3


@dataclass(frozen=True, slots=True)
class _Hit:
    """One perceptual index hit, before two-stage acceptance."""

    info: EntryInfo
    algorithm: str
    distance: int
    orientation: str | None
    signal: str
    direct: bool
    strong: bool


def _closest(
    indexed: IndexedEntries, c: Computed, radius: int
) -> dict[int, tuple[int, str | None]]:
    """For every entry hit by any variant, its smallest distance and that variant's name."""
    best: dict[int, tuple[int, str | None]] = {}
    for h in indexed.index.query_many([v for _, v in c.variants], radius):
        if h.entry not in best or h.distance < best[h.entry][0]:
            best[h.entry] = (h.distance, c.variants[h.query][0])
    return best


def _signals(group: Sequence[_Hit]) -> list[str]:
    """Return the distinct signals of a group.

    ``derived`` needs two or more derived PDQ entries of the original: derived
    pHash entries (64 bits, correlated with each other) only ever count as
    ``phash``, since at the candidate radius they agree with each other by chance.
    """
    names = {h.signal for h in group if h.signal != "derived"}
    derived_pdq = {
        h.info.entry_id for h in group if h.signal == "derived" and h.algorithm == DERIVED_ALGORITHM
    }
    if len(derived_pdq) >= _MIN_SIGNALS:
        names.add("derived")
    names.update(h.algorithm for h in group if h.signal == "derived")
    return sorted(names)


def _accepted(group: Sequence[_Hit]) -> bool:
    """Apply the two-stage rule: two independent signals, one of them a whole-image hit.

    Two or more derived entries of one original (``derived``) are agreement on
    their own; region hashes alone need three distinct regions.
    """
    signals = _signals(group)
    whole = any(not h.info.region for h in group)
    if whole:
        return len(signals) >= _MIN_SIGNALS or "derived" in signals
    return len(signals) >= _REGION_ONLY_SIGNALS


def _regions_agree(group: Sequence[_Hit], distance: int | None, regions: int) -> bool:
    """Return whether ``regions`` distinct regions of the group lie within ``distance``.

    The rule for overlays and logos: the untouched quadrants and centre still
    match the original's region entries within a few bits while the
    whole-image hashes move far. It holds below the texture floor too (region
    hashes have their own, lower quality floor: an untouched smooth region
    hashes alike, measured 0-14 bits; unrelated smooth images stay 72+ bits
    away on their second-closest region). ``distance`` ``None`` or
    ``regions`` 0 turn the rule off.
    """
    if distance is None or regions <= 0:
        return False
    close = {h.signal for h in group if h.info.region and h.distance <= distance}
    return len(close) >= regions


def _anchor(
    loaded: LoadedList, group_key: tuple[str, str | None]
) -> tuple[int, bytes, int, int] | None:
    """Return the crop-alignment anchor of one original (position, hash, width, height)."""
    indexed = loaded.indexes.get(REGION_ALGORITHM)
    list_name, original = group_key
    if indexed is None or original is None:
        return None
    return indexed.anchors.get((list_name, original))


def _aligned_hit(
    loaded: LoadedList, anchor: tuple[int, bytes, int, int], distance: int | None, radius: int
) -> list[_Hit]:
    """Return the ``retry:align`` hit of an anchor the alignment found within ``radius``."""
    if distance is None or distance > radius:
        return []
    info = loaded.indexes[REGION_ALGORITHM].info(anchor[0])
    return [_Hit(info, REGION_ALGORITHM, distance, "original", "retry:align", False, False)]


def _hash_value(c: Computed, matchable: bool) -> HashValue:
    return HashValue(
        algorithm=c.algorithm, value=c.value.hex(), quality=c.quality, matchable=matchable
    )
