"""The fast PNG decode: inflate, unfilter and box-reduce in one pass (optional extension).

``tipline_png`` is a small Rust extension built from ``native/pngreduce`` by
``make venv`` (libdeflate inflates the IDAT stream about twice as fast as
zlib; rows are unfiltered and summed into block means as they go, so no full
RGB raster is allocated). :func:`reduce_png` returns what Pillow's path in
:mod:`~tipline.operators.hashing.decode` returns for the same bytes, up to one
level of rounding per channel.

Invariants:
    * Optional: without the extension, or for a PNG it does not handle (16-bit,
      sub-byte or interlaced samples) or cannot decode (truncated, corrupt),
      :func:`reduce_png` returns ``None`` and the caller decodes with Pillow,
      which then accepts the image or raises the usual ``MediaDecodeError``.
      So every refusal keeps Pillow's verdict, and a broken PNG costs at most
      two decode attempts, both under the same pixel cap.
    * Called only after :func:`~tipline.operators.hashing.decode.open_image`
      has checked the declared size against the cap; the extension re-checks
      it against the width and height it reads itself.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from PIL import Image


def _load_extension() -> ModuleType | None:
    try:
        return importlib.import_module("tipline_png")
    except ImportError:
        return None


EXTENSION: ModuleType | None = _load_extension()
"""The ``tipline_png`` module, or ``None`` when it is not installed (benchmarks and
tests set it to ``None`` to time or check the Pillow path)."""


def available() -> bool:
    """Return whether the fast PNG decoder is installed."""
    return EXTENSION is not None


def reduce_png(data: bytes, factor: int, max_pixels: int) -> Image.Image | None:
    """Decode a PNG reduced by ``factor`` to RGB, or ``None`` to leave it to Pillow.

    Args:
        data: the PNG's bytes.
        factor: the box-reduction factor (1 = full size).
        max_pixels: refuse a larger ``width * height`` than this.

    Returns:
        The reduced RGB image, or ``None`` when the extension is missing,
        does not handle this PNG's format or could not decode it.

    """
    extension = EXTENSION
    if extension is None:
        return None
    try:
        out = extension.reduce_png(data, factor, max_pixels)
    except ValueError:
        return None  # Pillow decodes it or names the failure
    if out is None:
        return None
    width, height, rgb = out
    return Image.frombytes("RGB", (width, height), rgb)
