"""What the CLI reads once at start and passes down: the environment and the clock.

:func:`tipline.cli.main.main` builds one :class:`Runtime` per invocation
(``read_environment()`` and the system clock) and attaches it to the parsed
arguments as ``args.runtime``; commands take it from there
(:func:`runtime_of`) and hand ``env``/``clock`` to the services. No command
reads ``os.environ`` or the wall clock itself.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import datetime

from tipline.schemas.clock import SYSTEM_CLOCK, Clock
from tipline.schemas.environment import Environment, read_environment


@dataclass(frozen=True, slots=True)
class Runtime:
    """The environment snapshot and the clock of one CLI invocation."""

    env: Environment
    clock: Clock = SYSTEM_CLOCK

    def now(self) -> datetime:
        """Return the clock's time."""
        return self.clock.now()


def start_runtime() -> Runtime:
    """Read the environment (once) and take the system clock."""
    return Runtime(env=read_environment())


def runtime_of(args: argparse.Namespace) -> Runtime:
    """Return the runtime ``main`` attached to ``args`` (a new one for direct callers)."""
    runtime = getattr(args, "runtime", None)
    if runtime is None:
        runtime = args.runtime = start_runtime()
    assert isinstance(runtime, Runtime)
    return runtime
