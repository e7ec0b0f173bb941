"""Shared pytest fixtures: paths to the contract examples and the repo root."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def contract_examples() -> Path:
    path = SHARED / "contract" / "examples"
    if not path.is_dir():
        pytest.fail(f"contract examples not found at {path}")
    return path
