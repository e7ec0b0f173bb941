"""The space-anchored form of the signal patterns finds exactly what the original finds."""

from __future__ import annotations

import json
import random

import pytest

from tests.unit.grooming.conftest import REPO
from tipline.operators.grooming import Scorer
from tipline.operators.grooming.normalise import normalise
from tipline.operators.grooming.signals import _starts_at_word, detect


def _original(scorer: Scorer, text: str) -> tuple[int, ...]:
    if not text:
        return ()
    cats = scorer.categories
    return tuple(c.index for c in cats if c.pattern is not None and c.pattern.search(text))


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("how old are you|asl", True),
        ("(are )?your parents (asleep|away)", True),
        ("gift ?cards?", True),
        ("[a-c]x|v ?bucks", True),
        ("(?=ab)abc", True),
        ("^(ok )?mom", False),  # an anchor at the start of the text
        ("(?<!my )sister", False),  # looks before the match
        ("mom|(?<!x)dad", False),
        (r"\bab", False),  # an assertion first: unsure
        (r"\d+ hours", False),  # a category first: unsure
        ("(a )?", False),  # can match nothing
        (" ab", False),  # starts with a space, not a word character
        ("(?i:ab)", False),  # flags change what the first character may be
        ("(", False),  # not a pattern
    ],
)
def test_which_patterns_take_the_spaced_form(pattern: str, expected: bool) -> None:
    assert _starts_at_word(pattern) is expected


def test_the_default_config_uses_the_spaced_form_for_most_categories(scorer: Scorer) -> None:
    with_patterns = [c for c in scorer.categories if c.pattern is not None]
    assert sum(c.spaced is not None for c in with_patterns) >= len(with_patterns) - 1
    family = next(c for c in scorer.categories if c.name == "family_context")
    assert family.spaced is None  # its patterns anchor at "^"


def test_detect_equals_the_original_patterns_on_corpus_and_random_text(scorer: Scorer) -> None:
    texts: list[str] = []
    for name in ("author-a", "author-b", "author-c"):
        with (REPO / "corpora" / name / "events.jsonl").open(encoding="utf-8") as f:
            for line in f:
                raw = json.loads(line).get("text") or ""
                texts += [raw, normalise(raw, scorer.normaliser)]
    rng = random.Random(7)
    words = [w for t in texts[1::2] for w in t.split()]
    alphabet = "abcdeilmnorstuy0123456789 _'é.-"
    for _ in range(5000):
        texts.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))))
        texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))))
        texts.append("  " + texts[-2] + " ")  # spaces at the ends and doubled
    fired = 0
    for text in texts:
        found = detect(scorer.categories, text)
        assert found == _original(scorer, text), text
        fired += bool(found)
    assert fired > 1000


def test_a_text_that_is_not_words_and_spaces_uses_the_original_patterns(scorer: Scorer) -> None:
    secrecy = next(c for c in scorer.categories if c.name == "secrecy")
    assert secrecy.spaced is not None
    # "." is neither a word character nor a space: a word starts after it, which the
    # spaced form alone does not see, so such text goes to the original patterns
    assert not secrecy.spaced.search(" x.our secret")
    assert secrecy.index in detect(scorer.categories, "x.our secret")
    assert secrecy.index in detect(scorer.categories, "x our secret")
    assert secrecy.index not in detect(scorer.categories, "x_our secret")
