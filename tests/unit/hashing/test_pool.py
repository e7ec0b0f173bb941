"""services/hash_pool.py: attachments hashed in worker processes, results as inline, in order.

Worker deaths are made deterministic with an ``md5`` plug-in that acts on a
marker at the start of the attachment bytes (the markers are not images: the
exact digests are computed for any bytes). No wall time is asserted.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from tests.unit.hashing.conftest import write_list
from tipline.operators.failures import SystemicFailure
from tipline.operators.hashing import ExactAlgorithm, default_algorithms
from tipline.operators.hashing.algorithm import Computed, MediaInput
from tipline.schemas.event import Account, Attachment, MessageEvent
from tipline.schemas.hashing import HashingConfig, HashListSource
from tipline.services import hash_pool
from tipline.services.hash_pool import (
    POISON_LIMIT,
    HashPool,
    HashWorkerDied,
    MatchResult,
    StreamingMatcher,
    close_pools,
)
from tipline.services.hashing import HashService, build_hash_service

T0 = datetime(2025, 1, 1, tzinfo=UTC)
KILL = b"KILL-WORKER"  # SIGKILLs the worker that hashes it, every time
KILL_ONCE = b"KILL-ONCE"  # SIGKILLs the first worker that hashes it (a flag file marks it)
RAISE = b"RAISE-IN-WORKER"  # raises ValueError
HOLD = b"HOLD-UNTIL-RELEASED"  # waits for the flag file "release" (at most WAIT s)
MARK = b"MARK-WHEN-HASHED"  # touches the flag file "hashed-<rest of the bytes>"
WAIT = 10.0  # seconds a test waits for a process or thread (never a timing assertion)


class Saboteur(ExactAlgorithm):
    """``md5`` that kills or fails its process on a marker (tests only)."""

    def __init__(self, flag_dir: Path) -> None:
        super().__init__("md5")
        self.flag_dir = flag_dir

    def compute(self, media: MediaInput) -> Computed:
        data = media.data
        if data.startswith(KILL):
            os.kill(os.getpid(), signal.SIGKILL)
        if data.startswith(KILL_ONCE):
            flag = self.flag_dir / hashlib.sha256(data).hexdigest()
            if not flag.exists():
                flag.touch()
                os.kill(os.getpid(), signal.SIGKILL)
        if data.startswith(RAISE):
            msg = "bad bytes"
            raise ValueError(msg)
        if data.startswith(HOLD):
            _await(self.flag_dir / "release")
        if data.startswith(MARK):
            (self.flag_dir / f"hashed-{data[len(MARK) :].decode()}").touch()
        return super().compute(media)


def _await(flag: Path) -> None:
    for _ in range(int(WAIT / 0.005)):
        if flag.exists():
            return
        time.sleep(0.005)
    msg = f"{flag.name} never appeared"
    raise AssertionError(msg)


def _event(i: int, *blobs: bytes) -> MessageEvent:
    return MessageEvent(
        schema="tipline.message/1",
        event_id=f"e-{i}",
        sent_at=T0,
        session_id=f"s-{i % 3}",
        sender=Account(user_id="u-1"),
        recipients=[Account(user_id="u-2")],
        text="hello" if not blobs else None,
        attachments=[
            Attachment(attachment_id=f"a-{i}-{n}", media_type="image/jpeg", data_b64=b)
            for n, b in enumerate(blobs)
        ],
    )


def _service(tmp_path: Path, known: bytes) -> HashService:
    lst = write_list(
        tmp_path / "known.csv",
        [("sha256", hashlib.sha256(known).hexdigest(), "ncmec", "n1", "A1")],
    )
    cfg = HashingConfig(
        lists=[HashListSource(path=str(lst))], reload_interval_s=30.0, reload_in_background=False
    )
    flags = tmp_path / "flags"
    flags.mkdir(exist_ok=True)
    algos = [Saboteur(flags) if a.name == "md5" else a for a in default_algorithms()]
    return build_hash_service(cfg, algorithms=algos)


def _plain(results: list[MatchResult]) -> list[object]:
    """Comparable form: verdict structs and media, or the exception's type and text."""
    return [
        (type(r).__name__, str(r)) if isinstance(r, Exception) else (r[0], r[1]) for r in results
    ]


