"""The one wall clock: a :class:`Clock` is injected wherever time is read.

Operators never read the clock; they take ``now`` as an argument. Flows,
services and the CLI are given a :class:`Clock` (tests give a fixed one);
:data:`SYSTEM_CLOCK` is the only place the package reads wall time as a
datetime (a unit test keeps it so).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final, Protocol


class Clock(Protocol):
    """Something that tells the time, timezone-aware (UTC)."""

    def now(self) -> datetime:
        """Return the current time, timezone-aware."""
        ...


class SystemClock:
    """The wall clock."""

    def now(self) -> datetime:
        """Return the wall clock in UTC."""
        return datetime.now(UTC)


class FixedClock:
    """A clock that stands still until moved (tests, replays)."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        """Return the time this clock was set to."""
        return self.at


SYSTEM_CLOCK: Final[Clock] = SystemClock()
