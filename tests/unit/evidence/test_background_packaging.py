"""Packaging off the dataflow thread: order, back-pressure, faults, sealed snapshots, re-drive."""

from __future__ import annotations

import os
import pickle
import threading
from types import SimpleNamespace
from typing import Any

import pytest
from bytewax.operators import StatefulBatchLogic

from tests.flow.conftest import T0
from tipline.flows.evidence_step import DraftLogic, EvidenceLogic, draft_shard, shard_of
from tipline.flows.records import Decided, FollowUps, Packaged
from tipline.operators.evidence.context import ContextKeys
from tipline.schemas.clock import SYSTEM_CLOCK
from tipline.schemas.decision import Decision
from tipline.schemas.errors import EvidenceError, VaultWriteError
from tipline.schemas.event import Account, MessageEvent
from tipline.schemas.evidence import EvidenceReceipt
from tipline.schemas.source import SourcePosition
from tipline.services.evidence_queue import OrderedWorker

CANARY = "canary-7f3a quiet words"
WAIT = 10.0  # seconds a test waits for a thread before it fails (never a timing assertion)


def test_jobs_run_in_submission_order_on_one_thread() -> None:
    seen: list[tuple[int, str]] = []
    worker: OrderedWorker[int, int] = OrderedWorker(
        lambda n: seen.append((n, threading.current_thread().name)) or n * 2,
        max_in_flight=4,
        name="t-order",
    )
    futures = [worker.submit(n) for n in range(20)]
    assert [f.result(WAIT) for f in futures] == [n * 2 for n in range(20)]
    assert [n for n, _ in seen] == list(range(20))
    assert {name for _, name in seen} == {"t-order"}
    worker.close(WAIT)


def test_submit_waits_at_max_in_flight_until_the_oldest_finishes() -> None:
    gate, started = threading.Event(), threading.Event()

    def job(n: int) -> int:
        started.set()
        gate.wait(WAIT)
        return n

    worker: OrderedWorker[int, int] = OrderedWorker(job, max_in_flight=2, name="t-bound")
    first, second = worker.submit(1), worker.submit(2)
    assert started.wait(WAIT)
    third: list[Any] = []
    submitter = threading.Thread(target=lambda: third.append(worker.submit(3)))
    submitter.start()
    submitter.join(0.2)
    assert submitter.is_alive() and third == []  # held back: two unfinished jobs
    gate.set()
    submitter.join(WAIT)
    assert not submitter.is_alive()
    assert [first.result(WAIT), second.result(WAIT), third[0].result(WAIT)] == [1, 2, 3]
    worker.close(WAIT)


def test_a_failing_job_keeps_its_exception_and_the_next_job_still_runs() -> None:
    def job(n: int) -> int:
        if n == 1:
            raise VaultWriteError("disk gone")
        return n

    worker: OrderedWorker[int, int] = OrderedWorker(job, max_in_flight=1, name="t-fault")
    bad, good = worker.submit(1), worker.submit(2)
    with pytest.raises(VaultWriteError, match="disk gone"):
        bad.result(WAIT)
    assert good.result(WAIT) == 2
    worker.close(WAIT)
    with pytest.raises(RuntimeError, match="closed"):
        worker.submit(3)


def test_max_in_flight_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        OrderedWorker(lambda n: n, max_in_flight=0, name="t-zero")


def test_cases_of_one_session_share_a_shard_and_shards_spread() -> None:
    item = FollowUps(package_id="p", events=[])
    assert shard_of(8, ("s-1", item)) == shard_of(8, ("s-1", item))
    assert {shard_of(8, (f"s-{n}", item))[0] for n in range(200)} == {str(n) for n in range(8)}


def test_a_receipt_is_drafted_on_its_session_shard() -> None:
    packaged = _packaged(1)
    assert draft_shard(8, packaged) == (shard_of(8, ("s-1", packaged))[0], packaged)


# ---------------------------------------------------------------- the Bytewax logic


def _event(n: int) -> MessageEvent:
    return MessageEvent(
        schema="tipline.message/1",
        event_id=f"e-{n}",
        session_id="s-1",
        platform="demo",
        sent_at=T0,
        sender=Account(user_id="u-1"),
        recipients=[Account(user_id="u-2")],
        text=f"{CANARY} {n}",
    )


