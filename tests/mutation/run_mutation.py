"""Mutation testing over the invariant modules (``make mutation``).

mutmut plants one small bug at a time (an operator flipped, a constant moved
by one, a call dropped) in the modules listed in ``tests/mutation/modules.toml``
and runs the unit and flow tests that reach the mutated function. A mutant the
tests do not notice *survives*. The run happens in a scratch copy of the
checkout, so the work tree is never touched.

    python -m tests.mutation.run_mutation             # every invariant module
    python -m tests.mutation.run_mutation --changed   # modules whose source changed
                                                      # since the recorded full run
    python -m tests.mutation.run_mutation --module operators/fairness.py
    python -m tests.mutation.run_mutation --changed --budget 1800   # what CI runs

``--budget SECONDS`` stops mutmut after that long: the mutants it did not reach
are ``unchecked``, left out of the score (``"partial": true``), and a module
with any is not recorded. ``[only]`` in
modules.toml narrows a wiring or I/O module to the functions that carry the
invariant. Tests that fail on main itself (``known_failing``) are deselected
with a warning, because mutmut needs a green run to start.

It writes ``out/mutation/score.json``::

    {"score": 0.9, "killed": 90, "total": 100,
     "modules": {"operators/fairness.py": {"score": ..., "killed": ..., "total": ...}},
     "survivors": [{"file": ..., "line": ..., "operator": ..., "mutant": ...}],
     "equivalent": [...]}

A survivor listed in ``tests/mutation/equivalent.toml`` (with the reason it
cannot change behaviour) is reported under ``equivalent`` and left out of the
score. ``--record`` stores each module's source hash and score in
``tests/mutation/baseline.json``, which ``--changed`` compares against.
Exit status: 0 when the score reaches ``fail_under`` (modules.toml) and every
selected module was checked completely, 1 below it or when partial, 2 on a
usage or tool error.
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from tests.mutation.direct import recheck_dead
from tests.mutation.report import describe, gate_passed, passed, print_doc
from tests.mutation.selection import tests_for

REPO = Path(__file__).resolve().parents[2]
HERE = REPO / "tests" / "mutation"
OUT = REPO / "out" / "mutation"
# "suspicious" is mutmut's name for any other non-zero exit of the test run (a
# mutant that makes the code under test end the process, e.g. exit status 75
# from the lake's stop_process): the tests did not pass, so it is a kill.
# "segfault" is no verdict: mutmut's forked workers died by SIGSEGV on mutants
# the tests pass (an equivalent `typing.cast` mutant of flows/main.py passed all
# of tests/flow when run directly), so such a mutant stays unchecked and is rerun.
KILLED = {"killed", "timeout", "caught by type check", "suspicious"}
NOT_COUNTED = {"skipped", "not checked", "check was interrupted by user", "segfault"}
_NAME = re.compile(r"^\s*(?P<name>[\w.ǁ]+__mutmut_\d+): (?P<status>.+?)\s*$")


@dataclass(frozen=True)
class Plan:
    """What one run mutates and with which tests."""

    modules: list[str]
    tests: list[str]
    fail_under: float
    known_failing: tuple[str, ...] = ()
    only: dict[str, list[str]] = field(default_factory=dict)
    # every invariant module: the scratch copy mutates them all, so that a kept
    # copy can be resumed for any module (mutmut traces only mutated code)
    every: tuple[str, ...] = ()
    # [module_tests]: the tests that reach each module (tests/mutation/selection.py)
    module_tests: dict[str, list[str]] = field(default_factory=dict)

    def selection(self) -> list[str]:
        """The tests mutmut runs: the selected modules' mapped tests; the whole
        tiers in a kept copy, which mutates every module."""
        if self.every:
            return list(self.tests)
        return tests_for(self.modules, self.module_tests, self.tests)

    def globs(self) -> list[str]:
        """mutmut mutant-name patterns: every function, or the ``[only]`` ones."""
        out = []
        for module in self.modules:
            dotted = "tipline." + module.removesuffix(".py").replace("/", ".")
            funcs = self.only.get(module)
            if not funcs:
                out.append(f"{dotted}.*")
            for func in funcs or ():
                cls, _, meth = func.rpartition(".")
                name = f"xǁ{cls}ǁ{meth}" if cls else f"x_{func}"
                out.append(f"{dotted}.{name}__mutmut_*")
        return out


def load_plan(selected: list[str] | None) -> Plan:
    """Read ``modules.toml``; ``selected`` narrows the module list."""
    spec = tomllib.loads((HERE / "modules.toml").read_text())
    modules = list(spec["modules"])
    every = tuple(modules)
    if selected is not None:
        unknown = sorted(set(selected) - set(modules))
        if unknown:
            msg = f"not an invariant module: {', '.join(unknown)} (see tests/mutation/modules.toml)"
            raise SystemExit(msg)
        modules = [m for m in modules if m in selected]
    return Plan(
        modules=modules,
        tests=list(spec["tests"]),
        fail_under=float(spec["fail_under"]),
        known_failing=tuple(spec.get("known_failing", ())),
        only={m: list(f) for m, f in spec.get("only", {}).items() if m in modules},
        every=every,
        module_tests={m: list(t) for m, t in spec.get("module_tests", {}).items()},
    )


def source_hash(module: str, only: list[str] | None = None, text: str | None = None) -> str:
    """Return the SHA-256 of what mutmut mutates in a module (what ``--changed`` compares).

    The whole source; for a module narrowed by ``[only]``, the source of those
    functions alone (``Class.method`` or ``function``, in the listed order), so
    an edit elsewhere in a wiring module does not make its mutants "changed":
    they are the same mutants. ``text``: the source to hash instead of the file.
    """
    source = (REPO / module).read_text() if text is None else text
    if not only:
        return hashlib.sha256(source.encode()).hexdigest()
    found: dict[str, str] = {}
    tree = ast.parse(source)
    for node in tree.body:
        scopes = [("", node)]
        if isinstance(node, ast.ClassDef):
            scopes = [(f"{node.name}.", child) for child in node.body]
        for prefix, child in scopes:
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                found[prefix + child.name] = ast.get_source_segment(source, child) or ""
    missing = [f for f in only if f not in found]
    if missing:
        msg = f"{module}: [only] names {', '.join(missing)}, not defined there"
        raise SystemExit(msg)
    joined = "\n\n".join(f"# {name}\n{found[name]}" for name in only)
    return hashlib.sha256(joined.encode()).hexdigest()


def _recorded() -> dict[str, dict[str, object]]:
    path = HERE / "baseline.json"
    return json.loads(path.read_text())["modules"] if path.exists() else {}


def changed_modules(plan: Plan) -> list[str]:
    """Return the invariant modules whose source differs from the recorded full run."""
    recorded = _recorded()
    return [
        m
        for m in plan.modules
        if recorded.get(m, {}).get("sha256") != source_hash(m, plan.only.get(m))
    ]


def split_gated(modules: list[str]) -> tuple[list[str], list[str]]:
    """Split changed modules into those ``--gate`` runs (recorded complete in the
    baseline) and those it only reports (never recorded: no complete run to hold
    them to)."""
    recorded = _recorded()
    return [m for m in modules if m in recorded], [m for m in modules if m not in recorded]


def _scratch_copy() -> Path:
    """Copy the tracked files (and demo data) to a scratch folder; return it."""
    root = Path(tempfile.mkdtemp(prefix="tipline-mutation-"))
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, check=True, capture_output=True
    ).stdout.split(b"\0")
    for raw in filter(None, files):
        rel = raw.decode()
        src, dst = REPO / rel, root / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink() and src.is_dir():
            # mutmut walks real folders only: the package gets real copies
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, dst)
    shared = REPO.parent / "shared"
    if shared.is_dir():  # the contract examples the schema tests load (mutants/../shared)
        (root / "shared").symlink_to(shared)
    if (REPO / "demo-data").exists():
        shutil.copytree(REPO / "demo-data", root / "demo-data", symlinks=False)
    return root


def _configure(root: Path, plan: Plan) -> None:
    """Write the ``[tool.mutmut]`` section for this run into the copy's pyproject."""
    text = (root / "pyproject.toml").read_text()
    text = text.split("\n[tool.mutmut]")[0]
    quoted = ", ".join(json.dumps(f"tipline/{m}") for m in plan.every or plan.modules)
    tests = ", ".join(json.dumps(t) for t in plan.selection())
    deselect = "".join(f', "--deselect", {json.dumps(t)}' for t in plan.known_failing)
    # Tests that read files by path (sources, README.md, docs, deploy files)
    # find them beside the mutated package: every top-level entry is copied.
    tops = sorted(p.name for p in root.iterdir() if p.name not in {"tipline", "mutants", "shared"})
    copied = ", ".join(json.dumps(p) for p in tops)
    text += (
        "\n[tool.mutmut]\n"
        'source_paths = ["tipline"]\n'
        f"only_mutate = [{quoted}]\n"
        f"also_copy = [{copied}]\n"
        f"pytest_add_cli_args_test_selection = [{tests}]\n"
        f'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x", "--timeout=120"{deselect}]\n'
        # A mutant that hangs (a retry loop that never ends, a flow waiting on a
        # dead step) is a kill, but mutmut's default wall limit is 15x the tests'
        # time: 3x plus 5 s keeps one hang from stalling the run for minutes.
        "timeout_multiplier = 3.0\n"
        # Workers fork from a clean fork server, not from the process that ran
        # the suite: its live threads (lake roll, vault and digest pools) and
        # their locks made evidence mutants hang into false timeouts.
        'process_isolation = "forkserver"\n'
        "timeout_constant = 5.0\n"
    )
    (root / "pyproject.toml").write_text(text)


