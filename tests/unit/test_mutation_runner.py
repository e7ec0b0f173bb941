"""The mutation tier's bookkeeping (tests/mutation/run_mutation.py), without mutmut.

A module whose mutants were never checked must be reported as not run, never
scored 1.0 or counted as killed; a resumed run checks only the mutants that
are not killed yet; the baseline records only modules that completed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.mutation import run_mutation
from tests.mutation.report import gate_passed
from tests.mutation.run_mutation import Plan, passed, score, to_resume

PLAN = Plan(
    modules=["operators/fairness.py", "operators/decide.py"],
    tests=["tests/unit"],
    fail_under=0.85,
)
FAIR = "tipline.operators.fairness.x_gate__mutmut_"
DECIDE = "tipline.operators.decide.x_alert__mutmut_"


def test_a_module_with_no_checked_mutant_is_not_run_not_perfect(tmp_path: Path) -> None:
    statuses = {f"{FAIR}1": "killed", f"{FAIR}2": "timeout", f"{FAIR}3": "not checked"}
    statuses |= {f"{DECIDE}{i}": "not checked" for i in range(1, 5)}
    doc = score(PLAN, statuses, tmp_path)
    modules = doc["modules"]
    assert isinstance(modules, dict)
    assert modules["operators/decide.py"] == {
        "killed": 0,
        "total": 0,
        "unchecked": 4,
        "score": None,
    }
    assert modules["operators/fairness.py"]["score"] == 1.0
    assert doc["not_run"] == ["operators/decide.py"]
    assert doc["incomplete"] == ["operators/fairness.py"]
    assert (doc["killed"], doc["total"]) == (2, 2)


def test_a_segfault_is_unchecked_not_a_kill(tmp_path: Path) -> None:
    doc = score(PLAN, {f"{FAIR}1": "killed", f"{FAIR}2": "segfault"}, tmp_path)
    modules = doc["modules"]
    assert isinstance(modules, dict)
    assert modules["operators/fairness.py"] == {
        "killed": 1,
        "total": 1,
        "unchecked": 1,
        "score": 1.0,
    }
    assert doc["incomplete"] == ["operators/fairness.py"]


def test_nothing_checked_scores_zero(tmp_path: Path) -> None:
    doc = score(PLAN, {f"{DECIDE}1": "not checked"}, tmp_path)
    assert doc["score"] == 0.0
    assert doc["not_run"] == PLAN.modules


def test_a_resumed_run_checks_every_mutant_without_a_kill() -> None:
    statuses = {
        f"{FAIR}1": "killed",
        f"{FAIR}2": "survived",
        f"{FAIR}3": "not checked",
        f"{FAIR}4": "no tests",
        f"{FAIR}5": "suspicious",
        f"{FAIR}6": "segfault",  # the worker died: no verdict, checked again
        "tipline.operators.hashing.pdq.x_hamming__mutmut_1": "not checked",
    }
    assert to_resume(PLAN, statuses) == [f"{FAIR}2", f"{FAIR}3", f"{FAIR}4", f"{FAIR}6"]
    assert to_resume(PLAN, statuses, unchecked=False) == [f"{FAIR}2", f"{FAIR}4"]
    only_decide = Plan(modules=["operators/decide.py"], tests=[], fail_under=0.85)
    assert to_resume(only_decide, statuses) == []


def test_only_completed_modules_are_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run_mutation, "HERE", tmp_path)
    (tmp_path / "baseline.json").write_text(
        json.dumps({"modules": {"operators/decide.py": {"sha256": "old", "killed": 1}}})
    )
    doc: dict[str, object] = {
        "modules": {
            "operators/fairness.py": {"killed": 9, "total": 10, "unchecked": 0, "score": 0.9},
            "operators/decide.py": {"killed": 3, "total": 3, "unchecked": 2, "score": 1.0},
        }
    }
    run_mutation.record(doc, PLAN, "2026-12-02", "c0ffee")
    recorded = json.loads((tmp_path / "baseline.json").read_text())["modules"]
    assert recorded["operators/decide.py"] == {"sha256": "old", "killed": 1}  # kept as it was
    fairness = recorded["operators/fairness.py"]
    assert fairness["sha256"] == run_mutation.source_hash("operators/fairness.py")
    assert fairness["date"] == "2026-12-02"
    assert fairness["commit"] == "c0ffee"
    assert (fairness["killed"], fairness["total"], fairness["score"]) == (9, 10, 0.9)


def test_a_partial_run_never_passes_whatever_its_score(tmp_path: Path) -> None:
    complete = {f"{FAIR}1": "killed", f"{DECIDE}1": "killed"}
    assert passed(score(PLAN, complete, tmp_path), 0.85)
    not_run = {f"{FAIR}1": "killed", f"{DECIDE}1": "not checked"}
    assert not passed(score(PLAN, not_run, tmp_path), 0.85)
    incomplete = {**complete, f"{FAIR}2": "not checked"}
    assert not passed(score(PLAN, incomplete, tmp_path), 0.85)


def _baseline(tmp_path: Path, modules: dict[str, dict[str, object]]) -> None:
    (tmp_path / "baseline.json").write_text(json.dumps({"modules": modules}))


def _entry(module: str, killed: int, total: int, sha256: str | None = None) -> dict[str, object]:
    sha = sha256 or run_mutation.source_hash(module)
    return {
        "sha256": sha,
        "date": "2026-12-03",
        "commit": "c0ffee00",
        "killed": killed,
        "total": total,
    }


def test_the_baseline_report_sums_the_recorded_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(run_mutation, "HERE", tmp_path)
    _baseline(
        tmp_path,
        {
            "operators/fairness.py": _entry("operators/fairness.py", 85, 100),
            "operators/decide.py": _entry("operators/decide.py", 0, 0 + 1),
        },
    )
    assert run_mutation.baseline_report(PLAN) == 1  # 85 of 101 = 0.8416 < 0.85
    out = capsys.readouterr().out
    assert "all recorded                                      85    101   0.84" in out
    _baseline(
        tmp_path,
        {
            "operators/fairness.py": _entry("operators/fairness.py", 85, 100),
            "operators/decide.py": _entry("operators/decide.py", 1, 1),
        },
    )
    assert run_mutation.baseline_report(PLAN) == 0  # 86 of 101 = 0.8515: exactly enough
    assert "86    101   0.85" in capsys.readouterr().out


def test_a_changed_or_unrecorded_module_fails_the_baseline_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(run_mutation, "HERE", tmp_path)
    _baseline(tmp_path, {"operators/fairness.py": _entry("operators/fairness.py", 10, 10)})
    assert run_mutation.baseline_report(PLAN) == 1
    assert "operators/decide.py" in capsys.readouterr().out.splitlines()[-1]  # not recorded
    _baseline(
        tmp_path,
        {
            "operators/fairness.py": _entry("operators/fairness.py", 10, 10, "old"),
            "operators/decide.py": _entry("operators/decide.py", 5, 5),
        },
    )
    assert run_mutation.baseline_report(PLAN) == 1
    out = capsys.readouterr().out
    assert "CHANGED since" in out
    assert out.splitlines()[-1].endswith(": operators/fairness.py")


def test_the_ci_gate_judges_the_checked_mutants_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A budget-cut run fails the gate when what it checked is below fail_under,
    and passes it at or above; unchecked mutants neither fail nor count."""
    monkeypatch.setattr(
        run_mutation, "describe", lambda root, module, name: {"operator": "a → b", "mutant": name}
    )
    base = {f"{FAIR}{i}": "not checked" for i in range(1, 50)}
    below = base | {f"{DECIDE}{i}": "killed" for i in range(1, 17)}
    below |= {f"{DECIDE}{i}": "survived" for i in range(17, 20)}  # 16 of 19 = 0.842
    at = below | {f"{DECIDE}19": "killed"}  # 17 of 19 = 0.895
    assert not gate_passed(score(PLAN, below, tmp_path), 0.85)
    assert gate_passed(score(PLAN, at, tmp_path), 0.85)
    assert not passed(score(PLAN, at, tmp_path), 0.85)  # the full run's rule stays strict
    assert gate_passed(score(PLAN, base, tmp_path), 0.85)  # nothing checked: nothing to judge


SOURCE = '''"""A wiring module."""


def wire(x):
    return x + 1


class Step:
    def run(self, x):
        return x > 0
'''


def test_a_narrowed_module_changes_only_when_its_mutated_functions_do() -> None:
    only = ["Step.run"]
    base = run_mutation.source_hash("m.py", only, text=SOURCE)
    elsewhere = SOURCE.replace("x + 1", "x + 2").replace('"""A wiring', '"""The wiring')
    assert run_mutation.source_hash("m.py", only, text=elsewhere) == base
    inside = SOURCE.replace("x > 0", "x >= 0")
    assert run_mutation.source_hash("m.py", only, text=inside) != base
    assert run_mutation.source_hash("m.py", ["wire"], text=elsewhere) != run_mutation.source_hash(
        "m.py", ["wire"], text=SOURCE
    )
    assert run_mutation.source_hash("m.py", None, text=elsewhere) != run_mutation.source_hash(
        "m.py", None, text=SOURCE
    )
    with pytest.raises(SystemExit, match=r"m\.py: \[only\] names Step\.stop, not defined there"):
        run_mutation.source_hash("m.py", ["Step.stop"], text=SOURCE)
