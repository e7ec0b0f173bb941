"""The session scorer: one call per message, a running score and a verdict.

Public API (what the flow wires into a Bytewax stateful step keyed by
``session_id``)::

    scorer = compile_scorer(cfg.grooming, cfg.decision)     # once, at build time
    state, verdict = score_message(scorer, state, event)    # per message
    expires_at(scorer, state) / is_expired(scorer, state, now)   # idle eviction

Late and out-of-order rule (event time, per session):
    * The watermark is the newest ``sent_at`` accepted in the session.
    * An event no older than ``watermark - allowed_lateness_s`` is accepted in
      any order: its hits are inserted by event time and decay is computed from
      the watermark, so shuffling such events yields the same final evidence
      and the same final score.
    * An older event is **late**: it is scored for its own signals
      (``message_signals``), gets the session's current verdict with
      ``late=True``, and does not change the evidence (only the counters).
    * An event within the lateness but older than the newest ``max_messages``
      messages is accepted and evicted at once: its age claims count, its hits
      do not — exactly what arrival in order would have produced.
    * A repeated event (same id and second) still in the count window is a
      **duplicate** (``duplicate=True``) and changes nothing, so at-least-once
      redelivery never double counts.
    * An event more than ``idle_evict_s`` after the watermark starts a new
      state: the old conversation has expired.

Hysteresis: ``level`` rises as soon as the score crosses a threshold
(``escalated`` is true on exactly that message) and falls only when the score
drops ``release_margin`` below the threshold, so one session raises one alert
per escalation. The alert level is history-dependent by design; the evidence
and the score are not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from tipline.operators.grooming.ages import extract_age
from tipline.operators.grooming.aggregate import features, probability
from tipline.operators.grooming.cues import CueModel, message_rows, own_logits
from tipline.operators.grooming.normalise import Normaliser, compile_normaliser, normalise
from tipline.operators.grooming.pairs import GROUP, PairParams, PairScore, best_pair
from tipline.operators.grooming.recognise import (
    ModelBinding,
    adult_evidence,
    alone_tables,
    bare_age,
    own_categories,
    quantise,
    recognise,
)
from tipline.operators.grooming.signals import Category, compile_categories, detect
from tipline.operators.grooming.state import (
    EPOCH,
    Hit,
    SessionState,
    add_family,
    add_hits,
    add_speaker_evidence,
    admit,
    event_key,
    evict,
    key_seconds,
    merge_person,
)
from tipline.schemas.event import MessageEvent
from tipline.schemas.grooming import (
    DecisionConfig,
    GroomingConfig,
    Level,
    SessionVerdict,
    SignalHit,
)

_RANK: dict[Level, int] = {"none": 0, "review": 1, "report": 2}
# texts whose reading is reused: a text scored again (chat repeats short replies: a third to
# a half of the messages in the author corpora), and message_cues soon after (the flow asks)
_READINGS = 8192
_EXPLAINED = 16384  # hits whose explanation is kept


@dataclass(frozen=True, slots=True)
class Scorer:
    """Everything compiled from the config, built once per flow."""

    cfg: GroomingConfig
    decision: DecisionConfig
    normaliser: Normaliser
    categories: tuple[Category, ...]
    params: PairParams
    window_s: int
    lateness_s: int
    idle_s: int
    binding: ModelBinding | None = None
    # what the newest scored texts showed read alone (no text: the key is a 128-bit
    # BLAKE2b digest, the value a _Found without the normalised text)
    readings: dict[bytes, _Found] = field(default_factory=dict)
    # a verdict's explanation per hit: the newest hit of a signal explains many verdicts in a
    # row, and SignalHit is immutable, so it is built once (ids only; bounded, cleared when full)
    explained: dict[Hit, SignalHit] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Found:
    """What one message says, computed once: categories, an age, the model's logits."""

    cats: tuple[int, ...]
    disclosed: tuple[int, int] | None
    norm: str = ""
    own: bytes | None = None
    family: bool = False


