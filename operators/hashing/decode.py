"""Safe image decoding for perceptual hashing, under pixel limits.

Decoding dominates the cost of hashing, so a JPEG is decoded with Pillow's draft
mode (DCT scaling by 1/2, 1/4 or 1/8 inside libjpeg), an 8-bit PNG by the fast
decoder of :mod:`~tipline.operators.hashing.decode_png` when it is installed
(box-reduced while its rows are unfiltered; Pillow otherwise), and every other
format is box-reduced afterwards, both so that the long side ends in (512, 1024] px for
any image larger than that. The same path is used when lists are built
(``tipline hashes build``), so list and query hashes see the same pixels.

Because only JPEG decodes at reduced scale, the pixel caps differ: ``max_pixels``
for JPEG, ``max_pixels_other`` (lower) for every other format, whose full
raster is allocated. :func:`open_image` reads the header only and returns the
pixels the decode will actually allocate (:func:`decode_cost`), so the caller
can charge a per-event pixel budget before decoding.

Invariants:
    * The declared size is checked against the format's cap *before* any pixel
      is decoded (decompression-bomb guard; for PNG, from the IHDR chunk);
      Pillow's own global limit is not mutated.
    * Every failure raises a :class:`~tipline.schemas.hashing.MediaDecodeError` subclass
      whose message names sizes and formats only, never content.
"""

from __future__ import annotations

import io
import warnings
from typing import Final

from PIL import Image, UnidentifiedImageError

from tipline.operators.hashing.decode_png import reduce_png
from tipline.schemas.hashing import MediaDecodeError, MediaNotImageError, MediaTooManyPixelsError

MAX_SIDE: Final = 1024
_MIN_SIDE: Final = MAX_SIDE // 2
_DCT_SCALES: Final = (8, 4, 2)
_REDUCIBLE: Final = frozenset({"RGB", "L", "RGBA", "CMYK"})
"""Modes Pillow's ``Image.reduce`` handles directly."""
# What Pillow raises for corrupt data (plugins differ); MemoryError for absurd headers.
_DECODE_ERRORS: Final = (OSError, ValueError, SyntaxError, EOFError, MemoryError, IndexError)


