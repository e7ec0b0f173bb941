"""Read once, pass down: only one module reads the environment, only one reads the clock.

A new ``os.environ``/``os.getenv`` read or ``datetime.now()`` call anywhere else
in the package fails here (pass an ``Environment`` or a ``Clock`` down instead).
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LAYERS = (
    "schemas",
    "operators",
    "sinks",
    "clients",
    "services",
    "flows",
    "cli",
    "synth",
    "benchmarks",
)
ENV_ALLOWED = {"schemas/environment.py"}
CLOCK_ALLOWED = {"schemas/clock.py"}


def _package_files() -> list[Path]:
    return sorted(p for layer in LAYERS for p in (REPO / layer).rglob("*.py"))


def env_reads(tree: ast.AST) -> list[int]:
    """Line numbers of ``os.environ`` / ``os.getenv`` / ``environ`` imported from os."""
    lines = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("environ", "getenv", "environb", "getenvb")
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
        ):
            lines.append(node.lineno)
        if isinstance(node, ast.ImportFrom) and node.module == "os":
            lines += [node.lineno] if {a.name for a in node.names} & {"environ", "getenv"} else []
    return sorted(lines)


def clock_reads(tree: ast.AST) -> list[int]:
    """Line numbers of ``datetime.now()``, ``datetime.utcnow()``, ``date.today()``."""
    lines = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        func = node.func
        owner = func.value
        name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
        if (name, func.attr) in {("datetime", "now"), ("datetime", "utcnow"), ("date", "today")}:
            lines.append(node.lineno)
    return sorted(lines)


def _offenders(finder: object, allowed: set[str]) -> list[str]:
    found = []
    for path in _package_files():
        rel = path.relative_to(REPO).as_posix()
        if rel in allowed:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        found += [f"{rel}:{line}" for line in finder(tree)]  # type: ignore[operator]
    return found


def test_only_schemas_environment_reads_the_environment() -> None:
    assert _offenders(env_reads, ENV_ALLOWED) == []


def test_only_schemas_clock_reads_the_wall_clock() -> None:
    assert _offenders(clock_reads, CLOCK_ALLOWED) == []


def test_the_checks_see_what_they_look_for() -> None:
    sample = ast.parse(
        "import os\nfrom os import environ\nfrom datetime import UTC, date, datetime\n"
        "a = os.environ.get('X')\nb = os.getenv('Y')\nc = datetime.now(UTC)\n"
        "d = date.today()\nimport datetime as dt\ne = dt.datetime.now()\n"
    )
    assert env_reads(sample) == [2, 4, 5]
    assert clock_reads(sample) == [6, 7, 9]
    assert _package_files(), "the layers were not found"