@pytest.fixture
def events(jpeg: Callable[..., bytes]) -> list[MessageEvent]:
    """Text and image messages of three sessions, interleaved; one image is known."""
    out: list[MessageEvent] = []
    for i in range(12):
        blobs = () if i % 3 else (jpeg(100 + i, width=320, height=240),)
        out.append(_event(i, *blobs))
    out.append(_event(12, jpeg(1), jpeg(2, width=200, height=200)))
    return out


def test_pool_results_equal_inline_in_input_order(
    tmp_path: Path, jpeg: Callable[..., bytes], events: list[MessageEvent]
) -> None:
    inline = HashPool(_service(tmp_path, jpeg(1)), workers=0)
    pooled = HashPool(_service(tmp_path, jpeg(1)), workers=2)
    try:
        expected = inline.match_all(events, T0)
        got = pooled.match_all(events, T0)
        assert _plain(got) == _plain(expected)
        assert len(pooled.worker_pids()) == 2
        known = got[-1]
        assert not isinstance(known, Exception)
        assert [v.strength for v in known[0]] == ["exact", "none"]
        assert [r == ([], {}) for r in got] == [not e.attachments for e in events]
    finally:
        pooled.close()


def test_text_only_batches_fork_no_worker(tmp_path: Path, jpeg: Callable[..., bytes]) -> None:
    pool = HashPool(_service(tmp_path, jpeg(1)), workers=2)
    assert pool.match_all([_event(1), _event(2)], T0) == [([], {}), ([], {})]
    assert pool.worker_pids() == []


def test_an_exception_in_a_worker_is_returned_for_its_event_only(
    tmp_path: Path, jpeg: Callable[..., bytes]
) -> None:
    pool = HashPool(_service(tmp_path, jpeg(1)), workers=2)
    try:
        first, bad, last = pool.match_all(
            [_event(1, jpeg(1)), _event(2, RAISE + b"x"), _event(3, jpeg(3))], T0
        )
        assert isinstance(bad, ValueError)
        assert not isinstance(first, Exception)
        assert first[0][0].strength == "exact"
        assert not isinstance(last, Exception)
        assert pool.restarts == 0
    finally:
        pool.close()


def test_a_worker_killed_mid_batch_is_replaced_and_its_work_rerun(
    tmp_path: Path, jpeg: Callable[..., bytes], events: list[MessageEvent]
) -> None:
    expected = HashPool(_service(tmp_path, jpeg(1)), workers=0).match_all(events, T0)
    victim = _event(99, KILL_ONCE + b"-1")
    pool = HashPool(_service(tmp_path, jpeg(1)), workers=2)
    try:
        got = pool.match_all([*events[:6], victim, *events[6:]], T0)
        assert pool.restarts >= 1
        assert _plain(got[:6] + got[7:]) == _plain(expected)  # nothing lost, nothing twice
        rerun = got[6]
        assert not isinstance(rerun, Exception)
        assert [v.status for v in rerun[0]] == [
            v.status for v in _plain_inline(tmp_path, jpeg, victim)
        ]
    finally:
        pool.close()


def _plain_inline(tmp_path: Path, jpeg: Callable[..., bytes], event: MessageEvent) -> list:  # type: ignore[type-arg]
    (result,) = HashPool(_service(tmp_path, jpeg(1)), workers=0).match_all([event], T0)
    assert not isinstance(result, Exception)
    return result[0]


