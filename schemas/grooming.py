"""Grooming-scoring records and config: signal hits, session verdicts, calibration.

Invariants:
    * Verdicts, hits and calibration tables carry ids, signal names, scores and
      counts only — never message text.
    * Signal categories, their phrase patterns, weights, stages and every
      threshold live in the TOML config (``[grooming.signals.*]``); the code
      only knows the stage names and the shape of a category.
    * Every section forbids unknown keys; cross-field rules (lateness shorter
      than the window, co-occurrence names that exist, patterns that compile)
      are checked when the config is decoded, so a bad knob fails at start.
"""

from __future__ import annotations

import re
from typing import Annotated, Final, Literal

import msgspec
from msgspec import Meta, Struct

from tipline.schemas.section import (
    Fraction,
    NonNegativeFloat,
    NonNegativeInt,
    PositiveFloat,
    PositiveInt,
    Section,
)

SESSION_VERDICT_SCHEMA: Final = "tipline.session_verdict/1"
CALIBRATION_SCHEMA: Final = "tipline.calibration/1"

Level = Literal["none", "review", "report"]
Stage = Literal[
    "friendship", "relationship", "risk_assessment", "exclusivity", "escalation", "context"
]
STAGE_ORDER: Final[tuple[str, ...]] = (
    "friendship",
    "relationship",
    "risk_assessment",
    "exclusivity",
    "escalation",
)
Weight = Annotated[float, Meta(ge=-5.0, le=5.0)]
Age = Annotated[int, Meta(ge=0, le=130)]


class SignalHit(Struct, frozen=True, kw_only=True):
    """One behavioural signal that fired: its name, the message id and weight."""

    signal: str
    message_id: str
    sender_id: str
    weight: float


class SessionVerdict(Struct, frozen=True, kw_only=True):
    """The running risk of a session after one message, with its explanation.

    ``level`` is the session's current level; ``escalated`` is true only on
    the message that raised it (hysteresis: one alert per escalation).
    ``late`` marks a message older than the watermark minus the allowed
    lateness (or a duplicate): it was scored for its own signals but did not
    change the session state. Explanations carry ids and signal names only,
    never text.
    """

    schema: Literal["tipline.session_verdict/1"] = SESSION_VERDICT_SCHEMA
    session_id: str
    score: float
    level: Level = "none"
    escalated: bool = False
    stage: str = "none"
    age_relation: str = "unknown"
    older_id: str | None = None
    younger_id: str | None = None
    minor_to_minor: bool = False
    sextortion: bool = False
    messages_seen: int = 0
    signals: list[SignalHit] = []
    stages: list[str] = []
    late: bool = False
    duplicate: bool = False
    message_signals: list[str] = []


class SignalCategory(Section, frozen=True):
    """One behavioural signal category (a ``[grooming.signals.NAME]`` table).

    ``patterns`` are regular expressions over *normalised* text (lower case,
    no punctuation, abbreviations expanded); each is wrapped in word
    boundaries. ``weight`` is the evidence the category adds to a directed
    pair. Stage ``context`` marks mitigating context (family, team logistics):
    its weight must lie in [-1, 0) and multiplies the evidence by
    ``1 + weight·strength``.
    ``direction`` says whose messages count: ``sender`` — only the older party
    of the pair; ``either`` — both parties (used for context categories).
    """

    stage: Stage
    weight: Weight
    direction: Literal["sender", "either"] = "sender"
    flags: list[Literal["sextortion"]] = []
    patterns: list[str] = []

    def problems(self) -> list[str]:
        """Return what is wrong with this category (bad context weight, bad patterns)."""
        out = []
        if (self.stage == "context") != (self.weight < 0) or self.weight < -1:
            out.append(f"weight {self.weight} must be in [-1, 0) exactly when stage is 'context'")
        for pattern in self.patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                out.append(f"pattern {pattern!r} does not compile: {exc}")
        return out


class CoOccurrence(Section, frozen=True):
    """A bonus added when all the named categories fired for the same pair."""

    signals: Annotated[list[str], Meta(min_length=2)]
    bonus: Weight


class AgeConfig(Section, frozen=True):
    """How ages (declared and disclosed in text) turn into an age relation.

    The ``*_factor`` keys multiply a pair's evidence by the pair's relation.
    """

    adult_age: Age = 18
    min_plausible: Age = 6
    max_plausible: Age = 99
    minor_gap_years: PositiveInt = 4
    conflict_weight: NonNegativeFloat = 0.3
    adult_minor_factor: NonNegativeFloat = 1.0
    unknown_minor_factor: NonNegativeFloat = 0.8
    minor_gap_factor: NonNegativeFloat = 0.6
    minor_minor_factor: NonNegativeFloat = 0.2
    adult_unknown_factor: NonNegativeFloat = 0.55
    unknown_factor: NonNegativeFloat = 0.45
    minor_adult_factor: NonNegativeFloat = 0.2
    adult_adult_factor: NonNegativeFloat = 0.15
    sextortion_min_factor: NonNegativeFloat = 0.8


