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


def test_an_equivalent_mutant_without_a_verdict_is_still_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """equivalent.toml skips only *survivors*: a listed mutant whose worker died is run
    (so the claim is tested and the mutant scored), a listed survivor is left alone."""
    dead = "tipline.sinks.durable.x_write_atomic__mutmut_13"  # both listed as equivalent
    survived = "tipline.sinks.durable.x_write_atomic__mutmut_14"
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mutmut]\npytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x"]\n'
    )
    tests = tmp_path / "mutants" / "tests"
    tests.mkdir(parents=True)
    (tests / "test_w.py").write_text(  # would kill the survivor if it were (wrongly) rerun
        "import os\n\n\ndef test_w():\n"
        f"    assert os.environ['MUTANT_UNDER_TEST'] != '{survived}'\n"
    )
    stats = {
        "tests_by_mangled_function_name": {
            dead.rsplit("__mutmut_", 1)[0]: ["tests/test_w.py::test_w"]
        }
    }
    (tmp_path / "mutants" / "mutmut-stats.json").write_text(json.dumps(stats))
    meta = tmp_path / "mutants" / "tipline" / "sinks" / "durable.py.meta"
    meta.parent.mkdir(parents=True)
    meta.write_text(
        json.dumps({"exit_code_by_key": {dead: -9, survived: 0}, "durations_by_key": {}})
    )
    monkeypatch.setattr(direct, "_LOG", tmp_path / "direct.log")
    statuses = {dead: "segfault", survived: "survived"}
    repo = tmp_path / "repo"
    (repo / "tests").mkdir(parents=True)
    direct.recheck_dead(tmp_path, statuses, ["tipline.sinks.durable.*"], jobs=1, repo=repo)
    assert json.loads(meta.read_text())["exit_code_by_key"] == {dead: 0, survived: 0}
    assert [
        ln.split(": exit ")[0] for ln in (tmp_path / "direct.log").read_text().splitlines()
    ] == [dead]


def test_a_direct_recheck_times_out_by_mutmuts_rule_plus_a_start() -> None:
    took = {"t1": 10.0, "t2": 5.0}
    assert direct.timeout_for(took, ["t1", "t2"], 3.0, 5.0) == (15.0 + 5.0) * 3.0 + 60.0
    assert direct.timeout_for(took, ["t1", "unrecorded"], 3.0, 5.0) == (10.0 + 5.0) * 3.0 + 60.0
    assert direct.timeout_for(took, [], 3.0, 5.0) == 5.0 * 3.0 + 60.0
    assert direct.timeout_for({"slow": 1000.0}, ["slow"], 3.0, 5.0) == 900.0  # never past the cap


def test_the_first_failure_is_read_from_pytests_summary() -> None:
    out = (
        b"..F\n=== short test summary info ===\n"
        b"FAILED tests/unit/x/test_a.py::test_b[1-two] - AssertionError: no\n"
        b"!!! stopping after 1 failures !!!\n1 failed, 2 passed in 0.1s\n"
    )
    assert direct.first_failure(out) == "tests/unit/x/test_a.py::test_b[1-two]"
    assert direct.first_failure(b"ERROR tests/t.py::test_c\n") == "tests/t.py::test_c"
    assert direct.first_failure(b"FAILED to start\n3 passed\n") is None


def test_tests_that_killed_before_run_first_newest_first() -> None:
    tests = ["fast", "mid", "slow", "slowest"]
    assert direct.killers_first(tests, []) == tests
    assert direct.killers_first(tests, ["slow"]) == ["slow", "fast", "mid", "slowest"]
    assert direct.killers_first(tests, ["slow", "slowest", "slow"]) == [
        "slow", "slowest", "fast", "mid"
    ]  # fmt: skip
    assert direct.killers_first(tests, ["gone"]) == tests  # a killer no longer traced is ignored