def test_an_idle_worker_killed_between_batches_costs_nothing(
    tmp_path: Path, jpeg: Callable[..., bytes], events: list[MessageEvent]
) -> None:
    expected = HashPool(_service(tmp_path, jpeg(1)), workers=0).match_all(events, T0)
    pool = HashPool(_service(tmp_path, jpeg(1)), workers=2)
    try:
        assert _plain(pool.match_all(events, T0)) == _plain(expected)
        os.kill(pool.worker_pids()[0], signal.SIGKILL)
        assert _plain(pool.match_all(events, T0)) == _plain(expected)
    finally:
        pool.close()


def test_a_poison_image_becomes_a_dead_letter_result_and_the_rest_is_hashed(
    tmp_path: Path, jpeg: Callable[..., bytes], events: list[MessageEvent]
) -> None:
    expected = HashPool(_service(tmp_path, jpeg(1)), workers=0).match_all(events, T0)
    pool = HashPool(_service(tmp_path, jpeg(1)), workers=2)
    try:
        got = pool.match_all([*events[:3], _event(50, KILL + b"-a"), *events[3:]], T0)
        assert isinstance(got[3], HashWorkerDied)
        assert _plain(got[:3] + got[4:]) == _plain(expected)
        assert _plain(pool.match_all(events, T0)) == _plain(expected)  # the pool works on
    finally:
        pool.close()


def test_workers_dying_on_every_message_stop_the_job(
    tmp_path: Path, jpeg: Callable[..., bytes]
) -> None:
    pool = HashPool(_service(tmp_path, jpeg(1)), workers=1)
    poison = [_event(i, KILL + str(i).encode()) for i in range(POISON_LIMIT)]
    try:
        with pytest.raises(SystemicFailure, match="in a row"):
            pool.match_all(poison, T0)
    finally:
        pool.close()


def test_an_accepted_reload_reaches_the_workers_and_a_rejected_one_does_not(
    tmp_path: Path, jpeg: Callable[..., bytes]
) -> None:
    old, new = jpeg(1), jpeg(2)
    service = _service(tmp_path, old)
    pool = HashPool(service, workers=2)
    lst = tmp_path / "known.csv"

    def strengths(now: datetime) -> list[str]:
        results = pool.match_all([_event(1, old), _event(2, new)], now)
        return [r[0][0].strength for r in results if not isinstance(r, Exception)]

    try:
        assert strengths(T0) == ["exact", "none"]
        before = pool.worker_pids()
        # A bad version (a bad line): rejected by this process, never seen by a worker.
        lst.write_text(lst.read_text() + "pdq,zz12,x,,\n")
        os.utime(lst, ns=(1, 1))
        assert strengths(T0 + timedelta(seconds=31)) == ["exact", "none"]
        assert pool.worker_pids() == before
        # A good version with both images: every worker matches with it.
        rows = [
            ("sha256", hashlib.sha256(b).hexdigest(), "ncmec", f"n{i}", "A1")
            for i, b in enumerate((old, new))
        ]
        write_list(lst, rows)
        os.utime(lst, ns=(2, 2))
        assert strengths(T0 + timedelta(seconds=62)) == ["exact", "exact"]
        assert set(pool.worker_pids()).isdisjoint(before)
        for _ in range(4):  # whichever worker hashes it
            assert strengths(T0 + timedelta(seconds=63)) == ["exact", "exact"]
    finally:
        pool.close()


def test_close_pools_shuts_every_live_pool_before_exit(
    tmp_path: Path, jpeg: Callable[..., bytes], events: list[MessageEvent]
) -> None:
    """The end of a run shuts the workers down itself (not CPython's racy exit hook)."""
    pools = [HashPool(_service(tmp_path, jpeg(1)), workers=1) for _ in range(2)]
    for pool in pools:
        pool.match_all(events, T0)
        assert pool.worker_pids()
    close_pools()
    assert [pool.worker_pids() for pool in pools] == [[], []]
    assert all(pool._executor is None for pool in pools)
    assert _plain(pools[0].match_all(events, T0)) == _plain(pools[1].match_all(events, T0))
    close_pools()


def _worker_spare_core() -> bool:
    """Run in a worker: whether its matcher may put SHA-256 on a thread beside a decode."""
    from tipline.services import hash_pool

    assert hash_pool._SERVICE is not None
    return hash_pool._SERVICE.matcher.spare_core


