"""Pure image transforms behind robust matching: border trim, regions, small rotations and crops.

The same functions run when a list is built (``tipline hashes build`` derives
entries with them) and when an attachment is matched (query-side trim, region
hashes, near-miss retries), so list and query see the same pixels.

* :func:`trim_borders` removes uniform borders and letterboxing (rows or
  columns whose pixels all lie within ``tolerance`` grey levels of the edge
  colour), at most ``max_fraction`` of each side.
* :data:`REGIONS` and :func:`region` cut the four quadrants and the centre.
* :func:`rotate` turns by a small angle and keeps the largest centred
  rectangle without fill; :func:`crop` cuts ``fraction`` off every side (or
  off the sides named).
* :func:`texture` scores how much fine structure an image has (0 for smooth
  gradients and flat areas): the gate of two-stage acceptance and retries.

Invariant: every function is deterministic and does no I/O.
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
from PIL import Image, ImageFilter

REGIONS: Final = ("q1", "q2", "q3", "q4", "centre")
"""Quadrants (top-left, top-right, bottom-left, bottom-right) and the centre half."""

BUILD_ROTATIONS: Final = (-4.0, -2.5, -1.0, 1.0, 2.5, 4.0)
BUILD_CROPS: Final = (0.03, 0.06, 0.1)
BUILD_CORNER_CROPS: Final = (0.05, 0.09)
"""Two sides cut (a corner kept): crops are rarely symmetric."""
RETRY_ROTATIONS: Final = (-3.0, -1.5, 1.5, 3.0)
RETRY_CROPS: Final = (0.02, 0.04, 0.06)
_MIN_TRIMMED: Final = 32
RETRY_SIDE: Final = 512
TEXTURE_SIDE: Final = 64


def texture(image: Image.Image) -> float:
    """Return the mean absolute difference (grey levels) between luma and its 3x3 box blur.

    Measured on a 64x64 box-reduced luma, without its outer ring: smooth
    gradients and flat images score near 0, photographs and patterned images
    several grey levels. PDQ's own quality score saturates at 100 for smooth
    gradients with a little noise, so it cannot tell them apart; this can.
    """
    luma = image.convert("L").resize((TEXTURE_SIDE, TEXTURE_SIDE), Image.Resampling.BOX)
    sharp = np.asarray(luma, dtype=np.float32)
    blurred = np.asarray(luma.filter(ImageFilter.BoxBlur(1)), dtype=np.float32)
    return round(float(np.abs(sharp - blurred)[1:-1, 1:-1].mean()), 3)


def trim_borders(image: Image.Image, tolerance: int = 12, max_fraction: float = 0.3) -> Image.Image:
    """Return ``image`` without uniform borders (the image itself when there are none).

    A side is trimmed row by row (column by column) while the whole line stays
    within ``tolerance`` of that side's edge colour (median of the line), up to
    ``max_fraction`` of the size; the result keeps at least 32 px per side.
    """
    luma = np.asarray(image.convert("L"), dtype=np.int16)
    h, w = luma.shape
    if h < 2 * _MIN_TRIMMED or w < 2 * _MIN_TRIMMED:
        return image
    top = _uniform_run(luma, int(h * max_fraction), tolerance)
    bottom = _uniform_run(luma[::-1], int(h * max_fraction), tolerance)
    left = _uniform_run(luma.T, int(w * max_fraction), tolerance)
    right = _uniform_run(luma.T[::-1], int(w * max_fraction), tolerance)
    if top + bottom + left + right == 0:
        return image
    box = (left, top, w - right, h - bottom)
    if box[2] - box[0] < _MIN_TRIMMED or box[3] - box[1] < _MIN_TRIMMED:
        return image
    return image.crop(box)


def _uniform_run(lines: np.ndarray, limit: int, tolerance: int) -> int:
    """Count the leading rows of ``lines`` that are uniform and close to the first row's colour."""
    if limit <= 0 or int(np.ptp(lines[0])) > 2 * tolerance:
        return 0  # the edge line itself is not uniform: the common case, decided cheaply
    head = lines[:limit]
    ref = int(np.median(head[0]))
    spread = np.abs(head - ref).max(axis=1)
    bad = np.flatnonzero(spread > tolerance)
    run = int(bad[0]) if bad.size else limit
    # a run of one or two lines is JPEG ringing or an edge, not a border
    return run if run >= 3 else 0


def region(image: Image.Image, name: str) -> Image.Image:
    """Cut one of :data:`REGIONS` out of ``image``.

    Raises:
        ValueError: ``name`` is not a region.

    """
    w, h = image.size
    boxes = {
        "q1": (0, 0, w // 2, h // 2),
        "q2": (w - w // 2, 0, w, h // 2),
        "q3": (0, h - h // 2, w // 2, h),
        "q4": (w - w // 2, h - h // 2, w, h),
        "centre": (w // 4, h // 4, w - w // 4, h - h // 4),
    }
    if name not in boxes:
        msg = f"{name!r} is not a region (expected one of {REGIONS})"
        raise ValueError(msg)
    return image.crop(boxes[name])


def rotate(image: Image.Image, degrees: float) -> Image.Image:
    """Rotate by ``degrees`` (counter-clockwise) and keep the largest centred box without fill."""
    w, h = image.size
    turned = image.rotate(degrees, resample=Image.Resampling.BILINEAR, expand=False)
    a = math.radians(abs(degrees))
    # shrink factor so the rotated frame's corners stay inside the original frame
    k = 1.0 / (math.cos(a) + math.sin(a) * max(w / h, h / w))
    cw, ch = max(1, int(w * k)), max(1, int(h * k))
    x0, y0 = (w - cw) // 2, (h - ch) // 2
    return turned.crop((x0, y0, x0 + cw, y0 + ch))


def crop(image: Image.Image, fraction: float, sides: str = "tblr") -> Image.Image:
    """Cut ``fraction`` of the size off each side named in ``sides`` (t, b, l, r)."""
    w, h = image.size
    dx, dy = int(w * fraction), int(h * fraction)
    box = (
        dx if "l" in sides else 0,
        dy if "t" in sides else 0,
        w - dx if "r" in sides else w,
        h - dy if "b" in sides else h,
    )
    return image.crop(box)


def build_variants(image: Image.Image) -> list[tuple[str, Image.Image]]:
    """Return the whole-image variants a list built from images adds: rotations and crops."""
    out = [(f"rot{d:+g}", rotate(image, d)) for d in BUILD_ROTATIONS]
    out += [(f"crop{round(f * 100)}", crop(image, f)) for f in BUILD_CROPS]
    out += [
        (f"crop{round(f * 100)}{sides}", crop(image, f, sides))
        for f in BUILD_CORNER_CROPS
        for sides in ("tl", "tr", "bl", "br")
    ]
    return out


def retry_variants(image: Image.Image) -> list[tuple[str, Image.Image]]:
    """Return the query-side near-miss retries: a few small rotations and centred crops.

    The image is first reduced to a long side of at most 512 px (PDQ and pHash
    work on 64 and 32 px anyway), which keeps the retries' cost bounded.
    """
    if max(image.size) > RETRY_SIDE:
        image = image.copy()
        image.thumbnail((RETRY_SIDE, RETRY_SIDE), Image.Resampling.BILINEAR)
    out = [(f"rot{d:+g}", rotate(image, d)) for d in RETRY_ROTATIONS]
    out += [(f"crop{round(f * 100)}", crop(image, f)) for f in RETRY_CROPS]
    return out
