"""Scoring of directed pairs (older → younger) from the hits in a session window.

For a pair (sender s → target t) the evidence is, per signal category, the
recency-decayed strength of s's newest hit towards t (``0.5 ** (age /
half_life)``, the age counting at most ``decay_message_s`` per later message:
:func:`~tipline.operators.grooming.state.hit_age`), boosted by ``repeat_bonus``
for each of up to ``max_repeats`` repeats. Then:

    raw   = Σ weight·strength                       (categories s sent)
          + stage_bonus · (distinct stages - 1)      (stage progression breadth)
          + progression_bonus                        (risk/exclusivity before escalation)
          + Σ co-occurrence bonuses                  (configured category sets)
          + conflict_weight                          (s claims both adult and minor ages)
    damp  = Π (1 + weight·strength)                  (context categories, either party;
                                                      weight in [-1, 0): family, team, surprise)
    score = 1 - exp(-squash · raw · damp · relation factor · group factor)

The relation factor is raised to ``sextortion_min_factor`` when a
sextortion-flagged category (threats) fired: coercion weighs whatever the ages.

Invariants:
    * A pure function of the hits, the participants and the watermark, so the
      same state always yields the same score.
    * Only categories that s sent count towards s → t; context categories
      (``direction = "either"``) count from both parties.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from tipline.operators.grooming.relation import Relation, age_range, relate, relate_soft
from tipline.operators.grooming.signals import Category
from tipline.operators.grooming.state import Hit, SessionState, hit_age
from tipline.schemas.grooming import STAGE_ORDER, FamilyConfig, GroomingConfig

GROUP = "*"
_RISK_STAGES = frozenset({"risk_assessment", "exclusivity"})


@dataclass(frozen=True, slots=True)
class PairParams:
    """Scalars the pair scorer needs, copied once from the config."""

    decay_rate: float
    stage_bonus: float
    stage_min_strength: float
    progression_bonus: float
    group_factor: float
    squash: float
    co_occurrence: tuple[tuple[frozenset[int], float], ...]
    family: frozenset[int] = frozenset()
    repeat_bonus: float = 0.15
    max_repeats: int = 2
    message_s: int = 0

    @classmethod
    def from_config(cls, cfg: GroomingConfig, names: list[str]) -> PairParams:
        """Build from ``[grooming]``; ``names`` are category names in index order."""
        rules = tuple(
            (frozenset(names.index(n) for n in rule.signals), rule.bonus)
            for rule in cfg.co_occurrence
        )
        return cls(
            decay_rate=math.log(2) / cfg.half_life_s,
            stage_bonus=cfg.stage_bonus,
            stage_min_strength=cfg.stage_min_strength,
            progression_bonus=cfg.progression_bonus,
            group_factor=cfg.group_factor,
            squash=cfg.squash,
            co_occurrence=rules,
            family=frozenset(names.index(n) for n in cfg.family.signals if n in names)
            if cfg.family.enabled
            else frozenset(),
            repeat_bonus=cfg.repeat_bonus,
            max_repeats=cfg.max_repeats,
            message_s=int(cfg.decay_message_s),
        )


@dataclass(frozen=True, slots=True)
class PairScore:
    """The scored pair with what explains it."""

    sender: str
    younger: str | None
    score: float
    relation: Relation
    stages: tuple[str, ...]
    evidence: tuple[Hit, ...]
    sextortion: bool


# One category's hits within one directed pair: [newest hit, count, oldest key]
# (a list, not a class: one is made per pair and category on every message)
_CatAgg = list[Any]
_NEWEST, _COUNT, _OLDEST = 0, 1, 2

# per (sender, target): category index -> aggregate
_Agg = dict[tuple[str, str], dict[int, _CatAgg]]


def _aggregate(hits: list[Hit]) -> _Agg:
    """Group hits by directed pair and category (hits are sorted by key)."""
    agg: _Agg = {}
    for hit in hits:
        cats = agg.get((hit[2], hit[3]))
        if cats is None:
            cats = agg[hit[2], hit[3]] = {}
        entry = cats.get(hit[1])
        if entry is None:
            cats[hit[1]] = [hit, 1, hit[0]]
        else:
            entry[_NEWEST] = hit
            entry[_COUNT] += 1
    return agg


def _youngest(state: SessionState, exclude: str) -> str | None:
    """Return the participant (other than ``exclude``) with the lowest age claim."""
    best: tuple[int, str] | None = None
    for user_id, person in state.people.items():
        low = age_range(person)[0]
        if user_id != exclude and low is not None and (best is None or (low, user_id) < best):
            best = (low, user_id)
    return None if best is None else best[1]


def _context(agg: _Agg, cats: tuple[Category, ...], s: str, t: str) -> list[_CatAgg]:
    """Collect context-category hits sent by either party of the pair."""
    out: list[_CatAgg] = []
    for key in sorted({(s, t), (t, s), (s, GROUP), (t, GROUP)}):
        out.extend(e for i, e in agg.get(key, {}).items() if cats[i].either)
    return out


def _strength(p: PairParams, state: SessionState, entry: _CatAgg) -> float:
    """Decayed strength of a category's newest hit, with a small repeat boost."""
    newest: Hit = entry[_NEWEST]
    count: int = entry[_COUNT]
    age = hit_age(state, newest[0], p.message_s)
    boost = 1.0 + p.repeat_bonus * min(count - 1, p.max_repeats)
    return math.exp(-p.decay_rate * age) * boost


