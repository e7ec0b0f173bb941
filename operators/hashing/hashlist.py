"""Parsing hash lists (docs/contract.md §2): CSV with a header row, or JSONL.

Each entry keeps its algorithm, hash, list, id and category. A malformed line
is reported as a :class:`HashListIssue` with the file and line number (never
the hash value) and the rest of the file still parses; only an unusable CSV
header or non-CSV bytes fail the whole file. The job loads a list only when it
has no issue at all (``services/hashing.py``: all-or-nothing).
The list's version id is ``sha256:<hex>`` of the file bytes, so a verdict names
exactly which list content it was matched against.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, TypeVar

import msgspec

from tipline.operators.hashing.algorithm import HashAlgorithm, hash_from_hex
from tipline.schemas.errors import HashListError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

T = TypeVar("T")

REQUIRED_COLUMNS: Final = ("algorithm", "hash")
_SAFE_NAME: Final = re.compile(r"[g-zG-Z][A-Za-z0-9_.-]{0,23}")
"""An algorithm name that can be echoed: it cannot be a hex hash (starts past 'f')."""
_JSONL_SUFFIXES: Final = (".jsonl", ".ndjson")


class HashListIssue(msgspec.Struct, frozen=True, kw_only=True):
    """One malformed hash-list line: where and what was wrong (no content)."""

    path: str
    line: int
    problem: str


class _JsonLine(msgspec.Struct, frozen=True, kw_only=True):
    algorithm: str
    hash: str
    list: str | None = None
    id: str | int | None = None
    category: str | None = None
    derived_from: str | int | None = None
    transform: str | None = None


_JSON_LINE: Final = msgspec.json.Decoder(_JsonLine)


@dataclass(slots=True)
class AlgorithmEntries:
    """The entries of one algorithm, column by column (compact for large lists).

    ``list_names`` and ``categories`` are interned: ``list_codes[i]`` indexes
    ``list_names`` and ``category_codes[i]`` indexes ``categories`` (code 0 is
    "no category").
    """

    values: list[bytes] = field(default_factory=list)
    ids: list[str | None] = field(default_factory=list)
    list_codes: array[int] = field(default_factory=lambda: array("I"))
    category_codes: array[int] = field(default_factory=lambda: array("I"))
    list_names: list[str] = field(default_factory=list)
    categories: list[str | None] = field(default_factory=lambda: [None])
    _list_index: dict[str, int] = field(default_factory=dict)
    _category_index: dict[str | None, int] = field(default_factory=lambda: {None: 0})
    derived: dict[int, tuple[str, str]] = field(default_factory=dict)
    """Position -> (original entry id, transform) of derived entries only (sparse)."""

    def add(
        self,
        value: bytes,
        list_name: str,
        entry_id: str | None,
        category: str | None,
        derived: tuple[str, str] | None = None,
    ) -> None:
        """Append one entry (``derived``: its original's id and the transform)."""
        if derived is not None:
            self.derived[len(self.values)] = derived
        self.values.append(value)
        self.ids.append(entry_id)
        self.list_codes.append(_intern(list_name, self._list_index, self.list_names))
        self.category_codes.append(_intern(category, self._category_index, self.categories))


def _intern(value: T, index: dict[T, int], table: list[T]) -> int:
    code = index.get(value)
    if code is None:
        code = index[value] = len(table)
        table.append(value)
    return code


@dataclass(slots=True)
class ParsedList:
    """A parsed list file: entries per algorithm, its version id and bad lines."""

    path: str
    version: str
    entries: dict[str, AlgorithmEntries] = field(default_factory=dict)
    issues: list[HashListIssue] = field(default_factory=list)

    def __len__(self) -> int:
        """Return the number of loaded entries (all algorithms)."""
        return sum(len(e.values) for e in self.entries.values())


def list_version(content: bytes) -> str:
    """Return the version id of a list file's bytes: ``sha256:<hex>``."""
    return "sha256:" + hashlib.sha256(content).hexdigest()


def parse_hash_list(
    path: str,
    content: bytes,
    algorithms: Mapping[str, HashAlgorithm],
    default_list: str,
) -> ParsedList:
    """Parse a docs/contract.md §2 list (CSV with header, or JSONL) from its bytes.

    Args:
        path: the file's path, used in issues and to choose the format
            (``.jsonl``/``.ndjson`` is JSONL, ``.csv`` CSV, otherwise sniffed).
        content: the file bytes.
        algorithms: the known algorithms by name.
        default_list: list name for entries whose ``list`` field is empty.

    Returns:
        The loaded entries and one issue per bad line.

    Raises:
        HashListError: a CSV file without an ``algorithm`` and ``hash`` header,
            or bytes that are not CSV at all (NUL bytes, a runaway quote).

    """
    parsed = ParsedList(path=path, version=list_version(content))
    text = content.decode("utf-8-sig", errors="replace")
    rows = _jsonl_rows(path, text) if _is_jsonl(path, text) else _csv_rows(path, text)
    for line, row in rows:
        if isinstance(row, str):
            parsed.issues.append(HashListIssue(path=path, line=line, problem=row))
            continue
        try:
            _add_row(parsed, row, algorithms, default_list)
        except HashListError as exc:
            parsed.issues.append(HashListIssue(path=path, line=line, problem=str(exc)))
    return parsed


_KNOWN_COLUMNS: Final = frozenset(
    {"algorithm", "hash", "list", "id", "category", "derived_from", "transform"}
)
_TRANSFORM: Final = re.compile(r"[a-z][a-z0-9_:.+-]{0,31}")
_NAME: Final = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,15}")


