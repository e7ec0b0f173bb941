"""``match-hashes`` off the dataflow thread (flows/match_step.py): text goes on, order holds.

A fake pipeline stands in for the hashing: its worker waits on a gate per
batch, so a test decides when each image batch is "hashed". No wall time is
asserted; waits only bound how long a broken test hangs.
"""

from __future__ import annotations

import os
import pickle
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from bytewax.operators import StatefulBatchLogic

from tests.flow.conftest import T0
from tipline.flows.match_step import (
    EXECUTOR_STAMP,
    MatchLogic,
    check_executor_switch,
    hashes_in_background,
)
from tipline.flows.records import Inbound, Matched
from tipline.flows.runner import recovery_config
from tipline.operators.evidence.context import ContextKeys
from tipline.schemas.clock import SYSTEM_CLOCK
from tipline.schemas.config import TiplineConfig, parse_config
from tipline.schemas.errors import ConfigError, VaultWriteError
from tipline.schemas.event import Account, Attachment, MessageEvent
from tipline.schemas.source import SourcePosition
from tipline.services.evidence_queue import OrderedWorker

CANARY = "canary-5e1d quiet words"
WAIT = 10.0  # seconds a test waits for a thread before it fails (never a timing assertion)


def inbound(n: int, session: str, *, image: bool = False) -> Inbound:
    attachments = (
        [Attachment(attachment_id=f"a-{n}", media_type="image/png", data_b64=b"\x00\x01")]
        if image
        else []
    )
    event = MessageEvent(
        schema="tipline.message/1",
        event_id=f"e-{n}",
        session_id=session,
        platform="demo",
        sent_at=T0,
        sender=Account(user_id="u-1"),
        recipients=[Account(user_id="u-2")],
        text=f"{CANARY} {n}",
        attachments=attachments,
    )
    return Inbound(event=event, source=SourcePosition(kind="file", file="in.jsonl", line=n))


def ids(out: list[Any]) -> list[str]:
    return [m.event.event_id for m in out]


class FakePipe:
    """What MatchLogic uses of a Pipeline: match, a worker, a sealer, the poll setting."""

    def __init__(self, root: bytes | None = None, *, fail: Exception | None = None) -> None:
        self.config = SimpleNamespace(hashing=SimpleNamespace(poll_ms=1.0))
        self.clock = SYSTEM_CLOCK
        self.hash_pool = object()
        self.gates: list[threading.Event] = []  # one per batch handed over, in order
        self.worker_calls: list[list[str]] = []  # as the worker thread ran them
        self.handed: list[list[str]] = []  # as the flow thread handed them over
        self.inline_calls: list[list[str]] = []
        self._fail = fail
        self._keys = ContextKeys(root or os.urandom(32))
        self._worker: OrderedWorker[list[Inbound], list[Any]] = OrderedWorker(
            self._hash, max_in_flight=4, name="t-match"
        )
        self.match_worker = self

    def submit(self, batch: list[Inbound]) -> Any:
        """The worker's submit, recording what the flow thread handed over."""
        self.handed.append([i.event.event_id for i in batch])
        return self._worker.submit(batch)

    def match(self, batch: list[Inbound]) -> list[Matched]:
        """The inline step: here only ever called with text (nothing to hash)."""
        assert all(not i.event.attachments for i in batch)
        self.inline_calls.append([i.event.event_id for i in batch])
        return [self._matched(i) for i in batch]

    def _hash(self, batch: list[Inbound]) -> list[Matched]:
        index = len(self.worker_calls)
        self.worker_calls.append([i.event.event_id for i in batch])
        if self._fail is not None:
            raise self._fail
        if index < len(self.gates):
            assert self.gates[index].wait(WAIT)
        return [self._matched(i) for i in batch]

    @staticmethod
    def _matched(i: Inbound) -> Matched:
        return Matched(event=i.event, source=i.source, attachments=[])

    def sealer(self, session_id: str) -> Any:
        return self._keys.for_session(session_id)


def held(pipe: FakePipe, batches: int) -> list[threading.Event]:
    """Hold the next ``batches`` batches handed to the worker until their gate is set."""
    pipe.gates = [threading.Event() for _ in range(batches)]
    return pipe.gates


def until_emitted(logic: MatchLogic) -> list[Any]:
    for _ in range(2000):
        out, _keep = logic.on_notify()
        if out:
            return out
        threading.Event().wait(0.005)
    pytest.fail("nothing was emitted")


def test_text_of_another_session_is_emitted_while_an_image_is_hashed() -> None:
    pipe = FakePipe()
    (gate,) = held(pipe, 1)
    logic = MatchLogic(pipe, None)  # type: ignore[arg-type]
    out, keep = logic.on_batch([inbound(1, "s-a", image=True), inbound(2, "s-b")])
    assert ids(out) == ["e-2"] and keep == StatefulBatchLogic.RETAIN
    out, _ = logic.on_batch([inbound(3, "s-c"), inbound(4, "s-b")])
    assert ids(out) == ["e-3", "e-4"]  # the dataflow went on: the image is still in flight
    assert logic.notify_at() is not None
    assert pipe.handed == [["e-1"]] and pipe.inline_calls == [["e-2"], ["e-3", "e-4"]]
    gate.set()
    assert ids(until_emitted(logic)) == ["e-1"]
    assert logic.notify_at() is None
    assert logic.on_notify() == ([], StatefulBatchLogic.DISCARD)  # nothing left: no state


