"""The learned session aggregator: fitting, and the scorer using it."""

from __future__ import annotations

import numpy as np

from tests.unit.grooming.conftest import make_event
from tipline.operators.grooming import Scorer, compile_scorer, score_message
from tipline.operators.grooming.aggregate import fit_aggregator, n_features, probability
from tipline.operators.grooming.training import with_aggregator
from tipline.schemas.config import TiplineConfig


def test_fit_separates_and_is_deterministic() -> None:
    pos = [(True, [[1.0, 0.0], [1.0, 0.2]]) for _ in range(5)]
    neg = [(False, [[0.0, 1.0], [0.1, 1.0], [0.0, 0.9]]) for _ in range(7)]
    weights = fit_aggregator(pos + neg)
    assert np.array_equal(weights, fit_aggregator(pos + neg))
    assert probability(weights, [1.0, 0.0]) > 0.8 > 0.2 > probability(weights, [0.0, 1.0])


def test_the_scorer_reports_the_aggregators_probability(
    config: TiplineConfig, scorer: Scorer
) -> None:
    assert scorer.binding is not None
    size = n_features(scorer.categories) + 1
    flat = np.zeros(size, dtype=np.float32)
    flat[-1] = 3.0  # bias only: every state scores sigmoid(3)
    model = with_aggregator(scorer.binding.model, flat)
    assert model.version != scorer.binding.model.version
    constant = compile_scorer(config.grooming, config.decision, model)
    _, verdict = score_message(constant, None, make_event(0, "hi"))
    assert verdict.score == round(1 / (1 + np.exp(-3.0)), 6)
