"""A slow conversation keeps its evidence: age counts per message as well as per second."""

from __future__ import annotations

import random
from array import array
from datetime import timedelta

import msgspec

from tests.unit.grooming.conftest import T0, make_event
from tipline.operators.grooming import SessionState, compile_scorer, score_message
from tipline.operators.grooming.state import event_key, evict, hit_age, key_seconds
from tipline.schemas.config import TiplineConfig

DAY = 86400
# a patient groomer: a few messages, then a pause of weeks, then the next step
SLOW = [
    (0, "adult", "how old r u"),
    (0, "kid", "13"),
    (1, "adult", "ur so mature for ur age"),
    (2, "adult", "dont tell anyone we talk ok, our little secret"),
    (24, "adult", "hey been a while"),
    (25, "adult", "r ur parents home?"),
    (50, "adult", "send me a selfie"),
]


def _state(days: list[float]) -> SessionState:
    """A state whose index holds one message per given day (the newest is the watermark)."""
    keys = sorted(event_key(T0 + timedelta(days=d), f"e{i}") for i, d in enumerate(days))
    return SessionState(watermark=key_seconds(keys[-1]), index=array("Q", keys))


def test_age_counts_at_most_message_s_per_later_message() -> None:
    state = _state([0, 20, 40])
    first, middle, last = state.index
    assert hit_age(state, first, 0) == 40 * DAY  # calendar time
    assert hit_age(state, first, 3600) == 2 * 3600  # two messages came after it
    assert hit_age(state, middle, 3600) == 3600
    assert hit_age(state, last, 3600) == 0
    assert hit_age(state, first, 30 * DAY) == 40 * DAY  # calendar time is the smaller


def test_a_fast_conversation_ages_by_the_clock() -> None:
    state = _state([i / 1440 for i in range(50)])  # a message a minute
    assert hit_age(state, state.index[0], 6 * 3600) == hit_age(state, state.index[0], 0)


def test_eviction_uses_the_same_age() -> None:
    state = _state([0, 20, 40])
    hit = (state.index[0], 0, "adult", "kid", "e0")
    state.hits = [hit]
    evict(state, window_s=30 * DAY, message_s=6 * 3600)
    assert state.hits == [hit]  # 40 days old, but only two messages ago
    evict(state, window_s=30 * DAY, message_s=0)
    assert state.hits == []


def _run(config: TiplineConfig, **grooming: object) -> tuple[SessionState, float]:
    cfg = msgspec.structs.replace(config.grooming, **grooming)
    scorer = compile_scorer(cfg, config.decision)
    state: SessionState | None = None
    peak = 0.0
    for i, (day, sender, text) in enumerate(SLOW):
        to = ("kid",) if sender == "adult" else ("adult",)
        at = T0 + timedelta(days=day, minutes=i)
        state, verdict = score_message(
            scorer, state, make_event(i, text, sender=sender, to=to, at=at)
        )
        peak = max(peak, verdict.score)
    assert state is not None
    return state, peak


def test_a_slow_session_keeps_its_evidence_over_pauses(config: TiplineConfig) -> None:
    slow, slow_peak = _run(config, decay_message_s=6 * 3600.0, idle_evict_s=42.0 * DAY)
    clock, clock_peak = _run(config, decay_message_s=0.0, idle_evict_s=42.0 * DAY)
    cats = {slow_hit[1] for slow_hit in slow.hits}
    assert len(cats) > len({h[1] for h in clock.hits})  # the clock evicted the first weeks
    assert slow_peak > clock_peak
    assert slow.messages_seen == clock.messages_seen == len(SLOW)


def test_idle_eviction_still_starts_a_fresh_state(config: TiplineConfig) -> None:
    state, _ = _run(config, decay_message_s=6 * 3600.0, idle_evict_s=20.0 * DAY)
    assert state.messages_seen == 1  # the 25-day pause before the last message


def test_message_age_does_not_depend_on_arrival_order(config: TiplineConfig) -> None:
    """Messages of the same day arrive shuffled (within the lateness); weeks apart, in order."""
    cfg = msgspec.structs.replace(
        config.grooming, decay_message_s=6 * 3600.0, idle_evict_s=42.0 * DAY
    )
    scorer = compile_scorer(cfg, config.decision)
    days: dict[int, list] = {}  # type: ignore[type-arg]
    for i, (day, sender, text) in enumerate(SLOW):
        for j, (who, line) in enumerate([(sender, text), ("kid", "ok"), ("adult", "ok cool")]):
            to = ("kid",) if who == "adult" else ("adult",)
            at = T0 + timedelta(days=day, seconds=10 * i + j)
            days.setdefault(day, []).append(make_event(3 * i + j, line, sender=who, to=to, at=at))
    finals = []
    for seed in range(6):
        rng = random.Random(seed)
        state: SessionState | None = None
        for day in sorted(days):
            group = list(days[day])
            if seed:
                rng.shuffle(group)
            for ev in group:
                state, _ = score_message(scorer, state, ev)
        assert state is not None
        finals.append((list(state.index), list(state.hits), state.score))
    assert len({h[1] for h in finals[0][1]}) >= 4
    assert all(f == finals[0] for f in finals)
