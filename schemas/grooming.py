"""Grooming-scoring records: signal hits and the per-message session verdict."""

from __future__ import annotations

from typing import Final, Literal

from msgspec import Struct

from schemas.section import Fraction, PositiveFloat, PositiveInt, Section

SESSION_VERDICT_SCHEMA: Final = "tipline.session_verdict/1"

Level = Literal["none", "review", "report"]


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
    Explanations carry ids and signal names only, never text.
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


class GroomingConfig(Section):
    """Session scoring: window, bounds, signals, stages and decay (see default.toml)."""

    enabled: bool = True
    window_s: PositiveFloat = 7 * 24 * 3600.0
    max_messages: PositiveInt = 200
    idle_evict_s: PositiveFloat = 3 * 24 * 3600.0
    allowed_lateness_s: PositiveFloat = 300.0
    half_life_s: PositiveFloat = 24 * 3600.0


class DecisionConfig(Section):
    """Thresholds from scores to ``review`` / ``report``, and the fairness gate."""

    review_score: Fraction = 0.5
    report_score: Fraction = 0.8
    weak_match_outcome: Literal["review", "report"] = "review"
    strong_match_outcome: Literal["review", "report"] = "report"
    exact_match_outcome: Literal["review", "report"] = "report"
    action_min_lower_bound: Fraction = 0.9
