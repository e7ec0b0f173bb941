"""Attachment hashing in a bounded process pool: one image never holds the dataflow worker alone.

The step ``match-hashes`` hands each Bytewax batch to :meth:`HashPool.match_all`:

* a message without attachments needs no hashing (its result is ready at once);
* a message with attachments is fetched, decoded, hashed and matched in a
  worker process; at most ``2 x pool_workers`` are in flight, the rest of the
  batch waits (back-pressure: the dataflow pulls no more input meanwhile);
* results come back in input order, and the flood guard (services/hashing.py)
  is applied to them in that order, here, so verdicts, quarantines and
  per-session order are exactly those of the inline path (``pool_workers = 0``).

The batch is returned whole: a text message waits for the slowest image of its
own batch (not for the sum of them, as inline), and never for an image of a
later batch.

Workers are forked from this process when the pool starts and inherit the
:class:`HashService` it loaded (the list index is shared copy-on-write, never
re-read); each keeps its own decode cache and never polls the list files.
Reloads stay all-or-nothing: this process polls the files before each batch
with media and, when it accepts a new version, the pool is shut down between
batches and forked anew, so every worker matches with a version this process
accepted; a rejected version never reaches a worker.

A worker that dies (SIGKILL, OOM, a crash in a decoder) breaks the pool. Results
already returned are kept; the pool is forked anew and the unfinished messages
of the batch are hashed again (hashing reads and computes only, so a re-run is
idempotent), first together, then one at a time. A message that kills a fresh
worker on its own twice becomes a dead letter of step ``match-hashes``
(:class:`HashWorkerDied`); :data:`POISON_LIMIT` such messages in a row mean the
workers die for a reason no message explains: :class:`SystemicFailure`, the job
stops and recovery resumes it. Nothing is emitted before the batch is complete,
so no decision is lost or duplicated. A pool that cannot start (fork fails)
raises ``OSError``: systemic.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import pickle
import queue
import signal
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from typing import Any, Final, Generic, TypeVar

from tipline.operators.failures import SystemicFailure
from tipline.schemas.errors import TiplineError
from tipline.schemas.event import MessageEvent
from tipline.schemas.hashing import AttachmentVerdict
from tipline.services.evidence_queue import OrderedWorker
from tipline.services.hashing import HashService
from tipline.services.metrics import METRICS, stage_timer, timed

Hashed = tuple[list[AttachmentVerdict], dict[str, bytes]]
MatchResult = Hashed | Exception
"""The verdicts and URI bytes of one message, or the exception its hashing raised."""

POISON_LIMIT: Final = 5
"""Messages in a row that each killed a fresh worker alone before the job stops."""

SOLO_ATTEMPTS: Final = 2
"""Runs of one message alone on a fresh pool before it is a dead letter."""

log = logging.getLogger(__name__)

PARENT_POLL_S: Final = 0.5
"""How often a worker checks that the job process that forked it is still alive."""

SHUTDOWN_S: Final = 30.0
"""Longest wait for the workers to stop at a close or restart; then they are killed."""

_IDLE_S: Final = 0.5
"""Longest sleep of a StreamingMatcher's thread between wake-ups (a safety net only)."""

T = TypeVar("T")  # an item of a batch handed to a StreamingMatcher
R = TypeVar("R")  # what it emits per item


def pool_size(setting: int | str) -> int:
    """Worker processes for ``hashing.pool_workers`` (``"auto"``: the usable cores)."""
    return len(os.sched_getaffinity(0)) if setting == "auto" else int(setting)


class HashWorkerDied(TiplineError):
    """A hashing worker process died while hashing this message's attachments alone."""


