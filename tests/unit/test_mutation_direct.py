"""Rechecking a mutant whose mutmut worker died (tests/mutation/direct.py).

A fake scratch copy: one traced test that fails only under mutant 1, and a
test added since the trace that fails only under mutant 4. Each mutant without
a kill runs its traced tests plus the added one in a fresh pytest, and mutmut's
verdict is stored in the module's result file: 1 (killed) for mutants 1 and 4,
0 (survived) for the others; a kill and an unselected mutant are left alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.mutation import direct

NAME = "tipline.operators.fairness.x_gate__mutmut_"


def _copy(root: Path) -> Path:
    (root / "pyproject.toml").write_text(
        '[tool.mutmut]\npytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x"]\n'
    )
    tests = root / "mutants" / "tests"
    tests.mkdir(parents=True)
    (tests / "test_gate.py").write_text(
        "import os\n\n\ndef test_gate():\n"
        f"    assert os.environ['MUTANT_UNDER_TEST'] != '{NAME}1'\n"
    )
    stats = {"tests_by_mangled_function_name": {NAME[:-9]: ["tests/test_gate.py::test_gate"]}}
    (root / "mutants" / "mutmut-stats.json").write_text(json.dumps(stats))
    meta = root / "mutants" / "tipline" / "operators" / "fairness.py.meta"
    meta.parent.mkdir(parents=True)
    codes = {
        f"{NAME}1": -11,
        f"{NAME}2": -9,
        f"{NAME}3": 1,
        f"{NAME}4": None,
        "tipline.operators.fairness.x_other__mutmut_1": -11,
        "tipline.operators.fairness.x_unselected__mutmut_1": -9,
    }
    meta.write_text(json.dumps({"exit_code_by_key": codes, "durations_by_key": {}}))
    return meta


def test_each_dead_mutant_gets_the_verdict_of_its_tests_in_a_fresh_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meta = _copy(tmp_path)
    log = tmp_path / "direct.log"
    names = [f"{NAME}1", f"{NAME}2", "tipline.operators.fairness.x_other__mutmut_1"]
    statuses = {n: "segfault" for n in names} | {
        f"{NAME}3": "killed",
        f"{NAME}4": "not checked",
        "tipline.operators.fairness.x_unselected__mutmut_1": "segfault",
    }
    patterns = [f"{NAME}*", "tipline.operators.fairness.x_other__mutmut_*"]
    monkeypatch.setattr(direct, "_LOG", log)
    repo = tmp_path / "repo"
    (repo / "tests").mkdir(parents=True)
    (repo / "tests" / "test_new.py").write_text(
        f"import os\n\n\ndef test_new():\n    assert os.environ['MUTANT_UNDER_TEST'] != '{NAME}4'\n"
    )  # a test added after the trace, mapped to the module: run for every mutant
    mapping = {"operators/fairness.py": ["tests/test_new.py"]}
    assert (
        direct.recheck_dead(tmp_path, statuses, patterns, jobs=2, module_tests=mapping, repo=repo)
        == []
    )
    codes = json.loads(meta.read_text())["exit_code_by_key"]
    assert codes == {
        f"{NAME}1": 1,
        f"{NAME}2": 0,
        f"{NAME}3": 1,
        f"{NAME}4": 1,
        "tipline.operators.fairness.x_other__mutmut_1": 0,
        "tipline.operators.fairness.x_unselected__mutmut_1": -9,  # not selected: left alone
    }
    logged = dict(line.split(": exit ") for line in log.read_text().splitlines())
    assert {name: int(rest.split()[0]) for name, rest in logged.items()} == {
        f"{NAME}1": 1,
        f"{NAME}2": 0,
        f"{NAME}4": 1,
        "tipline.operators.fairness.x_other__mutmut_1": 0,
    }