def _shown_name(value: str) -> str:
    """Quote an algorithm name only when it cannot be a hash value (short, not hex)."""
    text = value.strip()
    hexlike = len(text) >= 8 and all(c in "0123456789abcdefABCDEF" for c in text)
    if _NAME.fullmatch(text) and not hexlike:
        return repr(text)
    return f"a {len(text)}-character algorithm field"


def _is_jsonl(path: str, text: str) -> bool:
    lowered = path.lower()
    if lowered.endswith(_JSONL_SUFFIXES):
        return True
    if lowered.endswith(".csv"):
        return False
    return text.lstrip().startswith("{")


def _add_row(
    parsed: ParsedList, row: _JsonLine, algorithms: Mapping[str, HashAlgorithm], default: str
) -> None:
    name = row.algorithm.strip().lower()
    algorithm = algorithms.get(name)
    if algorithm is None:
        known = ", ".join(sorted(algorithms))
        msg = f"{_shown_name(row.algorithm)} is not a known algorithm (expected one of {known})"
        raise HashListError(msg)
    try:
        value = hash_from_hex(algorithm, row.hash)
    except HashListError:
        # never echo a list value: hashes of known material are themselves sensitive
        msg = (
            f"a {len(row.hash)}-character value is not a {name} hash "
            f"(expected {name} hex; the value is not shown)"
        )
        raise HashListError(msg) from None
    entries = parsed.entries.setdefault(name, AlgorithmEntries())
    entry_id = None if row.id is None or row.id == "" else str(row.id)
    entries.add(
        value, (row.list or "").strip() or default, entry_id, row.category or None, _derived(row)
    )


def _derived(row: _JsonLine) -> tuple[str, str] | None:
    """Return a derived entry's provenance (original id, transform): both or neither."""
    origin = None if row.derived_from in (None, "") else str(row.derived_from)
    transform = (row.transform or "").strip() or None
    if origin is None and transform is None:
        return None
    if origin is None or transform is None:
        msg = "a derived entry needs both derived_from and transform"
        raise HashListError(msg)
    if not _TRANSFORM.fullmatch(transform):
        msg = f"a {len(transform)}-character transform is not a transform name"
        raise HashListError(msg)
    return origin, transform


def _jsonl_rows(path: str, text: str) -> Iterator[tuple[int, _JsonLine | str]]:
    del path
    # Split on "\n" only: str.splitlines() also breaks on \x1c-\x1e, \x85 and
    # \u2028, which would make reported line numbers differ from the file's.
    for number, raw_line in enumerate(text.split("\n"), start=1):
        line = raw_line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            yield number, _JSON_LINE.decode(line)
        except msgspec.DecodeError as exc:
            yield number, f"not a hash-list JSON object: {exc}"


def _csv_rows(path: str, text: str) -> Iterator[tuple[int, _JsonLine | str]]:
    reader = csv.reader(io.StringIO(text))
    try:
        yield from _csv_fields(path, reader)
    except csv.Error as exc:  # NUL bytes, a runaway quoted field: the file is not a CSV list
        msg = f"{path}:{reader.line_num}: not a CSV hash list ({exc})"
        raise HashListError(msg) from None


def _csv_fields(path: str, reader: Any) -> Iterator[tuple[int, _JsonLine | str]]:
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        # the "header" may be a hash row of a headerless file: name columns, never values
        known = [h for h in header if h in _KNOWN_COLUMNS]
        msg = (
            f"{path}:1: CSV header of {len(header)} field(s) lacks column(s) {missing} "
            f"(has {known}; other fields not shown)"
        )
        raise HashListError(msg)
    col = {name: header.index(name) for name in header}
    for fields in reader:
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            yield reader.line_num, f"{len(fields)} fields (expected {len(header)} as in the header)"
            continue
        yield (
            reader.line_num,
            _JsonLine(
                algorithm=fields[col["algorithm"]],
                hash=fields[col["hash"]],
                list=fields[col["list"]] if "list" in col else None,
                id=fields[col["id"]] if "id" in col else None,
                category=fields[col["category"]] if "category" in col else None,
                derived_from=fields[col["derived_from"]] if "derived_from" in col else None,
                transform=fields[col["transform"]] if "transform" in col else None,
            ),
        )
