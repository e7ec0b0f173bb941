"""A learned session aggregator: the best pair's evidence → P(grooming conversation).

The hand-set formula of :mod:`tipline.operators.grooming.pairs` (weights per category,
stage and co-occurrence bonuses, relation factor, context damping) ranks
sessions; which combinations separate grooming from the hard negatives
(family and caregivers, coaches, peers, adults dating, gamers) is learned
here from the training corpora. Features of the session state after a
message (:func:`features`):

* per signal category, the decayed strength of the best pair's newest hit;
* the hand-set score of that pair, its relation factor, the conflict flag,
  whether the target is a minor and the minor-to-minor flag;
* the conversation's family count (capped), the number of stages reached and
  the (log) number of messages seen.

The model is one logistic regression, trained (:func:`fit_aggregator`) on
every message prefix of every training session, each session weighing the
same, with the session's label. Its weights travel in the cue-model artifact,
so they are versioned and checksummed with it; when present the session
score is its probability.

Invariants: a pure function of the state (same state → same score), so the
shuffle and replay properties of the scorer hold.
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt

from tipline.operators.grooming.optimise import minimise
from tipline.operators.grooming.pairs import PairScore
from tipline.operators.grooming.signals import Category
from tipline.operators.grooming.state import SessionState, hit_age

F64 = npt.NDArray[np.float64]
_EXTRA: Final = 8


def n_features(categories: tuple[Category, ...]) -> int:
    """Length of the feature vector for a config's categories."""
    return len(categories) + _EXTRA


def features(
    categories: tuple[Category, ...],
    decay_rate: float,
    state: SessionState,
    pair: PairScore | None,
    message_s: int = 0,
) -> list[float]:
    """Return the aggregator's features of a session state (see the module docstring)."""
    out = [0.0] * n_features(categories)
    n = len(categories)
    if pair is not None:
        for hit in pair.evidence:
            age = hit_age(state, hit[0], message_s)
            out[hit[1]] = max(out[hit[1]], math.exp(-decay_rate * age))
        out[n] = pair.score
        out[n + 1] = pair.relation.factor
        out[n + 2] = float(pair.relation.deceptive)
        out[n + 3] = float(pair.relation.target_minor)
        out[n + 4] = float(pair.relation.minor_to_minor)
        out[n + 5] = len(pair.stages) / 5.0
    out[n + 6] = min(state.family, 4) / 4.0
    out[n + 7] = math.log1p(state.messages_seen) / 5.0
    return out


def probability(weights: npt.NDArray[np.float32], x: list[float]) -> float:
    """Return sigmoid(w·x + b); ``weights`` holds the feature weights then the bias."""
    z = float(np.dot(weights[:-1], np.asarray(x, dtype=np.float32))) + float(weights[-1])
    return 1.0 / (1.0 + math.exp(-max(min(z, 35.0), -35.0)))


def fit_aggregator(
    rows: list[tuple[bool, list[list[float]]]], l2: float = 0.01, iterations: int = 200
) -> npt.NDArray[np.float32]:
    """Fit the aggregator on (session label, feature vectors per message prefix).

    Each session weighs the same and the two classes weigh the same in total.
    Deterministic: full-batch gradient descent from zero with a fixed step.

    Returns:
        Feature weights followed by the bias (float32).

    """
    xs: list[list[float]] = []
    ys: list[float] = []
    ws: list[float] = []
    pos = sum(1 for label, prefixes in rows if label and prefixes)
    neg = sum(1 for label, prefixes in rows if not label and prefixes)
    for label, prefixes in rows:
        if not prefixes:
            continue
        share = (0.5 / max(pos, 1) if label else 0.5 / max(neg, 1)) / len(prefixes)
        for prefix in prefixes:
            xs.append(prefix)
            ys.append(float(label))
            ws.append(share)
    x = np.asarray(xs, dtype=np.float64)
    y = np.asarray(ys)
    w = np.asarray(ws)
    lam = l2 / max(len(rows), 1)

    def loss(theta: F64) -> tuple[float, F64]:
        z = x @ theta[:-1] + theta[-1]
        value = float((w * (np.logaddexp(0.0, z) - y * z)).sum()) + 0.5 * lam * float(
            theta[:-1] @ theta[:-1]
        )
        g = w * (1.0 / (1.0 + np.exp(-np.clip(z, -35, 35))) - y)
        return value, np.concatenate((x.T @ g + lam * theta[:-1], [g.sum()]))

    theta = minimise(loss, np.zeros(x.shape[1] + 1), iterations)
    return theta.astype(np.float32)