class NormaliseConfig(Section, frozen=True):
    """Text normalisation tables: whole-token abbreviations, emoji and leetspeak."""

    abbreviations: dict[str, str] = {}
    emoji: dict[str, str] = {}
    leet: dict[str, str] = {}


class ModelConfig(Section, frozen=True):
    """The learned cue recogniser (``[grooming.model]``); off when ``path`` is empty.

    ``path`` names the artifact ``tipline model train`` wrote (relative paths
    are read from the working directory, then from the repository root);
    ``sha256`` must equal the artifact's digest, checked at start.
    ``threshold_shift`` is added to every cue's logit threshold (positive:
    fewer, surer cues). ``context_buffer`` is how many recent messages keep
    their own-message logits so that a reply is read with its previous turns.
    """

    path: str = ""
    sha256: str = ""
    threshold_shift: Annotated[float, Meta(ge=-5.0, le=5.0)] = 0.0
    context_buffer: Annotated[int, Meta(ge=2, le=32)] = 8
    # training only: also learn the session aggregator (`tipline model train`, `evaluate`)
    aggregate: bool = False
    # training only: how the review threshold is chosen on the out-of-corpus scores:
    # "pooled" (best F0.5 over all training authors), "worst_corpus" (best worst
    # author) or "plateau" (the lowest threshold within 0.01 of the pooled best)
    review_choice: Literal["pooled", "worst_corpus", "plateau"] = "pooled"
    # training only: candidate threshold_shift values, chosen with the review
    # threshold on the same out-of-corpus scores (best F0.5, ties keep the
    # earlier); empty = keep threshold_shift as configured
    shift_choices: tuple[Annotated[float, Meta(ge=-5.0, le=5.0)], ...] = ()


class PeopleConfig(Section, frozen=True):
    """Who is talking to whom (``[grooming.people]``): P(adult) per participant.

    Off by default (the discrete declared/disclosed relation of
    ``[grooming.ages]`` is used). When on, each participant's log-odds of
    being an adult add up: the declared account age (``declared_weight``),
    ages disclosed in text (``disclosed_weight``), and the recogniser's
    per-message "sender is an adult" logits (``text_weight`` each, the sum
    capped at ``text_cap``; with ``text_pooling = "sqrt"`` the sum is divided
    by the square root of the participant's message count, at least
    ``text_pool_floor``, so a weak bias repeated over a long chat does not
    add up to certainty). Someone who claims to be a minor while the text
    says adult (log-odds at least ``conflict_text``) is a conflict: treated as
    an adult and ``ages.conflict_weight`` is added to his pairs' evidence.

    With ``relative_margin`` set, the sender's text reading in a pair is
    also capped by how much older than the target it reads: (sender's mean
    per-message adult logit - the target's - ``relative_margin``), pooled
    over the smaller of the two message counts the same way. Two teens (or
    two adults) read alike, whatever the author's or platform's register,
    so neither becomes the adult of an adult-minor pair by text alone.
    """

    enabled: bool = False
    declared_weight: NonNegativeFloat = 2.0
    disclosed_weight: NonNegativeFloat = 4.0
    text_weight: NonNegativeFloat = 0.35
    text_cap: NonNegativeFloat = 3.0
    text_pooling: Literal["sum", "sqrt"] = "sum"
    text_pool_floor: PositiveInt = 8
    conflict_text: NonNegativeFloat = 1.5
    minor_threshold: Fraction = 0.6
    relative_margin: float | None = None


class FamilyConfig(Section, frozen=True):
    """Family and caregiver context as a conversation-level judgement (``[grooming.family]``).

    Every message in which a context category named in ``signals`` fired
    (from either party) counts; the count never decays. The session's
    evidence is multiplied by ``1 + weight * min(1, count / full_count) *
    min(1, share / full_share)``, where ``share`` is the count over the
    messages seen (``full_share = 0``: the share is not used). With
    ``by_sender`` the count is the pair's older candidate's own
    family-context messages plus ``target_weight`` times the target's, over
    the two's messages: a grandparent who writes as one counts fully, a
    child's "my mom is at work" in answer to a groomer counts less. No first
    alert is raised before ``hold_messages`` messages, so that context shown
    early holds back the first alert, not only later ones.
    """

    enabled: bool = False
    signals: list[str] = msgspec.field(default_factory=lambda: ["family_context"])
    weight: Annotated[float, Meta(ge=-1.0, le=0.0)] = -0.8
    full_count: PositiveInt = 2
    full_share: Fraction = 0.0
    by_sender: bool = False
    target_weight: Fraction = 1.0
    hold_messages: Annotated[int, Meta(ge=0, le=1000)] = 0


