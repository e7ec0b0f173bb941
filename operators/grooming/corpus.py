"""Scoring a labelled corpus through the production scorer, and its session/cue figures.

A :class:`Corpus` is what ``tipline.services.corpus.read_corpus`` reads: sessions with
their events in event-time order, labels, styles or negative kinds, per-message
cue annotations and participants' true ages. :func:`run_session` feeds one
session's events to :func:`~tipline.operators.grooming.scorer.score_message` exactly
as the flow does (one state per session), and :func:`report` turns the runs
into the figures of the leave-one-corpus-out table:

* session level: precision, recall, F0.5, median messages to detection
  (docs/contract.md §4: over true positives, messages seen at the first flag);
* recall per grooming style, false-alert rate per hard-negative kind;
* per cue, message-level recall and precision of what fired against the
  annotations (recognition measured apart from aggregation);
* the false-negative and false-positive session ids with the cues that fired;
* per cue, in how many caught, missed, falsely flagged and quiet sessions it
  fired (:func:`cue_sessions`: the base rate beside the errors);
* how often the age relation read matches the participants' annotated true
  ages, for grooming and for each hard-negative kind (:func:`relation_figures`).

Invariants: pure; reads ids, labels and cue names only (the scorer reads the
text), so reports carry no content.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import msgspec
import numpy as np
import numpy.typing as npt

from tipline.operators.grooming.aggregate import fit_aggregator, probability
from tipline.operators.grooming.cues import CueModel
from tipline.operators.grooming.scorer import (
    Scorer,
    compile_scorer,
    score_message,
    session_features,
)
from tipline.operators.grooming.state import SessionState
from tipline.schemas.event import MessageEvent
from tipline.schemas.grooming import DecisionConfig, GroomingConfig


@dataclass(frozen=True, slots=True)
class Participant:
    """One participant's annotated truth."""

    user_id: str
    true_age: int | None
    role: str


@dataclass(frozen=True, slots=True)
class CorpusSession:
    """One labelled conversation with its annotations."""

    session_id: str
    positive: bool
    style: str | None
    negative_kind: str | None
    events: list[MessageEvent]
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    participants: list[Participant] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Corpus:
    """A named corpus (``sums_sha256`` identifies a frozen one)."""

    name: str
    sums_sha256: str | None
    sessions: list[CorpusSession]


@dataclass(frozen=True, slots=True)
class SessionRun:
    """What a detector did on one session: first flag, and the cues fired per message."""

    session_id: str
    flagged_at: int | None
    fired: dict[str, tuple[str, ...]] = field(default_factory=dict)
    peak: float = 0.0
    relation: str = "unknown"


def run_session(scorer: Scorer, session: CorpusSession) -> SessionRun:
    """Replay one session through the scorer (fresh state), as the flow would.

    Args:
        scorer: a compiled scorer.
        session: the session (events already in event-time order).

    Returns:
        The 1-based message count at the first ``review``/``report`` verdict
        (None if never) and the signal names each message fired.

    """
    state: SessionState | None = None
    flagged_at: int | None = None
    fired: dict[str, tuple[str, ...]] = {}
    peak, relation = 0.0, "unknown"
    for n, event in enumerate(session.events, start=1):
        state, verdict = score_message(scorer, state, event)
        fired[event.event_id] = tuple(verdict.message_signals)
        if verdict.score >= peak:
            peak, relation = verdict.score, verdict.age_relation
        if flagged_at is None and verdict.level != "none":
            flagged_at = n
    return SessionRun(session.session_id, flagged_at, fired, peak, relation)


_GRID = tuple(round(0.3 + 0.02 * step, 2) for step in range(34))


def score_trajectory(scorer: Scorer, session: CorpusSession) -> list[float]:
    """Return the running session score after each message (levels and holds aside)."""
    state: SessionState | None = None
    scores = []
    for event in session.events:
        state, verdict = score_message(scorer, state, event)
        scores.append(verdict.score)
    return scores


Trajectories = list[tuple[bool, list[float]]]


