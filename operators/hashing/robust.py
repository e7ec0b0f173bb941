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
* :func:`unrotate` finds an image turned by a small angle inside a larger
  frame with uniform corners (what "rotate, expand" editors produce), measures
  the angle from the four corner triangles and turns the content back.

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
BUILD_MIRRORS: Final = (
    ("flip_lr", Image.Transpose.FLIP_LEFT_RIGHT),
    ("flip_tb", Image.Transpose.FLIP_TOP_BOTTOM),
)
"""Pixel mirrors, hashed with PDQ only (see :func:`mirror_variants`)."""
RETRY_ROTATIONS: Final = (-3.0, -1.5, 1.5, 3.0)
RETRY_CROPS: Final = (0.02, 0.04, 0.06)
_MIN_TRIMMED: Final = 32
_FILL_TOLERANCE: Final = 16
_MIN_DEGREES: Final = 0.3
_AGREE_DEGREES: Final = 0.15
"""Two corner estimates within this many degrees agree on the angle."""
_MIN_LEG_ROWS: Final = 3
RETRY_SIDE: Final = 512
UNCROP_SIDE: Final = 128
"""Long side (px) of the reduction the uncropped copies are padded from (PDQ works on 64 px)."""
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


def mirror_variants(image: Image.Image) -> list[tuple[str, Image.Image]]:
    """Return the original mirrored in pixels (left-right, top-bottom), for PDQ entries.

    PDQ derives its eight orientations from sign flips of one set of DCT
    coefficients; for periodic textures that is not the hash of the mirrored
    pixels (measured on scikit-image's brick: a left-right mirror is 86 bits
    from the nearest orientation, the same mirror flipped back 2 bits; grass
    42). An entry hashed from the mirrored pixels matches such a copy
    directly. pHash has no orientations and needs none of these.
    """
    return [(name, image.transpose(how)) for name, how in BUILD_MIRRORS]


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


def uncrop_variants(image: Image.Image, pads: tuple[float, ...]) -> list[tuple[str, Image.Image]]:
    """Return the image padded back out by each fraction of ``pads``, as a crop's undoing.

    A crop of a few percent per side moves PDQ by ~100 bits: the content is
    enlarged against the original's frame. Padding every side by a fraction of
    the image (its edge pixels repeated) puts the content back at about its
    original scale and place; the padding itself differs from what was cut,
    so the hashes come back to the candidate radii, not to a direct match
    (docs/hashing.md, "Crops against hash-only lists"). Works on a reduction
    to at most :data:`UNCROP_SIDE` px by a whole factor (box filter: a third of a
    bilinear thumbnail's time; PDQ and pHash see 64 and 32 px anyway).
    """
    factor = math.ceil(max(image.size) / UNCROP_SIDE)
    if factor > 1:
        image = image.reduce(factor)
    pixels = np.asarray(image.convert("RGB"))
    out = []
    for f in pads:
        ph, pw = int(pixels.shape[0] * f), int(pixels.shape[1] * f)
        padded = np.pad(pixels, ((ph, ph), (pw, pw), (0, 0)), mode="edge")
        out.append((f"uncrop{round(f * 100)}", Image.fromarray(padded)))
    return out