def _run_bounded(root: Path, names: list[str], budget: float | None, jobs: int | None) -> bool:
    """Run ``mutmut run`` on ``names`` (patterns or mutants); stop it after ``budget``
    seconds. Return whether it finished."""
    exe = Path(sys.executable).with_name("mutmut")
    cmd = [str(exe), "run", *(["--max-children", str(jobs)] if jobs else []), *names]
    log = (OUT / "mutmut-run.log").open("w")
    proc = subprocess.Popen(
        cmd, cwd=root, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        rc = proc.wait(timeout=budget)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        return False
    finally:
        log.close()
    if rc not in (0, 1):
        sys.stderr.write((OUT / "mutmut-run.log").read_text()[-3000:])
        msg = f"mutmut run failed with exit {rc} (log: out/mutation/mutmut-run.log)"
        raise SystemExit(msg)
    return True


def _mutmut(root: Path, *args: str) -> str:
    exe = Path(sys.executable).with_name("mutmut")
    proc = subprocess.run([str(exe), *args], cwd=root, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stdout[-2000:] + proc.stderr[-2000:])
        msg = f"mutmut {args[0]} failed with exit {proc.returncode}"
        raise SystemExit(msg)
    return proc.stdout


def _statuses(root: Path) -> dict[str, str]:
    out = _mutmut(root, "results", "--all", "true")
    found = {}
    for line in out.splitlines():
        m = _NAME.match(line)
        if m:
            found[m["name"]] = m["status"]
    return found


def _module_of(name: str, plan: Plan) -> str:
    dotted = name.split("__mutmut_", maxsplit=1)[0]
    for module in plan.modules:
        stem = "tipline." + module.removesuffix(".py").replace("/", ".")
        if dotted.startswith(stem + "."):
            return module
    return "?"


def _refresh_tests(root: Path) -> None:
    """Copy the work tree's tests (tracked and new files) into a kept scratch copy."""
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "tests"],
        cwd=REPO,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for raw in filter(None, files):
        src = REPO / raw.decode()
        if src.is_file():
            for dst in (root / raw.decode(), root / "mutants" / raw.decode()):
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)