def _bind(cfg: GroomingConfig, categories: tuple[Category, ...], model: CueModel) -> ModelBinding:
    """Map the model's cue columns onto the config's categories (by name)."""
    index = {c.name: c.index for c in categories}
    category_of = tuple(index.get(name, -1) for name in model.cues)
    thresholds = (model.thresholds + np.float32(cfg.model.threshold_shift)).astype(np.float32)
    return ModelBinding(
        model=model,
        category_of=category_of,
        thresholds=thresholds,
        alone=alone_tables(model, category_of, thresholds),
        mapped=tuple((j, cat) for j, cat in enumerate(category_of) if cat >= 0),
        buffer=cfg.model.context_buffer,
        age_probe=index.get("age_probe", -1),
        family_cols=tuple(
            j
            for j, name in enumerate(model.cues)
            if cfg.family.enabled and name in cfg.family.signals and name in index
        ),
    )


def compile_scorer(
    cfg: GroomingConfig, decision: DecisionConfig, model: CueModel | None = None
) -> Scorer:
    """Compile the signal patterns and tables once.

    Args:
        cfg: the ``[grooming]`` section.
        decision: the ``[decision]`` section (review/report thresholds).
        model: the cue recogniser the config names (loaded and checked by the
            flow at start), or None for patterns only.

    Returns:
        A :class:`Scorer` to pass to :func:`score_message`.

    """
    categories = compile_categories(cfg)
    return Scorer(
        cfg=cfg,
        decision=decision,
        normaliser=compile_normaliser(cfg.normalise),
        categories=categories,
        params=PairParams.from_config(cfg, [c.name for c in categories]),
        window_s=int(cfg.window_s),
        lateness_s=int(cfg.allowed_lateness_s),
        idle_s=int(cfg.idle_evict_s),
        binding=_bind(cfg, categories, model) if model is not None else None,
    )


def expires_at(scorer: Scorer, state: SessionState) -> datetime:
    """Return the event time after which the session state may be dropped."""
    return EPOCH + timedelta(seconds=state.watermark + scorer.idle_s)


def is_expired(scorer: Scorer, state: SessionState, now: datetime) -> bool:
    """Return True when ``now`` (event or processing time) is past :func:`expires_at`."""
    return now >= expires_at(scorer, state)


def message_cues(scorer: Scorer, text: str | None) -> list[str]:
    """Return the names of the signal categories one message's text shows, read alone.

    Patterns and the cue recogniser without context (its order-free reading).
    The session verdict keeps only the newest hit of each signal (its score
    evidence); a reviewer's timeline shows every message a signal hit, so it
    asks per message. Names only: the text is never kept.
    """
    seen = scorer.readings.get(_digest(text)) if text else None
    found = _analyse(scorer, text) if seen is None else seen
    return sorted(scorer.categories[i].name for i in _own_cats(scorer, found))


_BLAKE2B_16 = hashlib.blake2b(digest_size=16)


def _digest(text: str) -> bytes:
    # a copy of an empty hasher: the same digest as blake2b(data, digest_size=16), without
    # parsing keyword arguments on every message
    h = _BLAKE2B_16.copy()
    h.update(text.encode())
    return h.digest()


def _read(scorer: Scorer, text: str | None) -> _Found:
    """Return :func:`_analyse` of a text, reusing the reading of the same text scored before.

    The reading is a pure function of the text and the scorer, so reusing it is
    exact. The memo keeps no text: its key is the text's digest and its value
    drops the normalised text (``norm`` is then empty; :func:`_recognise`
    normalises again in the rare case it needs it). Bounded: cleared when full.
    """
    if not text:
        return _analyse(scorer, text)
    key = _digest(text)
    found = scorer.readings.get(key)
    if found is None:
        found = _analyse(scorer, text)
        if len(scorer.readings) >= _READINGS:
            scorer.readings.clear()
        scorer.readings[key] = _Found(found.cats, found.disclosed, "", found.own, found.family)
    return found


def _analyse(scorer: Scorer, text: str | None) -> _Found:
    """Normalise the text once; return matched categories, a disclosed age, model logits."""
    if not text:
        return _Found((), None)
    norm = normalise(text, scorer.normaliser)
    ages = scorer.cfg.ages
    cats = detect(scorer.categories, norm)
    disclosed = extract_age(norm, ages.min_plausible, ages.max_plausible)
    b = scorer.binding
    if b is None:
        return _Found(cats, disclosed, norm)
    names = tuple(scorer.categories[i].name for i in cats)
    own = own_logits(b.model, message_rows(b.model, norm, text, names))
    # family context is read from the message alone (order-free), one column each
    family = any(own[j] + b.model.context_bias[j] >= b.thresholds[j] for j in b.family_cols)
    return _Found(cats, disclosed, norm, quantise(own), family=family)


