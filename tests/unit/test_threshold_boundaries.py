"""Every configurable threshold at its exact value and one step either side.

Issue #19: tests far from a threshold let ``>=`` become ``>`` (or a bound move
by one) unnoticed. Each test here puts the input *on* the boundary and one
step below and above it, so such a mutant flips one of the three verdicts.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from tipline.operators.fairness import gate
from tipline.operators.grooming.pairs import PairScore
from tipline.operators.grooming.relation import Relation
from tipline.operators.grooming.scorer import _level_for, compile_scorer
from tipline.schemas.config import TiplineConfig
from tipline.schemas.grooming import CalibrationBin, CalibrationTable, DecisionConfig, Level

EPS = 1e-9


def table(*bins: tuple[float, int, float, float]) -> CalibrationTable:
    """A calibration table from ``(min_score, n, precision, wilson_lower)`` rows."""
    rows = [
        CalibrationBin(min_score=s, n=n, tp=round(n * p), precision=p, wilson_lower=lo)
        for s, n, p, lo in bins
    ]
    return CalibrationTable(sessions=rows[0].n, positives=rows[0].tp, z=1.96, bins=rows)


# ---------------------------------------------------------------- fairness gate


@pytest.mark.parametrize(("lower", "allowed"), [(0.9 - EPS, False), (0.9, True), (0.9 + EPS, True)])
def test_gate_at_the_wilson_lower_bound(lower: float, allowed: bool) -> None:
    cfg = DecisionConfig(action_min_lower_bound=0.9, min_calibration_count=30)
    ruling = gate(cfg, table((0.0, 100, 0.99, lower)), 0.5)
    assert ruling.allowed is allowed
    assert ruling.reason == ("lower-bound-ok" if allowed else "lower-bound-below-threshold")
    assert ruling.lower_bound == lower
    assert ruling.threshold == 0.9


def test_gate_uses_the_lower_bound_not_the_point_estimate() -> None:
    cfg = DecisionConfig(action_min_lower_bound=0.9, min_calibration_count=30)
    # precision 0.97 clears the bar, its lower bound 0.85 does not
    ruling = gate(cfg, table((0.0, 100, 0.97, 0.85)), 0.5)
    assert not ruling.allowed
    assert ruling.reason == "lower-bound-below-threshold"
    assert (ruling.confidence, ruling.lower_bound) == (0.97, 0.85)


@pytest.mark.parametrize(("n", "reason"), [(29, "too-few-sessions"), (30, "lower-bound-ok"),
                                           (31, "lower-bound-ok")])  # fmt: skip
def test_gate_at_min_calibration_count(n: int, reason: str) -> None:
    cfg = DecisionConfig(action_min_lower_bound=0.9, min_calibration_count=30)
    ruling = gate(cfg, table((0.0, n, 1.0, 0.95)), 0.5)
    assert ruling.reason == reason
    assert ruling.allowed is (reason == "lower-bound-ok")


@pytest.mark.parametrize(("score", "lower"), [(0.7 - EPS, 0.5), (0.7, 0.95), (0.7 + EPS, 0.95)])
def test_gate_picks_the_highest_bin_the_score_reaches(score: float, lower: float) -> None:
    cfg = DecisionConfig(action_min_lower_bound=0.9, min_calibration_count=1)
    bins = table((0.0, 100, 0.6, 0.5), (0.7, 50, 0.99, 0.95), (0.9, 10, 1.0, 0.7))
    assert gate(cfg, bins, score).lower_bound == lower


def test_gate_below_every_bin_uses_the_first() -> None:
    cfg = DecisionConfig(action_min_lower_bound=0.9, min_calibration_count=1)
    ruling = gate(cfg, table((0.2, 100, 0.99, 0.95), (0.5, 10, 0.1, 0.05)), 0.1)
    assert (ruling.allowed, ruling.lower_bound) == (True, 0.95)


# ---------------------------------------------------------------- score levels

ADULT_TO_MINOR = Relation(
    name="adult-to-minor", factor=1.0, minor_to_minor=False, target_minor=True, deceptive=False
)


def pair(score: float, relation: Relation = ADULT_TO_MINOR) -> PairScore:
    return PairScore(
        sender="a", younger="b", score=score, relation=relation, stages=(), evidence=(),
        sextortion=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def cfg() -> TiplineConfig:
    return TiplineConfig()


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0.5 - EPS, "none"),
        (0.5, "review"),
        (0.5 + EPS, "review"),
        (0.8 - EPS, "review"),
        (0.8, "report"),
        (0.8 + EPS, "report"),
    ],
)
def test_levels_at_the_review_and_report_thresholds(
    cfg: TiplineConfig, score: float, level: str
) -> None:
    decision = DecisionConfig(review_score=0.5, report_score=0.8)
    scorer = compile_scorer(cfg.grooming, decision)
    assert _level_for(scorer, pair(score)) == level


def test_report_needs_a_minor_target_and_minor_to_minor_is_capped(cfg: TiplineConfig) -> None:
    scorer = compile_scorer(cfg.grooming, DecisionConfig(review_score=0.5, report_score=0.8))
    adult = replace(ADULT_TO_MINOR, target_minor=False)
    assert _level_for(scorer, pair(0.9, adult)) == "review"
    minors = replace(ADULT_TO_MINOR, minor_to_minor=True)
    assert _level_for(scorer, pair(0.9, minors)) == cfg.grooming.minor_to_minor_max_level
    assert _level_for(scorer, None) == "none"


def test_idle_expiry_at_its_exact_instant(cfg: TiplineConfig) -> None:
    from datetime import timedelta

    from tipline.operators.grooming import expires_at, is_expired, score_message
    from tipline.schemas.event import MESSAGE_SCHEMA, Account, MessageEvent

    scorer = compile_scorer(cfg.grooming, cfg.decision)
    event = MessageEvent(
        schema=MESSAGE_SCHEMA, event_id="e-1", sent_at=datetime(2026, 3, 1, tzinfo=UTC),
        session_id="s-1", sender=Account(user_id="a"), recipients=[Account(user_id="b")],
        text="hello",
    )  # fmt: skip
    state, _ = score_message(scorer, None, event)
    at = expires_at(scorer, state)
    assert at == event.sent_at + timedelta(seconds=scorer.idle_s)
    step = timedelta(microseconds=1)
    assert [is_expired(scorer, state, at + d) for d in (-step, timedelta(0), step)] == [
        False,
        True,
        True,
    ]


# ---------------------------------------------------------------- calibration edges


def test_wilson_lower_at_its_edges() -> None:
    from tipline.operators.fairness import wilson_lower

    assert wilson_lower(0, 0, 1.96) == 0.0
    assert wilson_lower(0, 1, 1.96) == 0.0
    assert wilson_lower(0, 50, 1.96) == 0.0
    one = wilson_lower(1, 1, 1.96)  # n == 1 is a real sample, not "no data"
    assert one == pytest.approx(1 / (1 + 1.96**2), abs=1e-12)
    assert wilson_lower(1, 2, 1.96) == pytest.approx(0.0945, abs=1e-4)
    assert wilson_lower(5, 10, 1.96) == pytest.approx(0.2366, abs=1e-4)


def _sample(i: int, *, positive: bool, flagged: bool, seg: str, score: float = 0.3):  # type: ignore[no-untyped-def]
    from tipline.operators.fairness import SessionSample

    return SessionSample(f"s{i}", positive, score, flagged, frozenset({("country", seg)}))


def test_empty_bins_have_zero_precision() -> None:
    from tipline.operators.fairness import build_calibration

    table = build_calibration(DecisionConfig(), [_sample(0, positive=True, flagged=True, seg="US")])
    top = table.bins[-1]
    assert (top.n, top.tp, top.precision, top.wilson_lower) == (0, 0, 0.0, 0.0)
    assert table.overall_fpr == 0.0  # no negatives at all
    assert table.bins[0].precision == 1.0


@pytest.mark.parametrize(("negatives", "warned"), [(19, False), (20, True), (21, True)])
def test_disparity_warning_at_min_negatives(negatives: int, warned: bool) -> None:
    from tipline.operators.fairness import build_calibration

    cfg = DecisionConfig(disparity_min_negatives=20, disparity_warn_ratio=1.5)
    # segment BR: every negative flagged; US: 100 negatives, none flagged
    samples = [_sample(i, positive=False, flagged=True, seg="BR") for i in range(negatives)]
    samples += [_sample(1000 + i, positive=False, flagged=False, seg="US") for i in range(100)]
    table = build_calibration(cfg, samples)
    assert table.overall_fpr == pytest.approx(negatives / (negatives + 100))
    assert [w.startswith("false-positive disparity: country=BR") for w in table.warnings] == (
        [True] if warned else []
    )


def test_disparity_warning_needs_a_false_positive_and_a_ratio_above_the_bar() -> None:
    from tipline.operators.fairness import build_calibration

    cfg = DecisionConfig(disparity_min_negatives=1, disparity_warn_ratio=1.0)
    clean = [_sample(i, positive=False, flagged=False, seg="BR") for i in range(30)]
    assert build_calibration(cfg, clean).warnings == []  # fpr 0 > 1.0 * 0 is never a warning
    # both segments at the same rate: fpr == ratio * overall is not above it
    even = [_sample(i, positive=False, flagged=i % 2 == 0, seg="BR" if i < 20 else "US")
            for i in range(40)]  # fmt: skip
    assert build_calibration(cfg, even).warnings == []


def test_a_single_false_positive_can_raise_the_disparity_warning() -> None:
    from tipline.operators.fairness import build_calibration

    cfg = DecisionConfig(disparity_min_negatives=1, disparity_warn_ratio=1.5)
    samples = [_sample(0, positive=False, flagged=True, seg="BR"),
               _sample(1, positive=False, flagged=False, seg="BR")]  # fmt: skip
    samples += [_sample(10 + i, positive=False, flagged=False, seg="US") for i in range(100)]
    (warning,) = build_calibration(cfg, samples).warnings
    assert warning.startswith("false-positive disparity: country=BR fpr 0.500 vs overall 0.010")


@pytest.mark.parametrize("held", ["report", "review"])
def test_a_level_is_released_only_below_its_threshold_minus_the_margin(
    cfg: TiplineConfig, held: Level
) -> None:
    """Hysteresis: a level held stays at exactly threshold - margin and drops one step below."""
    from math import nextafter

    from tipline.operators.grooming.scorer import _apply_hysteresis
    from tipline.operators.grooming.state import SessionState

    scorer = compile_scorer(cfg.grooming, DecisionConfig(review_score=0.5, report_score=0.8))
    margin = scorer.cfg.release_margin
    edge = (0.8 if held == "report" else 0.5) - margin
    below = "review" if held == "report" else "none"
    for score, level in ((edge, held), (nextafter(edge, 0.0), below), (nextafter(edge, 1.0), held)):
        state = SessionState(level=held)
        assert not _apply_hysteresis(scorer, state, "none", score)
        assert state.level == level, score
    # released from report: review while at or above review - margin, else none
    for score, level in ((0.5 - margin, "review"), (nextafter(0.5 - margin, 0.0), "none")):
        state = SessionState(level="report")
        _apply_hysteresis(scorer, state, "none", score)
        assert state.level == level, score
