"""Loaded hash lists: one index per algorithm per list source, with entry metadata.

A :class:`LoadedList` is immutable once built; reloading a changed file builds a
new one and swaps it in, so a lookup never sees a half-built index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tipline.operators.hashing.hashlist import AlgorithmEntries, ParsedList

if TYPE_CHECKING:
    from collections.abc import Mapping

    from tipline.operators.hashing.algorithm import HashAlgorithm, HashIndex


@dataclass(frozen=True, slots=True)
class EntryInfo:
    """What a verdict needs to know about one matched list entry."""

    list: str
    entry_id: str | None
    category: str | None


@dataclass(frozen=True, slots=True)
class IndexedEntries:
    """One algorithm's index and the column store it was built from."""

    index: HashIndex
    entries: AlgorithmEntries

    def info(self, position: int) -> EntryInfo:
        """Return the list, id and category of entry ``position``."""
        e = self.entries
        return EntryInfo(
            list=e.list_names[e.list_codes[position]],
            entry_id=e.ids[position],
            category=e.categories[e.category_codes[position]],
        )


@dataclass(frozen=True, slots=True)
class LoadedList:
    """A list source ready for lookups.

    Attributes:
        source: the configured name (``name`` or the file stem).
        path: the file it was read from.
        version: ``sha256:<hex>`` of the file bytes.
        indexes: per algorithm name, the index over that algorithm's entries.
        max_distance: per-list radius overrides by algorithm name.

    """

    source: str
    path: str
    version: str
    indexes: Mapping[str, IndexedEntries]
    max_distance: Mapping[str, int]

    def __len__(self) -> int:
        """Return the number of entries over all algorithms."""
        return sum(len(ix.index) for ix in self.indexes.values())


def build_loaded_list(
    source: str,
    parsed: ParsedList,
    algorithms: Mapping[str, HashAlgorithm],
    max_distance: Mapping[str, int],
) -> LoadedList:
    """Index a parsed list with each algorithm's own index type.

    The parsed list is consumed: its per-entry ``values`` are released once the
    index holds them in packed form (for 10 M entries that is ~650 MB).
    """
    indexes: dict[str, IndexedEntries] = {}
    for name, entries in parsed.entries.items():
        index = algorithms[name].build_index(entries.values)
        entries.values = []
        indexes[name] = IndexedEntries(index=index, entries=entries)
    return LoadedList(
        source=source,
        path=parsed.path,
        version=parsed.version,
        indexes=indexes,
        max_distance=dict(max_distance),
    )