class HashPool:
    """Hashes the attachments of a batch of events in worker processes, results in order.

    ``workers = 0``: every message is hashed inline, here (today's path).
    Dataflow worker threads of one process may share it: batches with media
    take turns (a lock); batches without media never wait for it.
    """

    def __init__(self, service: HashService, workers: int) -> None:
        self.service = service
        self.workers = workers
        self.restarts = 0
        self._executor: ProcessPoolExecutor | None = None
        self._poison_streak = 0
        self._lock = threading.Lock()
        _LIVE.add(self)

    def match_all(self, events: Sequence[MessageEvent], now: datetime) -> list[MatchResult]:
        """One result per event, in input order; per-event failures are returned, not raised.

        Raises:
            SystemicFailure: hashing workers keep dying (:data:`POISON_LIMIT`).
            OSError: the pool cannot start.

        """
        if self.workers == 0 or not self.service.enabled:
            return [self._inline(e, now) for e in events]
        results: list[MatchResult | None] = [None if e.attachments else ([], {}) for e in events]
        todo = [i for i, e in enumerate(events) if e.attachments]
        if not todo:
            return [r for r in results if r is not None]
        with self._lock:
            if self.service.reload_changed(now):
                self.close()  # the next submit forks workers with the accepted version
            self._hash(events, todo, results)
            return [self._guarded(r) for r in results if r is not None]

    def close(self) -> None:
        """Shut the workers down (a new pool is forked on the next batch with media)."""
        if self._executor is not None:
            _stop(self._executor)
            self._executor = None

    def worker_pids(self) -> list[int]:
        """Process ids of the live workers (tests, RSS measurements)."""
        executor = self._executor
        processes = getattr(executor, "_processes", None) or {}
        return sorted(pid for pid, p in processes.items() if p.is_alive())

    # ---------------------------------------------------------------- internals

    def _inline(self, event: MessageEvent, now: datetime) -> MatchResult:
        with timed("match-hashes"):
            try:
                return self.service.match_keeping_bytes(event, now)
            except Exception as exc:
                return exc

    def _guarded(self, result: MatchResult) -> MatchResult:
        if isinstance(result, Exception):
            return result
        verdicts, media = result
        return self.service.guard(verdicts), media

    def _hash(
        self, events: Sequence[MessageEvent], todo: list[int], results: list[MatchResult | None]
    ) -> None:
        """Fill ``results[i]`` for every ``i`` in ``todo``: together, then alone after a crash."""
        unfinished = self._run(events, todo, results)
        if unfinished:
            self._recover(events, unfinished, results)

    def _recover(
        self,
        events: Sequence[MessageEvent],
        unfinished: list[int],
        results: list[MatchResult | None],
    ) -> None:
        """After a worker died: fork anew, hash ``unfinished`` together again, then each alone."""
        self._restart()
        unfinished = self._run(events, unfinished, results)
        for i in unfinished:
            results[i] = self._alone(events[i])

    def _alone(self, event: MessageEvent) -> MatchResult:
        """Hash one message alone on fresh workers; a dead letter if it kills them each time."""
        for _ in range(SOLO_ATTEMPTS):
            self._restart()
            box: list[MatchResult | None] = [None]
            if not self._run([event], [0], box) and box[0] is not None:
                return box[0]
        self._restart()
        self._poison_streak += 1
        if self._poison_streak >= POISON_LIMIT:
            msg = (
                f"hashing worker processes died on {self._poison_streak} messages in a row, "
                "each alone on a fresh worker: the workers, not the messages, are at fault"
            )
            raise SystemicFailure(msg)
        return HashWorkerDied(
            f"a hashing worker process died {SOLO_ATTEMPTS} times hashing this message alone"
        )

    def _run(
        self,
        events: Sequence[MessageEvent],
        todo: list[int],
        results: list[MatchResult | None],
    ) -> list[int]:
        """Hash ``todo`` with at most 2 x workers in flight; return those a dead worker left."""
        window = 2 * self.workers
        queue = list(reversed(todo))
        running: dict[Future[tuple[MatchResult, float]], int] = {}
        unfinished: list[int] = []
        broken = False
        while queue or running:
            while queue and not broken and len(running) < window:
                i = queue.pop()
                try:
                    running[self._pool().submit(_hash_event, events[i])] = i
                except BrokenProcessPool:
                    broken = True
                    unfinished.append(i)
            if broken:
                unfinished += reversed(queue)
                queue.clear()
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                i = running.pop(future)
                try:
                    result, seconds = future.result()
                except BrokenProcessPool:
                    broken = True
                    unfinished.append(i)
                    continue
                stage_timer("match-hashes").observe(seconds)
                results[i] = result
                self._poison_streak = 0
        return sorted(unfinished)

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_init_worker,
                initargs=(self.service, os.getpid(), self.workers < pool_size("auto")),
            )
        return self._executor

    def _restart(self) -> None:
        self.restarts += 1
        METRICS.hash_pool_restarts.inc()
        if self._executor is not None:
            with contextlib.suppress(Exception):
                _stop(self._executor)
            self._executor = None


class _Job(Generic[T, R]):
    """One batch handed to a :class:`StreamingMatcher`: its events and results so far."""

    __slots__ = ("batch", "events", "future", "left", "results")

    def __init__(self, batch: list[T], events: list[MessageEvent], future: Future[list[R]]) -> None:
        self.batch, self.events, self.future = batch, events, future
        self.results: list[MatchResult | None] = [
            None if e.attachments else ([], {}) for e in events
        ]
        self.left = sum(1 for e in events if e.attachments)