def _decided(n: int) -> Decided:
    decision = Decision(
        event_id=f"e-{n}",
        session_id="s-1",
        sent_at=T0,
        sender_id="u-1",
        recipient_ids=["u-2"],
        decision="review",
        alert=True,
        detector_version="test",
        source=SourcePosition(kind="file", file="in.jsonl", line=n),
        decided_at=T0,
    )
    return Decided(decision=decision, event=_event(n), media={"a": CANARY.encode() * 3})


class FakePipe:
    """What EvidenceLogic uses of a Pipeline: a worker, a sealer, the poll setting."""

    def __init__(self, package: Any, root: bytes | None = None) -> None:
        self.config = SimpleNamespace(evidence=SimpleNamespace(poll_ms=1.0))
        self.clock = SYSTEM_CLOCK
        self.packaging = object()
        self.calls: list[list[Any]] = []
        self._package = package
        self._keys = ContextKeys(root or os.urandom(32))
        self.evidence_worker: OrderedWorker[list[Any], list[Any]] = OrderedWorker(
            self._run, max_in_flight=4, name="t-pipe"
        )

    def _run(self, batch: list[Any]) -> list[Any]:
        self.calls.append(batch)
        return self._package(batch)

    def sealer(self, session_id: str) -> Any:
        return self._keys.for_session(session_id)


def _receipts(batch: list[Any]) -> list[Any]:
    return [("receipt", item.decision.event_id) for item in batch if isinstance(item, Decided)]


def _drain(logic: EvidenceLogic) -> list[Any]:
    out, keep = logic.on_eof()
    assert keep == StatefulBatchLogic.DISCARD
    return out


def test_logic_emits_batches_in_order_once_they_are_done() -> None:
    gate = threading.Event()

    def package(batch: list[Any]) -> list[Any]:
        gate.wait(WAIT)
        return _receipts(batch)

    pipe = FakePipe(package)
    logic = EvidenceLogic(pipe, None)  # type: ignore[arg-type]
    out, keep = logic.on_batch([_decided(1), _decided(2)])
    assert out == [] and keep == StatefulBatchLogic.RETAIN  # nothing before the receipt
    assert logic.notify_at() is not None
    out, _ = logic.on_batch([_decided(3)])
    assert out == []
    gate.set()
    assert _drain(logic) == [("receipt", "e-1"), ("receipt", "e-2"), ("receipt", "e-3")]
    assert logic.notify_at() is None


def test_on_notify_emits_only_finished_batches_oldest_first() -> None:
    gates = {1: threading.Event(), 2: threading.Event()}

    def package(batch: list[Any]) -> list[Any]:
        gates[int(batch[0].decision.event_id[2:])].wait(WAIT)
        return _receipts(batch)

    pipe = FakePipe(package)
    logic = EvidenceLogic(pipe, None)  # type: ignore[arg-type]
    logic.on_batch([_decided(1)])
    logic.on_batch([_decided(2)])
    gates[1].set()
    out: list[Any] = []
    for _ in range(1000):  # wait for batch 1 only (batch 2 is held)
        out, keep = logic.on_notify()
        if out:
            break
        threading.Event().wait(0.005)
    assert out == [("receipt", "e-1")] and keep == StatefulBatchLogic.RETAIN
    gates[2].set()
    assert _drain(logic) == [("receipt", "e-2")]


def test_a_systemic_fault_of_a_batch_is_raised_on_the_flow_thread() -> None:
    def package(batch: list[Any]) -> list[Any]:
        raise VaultWriteError("vault unreachable")

    logic = EvidenceLogic(FakePipe(package), None)  # type: ignore[arg-type]
    logic.on_batch([_decided(1)])
    with pytest.raises(VaultWriteError, match="vault unreachable"):
        _drain(logic)


def test_snapshot_seals_the_pending_batches_and_a_resume_redoes_them() -> None:
    root, gate = os.urandom(32), threading.Event()

    def held(batch: list[Any]) -> list[Any]:
        gate.wait(WAIT)
        return _receipts(batch)

    crashed = FakePipe(held, root)
    logic = EvidenceLogic(crashed, None)  # type: ignore[arg-type]
    logic.on_batch([_decided(1), FollowUps(package_id="p-1", events=[_event(5)])])
    logic.on_batch([_decided(2)])
    snap = logic.snapshot()
    assert logic.snapshot() is snap  # unchanged pending: the same sealed bytes
    # content stays in the vault: no text, media or event structure in clear
    for needle in (CANARY.encode(), b"e-1", b"p-1", pickle.dumps(CANARY)):
        assert needle not in snap
    gate.set()  # the "crashed" job's thread finishes; its results are never emitted

    resumed = FakePipe(_receipts, root)
    again = EvidenceLogic(resumed, snap)  # type: ignore[arg-type]
    assert _drain(again) == [("receipt", "e-1"), ("receipt", "e-2")]
    assert [[type(i).__name__ for i in b] for b in resumed.calls] == [
        ["Decided", "FollowUps"],
        ["Decided"],
    ]
    assert resumed.calls[0][0] == _decided(1)  # the same case, text and media included