def reduction_factor(width: int, height: int) -> int:
    """Return the integer factor that brings the long side into (512, 1024].

    Images whose long side is already at most 1024 px are not reduced.
    """
    long_side = max(width, height)
    if long_side <= MAX_SIDE:
        return 1
    return -(-long_side // MAX_SIDE) if long_side > 8 * MAX_SIDE else _dct_scale(long_side)


def _dct_scale(long_side: int) -> int:
    """Largest libjpeg scale (8, 4, 2) that keeps the long side above 512 px."""
    for scale in _DCT_SCALES:
        if -(-long_side // scale) > _MIN_SIDE:
            return scale
    return 1


def decode_cost(img: Image.Image) -> int:
    """Pixels decoding ``img`` allocates: reduced by the DCT scale for JPEG, full otherwise."""
    width, height = img.size
    if img.format != "JPEG":
        return width * height
    dct = min(reduction_factor(width, height), 8)
    return -(-width // dct) * -(-height // dct)


def open_image(data: bytes, max_pixels: int, max_pixels_other: int | None = None) -> Image.Image:
    """Read the header only and enforce the format's pixel cap.

    Args:
        data: the attachment bytes.
        max_pixels: cap on ``width * height`` for JPEG (and for every format
            when ``max_pixels_other`` is ``None``).
        max_pixels_other: cap for every format other than JPEG.

    Raises:
        MediaNotImageError: not an image format Pillow knows.
        MediaTooManyPixelsError: the declared size exceeds the cap.
        MediaDecodeError: a broken header or an empty size.

    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _open(data, max_pixels, max_pixels_other)


def _open(data: bytes, max_pixels: int, max_pixels_other: int | None) -> Image.Image:
    try:
        img = Image.open(io.BytesIO(data))
    except UnidentifiedImageError as exc:
        msg = f"{len(data)} bytes are not a recognised image format"
        raise MediaNotImageError(msg) from exc
    except Image.DecompressionBombError as exc:
        msg = f"image exceeds the decoder's pixel limit (max_pixels is {max_pixels})"
        raise MediaTooManyPixelsError(msg) from exc
    except _DECODE_ERRORS as exc:
        msg = f"{len(data)} bytes have a broken image header: {type(exc).__name__}"
        raise MediaDecodeError(msg) from exc
    width, height = img.size
    cap, key = (max_pixels, "max_pixels")
    if img.format != "JPEG" and max_pixels_other is not None:
        cap, key = (min(max_pixels, max_pixels_other), "max_pixels_other")
    if width * height > cap:
        msg = f"{img.format} image of {width}x{height} px exceeds {key} {cap}"
        raise MediaTooManyPixelsError(msg)
    if width == 0 or height == 0:
        msg = f"{img.format} image has an empty size {width}x{height}"
        raise MediaDecodeError(msg)
    return img


def decode_image(data: bytes, max_pixels: int, max_pixels_other: int | None = None) -> Image.Image:
    """Decode ``data`` to an RGB image whose long side is at most 1024 px.

    Args:
        data: the original attachment bytes.
        max_pixels: the largest ``width * height`` accepted (JPEG, or every
            format when ``max_pixels_other`` is ``None``).
        max_pixels_other: the largest ``width * height`` of non-JPEG formats.

    Returns:
        The decoded, reduced RGB image (first frame of animated formats).

    Raises:
        MediaNotImageError: the bytes are not an image format Pillow knows.
        MediaTooManyPixelsError: the declared size exceeds the cap.
        MediaDecodeError: the image is truncated or otherwise undecodable.

    """
    return decode_opened(open_image(data, max_pixels, max_pixels_other), data)


def decode_opened(img: Image.Image, data: bytes | None = None) -> Image.Image:
    """Decode an image returned by :func:`open_image` (see :func:`decode_image`).

    With ``data`` (the bytes ``img`` was opened from), a PNG is decoded by the
    fast decoder of :mod:`~tipline.operators.hashing.decode_png` when it is
    installed and accepts the image; otherwise, and without ``data``, by Pillow.
    """
    if data is not None and img.format == "PNG":
        fast = reduce_png(data, reduction_factor(*img.size), img.size[0] * img.size[1])
        if fast is not None:
            return _fit(fast)
    with warnings.catch_warnings():
        # Our own limit is checked first; Pillow's warnings (bomb, palette
        # transparency) must not escape as errors from a pure operator.
        warnings.simplefilter("ignore")
        fmt = img.format
        try:
            return _load_reduced(img)
        except _DECODE_ERRORS as exc:
            msg = f"{fmt} image of {img.size[0]}x{img.size[1]} px could not be decoded"
            msg = f"{msg}: {type(exc).__name__}"
            raise MediaDecodeError(msg) from exc


def _load_reduced(img: Image.Image) -> Image.Image:
    """Decode at reduced scale (JPEG draft) and box-reduce to the target size.

    Formats without a reduced decode (PNG, WebP, ...) are box-reduced in their
    own mode *before* the conversion to RGB, so the full raster is never copied
    a second time (a 12 MP RGB PNG: one 36 MB decode, no 36 MB convert).
    """
    factor = reduction_factor(*img.size)
    if img.format == "JPEG" and factor > 1:
        width, height = img.size
        dct = min(factor, 8)
        img.draft("RGB", (max(1, width // dct), max(1, height // dct)))
    if img.mode in {"P", "PA", "LA", "RGBA"}:
        img = img.convert("RGBA")
    elif img.mode not in _REDUCIBLE:
        img = img.convert("RGB")
    img.load()
    remaining = reduction_factor(*img.size)
    if remaining > 1:
        img = img.reduce(remaining)
    return _fit(img.convert("RGB"))


def _fit(rgb: Image.Image) -> Image.Image:
    """Shrink an already reduced image whose long side still exceeds 1024 px."""
    if max(rgb.size) > MAX_SIDE:
        rgb.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.BOX)
    return rgb
