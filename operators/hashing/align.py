"""Crop alignment: find where the original's inner window lies inside a cropped copy.

A crop cuts each side independently (2-10 % in the benchmark), which moves PDQ
14-66 bits per 1 % of shift, so fixed derived crops cannot cover four
independent margins. But a crop keeps the pixel scale, and every crop of at
most :data:`ANCHOR_MARGIN` per side still holds the original's inner window
(the original less that margin on every side). A list built from images
therefore keeps one *anchor* entry per original: the PDQ of that window, with
the size of the image it was cut from in its transform name
(``anchor:640x480``). For a near-miss candidate, the query side slides a
window of that size over the query (coarse grid, then finer steps around the
best position) and keeps the smallest distance to the anchor.

The search runs on a copy reduced to a long side of :data:`ALIGN_SIDE` px (PDQ
works on 64 px anyway), so one search hashes at most about 150 small windows.
It only runs when the query is no larger than the original and no smaller
than the window (a crop), and its result counts only like a near-miss retry:
for an original that already has a candidate hit (docs/hashing.md).

Invariant: deterministic, no I/O; the hash is injected.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from PIL import Image

if TYPE_CHECKING:
    from collections.abc import Callable

ANCHOR_MARGIN: Final = 0.1
"""Fraction cut off every side of the original for its anchor window."""
ALIGN_SIDE: Final = 160
"""Long side (px) of the reduced query the windows are cut from."""
ALIGN_STEP: Final = 3
"""Coarse grid step in reduced pixels; then steps of 1 around the best position."""
ANCHOR_PREFIX: Final = "anchor:"
_ANCHOR: Final = re.compile(r"anchor:([0-9]{1,5})x([0-9]{1,5})")
_SLACK: Final = 2
"""Pixels a query may exceed the original by (rounding of reduced decodes)."""


def anchor_window(image: Image.Image) -> Image.Image:
    """Return the original's inner window (:data:`ANCHOR_MARGIN` off every side)."""
    w, h = image.size
    dx, dy = int(w * ANCHOR_MARGIN), int(h * ANCHOR_MARGIN)
    return image.crop((dx, dy, w - dx, h - dy))


def anchor_transform(image: Image.Image) -> str:
    """Return the transform name of the anchor entry of ``image`` (``anchor:WxH``)."""
    return f"{ANCHOR_PREFIX}{image.width}x{image.height}"


def anchor_size(transform: str | None) -> tuple[int, int] | None:
    """Return the original's size named by an anchor transform, else ``None``."""
    found = _ANCHOR.fullmatch(transform or "")
    if found is None:
        return None
    return int(found.group(1)), int(found.group(2))


def align_search(
    query: Image.Image, original: tuple[int, int], distance: Callable[[Image.Image], int]
) -> int | None:
    """Return the smallest ``distance`` of a window of the anchor's size over ``query``.

    ``None`` when ``query`` cannot be a crop of an image of size ``original``
    (larger than it, or smaller than its anchor window).
    """
    w, h = original
    cw, ch = w - 2 * int(w * ANCHOR_MARGIN), h - 2 * int(h * ANCHOR_MARGIN)
    qw, qh = query.size
    if not (cw <= qw <= w + _SLACK and ch <= qh <= h + _SLACK) or min(cw, ch) < 1:
        return None
    f = max(1.0, max(qw, qh) / ALIGN_SIDE)
    small = query
    if f > 1:
        small = query.resize((round(qw / f), round(qh / f)), Image.Resampling.BOX)
    sw, sh = max(1, round(cw / f)), max(1, round(ch / f))
    mx, my = max(0, small.width - sw), max(0, small.height - sh)
    seen: dict[tuple[int, int], int] = {}

    def at(x: int, y: int) -> tuple[int, tuple[int, int]]:
        xy = (min(max(x, 0), mx), min(max(y, 0), my))
        if xy not in seen:
            seen[xy] = distance(small.crop((xy[0], xy[1], xy[0] + sw, xy[1] + sh)))
        return seen[xy], xy

    xs = sorted({*range(0, mx + 1, ALIGN_STEP), mx})
    ys = sorted({*range(0, my + 1, ALIGN_STEP), my})
    best = min(at(x, y) for x in xs for y in ys)
    for r in (ALIGN_STEP // 2, 1):
        bx, by = best[1]
        best = min([best, *(at(bx + dx, by + dy) for dx in (-r, 0, r) for dy in (-r, 0, r))])
    return best[0]