def baseline_report(plan: Plan) -> int:
    """Print the recorded score of every invariant module and their total.

    A full run of all modules takes hours on two cores, so the project's figure
    is the sum of the recorded complete runs. A module counts only while its
    mutated code is the one recorded (`source_hash`); a changed or never-recorded module
    is listed and fails the report. Exit status as a run's.
    """
    recorded = _recorded()
    killed = total = 0
    stale: list[str] = []
    print(f"{'module':44} {'killed':>7} {'total':>6} {'score':>6}  recorded")
    for module in plan.modules:
        entry = recorded.get(module)
        if entry is None:
            stale.append(module)
            print(f"{module:44} {'':>7} {'':>6} {'':>6}  NOT RECORDED")
            continue
        fresh = entry.get("sha256") == source_hash(module, plan.only.get(module))
        if not fresh:
            stale.append(module)
        k, n = int(entry["killed"]), int(entry["total"])  # type: ignore[call-overload]
        killed, total = killed + k, total + n
        when = f"{entry['date']} {str(entry['commit'])[:8]}"
        mark = "" if fresh else "  CHANGED since"
        print(f"{module:44} {k:>7} {n:>6} {k / n if n else 1.0:>6.2f}  {when}{mark}")
    score = killed / total if total else 0.0
    print(
        f"{'all recorded':44} {killed:>7} {total:>6} {score:>6.2f}  (fail_under {plan.fail_under})"
    )
    if stale:
        print(
            f"mutation: {len(stale)} modules not recorded for their current source: "
            f"{', '.join(stale)}"
        )
    return 0 if score >= plan.fail_under and not stale else 1