def _own_cats(scorer: Scorer, found: _Found) -> tuple[int, ...]:
    """Return a message's categories read alone (patterns + model without context)."""
    b = scorer.binding
    if b is None or found.own is None:
        return found.cats
    return own_categories(b, found.own, found.cats)


def _target(event: MessageEvent) -> str:
    """Return the pair target of a message: the one recipient, or the group marker."""
    return event.recipients[0].user_id if len(event.recipients) == 1 else GROUP


def _recognise(
    scorer: Scorer, state: SessionState, event: MessageEvent, key: int, found: _Found
) -> tuple[tuple[int, ...], tuple[int, int] | None]:
    """Return an admitted message's final categories (model in context) and age claim."""
    b = scorer.binding
    if b is None or found.own is None:
        return found.cats, found.disclosed
    entry = (key, event.sender.user_id, _target(event), event.event_id, found.own, found.cats, ())
    cats, asked = recognise(b, state, entry, scorer.cfg.max_hits)
    disclosed = found.disclosed
    if disclosed is None and asked:
        ages = scorer.cfg.ages
        # a reused reading keeps no text: normalise again (only a reply to an age question)
        norm = found.norm or normalise(event.text or "", scorer.normaliser)
        disclosed = bare_age(norm, ages.min_plausible, ages.max_plausible)
    return cats, disclosed


def _absorb(
    scorer: Scorer,
    state: SessionState,
    event: MessageEvent,
    key: int,
    found: tuple[tuple[int, ...], tuple[int, int] | None],
    *,
    own: _Found,
) -> None:
    """Add an accepted event's hits, age claims and context evidence to the state."""
    cfg = scorer.cfg
    cats, disclosed = found
    sender = event.sender.user_id
    if cats or len(state.hits) > cfg.max_hits:
        target = _target(event)
        add_hits(state, [(key, c, sender, target, event.event_id) for c in cats], cfg.max_hits)
    if own.own is not None:
        add_speaker_evidence(state, sender, adult_evidence(own.own), cfg.max_participants)
    if scorer.params.family and (own.family or not scorer.params.family.isdisjoint(own.cats)):
        add_family(state, sender, cfg.max_participants)
    merge_person(
        state, sender, key, declared=event.sender.declared_age, disclosed=disclosed,
        max_people=cfg.max_participants,
    )  # fmt: skip
    for r in event.recipients:
        merge_person(
            state, r.user_id, key, declared=r.declared_age, disclosed=None,
            max_people=cfg.max_participants,
        )  # fmt: skip
    state.watermark = max(state.watermark, key_seconds(key))
    evict(state, scorer.window_s, scorer.params.message_s)


def _level_for(scorer: Scorer, pair: PairScore | None) -> Level:
    """Return the level the score alone justifies (before hysteresis), with caps."""
    if pair is None:
        return "none"
    d = scorer.decision
    level: Level = "none"
    if pair.score >= d.report_score:
        level = "report"
    elif pair.score >= d.review_score:
        level = "review"
    if level == "report" and scorer.cfg.report_requires_minor and not pair.relation.target_minor:
        level = "review"
    cap = scorer.cfg.minor_to_minor_max_level
    if pair.relation.minor_to_minor and _RANK[level] > _RANK[cap]:
        level = cap
    return level


def _held(scorer: Scorer, state: SessionState) -> bool:
    """Return True while the first alert is held back (``family.hold_messages``)."""
    family = scorer.cfg.family
    return family.enabled and state.level == "none" and state.messages_seen < family.hold_messages


def _apply_hysteresis(scorer: Scorer, state: SessionState, target: Level, score: float) -> bool:
    """Move ``state.level`` towards ``target``; return True on an escalation."""
    if _RANK[target] > _RANK[state.level]:
        state.level = target
        return True
    d = scorer.decision
    margin = scorer.cfg.release_margin
    if state.level == "report" and score < d.report_score - margin:
        state.level = "review" if score >= d.review_score - margin else "none"
    elif state.level == "review" and score < d.review_score - margin:
        state.level = "none"
    return False


