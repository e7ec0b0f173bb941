"""How commands print: ``--json`` documents, plain tables, and a closed stdout.

``--json`` prints ONE JSON document on stdout: an array of objects for a
list command, an object for a show/status command. Keys are snake_case and
stable (docs/cli.md lists them); values are ids, hashes, counts, times and
names of signals or reasons, never message text or media bytes. Errors stay
one line on stderr with the exit status of :mod:`tipline.cli.exit_codes`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import msgspec


def add_json_flag(p: argparse.ArgumentParser) -> None:
    """Give a command ``--json``."""
    p.add_argument(
        "--json", action="store_true", help="print one JSON document (keys: docs/cli.md)"
    )


def wants_json(args: argparse.Namespace) -> bool:
    """Whether the command was asked for JSON."""
    return bool(getattr(args, "json", False))


def _default(value: Any) -> Any:
    return msgspec.to_builtins(value)


def print_json(value: Any) -> None:
    """Print ``value`` (structs, dataclass-likes, datetimes allowed) as indented, sorted JSON."""
    text = json.dumps(msgspec.to_builtins(value), indent=2, sort_keys=True, default=_default)
    sys.stdout.write(text + "\n")


def print_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> None:
    """Print rows as aligned columns with a header line (nothing but the header when empty)."""
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += [
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    sys.stdout.write("\n".join(lines) + "\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ",".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:.3f}"
    built = msgspec.to_builtins(value)
    return str(built)


def emit_rows(
    args: argparse.Namespace,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    empty: str,
) -> int:
    """Print a list command's rows as JSON or a table; an empty answer says so on stderr.

    Returns 0 (an empty list is an answer, README "Exit statuses").
    """
    if wants_json(args):
        print_json(list(rows))
        return 0
    if not rows:
        print(empty, file=sys.stderr)
        return 0
    print_table(rows, columns)
    return 0


def silence_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null so the final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
