"""Friendlier config errors: did-you-mean for unknown keys, the allowed values of enums.

msgspec names the key path of a bad value; this module adds what to write
instead, from the config schema itself (:func:`hint`), and accepts the
spellings other tools use for the same value (:func:`normalise_aliases`:
Kafka's ``earliest``/``latest`` for ``input.starting_offset``).
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Final

import msgspec
from msgspec import inspect as mi

_UNKNOWN: Final = re.compile(r"unknown field `(?P<name>[^`]+)`")
_ENUM: Final = re.compile(r"Invalid enum value")
_SEGMENT: Final = re.compile(r"([^.\[\]]+)|\[(\d+)\]")

# key path -> {alias: value}
ALIASES: Final[dict[tuple[str, str], dict[str, str]]] = {
    ("input", "starting_offset"): {"earliest": "beginning", "latest": "end"},
}


def normalise_aliases(data: dict[str, Any]) -> dict[str, Any]:
    """Return ``data`` with aliased values replaced by the canonical ones (a copy if changed)."""
    out = data
    for (section, key), table in ALIASES.items():
        block = data.get(section)
        if isinstance(block, dict) and isinstance(block.get(key), str) and block[key] in table:
            out = {**out, section: {**block, key: table[block[key]]}}
    return out


def _unwrap(t: mi.Type) -> mi.Type:
    while isinstance(t, mi.Metadata):
        t = t.type
    if isinstance(t, mi.UnionType):
        rest = [x for x in t.types if not isinstance(x, mi.NoneType)]
        if len(rest) == 1:
            return _unwrap(rest[0])
    return t


def type_at(root: type, path: str) -> mi.Type | None:
    """Return the schema type at a msgspec key path like ``hashing.lists[0]`` (None if unknown)."""
    t: mi.Type = mi.type_info(root)
    for name, index in _SEGMENT.findall(path):
        t = _unwrap(t)
        if index and isinstance(t, mi.ListType):
            t = t.item_type
        elif name and isinstance(t, mi.StructType):
            fields = {f.encode_name: f.type for f in t.fields}
            if name not in fields:
                return None
            t = fields[name]
        elif name and isinstance(t, mi.DictType):
            t = t.value_type
        else:
            return None
    return _unwrap(t)


def hint(root: type, path: str, problem: str) -> str:
    """Return a suffix for a config error: the closest valid key, or the allowed values."""
    t = type_at(root, path)
    unknown = _UNKNOWN.search(problem)
    if unknown and isinstance(t, mi.StructType):
        valid = [f.encode_name for f in t.fields]
        close = difflib.get_close_matches(unknown.group("name"), valid, n=1, cutoff=0.6)
        if close:
            return f" (did you mean `{close[0]}`?)"
        return f" (valid keys: {', '.join(valid)})"
    if _ENUM.search(problem) and isinstance(t, mi.LiteralType):
        values = [str(v) for v in t.values]
        if path in {".".join(k) for k in ALIASES}:
            table = ALIASES[tuple(path.split("."))]  # type: ignore[index]
            values += [f"{a} (= {v})" for a, v in table.items()]
        return f" (expected one of: {', '.join(values)})"
    return ""


def convert_hint(root: type, exc: msgspec.ValidationError, path: str, problem: str) -> str:
    """:func:`hint` for a :class:`msgspec.ValidationError` (never raises)."""
    try:
        return hint(root, path, problem)
    except (TypeError, ValueError):  # pragma: no cover - a schema msgspec cannot inspect
        return ""
