"""Helpers shared by test modules (not fixtures): config fragments from the base config."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def grooming_block() -> str:
    """The scorer's lexicon, stages and thresholds from the base config.

    A config without the ``[grooming]`` section has no signal patterns; test
    configs append this block to score like the default.
    """
    text = (REPO / "config" / "base.toml").read_text(encoding="utf-8")
    start = text.index("# ---- grooming")
    return text[start : text.index("# ---- end grooming ----", start)]
