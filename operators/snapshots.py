"""Copy-on-write forks of per-session state, for snapshots that never copy.

The session step hands Bytewax its live state at each snapshot and forks it
before the next change (``flows/session.py``). A fork copies what can change
in place — the containers — and shares what cannot: the entries inside them
are tuples, strings, bytes, numbers and datetimes. :func:`fork_state` does
that for a state object made of such fields (the grooming scorer's
``SessionState``); a field of any other mutable type is deep-copied, so a
new kind of field is never shared by mistake, only copied more slowly.
:func:`mutable_leaves` lets a test prove the "immutable entries" premise for
real states.
"""

from __future__ import annotations

import copy
import dataclasses
from array import array
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any, Final, TypeVar

T = TypeVar("T")

_IMMUTABLE: Final = (
    type(None), bool, int, float, complex, str, bytes, tuple, frozenset, datetime, date, timedelta,
)  # fmt: skip
_SHALLOW: Final = (list, dict, set, bytearray, array)


def fork_value(value: T) -> T:
    """Return ``value`` itself when immutable, a shallow copy of a container, else a deep copy."""
    if isinstance(value, _IMMUTABLE):
        return value
    if isinstance(value, _SHALLOW):
        return copy.copy(value)
    return copy.deepcopy(value)


def fork_state(state: T) -> T:
    """Return a copy of a dataclass state whose fields can change without changing ``state``.

    ``None`` and immutable values are returned as they are. A dataclass is
    copied field by field with :func:`fork_value` (containers one level deep);
    anything else is deep-copied.
    """
    if isinstance(state, _IMMUTABLE):
        return state
    if not dataclasses.is_dataclass(state) or isinstance(state, type):
        return copy.deepcopy(state)
    fresh = copy.copy(state)
    for f in dataclasses.fields(state):
        object.__setattr__(fresh, f.name, fork_value(getattr(state, f.name)))
    return fresh


def mutable_leaves(value: Any, path: str = "") -> Iterator[str]:
    """Yield the path of every mutable object held inside a container of ``value``.

    A fork shares the entries of the containers it copies; this names the
    entries that could be changed in place (none may be, for a fork to be
    safe). Dataclass fields and container entries are walked recursively.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _container_entries(getattr(value, f.name), f"{path}.{f.name}")
        return
    yield from _container_entries(value, path)


def _container_entries(value: Any, path: str) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _immutable_entry(k, f"{path}[key]")
            yield from _immutable_entry(v, f"{path}[{k!r}]")
    elif isinstance(value, list | set | tuple | frozenset):
        for i, v in enumerate(value):
            yield from _immutable_entry(v, f"{path}[{i}]")


def _immutable_entry(value: Any, path: str) -> Iterator[str]:
    if isinstance(value, tuple | frozenset):
        for i, v in enumerate(value):
            yield from _immutable_entry(v, f"{path}[{i}]")
    elif not isinstance(value, _IMMUTABLE):
        yield f"{path}: {type(value).__name__}"
