"""A bounded least-recently-used cache (forwarded images repeat: key by SHA-256).

An ``OrderedDict`` behind a lock: the worker threads of one process share the
flow's services, so two threads may touch the cache at once. Its size is
bounded by entry count, and entries are small (hashes and statuses, never
media bytes).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LruCache(Generic[K, V]):
    """Keep at most ``max_entries`` values, evicting the least recently used.

    Args:
        max_entries: the bound (>= 1).

    Raises:
        ValueError: ``max_entries`` is not positive.

    """

    def __init__(self, max_entries: int) -> None:
        if max_entries < 1:
            msg = f"cache size {max_entries} is not positive (expected >= 1)"
            raise ValueError(msg)
        self._max = max_entries
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        """Return the number of cached values."""
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        """Return whether ``key`` is cached (neither a use nor a hit or miss)."""
        with self._lock:
            return key in self._items

    def get(self, key: K) -> V | None:
        """Return the value for ``key`` (marking it recently used) or ``None``."""
        with self._lock:
            value = self._items.get(key)
            if value is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: K, value: V) -> None:
        """Store ``value``, evicting the least recently used entry when full."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._max:
                self._items.popitem(last=False)
