"""Logging, configured once for every command: ``--log-level`` and ``--log-format``.

``text`` (the default) writes the message lines to stderr (``debug`` adds the
level and logger);
``json`` writes one JSON object per line (``ts``, ``level``, ``logger``,
``msg`` and, when an exception is logged, ``exc_type``) for pods' log
collectors. The environment variables ``TIPLINE_LOG_LEVEL`` and
``TIPLINE_LOG_FORMAT`` set the same when the options are absent.

The default level is ``warning``, so a command's answer and its one-line
error are all a terminal shows; the job's progress lines (logger
``tipline.progress``, every ``metrics.progress_interval_s`` when stderr is
not a terminal) still appear unless a level above ``info`` is chosen
explicitly. ``--log-level info`` adds the job's info lines (hash lists
loaded, reloads, …). Log
messages carry ids, counts and error types only: never message text or media
bytes (tipline's code never logs them; exception *messages* are left out of
JSON lines for the same reason, only their type is kept).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Final, TextIO

LEVELS: Final = ("debug", "info", "warning", "error")
FORMATS: Final = ("text", "json")
DEFAULT_LEVEL: Final = "warning"
PROGRESS_LOGGER: Final = "tipline.progress"


class JsonLineFormatter(logging.Formatter):
    """One JSON object per record."""

    def format(self, record: logging.LogRecord) -> str:
        """Render ``record`` as a JSON line."""
        line: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info and record.exc_info[0] is not None:
            line["exc_type"] = record.exc_info[0].__name__
        for key in ("events", "rate", "dead_letters", "elapsed_s"):
            if hasattr(record, key):
                line[key] = getattr(record, key)
        return json.dumps(line, sort_keys=True)


def resolve(level: str | None, fmt: str | None, env: Mapping[str, str]) -> tuple[str, str]:
    """Return (level, format) from the options, else the environment, else warning/text.

    Raises:
        ValueError: an environment value is not one of the allowed ones.

    """
    level = (level or env.get("TIPLINE_LOG_LEVEL") or DEFAULT_LEVEL).lower()
    fmt = (fmt or env.get("TIPLINE_LOG_FORMAT") or "text").lower()
    if level not in LEVELS:
        msg = f"log level {level!r} (expected one of {', '.join(LEVELS)})"
        raise ValueError(msg)
    if fmt not in FORMATS:
        msg = f"log format {fmt!r} (expected one of {', '.join(FORMATS)})"
        raise ValueError(msg)
    return level, fmt


def configure(level: str, fmt: str, stream: TextIO | None = None, *, chosen: bool = False) -> None:
    """Install the one root handler (replacing any earlier one).

    ``chosen``: the level was set by the user (option or environment), not defaulted.
    """
    explicit_default = not chosen
    handler = logging.StreamHandler(stream or sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonLineFormatter())
    else:
        # The message alone, as Python prints an unconfigured warning; debug adds where from.
        text = "%(levelname)s %(name)s: %(message)s" if level == "debug" else "%(message)s"
        handler.setFormatter(logging.Formatter(text))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    # Progress lines show at the default level; an explicit error/warning hides them.
    progress = logging.getLogger(PROGRESS_LOGGER)
    progress.setLevel(
        logging.INFO if level in {"debug", "info"} or explicit_default else level.upper()
    )
    # Third-party chatter stays at warning unless debugging.
    if level != "debug":
        for name in ("botocore", "boto3", "urllib3", "s3transfer"):
            logging.getLogger(name).setLevel(logging.WARNING)
