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

import math
from dataclasses import dataclass

from tipline.operators.grooming.state import Person
from tipline.schemas.grooming import AgeConfig, GroomingConfig, PeopleConfig


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


def adult_probability(
    cfg: GroomingConfig,
    person: Person | None,
    speaker: tuple[int, int] | None,
    *,
    as_sender: bool = True,
    other: tuple[int, int] | None = None,
) -> tuple[float, bool]:
    """P(adult) of one participant from everything said, and whether he is in conflict.

    Log-odds add up (``[grooming.people]``): the declared account age, the
    ages disclosed in text, and the recogniser's per-message "sender is an
    adult" logits (capped). Claims that straddle adulthood, or a claim to be
    a minor while the text says adult, are a conflict: the participant is
    then taken for an adult (an adult posing as a peer).

    As the target of a pair, a disclosed minor age beats a declared adult one
    (a child who signed up as 18), and there is no conflict.

    Args:
        cfg: the ``[grooming]`` section.
        person: the participant's declared/disclosed claims.
        speaker: the participant's (sum of quantised adult logits, messages).
        as_sender: judged as the older candidate of a pair (conflicts count).
        other: the pair's other participant's (sum, messages), for the relative
            cap of ``people.relative_margin``.

    Returns:
        ``(P(adult), conflict)``; no evidence at all gives 0.5.

    """
    pc, adult = cfg.people, cfg.ages.adult_age
    text = reading = 0.0
    if speaker is not None:
        reading = max(-pc.text_cap, min(pc.text_cap, pc.text_weight * pooled_text(pc, speaker)))
        text = reading
        if as_sender and other is not None:
            # the relative cap decides adulthood by text; a conflict with a claimed minor
            # age is still judged on the absolute reading (a poser writes like a teen to a
            # teen, so the gap is small, but his text still reads adult)
            text = max(-pc.text_cap, min(text, pc.text_weight * relative_text(pc, speaker, other)))
    logit = text
    claims_minor = False
    lo, hi = age_range(person)
    if person is not None:
        declared, d_lo, d_hi = person[1], person[2], person[3]
        if declared is not None:
            logit += pc.declared_weight if declared >= adult else -pc.declared_weight
        if d_lo is not None and d_hi is not None:
            if d_lo >= adult:
                logit += pc.disclosed_weight
            elif d_hi < adult:
                logit -= pc.disclosed_weight
        claims_minor = lo is not None and lo < adult
    p = 1.0 / (1.0 + math.exp(-logit))
    if not as_sender:
        if person is not None and person[3] is not None and person[3] < adult:
            p = min(p, 1.0 - cfg.people.minor_threshold)  # a disclosed minor age wins
        return p, False
    straddle = lo is not None and hi is not None and lo < adult <= hi
    conflict = straddle or (claims_minor and reading >= pc.conflict_text)
    return (max(p, 0.9) if conflict else p), conflict


def pooled_text(pc: PeopleConfig, speaker: tuple[int, int]) -> float:
    """Pool a participant's per-message adult logits (stored in 1/8 steps) into one log-odds.

    ``"sum"`` adds them up (each message independent evidence); ``"sqrt"``
    divides the sum by the square root of the message count (at least
    ``text_pool_floor``, so a few messages weigh as they do summed with
    ``text_weight / sqrt(text_pool_floor)`` each), so a consistent
    reading still grows with the conversation while a weak per-message bias
    (a chatty 13-year-old whose messages read slightly adult) does not add up
    to certainty.
    """
    total = speaker[0] / 8.0
    if pc.text_pooling == "sqrt":
        return total / math.sqrt(max(speaker[1], pc.text_pool_floor))
    return total


def relative_text(pc: PeopleConfig, speaker: tuple[int, int], other: tuple[int, int]) -> float:
    """How much older than ``other`` a participant reads, pooled (``people.relative_margin``).

    The difference of the two mean per-message adult logits, less the
    margin, times the square root of the smaller message count (at least
    ``text_pool_floor``). Unbounded (no cap) when the margin is unset or the
    other participant has not written.
    """
    if pc.relative_margin is None or speaker[1] == 0 or other[1] == 0:
        return math.inf
    gap = speaker[0] / 8.0 / speaker[1] - other[0] / 8.0 / other[1] - pc.relative_margin
    return gap * math.sqrt(max(min(speaker[1], other[1]), pc.text_pool_floor))


def _sharpen(p: float) -> float:
    """Map [0.05, 0.95] onto [0, 1] (clipped), so a confident side counts fully."""
    return min(1.0, max(0.0, (p - 0.05) / 0.9))


def _soft_side(p_adult: float, threshold: float) -> str:
    if p_adult >= threshold:
        return "adult"
    return "minor" if 1.0 - p_adult >= threshold else "unknown"


def relate_soft(
    cfg: GroomingConfig,
    sender: tuple[Person | None, tuple[int, int] | None],
    target: tuple[Person | None, tuple[int, int] | None],
) -> Relation:
    """Return the pair's relation as an expectation over who is an adult (``[grooming.people]`` on).

    The factor is ``Σ P(sender side) · P(target side) · factor(side, side)``
    over adult/minor for both, with the ``[grooming.ages]`` factors. An unknown
    participant is 50/50, not "nearly an adult".
    """
    a = cfg.ages
    p, conflict = adult_probability(cfg, *sender, other=target[1])
    q = 1.0 - adult_probability(cfg, *target, as_sender=False)[0]
    # near-certain is certain: a declared adult is not "2 % minor" in the expectation
    p, q = _sharpen(p), _sharpen(q)
    factor = (
        p * q * a.adult_minor_factor
        + (1 - p) * q * a.minor_minor_factor
        + p * (1 - q) * a.adult_adult_factor
        + (1 - p) * (1 - q) * a.minor_adult_factor
    )
    threshold = cfg.people.minor_threshold
    s_side = _soft_side(p, threshold)
    t_side = "minor" if q >= threshold else _soft_side(1 - q, threshold)
    name = "unknown" if s_side == t_side == "unknown" else f"{s_side}-{t_side}"
    m2m = s_side == "minor" and t_side == "minor"
    return Relation(name, factor, m2m, t_side == "minor", conflict)