@pytest.mark.parametrize(
    ("cores", "workers", "spare"), [(1, 1, False), (2, 2, False), (4, 1, True)]
)
def test_workers_overlap_sha256_only_when_the_pool_leaves_a_core_free(
    tmp_path: Path,
    jpeg: Callable[..., bytes],
    monkeypatch: pytest.MonkeyPatch,
    cores: int,
    workers: int,
    spare: bool,
) -> None:
    monkeypatch.setattr("tipline.services.hash_pool.pool_size", lambda _: cores)
    service = _service(tmp_path, jpeg(1))
    pool = HashPool(service, workers=workers)
    try:
        assert pool._pool().submit(_worker_spare_core).result() is spare
        assert service.matcher.spare_core  # the parent (inline hashing) keeps it
    finally:
        pool.close()


# ------------------------------------------------------------ the streaming matcher


def _streaming(
    pool: HashPool, now: list[datetime] | None = None
) -> StreamingMatcher[MessageEvent, MatchResult]:
    """A matcher whose batches are events and whose output is their results, as they are."""
    clock = now if now is not None else [T0]
    return StreamingMatcher(
        pool,
        lambda event: event,
        lambda batch, results: results,
        max_in_flight=16,
        name="t-stream",
        clock=lambda: clock[0],
    )


def _batches(events: list[MessageEvent], size: int) -> list[list[MessageEvent]]:
    return [events[i : i + size] for i in range(0, len(events), size)]


@pytest.mark.parametrize("workers", [0, 2])
def test_streamed_batches_equal_match_all_in_order(
    tmp_path: Path, jpeg: Callable[..., bytes], events: list[MessageEvent], workers: int
) -> None:
    expected = HashPool(_service(tmp_path, jpeg(1)), workers=0).match_all(events, T0)
    pool = HashPool(_service(tmp_path, jpeg(1)), workers=workers)
    stream = _streaming(pool)
    try:
        futures = [stream.submit(b) for b in _batches(events, 2)]
        got = [r for f in futures for r in f.result(WAIT)]
        assert _plain(got) == _plain(expected)
    finally:
        stream.close(WAIT)
        pool.close()


def test_a_later_batch_is_hashed_while_an_earlier_one_waits_and_leaves_after_it(
    tmp_path: Path, jpeg: Callable[..., bytes]
) -> None:
    pool = HashPool(_service(tmp_path, jpeg(1)), workers=2)
    stream = _streaming(pool)
    flags = tmp_path / "flags"
    try:
        first = stream.submit([_event(1, HOLD + b"-1")])
        second = stream.submit([_event(2), _event(3, MARK + b"b")])
        _await(flags / "hashed-b")  # hashed beside the held image, not after it
        assert not first.done() and not second.done()  # in order: behind the held batch
        (flags / "release").touch()
        assert [type(r).__name__ for r in first.result(WAIT)] == ["tuple"]
        assert second.result(WAIT)[0] == ([], {})
        assert len(second.result(WAIT)) == 2
    finally:
        (flags / "release").touch()
        stream.close(WAIT)
        pool.close()


def test_a_worker_killed_in_the_stream_loses_and_duplicates_nothing(
    tmp_path: Path, jpeg: Callable[..., bytes], events: list[MessageEvent]
) -> None:
    expected = HashPool(_service(tmp_path, jpeg(1)), workers=0).match_all(events, T0)
    victims = [_event(40, KILL_ONCE + b"-40"), _event(41, KILL_ONCE + b"-41")]
    mixed = [*events[:4], victims[0], *events[4:9], victims[1], *events[9:]]
    pool = HashPool(_service(tmp_path, jpeg(1)), workers=2)
    stream = _streaming(pool)
    try:
        futures = [stream.submit(b) for b in _batches(mixed, 3)]
        got = [r for f in futures for r in f.result(WAIT)]
        # each victim killed a worker once (its flag file), in one break or two
        assert len(list((tmp_path / "flags").iterdir())) == 2
        assert pool.restarts >= 1
        assert len(got) == len(mixed)
        assert [type(got[i]).__name__ for i in (4, 10)] == ["tuple", "tuple"]  # hashed again
        assert _plain(got[:4] + got[5:10] + got[11:]) == _plain(expected)
    finally:
        stream.close(WAIT)
        pool.close()


