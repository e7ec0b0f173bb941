"""Which tests a mutation run gives mutmut (``[module_tests]`` in modules.toml).

mutmut traces, in one "stats" run of the selected tests, which test reaches
which mutated function, then checks each mutant against the tests that reach
its function. A run of one or two modules (CI's ``--changed``, ``--module``)
needs only the tests that reach those modules: giving mutmut just those makes
its stats and clean runs minutes shorter, and kills nothing less as long as
the mapped tests include every test that reaches the module.
``python -m tests.mutation.selection COPY`` checks exactly that against the
stats of a kept scratch copy whose stats run covered the whole tiers.

A kept copy mutates every invariant module (so that it can be resumed for
any of them) and therefore keeps the whole tiers (``tests`` in modules.toml).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def expand(patterns: Iterable[str], repo: Path = REPO) -> list[str]:
    """Test paths for pytest: folders and files as given, globs expanded (pytest
    does not expand them). A pattern that matches nothing is an error: a
    renamed test file must not silently drop out of a module's tests."""
    out: set[str] = set()
    for pattern in patterns:
        found = (
            sorted(str(p.relative_to(repo)) for p in repo.glob(pattern))
            if any(c in pattern for c in "*?[")
            else [pattern] * (repo / pattern).exists()
        )
        if not found:
            msg = f"mutation: test path {pattern!r} in modules.toml matches nothing"
            raise SystemExit(msg)
        out.update(found)
    return _without_nested(out)


def _without_nested(paths: set[str]) -> list[str]:
    """Drop paths inside a folder that is itself selected (pytest would run them twice)."""
    return sorted(
        p for p in paths if not any(p != q and p.startswith(q.rstrip("/") + "/") for q in paths)
    )


def tests_for(
    modules: Iterable[str], mapping: Mapping[str, list[str]], tiers: list[str]
) -> list[str]:
    """The tests for a run of ``modules``: the union of their mapped tests, or
    the whole tiers when one of them has no mapping (never fewer tests)."""
    selected: list[str] = []
    for module in modules:
        if module not in mapping:
            return list(tiers)
        selected += mapping[module]
    return expand(selected)


def _dotted(module: str) -> str:
    return "tipline." + module.removesuffix(".py").replace("/", ".")


def reaching(stats: Mapping[str, Iterable[str]], module: str) -> set[str]:
    """Test files (pytest node ids without the test name) that reach any
    function of ``module``, from mutmut's ``tests_by_mangled_function_name``."""
    prefix = _dotted(module) + "."
    return {
        test.split("::", 1)[0]
        for function, tests in stats.items()
        if function.startswith(prefix)
        for test in tests
    }


def uncovered(
    stats: Mapping[str, Iterable[str]], module: str, mapped: list[str], repo: Path = REPO
) -> list[str]:
    """Test files that reach ``module`` but are outside its mapped tests."""
    chosen = expand(mapped, repo)
    return sorted(
        f
        for f in reaching(stats, module)
        if not any(f == c or f.startswith(c.rstrip("/") + "/") for c in chosen)
    )


def main(argv: list[str] | None = None) -> int:
    """Check the mapping against a kept copy's stats; exit 1 when a test that
    reaches a module is missing from its mapped tests."""
    import tomllib

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tests.mutation.selection SCRATCH_COPY", file=sys.stderr)
        return 2
    stats = json.loads((Path(args[0]) / "mutants" / "mutmut-stats.json").read_text())
    by_function = stats["tests_by_mangled_function_name"]
    spec = tomllib.loads((REPO / "tests" / "mutation" / "modules.toml").read_text())
    mapping = spec.get("module_tests", {})
    bad = 0
    for module in spec["modules"]:
        reached = reaching(by_function, module)
        if module not in mapping:
            print(f"{module:40} no mapping: whole tiers ({len(reached)} test files reach it)")
            continue
        missing = uncovered(by_function, module, mapping[module])
        bad += bool(missing)
        state = f"MISSING {', '.join(missing)}" if missing else "ok"
        print(f"{module:40} {len(reached):3} test files reach it; {state}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