class StreamingMatcher(OrderedWorker[list[T], list[R]]):
    """Hashes the media of batches as they are handed over; completes the batches in order.

    The background ``match-hashes`` step (flows/match_step.py) hands over small
    batches (per shard, per Bytewax batch). One thread keeps the pool's window
    (2 x workers messages) full from all of them: a message's image starts as
    soon as a worker is free, not when the previous batch has finished. A batch
    is complete when its last image is back and every earlier batch is
    complete; then the flood guard runs over its results, in submission order
    (so quarantines equal the inline path's), and ``finish(batch, results)``
    makes what the step emits.

    Crashes follow :class:`HashPool`: a worker's death fails every message in
    flight; they are hashed again on a fresh pool, together, then each alone
    (:meth:`HashPool._recover`), and a :class:`SystemicFailure` fails every
    batch handed over (the job stops). A list reload accepted by this process
    waits for the messages in flight, then forks the pool anew. With
    ``workers = 0`` the thread matches one batch at a time, inline.

    The thread sleeps until a batch is handed over or an image comes back (no
    polling, so it takes the interpreter lock from the dataflow thread only
    when there is work). It is the pool's only user while it runs
    (``match_all`` of text-only batches never touches the pool).
    """

    def __init__(
        self,
        pool: HashPool,
        event_of: Callable[[T], MessageEvent],
        finish: Callable[[list[T], list[MatchResult]], list[R]],
        *,
        max_in_flight: int,
        name: str,
        clock: Callable[[], datetime],
    ) -> None:
        self._hash_pool, self._event_of, self._finish = pool, event_of, finish
        self._clock = clock
        # set by a batch handed over, an image back or close(): the thread sleeps on it
        self._wake = threading.Event()
        self._abandoned = False
        _STREAMS.add(self)
        super().__init__(self._alone_batch, max_in_flight=max_in_flight, name=name)

    def submit(self, job: list[T]) -> Future[list[R]]:
        """Hand a batch over (waits first while ``max_in_flight`` are unfinished)."""
        future = super().submit(job)
        self._wake.set()
        return future

    def close(self, timeout: float | None = None) -> None:
        """Finish the batches handed over, then stop the thread (waits at most ``timeout`` s)."""
        if not self._closed:
            self._closed = True
            self._jobs.put(None)
        self._wake.set()
        self._thread.join(timeout)

    def _alone_batch(self, batch: list[T]) -> list[R]:
        """One batch, start to end (``workers = 0``)."""
        events = [self._event_of(x) for x in batch]
        media = [e for e in events if e.attachments]
        hashed = iter(self._hash_pool.match_all(media, self._clock()) if media else ())
        results: list[MatchResult] = [next(hashed) if e.attachments else ([], {}) for e in events]
        return self._finish(batch, results)

    def _run(self) -> None:
        pool = self._hash_pool
        if pool.workers == 0 or not pool.service.enabled:
            super()._run()
            return
        pending: deque[_Job[T, R]] = deque()
        try:
            self._stream(pending)
        except BaseException as exc:  # a bug, or the run ended under it: no traceback here
            self._closed = True  # a later submit raises instead of waiting forever
            self._abandon(pending, exc)

    def abandon(self, timeout: float = 1.0) -> None:
        """Stop at once (the end of a run): unfinished batches fail, nothing more is hashed."""
        self._abandoned = True
        if not self._closed:
            self._closed = True
            self._jobs.put(None)  # also ends the one-batch-at-a-time loop (workers = 0)
        self._wake.set()
        self._thread.join(timeout)

    def _abandon(self, pending: deque[_Job[T, R]], exc: BaseException) -> None:
        """Fail every batch handed over and not emitted (the flow thread raises it)."""
        while pending:
            job = pending.popleft()
            if not job.future.done():
                self._fail(job, exc)
        while True:
            try:
                item = self._jobs.get_nowait()
            except queue.Empty:
                return
            if item is not None and item[1].set_running_or_notify_cancel():
                item[1].set_exception(exc)
                self._slots.release()

    def _stream(self, pending: deque[_Job[T, R]]) -> None:
        backlog: deque[tuple[_Job[T, R], int]] = deque()
        running: dict[Future[tuple[MatchResult, float]], tuple[_Job[T, R], int]] = {}
        closing = False
        while True:
            if self._abandoned:
                msg = "the run ended with batches still being hashed"
                raise RuntimeError(msg)
            self._wake.clear()  # anything after this wakes the wait below at once
            closing = self._take(pending, backlog, running) or closing
            broken = self._submit_window(backlog, running)
            lost = self._collect(running)
            if lost or (broken and not running):
                self._redo(pending, backlog, running, lost)
            self._complete(pending)
            if closing and not pending:
                return
            # no polling: the interpreter lock stays with the dataflow thread until
            # a batch is handed over or an image comes back (the timeout is a safety net)
            self._wake.wait(_IDLE_S)

    def _take(
        self,
        pending: deque[_Job[T, R]],
        backlog: deque[tuple[_Job[T, R], int]],
        running: dict[Future[tuple[MatchResult, float]], tuple[_Job[T, R], int]],
    ) -> bool:
        """Take every batch handed over; True once closed."""
        while True:
            try:
                item = self._jobs.get_nowait()
            except queue.Empty:
                return False
            if item is None:
                return True
            batch, future = item
            if not future.set_running_or_notify_cancel():
                self._slots.release()
                continue
            job = _Job(batch, [self._event_of(x) for x in batch], future)
            if job.left and self._hash_pool.service.reload_changed(self._clock()):
                # an accepted list version: the messages in flight finish on the old
                # workers, this batch and everything after it on workers forked anew
                while running:
                    lost = self._collect(running, wait_all=True)
                    if lost:
                        self._redo(pending, backlog, running, lost)
                self._hash_pool.close()
            pending.append(job)
            backlog.extend((job, i) for i, e in enumerate(job.events) if e.attachments)

    def _submit_window(
        self,
        backlog: deque[tuple[_Job[T, R], int]],
        running: dict[Future[tuple[MatchResult, float]], tuple[_Job[T, R], int]],
    ) -> bool:
        """Start messages while the window has room; True when the pool is broken."""
        window = 2 * self._hash_pool.workers
        while backlog and len(running) < window:
            job, i = backlog[0]
            try:
                future = self._hash_pool._pool().submit(_hash_event, job.events[i])
            except BrokenProcessPool:
                return True  # the message stays in the backlog and is hashed again
            backlog.popleft()
            running[future] = (job, i)
            future.add_done_callback(self._woken)
        return False

    def _woken(self, _: Future[tuple[MatchResult, float]]) -> None:
        self._wake.set()

    def _collect(
        self,
        running: dict[Future[tuple[MatchResult, float]], tuple[_Job[T, R], int]],
        *,
        wait_all: bool = False,
    ) -> list[tuple[_Job[T, R], int]]:
        """Record the finished messages (``wait_all``: wait for all); return the ones lost."""
        if not running:
            return []
        if wait_all:
            done, _ = wait(running, return_when=ALL_COMPLETED)
        else:
            done = {future for future in running if future.done()}
        lost: list[tuple[_Job[T, R], int]] = []
        for future in done:
            job, i = running.pop(future)
            try:
                result, seconds = future.result()
            except BrokenProcessPool:
                lost.append((job, i))
                continue
            stage_timer("match-hashes").observe(seconds)
            job.results[i] = result
            job.left -= 1
            self._hash_pool._poison_streak = 0
        return lost

    def _redo(
        self,
        pending: deque[_Job[T, R]],
        backlog: deque[tuple[_Job[T, R], int]],
        running: dict[Future[tuple[MatchResult, float]], tuple[_Job[T, R], int]],
        lost: list[tuple[_Job[T, R], int]],
    ) -> None:
        """Hash everything not back again after a worker died (the pool's crash path), in order."""
        lost = lost + self._collect(running, wait_all=True)  # a broken pool fails the rest at once
        order = {id(job): n for n, job in enumerate(pending)}
        todo = sorted([*lost, *backlog], key=lambda ji: (order[id(ji[0])], ji[1]))
        backlog.clear()
        events = [job.events[i] for job, i in todo]
        results: list[MatchResult | None] = [None] * len(todo)
        try:
            self._hash_pool._recover(events, list(range(len(todo))), results)
        except BaseException as exc:  # systemic: every batch handed over fails with it
            while pending:
                self._fail(pending.popleft(), exc)
            return
        for (job, i), redone in zip(todo, results, strict=True):
            job.results[i], job.left = redone, job.left - 1

    def _complete(self, pending: deque[_Job[T, R]]) -> None:
        """Guard and emit the finished batches at the head, in submission order."""
        while pending and pending[0].left == 0:
            job = pending.popleft()
            try:
                guarded: list[MatchResult] = []
                for event, result in zip(job.events, job.results, strict=True):
                    if result is None:  # a bug: a batch is complete only with every result
                        msg = "a batch completed with a message not hashed"
                        raise RuntimeError(msg)
                    guarded.append(
                        self._hash_pool._guarded(result) if event.attachments else result
                    )
                out = self._finish(job.batch, guarded)
            except BaseException as exc:  # kept for the flow thread, raised there
                self._fail(job, exc)
            else:
                job.future.set_result(out)
                self._slots.release()

    def _fail(self, job: _Job[T, R], exc: BaseException) -> None:
        job.future.set_exception(exc)
        self._slots.release()