def test_a_poison_image_in_the_stream_is_its_own_dead_letter_result(
    tmp_path: Path, jpeg: Callable[..., bytes], events: list[MessageEvent]
) -> None:
    expected = HashPool(_service(tmp_path, jpeg(1)), workers=0).match_all(events, T0)
    pool = HashPool(_service(tmp_path, jpeg(1)), workers=2)
    stream = _streaming(pool)
    try:
        poisoned = [*events[:3], _event(50, KILL + b"-a"), *events[3:]]
        got = [r for f in [stream.submit(b) for b in _batches(poisoned, 4)] for r in f.result(WAIT)]
        assert isinstance(got[3], HashWorkerDied)
        assert _plain(got[:3] + got[4:]) == _plain(expected)
        again = stream.submit(events).result(WAIT)  # the stream works on
        assert _plain(again) == _plain(expected)
    finally:
        stream.close(WAIT)
        pool.close()


def test_workers_dying_on_every_streamed_message_fail_every_batch(
    tmp_path: Path, jpeg: Callable[..., bytes]
) -> None:
    pool = HashPool(_service(tmp_path, jpeg(1)), workers=1)
    stream = _streaming(pool)
    poison = [_event(i, KILL + str(i).encode()) for i in range(POISON_LIMIT)]
    try:
        futures = [stream.submit(b) for b in _batches(poison, 2)]
        for future in futures:
            with pytest.raises(SystemicFailure, match="in a row"):
                future.result(WAIT * 3)
    finally:
        stream.close(WAIT)
        pool.close()


def test_an_accepted_reload_reaches_the_streamed_batches_after_it(
    tmp_path: Path, jpeg: Callable[..., bytes]
) -> None:
    old, new = jpeg(1), jpeg(2)
    pool = HashPool(_service(tmp_path, old), workers=2)
    now = [T0]
    stream = _streaming(pool, now)

    def strengths() -> list[str]:
        results = stream.submit([_event(1, old), _event(2, new)]).result(WAIT)
        return [r[0][0].strength for r in results if not isinstance(r, Exception)]

    try:
        assert strengths() == ["exact", "none"]
        before = pool.worker_pids()
        rows = [
            ("sha256", hashlib.sha256(b).hexdigest(), "ncmec", f"n{i}", "A1")
            for i, b in enumerate((old, new))
        ]
        write_list(tmp_path / "known.csv", rows)
        os.utime(tmp_path / "known.csv", ns=(2, 2))
        now[0] = T0 + timedelta(seconds=31)
        assert strengths() == ["exact", "exact"]
        assert set(pool.worker_pids()).isdisjoint(before)  # forked anew for the new version
    finally:
        stream.close(WAIT)
        pool.close()