def unrotate(image: Image.Image, max_degrees: float) -> list[tuple[float, Image.Image]]:
    """Return the content of a small rotation inside uniform corners, turned back (or ``[]``).

    A copy rotated by ``a`` degrees with a grown frame has four uniform
    triangles in its corners (black, white, any fill); each triangle's legs
    give the angle (``atan(short / long)``, its sign from which leg is long).
    The four estimates are grouped; every angle that at least two corners
    agree on (within 0.15 degrees) and that lies within
    ``[0.3, max_degrees]`` is undone: the image is turned back and the
    original frame (solved from the grown one) is cut out, less one pixel per
    side. Dark content that touches the fill lengthens a triangle or hides
    it, so two groups can agree; both are returned (at most two). Anything
    else, the common case decided on the four corner pixels, returns ``[]``.
    """
    w, h = image.size
    if h < 2 * _MIN_TRIMMED or w < 2 * _MIN_TRIMMED or max_degrees < _MIN_DEGREES:
        return []
    corners = [_grey(image.getpixel(xy)) for xy in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1))]
    if max(corners) - min(corners) > 2 * _FILL_TOLERANCE:
        return []  # decided on four pixels, before any conversion
    luma = np.asarray(image.convert("L"), dtype=np.int16)
    fill = int(np.median(corners))
    rows = h // 3  # enough rows to fit a leg; a long leg runs the whole width
    estimates = []
    for block, sign in (
        (luma[:rows], 1),
        (luma[:rows, ::-1], -1),
        (luma[::-1][:rows], -1),
        (luma[::-1, ::-1][:rows], 1),
    ):
        legs = _corner_legs(block, fill)
        if legs is None:
            continue  # dark content at this corner: the other corners decide
        across, down = legs
        if down < across:  # the content's nearly horizontal side cuts this corner
            estimates.append(sign * math.degrees(math.atan(down / across)))
        else:
            estimates.append(-sign * math.degrees(math.atan(across / down)))
    out: list[tuple[float, Image.Image]] = []
    for angle in _agreed_angles(estimates):
        if _MIN_DEGREES <= abs(angle) <= max_degrees and len(out) < 2:
            out.append((angle, _turn_back(image, angle)))
    return out


def _grey(pixel: object) -> int:
    """Luma of one pixel as ``convert("L")`` computes it (ITU-R 601-2)."""
    if isinstance(pixel, int | float):
        return int(pixel)
    if isinstance(pixel, tuple) and len(pixel) >= 3:
        r, g, b = (int(v) for v in pixel[:3])
        return (r * 299 + g * 587 + b * 114) // 1000
    return 0


def _corner_legs(block: np.ndarray, fill: int) -> tuple[float, float] | None:
    """Fit the fill triangle in the corner at ``block[0, 0]``: (leg along rows, leg down).

    Per row, the fill run from the corner shrinks linearly. A row of fill only
    (where the content touches the edge, or dark content) says nothing and is
    left out; rows far off the first fit (dark content extending the run) are
    dropped and the line fitted again.
    """
    content = np.abs(block - fill) > _FILL_TOLERANCE
    seen = content.any(axis=1)
    lead = content.argmax(axis=1).astype(float)
    rows = np.flatnonzero(seen & (lead >= 2))  # a run of 1 is JPEG ringing
    if rows.size < _MIN_LEG_ROWS or rows[0] > _MIN_LEG_ROWS:
        return None
    gaps = np.flatnonzero(np.diff(rows) > _MIN_LEG_ROWS)
    rows = rows[: gaps[0] + 1] if gaps.size else rows
    for _ in range(2):
        if rows.size < _MIN_LEG_ROWS:
            return None
        slope, across = np.polyfit(rows, lead[rows], 1)  # a uniform border: slope 0, refused
        rows = rows[np.abs(lead[rows] - (across + slope * rows)) <= _MIN_LEG_ROWS]
    if slope >= 0 or across <= 0:
        return None
    return float(across), float(across / -slope)


def _agreed_angles(estimates: list[float]) -> list[float]:
    """Angles that at least two estimates agree on, best supported first."""
    groups: list[tuple[int, float]] = []
    for e in sorted(estimates):
        near = [x for x in estimates if abs(x - e) <= _AGREE_DEGREES]
        mean = round(sum(near) / len(near), 2)
        if len(near) >= 2 and all(abs(mean - g) > _AGREE_DEGREES for _, g in groups):
            groups.append((len(near), mean))
    return [g for _, g in sorted(groups, key=lambda g: -g[0])]


def _turn_back(image: Image.Image, angle: float) -> Image.Image:
    """Undo a rotation by ``angle`` with a grown frame; cut out the original frame."""
    grown_w, grown_h = image.size
    a = math.radians(abs(angle))
    c, s = math.cos(a), math.sin(a)
    # the grown frame is (w c + h s, w s + h c); solve for the original (w, h)
    w = (grown_w * c - grown_h * s) / (c * c - s * s)
    h = (grown_h * c - grown_w * s) / (c * c - s * s)
    turned = image.rotate(-angle, resample=Image.Resampling.BILINEAR, expand=False)
    x0, y0 = (grown_w - w) / 2 + 1, (grown_h - h) / 2 + 1
    return turned.crop((round(x0), round(y0), round(x0 + w - 2), round(y0 + h - 2)))
