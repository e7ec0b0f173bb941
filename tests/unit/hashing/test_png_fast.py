"""The fast PNG decoder (``tipline_png``) against Pillow's path: same pixels, same hashes.

Stated tolerance: at most 1 level per channel and PDQ <= 4 / pHash <= 2 bits
apart. Measured on these generated images: 0 levels and 0 bits (the extension
copies Pillow's fixed-point box means and its premultiplied alpha), so the
tolerance only leaves room for a later Pillow changing its rounding.
"""

from __future__ import annotations

import functools
import io
import zlib
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from tipline.operators.hashing import (
    Matcher,
    MediaInput,
    PdqAlgorithm,
    PhashAlgorithm,
    decode_png,
    default_algorithms,
    settings_from_config,
)
from tipline.operators.hashing.decode import decode_image, decode_opened, open_image
from tipline.schemas.hashing import HashingConfig, MediaDecodeError
from tipline.synth.images import make_image

pytestmark = pytest.mark.skipif(
    not decode_png.available(), reason="tipline_png not built (make venv builds it with cargo)"
)
CAP = 100_000_000
MAX_LEVELS = 1
MAX_PDQ_BITS = 4
MAX_PHASH_BITS = 2
_KINDS = ("noise", "gradient", "shapes", "scene")


def _png(img: Image.Image, **params: object) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG", **params)
    return out.getvalue()


def _with_alpha(img: Image.Image, seed: int) -> Image.Image:
    """RGBA with a noisy alpha channel, so premultiplied averaging matters."""
    rng = np.random.default_rng(seed)
    rgba = img.convert("RGBA")
    rgba.putalpha(Image.fromarray(rng.integers(0, 256, img.size[::-1], dtype=np.uint8)))
    return rgba


def _encode_mode(img: Image.Image, mode: str) -> bytes:
    encoders = {
        "RGB": lambda: _png(img),
        "RGBA": lambda: _png(_with_alpha(img, 1)),
        "L": lambda: _png(img.convert("L")),
        "LA": lambda: _png(_with_alpha(img, 2).convert("LA")),
        "P": lambda: _png(img.convert("P")),
        "P+tRNS": lambda: _png(img.convert("P"), transparency=3),
    }
    return encoders[mode]()


def _pillow(data: bytes) -> Image.Image:
    return decode_opened(open_image(data, CAP, CAP))  # without the bytes: Pillow's path


def _assert_same(data: bytes) -> None:
    fast_only = decode_png.reduce_png(data, 1, CAP)
    assert fast_only is not None, "the fast decoder refused an 8-bit PNG"
    fast, slow = decode_image(data, CAP, CAP), _pillow(data)
    assert fast.size == slow.size
    diff = np.abs(np.asarray(fast, dtype=int) - np.asarray(slow, dtype=int))
    assert int(diff.max()) <= MAX_LEVELS
    for algorithm, bits in ((PdqAlgorithm(), MAX_PDQ_BITS), (PhashAlgorithm(), MAX_PHASH_BITS)):
        a = algorithm.compute(MediaInput(data=b"", image=fast))
        b = algorithm.compute(MediaInput(data=b"", image=slow))
        assert a is not None
        assert b is not None
        assert algorithm.distance(a.value, b.value) <= bits


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "LA", "P", "P+tRNS"])
@pytest.mark.parametrize("kind", ["noise", "gradient", "shapes"])
@pytest.mark.parametrize("size", [(300, 200), (1537, 1031)])  # factor 1; 2 with partial blocks
def test_fast_path_matches_pillow(kind: str, mode: str, size: tuple[int, int]) -> None:
    _assert_same(_encode_mode(make_image(7, *size, kind), mode))


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
@pytest.mark.parametrize("size", [(2101, 1203), (8300, 120)])  # factor 4 and 9 (> 8192 px)
def test_fast_path_matches_pillow_when_reducing_more(mode: str, size: tuple[int, int]) -> None:
    _assert_same(_encode_mode(make_image(11, *size, "scene"), mode))


