"""Keep the garbage collector off long-lived objects: those built at start, then the sessions'.

The job builds its long-lived objects before the first message: hash lists,
the cue model, compiled patterns, keys. CPython's cyclic collector still
walks every one of them at each full collection, and with the many small
objects each message makes, that was about a quarter of the per-message CPU
outside the grooming scorer (``benchmarks/flow_cpu.py``, docs/benchmarks.md).
``gc.freeze`` moves them to a permanent generation that collections skip;
they are never garbage, so nothing is lost. Later objects are collected as before.

The sessions' state is long-lived too: with 10,000 sessions at once full
collections held the interpreter lock for up to 121 ms each, 23 times over
the life of a job running one 30 s bench step (docs/benchmarks.md "Many
sessions at once"). :class:`HeapKeeper` therefore freezes the
heap again after a recovery snapshot, at most every ``gc_freeze_interval_s``:
the young generations are collected first, so only objects that survived
them are frozen. A frozen object that stops being used is still freed by
its reference count; only garbage in a reference cycle that was frozen
waits, until the next full pass (``gc_full_collect_s``: unfreeze, collect
everything, freeze), which bounds what can wait and is logged and timed
(``tipline_stage_seconds{stage="gc-full"}``).
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable

from tipline.services.metrics import stage_timer

log = logging.getLogger(__name__)


def freeze_startup_heap() -> int:
    """Collect once, then exempt every surviving object from later collections.

    Returns:
        How many objects are now frozen.

    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


class HeapKeeper:
    """Freezes the heap after snapshots; unfreezes and collects it all now and then.

    One per process (``gc`` is process-wide); any worker thread may call
    :meth:`after_snapshot`, and a call that finds another one working returns.

    Args:
        freeze_every_s: the least time between two freezes (0: never freeze after start).
        full_every_s: the least time between two full passes over the unfrozen heap.
        clock: monotonic seconds (tests pass a fake one).

    """

    def __init__(
        self,
        freeze_every_s: float = 0.0,
        full_every_s: float = 900.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._freeze_every = freeze_every_s
        self._full_every = full_every_s
        self._clock = clock
        self._lock = threading.Lock()
        now = clock()
        self._last_freeze = now
        self._last_full = now
        self.freezes = 0
        self.full_passes = 0

    def after_snapshot(self) -> None:
        """Freeze what survives the young collections, when the interval has passed."""
        if self._freeze_every <= 0 or self._clock() - self._last_freeze < self._freeze_every:
            return
        if not self._lock.acquire(blocking=False):
            return
        try:
            now = self._clock()
            if now - self._last_full >= self._full_every:
                self._full_pass()
                self._last_full = now
            else:
                gc.collect(1)  # young garbage, cycles included, is not frozen
                gc.freeze()
            self._last_freeze = now
            self.freezes += 1
        finally:
            self._lock.release()

    def _full_pass(self) -> None:
        started = time.perf_counter()
        gc.unfreeze()
        collected = gc.collect()
        gc.freeze()
        seconds = time.perf_counter() - started
        stage_timer("gc-full").observe(seconds)
        self.full_passes += 1
        log.info(
            "full garbage collection: %d unreachable objects freed in %.0f ms, %d frozen",
            collected,
            seconds * 1000,
            gc.get_freeze_count(),
        )


HEAP = HeapKeeper()
"""The process's keeper; :func:`configure_heap` sets its intervals at start."""


def configure_heap(freeze_every_s: float, full_every_s: float) -> HeapKeeper:
    """Replace the process's keeper with one of these intervals (called once at start)."""
    global HEAP  # noqa: PLW0603  (one keeper per process, set before the workers start)
    HEAP = HeapKeeper(freeze_every_s, full_every_s)
    return HEAP
