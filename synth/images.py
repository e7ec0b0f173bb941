"""Deterministic generated test images and the transforms copies go through.

Nothing here is, or resembles, real media: images are noise, gradients and
geometric shapes drawn from a seed. The same ``(seed, width, height, kind)``
always gives the same pixels, so "known" hash lists can hold hashes of these
images and tests, demos and benchmarks agree on them.

API:
    ``make_image(seed, width, height, kind) -> PIL.Image.Image`` (RGB)
    ``encode(img, fmt="JPEG", quality=90) -> bytes``
    ``TRANSFORMS[name](data, rng) -> bytes``: a transformed copy, re-encoded;
    parameters are drawn from ``rng`` within the documented ranges.
    ``ROBUST_TRANSFORMS``: the families of the robustness benchmark (small
    rotation, crop, overlay block, brightness, mirror, border).
    ``make_text_like(seed, width, height)``: text-like glyph rows (no real text).
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from typing import Final

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance

KINDS: Final = ("noise", "gradient", "shapes", "scene", "uniform")

Transform = Callable[[bytes, random.Random], bytes]


def make_image(seed: int, width: int, height: int, kind: str = "scene") -> Image.Image:
    """Return a generated RGB image.

    Args:
        seed: any integer; the same arguments always give the same pixels.
        width: width in pixels (>= 1).
        height: height in pixels (>= 1).
        kind: ``noise`` (blurred colour noise at a random scale), ``gradient``
            (sums of smooth random waves), ``shapes`` (random ellipses, boxes
            and polygons), ``scene`` (gradient + shapes + grain, the closest to a
            photo's statistics) or ``uniform`` (one colour with +-2 grain: PDQ
            quality near 0, the classic false-positive trap).

    Raises:
        ValueError: an unknown kind or a non-positive size.

    """
    if kind not in KINDS:
        msg = f"{kind!r} is not an image kind (expected one of {KINDS})"
        raise ValueError(msg)
    if width < 1 or height < 1:
        msg = f"image size {width}x{height} is not positive"
        raise ValueError(msg)
    rng = np.random.default_rng([seed, KINDS.index(kind)])
    arr = _MAKERS[kind](rng, width, height)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")


def _noise(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    cells = int(rng.integers(6, 40))
    small = rng.integers(0, 256, (max(2, cells * h // max(w, h)), cells, 3), dtype=np.uint8)
    img = Image.fromarray(small, "RGB").resize((w, h), Image.Resampling.BICUBIC)
    return np.asarray(img).astype(np.float32) + rng.normal(0, 6, (h, w, 1))


def _gradient(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    x /= max(w, h)
    y /= max(w, h)
    out = np.zeros((h, w, 3), dtype=np.float32)
    for _ in range(4):
        angle, freq, phase = rng.uniform(0, np.pi), rng.uniform(2, 9), rng.uniform(0, 6.3)
        wave = np.sin(freq * 6.3 * (x * np.cos(angle) + y * np.sin(angle)) + phase)
        out += wave[:, :, None] * rng.uniform(-35, 35, 3).astype(np.float32)
    return out + rng.uniform(90, 165, 3).astype(np.float32)


def _shapes(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    img = Image.new("RGB", (w, h), _colour(rng))
    draw = ImageDraw.Draw(img)
    for _ in range(int(rng.integers(8, 20))):
        x0, x1 = sorted(int(v) for v in rng.integers(-w // 4, w + w // 4, 2))
        y0, y1 = sorted(int(v) for v in rng.integers(-h // 4, h + h // 4, 2))
        shape = int(rng.integers(0, 3))
        if shape == 0:
            draw.ellipse([x0, y0, x1, y1], fill=_colour(rng))
        elif shape == 1:
            draw.rectangle([x0, y0, x1, y1], fill=_colour(rng))
        else:
            pts = [(int(rng.integers(0, w)), int(rng.integers(0, h))) for _ in range(3)]
            draw.polygon(pts, fill=_colour(rng))
    return np.asarray(img).astype(np.float32)


def _scene(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    base = 0.5 * _gradient(rng, w, h) + 0.5 * _shapes(rng, w, h)
    return base + rng.normal(0, 4, (h, w, 1))


def _uniform(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    colour = rng.uniform(20, 235, 3).astype(np.float32)
    return colour + rng.integers(-2, 3, (h, w, 3)).astype(np.float32)


_MAKERS: Final = {
    "noise": _noise,
    "gradient": _gradient,
    "shapes": _shapes,
    "scene": _scene,
    "uniform": _uniform,
}


def _colour(rng: np.random.Generator) -> tuple[int, int, int]:
    r, g, b = (int(v) for v in rng.integers(0, 256, 3))
    return (r, g, b)


def encode(img: Image.Image, fmt: str = "JPEG", quality: int = 90) -> bytes:
    """Encode ``img`` as ``JPEG`` or ``PNG`` bytes (no metadata)."""
    buf = io.BytesIO()
    if fmt.upper() == "JPEG":
        img.convert("RGB").save(buf, "JPEG", quality=quality)
    elif fmt.upper() == "PNG":
        img.save(buf, "PNG", compress_level=1)
    else:
        msg = f"{fmt!r} is not a supported format (expected JPEG or PNG)"
        raise ValueError(msg)
    return buf.getvalue()


def _decode(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as img:
        return img.convert("RGB")


def _fmt(data: bytes) -> str:
    return "PNG" if data.startswith(b"\x89PNG") else "JPEG"


def jpeg_reencode(data: bytes, rng: random.Random) -> bytes:
    """Re-encode as JPEG at a quality drawn from 40..90."""
    return encode(_decode(data), "JPEG", rng.randint(40, 90))


def resize(data: bytes, rng: random.Random) -> bytes:
    """Scale both sides to 30..80% (same format)."""
    img = _decode(data)
    f = rng.uniform(0.3, 0.8)
    size = (max(1, round(img.width * f)), max(1, round(img.height * f)))
    return encode(img.resize(size, Image.Resampling.BILINEAR), _fmt(data))


def brightness_contrast(data: bytes, rng: random.Random) -> bytes:
    """Change brightness and contrast by factors drawn from 0.8..1.2."""
    img = ImageEnhance.Brightness(_decode(data)).enhance(rng.uniform(0.8, 1.2))
    img = ImageEnhance.Contrast(img).enhance(rng.uniform(0.8, 1.2))
    return encode(img, _fmt(data))


def hflip(data: bytes, rng: random.Random) -> bytes:
    """Mirror left to right."""
    del rng
    return encode(_decode(data).transpose(Image.Transpose.FLIP_LEFT_RIGHT), _fmt(data))


def rotate90(data: bytes, rng: random.Random) -> bytes:
    """Rotate by 90 degrees (direction drawn from ``rng``)."""
    turn = Image.Transpose.ROTATE_90 if rng.random() < 0.5 else Image.Transpose.ROTATE_270
    return encode(_decode(data).transpose(turn), _fmt(data))


def format_swap(data: bytes, rng: random.Random) -> bytes:
    """PNG becomes JPEG (quality 75..95) and JPEG becomes PNG."""
    img = _decode(data)
    return encode(img, "PNG") if _fmt(data) == "JPEG" else encode(img, "JPEG", rng.randint(75, 95))


def watermark(data: bytes, rng: random.Random) -> bytes:
    """Blend a small translucent label (about 1/8 of the width) into a corner."""
    img = _decode(data).convert("RGBA")
    label = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(label)
    bw, bh = max(8, img.width // 8), max(4, img.height // 24)
    x = rng.choice((4, img.width - bw - 4))
    y = rng.choice((4, img.height - bh - 4))
    draw.rectangle([x, y, x + bw, y + bh], fill=(255, 255, 255, 70))
    draw.text((x + 2, y + 1), "tipline", fill=(0, 0, 0, 110))
    return encode(Image.alpha_composite(img, label).convert("RGB"), _fmt(data))


TRANSFORMS: Final[dict[str, Transform]] = {
    "jpeg_reencode": jpeg_reencode,
    "resize": resize,
    "brightness_contrast": brightness_contrast,
    "hflip": hflip,
    "rotate90": rotate90,
    "format_swap": format_swap,
    "watermark": watermark,
}


def small_rotation(data: bytes, rng: random.Random) -> bytes:
    """Rotate by 1..4 degrees either way; the corners are filled black (the frame grows)."""
    angle = rng.uniform(1.0, 4.0) * rng.choice((-1, 1))
    img = _decode(data).rotate(angle, resample=Image.Resampling.BILINEAR, expand=True)
    return encode(img, _fmt(data))


def small_crop(data: bytes, rng: random.Random) -> bytes:
    """Cut 2..10 % off each side independently; half the time change brightness by 0.85..1.15."""
    img = _decode(data)
    w, h = img.size
    left, right = (int(w * rng.uniform(0.02, 0.10)) for _ in range(2))
    top, bottom = (int(h * rng.uniform(0.02, 0.10)) for _ in range(2))
    img = img.crop((left, top, w - right, h - bottom))
    if rng.random() < 0.5:
        img = ImageEnhance.Brightness(img).enhance(rng.uniform(0.85, 1.15))
    return encode(img, _fmt(data))


def overlay_block(data: bytes, rng: random.Random) -> bytes:
    """Paste an opaque logo-like block (10..18 % of the width) into a random corner."""
    img = _decode(data)
    w, h = img.size
    bw = int(w * rng.uniform(0.10, 0.18))
    bh = int(bw * rng.uniform(0.4, 1.0))
    x = rng.choice((int(w * 0.02), w - bw - int(w * 0.02)))
    y = rng.choice((int(h * 0.02), h - bh - int(h * 0.02)))
    draw = ImageDraw.Draw(img)
    fill = tuple(rng.randrange(256) for _ in range(3))
    draw.rectangle([x, y, x + bw, y + bh], fill=fill)
    draw.ellipse(
        [x + bw // 5, y + bh // 5, x + bw - bw // 5, y + bh - bh // 5], fill=(255, 255, 255)
    )
    draw.text((x + 3, y + 3), "logo", fill=(0, 0, 0))
    return encode(img, _fmt(data))


def brightness(data: bytes, rng: random.Random) -> bytes:
    """Change brightness by 0.7..0.85 or 1.15..1.3 and contrast by 0.85..1.15."""
    factor = rng.uniform(0.7, 0.85) if rng.random() < 0.5 else rng.uniform(1.15, 1.3)
    img = ImageEnhance.Brightness(_decode(data)).enhance(factor)
    img = ImageEnhance.Contrast(img).enhance(rng.uniform(0.85, 1.15))
    return encode(img, _fmt(data))


def mirror(data: bytes, rng: random.Random) -> bytes:
    """Mirror left to right or top to bottom, then re-encode at JPEG quality 70..90."""
    turn = (
        Image.Transpose.FLIP_LEFT_RIGHT if rng.random() < 0.7 else Image.Transpose.FLIP_TOP_BOTTOM
    )
    return encode(_decode(data).transpose(turn), "JPEG", rng.randint(70, 90))


def border(data: bytes, rng: random.Random) -> bytes:
    """Letterbox, pillarbox or frame with a uniform colour (5..15 % of the size)."""
    img = _decode(data)
    w, h = img.size
    colour = rng.choice(((0, 0, 0), (255, 255, 255), (rng.randrange(256),) * 3))
    kind = rng.choice(("letterbox", "pillarbox", "frame"))
    dx = int(w * rng.uniform(0.05, 0.15)) if kind != "letterbox" else 0
    dy = int(h * rng.uniform(0.05, 0.15)) if kind != "pillarbox" else 0
    canvas = Image.new("RGB", (w + 2 * dx, h + 2 * dy), colour)
    canvas.paste(img, (dx, dy))
    return encode(canvas, _fmt(data))


ROBUST_TRANSFORMS: Final[dict[str, Transform]] = {
    "rotation": small_rotation,
    "crop": small_crop,
    "overlay": overlay_block,
    "brightness": brightness,
    "mirror": mirror,
    "border": border,
}
"""The transform families of the robustness benchmark (docs/hashing.md), one per family."""


def make_text_like(seed: int, width: int, height: int) -> Image.Image:
    """Return a text-like pattern: rows of dark glyph blocks on a light page (no real text)."""
    rng = np.random.default_rng([seed, 99])
    page = np.full((height, width, 3), rng.uniform(215, 250), dtype=np.float32)
    line_h = int(rng.integers(10, 28))
    y = int(rng.integers(4, 20))
    while y + line_h < height - 4:
        x = int(rng.integers(4, 24))
        while x < width - 8:
            gw = int(rng.integers(line_h // 3, line_h))
            if rng.random() < 0.85:
                glyph = rng.random((line_h - 4, gw)) < rng.uniform(0.3, 0.6)
                page[y + 2 : y + line_h - 2, x : x + gw][glyph[:, : max(0, min(gw, width - x))]] = (
                    rng.uniform(0, 80)
                )
            x += gw + int(rng.integers(2, 12))
        y += line_h + int(rng.integers(2, 10))
    return Image.fromarray(np.clip(page, 0, 255).astype(np.uint8), "RGB")


def apply_transform(name: str, data: bytes, seed: int) -> bytes:
    """Apply ``TRANSFORMS[name]`` with parameters drawn from ``seed``.

    Raises:
        KeyError: ``name`` is not a transform.

    """
    return TRANSFORMS[name](data, random.Random(seed))
