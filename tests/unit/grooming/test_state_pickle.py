"""A session state snapshotted before a field existed still resumes (fields get defaults)."""

from __future__ import annotations

import pickle

from tipline.operators.grooming.state import SessionState


def test_a_state_pickled_before_family_by_existed_resumes_with_an_empty_map() -> None:
    state = SessionState(messages_seen=7, family=2)
    _, slots = state.__reduce_ex__(2)[2]  # (None, {slot: value}), as pickle stores it
    old_form = (None, {k: v for k, v in slots.items() if k != "family_by"})
    revived = SessionState.__new__(SessionState)
    revived.__setstate__(old_form)
    assert revived.messages_seen == 7 and revived.family == 2
    assert revived.family_by == {}


def test_a_current_state_round_trips_through_pickle() -> None:
    state = SessionState(messages_seen=3, family=1, family_by={"u1": 1})
    assert pickle.loads(pickle.dumps(state)) == state
