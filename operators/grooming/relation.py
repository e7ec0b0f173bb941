"""The age relation of a directed pair (older candidate → younger candidate).

A participant's age claims are their declared account age and every age they
disclosed in text; ``low``/``high`` are the extremes. The relation looks at
the *highest* claim of the sender (an adult who says "im 15 too" is still an
adult) and the *lowest* claim of the target (a child who signed up as 18 but
says "in 8th grade" is a minor).

Invariants:
    * The relation is a pure function of the two participants' claims.
    * ``minor-minor`` is reported separately (the ``minor_to_minor`` flag) and
      weighs less; a large age gap between minors has its own factor.
"""

from __future__ import annotations

from dataclasses import dataclass

from tipline.operators.grooming.state import Person
from tipline.schemas.grooming import AgeConfig


@dataclass(frozen=True, slots=True)
class Relation:
    """How two participants' ages relate, and how much that weighs."""

    name: str
    factor: float
    minor_to_minor: bool
    target_minor: bool
    deceptive: bool


def age_range(person: Person | None) -> tuple[int | None, int | None]:
    """Return the (lowest, highest) age claim of a participant, or Nones."""
    if person is None:
        return None, None
    claims = [a for a in person[1:] if a is not None]
    if not claims:
        return None, None
    return min(claims), max(claims)


def relate(cfg: AgeConfig, sender: Person | None, target: Person | None) -> Relation:
    """Classify the pair sender → target.

    Args:
        cfg: the ``[grooming.ages]`` section.
        sender: the sender's merged age claims.
        target: the target's merged age claims (for a group: the youngest member).

    Returns:
        The relation name (``adult-minor``, ``unknown-minor``, ``minor-minor`` …),
        its evidence factor and flags.

    """
    s_lo, s_hi = age_range(sender)
    t_lo = age_range(target)[0]
    adult = cfg.adult_age
    deceptive = s_lo is not None and s_hi is not None and s_lo < adult <= s_hi
    s_side = _side(s_hi, adult)
    t_side = _side(t_lo, adult)
    if s_side == "minor" and t_side == "minor":
        assert s_hi is not None and t_lo is not None  # narrowed by _side
        if s_hi - t_lo >= cfg.minor_gap_years:
            return Relation("older-minor-minor", cfg.minor_gap_factor, True, True, deceptive)
        return Relation("minor-minor", cfg.minor_minor_factor, True, True, deceptive)
    name = _NAMES[s_side, t_side]
    factor: float = getattr(cfg, name.replace("-", "_") + "_factor")
    return Relation(name, factor, False, t_side == "minor", deceptive)


def _side(age: int | None, adult_age: int) -> str:
    """Return ``adult``, ``minor`` or ``unknown`` for one age claim."""
    if age is None:
        return "unknown"
    return "adult" if age >= adult_age else "minor"


# (sender side, target side) -> relation name; minor-minor is handled separately.
_NAMES: dict[tuple[str, str], str] = {
    ("adult", "minor"): "adult-minor",
    ("unknown", "minor"): "unknown-minor",
    ("adult", "adult"): "adult-adult",
    ("minor", "adult"): "minor-adult",
    ("adult", "unknown"): "adult-unknown",
    ("unknown", "adult"): "unknown",
    ("unknown", "unknown"): "unknown",
    ("minor", "unknown"): "unknown",
}
