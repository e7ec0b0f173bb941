"""Bounded memory of recent ids: drop an item seen before (idempotency on ``event_id``).

Shared by the job's session state and the lake feed's ``drop-replayed`` step,
which keep a replayed event from reaching the outputs twice.
"""

from __future__ import annotations


def seen_before(seen: dict[str, None], key: str, limit: int) -> bool:
    """Whether ``key`` is in ``seen``; if not, remember it, forgetting the oldest beyond ``limit``.

    ``seen`` is insertion-ordered (oldest first); ``limit = 0`` turns it off.
    """
    if limit == 0:
        return False
    if key in seen:
        return True
    seen[key] = None
    while len(seen) > limit:
        del seen[next(iter(seen))]
    return False
