"""Text normalisation before signal matching and age extraction.

Chat text is noisy: case, stretched letters ("sooo"), leetspeak ("s3cr3t"),
abbreviations ("u", "ur", "pls"), emoji and punctuation. :func:`normalise`
maps all of that onto plain lower-case words separated by single spaces, so
that the config's phrase patterns can be written once against one form.

Invariants:
    * The result contains only lower-case letters, digits and single spaces.
    * Digits survive wherever they may be an age or a grade ("13", "8th", "14f");
      leetspeak is undone only inside tokens that also contain letters.
    * Normalisation is a pure function of the text and the tables; it never
      logs or stores the text. A bounded in-process memo maps a raw token to its
      normalised words (as the cue model's per-token memo does); it is never
      snapshotted or written anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Final

from tipline.schemas.grooming import NormaliseConfig

_APOSTROPHES: Final = re.compile(r"['\u2019\u2018`]")
_NON_WORD: Final = re.compile(r"[^\w]+|_+")
_REPEATS: Final = re.compile(r"(\D)\1{2,}")
_HAS_ALPHA: Final = re.compile(r"[^\W\d_]")
# A token that is a number with an age/grade/ASL suffix keeps its digits.
_NUMERIC_TOKEN: Final = re.compile(r"^\d+(?:st|nd|rd|th|yo|yrs?|[mf])?$")
_VARIATION_SELECTORS: Final = range(0xFE00, 0xFE10)
_MEMO_TOKENS: Final = 50_000


@dataclass(frozen=True, slots=True)
class Normaliser:
    """Compiled normalisation tables (built once from :class:`NormaliseConfig`)."""

    abbreviations: dict[str, str]
    emoji_table: dict[int, str]
    leet_table: dict[int, str]
    leet_chars: frozenset[str]
    # raw token -> its normalised words (a bounded memo: the same words as computing them)
    token_words: dict[str, tuple[str, ...]] = field(default_factory=dict)


def compile_normaliser(cfg: NormaliseConfig) -> Normaliser:
    """Build the lookup tables once.

    Args:
        cfg: the ``[grooming.normalise]`` section.

    Returns:
        A :class:`Normaliser` for :func:`normalise`.

    """
    emoji: dict[int, str] = dict.fromkeys(_VARIATION_SELECTORS, "")
    for symbol, word in cfg.emoji.items():
        if len(symbol) == 1:
            emoji[ord(symbol)] = f" {word} "
    leet = {ord(k): v for k, v in cfg.leet.items() if len(k) == 1}
    abbreviations = {k.lower(): v.lower() for k, v in cfg.abbreviations.items()}
    return Normaliser(
        abbreviations=abbreviations,
        emoji_table=emoji,
        leet_table=leet,
        leet_chars=frozenset(cfg.leet),
    )


def _undo_leet(token: str, norm: Normaliser) -> str:
    """Translate leetspeak inside a token that mixes letters and leet symbols."""
    if norm.leet_chars.isdisjoint(token) or token in norm.abbreviations:
        return token
    if _NUMERIC_TOKEN.match(token) or not _HAS_ALPHA.search(token):
        return token
    # keep trailing punctuation such as "?" or "!!" out of the translation
    core = token.rstrip("?!.,")
    return core.translate(norm.leet_table) + token[len(core) :]


def normalise(text: str, norm: Normaliser) -> str:
    """Return the normalised form of one message text.

    Args:
        text: the raw message text.
        norm: compiled tables from :func:`compile_normaliser`.

    Returns:
        Lower-case words separated by single spaces (possibly empty).

    """
    if text.isascii():  # no emoji, nothing for NFKC to fold
        s = text.lower()
    else:
        s = unicodedata.normalize("NFKC", text).lower().translate(norm.emoji_table)
    # Apostrophes and stretched letters are undone per token, inside the memo: neither
    # touches whitespace (a run of one repeated character is all whitespace or none), so
    # undoing them before or after splitting gives the same words.
    words: list[str] = []
    memo = norm.token_words
    for raw in s.split():
        parts = memo.get(raw)
        if parts is None:
            if len(memo) >= _MEMO_TOKENS:
                memo.clear()
            parts = memo[raw] = _token_words(raw, norm)
        words.extend(parts)
    return " ".join(words)


def _token_words(raw: str, norm: Normaliser) -> tuple[str, ...]:
    """Normalise one whitespace-separated token: stretching, leetspeak, punctuation, short forms."""
    token = _REPEATS.sub(r"\1\1", _APOSTROPHES.sub("", raw))
    token = _undo_leet(token, norm) if norm.leet_chars else token
    abbreviations = norm.abbreviations
    return tuple(abbreviations.get(part, part) for part in _NON_WORD.sub(" ", token).split())
