"""The one exit-status table of the ``tipline`` command (README "Exit statuses").

Every command follows it; :func:`status_of` maps an exception to its status,
so a handler only returns ``OK`` or ``CHECK_FAILED`` itself. An empty answer
(no lake files, no dead letters, no drafts) is an answer: status 0, with an
empty table or ``[]`` under ``--json``.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Final

from tipline.schemas.errors import (
    AccessDeniedError,
    ConfigError,
    OutputError,
    TiplineError,
    UnavailableError,
    VaultUnavailableError,
)
from tipline.sinks.stop import EXIT_TEMPFAIL

OK: Final = 0
CHECK_FAILED: Final = 1
USAGE: Final = 2
UNAVAILABLE: Final = 3
ACCESS_DENIED: Final = 4
OUTPUT_FAULT: Final = EXIT_TEMPFAIL  # 75: a systemic output fault; restart, recovery replays
BROKEN_PIPE: Final = 141  # 128 + SIGPIPE, as the shell reports `yes | head`
INTERRUPTED: Final = 130  # 128 + SIGINT

# (status, name, meaning): rendered into README.md and `tipline --help`; tested.
TABLE: Final = (
    (OK, "ok", "done; an empty answer (no rows, no files) is still 0"),
    (
        CHECK_FAILED,
        "check failed",
        "a check found problems (verify, keys status), a named item does not exist, "
        "or a rule refused the operation (already resolved, retention, a report error)",
    ),
    (
        USAGE,
        "usage or config error",
        "bad arguments, a config key or value, a file the command or config names is missing",
    ),
    (UNAVAILABLE, "unavailable", "a service (Kafka, the S3 vault) did not answer: retry later"),
    (ACCESS_DENIED, "access denied", "no operator identity, or it lacks the role"),
    (
        OUTPUT_FAULT,
        "output fault",
        "a systemic output failure (lake disk full): restart; recovery replays",
    ),
    (INTERRUPTED, "interrupted", "Ctrl-C outside `run` (a stopped `run` exits 0)"),
    (
        BROKEN_PIPE,
        "broken pipe",
        "the reader of stdout went away (piped into `head`); no traceback",
    ),
)

_PREFIX: Final = {
    UNAVAILABLE: "unavailable",
    ACCESS_DENIED: "access denied",
}  # everything else: "error:" (sinks/stop.py writes the same for a fault inside a sink)


def status_of(exc: BaseException) -> int:
    """Return the exit status of an error a command raised."""
    if isinstance(exc, ConfigError):
        return USAGE
    if isinstance(exc, UnavailableError | VaultUnavailableError):
        return UNAVAILABLE
    if isinstance(exc, AccessDeniedError):
        return ACCESS_DENIED
    if isinstance(exc, OutputError):
        return OUTPUT_FAULT
    if isinstance(exc, FileNotFoundError | IsADirectoryError | NotADirectoryError):
        return USAGE
    if isinstance(exc, TiplineError | OSError):
        return CHECK_FAILED
    msg = f"no exit status for {type(exc).__name__}"
    raise TypeError(msg)


def describe(exc: BaseException) -> str:
    """One stderr line for an error: a prefix naming its class of fault, then the message."""
    if isinstance(exc, OSError) and not isinstance(exc, TiplineError):
        where = f" {exc.filename!s}" if exc.filename else ""
        text = f"{exc.strerror or exc}{':' if where else ''}{where}"
    else:
        text = str(exc)
    prefix = "config error" if isinstance(exc, ConfigError) else _PREFIX.get(status_of(exc))
    return f"{prefix or 'error'}: {text}"


def table_markdown() -> str:
    """Render the table as Markdown (README.md keeps a copy; a test compares them)."""
    rows = ["| status | name | meaning |", "|---|---|---|"]
    rows += [f"| {code} | {name} | {meaning} |" for code, name, meaning in TABLE]
    return "\n".join(rows)


Handler = Callable[..., int]


def guarded(command: str) -> Callable[[Handler], Handler]:
    """Wrap a subcommand handler: a ``TiplineError`` is one stderr line and its table status.

    The line reads ``tipline <command>: <prefix>: <message>`` (see :func:`describe`).
    """

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def run(*args: object, **kwargs: object) -> int:
            try:
                return handler(*args, **kwargs)
            except TiplineError as exc:
                sys.stderr.write(f"tipline {command}: {describe(exc)}\n")
                return status_of(exc)

        return run

    return wrap
