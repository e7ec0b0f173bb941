"""Which tests a mutation run gives mutmut (tests/mutation/selection.py), without mutmut.

A one-module run gets only the tests mapped to that module; a kept copy (which
mutates every module) and a module without a mapping get the whole tiers; a
mapped path that matches nothing stops the run instead of dropping tests.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from tests.mutation import selection
from tests.mutation.run_mutation import HERE, Plan, load_plan

TIERS = ["tests/unit", "tests/flow"]


def _tree(tmp_path: Path) -> Path:
    for rel in (
        "tests/unit/test_lake.py",
        "tests/unit/test_lake_files.py",
        "tests/unit/test_decide.py",
        "tests/unit/evidence/test_vault.py",
        "tests/flow/test_dl.py",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("")
    return tmp_path


def test_globs_are_expanded_and_paths_inside_a_selected_folder_dropped(tmp_path: Path) -> None:
    repo = _tree(tmp_path)
    got = selection.expand(
        ["tests/unit/test_lake*.py", "tests/unit/evidence", "tests/unit/evidence/test_vault.py"],
        repo,
    )
    assert got == [
        "tests/unit/evidence",
        "tests/unit/test_lake.py",
        "tests/unit/test_lake_files.py",
    ]


@pytest.mark.parametrize("pattern", ["tests/unit/test_gone.py", "tests/unit/test_nope*.py"])
def test_a_mapped_path_that_matches_nothing_stops_the_run(tmp_path: Path, pattern: str) -> None:
    with pytest.raises(SystemExit, match="matches nothing"):
        selection.expand([pattern], _tree(tmp_path))


def test_a_one_module_run_gets_its_mapped_tests_only() -> None:
    plan = Plan(
        modules=["operators/decide.py"],
        tests=TIERS,
        fail_under=0.85,
        module_tests={
            "operators/decide.py": ["tests/unit/test_decide.py"],
            "operators/fairness.py": ["tests/unit/test_fairness.py"],
        },
    )
    assert plan.selection() == ["tests/unit/test_decide.py"]


def test_a_kept_copy_and_an_unmapped_module_get_the_whole_tiers() -> None:
    mapping = {"operators/decide.py": ["tests/unit/test_decide.py"]}
    kept = Plan(
        modules=["operators/decide.py"],
        tests=TIERS,
        fail_under=0.85,
        every=("operators/decide.py", "operators/fairness.py"),
        module_tests=mapping,
    )
    assert kept.selection() == TIERS
    unmapped = Plan(
        modules=["operators/decide.py", "operators/fairness.py"],
        tests=TIERS,
        fail_under=0.85,
        module_tests=mapping,
    )
    assert unmapped.selection() == TIERS


def test_a_test_reaching_the_module_outside_its_mapping_is_reported(tmp_path: Path) -> None:
    repo = _tree(tmp_path)
    stats = {
        "tipline.sinks.lake.x_roll": ["tests/unit/test_lake.py::test_roll"],
        "tipline.sinks.lake.xǁShardǁclose": ["tests/flow/test_dl.py::test_stop[a]"],
        "tipline.sinks.lake_files.x_write": ["tests/unit/evidence/test_vault.py::test_w"],
    }
    assert selection.reaching(stats, "sinks/lake.py") == {
        "tests/unit/test_lake.py",
        "tests/flow/test_dl.py",
    }
    assert selection.uncovered(stats, "sinks/lake.py", ["tests/unit/test_lake*.py"], repo) == [
        "tests/flow/test_dl.py"
    ]
    assert selection.uncovered(stats, "sinks/lake.py", ["tests/unit", "tests/flow"], repo) == []


def test_every_invariant_module_is_mapped_to_tests_that_exist() -> None:
    spec = tomllib.loads((HERE / "modules.toml").read_text())
    mapping = spec["module_tests"]
    assert sorted(mapping) == sorted(spec["modules"])
    for module in spec["modules"]:
        chosen = replace(load_plan([module]), every=()).selection()  # not a kept copy
        assert chosen, module
        assert chosen != TIERS, f"{module}: mapped to the whole tiers"


def test_the_gate_runs_changed_recorded_modules_and_only_lists_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.mutation import run_mutation

    monkeypatch.setattr(run_mutation, "HERE", tmp_path)
    (tmp_path / "baseline.json").write_text(
        '{"modules": {"operators/decide.py": {"sha256": "old"}, "sinks/lake.py": {}}}'
    )
    gated, listed = run_mutation.split_gated(["operators/decide.py", "operators/fairness.py"])
    assert (gated, listed) == (["operators/decide.py"], ["operators/fairness.py"])


def test_a_gate_with_no_changed_recorded_module_passes_and_lists_the_unrecorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import shutil

    from tests.mutation import run_mutation

    shutil.copy(HERE / "modules.toml", tmp_path / "modules.toml")
    sha = run_mutation.source_hash("operators/decide.py")
    (tmp_path / "baseline.json").write_text(
        json.dumps({"modules": {"operators/decide.py": {"sha256": sha}}})
    )
    monkeypatch.setattr(run_mutation, "HERE", tmp_path)
    monkeypatch.setattr(run_mutation, "OUT", tmp_path / "out")
    assert run_mutation.main(["--changed", "--gate"]) == 0
    doc = json.loads((tmp_path / "out" / "score.json").read_text())
    spec = tomllib.loads((HERE / "modules.toml").read_text())
    assert doc["not_gated"] == [m for m in spec["modules"] if m != "operators/decide.py"]
    assert doc["total"] == 0
