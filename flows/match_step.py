"""The ``match-hashes`` step off the dataflow thread: text never waits for another session's image.

With ``hashing.executor = "background"`` (the default, evidence on) inbound
messages are keyed by a shard of their session id (``hashing.shards``) and
each shard's :class:`MatchLogic` splits every batch:

* a message of a session with nothing in flight and no attachment (text) is
  emitted at once, as the inline step would have matched it (nothing to hash);
* a message with attachments, and every later message of its session while
  one is in flight, is handed to the pipeline's ``match_worker``
  (:class:`~tipline.services.hash_pool.StreamingMatcher`: one thread that keeps
  the hashing pool busy with the images of every batch handed over and
  completes the batches in submission order, the flood guard applied in that
  order; at most ``hashing.max_in_flight`` batches unfinished, then the
  dataflow waits).

Finished batches are emitted oldest first, looked for every
``hashing.poll_ms``. So a session's messages leave in their input order, and
the flood guard sees every worker's images in the order the inline step
would; only the interleaving of different sessions changes (a text of one
session overtakes an image of another).

Nothing is lost across a crash (flows/background.py): a snapshot holds the
messages handed over and not yet emitted, sealed under the evidence keys
(they carry text and media), and a resumed logic hands them over again;
hashing reads and computes only, so the re-run is idempotent.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import Future
from pathlib import Path
from typing import Final

from tipline.flows.background import BackgroundLogic
from tipline.flows.pipeline import Pipeline
from tipline.flows.records import Inbound, Matched
from tipline.schemas.config import TiplineConfig
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.errors import ConfigError
from tipline.sinks.durable import fsync_path

Out = Matched | DeadLetter

EXECUTOR_STAMP: Final = "hashing-executor"
"""The file in a recovery store that names the ``match-hashes`` executor it was written by."""


def hashes_in_background(cfg: TiplineConfig) -> bool:
    """Whether the flow's ``match-hashes`` is this module's background step.

    ``hashing.executor = "background"`` with hashing and evidence on: the
    messages in flight are sealed in the snapshot under the evidence keys, so
    without evidence the step hashes inline.
    """
    h = cfg.hashing
    return h.executor == "background" and h.enabled and cfg.evidence.enabled


def check_executor_switch(db_dir: Path, background: bool) -> None:
    """Refuse to resume a background store inline; record the executor in the store.

    A snapshot of the background step holds messages already read from the
    input and not yet decided; the inline step has no state to resume them
    from, so starting it on such a store would lose them. Inline to
    background is safe (the new step starts empty), and a store written
    before the executor was recorded was written inline.

    Raises:
        ConfigError: the store was written by the background step and the
            config now hashes inline.

    """
    stamp = db_dir / EXECUTOR_STAMP
    now = "background" if background else "inline"
    try:
        before = stamp.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        before = "inline"
    if before == "background" and now == "inline":
        msg = (
            f"recovery.path {str(db_dir)!r} was written with hashing.executor = "
            '"background" (and evidence on); resuming it inline would lose the messages its '
            "snapshot holds in flight. Keep the executor for this store (a new store starts "
            "from input.starting_offset, not from this store's offsets; docs/hashing.md)"
        )
        raise ConfigError(msg)
    if before != now or not stamp.exists():
        stamp.write_text(now, encoding="ascii")
        fsync_path(db_dir)


class MatchLogic(BackgroundLogic[Inbound, Out]):
    """Bytewax logic of one match shard; images are hashed on ``pipe.match_worker``."""

    seal_session = "match-queue"

    def __init__(self, pipe: Pipeline, resume: bytes | None) -> None:
        self._waiting: Counter[str] = Counter()  # session id -> its messages handed over
        super().__init__(pipe, resume)

    def _poll_ms(self) -> float:
        return float(self._pipe.config.hashing.poll_ms)

    def _prepare(self) -> None:
        self._pipe.hash_pool  # noqa: B018 - built here, on the dataflow thread, not in the worker
        self._pipe.match_worker  # noqa: B018 - started here too

    def _hand_over(self, batch: list[Inbound]) -> Future[list[Out]]:
        return self._pipe.match_worker.submit(batch)

    def on_batch(self, values: list[Inbound]) -> tuple[list[Out], bool]:
        """Emit finished batches and this batch's free text; hand the rest over."""
        out = self._ready()
        now: list[Inbound] = []
        later: list[Inbound] = []
        held: set[str] = set()
        for inbound in values:
            session = inbound.event.session_id
            if inbound.event.attachments or session in held or self._waiting[session]:
                later.append(inbound)
                held.add(session)
            else:
                now.append(inbound)
        if now:
            out += self._pipe.match(now)  # nothing to hash: no pool, no wait
        if later:
            self._submit(later)
            self._sealed = None
        return out, self._keep()

    def _submit(self, batch: list[Inbound]) -> None:
        self._waiting.update(inbound.event.session_id for inbound in batch)
        super()._submit(batch)

    def _ready(self) -> list[Out]:
        out: list[Out] = []
        popped = False
        while self._pending and self._pending[0][1].done():
            batch, future = self._pending.popleft()
            self._sealed, popped = None, True
            self._waiting.subtract(inbound.event.session_id for inbound in batch)
            # .result() raises a systemic fault of the batch here: the job stops
            out += future.result()
        if popped:
            self._waiting = +self._waiting  # drop the sessions with nothing left in flight
        return out


__all__ = ["EXECUTOR_STAMP", "MatchLogic", "check_executor_switch", "hashes_in_background"]