_LIVE: Final[weakref.WeakSet[HashPool]] = weakref.WeakSet()
"""Every pool of this process (:func:`close_pools` shuts them down at the end of a run)."""


_STREAMS: Final[weakref.WeakSet[StreamingMatcher[Any, Any]]] = weakref.WeakSet()
"""Every streaming matcher of this process (:func:`close_pools` stops them first)."""


def close_pools() -> None:
    """Shut down every pool's workers; the end of a run calls this, before the interpreter exits.

    Left to interpreter exit, CPython 3.11's ``concurrent.futures`` exit hook
    wakes each pool's manager thread while that thread may be closing the same
    pipe, and prints an ``OSError: [Errno 9] Bad file descriptor`` traceback
    (seen in 1 of ~10 replays of hostile images under load). A pool shut down
    here has joined its manager thread, so the hook has nothing left to wake.
    """
    for stream in list(_STREAMS):
        stream.abandon()  # nothing submits to a pool being shut down
    for pool in list(_LIVE):
        pool.close()


# ---------------------------------------------------------------- worker side

_SERVICE: HashService | None = None
"""In a worker process: the service inherited from the parent at fork."""


def _stop(executor: ProcessPoolExecutor) -> int:
    """Shut ``executor`` down without waiting forever; return how many workers were killed.

    A worker can hang where no shutdown reaches it: one forked while another
    thread of the job held an interpreter lock deadlocks before it runs any
    code (CPython 3.11 forking a threaded process), and its pool's shutdown
    would wait on it for good. After :data:`SHUTDOWN_S` such workers are
    killed, and the count is logged.
    """
    # taken before shutdown(), which forgets them
    processes = list((getattr(executor, "_processes", None) or {}).values())
    manager = getattr(executor, "_executor_manager_thread", None)
    executor.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + SHUTDOWN_S
    if manager is not None:  # as shutdown(wait=True): it stops and joins the workers
        manager.join(max(0.0, deadline - time.monotonic()))
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
    stuck = [p for p in processes if p.is_alive()]
    for process in stuck:
        process.kill()
        process.join(5.0)
    if manager is not None:
        manager.join(5.0)  # a restart forks anew only once the old pool's thread is gone
    if stuck:
        log.warning(
            "%d hashing worker(s) did not stop within %.0f s: killed", len(stuck), SHUTDOWN_S
        )
    return len(stuck)


