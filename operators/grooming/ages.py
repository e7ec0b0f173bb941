"""Age extraction from normalised text: self-disclosed ages and school grades.

A sender who writes "i am 13", "13 yo", "14 f here", "in 8th grade" or
"in year 9" discloses an age range about themselves. The scorer combines these
with declared account ages (see ``operators/grooming/relation.py``).

Invariants:
    * Only self-disclosures count (first person or ASL style); questions such as
      "are you 13" are not disclosures. A number whose nearest subject is
      someone else ("you talk like a 13 yr old", "you are turning 12", "my
      sister is in 8th grade") or the past ("when i was 10 years old") is not
      the sender's age.
    * Numbers followed by a unit (minutes, miles, dollars, pm …) are not ages.
    * Results are clipped to the configured plausible range; nothing else
      about the text is kept.
"""

from __future__ import annotations

import re
from typing import Final

_WORD_NUMBERS: Final[dict[str, int]] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
_ORDINAL_WORDS: Final[dict[str, int]] = {
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_NUM: Final = r"(\d{1,2}|" + "|".join(_WORD_NUMBERS) + r")"
_UNIT: Final = (
    r"(?!\s*(?:min|mins|minutes|hours?|hrs?|sec|secs|seconds|days?|weeks?|months?|km|"
    r"miles?|mi|dollars?|bucks|usd|eur|euros?|pounds?|lbs|kg|cm|ft|feet|inches|percent|"
    r"am|pm|oclock|times|of|k|grand|points?|games?|wins?|kills?|levels?|lvl|followers)\b)"
)
_SELF: Final = r"\b(?:i am|im|i m|i turned|i just turned)"
_QUALIFIER: Final = r"(?:\s+(?:only|just|like|literally|actually))?"
_ALMOST: Final = (
    r"\b(?:(?:i am|im|i m)\s+(?:almost|nearly|turning|gonna be|going to be)|i turn|turning|"
    r"i will be|ill be)\s+" + _NUM + r"\b(?!\s*(?:min|minutes|hours?|days?|weeks?|am|pm|oclock))"
)
_SELF_AGE: Final = _SELF + _QUALIFIER + r"\s+" + _NUM + r"\b" + _UNIT
_YEARS_OLD: Final = r"\b" + _NUM + r"\s*(?:yo|y o|yrs? old|years? old|year old|yr old)\b"
_ASL: Final = r"^(?:hi |hey |heyy |hello |asl |ok )?(\d{1,2})\s?(?:m|f)\b"
_GRADE: Final = (
    r"(?<!sister is )(?<!brother is )(?<!son is )(?<!daughter is )(?<!kid is )"
    r"\b(\d{1,2})(?:st|nd|rd|th)"
    r"\s*(?:grade|grader)\b"
)
_GRADE_NUM: Final = r"(?:\bin\s+|^|\b(?:i am|im|i m)\s+(?:in\s+)?)grade\s+(\d{1,2})\b"
# "i am in 10th", "in 7th" (the grade word left out); not places, times or ranks
_GRADE_BARE: Final = (
    r"(?:\b(?:i am|im|i m)\s+(?:in\s+)?(?:the\s+)?|^in\s+(?:the\s+)?)(\d{1,2})(?:st|nd|rd|th)\b"
    r"(?!\s*(?:place|period|floor|street|st|ave|avenue|row|time|times|of|in|birthday|grade))"
)
_GRADE_WORD: Final = r"\bin\s+(?:the\s+)?(" + "|".join(_ORDINAL_WORDS) + r")\s+grade\b"
_UK_YEAR: Final = r"(?:\b(?:i am|im|i m)\s+(?:in\s+)?|^)year\s+(\d{1,2})\b"
_SCHOOL: Final = (
    r"\b(?:i am|im|i m)\s+(?:still\s+|just\s+|only\s+)?(?:in\s+|a\s+|at\s+)"
    r"(middle school|high school|junior high|freshman|sophomore|college|uni|university)\b"
)

_PATTERNS: Final[tuple[tuple[re.Pattern[str], int, int], ...]] = (
    # (pattern, offset to the low end, width of the range)
    (re.compile(_ALMOST), -1, 0),
    (re.compile(_SELF_AGE), 0, 0),
    (re.compile(_YEARS_OLD), 0, 0),
    (re.compile(_ASL), 0, 0),
    (re.compile(_GRADE), 5, 1),
    (re.compile(_GRADE_NUM), 5, 1),
    (re.compile(_GRADE_BARE), 5, 1),
    (re.compile(_GRADE_WORD), 5, 1),
    (re.compile(_UK_YEAR), 4, 1),
)
_SCHOOL_RE: Final = re.compile(_SCHOOL)
_SCHOOL_RANGES: Final[dict[str, tuple[int, int]]] = {
    "middle school": (11, 14),
    "junior high": (12, 15),
    "high school": (14, 17),
    "freshman": (14, 15),
    "sophomore": (15, 16),
    "college": (18, 22),
    "uni": (18, 22),
    "university": (18, 22),
}
# Words that make a number someone else's, or a past age, when they are the nearest
# subject before it ("you do not talk like a 13 yr old", "she is turning 12").
_OTHER_SUBJECTS: Final = frozenset(
    {
        "you", "your", "he", "she", "hes", "shes", "they", "theyre", "his", "her", "him",
        "them", "was", "were", "sister", "brother", "son", "daughter", "kid", "kids", "cousin",
        "niece", "nephew", "friend", "friends", "bf", "gf", "boyfriend", "girlfriend", "my",
        "teach", "teaches", "teaching", "taught", "coach", "coaching", "class", "students",
    }
)  # fmt: skip
_SELF_SUBJECTS: Final = frozenset({"i", "im", "am", "me"})
# indexes into _PATTERNS whose number may belong to someone else ("i am 13" and
# "14 f" carry their own subject)
_NEEDS_SUBJECT_CHECK: Final = frozenset({0, 2, 4, 5, 7})
_CHEAP_GATE: Final = re.compile(
    r"\d|teen|grade|school|year|twelve|eleven|ten\b|twenty|freshman|sophomore|college|uni"
)


def _as_int(token: str) -> int:
    """Read a captured number written in digits, as a word or as an ordinal word."""
    if token.isdigit():
        return int(token)
    return _WORD_NUMBERS.get(token) or _ORDINAL_WORDS.get(token, 0)


def extract_age(text: str, min_plausible: int, max_plausible: int) -> tuple[int, int] | None:
    """Return the (low, high) age range the sender discloses about themselves.

    Args:
        text: normalised message text.
        min_plausible: ages below this are ignored.
        max_plausible: ages above this are ignored.

    Returns:
        The narrowest range covering every disclosure in the message, or None.

    """
    if not _CHEAP_GATE.search(text):
        return None
    lows: list[int] = []
    highs: list[int] = []
    for n, (pattern, offset, width) in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            if n in _NEEDS_SUBJECT_CHECK and not _about_self(text, m.start(1)):
                continue
            age = _as_int(m.group(1)) + offset
            if min_plausible <= age <= max_plausible:
                lows.append(age)
                highs.append(age + width)
    for m in _SCHOOL_RE.finditer(text):
        low, high = _SCHOOL_RANGES[m.group(1)]
        lows.append(low)
        highs.append(high)
    if not lows:
        return None
    return min(lows), max(highs)


def _about_self(text: str, start: int) -> bool:
    """Return True unless the nearest subject before ``start`` is someone else or the past.

    Looks back at most six words; no subject at all (a bare "turning 14",
    "8th grade") counts as the sender's own.
    """
    for word in reversed(text[:start].split()[-6:]):
        if word in _SELF_SUBJECTS:
            return True
        if word in _OTHER_SUBJECTS:
            return False
    return True
