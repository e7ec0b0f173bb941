"""Signal detection: the config's phrase patterns compiled once, matched per message.

Each ``[grooming.signals.NAME]`` table becomes one alternation regex wrapped in
word boundaries. Categories are indexed by their position in name order, so an
index stored in a snapshotted state means the same category after a restart
with the same config.

Invariants:
    * Detection reads normalised text and returns category indexes only.
    * A category with no patterns (e.g. the ``sexual_content`` placeholder,
      whose lexicon the platform supplies) never fires.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tipline.schemas.grooming import GroomingConfig


@dataclass(frozen=True, slots=True)
class Category:
    """One compiled signal category."""

    index: int
    name: str
    stage: str
    weight: float
    either: bool
    sextortion: bool
    pattern: re.Pattern[str] | None


def compile_categories(cfg: GroomingConfig) -> tuple[Category, ...]:
    """Compile every configured category, in name order.

    Args:
        cfg: the ``[grooming]`` section.

    Returns:
        The categories; ``Category.index`` is the position in this tuple.

    """
    out: list[Category] = []
    for index, name in enumerate(sorted(cfg.signals)):
        spec = cfg.signals[name]
        pattern = None
        if spec.patterns:
            alternation = "|".join(f"(?:{p})" for p in spec.patterns)
            pattern = re.compile(rf"\b(?:{alternation})\b")
        out.append(
            Category(
                index=index,
                name=name,
                stage=spec.stage,
                weight=spec.weight,
                either=spec.direction == "either",
                sextortion="sextortion" in spec.flags,
                pattern=pattern,
            )
        )
    return tuple(out)


def detect(categories: tuple[Category, ...], text: str) -> tuple[int, ...]:
    """Return the indexes of the categories whose patterns match ``text``.

    Args:
        categories: from :func:`compile_categories`.
        text: normalised message text.

    Returns:
        Matching category indexes in ascending order.

    """
    if not text:
        return ()
    return tuple(c.index for c in categories if c.pattern is not None and c.pattern.search(text))
