"""What a mutation run prints and reports: where a survivor is, what it changed,
and whether a run passes (used by run_mutation.py)."""

from __future__ import annotations

import ast
import difflib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _function_line(module: str, name: str) -> int:
    """Line of the mutated function's ``def`` in the original module."""
    func = name.split("__mutmut_", maxsplit=1)[0].rsplit(".", 1)[-1]
    parts = [p for p in func.removeprefix("x_").removeprefix("xǁ").split("ǁ") if p]
    target = parts[-1]
    tree = ast.parse((REPO / module).read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == target:
            return node.lineno
    return 1


_SOURCES: dict[Path, dict[str, list[str]]] = {}


def _mutant_sources(path: Path) -> dict[str, list[str]]:
    """Function name → source lines, for every function in a mutmut ``mutants/`` file."""
    if path not in _SOURCES:
        text = path.read_text()
        lines = text.splitlines()
        # (not ast.get_source_segment: it re-splits the whole file per function,
        # and a mutated module holds thousands of function copies)
        _SOURCES[path] = {
            node.name: lines[node.lineno - 1 : node.end_lineno]
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
    return _SOURCES[path]


def describe(root: Path, module: str, name: str) -> dict[str, object]:
    """Where a survivor is and what it changed (``old → new``, code only)."""
    func = name.rsplit(".", 1)[-1]
    sources = _mutant_sources(root / "mutants" / "tipline" / module)
    orig = sources.get(func.split("__mutmut_")[0] + "__mutmut_orig", [])
    mutant = sources.get(func, [])
    offset, old, new = 0, "", ""
    matcher = difflib.SequenceMatcher(a=orig[1:], b=mutant[1:], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            offset = i1 + 1
            old = " ".join(s.strip() for s in orig[1:][i1:i2])
            new = " ".join(s.strip() for s in mutant[1:][j1:j2]) or "(line removed)"
            break
    line = _function_line(module, name) + offset
    return {"file": module, "line": line, "operator": f"{old} → {new}", "mutant": name}


def passed(doc: dict[str, object], fail_under: float) -> bool:
    """A run passes only at ``fail_under`` or above with every selected module checked:
    a partial run (modules not run, mutants unchecked) never passes."""
    score = doc["score"]
    assert isinstance(score, float | int)
    return score >= fail_under and not doc.get("not_run") and not doc.get("incomplete")


def gate_passed(doc: dict[str, object], fail_under: float) -> bool:
    """CI's gate (``--changed --gate``): the mutants checked within the budget
    must reach ``fail_under``. Unlike :func:`passed`, mutants the budget did not
    reach do not fail it (a large module does not fit 600 s, and mutmut's dead
    workers leave some unchecked); they are printed as not gated."""
    score, total = doc["score"], doc["total"]
    assert isinstance(score, float | int)
    assert isinstance(total, int)
    return total == 0 or score >= fail_under


def print_doc(doc: dict[str, object]) -> None:
    modules = doc["modules"]
    assert isinstance(modules, dict)
    print(f"{'module':44} {'killed':>7} {'total':>6} {'score':>6} {'unchecked':>9}")
    for module, p in modules.items():
        mark = f"{p['score']:>6.2f}" if p["total"] else "   n/a"
        note = "  NOT RUN" if not p["total"] else ""
        print(f"{module:44} {p['killed']:>7} {p['total']:>6} {mark} {p['unchecked']:>9}{note}")
    print(f"{'all checked':44} {doc['killed']:>7} {doc['total']:>6} {doc['score']:>6.2f}")
    if doc.get("not_run") or doc.get("incomplete"):
        print(
            f"mutation: PARTIAL — {len(doc.get('not_run') or [])} modules not run, "  # type: ignore[arg-type]
            f"{len(doc.get('incomplete') or [])} with unchecked mutants; "  # type: ignore[arg-type]
            "the score covers the checked mutants only"
        )
    survivors = doc["survivors"]
    assert isinstance(survivors, list)
    for s in survivors[:40]:
        print(f"  survived {s['file']}:{s['line']}  {s['operator']}")
    if len(survivors) > 40:
        print(f"  … and {len(survivors) - 40} more in out/mutation/score.json")
