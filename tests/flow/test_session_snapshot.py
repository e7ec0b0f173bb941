"""The session step's snapshots: pickled when asked, never changed afterwards, old ones resume.

``snapshot()`` returns the state pickled (kept while nothing changes), so
the live state is never shared with Bytewax (flows/session.py); a state
resumed as an object (older recovery data) is forked before it changes.
These tests pin what that must keep: what Bytewax was handed never changes,
a job that snapshots (or even restarts) after every message decides exactly
as one that never does, and a snapshot pickled by older code
(``fixtures/session-snapshot-v1.pickle``, see
``tests/flow/snapshot_fixture.py``) still resumes.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import msgspec
import pytest
from prometheus_client import REGISTRY

from tests.flow.snapshot_fixture import (
    SESSION,
    TEXTS,
    FixedKeyPipeline,
    event,
    fixture_config,
    matched,
)
from tipline.flows.records import Decided, FollowUps
from tipline.flows.session import SessionLogic, SessionSnapshot, load_snapshot
from tipline.operators.snapshots import fork_state, mutable_leaves
from tipline.schemas.clock import FixedClock
from tipline.schemas.decision import encode_decision

FIXTURE = Path(__file__).parent / "fixtures" / "session-snapshot-v1.pickle"
GROOMING = (
    "how old are you",
    "you seem really mature for your age",
    "dont tell your parents we talk",
    "can you send me a photo",
    "delete our chat after",
    "lets meet somewhere private",
)


@pytest.fixture
def pipe(tmp_path: Path) -> FixedKeyPipeline:
    return FixedKeyPipeline(fixture_config(tmp_path), clock=FixedClock(event(0, "").sent_at))


def _conversation(n: int) -> list[tuple[int, str, bool]]:
    texts = [*TEXTS, *GROOMING]
    return [(k, texts[k % len(texts)], k == 9) for k in range(n)]


def _decisions(out: list[object]) -> list[bytes]:
    return [encode_decision(d.decision) for d in out if isinstance(d, Decided)]


def test_a_snapshot_never_changes_after_it_is_taken(pipe: FixedKeyPipeline) -> None:
    logic = SessionLogic(pipe, None)
    taken: list[tuple[SessionSnapshot, bytes]] = []
    for k, text, hit in _conversation(30):
        logic.on_item(matched(k, text, hit=hit))
        snap = logic.snapshot()
        taken.append((snap, pickle.dumps(snap)))
    logic.on_eof()
    for snap, pickled in taken:
        assert pickle.dumps(snap) == pickled
    # nothing changed since the last one: the next snapshot is the same object, not a copy
    assert logic.snapshot() is logic.snapshot()


def test_snapshotting_after_every_message_decides_as_never_snapshotting(
    pipe: FixedKeyPipeline,
) -> None:
    never, always = SessionLogic(pipe, None), SessionLogic(pipe, None)
    out_never: list[object] = []
    out_always: list[object] = []
    for k, text, hit in _conversation(40):
        out_never += never.on_item(matched(k, text, hit=hit))[0]
        out_always += always.on_item(matched(k, text, hit=hit))[0]
        always.snapshot()
    out_never += never.on_eof()[0]
    out_always += always.on_eof()[0]
    assert _decisions(out_always) == _decisions(out_never)
    assert any(d.decision.alert for d in out_always if isinstance(d, Decided))
    follow = [f for f in out_always if isinstance(f, FollowUps)]
    assert follow
    assert follow == [f for f in out_never if isinstance(f, FollowUps)]
    assert load_snapshot(always.snapshot()).scorer == load_snapshot(never.snapshot()).scorer


def test_a_resumed_snapshot_is_forked_before_it_changes(pipe: FixedKeyPipeline) -> None:
    first = SessionLogic(pipe, None)
    for k, text, hit in _conversation(12):
        first.on_item(matched(k, text, hit=hit))
    stored = load_snapshot(first.snapshot())  # an object, as older recovery data resumes
    pickled = pickle.dumps(stored)
    resumed = SessionLogic(pipe, stored)  # Bytewax may still hold `stored`
    resumed.on_item(matched(12, "one more"))
    resumed.on_eof()
    assert pickle.dumps(stored) == pickled


def test_the_previous_snapshot_format_still_resumes(pipe: FixedKeyPipeline) -> None:
    old = pickle.loads(FIXTURE.read_bytes())
    assert isinstance(old, SessionSnapshot)
    assert old.session_id == SESSION
    assert len(old.seen) == len(TEXTS) + 4
    logic = SessionLogic(pipe, old)
    # an event it had decided is still a duplicate: nothing comes out
    assert logic.on_item(matched(2, TEXTS[2]))[0] == []
    # the next message follows the case opened before the snapshot
    out, _ = logic.on_item(matched(10, "following message 3"))
    (decided,) = out
    assert isinstance(decided, Decided)
    assert decided.decision.session is not None
    assert decided.decision.session.messages_seen == 11
    released, _ = logic.on_eof()
    (batch,) = released
    assert isinstance(batch, FollowUps)
    assert [e.event_id for e in batch.events] == ["snap-007", "snap-008", "snap-009", "snap-010"]
    assert [e.text for e in batch.events][:3] == [f"following message {k}" for k in range(3)]
    # the sealed context written before still opens: a new case carries it
    out, _ = logic.on_item(matched(11, "another", hit=True))
    (case,) = [d for d in out if isinstance(d, Decided)]
    assert case.decision.alert
    assert [m.text for m in case.context][:2] == [TEXTS[0], TEXTS[1]]
    assert len(case.context) == 11


def test_a_fork_shares_no_mutable_object_with_its_origin(pipe: FixedKeyPipeline) -> None:
    logic = SessionLogic(pipe, None)
    for k, text, hit in _conversation(25):
        logic.on_item(matched(k, text, hit=hit))
    snap = load_snapshot(logic.snapshot())
    assert snap.scorer is not None
    assert snap.context is not None
    assert list(mutable_leaves(snap.scorer)) == []  # containers hold immutable entries only
    fork = snap.fork()
    for name in ("index", "hits", "people", "recent", "speaker"):
        assert getattr(fork.scorer, name) is not getattr(snap.scorer, name)
        assert getattr(fork.scorer, name) == getattr(snap.scorer, name)
    assert fork.context is not None
    assert fork.context.entries is not snap.context.entries
    assert all(
        a is not b
        for a, b in zip(fork.context.open_packages, snap.context.open_packages, strict=True)
    )
    assert fork.seen is not snap.seen
    assert fork.seen == snap.seen
    assert all(fork.pending[p] is not snap.pending[p] for p in snap.pending)


def test_fork_state_deep_copies_what_it_does_not_know() -> None:
    class Opaque:
        def __init__(self) -> None:
            self.items = [1]

    thing = Opaque()
    assert fork_state(thing) is not thing
    assert fork_state(thing).items == [1]
    assert fork_state(None) is None
    assert fork_state(("a", 1)) == ("a", 1)


def test_snapshot_holds_no_message_text(pipe: FixedKeyPipeline) -> None:
    logic = SessionLogic(pipe, None)
    for k, text, hit in _conversation(15):
        logic.on_item(matched(k, text, hit=hit))
    pickled = pickle.dumps(logic.snapshot())
    for text in {t for _, t, _ in _conversation(15)}:
        assert text.encode() not in pickled
    assert msgspec.json.encode(TEXTS[0]) not in pickled


def _gap_count() -> float:
    value = REGISTRY.get_sample_value("tipline_stage_seconds_count", {"stage": "snapshot-gap"})
    return value or 0.0


def test_the_snapshot_gap_is_one_sample_per_epoch_at_the_next_message(
    pipe: FixedKeyPipeline,
) -> None:
    first, second = SessionLogic(pipe, None), SessionLogic(pipe, None)
    first.on_item(matched(0, TEXTS[0]))  # closes a gap an earlier test may have left open
    before = _gap_count()
    second.on_item(matched(3, TEXTS[3]))
    assert _gap_count() == before  # no snapshot since: nothing observed
    first.snapshot()
    second.snapshot()  # the same epoch, another key: still one gap
    assert _gap_count() == before
    second.on_item(matched(1, TEXTS[1]))
    assert _gap_count() == before + 1
    first.on_item(matched(2, TEXTS[2]))
    assert _gap_count() == before + 1  # the gap closed at the first message after it


def test_resuming_from_the_pickle_after_every_message_decides_as_never_stopping(
    pipe: FixedKeyPipeline,
) -> None:
    never = SessionLogic(pipe, None)
    out_never: list[object] = []
    out_resumed: list[object] = []
    state: SessionSnapshot | None = None
    for k, text, hit in _conversation(40):
        out_never += never.on_item(matched(k, text, hit=hit))[0]
        logic = SessionLogic(pipe, state)
        out_resumed += logic.on_item(matched(k, text, hit=hit))[0]
        state = pickle.loads(pickle.dumps(logic.snapshot(), protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(state, bytes)
    out_never += never.on_eof()[0]
    out_resumed += SessionLogic(pipe, state).on_eof()[0]
    assert _decisions(out_resumed) == _decisions(out_never)
    assert any(d.decision.alert for d in out_resumed if isinstance(d, Decided))
    assert load_snapshot(state).scorer == load_snapshot(never.snapshot()).scorer


def test_the_snapshot_is_kept_while_nothing_changes(pipe: FixedKeyPipeline) -> None:
    logic = SessionLogic(pipe, None)
    logic.on_item(matched(0, TEXTS[0]))
    first = logic.snapshot()
    assert logic.snapshot() is first  # not pickled again
    logic.on_item(matched(1, TEXTS[1]))
    second = logic.snapshot()
    assert second != first
    assert load_snapshot(second).seen.keys() > load_snapshot(first).seen.keys()


def test_a_state_resumed_from_bytes_changes_in_place(
    pipe: FixedKeyPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = SessionLogic(pipe, None)
    for k, text, hit in _conversation(12):
        first.on_item(matched(k, text, hit=hit))
    packed = first.snapshot()

    def no_fork(self: SessionSnapshot) -> SessionSnapshot:
        raise AssertionError("a state Bytewax never held was forked")

    monkeypatch.setattr(SessionSnapshot, "fork", no_fork)
    resumed = SessionLogic(pipe, packed)
    resumed.on_item(matched(12, "one more"))
    resumed.snapshot()
    resumed.on_item(matched(13, "and another"))
    assert load_snapshot(resumed.snapshot()).seen.keys() >= {"snap-012", "snap-013"}


def test_damaged_snapshot_bytes_are_refused() -> None:
    with pytest.raises(TypeError, match="holds a dict"):
        load_snapshot(pickle.dumps({"not": "a snapshot"}))
