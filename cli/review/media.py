"""Blurred greyscale renditions of evidence images, made in memory only.

The console never shows an original by default: it serves this rendition
(downscaled, converted to greyscale, Gaussian-blurred) and the original only
after a per-item reveal. Nothing is written to disk; a file that is not a
readable image, or is larger than ``MAX_PIXELS``, gets a plain grey tile.
"""

from __future__ import annotations

import io
import warnings
from typing import Final

from PIL import Image, ImageFilter

MAX_SIDE: Final = 360
BLUR_RADIUS: Final = 14
MAX_PIXELS: Final = 40_000_000


def _grey_tile() -> bytes:
    out = io.BytesIO()
    Image.new("L", (MAX_SIDE, MAX_SIDE * 3 // 4), 150).save(out, format="PNG")
    return out.getvalue()


def blurred_greyscale(data: bytes) -> bytes:
    """Return a PNG: ``data`` downscaled to ``MAX_SIDE``, greyscale and heavily blurred."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                if img.width * img.height > MAX_PIXELS:
                    return _grey_tile()
                img.draft("L", (MAX_SIDE, MAX_SIDE))
                grey = img.convert("L")
    except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _grey_tile()
    grey.thumbnail((MAX_SIDE, MAX_SIDE))
    blurred = grey.filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    out = io.BytesIO()
    blurred.save(out, format="PNG")
    return out.getvalue()


def is_image(media_type: str) -> bool:
    """Return True for the media types the console can preview."""
    return media_type in {"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp"}
