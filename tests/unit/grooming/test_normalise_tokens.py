"""Undoing apostrophes and stretching per token gives what undoing them on the whole text gave."""

from __future__ import annotations

import json
import random
import unicodedata

from tests.unit.grooming.conftest import REPO
from tipline.operators.grooming import Scorer
from tipline.operators.grooming.normalise import (
    _APOSTROPHES,
    _REPEATS,
    Normaliser,
    _token_words,
    normalise,
)


def _whole_text(text: str, norm: Normaliser) -> str:
    """The previous order: both substitutions over the whole text, then split (no memo)."""
    if text.isascii():
        s = text.lower()
    else:
        s = unicodedata.normalize("NFKC", text).lower().translate(norm.emoji_table)
    s = _REPEATS.sub(r"\1\1", _APOSTROPHES.sub("", s))
    words: list[str] = []
    for raw in s.split():
        # raw has no apostrophes and no runs left, so _token_words leaves those as they are
        words.extend(_token_words(raw, norm))
    return " ".join(words)


def test_normalise_equals_the_whole_text_order_on_corpora_and_random_text(scorer: Scorer) -> None:
    texts: list[str] = []
    for name in ("author-a", "author-b", "author-c", "synth"):
        with (REPO / "corpora" / name / "events.jsonl").open(encoding="utf-8") as f:
            texts += [json.loads(line).get("text") or "" for line in f]
    rng = random.Random(11)
    pieces = [
        "'",
        "\u2019",
        "`",
        "\u2018",
        " ",
        "  ",
        "\t",
        "\n",
        "\u3000",
        "o",
        "oo",
        "s",
        "3",
        "33",
    ]
    pieces += [
        "!!!",
        "a",
        "so",
        "ur",
        "u",
        "\U0001f60d",
        "\ufe0f",
        "_",
        "\u00e9",
        "e\u0301",
        "4",
        "$",
        "zzz",
    ]
    for _ in range(20000):
        texts.append("".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))))
    for text in texts:
        assert normalise(text, scorer.normaliser) == _whole_text(text, scorer.normaliser), text