def test_a_session_waits_for_its_own_image_and_keeps_its_order() -> None:
    pipe = FakePipe()
    first, second = held(pipe, 2)
    logic = MatchLogic(pipe, None)  # type: ignore[arg-type]
    # text before the image goes at once; text after it waits behind it, in the same batch too
    out, _ = logic.on_batch(
        [inbound(1, "s-a"), inbound(2, "s-a", image=True), inbound(3, "s-a"), inbound(4, "s-b")]
    )
    assert ids(out) == ["e-1", "e-4"]
    out, _ = logic.on_batch([inbound(5, "s-a"), inbound(6, "s-b")])  # s-a still waits
    assert ids(out) == ["e-6"]
    assert pipe.handed == [["e-2", "e-3"], ["e-5"]]
    second.set()  # the later batch finishes first: still emitted after the earlier one
    out, _ = logic.on_notify()
    assert out == []
    first.set()
    emitted = until_emitted(logic)
    while len(emitted) < 3:
        emitted += until_emitted(logic)
    assert ids(emitted) == ["e-2", "e-3", "e-5"]
    out, _ = logic.on_batch([inbound(7, "s-a")])  # nothing in flight for s-a any more
    assert ids(out) == ["e-7"]


def test_images_reach_the_worker_in_input_order() -> None:
    """The flood guard runs in the worker's order, so it sees images in input order."""
    pipe = FakePipe()
    logic = MatchLogic(pipe, None)  # type: ignore[arg-type]
    logic.on_batch([inbound(1, "s-a", image=True), inbound(2, "s-b", image=True)])
    logic.on_batch([inbound(3, "s-c", image=True), inbound(4, "s-a", image=True)])
    out, _ = logic.on_eof()
    assert ids(out) == ["e-1", "e-2", "e-3", "e-4"]
    assert pipe.worker_calls == [["e-1", "e-2"], ["e-3", "e-4"]]


def test_snapshot_seals_what_is_in_flight_and_a_resume_hashes_it_once() -> None:
    root = os.urandom(32)
    crashed = FakePipe(root)
    (gate,) = held(crashed, 1)
    logic = MatchLogic(crashed, None)  # type: ignore[arg-type]
    logic.on_batch([inbound(1, "s-a", image=True), inbound(2, "s-a"), inbound(3, "s-b")])
    snap = logic.snapshot()
    assert logic.snapshot() is snap  # unchanged: the same sealed bytes
    for needle in (CANARY.encode(), b"e-1", b"s-a", pickle.dumps(CANARY)):
        assert needle not in snap  # content stays in the vault
    gate.set()  # the "crashed" job's thread finishes; its results are never emitted

    resumed = FakePipe(root)
    again = MatchLogic(resumed, snap)  # type: ignore[arg-type]
    out, _ = again.on_batch([inbound(4, "s-a"), inbound(5, "s-b")])
    assert ids(out) == ["e-5"]  # s-a still has its resumed messages in flight
    done, keep = again.on_eof()
    assert ids(done) == ["e-1", "e-2", "e-4"] and keep == StatefulBatchLogic.DISCARD
    assert resumed.worker_calls == [["e-1", "e-2"], ["e-4"]]


def test_a_finished_batch_leaves_the_snapshot() -> None:
    pipe = FakePipe()
    logic = MatchLogic(pipe, None)  # type: ignore[arg-type]
    logic.on_batch([inbound(1, "s-a", image=True)])
    before = logic.snapshot()
    until_emitted(logic)
    after = logic.snapshot()
    assert after != before
    assert pickle.loads(pipe.sealer("match-queue").open_bytes("pending-batches", after)) == []


def test_a_systemic_fault_of_the_hashing_is_raised_on_the_flow_thread() -> None:
    logic = MatchLogic(FakePipe(fail=VaultWriteError("media store gone")), None)  # type: ignore[arg-type]
    logic.on_batch([inbound(1, "s-a", image=True)])
    with pytest.raises(VaultWriteError, match="media store gone"):
        logic.on_eof()


# ------------------------------------------------------------ switching executors


def test_a_background_store_is_not_resumed_inline(tmp_path: Path) -> None:
    """Its snapshot may hold messages in flight that the inline step cannot resume."""
    check_executor_switch(tmp_path, background=True)
    assert (tmp_path / EXECUTOR_STAMP).read_text(encoding="ascii") == "background"
    check_executor_switch(tmp_path, background=True)  # the same executor again: fine
    with pytest.raises(ConfigError, match="lose the messages"):
        check_executor_switch(tmp_path, background=False)
    assert (tmp_path / EXECUTOR_STAMP).read_text(encoding="ascii") == "background"


def test_an_inline_or_older_store_may_move_to_the_background(tmp_path: Path) -> None:
    check_executor_switch(tmp_path, background=False)  # an older store: no stamp, inline
    assert (tmp_path / EXECUTOR_STAMP).read_text(encoding="ascii") == "inline"
    check_executor_switch(tmp_path, background=True)
    assert (tmp_path / EXECUTOR_STAMP).read_text(encoding="ascii") == "background"


def test_the_background_step_needs_hashing_and_evidence_on() -> None:
    cfg = parse_config({})
    assert hashes_in_background(cfg)
    off = [
        {"hashing": {"executor": "inline"}},
        {"hashing": {"enabled": False}},
        {"evidence": {"enabled": False}},
    ]
    assert [hashes_in_background(parse_config(o)) for o in off] == [False, False, False]


def test_the_runner_refuses_to_resume_a_background_store_inline(tmp_path: Path) -> None:
    def cfg(executor: str) -> TiplineConfig:
        return parse_config(
            {
                "recovery": {"enabled": True, "path": str(tmp_path / "rec")},
                "hashing": {"executor": executor},
            }
        )

    assert recovery_config(cfg("background")) is not None
    with pytest.raises(ConfigError, match=r"hashing\.executor"):
        recovery_config(cfg("inline"))