def _verdict(
    scorer: Scorer,
    state: SessionState,
    event: MessageEvent,
    pair: PairScore | None,
    *,
    escalated: bool = False,
    late: bool = False,
    duplicate: bool = False,
    message_cats: tuple[int, ...] = (),
) -> SessionVerdict:
    """Build the verdict (ids and signal names only)."""
    names = [scorer.categories[i].name for i in message_cats]
    if pair is None:
        return SessionVerdict(
            session_id=event.session_id, score=state.score, level=state.level,
            escalated=escalated, messages_seen=state.messages_seen, late=late,
            duplicate=duplicate, message_signals=names,
        )  # fmt: skip
    signals = [_explain(scorer, h) for h in pair.evidence]
    return SessionVerdict(
        session_id=event.session_id, score=state.score, level=state.level,
        escalated=escalated, stage=pair.stages[-1] if pair.stages else "none",
        age_relation=pair.relation.name, older_id=pair.sender, younger_id=pair.younger,
        minor_to_minor=pair.relation.minor_to_minor, sextortion=pair.sextortion,
        messages_seen=state.messages_seen, signals=signals, stages=list(pair.stages),
        late=late, duplicate=duplicate, message_signals=names,
    )  # fmt: skip


def _explain(scorer: Scorer, hit: Hit) -> SignalHit:
    """Return the explanation of one hit (the same object for the same hit)."""
    explained = scorer.explained.get(hit)
    if explained is None:
        if len(scorer.explained) >= _EXPLAINED:
            scorer.explained.clear()
        cat = scorer.categories[hit[1]]
        explained = scorer.explained[hit] = SignalHit(
            signal=cat.name, message_id=hit[4], sender_id=hit[2], weight=cat.weight
        )
    return explained


def _rescore(scorer: Scorer, state: SessionState) -> PairScore | None:
    """Recompute the session score at the current watermark.

    The score is the best pair's hand-set score, or the learned aggregator's
    probability over it when the cue model carries one.
    """
    pair = best_pair(scorer.cfg, scorer.params, scorer.categories, state)
    b = scorer.binding
    if b is not None and b.model.aggregator.size:
        x = features(
            scorer.categories, scorer.params.decay_rate, state, pair, scorer.params.message_s
        )
        state.score = round(probability(b.model.aggregator, x), 6)
    else:
        state.score = round(pair.score, 6) if pair is not None else 0.0
    return pair


def session_features(scorer: Scorer, state: SessionState) -> list[float]:
    """Return the learned aggregator's features of a session state (for training it)."""
    pair = best_pair(scorer.cfg, scorer.params, scorer.categories, state)
    return features(
        scorer.categories, scorer.params.decay_rate, state, pair, scorer.params.message_s
    )


def score_message(
    scorer: Scorer, state: SessionState | None, event: MessageEvent
) -> tuple[SessionState, SessionVerdict]:
    """Score one message of a session and return the new state and its verdict.

    Args:
        scorer: from :func:`compile_scorer`.
        state: the session's state, or None for a new session.
        event: the message (its ``session_id`` is the state key).

    Returns:
        The updated state (the same object, mutated, when one was given) and
        the verdict for this message — emitted for every message.

    """
    key = event_key(event.sent_at, event.event_id)
    seconds = key_seconds(key)
    if state is None or (state.index and seconds > state.watermark + scorer.idle_s):
        state = SessionState(watermark=seconds)
    found = _read(scorer, event.text)
    duplicate = key in state.index
    late = not duplicate and seconds < state.watermark - scorer.lateness_s
    if duplicate or late:
        if late:
            state.messages_seen += 1
            state.late_events += 1
        pair = _rescore(scorer, state)
        own = _own_cats(scorer, found)
        return state, _verdict(
            scorer, state, event, pair, late=late, duplicate=duplicate, message_cats=own
        )
    state.messages_seen += 1
    # An event before the count window is absorbed and evicted at once: its age
    # claims still count, its hits do not (the same as in arrival order).
    admitted = admit(state, key, scorer.cfg.max_messages)
    if admitted:
        cats, disclosed = _recognise(scorer, state, event, key, found)
    else:
        cats, disclosed = (), found.disclosed
    _absorb(scorer, state, event, key, (cats, disclosed), own=found)
    pair = _rescore(scorer, state)
    target = "none" if _held(scorer, state) else _level_for(scorer, pair)
    escalated = _apply_hysteresis(scorer, state, target, state.score)
    message_cats = cats if admitted else _own_cats(scorer, found)
    verdict = _verdict(scorer, state, event, pair, escalated=escalated, message_cats=message_cats)
    return state, verdict


__all__ = [
    "Hit",
    "Scorer",
    "SessionState",
    "compile_scorer",
    "expires_at",
    "is_expired",
    "score_message",
]
