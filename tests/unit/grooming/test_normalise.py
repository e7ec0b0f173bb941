from __future__ import annotations

import pytest

from tipline.operators.grooming import Scorer
from tipline.operators.grooming.normalise import normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HEY, How OLD r u???", "hey how old are you"),
        ("soooo cuuuute", "soo cuute"),
        ("s3cr3t", "secret"),
        ("d0nt t3ll any1", "do not tell anyone"),
        ("I'm 13, in 8th grade", "i am 13 in 8th grade"),
        ("13yo here", "13yo here"),
        ("🤫 ok", "shh ok"),
        ("send a pic 📸!!", "send a picture photo"),
        ("what\u2019s ur snapchat", "what is your snap"),
        ("   ", ""),
    ],
)
def test_normalise(scorer: Scorer, raw: str, expected: str) -> None:
    assert normalise(raw, scorer.normaliser) == expected


def test_unknown_emoji_and_punctuation_vanish(scorer: Scorer) -> None:
    assert normalise("hi 🦄 -- there ...", scorer.normaliser) == "hi there"


def test_output_is_plain_words(scorer: Scorer) -> None:
    out = normalise(
        "\u00dcn\u00efcode \uff26\uff35\uff2c\uff2c @home $$$ 4ever!", scorer.normaliser
    )
    assert out == out.lower()
    assert "  " not in out
    assert all(ch.isalnum() or ch == " " for ch in out)
