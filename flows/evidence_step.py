"""The ``package-evidence`` step with packaging off the dataflow thread.

With ``evidence.executor = "background"`` (the default) the cases and
follow-up batches are keyed by a shard of their session id
(``evidence.shards``) and each shard's :class:`EvidenceLogic` hands every
batch to the pipeline's :class:`~tipline.services.evidence_queue.OrderedWorker`.
The dataflow thread goes on scoring; the logic emits a batch's receipts and
dead letters when the batch is durable, oldest first, checking every
``evidence.poll_ms``. Evidence first still holds: an alert or draft is built
downstream of a receipt only.

Nothing is lost across a crash: a snapshot holds every batch handed over and
not yet emitted, sealed (AES-256-GCM under the context-buffer key, like the
session context: a batch carries message text and media bytes, which never
rest outside the vault in clear). A resumed logic submits them again;
packaging is idempotent (package ids derive from event ids), so a batch that
was already durable gets its receipts back without a second package, and
downstream emits them once. At the end of the input the logic waits for its
batches.
"""

from __future__ import annotations

import pickle
import zlib
from collections import deque
from concurrent.futures import Future
from datetime import datetime, timedelta

from bytewax.operators import StatefulBatchLogic

from tipline.flows.pipeline import Pipeline
from tipline.flows.records import Decided, FollowUps, Packaged
from tipline.schemas.dead_letter import DeadLetter

Item = Decided | FollowUps
Out = Packaged | DeadLetter

# The sealer "session" and item id of a snapshot's pending batches.
_SEAL_SESSION = "evidence-queue"
_SEAL_ITEM = "pending-batches"


def shard_of(shards: int, kv: tuple[str, Item]) -> tuple[str, Item]:
    """Key a case (or follow-up batch) by the evidence shard of its session id."""
    session_id, item = kv
    return str(zlib.crc32(session_id.encode()) % shards), item


class EvidenceLogic(StatefulBatchLogic[Item, Out, bytes]):
    """Bytewax logic of one evidence shard; the work runs on ``pipe.evidence_worker``."""

    def __init__(self, pipe: Pipeline, resume: bytes | None) -> None:
        self._pipe = pipe
        self._poll = timedelta(milliseconds=pipe.config.evidence.poll_ms)
        self._pending: deque[tuple[list[Item], Future[list[Out]]]] = deque()
        self._sealed: bytes | None = resume  # memo: unchanged pending, same snapshot
        pipe.packaging  # noqa: B018 - built here, on the dataflow thread, not in the worker
        if resume is not None:
            for batch in _open(pipe, resume):
                self._submit(batch)

    def on_batch(self, values: list[Item]) -> tuple[list[Out], bool]:
        """Hand the batch to the worker; emit the batches that are done."""
        self._submit(values)
        self._sealed = None
        return self._ready(), self._keep()

    def on_notify(self) -> tuple[list[Out], bool]:
        """Emit the batches that are done, oldest first."""
        return self._ready(), self._keep()

    def on_eof(self) -> tuple[list[Out], bool]:
        """Wait for every batch of this shard and emit them."""
        out: list[Out] = []
        while self._pending:
            out += self._pending.popleft()[1].result()
        self._sealed = None
        return out, StatefulBatchLogic.DISCARD

    def notify_at(self) -> datetime | None:
        """Look again ``poll_ms`` from now while batches are in flight (processing time)."""
        return self._pipe.clock.now() + self._poll if self._pending else None

    def snapshot(self) -> bytes:
        """Return the batches handed over and not yet emitted, sealed."""
        if self._sealed is None:
            batches = [batch for batch, _ in self._pending]
            sealer = self._pipe.sealer(_SEAL_SESSION)
            assert sealer is not None  # the step exists only with evidence on
            self._sealed = sealer.seal_bytes(_SEAL_ITEM, pickle.dumps(batches, protocol=5))
        return self._sealed

    def _submit(self, batch: list[Item]) -> None:
        self._pending.append((batch, self._pipe.evidence_worker.submit(batch)))

    def _ready(self) -> list[Out]:
        out: list[Out] = []
        while self._pending and self._pending[0][1].done():
            # .result() raises a systemic fault of the batch here: the job stops
            out += self._pending.popleft()[1].result()
            self._sealed = None
        return out

    def _keep(self) -> bool:
        return StatefulBatchLogic.RETAIN if self._pending else StatefulBatchLogic.DISCARD


def _open(pipe: Pipeline, sealed: bytes) -> list[list[Item]]:
    sealer = pipe.sealer(_SEAL_SESSION)
    assert sealer is not None
    # what is unpickled was sealed (authenticated) by this job's own key
    batches: list[list[Item]] = pickle.loads(sealer.open_bytes(_SEAL_ITEM, sealed))  # noqa: S301
    return batches
