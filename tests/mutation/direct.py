"""Recheck mutants whose mutmut worker died, each in a fresh pytest process.

mutmut runs every mutant in a child forked from one fork server. Some of those
children die by a signal (mutmut's ``segfault``: exit -11 or -9) on mutants
whose tests pass when run in a process of their own: the flow tests run
Bytewax's Rust workers and thread pools, which a fork of a process that
already ran them does not always survive. Such a death says nothing about the
tests, so ``run_mutation`` counts it as unchecked.

:func:`recheck` gives each such mutant the verdict mutmut would have given:
the tests mutmut traced to the mutant's function run in a new interpreter in
the copy's ``mutants/`` folder with ``MUTANT_UNDER_TEST`` set, under the same
pytest options as the mutmut run, and the exit status is stored in mutmut's
own result file (``<module>.meta``): 0 survived, 1 killed, 5 no tests; a
signal again stays a ``segfault``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

_TIMEOUT_S = 900  # one mutant's tests at most; a hang beyond this counts as a timeout (36)
_START_S = 60.0  # a fresh interpreter's start and collection, beside the tests' own time


def timeout_for(
    took: dict[str, float], tests: list[str], multiplier: float, constant: float
) -> float:
    """Seconds ``tests`` may take against a mutant before it counts as a timeout:
    mutmut's own rule for the copy (``timeout_multiplier``, ``timeout_constant`` of
    ``[tool.mutmut]``, see ``_configure``) on their recorded time, plus a start."""
    recorded = sum(took.get(t, 0.0) for t in tests)
    return min(_TIMEOUT_S, (recorded + constant) * multiplier + _START_S)


def _spec(root: Path) -> dict[str, Any]:
    """The copy's ``[tool.mutmut]`` section (written by ``run_mutation._configure``)."""
    spec: dict[str, Any] = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["mutmut"]
    return spec


def _pytest_args(root: Path) -> list[str]:
    """The pytest options of the copy's ``[tool.mutmut]`` section."""
    return [str(a) for a in _spec(root)["pytest_add_cli_args"]]


def _traced_tests(root: Path) -> tuple[dict[str, list[str]], dict[str, float]]:
    """The tests mutmut traced to each function, fastest first (``-x`` stops at a
    kill), and each test's recorded seconds."""
    stats = json.loads((root / "mutants" / "mutmut-stats.json").read_text())
    took: dict[str, float] = stats.get("duration_by_test", {})
    traced = {
        k: sorted(v, key=lambda t: (took.get(t, 0.0), t))
        for k, v in stats["tests_by_mangled_function_name"].items()
    }
    return traced, took


def _meta_path(root: Path, name: str) -> Path:
    """``mutants/tipline/a/b.py.meta`` for ``tipline.a.b.x_f__mutmut_3``."""
    module = name.partition("__mutmut_")[0].rsplit(".", 1)[0]
    return root / "mutants" / (module.replace(".", "/") + ".py.meta")


