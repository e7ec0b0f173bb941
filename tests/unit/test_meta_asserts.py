"""Meta-test: no ``assert`` in tests/ can only pass.

Issue #19 found ``assert base64.b64encode(...)`` and ``assert generate_sessions``
(a function object): asserts that are true whatever the code under test does.
This scans every test file's syntax tree and fails on

* ``assert <function, class or module>`` — a name bound at module level by
  ``def``, ``class`` or an import that resolves to a function, class or module,
  and not rebound in the enclosing function;
* ``assert <truthy literal>`` — a non-empty string, a non-zero number, ``True``,
  an f-string with text, a non-empty tuple/list/set/dict display (the
  classic ``assert (x, "message")``) or a lambda;
* ``assert <call that always returns a truthy value>`` — a fixed set of calls
  whose result is non-empty whatever their argument (``base64.b64encode``,
  ``hashlib.sha256(...).hexdigest()``, ``repr``, ``json.dumps``, ``Path``,
  ``uuid.uuid4``, …).

``assert False``/``assert 0`` (deliberate failures) are allowed.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]

# Calls whose result is truthy for every input that does not raise.
ALWAYS_TRUTHY_CALLS = frozenset(
    {
        "base64.b64encode", "base64.urlsafe_b64encode",
        "base64.standard_b64encode", "base64.b32encode", "base64.b16encode", "base64.a85encode",
        "binascii.hexlify", "json.dumps", "repr", "type", "id", "object", "Path",
        "pathlib.Path", "uuid.uuid4", "uuid.uuid1", "datetime.now", "datetime.utcnow",
        "datetime.datetime.now", "time.time", "time.monotonic", "os.getpid",
    }
)  # fmt: skip
# Methods whose result is a non-empty constant-like value on any receiver.
ALWAYS_TRUTHY_METHODS = frozenset({"hexdigest", "digest", "isoformat"})


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


def _truthy_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return bool(node.value) and node.value is not Ellipsis
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and v.value for v in node.values)
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return bool(node.elts)
    if isinstance(node, ast.Dict):
        return bool(node.keys)
    return isinstance(node, ast.Lambda)


def _always_truthy_call(node: ast.expr) -> bool:
    if not isinstance(node, ast.Call):
        return False
    name = _dotted(node.func)
    if name in ALWAYS_TRUTHY_CALLS:
        return True
    return isinstance(node.func, ast.Attribute) and node.func.attr in ALWAYS_TRUTHY_METHODS


def _module_bindings(tree: ast.Module) -> dict[str, object]:
    """Module-level names bound to a function, class or module (resolved imports)."""
    out: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            out[node.name] = node
        elif isinstance(node, ast.Import):
            for alias in node.names:
                out[alias.asname or alias.name.split(".")[0]] = "module"
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                value = _resolve(node.module, alias.name)
                if value is not None:
                    out[alias.asname or alias.name] = value
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        out.pop(name.id, None)  # rebound to a value
    return out


def _resolve(module: str, name: str) -> object | None:
    """Return a function/class/module imported by name, or None for anything else."""
    try:
        value = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        try:
            return importlib.import_module(f"{module}.{name}")
        except ImportError:
            return None
    if inspect.isfunction(value) or inspect.isclass(value) or inspect.ismodule(value):
        return value
    if inspect.isbuiltin(value):
        return value
    return None


def _local_names(func: ast.AST) -> set[str]:
    """Names a function binds itself (parameters, assignments, loop/with targets …)."""
    names: set[str] = set()
    if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        args = func.args
        for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if a is not None:
                names.add(a.arg)
    for node in ast.walk(func):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if node is not func:
                names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name.split(".")[0]) for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, ast.Global | ast.Nonlocal):
            names.difference_update(node.names)
    return names


def findings(path: Path) -> list[str]:
    """Every assert in ``path`` that cannot fail, as ``file:line: why``."""
    return findings_in(path.read_text(encoding="utf-8"), str(path.relative_to(TESTS.parent)))


def findings_in(source: str, name: str) -> list[str]:
    """Every assert in the test module ``source`` that cannot fail."""
    tree = ast.parse(source, name)
    bound = _module_bindings(tree)
    found: list[str] = []

    def visit(node: ast.AST, scopes: list[set[str]]) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            scopes = [*scopes, _local_names(node)]
        if isinstance(node, ast.Assert):
            why = _why(node.test, bound, scopes)
            if why:
                found.append(f"{name}:{node.lineno}: {why}")
        for child in ast.iter_child_nodes(node):
            visit(child, scopes)

    visit(tree, [])
    return found


def _why(test: ast.expr, bound: dict[str, object], scopes: list[set[str]]) -> str | None:
    if _truthy_literal(test):
        return f"assert of a literal that is always true: {ast.unparse(test)[:60]}"
    if _always_truthy_call(test):
        return f"assert of a call whose result is always truthy: {ast.unparse(test)[:60]}"
    if isinstance(test, ast.Name) and test.id in bound and not any(test.id in s for s in scopes):
        return f"assert of the function/class/module {test.id!r} (always true)"
    base = _dotted(test.value) if isinstance(test, ast.Attribute) else None
    if (
        isinstance(test, ast.Attribute)  # assert module.function
        and base is not None
        and bound.get(base.split(".")[0]) == "module"
        and not any(base.split(".")[0] in s for s in scopes)
    ):
        try:
            value = getattr(importlib.import_module(base), test.attr, None)
        except ImportError:
            return None
        if inspect.isfunction(value) or inspect.isclass(value) or inspect.ismodule(value):
            return f"assert of the function/class/module {ast.unparse(test)!r}"
    return None


def test_no_assert_in_the_suite_is_always_true() -> None:
    problems = [f for path in sorted(TESTS.rglob("*.py")) for f in findings(path)]
    assert problems == []


# ---------------------------------------------------------------- the checker itself

BAD = """
import base64
import hashlib
import json
from tipline.synth.conversations import generate_sessions

def helper():
    return 1

class Thing:
    pass

def test_bad(x):
    assert generate_sessions
    assert helper
    assert Thing
    assert json
    assert json.dumps
    assert "always"
    assert (x == 1, "message")
    assert [x]
    assert f"value {x}"
    assert base64.b64encode(b"data")
    assert hashlib.sha256(x).hexdigest()
    assert json.dumps(x)
    assert lambda: x
"""

GOOD = """
import base64
import json
from tipline.synth.conversations import generate_sessions
LIMIT = 3

def helper():
    return 1

def test_good(x, helper_result):
    assert x
    assert x == base64.b64encode(b"data")
    assert helper() == 1
    assert LIMIT
    assert False
    assert 0
    assert not json.dumps(x).startswith("[")
    sessions = generate_sessions(1, 2, None)
    assert sessions
    assert generate_sessions(1, 2, None)
    assert isinstance(x, int)
    assert x.hexdigest() == "ab"

def test_rebound():
    helper = None
    assert helper is None
    for Thing in [1]:
        assert Thing
"""


def test_the_checker_flags_every_always_true_assert() -> None:
    got = findings_in(BAD, "bad.py")
    lines = [n for n, text in enumerate(BAD.splitlines(), 1) if text.startswith("    assert")]
    assert [int(f.split(":")[1]) for f in got] == lines, got


def test_the_checker_leaves_real_asserts_alone() -> None:
    assert findings_in(GOOD, "good.py") == []
