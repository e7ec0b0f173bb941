"""The scorer state's snapshot form: packed, exact, and older forms still resume."""

from __future__ import annotations

import copy
import pickle
from array import array
from dataclasses import fields

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipline.operators.grooming.state import SessionState, pack_state, unpack_state

_KEY = st.integers(0, (1 << 64) - 1)
_ID = st.text(max_size=12)
_AGE = st.none() | st.integers(0, 120)
_CATS = (
    st.tuples() | st.tuples(st.integers(0, 30)) | st.tuples(st.integers(0, 30), st.integers(0, 30))
)


@st.composite
def states(draw: st.DrawFn) -> SessionState:
    return SessionState(
        watermark=draw(st.integers(0, (1 << 32) - 1)),
        messages_seen=draw(st.integers(0, 10**6)),
        late_events=draw(st.integers(0, 100)),
        level=draw(st.sampled_from(["none", "review", "report"])),
        score=draw(st.floats(0.0, 1.0)),
        index=array("Q", sorted(draw(st.lists(_KEY, max_size=20)))),
        hits=draw(st.lists(st.tuples(_KEY, st.integers(0, 30), _ID, _ID, _ID), max_size=10)),
        people=draw(st.dictionaries(_ID, st.tuples(_KEY, _AGE, _AGE, _AGE), max_size=4)),
        recent=draw(
            st.lists(
                st.tuples(_KEY, _ID, _ID, _ID, st.binary(max_size=16), _CATS, _CATS), max_size=4
            )
        ),
        speaker=draw(
            st.dictionaries(_ID, st.tuples(st.integers(-(10**6), 10**6), st.integers(0, 10**6)))
        ),
        family=draw(st.integers(0, 1000)),
        family_by=draw(st.dictionaries(_ID, st.integers(0, 1000), max_size=4)),
    )


def _types(state: SessionState) -> list[object]:
    """The container types the scorer relies on (entries are tuples: forks share them)."""
    return [
        type(state.index),
        [type(h) for h in state.hits],
        [type(p) for p in state.people.values()],
        [(type(r), type(r[5]), type(r[6])) for r in state.recent],
        [type(v) for v in state.speaker.values()],
    ]


@given(states())
def test_a_state_round_trips_exactly_through_its_pickle(state: SessionState) -> None:
    back = pickle.loads(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == state
    assert _types(back) == _types(state)


def test_the_pickle_holds_one_packed_bytes_object() -> None:
    state = SessionState(
        messages_seen=3,
        hits=[(1 << 63, 2, "u0", "u1", "e1"), ((1 << 63) + 1, 4, "u0", "u1", "e2")],
        people={"u1": (5, 13, 13, None)},
        recent=[(7, "u0", "u1", "e2", b"\x01\xff", (2,), (2, 4))],
    )
    func, args = state.__reduce__()
    assert func is unpack_state
    assert args == (pack_state(state),)
    assert isinstance(args[0], bytes)


def test_copy_is_shallow_and_does_not_pack() -> None:
    state = SessionState(hits=[(1, 2, "a", "b", "c")], family_by={"a": 1})
    twin = copy.copy(state)
    assert twin == state
    assert twin.hits is state.hits  # shared: fork_state copies the containers itself


def test_a_state_pickled_before_family_by_existed_resumes_with_an_empty_map() -> None:
    state = SessionState(messages_seen=7, family=2)
    slots = {f.name: getattr(state, f.name) for f in fields(state) if f.name != "family_by"}
    revived = SessionState.__new__(SessionState)
    revived.__setstate__((None, slots))  # the slots form pickle stored before the packed one
    assert revived.messages_seen == 7 and revived.family == 2
    assert revived.family_by == {}


@pytest.mark.parametrize(
    "packed", [b"", b"\xc1", pack_state(SessionState())[:-1], b"\x92\x02\x00", b"\x91\x01"]
)
def test_damaged_or_unknown_packs_are_refused(packed: bytes) -> None:
    with pytest.raises(ValueError, match="scorer state"):
        unpack_state(packed)