def test_hash_bytes_is_the_same_with_and_without_the_extension(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _png(make_image(5, 1400, 1000, "scene"))
    config = settings_from_config(HashingConfig())
    fast = Matcher(default_algorithms(), config, 4).hash_bytes(data, regions=True)
    monkeypatch.setattr(decode_png, "EXTENSION", None)
    slow = Matcher(default_algorithms(), config, 4).hash_bytes(data, regions=True)
    assert fast[0] == slow[0]
    assert fast[1].computed == slow[1].computed
    assert fast[1].regions == slow[1].regions


@pytest.mark.parametrize(
    "img",
    [
        Image.fromarray(np.arange(60000, dtype=np.uint16).reshape(200, 300)),  # 16-bit
        make_image(3, 300, 200, "shapes").convert("1"),  # 1-bit samples
        make_image(3, 300, 200, "shapes").convert("P", colors=16),  # 4-bit palette
    ],
    ids=["16-bit", "1-bit", "4-bit palette"],
)
def test_formats_it_does_not_handle_go_to_pillow(img: Image.Image) -> None:
    data = _png(img, bits=4) if img.mode == "P" else _png(img)
    assert decode_png.reduce_png(data, 1, CAP) is None
    assert decode_image(data, CAP, CAP).size == (300, 200)


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    pos, out = 8, []
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        out.append((data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return out


def _assemble(chunks: list[tuple[bytes, bytes]]) -> bytes:
    body = b"".join(
        len(b).to_bytes(4, "big") + k + b + zlib.crc32(k + b).to_bytes(4, "big") for k, b in chunks
    )
    return b"\x89PNG\r\n\x1a\n" + body


@functools.cache
def _broken() -> dict[str, bytes]:
    good = _png(make_image(4, 600, 400, "scene"))
    chunks = _chunks(good)
    header = [c for c in chunks if c[0] != b"IDAT" and c[0] != b"IEND"]
    rows = zlib.decompress(b"".join(b for k, b in chunks if k == b"IDAT"))
    bad_filter = bytes([9]) + rows[1:]
    return {
        "truncated": good[: len(good) // 2],
        "idat missing": _assemble([*header, (b"IEND", b"")]),
        "zlib garbage": _assemble([*header, (b"IDAT", b"\x78\x9c" + bytes(500)), (b"IEND", b"")]),
        "short rows": _assemble([*header, (b"IDAT", zlib.compress(rows[:5000])), (b"IEND", b"")]),
        "bad filter": _assemble([*header, (b"IDAT", zlib.compress(bad_filter)), (b"IEND", b"")]),
    }


@pytest.mark.parametrize("name", list(_broken()))
def test_broken_pngs_get_pillows_verdict(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _broken()[name]
    assert decode_png.reduce_png(data, 2, CAP) is None
    with pytest.raises(MediaDecodeError) as fast:
        decode_image(data, CAP, CAP)
    monkeypatch.setattr(decode_png, "EXTENSION", None)
    with pytest.raises(MediaDecodeError) as slow:
        decode_image(data, CAP, CAP)
    assert type(fast.value) is type(slow.value)
    assert str(fast.value) == str(slow.value)


def test_the_extension_rechecks_the_pixel_cap() -> None:
    data = _png(make_image(1, 300, 200, "shapes"))
    assert decode_png.reduce_png(data, 1, 300 * 200 - 1) is None
    assert decode_png.EXTENSION is not None
    with pytest.raises(ValueError, match="exceeds max_pixels"):
        decode_png.EXTENSION.reduce_png(data, 1, 300 * 200 - 1)
    with pytest.raises(ValueError, match="factor"):
        decode_png.EXTENSION.reduce_png(data, 0, CAP)


_SMALL = _png(make_image(8, 64, 48, "scene"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(_SMALL) - 1), st.integers(0, 255)), max_size=8))
def test_mutated_pngs_never_crash_the_extension(edits: list[tuple[int, int]]) -> None:
    data = bytearray(_SMALL)
    for pos, value in edits:
        data[pos] = value
    out = decode_png.reduce_png(bytes(data), 2, CAP)  # an image or None, never an exception
    assert out is None or out.size == (32, 24)


def _paeth(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    p = a + b - c
    pa, pb, pc = np.abs(p - a), np.abs(p - b), np.abs(p - c)
    return np.where((pa <= pb) & (pa <= pc), a, np.where(pb <= pc, b, c))


def _filtered_png(pixels: np.ndarray, color_type: int) -> bytes:
    """A PNG whose rows cycle through all five filter types (Pillow's encoder picks few)."""
    height, width, bpp = pixels.shape
    rows = pixels.reshape(height, width * bpp).astype(np.int32)
    out = []
    for y in range(height):
        x = rows[y]
        up = rows[y - 1] if y else np.zeros_like(x)
        left = np.concatenate([np.zeros(bpp, np.int32), x[:-bpp]])
        upleft = np.concatenate([np.zeros(bpp, np.int32), up[:-bpp]])
        predictors = [0 * x, left, up, (left + up) // 2, _paeth(left, up, upleft)]
        kind = y % 5
        out.append(bytes([kind]) + ((x - predictors[kind]) % 256).astype(np.uint8).tobytes())
    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, color_type, 0, 0, 0])
    chunks = [(b"IHDR", ihdr), (b"IDAT", zlib.compress(b"".join(out))), (b"IEND", b"")]
    return _assemble(chunks)


@pytest.mark.parametrize(("color_type", "bpp"), [(0, 1), (4, 2), (2, 3), (6, 4)])
@pytest.mark.parametrize("size", [(211, 157), (1301, 1027)])
def test_every_row_filter_decodes_as_pillow_does(
    color_type: int, bpp: int, size: tuple[int, int]
) -> None:
    rng = np.random.default_rng(color_type)
    base = np.asarray(make_image(9, *size, "scene").convert("RGBA"), dtype=np.uint8)
    pixels = base[:, :, :bpp] if bpp != 2 else base[:, :, [0, 3]]
    pixels = np.where(rng.random(pixels.shape) < 0.05, 255 - pixels, pixels).astype(np.uint8)
    _assert_same(_filtered_png(pixels, color_type))


@functools.cache
def _trailers() -> dict[str, bytes]:
    """The zlib stream's header and Adler-32 trailer edited (the extension checks both itself)."""
    good = _png(make_image(4, 600, 400, "scene"))
    chunks = _chunks(good)
    header = [c for c in chunks if c[0] not in (b"IDAT", b"IEND")]
    stream = b"".join(b for k, b in chunks if k == b"IDAT")
    streams = {
        "wrong checksum": stream[:-1] + bytes([stream[-1] ^ 1]),
        "no checksum": stream[:-4],
        "half a checksum": stream[:-2],
        "preset dictionary flag": bytes([0x78, 0xBB]) + stream[2:],
        "bytes after the checksum": stream + bytes(7),
    }
    return {k: _assemble([*header, (b"IDAT", s), (b"IEND", b"")]) for k, s in streams.items()}


@pytest.mark.parametrize("name", list(_trailers()))
def test_the_checksum_and_zlib_header_are_checked_as_before(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bad checksum or header is refused; Pillow's verdict stands (it accepts a missing one).

    The checksum is computed row by row during the unfiltering instead of by
    libdeflate after the inflate: the same streams must be accepted and refused.
    """
    data = _trailers()[name]
    fast = decode_png.reduce_png(data, 2, CAP)
    assert (fast is not None) == (name == "bytes after the checksum")
    try:
        with_extension: Image.Image | str = decode_image(data, CAP, CAP)
    except MediaDecodeError as exc:
        with_extension = str(exc)
    monkeypatch.setattr(decode_png, "EXTENSION", None)
    try:
        pillow: Image.Image | str = decode_image(data, CAP, CAP)
    except MediaDecodeError as exc:
        pillow = str(exc)
    assert isinstance(with_extension, str) == isinstance(pillow, str)
    if isinstance(pillow, str):
        assert with_extension == pillow
        assert name in {"wrong checksum", "preset dictionary flag"}
    else:
        assert not isinstance(with_extension, str)
        assert np.array_equal(np.asarray(with_extension), np.asarray(pillow))


def test_a_reused_row_buffer_never_leaks_the_previous_image() -> None:
    """Each thread keeps its last row buffer: a smaller or failed decode between changes nothing."""
    big = _png(make_image(11, 1500, 1000, "noise"))
    small = _png(make_image(12, 300, 200, "gradient"))
    fresh = {k: decode_png.reduce_png(v, 2, CAP) for k, v in (("big", big), ("small", small))}
    extension = decode_png.EXTENSION
    assert extension is not None
    for name in ("small", "big", "small", "big"):
        with pytest.raises(ValueError, match="PNG decode failed"):
            extension.reduce_png(_broken()["short rows"], 2, CAP)
        again = decode_png.reduce_png(big if name == "big" else small, 2, CAP)
        expected = fresh[name]
        assert again is not None
        assert expected is not None
        assert again.tobytes() == expected.tobytes()


def test_threads_decoding_at_once_get_their_own_images() -> None:
    images = [_png(make_image(20 + i, 800, 600, kind)) for i, kind in enumerate(_KINDS)]

    def decoded(data: bytes) -> bytes:
        out = decode_png.reduce_png(data, 2, CAP)
        assert out is not None
        return out.tobytes()

    want = [decoded(d) for d in images]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(decoded, images * 4))
    assert got == want * 4
