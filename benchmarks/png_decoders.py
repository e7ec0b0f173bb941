"""12 MP PNG decode: where the time goes and what other decoders would save (CPU time).

    python -m tipline.benchmarks.png_decoders --reps 5

Decodes the ``png_bench`` 12 MP generated PNG with Pillow (what ``decode.py``
uses) and, when they are importable, with decoders from PyPI wheels that are
NOT project dependencies (``pyspng``, ``opencv-python-headless``'s
``cv2.imdecode`` full and ``IMREAD_REDUCED_COLOR_4``, ``imagecodecs``' libspng
and libdeflate, ``pyvips`` with ``pyvips-binary``), and with the project's own
``tipline_png`` (``native/pngreduce``, built by ``make venv``); also the
stdlib zlib inflate of the IDAT stream alone, the floor for any zlib-based
decoder, and the three digests ``hash_bytes`` takes first. Prints the median
CPU time (``time.process_time``) of each, so the figures hold on a loaded
machine better than wall time.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import io
import struct
import time
import zlib
from collections.abc import Callable
from typing import Any

import numpy as np
from PIL import Image

from tipline.synth.images import encode, make_image


def _idat(data: bytes) -> bytes:
    """The concatenated IDAT payload (the zlib stream) of a PNG."""
    pos, out = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        if data[pos + 4 : pos + 8] == b"IDAT":
            out.append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    return b"".join(out)


def cpu_ms(fn: Callable[[], Any], reps: int) -> float:
    fn()
    times = []
    for _ in range(reps):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return float(np.median(times) * 1000)


def candidates(data: bytes) -> dict[str, Callable[[], Any]]:
    stream = _idat(data)
    raw_size = len(zlib.decompress(stream))
    out: dict[str, Callable[[], Any]] = {
        "pillow decode (the fallback)": lambda: Image.open(io.BytesIO(data)).load(),
        "zlib inflate of IDAT only": lambda: zlib.decompress(stream),
        "sha256+sha1+md5": lambda: [
            hashlib.new(n, data).digest() for n in ("sha256", "sha1", "md5")
        ],
    }
    optional: dict[str, tuple[str, Callable[[Any], Callable[[], Any]]]] = {
        "pyspng": ("pyspng", lambda m: lambda: m.load(data)),
        "cv2 imdecode full": (
            "cv2",
            lambda m: lambda: m.imdecode(np.frombuffer(data, np.uint8), m.IMREAD_COLOR),
        ),
        "cv2 imdecode reduced 4": (
            "cv2",
            lambda m: lambda: m.imdecode(np.frombuffer(data, np.uint8), m.IMREAD_REDUCED_COLOR_4),
        ),
        "imagecodecs spng": ("imagecodecs", lambda m: lambda: m.spng_decode(data)),
        "tipline_png reduce_png (factor 4, used when built)": (
            "tipline_png",
            lambda m: lambda: m.reduce_png(data, 4, 10**9),
        ),
        "pyvips sequential load + shrink 4": (
            "pyvips",
            lambda m: (
                lambda: (
                    m.Image.new_from_buffer(data, "", access="sequential")
                    .shrink(4, 4)
                    .write_to_memory()
                )
            ),
        ),
        "pyvips thumbnail_buffer 1024": (
            "pyvips",
            lambda m: lambda: m.Image.thumbnail_buffer(data, 1024).write_to_memory(),
        ),
        "imagecodecs libdeflate inflate of IDAT only": (
            "imagecodecs",
            lambda m: lambda: m.deflate_decode(stream, out=raw_size),
        ),
    }
    for name, (module, make) in optional.items():
        try:
            out[name] = make(importlib.import_module(module))
        except ImportError:
            print(f"  {name}: {module} not installed, skipped")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    data = encode(make_image(args.seed, 4000, 3000, "scene"), "PNG", 90)
    print(f"12 MP PNG, {len(data) / 1e6:.1f} MB; median CPU ms over {args.reps} runs")
    for name, fn in candidates(data).items():
        print(f"  {name:45} {cpu_ms(fn, args.reps):7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
