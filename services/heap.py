"""Keep the garbage collector off the objects built at start.

The job builds its long-lived objects before the first message: hash lists,
the cue model, compiled patterns, keys. CPython's cyclic collector still
walks every one of them at each full collection, and with the many small
objects each message makes, that was about a quarter of the per-message CPU
outside the grooming scorer (``benchmarks/flow_cpu.py``, docs/benchmarks.md).
``gc.freeze`` moves them to a permanent generation that collections skip;
they are never garbage, so nothing is lost. Later objects are collected as before.
"""

from __future__ import annotations

import gc


def freeze_startup_heap() -> int:
    """Collect once, then exempt every surviving object from later collections.

    Returns:
        How many objects are now frozen.

    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
