"""Follow-up batching: messages that follow an open case wait, sealed, and leave in batches.

Pure: the session step keeps the pending map and passes ``now`` in. A batch
leaves when ``follow_batch`` messages have gathered, ``follow_flush_s`` after
its first message, when the session goes idle, or when the input ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta

from tipline.operators.evidence.context import SealedMessage
from tipline.schemas.event import MessageEvent

Pending = dict[str, list[SealedMessage]]
"""Sealed messages waiting per package id, in arrival order."""


def queue_follower(
    pending: Pending,
    since: datetime | None,
    package_ids: Iterable[str],
    sealed: SealedMessage,
    now: datetime,
) -> datetime:
    """Add ``sealed`` to each package's batch; return when the oldest batch started."""
    for package_id in package_ids:
        pending.setdefault(package_id, []).append(sealed)
    return since or now


def batch_full(pending: Mapping[str, list[SealedMessage]], follow_batch: int) -> bool:
    """Whether enough messages wait to release the batches now."""
    return sum(len(m) for m in pending.values()) >= follow_batch


def flush_at(
    pending: Mapping[str, list[SealedMessage]], since: datetime | None, follow_flush_s: float
) -> datetime | None:
    """When waiting batches are due (``None`` with nothing waiting)."""
    if since is None or not pending:
        return None
    return since + timedelta(seconds=follow_flush_s)


def idle_at(last_seen: datetime | None, idle_evict_s: float) -> datetime | None:
    """When a session seen last at ``last_seen`` counts as idle."""
    return None if last_seen is None else last_seen + timedelta(seconds=idle_evict_s)


def is_due(at: datetime | None, now: datetime) -> bool:
    """Whether a time from :func:`flush_at` or :func:`idle_at` has come."""
    return at is not None and now >= at


def release(
    pending: Mapping[str, list[SealedMessage]],
    open_sealed: Callable[[str, bytes], MessageEvent],
) -> list[tuple[str, list[MessageEvent]]]:
    """Open every waiting batch: ``(package_id, messages)`` per package."""
    return [
        (package_id, [open_sealed(m.event_id, m.sealed) for m in msgs])
        for package_id, msgs in pending.items()
    ]


def first_of_each(events: Iterable[MessageEvent]) -> list[MessageEvent]:
    """Keep the first message of each event id in a follow-up batch.

    Two messages reusing one ``event_id`` (a crafted or replayed event) would
    otherwise become two different supplements under one item key, which the
    vault refuses as a conflicting write and the job would stop on.
    """
    seen: set[str] = set()
    out = []
    for event in events:
        if event.event_id not in seen:
            seen.add(event.event_id)
            out.append(event)
    return out
