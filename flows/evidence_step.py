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

The ``report-draft`` step works the same way (:class:`DraftLogic`): the
receipts of ``report`` cases are keyed by the same shards and handed to the
pipeline's draft worker, which builds each CyberTipline draft (XML, XSD
validation) and stores it (``DraftsSink``: three fsynced files) before the
logic emits it. Storing is idempotent (an existing draft is kept), so a batch
re-driven after a crash stores nothing twice. With an override sink (tests,
replays) the worker only builds, and the sink downstream receives the drafts.
"""

from __future__ import annotations

import pickle
import zlib
from collections import deque
from concurrent.futures import Future
from datetime import datetime, timedelta
from typing import ClassVar, Generic, TypeVar

from bytewax.operators import StatefulBatchLogic

from tipline.flows.pipeline import Pipeline
from tipline.flows.records import Decided, FollowUps, Packaged
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.report import ReportDraft
from tipline.sinks.drafts import DraftWriter

Item = Decided | FollowUps
Out = Packaged | DeadLetter

T = TypeVar("T")  # the items of a background step
R = TypeVar("R")  # what it emits

# The item id of a snapshot's pending batches (each step seals under its own "session").
_SEAL_ITEM = "pending-batches"


def shard_of(shards: int, kv: tuple[str, T]) -> tuple[str, T]:
    """Key a case (or follow-up batch, or receipt) by the evidence shard of its session id."""
    session_id, item = kv
    return str(zlib.crc32(session_id.encode()) % shards), item


class _BackgroundLogic(StatefulBatchLogic[T, R, bytes], Generic[T, R]):
    """A step whose batches run on one of the pipeline's ordered background workers.

    Batches are emitted in submission order once done; the snapshot holds the
    batches handed over and not yet emitted, sealed under ``seal_session``.
    """

    seal_session: ClassVar[str]

    def __init__(self, pipe: Pipeline, resume: bytes | None) -> None:
        self._pipe = pipe
        self._poll = timedelta(milliseconds=pipe.config.evidence.poll_ms)
        self._pending: deque[tuple[list[T], Future[list[R]]]] = deque()
        self._sealed: bytes | None = resume  # memo: unchanged pending, same snapshot
        self._prepare()
        if resume is not None:
            for batch in self._open(resume):
                self._submit(batch)

    def _prepare(self) -> None:
        """Build on the dataflow thread what the worker uses (not lazily in the worker)."""

    def _hand_over(self, batch: list[T]) -> Future[list[R]]:
        raise NotImplementedError

    def on_batch(self, values: list[T]) -> tuple[list[R], bool]:
        """Hand the batch to the worker; emit the batches that are done."""
        self._submit(values)
        self._sealed = None
        return self._ready(), self._keep()

    def on_notify(self) -> tuple[list[R], bool]:
        """Emit the batches that are done, oldest first."""
        return self._ready(), self._keep()

    def on_eof(self) -> tuple[list[R], bool]:
        """Wait for every batch of this shard and emit them."""
        out: list[R] = []
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
            sealer = self._pipe.sealer(self.seal_session)
            assert sealer is not None  # the step exists only with evidence on
            self._sealed = sealer.seal_bytes(_SEAL_ITEM, pickle.dumps(batches, protocol=5))
        return self._sealed

    def _open(self, sealed: bytes) -> list[list[T]]:
        sealer = self._pipe.sealer(self.seal_session)
        assert sealer is not None
        # what is unpickled was sealed (authenticated) by this job's own key
        batches: list[list[T]] = pickle.loads(sealer.open_bytes(_SEAL_ITEM, sealed))  # noqa: S301
        return batches

    def _submit(self, batch: list[T]) -> None:
        self._pending.append((batch, self._hand_over(batch)))

    def _ready(self) -> list[R]:
        out: list[R] = []
        while self._pending and self._pending[0][1].done():
            # .result() raises a systemic fault of the batch here: the job stops
            out += self._pending.popleft()[1].result()
            self._sealed = None
        return out

    def _keep(self) -> bool:
        return StatefulBatchLogic.RETAIN if self._pending else StatefulBatchLogic.DISCARD


class EvidenceLogic(_BackgroundLogic[Item, Out]):
    """Bytewax logic of one evidence shard; the work runs on ``pipe.evidence_worker``."""

    seal_session = "evidence-queue"

    def _prepare(self) -> None:
        self._pipe.packaging  # noqa: B018 - built here, on the dataflow thread, not in the worker

    def _hand_over(self, batch: list[Item]) -> Future[list[Out]]:
        return self._pipe.evidence_worker.submit(batch)


class DraftLogic(_BackgroundLogic[Packaged, ReportDraft | DeadLetter]):
    """Bytewax logic of one draft shard; the work runs on ``pipe.draft_worker``.

    ``write`` stores a built draft (None: an override sink downstream does).
    """

    seal_session = "draft-queue"

    def __init__(self, pipe: Pipeline, resume: bytes | None, write: DraftWriter | None) -> None:
        self._write = write
        super().__init__(pipe, resume)

    def _prepare(self) -> None:
        self._pipe.draft_worker  # noqa: B018 - started here, on the dataflow thread

    def _hand_over(self, batch: list[Packaged]) -> Future[list[ReportDraft | DeadLetter]]:
        return self._pipe.draft_worker.submit((batch, self._write))


def draft_shard(shards: int, packaged: Packaged) -> tuple[str, Packaged]:
    """Key a receipt by the shard of its session id (the evidence step's shards)."""
    return shard_of(shards, (packaged.decided.decision.session_id, packaged))


__all__ = ["DraftLogic", "EvidenceLogic", "draft_shard", "shard_of"]