def _f05_at(trajectories: Trajectories, t: float, hold: int) -> float:
    """F0.5 of flagging each session whose running score reaches ``t`` after the hold."""
    tp = fp = fn = 0
    for positive, scores in trajectories:
        flagged = any(s >= t for s in scores[max(hold - 1, 0) :])
        tp += positive and flagged
        fp += (not positive) and flagged
        fn += positive and not flagged
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return _f05(p, r)


def choose_review_score(
    trajectories: Trajectories,
    hold: int,
    grid: tuple[float, ...] = _GRID,
) -> tuple[float, float]:
    """Return the session threshold with the best F0.5 over out-of-corpus score trajectories.

    Args:
        trajectories: (label, running scores) per session.
        hold: no flag before this many messages (``family.hold_messages``).
        grid: candidate thresholds.

    Returns:
        ``(threshold, F0.5 at it)``; ties keep the lower threshold.

    """
    best = (0.5, -1.0)
    for t in grid:
        f = _f05_at(trajectories, t, hold)
        if f > best[1] + 1e-9:
            best = (t, f)
    return best


def choose_review_score_worst(
    by_corpus: list[Trajectories],
    hold: int,
    grid: tuple[float, ...] = _GRID,
) -> tuple[float, float]:
    """Return the threshold that maximises the worst corpus's F0.5 (ties: the mean's, then lower).

    An unseen author's scores sit higher or lower than the training authors'
    (the pooled best follows the largest or most numerous ones). Measured leave
    one corpus out it was not the better carry-over (docs/grooming.md, third
    round), so ``grooming.model.review_choice`` defaults to ``pooled``.

    Returns:
        ``(threshold, worst corpus's F0.5 at it)``.

    """
    best: tuple[float, float, float] = (0.5, -1.0, -1.0)
    for t in grid:
        fs = [_f05_at(c, t, hold) for c in by_corpus]
        worst, mean = min(fs), sum(fs) / len(fs)
        if worst > best[1] + 1e-9 or (abs(worst - best[1]) <= 1e-9 and mean > best[2] + 1e-9):
            best = (t, worst, mean)
    return best[0], best[1]


# How far below the best out-of-corpus F0.5 a lower review threshold may be and still be
# chosen by ``review_choice = "plateau"``: about the run-to-run movement of F0.5 that
# threshold and decay tuning gave (docs/grooming.md).
PLATEAU_TOLERANCE = 0.01


def choose_review_score_plateau(
    trajectories: Trajectories,
    hold: int,
    tolerance: float = PLATEAU_TOLERANCE,
    grid: tuple[float, ...] = _GRID,
) -> tuple[float, float]:
    """Return the lowest threshold whose F0.5 is within ``tolerance`` of the best.

    Over a flat top of the F0.5 curve the best point is chance; an unseen
    author's scores tend to sit lower than the training authors' out-of-corpus
    ones (the recogniser is less sure of phrasing it never saw), so the low
    end of the top keeps recall where the high end loses it.

    Returns:
        ``(threshold, F0.5 at it)``.

    """
    scored = [(t, _f05_at(trajectories, t, hold)) for t in grid]
    top = max(f for _, f in scored)
    return next((t, f) for t, f in scored if f >= top - tolerance - 1e-9)


def fit_session_aggregator(
    cfg: GroomingConfig,
    decision: DecisionConfig,
    corpora: list[Corpus],
    inner: dict[int, CueModel],
) -> tuple[npt.NDArray[np.float32], float, float]:
    """Fit the learned aggregator and its review threshold on out-of-corpus recognition.

    Each training corpus is scored with the recogniser trained without it
    (hand-set formula); the aggregator is fitted on the resulting state
    features of every message prefix, and the review threshold is the one
    with the best F0.5 over the same sessions. The synthetic corpus is left
    out when independent ones exist.

    Returns:
        ``(aggregator weights, review_score, F0.5 at it)``.

    """
    independent = [g for g in inner if corpora[g].name != "synth"] or list(inner)
    rows: list[tuple[bool, list[list[float]]]] = []
    for g in sorted(independent):
        scorer = compile_scorer(cfg, decision, inner[g])
        for s in corpora[g].sessions:
            state: SessionState | None = None
            prefixes = []
            for event in s.events:
                state, _ = score_message(scorer, state, event)
                prefixes.append(session_features(scorer, state))
            rows.append((s.positive, prefixes))
    if not rows:
        return np.zeros(0, dtype=np.float32), decision.review_score, float("nan")
    weights = fit_aggregator(rows)
    trajectories = [(label, [probability(weights, x) for x in xs]) for label, xs in rows]
    hold = cfg.family.hold_messages if cfg.family.enabled else 0
    review, f = choose_review_score(trajectories, hold)
    return weights, review, f


