from __future__ import annotations

from typing import Any

import pytest

from tests.unit.grooming.conftest import REPO
from tipline.operators.grooming import Scorer
from tipline.operators.grooming.normalise import normalise
from tipline.operators.grooming.signals import detect
from tipline.schemas.config import parse_config, read_layers
from tipline.schemas.errors import ConfigError


def fired(scorer: Scorer, text: str) -> set[str]:
    found = detect(scorer.categories, normalise(text, scorer.normaliser))
    return {scorer.categories[i].name for i in found}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("how old r u?", "age_probe"),
        ("age is just a number", "age_gap"),
        ("where do u live", "personal_info"),
        ("r u home alone rn", "parental_check"),
        ("do ur parents check ur phone", "parental_check"),
        ("dont tell ur mom ok", "secrecy"),
        ("delete our chat", "secrecy"),
        ("ur friends dont understand u", "isolation"),
        ("ur so pretty", "flattery"),
        ("add me on snap", "off_platform"),
        ("send me a selfie", "image_request"),
        ("i can buy u robux", "gifts"),
        ("we should meet up", "meeting"),
        ("do u trust me?", "compliance_testing"),
        ("ill post ur pics", "threats"),
        ("ok mom", "family_context"),
        ("practice is at 5", "team_context"),
        ("its a surprise party!", "surprise_context"),
    ],
)
def test_category_fires(scorer: Scorer, text: str, category: str) -> None:
    assert category in fired(scorer, text)


@pytest.mark.parametrize(
    "text",
    [
        "send me a photo of the permission form",
        "how was school today",
        "lol same",
        "what old movie should we watch",
    ],
)
def test_benign_lines_fire_no_risk_category(scorer: Scorer, text: str) -> None:
    risky = {c.name for c in scorer.categories if c.weight > 0}
    assert not fired(scorer, text) & risky


def test_placeholder_category_never_fires(scorer: Scorer) -> None:
    placeholder = next(c for c in scorer.categories if c.name == "sexual_content")
    assert placeholder.pattern is None


def _doc() -> dict[str, Any]:
    return read_layers(REPO / "config" / "default.toml")  # the overlay merged over its base


def test_bad_pattern_fails_at_start_naming_the_key() -> None:
    doc = _doc()
    doc["grooming"]["signals"]["age_probe"]["patterns"] = ["(unclosed"]
    with pytest.raises(ConfigError, match=r"signals\.age_probe: pattern .* does not compile"):
        parse_config(doc)


def test_context_weight_must_be_negative() -> None:
    doc = _doc()
    doc["grooming"]["signals"]["family_context"]["weight"] = 0.5
    with pytest.raises(ConfigError, match="family_context"):
        parse_config(doc)


def test_unknown_co_occurrence_name_fails() -> None:
    doc = _doc()
    doc["grooming"]["co_occurrence"][0]["signals"] = ["secrecy", "nope"]
    with pytest.raises(ConfigError, match="'nope'"):
        parse_config(doc)


def test_lateness_must_be_below_window() -> None:
    doc = _doc()
    doc["grooming"]["allowed_lateness_s"] = doc["grooming"]["window_s"]
    with pytest.raises(ConfigError, match="allowed_lateness_s"):
        parse_config(doc)


def test_unknown_key_fails() -> None:
    doc = _doc()
    doc["grooming"]["signals"]["age_probe"]["wieght"] = 1.0
    with pytest.raises(ConfigError, match="wieght"):
        parse_config(doc)