class GroomingConfig(Section, frozen=True):
    """Session scoring: window, bounds, signals, stages and decay (see default.toml)."""

    enabled: bool = True
    window_s: PositiveFloat = 7 * 24 * 3600.0
    max_messages: PositiveInt = 200
    idle_evict_s: PositiveFloat = 3 * 24 * 3600.0
    allowed_lateness_s: PositiveFloat = 300.0
    half_life_s: PositiveFloat = 24 * 3600.0
    decay_message_s: NonNegativeFloat = 0.0
    max_hits: PositiveInt = 48
    max_participants: PositiveInt = 16
    stage_bonus: NonNegativeFloat = 0.15
    stage_min_strength: Fraction = 0.25
    progression_bonus: NonNegativeFloat = 0.2
    repeat_bonus: NonNegativeFloat = 0.15
    max_repeats: NonNegativeInt = 2
    group_factor: Fraction = 0.5
    squash: PositiveFloat = 1.5
    release_margin: Fraction = 0.2
    minor_to_minor_max_level: Level = "review"
    report_requires_minor: bool = True
    ages: AgeConfig = AgeConfig()
    normalise: NormaliseConfig = NormaliseConfig()
    signals: dict[str, SignalCategory] = {}
    co_occurrence: list[CoOccurrence] = []
    model: ModelConfig = ModelConfig()
    people: PeopleConfig = PeopleConfig()
    family: FamilyConfig = FamilyConfig()

    def __post_init__(self) -> None:
        """Check the cross-field rules: lateness < window, categories, co-occurrence names."""
        for name, category in self.signals.items():
            for problem in category.problems():
                msg = f"signals.{name}: {problem}"
                raise ValueError(msg)
        if self.allowed_lateness_s >= self.window_s:
            msg = (
                f"allowed_lateness_s {self.allowed_lateness_s} must be smaller than "
                f"window_s {self.window_s}"
            )
            raise ValueError(msg)
        for name in self.family.signals if self.family.enabled else ():
            if name not in self.signals:
                msg = f"family.signals names {name!r}, which is not a [grooming.signals] table"
                raise ValueError(msg)
        for rule in self.co_occurrence:
            for name in rule.signals:
                if name not in self.signals:
                    msg = f"co_occurrence names {name!r}, which is not a [grooming.signals] table"
                    raise ValueError(msg)


class DecisionConfig(Section, frozen=True):
    """Thresholds from scores to ``review`` / ``report``, and the fairness gate."""

    review_score: Fraction = 0.5
    report_score: Fraction = 0.8
    weak_match_outcome: Literal["review", "report"] = "review"
    strong_match_outcome: Literal["review", "report"] = "report"
    exact_match_outcome: Literal["review", "report"] = "report"
    unchecked_media_outcome: Literal["none", "review"] = "review"
    action_min_lower_bound: Fraction = 0.9
    calibration_path: str | None = None
    min_calibration_count: PositiveInt = 30
    wilson_z: PositiveFloat = 1.96
    account_actions: list[str] = msgspec.field(default_factory=lambda: ["restrict_account"])
    disparity_warn_ratio: PositiveFloat = 1.5
    disparity_min_negatives: PositiveInt = 20

    def __post_init__(self) -> None:
        """Check that the report threshold is not below the review threshold."""
        if self.report_score < self.review_score:
            msg = f"report_score {self.report_score} is below review_score {self.review_score}"
            raise ValueError(msg)


class CalibrationBin(Struct, frozen=True, kw_only=True):
    """Sessions whose peak score reached ``min_score``: how many, how many were positive."""

    min_score: float
    n: int
    tp: int
    precision: float
    wilson_lower: float


class SegmentRate(Struct, frozen=True, kw_only=True):
    """False-positive rate of one segment (e.g. ``country=US``) on negative sessions."""

    segment: str
    value: str
    negatives: int
    false_positives: int
    fpr: float


class CalibrationTable(Struct, frozen=True, kw_only=True):
    """The JSON file ``tipline calibrate`` writes and the fairness gate reads."""

    schema: Literal["tipline.calibration/1"] = CALIBRATION_SCHEMA
    sessions: int
    positives: int
    z: float
    bins: list[CalibrationBin]
    overall_fpr: float = 0.0
    segments: list[SegmentRate] = []
    warnings: list[str] = []