def out_of_corpus_trajectories(
    cfg: GroomingConfig,
    decision: DecisionConfig,
    corpora: list[Corpus],
    inner: dict[int, CueModel],
) -> list[Trajectories]:
    """Score each training corpus with the model trained without it; one list per corpus.

    The synthetic corpus is left out when independent ones exist.
    """
    independent = [g for g in inner if corpora[g].name != "synth"] or list(inner)
    out: list[Trajectories] = []
    for g in sorted(independent):
        scorer = compile_scorer(cfg, decision, inner[g])
        out.append([(s.positive, score_trajectory(scorer, s)) for s in corpora[g].sessions])
    return out


def review_score_by(choice: str, by_corpus: list[Trajectories], hold: int) -> tuple[float, float]:
    """Choose the review threshold by ``choice``.

    ``pooled`` (best F0.5), ``worst_corpus`` or ``plateau`` (the lowest within
    :data:`PLATEAU_TOLERANCE` of the pooled best).
    """
    if choice == "worst_corpus":
        return choose_review_score_worst(by_corpus, hold)
    pooled = [t for c in by_corpus for t in c]
    if choice == "plateau":
        return choose_review_score_plateau(pooled, hold)
    return choose_review_score(pooled, hold)


def with_shift(cfg: GroomingConfig, shift: float) -> GroomingConfig:
    """Return ``cfg`` with ``[grooming.model] threshold_shift`` set to ``shift``."""
    model = msgspec.structs.replace(cfg.model, threshold_shift=shift)
    return msgspec.structs.replace(cfg, model=model)


@dataclass(frozen=True, slots=True)
class OutOfCorpusChoice:
    """What training chose on the out-of-corpus scores of its own corpora."""

    threshold_shift: float
    review_score: float
    f05: float
    """F0.5 at the chosen review threshold (pooled, or the worst author's); NaN if none."""
    trajectories: list[Trajectories] = field(default_factory=list)
    """Per training corpus, at the chosen shift (for comparing review choices)."""


def out_of_corpus_choice(
    cfg: GroomingConfig,
    decision: DecisionConfig,
    corpora: list[Corpus],
    inner: dict[int, CueModel],
) -> OutOfCorpusChoice:
    """Choose ``threshold_shift`` and ``decision.review_score`` on text from unseen authors.

    Each training corpus is scored through the scorer with the model trained
    without it (:func:`~tipline.operators.grooming.training.train_folds`), once
    per candidate of ``grooming.model.shift_choices`` (only the configured
    ``threshold_shift`` when empty); at each, the review threshold is chosen by
    ``grooming.model.review_choice``, and the shift whose F0.5 there is best
    wins (ties keep the earlier candidate). The cue thresholds are each
    chosen for F1 at message level; a session needs a different balance
    (many cues add up, so it pays for recall), which is what the shift finds.

    Returns:
        The choice; the configured shift and score (F0.5 NaN) when there is nothing to choose on.

    """
    hold = cfg.family.hold_messages if cfg.family.enabled else 0
    rule = cfg.model.review_choice
    best = OutOfCorpusChoice(cfg.model.threshold_shift, decision.review_score, float("nan"))
    best_rank = float("nan")
    for shift in cfg.model.shift_choices or (cfg.model.threshold_shift,):
        scored = out_of_corpus_trajectories(with_shift(cfg, shift), decision, corpora, inner)
        by_corpus = [c for c in scored if c]
        if not by_corpus:
            return best
        review, f = review_score_by(rule, by_corpus, hold)
        # "plateau" ranks shifts by the pooled best, then takes its top's low end
        rank = review_score_by("pooled", by_corpus, hold)[1] if rule == "plateau" else f
        if not best_rank >= rank - 1e-9:  # NaN (nothing yet) or a better F0.5
            best, best_rank = OutOfCorpusChoice(shift, review, f, by_corpus), rank
    return best