def to_resume(plan: Plan, statuses: dict[str, str], *, unchecked: bool = True) -> list[str]:
    """Mutants of the plan a resumed run checks: those without a kill (survived,
    no tests and, unless ``unchecked`` is False, not yet checked). A kill stands:
    tests are only ever added."""
    patterns = plan.globs()
    skip = KILLED if unchecked else KILLED | NOT_COUNTED
    return sorted(
        name
        for name, status in statuses.items()
        if status not in skip and any(fnmatch.fnmatch(name, p) for p in patterns)
    )


def equivalents() -> dict[str, dict[str, str]]:
    """Survivors explained as equivalent: mutant name → ``{"operator", "reason"}``."""
    path = HERE / "equivalent.toml"
    if not path.exists():
        return {}
    return dict(tomllib.loads(path.read_text()).items())


def score(plan: Plan, statuses: dict[str, str], root: Path) -> dict[str, object]:
    """Build the ``score.json`` document from mutmut's verdicts."""
    explained = equivalents()
    per: dict[str, dict[str, int]] = {
        m: {"killed": 0, "total": 0, "unchecked": 0} for m in plan.modules
    }
    survivors, equivalent = [], []
    for name, status in sorted(statuses.items()):
        module = _module_of(name, plan)
        if module == "?":
            continue
        if status in NOT_COUNTED:
            per[module]["unchecked"] += 1
            continue
        found = None if status in KILLED else describe(root, module, name)
        entry = explained.get(name)
        # an entry whose operator no longer matches is stale (the mutant was renumbered)
        if found is not None and entry and entry.get("operator") == found["operator"]:
            equivalent.append({**found, "reason": entry["reason"]})
            continue
        per[module]["total"] += 1
        if found is None:
            per[module]["killed"] += 1
        else:
            survivors.append({**found, "status": status})
    killed = sum(p["killed"] for p in per.values())
    total = sum(p["total"] for p in per.values())
    # a module with no checked mutant has no score (never 1.0, never "killed")
    modules = {
        m: {**p, "score": round(p["killed"] / p["total"], 4) if p["total"] else None}
        for m, p in per.items()
    }
    return {
        "score": round(killed / total, 4) if total else 0.0,
        "killed": killed,
        "total": total,
        "fail_under": plan.fail_under,
        "not_run": [m for m, p in per.items() if not p["total"]],
        "incomplete": [m for m, p in per.items() if p["total"] and p["unchecked"]],
        "modules": modules,
        "survivors": survivors,
        "equivalent": equivalent,
    }


