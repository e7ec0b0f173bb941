"""Training the cue recogniser from annotated corpora (deterministic, numpy + scipy).

:func:`train` builds a :class:`~tipline.operators.grooming.cues.CueModel` from the
cue-annotated messages of one or more corpora:

1. Every message becomes a feature set (:func:`~tipline.operators.grooming.cues.feature_names`
   over the scorer's own normalisation and patterns); features seen in at
   least ``min_count`` messages form the vocabulary, sorted by count then name.
2. One L2-regularised logistic regression per cue, plus one for "the sender
   is an adult" (from participants' annotated true ages), fitted jointly by
   L-BFGS. Each corpus carries the same total weight (the synthetic corpus
   ``synth_weight`` of that), so no single author's phrasing dominates;
   positives are up-weighted by ``sqrt(neg/pos)`` (at most 10).
3. Out-of-fold logits, folds = corpora (leave one corpus out *inside* the
   training set), train the context layer and choose each cue's threshold
   (best F-beta on out-of-fold predictions): thresholds are picked for text
   from an author the model has not seen, which is the case that matters.

Invariants: pure (corpora in memory in, a model out); the same corpora and
parameters give the same model byte for byte (fixed order, no randomness).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from scipy import sparse

from tipline.operators.grooming.corpus import ADULT_AGE, Corpus
from tipline.operators.grooming.cues import CueModel, feature_names
from tipline.operators.grooming.normalise import normalise
from tipline.operators.grooming.optimise import minimise
from tipline.operators.grooming.scorer import Scorer
from tipline.operators.grooming.signals import detect

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class TrainParams:
    """Knobs of :func:`train` (recorded in the artifact's manifest)."""

    min_count: int = 2
    max_features: int = 1 << 18
    l2: float = 1.0
    context_l2: float = 4.0
    max_iter: int = 80
    oof_max_iter: int = 40
    synth_weight: float = 0.5
    beta: float = 1.0
    min_positives: int = 8


@dataclass(slots=True)
class _Data:
    """Training messages: features, targets and where each came from."""

    feats: list[set[str]]
    y: list[list[float]]
    mask: list[list[float]]
    group: list[int]
    prev_other: list[int]
    prev_same: list[int]


def _messages(corpora: Sequence[Corpus], scorer: Scorer, cues: tuple[str, ...]) -> _Data:
    d = _Data([], [], [], [], [], [])
    cat_names = tuple(c.name for c in scorer.categories)
    position = {c: i for i, c in enumerate(cues)}
    for g, corpus in enumerate(corpora):
        for s in corpus.sessions:
            adult = {
                p.user_id: float(p.true_age >= ADULT_AGE)
                for p in s.participants
                if p.true_age is not None
            }
            start = len(d.feats)
            for n, e in enumerate(s.events):
                raw = e.text or ""
                norm = normalise(raw, scorer.normaliser) if raw else ""
                regex = tuple(cat_names[i] for i in detect(scorer.categories, norm))
                d.feats.append(feature_names(norm, raw, regex))
                y = [0.0] * (len(cues) + 1)
                for c in s.cues.get(e.event_id, ()):
                    if c in position:
                        y[position[c]] = 1.0
                sender = e.sender.user_id
                known = sender in adult
                y[-1] = adult.get(sender, 0.0)
                d.y.append(y)
                d.mask.append([1.0] * len(cues) + [float(known)])
                d.group.append(g)
                d.prev_other.append(_prev(s.events, n, start, other=True))
                d.prev_same.append(_prev(s.events, n, start, other=False))
    return d


def _prev(events: list, n: int, start: int, *, other: bool) -> int:  # type: ignore[type-arg]
    """Row of the previous message by another sender (within two) or the same one (just before)."""
    sender = events[n].sender.user_id
    if not other:
        return start + n - 1 if n >= 1 and events[n - 1].sender.user_id == sender else -1
    for back in (1, 2):
        if n - back >= 0 and events[n - back].sender.user_id != sender:
            return start + n - back
    return -1


def _vocabulary(feats: list[set[str]], p: TrainParams) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for f in feats:
        counts.update(f)
    kept = sorted((f for f, c in counts.items() if c >= p.min_count), key=lambda f: (-counts[f], f))
    return {f: i for i, f in enumerate(sorted(kept[: p.max_features]))}


def _matrix(feats: list[set[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for f in feats:
        idx = sorted(i for x in f if (i := vocab.get(x)) is not None)
        indices.extend(idx)
        data.extend([1.0 / np.sqrt(len(idx))] * len(idx) if idx else [])
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.asarray(data), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
        shape=(len(feats), len(vocab)),
    )


def _weights(
    y: F64, mask: F64, group: npt.NDArray[np.int64], names: Sequence[str], p: TrainParams
) -> F64:
    """Per-element loss weights: equal corpus totals, balanced positives, masked unknowns."""
    w = mask.copy()
    n = len(group)
    per_corpus = np.bincount(group).astype(np.float64)
    share = np.array([p.synth_weight if nm == "synth" else 1.0 for nm in names])
    row = share[group] * n / (per_corpus[group] * share.sum())
    w *= row[:, None]
    pos = (y * mask).sum(axis=0)
    neg = ((1 - y) * mask).sum(axis=0)
    boost = np.clip(np.sqrt(np.where(pos > 0, neg / np.maximum(pos, 1), 1.0)), 1.0, 10.0)
    w *= np.where(y > 0, boost[None, :], 1.0)
    return w


def _fit(
    x: sparse.csr_matrix, y: F64, w: F64, p: TrainParams, offset: F64 | None = None
) -> tuple[F64, F64]:
    """Jointly fit one logistic regression per column (L-BFGS, L2 on weights)."""
    v, c = x.shape[1], y.shape[1]
    xt = x.T.tocsr()

    x32 = x.astype(np.float32)
    xt32 = xt.astype(np.float32)
    y32, w32 = y.astype(np.float32), w.astype(np.float32)
    off32 = None if offset is None else offset.astype(np.float32)

    def loss(theta: F64) -> tuple[float, F64]:
        weights = theta[: v * c].reshape(v, c)
        bias = theta[v * c :].astype(np.float32)
        z = x32 @ weights.astype(np.float32) + bias
        if off32 is not None:
            z = z + off32
        prob = 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))
        data = float((w32 * (np.logaddexp(0.0, z) - y32 * z)).sum(dtype=np.float64))
        value = data + 0.5 * p.l2 * float((weights**2).sum())
        g = w32 * (prob - y32)
        grad_w = np.asarray(xt32 @ g, dtype=np.float64) + p.l2 * weights
        return value, np.concatenate((grad_w.ravel(), g.sum(axis=0, dtype=np.float64)))

    theta = minimise(loss, np.zeros(v * c + c), p.max_iter)
    return theta[: v * c].reshape(v, c), theta[v * c :]


def _context_inputs(logits: F64, d: _Data, k: int) -> F64:
    sig = 1.0 / (1.0 + np.exp(-np.clip(logits[:, :k], -35, 35)))
    zero = np.zeros(k)
    rows = [
        np.concatenate((sig[o] if o >= 0 else zero, sig[s] if s >= 0 else zero))
        for o, s in zip(d.prev_other, d.prev_same, strict=True)
    ]
    return np.asarray(rows) if rows else np.zeros((0, 2 * k))


def _best_threshold(z: F64, y: F64, w: F64, p: TrainParams) -> float:
    """Return the logit threshold with the best weighted F-beta (never below 0.2 probability)."""
    if (y * (w > 0)).sum() < p.min_positives:
        return 50.0
    floor = float(np.log(0.2 / 0.8))
    candidates = np.unique(np.round(z[(y > 0) & (z >= floor)], 3))
    if candidates.size == 0:
        return 50.0
    if candidates.size > 200:
        candidates = np.quantile(candidates, np.linspace(0, 1, 200))
    b2 = p.beta**2
    best, best_t = -1.0, 50.0
    weight = (w > 0).astype(np.float64)
    for t in candidates:
        pred = z >= t
        tp = float((pred & (y > 0)).astype(np.float64) @ weight)
        fp = float((pred & (y <= 0)).astype(np.float64) @ weight)
        fn = float(((~pred) & (y > 0)).astype(np.float64) @ weight)
        f = (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp) if tp else 0.0
        if f > best:
            best, best_t = f, float(t)
    return best_t


def train(
    corpora: Sequence[Corpus], scorer: Scorer, cues: tuple[str, ...], p: TrainParams = TrainParams()
) -> CueModel:
    """Train the recogniser on annotated corpora (see :func:`train_folds`)."""
    return train_folds(corpora, scorer, cues, p)[0]


def train_folds(
    corpora: Sequence[Corpus], scorer: Scorer, cues: tuple[str, ...], p: TrainParams = TrainParams()
) -> tuple[CueModel, dict[int, CueModel]]:
    """Train the recogniser on annotated corpora, with its out-of-corpus fold models.

    Args:
        corpora: training corpora (their names pick the synthetic one's weight).
        scorer: a scorer compiled from the config (normaliser and patterns to reuse).
        cues: the cue vocabulary, in column order.
        p: training knobs.

    Returns:
        The model (its version is a digest of its weights) and, per corpus
        index, the model trained without that corpus (sharing the context
        layer and thresholds), for choosing session thresholds out of corpus.

    """
    d = _messages(corpora, scorer, cues)
    vocab = _vocabulary(d.feats, p)
    x = _matrix(d.feats, vocab)
    y, mask = np.asarray(d.y), np.asarray(d.mask)
    group = np.asarray(d.group, dtype=np.int64)
    names = [c.name for c in corpora]
    w = _weights(y, mask, group, names, p)
    weights, bias = _fit(x, y, w, p)
    oof, folds = _out_of_fold(x, y, w, group, p)
    k = len(cues)
    ctx = _context_inputs(oof, d, k)
    ctx_params = TrainParams(l2=p.context_l2, max_iter=p.max_iter)
    context, context_bias = _fit(
        sparse.csr_matrix(ctx), y[:, :k], w[:, :k], ctx_params, offset=oof[:, :k]
    )
    full = oof[:, :k] + ctx @ context + context_bias
    thresholds = np.array([_best_threshold(full[:, j], y[:, j], w[:, j], p) for j in range(k)])
    digest = hashlib.sha256(
        weights.astype(np.float32).tobytes() + bias.astype(np.float32).tobytes()
    )
    model = CueModel(
        version=digest.hexdigest()[:12],
        cues=cues,
        vocab=vocab,
        weights=weights.astype(np.float32),
        bias=bias.astype(np.float32),
        context=context.T.astype(np.float32),
        context_bias=context_bias.astype(np.float32),
        thresholds=thresholds.astype(np.float32),
    )
    inner = {
        g: CueModel(
            version=f"{model.version}-without-{g}",
            cues=cues,
            vocab=vocab,
            weights=fw.astype(np.float32),
            bias=fb.astype(np.float32),
            context=model.context,
            context_bias=model.context_bias,
            thresholds=model.thresholds,
        )
        for g, (fw, fb) in folds.items()
    }
    return model, inner


def with_aggregator(model: CueModel, aggregator: npt.NDArray[np.float32]) -> CueModel:
    """Return the model carrying a learned session aggregator (its version covers it)."""
    digest = hashlib.sha256(
        model.weights.tobytes() + model.bias.tobytes() + aggregator.astype(np.float32).tobytes()
    )
    return replace(model, aggregator=aggregator.astype(np.float32), version=digest.hexdigest()[:12])


def _out_of_fold(
    x: sparse.csr_matrix, y: F64, w: F64, group: npt.NDArray[np.int64], p: TrainParams
) -> tuple[F64, dict[int, tuple[F64, F64]]]:
    """Logits of every message from a model that did not see its corpus (or its fold)."""
    by_corpus = len(np.unique(group)) > 1
    folds = group if by_corpus else np.arange(len(group)) % 3
    out = np.zeros_like(y)
    models: dict[int, tuple[F64, F64]] = {}
    for f in np.unique(folds):
        train_rows = np.flatnonzero(folds != f)
        test_rows = np.flatnonzero(folds == f)
        quick = TrainParams(l2=p.l2, max_iter=p.oof_max_iter)
        weights, bias = _fit(x[train_rows], y[train_rows], w[train_rows], quick)
        out[test_rows] = x[test_rows] @ weights + bias
        if by_corpus:
            models[int(f)] = (weights, bias)
    return out, models
