"""The fold models that choose the session threshold follow the final model's recipe."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tipline.operators.grooming import Scorer
from tipline.operators.grooming.optimise import F64, minimise, minimise_path
from tipline.operators.grooming.training import (
    TrainParams,
    _fit,
    _matrix,
    _messages,
    _vocabulary,
    _weights,
    train_folds,
)
from tipline.services.corpus import read_corpus, write_synth_corpus
from tipline.synth.corpus import CUE_VOCABULARY


def _logistic(seed: int) -> tuple[F64, F64]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(60, 5))
    y = (x @ rng.normal(size=5) + rng.normal(size=60) > 0).astype(np.float64)
    return x, y


def test_a_longer_run_passes_through_every_shorter_run_bit_for_bit() -> None:
    x, y = _logistic(3)

    def loss(theta: F64) -> tuple[float, F64]:
        z = x @ theta
        p = 1.0 / (1.0 + np.exp(-z))
        return float((np.logaddexp(0.0, z) - y * z).sum() + 0.5 * theta @ theta), x.T @ (
            p - y
        ) + theta

    start = np.zeros(5)
    stops = (0, 1, 4, 9, 500)
    path = minimise_path(loss, start, stops)
    for k, point in zip(stops, path, strict=True):
        assert np.array_equal(point, minimise(loss, start, k))
    # 500 iterations converge long before: the last stop is the converged point, not 0
    assert np.abs(path[-1]).sum() > 0
    assert not np.array_equal(path[1], path[-1])


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("two")
    return [write_synth_corpus(root / n, seed=s, sessions=16) for n, s in (("a", 4), ("b", 5))]


def test_fold_models_are_fitted_as_long_as_the_final_model(scorer: Scorer, two: list[Path]) -> None:
    corpora = [read_corpus(p) for p in two]
    params = TrainParams(max_iter=12, oof_max_iter=5)
    model, inner = train_folds(corpora, scorer, CUE_VOCABULARY, params)
    assert sorted(inner) == [0, 1]
    d = _messages(corpora, scorer, CUE_VOCABULARY)
    x = _matrix(d.feats, _vocabulary(d.feats, params))
    y, group = np.asarray(d.y), np.asarray(d.group, dtype=np.int64)
    w = _weights(y, np.asarray(d.mask), group, ["a", "b"], params)
    for g, fold in inner.items():
        rows = np.flatnonzero(group != g)
        full, _ = _fit(x[rows], y[rows], w[rows], params)
        quick, _ = _fit(x[rows], y[rows], w[rows], TrainParams(max_iter=params.oof_max_iter))
        assert np.array_equal(fold.weights, full.astype(np.float32))
        assert not np.array_equal(fold.weights, quick.astype(np.float32))
        # context layer and cue thresholds are the final model's
        assert fold.thresholds is model.thresholds
