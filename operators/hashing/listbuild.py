"""List rows from image bytes, as ``tipline hashes build`` writes them (docs/contract.md §2).

:func:`original_rows` gives the md5, sha1, sha256, pdq and phash rows of one
image (perceptual hashes below their floor are left out and explained);
:func:`derived_rows` the derived entries (rotations, crops, region hashes,
trimmed content) with their provenance. Pure: bytes in, rows out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from tipline.operators.hashing.align import anchor_transform, anchor_window
from tipline.operators.hashing.decode import decode_image
from tipline.operators.hashing.robust import build_variants, mirror_variants, trim_borders
from tipline.schemas.hashing import HashingConfig, MediaDecodeError

if TYPE_CHECKING:
    from tipline.operators.hashing.matcher import Matcher

_ORDER: Final = ("md5", "sha1", "sha256", "pdq", "phash")
_PERCEPTUAL: Final = ("pdq", "phash")

Row = tuple[str, ...]


def original_rows(
    data: bytes, matcher: Matcher, list_name: str, category: str
) -> tuple[list[tuple[str, str, str, str, str]], str | None]:
    """Hash one image into list rows; the second value explains anything left out."""
    exact, perceptual = matcher.hash_bytes(data)
    low = [c for c in perceptual.computed if matcher.below_floor(c)]
    computed = {c.algorithm: c for c in (*exact, *perceptual.computed) if c not in low}
    entry_id = computed["sha256"].value.hex()[:16]
    notes = [f"{c.algorithm} quality {c.quality} below its floor; left out" for c in low]
    note = "; ".join([*([perceptual.reason] if perceptual.reason else []), *notes]) or None
    rows: list[tuple[str, str, str, str, str]] = [
        (name, computed[name].value.hex(), list_name, entry_id, category)
        for name in _ORDER
        if name in computed
    ]
    return rows, note


def derived_rows(
    data: bytes,
    matcher: Matcher,
    cfg: HashingConfig,
    *,
    list_name: str,
    category: str,
    entry_id: str,
) -> list[Row]:
    """Return the derived entries of one image (turns, crops, mirrors, anchor, regions, trim)."""
    try:
        image = decode_image(data, cfg.max_pixels, cfg.max_pixels_other)
    except MediaDecodeError:
        return []
    content = trim_borders(image)
    variants = [("trim", content)] if content is not image else []
    variants += build_variants(content)
    rows: list[Row] = []
    for transform, variant in variants:
        for c in matcher.hash_image(variant):
            if c.algorithm in _PERCEPTUAL and not matcher.below_floor(c):
                rows.append(_derived(c.algorithm, c.value.hex(), transform))
    for transform, variant in mirror_variants(content):
        rows += [
            _derived(c.algorithm, c.value.hex(), transform)
            for c in matcher.hash_image(variant)
            if c.algorithm == "pdq" and not matcher.below_floor(c)
        ]
    rows += [
        _derived(c.algorithm, c.value.hex(), anchor_transform(content))
        for c in matcher.hash_image(anchor_window(content))
        if c.algorithm == "pdq" and not matcher.below_floor(c)
    ]
    for name, c in matcher.region_hashes(content):
        rows.append(_derived(c.algorithm, c.value.hex(), f"region:{name}"))
    return [(a, h, list_name, f"{entry_id}~{t}", category, entry_id, t) for a, h, t in rows]


def _derived(algorithm: str, value: str, transform: str) -> tuple[str, str, str]:
    return algorithm, value, transform