def record(doc: dict[str, object], plan: Plan, when: str, commit: str) -> None:
    """Store the source hash and score of each module whose every mutant was
    checked as its new baseline, with the date and the commit; a module with
    unchecked mutants is not recorded (``--changed`` keeps mutating it)."""
    path = HERE / "baseline.json"
    old = json.loads(path.read_text())["modules"] if path.exists() else {}
    modules = doc["modules"]
    assert isinstance(modules, dict)
    for module in plan.modules:
        result = modules[module]
        if result["unchecked"] or not result["total"]:
            print(f"mutation: {module} not recorded: {result['unchecked']} mutants not checked")
            continue
        sha = source_hash(module, plan.only.get(module))
        old[module] = {"sha256": sha, "date": when, "commit": commit, **result}
    path.write_text(json.dumps({"modules": dict(sorted(old.items()))}, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Run mutmut over the chosen invariant modules and write ``score.json``."""
    parser = argparse.ArgumentParser(prog="run_mutation", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--changed", action="store_true", help="only modules changed since the baseline"
    )
    parser.add_argument(
        "--gate",
        action="store_true",
        help="with --changed: run only the changed modules recorded in the baseline (CI's gate); "
        "changed modules never recorded are listed as not gated",
    )
    parser.add_argument("--module", action="append", help="one invariant module (repeatable)")
    parser.add_argument("--record", action="store_true", help="store the result as the baseline")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copy")
    parser.add_argument(
        "--budget",
        type=float,
        help="stop after this many seconds; unchecked mutants are not scored",
    )
    parser.add_argument("--jobs", type=int, help="parallel mutant runs (default: CPU count)")
    parser.add_argument(
        "--resume",
        metavar="SCRATCH",
        help="continue in a kept scratch copy: refresh its tests, then check the selected "
        "modules' mutants that are not killed yet (not checked, survived, no tests)",
    )
    parser.add_argument(
        "--survivors",
        action="store_true",
        help="with --resume: recheck only the survivors (after new tests), not unchecked mutants",
    )
    parser.add_argument(
        "--segfaults",
        action="store_true",
        help="with --resume: check mutants without a kill in fresh pytests (direct.py)",
    )
    parser.add_argument(
        "--rescore",
        metavar="SCRATCH",
        help="score a kept scratch copy again (after editing equivalent.toml); runs nothing",
    )
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="print the recorded score of every module (baseline.json); runs nothing",
    )
    args = parser.parse_args(argv)
    plan = load_plan(args.module)
    if args.baseline:
        return baseline_report(plan)
    not_gated: list[str] = []
    if args.changed:
        plan = replace(plan, modules=changed_modules(plan))
    if args.gate:
        if not args.changed:
            parser.error("--gate needs --changed")
        gated, not_gated = split_gated(plan.modules)
        plan = replace(plan, modules=gated)
        if not_gated:
            print(
                f"mutation: NOT GATED (changed, never recorded complete): {', '.join(not_gated)}; "
                "run `make mutation RECORD=1` for them",
                flush=True,
            )
    if not (args.keep or args.resume or args.rescore):
        plan = replace(plan, every=())  # a copy that is not kept is never resumed
    OUT.mkdir(parents=True, exist_ok=True)
    if not plan.modules:
        what = "recorded invariant module (nothing to gate)" if args.gate else "invariant module"
        print(f"mutation: no {what} changed since the recorded run")
        doc: dict[str, object] = {
            "score": 1.0,
            "killed": 0,
            "total": 0,
            "modules": {},
            "survivors": [],
            "not_gated": not_gated,
        }
        (OUT / "score.json").write_text(json.dumps(doc, indent=2) + "\n")
        return 0
    kept = args.rescore or args.resume
    root = Path(kept) if kept else _scratch_copy()
    previous = json.loads((OUT / "score.json").read_text()) if args.rescore else {}
    try:
        _configure(root, plan)  # (again, for --rescore: the same section as the run)
        names = plan.globs()
        if args.resume and args.segfaults:
            names = recheck_dead(
                root, _statuses(root), names, jobs=args.jobs or 1, module_tests=plan.module_tests
            )
        elif args.resume:
            _refresh_tests(root)
            names = to_resume(plan, _statuses(root), unchecked=not args.survivors)
            print(f"mutation: resuming {len(names)} mutants not killed yet", flush=True)
        print(f"mutation: {len(plan.modules)} modules in {root}", flush=True)
        if plan.known_failing:
            print(
                f"mutation: WARNING {len(plan.known_failing)} tests failing on main are deselected "
                "(known_failing in tests/mutation/modules.toml)",
                flush=True,
            )
        started = time.monotonic()
        finished = (
            True if args.rescore or not names else _run_bounded(root, names, args.budget, args.jobs)
        )
        patterns = plan.globs()
        statuses = {
            name: status
            for name, status in _statuses(root).items()
            if any(fnmatch.fnmatch(name, p) for p in patterns)
        }
        doc = score(plan, statuses, root)
        doc["seconds"] = previous.get("seconds") or round(time.monotonic() - started, 1)
        doc["deselected"] = list(plan.known_failing)
        doc["not_gated"] = not_gated
        unchecked = sum(1 for s in statuses.values() if s in NOT_COUNTED)
        doc["unchecked"] = unchecked
        if not finished or previous.get("partial"):
            doc["partial"] = True
            why = f"budget of {args.budget:.0f}s reached" if args.budget else "a partial run"
            print(
                f"mutation: {why}; {unchecked} mutants not checked "
                "and left out of the score. Run `make mutation` (nightly) for the whole set.",
                flush=True,
            )
    finally:
        if not args.keep and not kept:
            shutil.rmtree(root, ignore_errors=True)
    (OUT / "score.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    if args.record:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO, check=True, capture_output=True, text=True
        )
        record(doc, plan, time.strftime("%Y-%m-%d", time.gmtime()), head.stdout.strip())
    print_doc(doc)
    if args.gate:
        if doc.get("unchecked") or doc.get("not_run"):
            print(
                f"mutation: gate covers the {doc['total']} mutants checked in the budget; "
                f"{doc.get('unchecked', 0)} not checked are NOT GATED",
                flush=True,
            )
        return 0 if gate_passed(doc, plan.fail_under) else 1
    return 0 if passed(doc, plan.fail_under) else 1


if __name__ == "__main__":
    sys.exit(main())
