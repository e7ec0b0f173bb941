"""Evidence packaging off the dataflow thread: one ordered, bounded background worker.

The flow hands each batch of cases to :class:`OrderedWorker` and goes on
scoring. One daemon thread runs the batches strictly in submission order (so a
follow-up batch never overtakes the case that opened its package, and receipts
come back in the order the cases were decided); the group commit's ``syncfs``
or fsync barriers and S3 puts release the GIL, so the dataflow thread scores
while the vault syncs. ``max_in_flight`` bounds the batches submitted and not
yet finished: at the bound, :meth:`OrderedWorker.submit` waits for the oldest
to finish (back-pressure instead of unbounded memory).

A job's exception (a systemic fault: the per-event ones are already dead
letters inside the job) is kept in its future and raised on the dataflow
thread when the flow collects that batch, so the job stops and recovery
retries, as when packaging ran inline. Engine-agnostic: the Bytewax step is
``flows/evidence_step.py``.

The hashing step's worker (services/hash_pool.py, :class:`StreamingMatcher`)
is one too, with a thread loop of its own that keeps the hashing pool busy
with the images of every batch handed over.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class OrderedWorker(Generic[T, R]):
    """Runs ``fn`` over submitted jobs on one background thread, in order."""

    def __init__(self, fn: Callable[[T], R], *, max_in_flight: int, name: str) -> None:
        if max_in_flight < 1:
            msg = f"max_in_flight must be at least 1, not {max_in_flight}"
            raise ValueError(msg)
        self._fn = fn
        self._slots = threading.BoundedSemaphore(max_in_flight)
        self._jobs: queue.SimpleQueue[tuple[T, Future[R]] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._closed = False
        self._thread.start()

    def submit(self, job: T) -> Future[R]:
        """Queue ``job``; wait first while ``max_in_flight`` jobs are unfinished.

        Raises:
            RuntimeError: the worker was closed.

        """
        if self._closed:
            msg = f"the background worker {self._thread.name} is closed"
            raise RuntimeError(msg)
        self._slots.acquire()
        future: Future[R] = Future()
        self._jobs.put((job, future))
        return future

    @property
    def closed(self) -> bool:
        """Whether the worker takes no more jobs (closed, or its thread stopped)."""
        return self._closed

    def close(self, timeout: float | None = None) -> None:
        """Finish the queued jobs, then stop the thread (waits at most ``timeout`` s)."""
        if not self._closed:
            self._closed = True
            self._jobs.put(None)  # stop after the queued jobs
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            job, future = item
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        result = self._fn(job)
                    except BaseException as exc:  # kept for the flow thread, raised there
                        future.set_exception(exc)
                    else:
                        future.set_result(result)
            finally:
                self._slots.release()