def run_one(
    root: Path, name: str, tests: list[str], timeout: float = _TIMEOUT_S
) -> tuple[int, float, str | None]:
    """Run ``tests`` against mutant ``name`` in a fresh process; return (exit code,
    seconds, the test that failed first or None)."""
    if not tests:
        return 33, 0.0, None  # mutmut's "no tests"
    cmd = [sys.executable, "-m", "pytest", *_pytest_args(root), *tests]
    env = {**os.environ, "MUTANT_UNDER_TEST": name}
    started = time.monotonic()
    try:
        proc = subprocess.run(
            cmd, cwd=root / "mutants", env=env, capture_output=True, check=False,
            timeout=timeout,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return 36, time.monotonic() - started, None  # mutmut's "timeout"
    return proc.returncode, time.monotonic() - started, first_failure(proc.stdout)


def first_failure(stdout: bytes) -> str | None:
    """The node id of pytest's first ``FAILED``/``ERROR`` summary line (``-x``: the only one)."""
    for line in stdout.decode(errors="replace").splitlines():
        kind, _, rest = line.partition(" ")
        if kind in ("FAILED", "ERROR") and "::" in rest:
            return rest.split(" - ", 1)[0].strip()
    return None


def killers_first(tests: list[str], killers: list[str]) -> list[str]:
    """``tests`` with the ones that killed earlier mutants of the function first
    (newest kill first), the rest in their order: with ``-x`` a kill then ends
    the run after one test instead of after every faster one."""
    seen = set(tests)
    first = [t for t in dict.fromkeys(reversed(killers)) if t in seen]
    chosen = set(first)
    return [*first, *(t for t in tests if t not in chosen)]


_REPO = Path(__file__).resolve().parents[2]
_LOG = _REPO / "out" / "mutation" / "direct.log"


def changed_tests(root: Path, repo: Path) -> list[str]:
    """Test files of ``repo`` that are new or differ from the copy's (``tests/``):
    mutmut's trace does not know them yet."""
    out = []
    for path in sorted((repo / "tests").rglob("test_*.py")):
        rel = path.relative_to(repo).as_posix()
        theirs = root / "mutants" / rel
        if not theirs.exists() or theirs.read_bytes() != path.read_bytes():
            out.append(rel)
    return out


def _mapped(test: str, entries: list[str]) -> bool:
    return any(
        test == e or test.startswith(e.rstrip("/") + "/") or fnmatch(test, e) for e in entries
    )


def recheck(
    root: Path,
    names: list[str],
    log: Path | None = None,
    jobs: int = 1,
    extra: dict[str, list[str]] | None = None,
) -> list[str]:
    """Rerun each mutant in ``names`` directly (``jobs`` at a time) and store its exit
    code in mutmut's results (one line each in ``log``); return the names left for
    mutmut (none)."""
    print(f"mutation: checking {len(names)} mutants directly", flush=True)
    traced, took = _traced_tests(root)
    spec = _spec(root)
    # mutmut's defaults (15, 1) where the section leaves them out, as mutmut reads it
    rule = (float(spec.get("timeout_multiplier", 15.0)), float(spec.get("timeout_constant", 1.0)))

    killed_by: dict[str, list[str]] = {}  # function -> tests that killed its mutants

    def one(name: str) -> tuple[int, float]:
        function = name.partition("__mutmut_")[0]
        added = (extra or {}).get(function.rsplit(".", 1)[0], [])
        tests = traced.get(function, [])
        # a test file added since the trace has no recorded time: a minute each
        limit = timeout_for(took, tests, *rule) + _START_S * len(added)
        ordered = killers_first(tests, killed_by.get(function, []))
        code, seconds, killer = run_one(root, name, [*added, *ordered], min(_TIMEOUT_S, limit))
        if code == 1 and killer in tests:
            killed_by.setdefault(function, []).append(killer)
        return code, seconds

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool, (log or _LOG).open("a") as out:
        for name, (code, seconds) in zip(names, pool.map(one, names), strict=True):
            meta_path = _meta_path(root, name)
            meta = json.loads(meta_path.read_text())
            meta["exit_code_by_key"][name] = code
            meta["durations_by_key"][name] = seconds
            meta_path.write_text(json.dumps(meta, indent=4))
            out.write(f"{name}: exit {code} in {seconds:.1f}s\n")
            out.flush()
    return []


def recheck_dead(
    root: Path,
    statuses: dict[str, str],
    patterns: list[str],
    *,
    jobs: int,
    module_tests: dict[str, list[str]] | None = None,
    repo: Path = _REPO,
) -> list[str]:
    """Check directly the mutants matching ``patterns`` that mutmut left without a
    verdict (``segfault``: its worker died; ``not checked``; equivalents too, so
    that they are scored) or that survived and are not explained in
    equivalent.toml.

    Test files added or changed in the work tree since the copy's trace are
    copied in and run first for every mutant of a module whose ``[module_tests]``
    mapping holds them (a test that does not reach the mutant passes as on
    clean code, so running it too never makes a false kill)."""
    changed = changed_tests(root, repo)
    for rel in changed:
        (root / "mutants" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repo / rel, root / "mutants" / rel)
    extra = {
        "tipline." + module.removesuffix(".py").replace("/", "."): [
            t for t in changed if _mapped(t, entries)
        ]
        for module, entries in (module_tests or {}).items()
    }
    todo = {"segfault", "not checked", "survived"}
    explained = tomllib.loads((_REPO / "tests" / "mutation" / "equivalent.toml").read_text())
    names = [
        n
        for n, s in statuses.items()
        # an equivalent mutant that mutmut left without a verdict is still run:
        # the claim is checked, and the score counts it only once it has one
        if s in todo
        and (s != "survived" or n not in explained)
        and any(fnmatch(n, p) for p in patterns)
    ]
    return recheck(root, names, jobs=jobs, extra=extra)