def run_keyword_baseline(
    session: CorpusSession, flag_at: Callable[[Iterable[str | None]], int | None]
) -> SessionRun:
    """Run the keyword baseline (no cue recognition) over a session."""
    return SessionRun(session.session_id, flag_at(e.text for e in session.events))


def _f05(p: float, r: float) -> float:
    return 1.25 * p * r / (0.25 * p + r) if p + r else 0.0


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _session_figures(corpus: Corpus, runs: dict[str, SessionRun]) -> dict[str, object]:
    tp = fp = fn = tn = 0
    latency: list[int] = []
    by_style: dict[str, list[int]] = {}
    by_kind: dict[str, list[int]] = {}
    for s in corpus.sessions:
        at = runs[s.session_id].flagged_at
        flagged = at is not None
        if s.positive:
            tp, fn = tp + flagged, fn + (not flagged)
            if at is not None:
                latency.append(at)
            by_style.setdefault(s.style or "unknown", [0, 0])
            by_style[s.style or "unknown"][0] += flagged
            by_style[s.style or "unknown"][1] += 1
        else:
            fp, tn = fp + flagged, tn + (not flagged)
            by_kind.setdefault(s.negative_kind or "other", [0, 0])
            by_kind[s.negative_kind or "other"][0] += flagged
            by_kind[s.negative_kind or "other"][1] += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    negatives = fp + tn
    return {
        "sessions": len(corpus.sessions), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": p, "recall": r, "f05": _f05(p, r),
        "median_messages_to_detection": float(statistics.median(latency)) if latency else None,
        "false_alert_rate": fp / negatives if negatives else None,
        "style_recall": {k: {"caught": v[0], "n": v[1], "recall": v[0] / v[1]}
                         for k, v in sorted(by_style.items())},
        "negative_false_alerts": {k: {"flagged": v[0], "n": v[1], "rate": v[0] / v[1]}
                                  for k, v in sorted(by_kind.items())},
    }  # fmt: skip


def cue_figures(corpus: Corpus, runs: dict[str, SessionRun]) -> dict[str, dict[str, object]]:
    """Per annotated cue: message-level recall and precision of what fired.

    Args:
        corpus: the annotated corpus.
        runs: one run per session (with ``fired``).

    Returns:
        ``{cue: {"annotated", "fired", "hit", "recall", "precision"}}`` for
        every cue annotated or fired (cue names are scorer category names).

    """
    counts: dict[str, list[int]] = {}
    for s in corpus.sessions:
        fired = runs[s.session_id].fired
        for e in s.events:
            truth = set(s.cues.get(e.event_id, ()))
            got = set(fired.get(e.event_id, ()))
            for cue in truth | got:
                c = counts.setdefault(cue, [0, 0, 0])
                c[0] += cue in truth
                c[1] += cue in got
                c[2] += cue in truth and cue in got
    return {
        cue: {"annotated": a, "fired": f, "hit": h,
              "recall": _ratio(h, a), "precision": _ratio(h, f)}
        for cue, (a, f, h) in sorted(counts.items())
    }  # fmt: skip


def errors(corpus: Corpus, runs: dict[str, SessionRun]) -> dict[str, dict[str, list[str]]]:
    """False-negative and false-positive session ids with the cues that fired in each."""
    out: dict[str, dict[str, list[str]]] = {"false_negatives": {}, "false_positives": {}}
    for s in corpus.sessions:
        run = runs[s.session_id]
        flagged = run.flagged_at is not None
        if s.positive == flagged:
            continue
        cues = sorted({c for fired in run.fired.values() for c in fired})
        out["false_negatives" if s.positive else "false_positives"][s.session_id] = cues
    return out