def _exit_with_parent(parent: int) -> None:
    """End this worker process as soon as the process that forked it is gone."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_S)
    os._exit(1)


def _init_worker(service: HashService, parent: int, spare_core: bool) -> None:
    """Set up a freshly forked worker (runs once per worker process).

    ``spare_core``: the pool leaves a core free, so a large image's SHA-256 may
    run on a thread beside its decode (and PDQ beside pHash); with a worker per
    core those threads would only compete with the other workers.
    """
    global _SERVICE  # noqa: PLW0603  (the one per-process state of a worker)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    # Die with the job process (no orphans). Not Linux's parent-death signal:
    # it fires when the forking *thread* ends, and workers are forked by
    # whichever thread submits first; one killed while waiting for work held
    # the pool's shared queue lock forever (tests/unit/hashing/test_pool.py).
    threading.Thread(
        target=_exit_with_parent, args=(parent,), name="parent-watch", daemon=True
    ).start()
    gc.freeze()  # inherited objects are never scanned: their pages stay shared
    service.matcher.spare_core = spare_core
    _SERVICE = service


def _hash_event(event: MessageEvent) -> tuple[MatchResult, float]:
    """Fetch, hash and match one event's attachments (no flood guard, no reload poll)."""
    started = time.perf_counter()
    assert _SERVICE is not None, "_init_worker did not run"
    try:
        result: MatchResult = _SERVICE.hash_event(event)
    except Exception as exc:
        result = _portable(exc)
    return result, time.perf_counter() - started


def _portable(exc: Exception) -> Exception:
    """``exc`` if it survives pickling back to the parent, else a stand-in of its type name."""
    try:
        pickle.loads(pickle.dumps(exc))  # noqa: S301  (our own bytes, same process)
    except Exception:
        return RuntimeError(f"{type(exc).__name__} in a hashing worker (not picklable)")
    return exc
