"""Safe decode: draft-mode reduction, pixel limits, failures as typed errors."""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable

import numpy as np
import pytest
from PIL import Image

from tipline.operators.hashing import MediaInput, PdqAlgorithm, decode_image
from tipline.operators.hashing.decode import MAX_SIDE, reduction_factor
from tipline.schemas.hashing import (
    MediaDecodeError,
    MediaNotImageError,
    MediaTooManyPixelsError,
)
from tipline.synth.images import encode, make_image


@pytest.mark.parametrize(
    ("size", "factor"),
    [((640, 480), 1), ((1024, 10), 1), ((1025, 10), 2), ((2048, 1536), 2), ((4000, 3000), 4),
     ((3000, 4000), 4), ((8000, 6000), 8), ((12000, 100), 12)],
)  # fmt: skip
def test_reduction_factor_brings_long_side_into_range(size: tuple[int, int], factor: int) -> None:
    assert reduction_factor(*size) == factor
    assert max(size) // factor <= MAX_SIDE


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_large_images_come_out_at_most_1024(fmt: str) -> None:
    data = encode(make_image(1, 2600, 1300, "scene"), fmt)
    img = decode_image(data, 64_000_000)
    assert img.mode == "RGB"
    assert 512 < max(img.size) <= MAX_SIDE


def test_small_images_are_not_resized(jpeg: Callable[..., bytes]) -> None:
    img = decode_image(jpeg(1, width=300, height=200), 64_000_000)
    assert img.size == (300, 200)


def test_pixel_limit_is_checked_before_decoding(jpeg: Callable[..., bytes]) -> None:
    with pytest.raises(MediaTooManyPixelsError, match="640x480 px exceeds max_pixels 1000"):
        decode_image(jpeg(1), 1000)


def _png_bomb(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares a huge size (IDAT is one compressed row)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body).to_bytes(4, "big")
        return len(body).to_bytes(4, "big") + kind + body + crc

    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    idat = zlib.compress(b"\x00" * (width + 1))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_decompression_bomb_is_refused() -> None:
    with pytest.raises(MediaTooManyPixelsError):
        decode_image(_png_bomb(30_000, 30_000), 64_000_000)


def test_pillow_bomb_limit_is_also_mapped() -> None:
    with pytest.raises(MediaTooManyPixelsError):
        decode_image(_png_bomb(20_000, 20_000), 10**10)


def test_not_an_image() -> None:
    with pytest.raises(MediaNotImageError, match="12 bytes are not a recognised image"):
        decode_image(b"hello world!", 64_000_000)


def test_truncated_jpeg_is_undecodable(jpeg: Callable[..., bytes]) -> None:
    data = jpeg(2)
    with pytest.raises(MediaDecodeError) as info:
        decode_image(data[: len(data) // 3], 64_000_000)
    assert info.value.status == "undecodable"


@pytest.mark.parametrize("mode", ["L", "P", "RGBA", "CMYK", "1", "LA"])
def test_other_modes_decode_to_rgb(mode: str) -> None:
    img = make_image(3, 200, 100, "shapes").convert(mode)
    buf = io.BytesIO()
    img.save(buf, "JPEG" if mode in {"L", "CMYK"} else "PNG")
    out = decode_image(buf.getvalue(), 64_000_000)
    assert out.mode == "RGB"
    assert out.size == (200, 100)


def test_palette_with_transparency_does_not_warn() -> None:
    img = make_image(4, 64, 64, "shapes").convert("P")
    img.info["transparency"] = 0
    buf = io.BytesIO()
    img.save(buf, "PNG", transparency=0)
    assert decode_image(buf.getvalue(), 64_000_000).mode == "RGB"


def test_gif_first_frame() -> None:
    frames = [make_image(s, 50, 40, "shapes").convert("P") for s in range(3)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:])
    assert decode_image(buf.getvalue(), 64_000_000).size == (50, 40)


def test_zero_sized_header_is_not_an_image() -> None:
    with pytest.raises(MediaDecodeError):
        decode_image(_png_bomb(0, 0), 64_000_000)


def test_warnings_do_not_escape(recwarn: pytest.WarningsRecorder) -> None:
    before = Image.MAX_IMAGE_PIXELS
    decode_image(encode(make_image(5, 300, 300, "noise"), "PNG"), 64_000_000)
    assert len(recwarn) == 0
    assert before == Image.MAX_IMAGE_PIXELS  # the global limit is never changed


@pytest.mark.parametrize("mode", ["RGB", "L", "RGBA", "P"])
def test_png_reduce_before_convert_gives_the_same_hashes(mode: str) -> None:
    """The faster PNG path (reduce in the file's mode, then RGB) loses no recall."""
    src = make_image(5, 2400, 1800, "scene").convert(mode)
    buf = io.BytesIO()
    src.save(buf, "PNG", compress_level=1)
    fast = decode_image(buf.getvalue(), 40_000_000, 16_000_000)
    # the previous path: convert the full raster to RGB first, then reduce
    old = src.convert("RGBA").convert("RGB") if mode in {"P", "RGBA"} else src.convert("RGB")
    old = old.reduce(reduction_factor(*src.size))
    assert fast.size == old.size
    diff = np.abs(np.asarray(fast, dtype=np.int16) - np.asarray(old, dtype=np.int16))
    assert int(diff.max()) <= 1
    pdq = PdqAlgorithm()
    a = pdq.compute(MediaInput(data=b"", image=fast))
    b = pdq.compute(MediaInput(data=b"", image=old))
    assert a is not None and b is not None
    assert pdq.distance(a.value, b.value) <= 2
