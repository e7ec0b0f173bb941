"""The process environment, read once at start and passed down.

:func:`read_environment` is the only place the package reads ``os.environ``
(the CLI calls it once; a unit test keeps every other module from reading it).
What it returns is a frozen snapshot: the variables named in the config
(``[evidence.keys]``, ``[evidence.s3]``, ``[reports.cybertipline]``,
``[output.kafka]`` …) are looked up in it by the services that need them.
:func:`export_engine_settings` is the one place variables are *set*: the
Bytewax dataflow API reads its settings from the process environment.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Final


class Environment(Mapping[str, str]):
    """A frozen snapshot of environment variables (a ``Mapping``, so it passes as one)."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, str] | None = None) -> None:
        self._values: dict[str, str] = dict(values or {})

    def __getitem__(self, name: str) -> str:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        # names only: values are secrets
        return f"Environment({sorted(self._values)})"

    def setting(self, name: str) -> str | None:
        """Return the variable ``name``, or None when it is unset or empty."""
        return self._values.get(name) or None

    def with_values(self, **values: str) -> Environment:
        """Return a copy with ``values`` set (tests, child processes)."""
        return Environment({**self._values, **values})


def read_environment() -> Environment:
    """Read the process environment once (the only read of ``os.environ``)."""
    return Environment(os.environ)


def export_engine_settings(
    values: Mapping[str, str], *, keep: frozenset[str] = frozenset()
) -> None:
    """Set variables for the engine (Bytewax reads its API settings from the environment).

    Names in ``keep`` are set only when not already set.
    """
    for name, value in values.items():
        if name in keep:
            os.environ.setdefault(name, value)
        else:
            os.environ[name] = value


EMPTY_ENV: Final = Environment()
"""No variables (library callers that pass no environment get nothing from it)."""