OUTCOMES = ("caught", "missed", "false_alert", "quiet")
"""Session outcomes of :func:`cue_sessions`: grooming flagged or not, negatives flagged or not."""


def cue_sessions(corpus: Corpus, runs: dict[str, SessionRun]) -> dict[str, dict[str, int]]:
    """For each cue that fired: in how many sessions of each outcome it fired at least once.

    Outcomes are :data:`OUTCOMES`, and ``sessions`` holds each outcome's total,
    so a cue's base rate can be read: a cue that fired in most missed sessions
    says something only if it fired less often in the caught ones.
    """
    totals = dict.fromkeys(OUTCOMES, 0)
    by_cue: dict[str, dict[str, int]] = {}
    for s in corpus.sessions:
        run = runs[s.session_id]
        flagged = run.flagged_at is not None
        if s.positive:
            outcome = "caught" if flagged else "missed"
        else:
            outcome = "false_alert" if flagged else "quiet"
        totals[outcome] += 1
        for cue in {c for fired in run.fired.values() for c in fired}:
            by_cue.setdefault(cue, dict.fromkeys(OUTCOMES, 0))[outcome] += 1
    return {"sessions": totals} | {cue: by_cue[cue] for cue in sorted(by_cue)}


# the age at which an annotated true age counts as an adult's (the law's, not a setting)
ADULT_AGE = 18


def true_relation(session: CorpusSession) -> str | None:
    """Return the annotated age relation, oldest to youngest true age, or None.

    ``adult-minor``, ``minor-minor`` or ``adult-adult``; None without two known ages.
    """
    ages = [p.true_age for p in session.participants if p.true_age is not None]
    if len(ages) < 2:
        return None
    side = ("minor", "adult")
    return f"{side[max(ages) >= ADULT_AGE]}-{side[min(ages) >= ADULT_AGE]}"


def relation_figures(corpus: Corpus, runs: dict[str, SessionRun]) -> dict[str, object]:
    """How often the scorer's age relation matches the participants' annotated true ages.

    The relation read is the verdict's ``age_relation`` at the session's peak
    score (``older-minor-minor`` counts as ``minor-minor``). For ``all``,
    ``grooming``, ``hard_negatives`` and each hard-negative kind (``by_kind``):
    sessions with two known true ages, how many were read right, and how many
    were read ``adult-minor`` although they are not (the relation that weighs
    most).
    """
    groups: dict[str, list[int]] = {"all": [0, 0, 0], "grooming": [0, 0, 0]}
    groups["hard_negatives"] = [0, 0, 0]
    kinds: dict[str, list[int]] = {}
    for s in corpus.sessions:
        truth = true_relation(s)
        if truth is None:
            continue
        seen = runs[s.session_id].relation.removeprefix("older-")
        own = [groups["grooming"]] if s.positive else [
            groups["hard_negatives"], kinds.setdefault(s.negative_kind or "other", [0, 0, 0])
        ]  # fmt: skip
        for g in (groups["all"], *own):
            g[0] += 1
            g[1] += seen == truth
            g[2] += seen == "adult-minor" and truth != "adult-minor"

    def figures(n: int, right: int, wrong: int) -> dict[str, object]:
        return {"n": n, "right": right, "accuracy": _ratio(right, n), "wrongly_adult_minor": wrong}

    out: dict[str, object] = {k: figures(*v) for k, v in groups.items()}
    out["by_kind"] = {k: figures(*v) for k, v in sorted(kinds.items())}
    return out


def report(corpus: Corpus, runs: dict[str, SessionRun], *, cues: bool = True) -> dict[str, object]:
    """All figures of one detector on one corpus (see the module docstring)."""
    out = _session_figures(corpus, runs)
    if cues:
        out["cues"] = cue_figures(corpus, runs)
        out["errors"] = errors(corpus, runs)
        out["cue_sessions"] = cue_sessions(corpus, runs)
        out["relations"] = relation_figures(corpus, runs)
    return out
