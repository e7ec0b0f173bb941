"""Shared helpers for hash-matching tests: generated images and list files only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tipline.operators.hashing import Matcher, default_algorithms, settings_from_config
from tipline.schemas.hashing import HashingConfig
from tipline.synth.images import encode, make_image


@pytest.fixture(scope="session")
def jpeg() -> Callable[..., bytes]:
    """Return a factory of generated JPEG bytes: jpeg(seed, kind='scene', w=640, h=480)."""

    def make(seed: int, kind: str = "scene", width: int = 640, height: int = 480) -> bytes:
        return encode(make_image(seed, width, height, kind), "JPEG", 90)

    return make


@pytest.fixture
def matcher() -> Matcher:
    return Matcher(default_algorithms(), settings_from_config(HashingConfig()), cache_entries=64)


def write_list(path: Path, rows: list[tuple[str, str, str, str, str]]) -> Path:
    """Write a docs/contract.md §2 CSV list."""
    lines = ["algorithm,hash,list,id,category", *(",".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