def test_a_snapshot_under_another_key_does_not_open() -> None:
    gate = threading.Event()
    logic = EvidenceLogic(FakePipe(lambda b: gate.wait(WAIT) and []), None)  # type: ignore[arg-type]
    logic.on_batch([_decided(1)])
    snap = logic.snapshot()
    gate.set()
    with pytest.raises(EvidenceError, match="does not open"):
        EvidenceLogic(FakePipe(_receipts), snap)  # type: ignore[arg-type]


def test_a_batch_emitted_leaves_the_snapshot() -> None:
    logic = EvidenceLogic(FakePipe(_receipts), None)  # type: ignore[arg-type]
    logic.on_batch([_decided(1)])
    before = logic.snapshot()
    out: list[Any] = []
    for _ in range(1000):
        out, keep = logic.on_notify()
        if out:
            break
        threading.Event().wait(0.005)
    assert out == [("receipt", "e-1")] and keep == StatefulBatchLogic.DISCARD
    assert logic.snapshot() != before


# ---------------------------------------------------------------- report drafts


class FakeDraftPipe(FakePipe):
    """FakePipe with the draft worker: each receipt's "draft" is stored, then returned."""

    def __init__(self, root: bytes, gate: threading.Event | None = None) -> None:
        super().__init__(_receipts, root)
        self.gate = gate
        self.draft_worker: OrderedWorker[Any, list[Any]] = OrderedWorker(
            self._drafts, max_in_flight=4, name="t-drafts"
        )

    def _drafts(self, job: tuple[list[Packaged], Any]) -> list[Any]:
        batch, write = job
        if self.gate is not None:
            self.gate.wait(WAIT)
        self.calls.append(batch)
        out = [("draft", p.decided.decision.event_id) for p in batch]
        for draft in out:
            if write is not None:
                write(draft)
        return out


def _packaged(n: int) -> Packaged:
    receipt = EvidenceReceipt(
        package_id=f"pkg-{n}",
        event_id=f"e-{n}",
        session_id="s-1",
        manifest_sha256="0" * 64,
        location=f"vault/pkg-{n}",
        stored_at=T0,
        retain_until=T0,
    )
    return Packaged(decided=_decided(n), receipt=receipt)


def test_a_draft_is_emitted_only_after_the_worker_stored_it() -> None:
    stored: list[Any] = []
    logic = DraftLogic(FakeDraftPipe(os.urandom(32)), None, stored.append)  # type: ignore[arg-type]
    logic.on_batch([_packaged(1), _packaged(2)])
    out = _drain(logic)
    assert out == [("draft", "e-1"), ("draft", "e-2")]
    assert stored == out  # each one stored before the logic emitted it


def test_drafts_without_a_store_are_only_built() -> None:
    logic = DraftLogic(FakeDraftPipe(os.urandom(32)), None, None)  # type: ignore[arg-type]
    logic.on_batch([_packaged(1)])
    assert _drain(logic) == [("draft", "e-1")]


def test_pending_drafts_are_sealed_and_redriven_to_the_same_store() -> None:
    root, gate = os.urandom(32), threading.Event()
    first: list[Any] = []
    logic = DraftLogic(FakeDraftPipe(root, gate), None, first.append)  # type: ignore[arg-type]
    logic.on_batch([_packaged(1)])
    snap = logic.snapshot()
    for needle in (CANARY.encode(), b"e-1", b"pkg-1"):
        assert needle not in snap
    # the drafts seal under their own queue name: the evidence step cannot open them
    with pytest.raises(EvidenceError, match="does not open"):
        EvidenceLogic(FakePipe(_receipts, root), snap)  # type: ignore[arg-type]
    gate.set()  # the "crashed" job's worker finishes; its results are never emitted

    again: list[Any] = []
    resumed = FakeDraftPipe(root)
    logic = DraftLogic(resumed, snap, again.append)  # type: ignore[arg-type]
    assert _drain(logic) == [("draft", "e-1")]
    assert again == [("draft", "e-1")] and resumed.calls == [[_packaged(1)]]