def test_the_end_of_a_run_stops_the_stream_quietly_and_fails_what_is_unfinished(
    tmp_path: Path, jpeg: Callable[..., bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    uncaught: list[object] = []
    monkeypatch.setattr(threading, "excepthook", uncaught.append)
    pool = HashPool(_service(tmp_path, jpeg(1)), workers=2)
    stream = _streaming(pool)
    flags = tmp_path / "flags"
    try:
        held = stream.submit([_event(1, HOLD + b"-1")])
        stream.abandon(WAIT)  # what close_pools() does first at the end of a run
        with pytest.raises(RuntimeError, match="run ended"):
            held.result(WAIT)
        assert stream.closed
        with pytest.raises(RuntimeError, match="closed"):
            stream.submit([_event(2)])
        assert uncaught == []  # no traceback from the background thread
    finally:
        (flags / "release").touch()
        pool.close()


def test_abandoning_an_inline_stream_ends_its_thread(
    tmp_path: Path, jpeg: Callable[..., bytes]
) -> None:
    """``workers = 0``: the one-batch-at-a-time loop ends at once too (no wait at the run's end)."""
    pool = HashPool(_service(tmp_path, jpeg(1)), workers=0)
    stream = _streaming(pool)
    assert stream.submit([_event(1), _event(2, jpeg(1))]).result(WAIT)[0] == ([], {})
    stream.abandon(WAIT)
    assert stream.closed
    assert not stream._thread.is_alive()


def test_workers_outlive_the_thread_that_forked_them(
    tmp_path: Path, jpeg: Callable[..., bytes], events: list[MessageEvent]
) -> None:
    """A worker forked by a thread that has since ended keeps working, and close() returns.

    Workers are forked by whichever thread submits first (the background
    matcher's, a Bytewax worker's). Linux's parent-death signal fires when the
    forking *thread* ends, not the process: a worker killed that way while
    waiting for work holds the pool's shared queue lock forever, and the other
    workers and the pool's shutdown then wait on it for good (a hang seen in
    the flow tests).
    """
    pool = HashPool(_service(tmp_path, jpeg(1)), workers=2)
    try:
        forker = threading.Thread(target=pool.match_all, args=(events, T0), name="short-lived")
        forker.start()
        forker.join()
        pids = pool.worker_pids()
        assert len(pids) == 2
        time.sleep(0.5)  # a parent-death signal would have been delivered by now
        assert pool.worker_pids() == pids
        got = pool.match_all(events, T0)  # the same workers, from another thread
        assert pool.restarts == 0
        assert len(got) == len(events)
    finally:
        closer = threading.Thread(target=pool.close, daemon=True)
        closer.start()
        closer.join(30)
        assert not closer.is_alive(), "close() hung"


def _dead(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status  # exited, waiting to be reaped by whoever adopted it


def _job_with_a_pool(folder: str, conn: Connection) -> None:
    """A stand-in job (a fresh interpreter): fork a pool, report its workers, die at once."""
    pool = HashPool(_service(Path(folder), b"known"), workers=2)
    pool.match_all([_event(i, b"not an image %d" % i) for i in range(4)], T0)
    conn.send(pool.worker_pids())
    os._exit(0)  # no cleanup: the workers must notice on their own


def test_workers_exit_when_the_job_process_dies(tmp_path: Path) -> None:
    """No orphans: a job killed outright takes its hashing workers with it.

    The job is spawned (a fresh interpreter), not forked from this
    multi-threaded test process, so the test itself cannot inherit a held lock.
    """
    ctx = multiprocessing.get_context("spawn")
    mine, theirs = ctx.Pipe()
    job = ctx.Process(target=_job_with_a_pool, args=(str(tmp_path), theirs))
    job.start()
    try:
        assert mine.poll(120), "the stand-in job never reported its workers"
        workers: list[int] = mine.recv()
    finally:
        job.join(30)
        if job.is_alive():
            job.kill()
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while not all(_dead(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(_dead(p) for p in workers)


def test_close_kills_a_worker_that_does_not_stop(
    tmp_path: Path, jpeg: Callable[..., bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker no shutdown reaches (busy, or deadlocked at fork) cannot hang close()."""
    monkeypatch.setattr(hash_pool, "SHUTDOWN_S", 1.0)
    pool = HashPool(_service(tmp_path, jpeg(1)), workers=1)
    pool._pool().submit(time.sleep, 600)  # stands in for a worker that never comes back
    deadline = time.monotonic() + 30
    while not pool.worker_pids() and time.monotonic() < deadline:
        time.sleep(0.05)
    (worker,) = pool.worker_pids()
    closer = threading.Thread(target=pool.close, daemon=True)
    closer.start()
    closer.join(30)
    assert not closer.is_alive(), "close() hung"
    assert _dead(worker)
