r"""Signal detection: the config's phrase patterns compiled once, matched per message.

Each ``[grooming.signals.NAME]`` table becomes one alternation regex wrapped in
word boundaries. Categories are indexed by their position in name order, so an
index stored in a snapshotted state means the same category after a restart
with the same config.

Invariants:
    * Detection reads normalised text and returns category indexes only.
    * A category with no patterns (e.g. the ``sexual_content`` placeholder,
      whose lexicon the platform supplies) never fires.

Speed, exactly: ``\b(?:A)\b`` has no first character for the regex engine
to scan for, so it runs the whole alternation at every position of the text.
Normalised text is words of word characters separated by spaces, so when
every match of ``A`` starts with a word character and ``A`` never looks
before its start (no look-behind, no ``^``), "a word starts here" is "a
space or the start is just before": the same search is ``" (?=[F])(?:A)\b"``
over ``" " + text`` (``F``: the characters a match of ``A`` can start with),
which the engine runs only after each space and gives up at once on a word
that starts with another character. Any other text (a character that is
neither a word character nor a space) and any other pattern use the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

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
    # the same search over " " + text, for text of words and spaces (see the module docstring)
    spaced: re.Pattern[str] | None = None


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
        pattern = spaced = None
        if spec.patterns:
            alternation = "|".join(f"(?:{p})" for p in spec.patterns)
            pattern = re.compile(rf"\b(?:{alternation})\b")
            first = _word_start_chars(alternation)
            if first is not None:
                # the look-ahead rejects at once a word that no alternative can start with
                spaced = re.compile(rf" (?=[{first}])(?:{alternation})\b")
        out.append(
            Category(
                index=index,
                name=name,
                stage=spec.stage,
                weight=spec.weight,
                either=spec.direction == "either",
                sextortion="sextortion" in spec.flags,
                pattern=pattern,
                spaced=spaced,
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
    if text.replace(" ", "").isalnum():  # words and spaces only (as normalising leaves it)
        padded = " " + text
        return tuple(
            c.index
            for c in categories
            if c.pattern is not None
            and (c.spaced.search(padded) if c.spaced is not None else c.pattern.search(text))
        )
    return tuple(c.index for c in categories if c.pattern is not None and c.pattern.search(text))


def _word_start_chars(alternation: str) -> str | None:
    """Return the characters a match of the pattern can start with, when it has a spaced form."""
    if not _starts_at_word(alternation):
        return None
    first, _ = _first(sre_parse.parse(alternation).data)
    return "".join(sorted(first or ()))


def _starts_at_word(alternation: str) -> bool:
    r"""Return True when the spaced form of a pattern finds what ``\b(?:...)\b`` finds.

    That is: every match starts with a word character (``str.isalnum``) and
    nothing in the pattern looks before its start (look-behind, ``^``, ``\A``).
    False when unsure.
    """
    try:
        parsed = sre_parse.parse(alternation)
    except re.error:
        return False
    if parsed.state.flags & ~sre.SRE_FLAG_UNICODE or _looks_back(parsed.data):
        return False
    first, nullable = _first(parsed.data)
    return first is not None and bool(first) and not nullable and all(c.isalnum() for c in first)


def _looks_back(data: Any) -> bool:
    """Whether a parsed pattern holds a look-behind or a start-of-text/line anchor anywhere."""
    for op, av in data:
        if op in (sre.ASSERT, sre.ASSERT_NOT) and av[0] < 0:
            return True
        if op is sre.AT and av in (
            sre.AT_BEGINNING,
            sre.AT_BEGINNING_STRING,
            sre.AT_BEGINNING_LINE,
        ):
            return True
        for sub in _children(op, av):
            if _looks_back(sub.data):
                return True
    return False


def _children(op: Any, av: Any) -> list[Any]:
    """Return the sub-patterns of one parsed item."""
    if op is sre.BRANCH:
        return list(av[1])
    if op is sre.SUBPATTERN:
        return [av[3]]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return [av[2]]
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.ATOMIC_GROUP):
        return [av[1] if op is not sre.ATOMIC_GROUP else av]
    if op is sre.GROUPREF_EXISTS:
        return [av[1]] + ([av[2]] if av[2] is not None else [])
    return []


def _first(data: Any) -> tuple[set[str] | None, bool]:
    """Return the characters a parsed sequence can start with, and whether it can match empty.

    ``(None, _)`` when unsure (anything but literals, plain character sets,
    groups without flags, alternations, repeats and look-aheads).
    """
    out: set[str] = set()
    for op, av in data:
        chars: set[str] | None
        if op is sre.LITERAL:
            chars, nullable = {chr(av)}, False
        elif op is sre.IN:
            chars, nullable = _charset(av), False
        elif op is sre.SUBPATTERN and not av[1] and not av[2]:
            chars, nullable = _first(av[3].data)
        elif op is sre.BRANCH:
            chars, nullable = set(), False
            for branch in av[1]:
                sub, empty = _first(branch.data)
                if sub is None:
                    return None, False
                chars |= sub
                nullable = nullable or empty
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            chars, empty = _first(av[2].data)
            nullable = empty or av[0] == 0
        elif op in (sre.ASSERT, sre.ASSERT_NOT) and av[0] > 0:
            chars, nullable = set(), True  # a look-ahead consumes nothing
        else:
            return None, False
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _charset(items: Any) -> set[str] | None:
    """Return the characters of a parsed ``[...]`` of literals and ranges (None: anything else)."""
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            out.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < 256:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return out