def score_pair(
    cfg: GroomingConfig,
    p: PairParams,
    cats: tuple[Category, ...],
    state: SessionState,
    agg: _Agg,
    *,
    pair: tuple[str, str],
    context: bool = True,
) -> PairScore:
    """Score one directed pair; see the module docstring for the formula.

    ``context=False`` says that no hit in ``agg`` is of a context category
    (``best_pair`` checks once for all pairs), so there is nothing to damp.
    """
    s, t = pair
    younger = _youngest(state, s) if t == GROUP else t
    relation = _relation(cfg, state, s, younger or "")
    raw = 0.0
    stages: set[str] = set()
    present: set[int] = set()
    first_risk = last_escalation = -1
    evidence: list[Hit] = []
    sextortion = False
    watermark = state.watermark
    decay, repeat_bonus, max_repeats, message_s = (
        p.decay_rate, p.repeat_bonus, p.max_repeats, p.message_s,
    )  # fmt: skip
    for index, (newest, count, oldest) in agg[pair].items():
        cat = cats[index]
        if cat.either:
            continue
        # _strength, inline (the same arithmetic): it runs for every category of every pair
        age = hit_age(state, newest[0], message_s) if message_s else watermark - (newest[0] >> 32)
        boost = 1.0 + repeat_bonus * min(count - 1, max_repeats)
        strength = math.exp(-decay * (age if age > 0 else 0)) * boost
        weight = cat.weight
        raw += weight * strength
        evidence.append(newest)
        sextortion = sextortion or cat.sextortion
        if strength >= p.stage_min_strength and weight > 0:
            stage = cat.stage
            stages.add(stage)
            present.add(index)
            if stage in _RISK_STAGES and (first_risk < 0 or oldest < first_risk):
                first_risk = oldest
            if stage == "escalation" and newest[0] > last_escalation:
                last_escalation = newest[0]
    raw += p.stage_bonus * max(len(stages) - 1, 0)
    if 0 <= first_risk < last_escalation:
        raw += p.progression_bonus
    raw += sum(bonus for members, bonus in p.co_occurrence if members <= present)
    if relation.deceptive:
        raw += cfg.ages.conflict_weight
    damp = 1.0
    for entry in _context(agg, cats, s, t) if context else ():
        if entry[_NEWEST][1] in p.family:
            continue  # judged for the whole conversation below, without decay
        weight = cats[entry[_NEWEST][1]].weight
        damp *= max(1.0 + weight * _strength(p, state, entry), 0.0)
    if p.family and state.family:
        damp *= 1.0 + cfg.family.weight * family_extent(cfg.family, state, s, younger or "")
    factor = relation.factor
    if sextortion:
        factor = max(factor, cfg.ages.sextortion_min_factor)
    factor *= p.group_factor if t == GROUP else 1.0
    score = 1.0 - math.exp(-p.squash * max(raw, 0.0) * damp * factor)
    ordered = tuple([st for st in STAGE_ORDER if st in stages])
    return PairScore(s, younger, score, relation, ordered, tuple(sorted(evidence)), sextortion)


def family_extent(cfg: FamilyConfig, state: SessionState, sender: str, target: str = "") -> float:
    """How fully the conversation is a family one for a pair, in [0, 1] (``[grooming.family]``).

    Both the count of family-context messages (``full_count``) and their share
    of the messages (``full_share``) must be reached for full damping: a
    family chat is full of family talk, while a groomer who asks about the
    child's parents mentions them in a few messages of many. With
    ``by_sender`` the count is the pair's older candidate's own messages plus
    ``target_weight`` times the target's (the grandparent who signs as one
    counts fully; the child's "my mom is at work", in answer to a groomer,
    counts less), over the two's messages.
    """
    count, seen = float(state.family), state.messages_seen
    if cfg.by_sender:
        count = state.family_by.get(sender, 0) + cfg.target_weight * state.family_by.get(target, 0)
        pair_seen = state.speaker.get(sender, (0, 0))[1] + state.speaker.get(target, (0, 0))[1]
        seen = pair_seen or seen
    extent = min(1.0, count / cfg.full_count)
    if cfg.full_share > 0.0:
        extent *= min(1.0, count / max(seen, 1) / cfg.full_share)
    return extent


def _relation(cfg: GroomingConfig, state: SessionState, s: str, t: str) -> Relation:
    """Return the pair's age relation: soft (``[grooming.people]``) or from claims only."""
    if cfg.people.enabled:
        return relate_soft(
            cfg,
            (state.people.get(s), state.speaker.get(s)),
            (state.people.get(t), state.speaker.get(t)),
        )
    return relate(cfg.ages, state.people.get(s), state.people.get(t))


def best_pair(
    cfg: GroomingConfig, p: PairParams, cats: tuple[Category, ...], state: SessionState
) -> PairScore | None:
    """Score every directed pair with hits and return the highest (ties by ids)."""
    agg = _aggregate(state.hits)
    either = {i for by_cat in agg.values() for i in by_cat if cats[i].either}
    best: PairScore | None = None
    for pair in sorted(agg):
        if either.issuperset(agg[pair]):
            continue  # context categories only
        scored = score_pair(cfg, p, cats, state, agg, pair=pair, context=bool(either))
        if best is None or scored.score > best.score:
            best = scored
    return best
