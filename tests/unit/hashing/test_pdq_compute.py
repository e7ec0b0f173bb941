"""PDQ hashes any decoded image as its RGB conversion (a generated gradient, no real imagery)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from tipline.operators.hashing.algorithm import MediaInput
from tipline.operators.hashing.pdq import ORIENTATIONS, PdqAlgorithm


def _gradient() -> Image.Image:
    y, x = np.mgrid[0:96, 0:128]
    rgb = np.stack([(x * 2) % 256, (y * 3) % 256, ((x + y) * 5) % 256], axis=-1)
    return Image.fromarray(rgb.astype(np.uint8), "RGB")


@pytest.mark.parametrize("mode", ["L", "RGBA", "P", "CMYK"])
def test_an_image_in_another_mode_hashes_as_its_rgb_conversion(mode: str) -> None:
    other = _gradient().convert(mode)
    pdq = PdqAlgorithm()
    got = pdq.compute(MediaInput(data=b"", image=other))
    want = pdq.compute(MediaInput(data=b"", image=other.convert("RGB")))
    assert got is not None
    assert want is not None
    assert got == want
    assert [o for o, _ in got.variants] == list(ORIENTATIONS)
