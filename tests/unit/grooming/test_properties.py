"""Scorer properties: replay determinism, snapshot/restore, order within lateness."""

from __future__ import annotations

import pickle
from datetime import timedelta

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.grooming.conftest import T0, make_event
from tipline.operators.grooming import Scorer, SessionState, compile_scorer, score_message
from tipline.schemas.config import TiplineConfig
from tipline.schemas.event import MessageEvent

TEXTS = (
    "how old r u",
    "im 13",
    "ur so pretty",
    "r u home alone",
    "dont tell anyone",
    "add me on snap",
    "send me a selfie",
    "we should meet up",
    "i can buy u robux",
    "ok mom",
    "lol",
    "practice is at 5",
    "ill post ur pics",
    "im in 8th grade",
    None,
)
PEOPLE = ("a", "b", "c")
AGES: dict[str, int | None] = {"a": 35, "b": None, "c": 12}

message = st.tuples(st.sampled_from(PEOPLE), st.sampled_from(TEXTS), st.integers(0, 3))


def build(raw: list[tuple[str, str | None, int]], offsets: list[int]) -> list[MessageEvent]:
    events = []
    for i, ((sender, text, to), offset) in enumerate(zip(raw, offsets, strict=True)):
        others = [p for p in PEOPLE if p != sender]
        recipients = tuple(others) if to == 0 else (others[to % 2],)
        at = T0 + timedelta(seconds=offset)
        events.append(make_event(i, text, sender=sender, to=recipients, ages=AGES, at=at))
    return events


def replay(scorer: Scorer, events: list[MessageEvent]) -> tuple[SessionState, list[bytes]]:
    state: SessionState | None = None
    out = []
    for ev in events:
        state, verdict = score_message(scorer, state, ev)
        out.append(msgspec.json.encode(verdict))
    assert state is not None
    return state, out


def evidence(state: SessionState) -> tuple[object, ...]:
    return (
        state.watermark,
        state.messages_seen,
        state.late_events,
        list(state.index),
        state.hits,
        state.people,
        state.score,
    )


@settings(max_examples=60, deadline=None)
@given(raw=st.lists(message, min_size=1, max_size=40), data=st.data())
def test_replaying_the_same_events_gives_the_same_scores(
    scorer: Scorer, raw: list[tuple[str, str | None, int]], data: st.DataObject
) -> None:
    offsets = data.draw(st.lists(st.integers(0, 5 * 86400), min_size=len(raw), max_size=len(raw)))
    events = build(raw, offsets)
    first_state, first = replay(scorer, events)
    second_state, second = replay(scorer, events)
    assert first == second
    assert evidence(first_state) == evidence(second_state)
    # a snapshot/restore at any point (what Bytewax recovery does) changes nothing
    cut = data.draw(st.integers(0, len(events)))
    state: SessionState | None = None
    resumed = []
    for k, ev in enumerate(events):
        if k == cut and state is not None:
            state = pickle.loads(pickle.dumps(state))
        state, verdict = score_message(scorer, state, ev)
        resumed.append(msgspec.json.encode(verdict))
    assert resumed == first


# calendar time, and the tempo-aware age with a short time window, so that ages by
# message count and eviction by them are exercised too
TEMPO = [{}, {"decay_message_s": 200.0, "window_s": 1200.0}]


@pytest.mark.parametrize("tempo", TEMPO, ids=["calendar", "tempo"])
@settings(max_examples=80, deadline=None)
@given(
    blocks=st.lists(st.lists(message, min_size=1, max_size=8), min_size=1, max_size=6),
    data=st.data(),
)
def test_shuffling_within_the_allowed_lateness_gives_the_same_final_state(
    config: TiplineConfig,
    tempo: dict[str, float],
    blocks: list[list[tuple[str, str | None, int]]],
    data: st.DataObject,
) -> None:
    # small bounds so that the count window and the hit cap are exercised too
    cfg = msgspec.structs.replace(config.grooming, max_messages=10, max_hits=6, **tempo)
    scorer = compile_scorer(cfg, config.decision)
    lateness = scorer.lateness_s
    raw: list[tuple[str, str | None, int]] = []
    offsets: list[int] = []
    block_of: list[int] = []
    for b, block in enumerate(blocks):
        for item in block:
            raw.append(item)
            offsets.append(b * 2 * lateness + data.draw(st.integers(0, lateness - 1)))
            block_of.append(b)
    events = build(raw, offsets)
    ordered = sorted(events, key=lambda e: (e.sent_at, e.event_id))
    shuffled: list[MessageEvent] = []
    for b in range(len(blocks)):
        members = [e for e, k in zip(events, block_of, strict=True) if k == b]
        shuffled += data.draw(st.permutations(members))
    in_order, _ = replay(scorer, ordered)
    out_of_order, verdicts = replay(scorer, shuffled)
    assert evidence(out_of_order) == evidence(in_order)
    assert not any(b'"late":true' in v for v in verdicts)
