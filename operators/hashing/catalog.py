"""Loaded hash lists: one index per algorithm per list source, with entry metadata.

A :class:`LoadedList` is immutable once built; reloading a changed file builds a
new one and swaps it in, so a lookup never sees a half-built index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tipline.operators.hashing.align import ANCHOR_PREFIX, anchor_size
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
    derived_from: str | None = None
    transform: str | None = None

    @property
    def original(self) -> str | None:
        """The id of the original image this entry stands for (itself unless derived)."""
        return self.derived_from if self.derived_from is not None else self.entry_id

    @property
    def region(self) -> bool:
        """Whether this entry hashes a region of the original (not the whole image)."""
        return self.transform is not None and self.transform.startswith("region:")

    @property
    def anchor(self) -> bool:
        """Whether this entry is a crop-alignment anchor (used only by the alignment search)."""
        return self.transform is not None and self.transform.startswith(ANCHOR_PREFIX)


@dataclass(frozen=True, slots=True)
class IndexedEntries:
    """One algorithm's index and the column store it was built from."""

    index: HashIndex
    entries: AlgorithmEntries
    anchors: Mapping[tuple[str, str], tuple[int, bytes, int, int]] = field(default_factory=dict)
    """(list, original id) -> (position, anchor hash, original width, height): crop alignment."""

    def info(self, position: int) -> EntryInfo:
        """Return the list, id and category of entry ``position``."""
        e = self.entries
        origin, transform = e.derived.get(position, (None, None))
        return EntryInfo(
            list=e.list_names[e.list_codes[position]],
            entry_id=e.ids[position],
            category=e.categories[e.category_codes[position]],
            derived_from=origin,
            transform=transform,
        )

    @property
    def has_regions(self) -> bool:
        """Whether any entry is a region hash."""
        return any(t.startswith("region:") for _, t in self.entries.derived.values())


@dataclass(frozen=True, slots=True)
class LoadedList:
    """A list source ready for lookups.

    Attributes:
        source: the configured name (``name`` or the file stem).
        path: the file it was read from.
        version: ``sha256:<hex>`` of the file bytes.
        indexes: per algorithm name, the index over that algorithm's entries.
        max_distance: per-list radius overrides by algorithm name.
        strong_distance: per-list strong-threshold overrides by algorithm name.
        candidate_distance: per-list two-stage radius overrides by algorithm name.
        kind: ``match`` or ``allow`` (a negative list that suppresses matches).

    """

    source: str
    path: str
    version: str
    indexes: Mapping[str, IndexedEntries]
    max_distance: Mapping[str, int]
    strong_distance: Mapping[str, int] = field(default_factory=dict)
    candidate_distance: Mapping[str, int] = field(default_factory=dict)
    kind: str = "match"

    def __len__(self) -> int:
        """Return the number of entries over all algorithms."""
        return sum(len(ix.index) for ix in self.indexes.values())


def build_loaded_list(
    source: str,
    parsed: ParsedList,
    algorithms: Mapping[str, HashAlgorithm],
    max_distance: Mapping[str, int],
    *,
    strong_distance: Mapping[str, int] | None = None,
    candidate_distance: Mapping[str, int] | None = None,
    kind: str = "match",
) -> LoadedList:
    """Index a parsed list with each algorithm's own index type.

    The parsed list is consumed: its per-entry ``values`` are released once the
    index holds them in packed form (for 10 M entries that is ~650 MB).
    """
    indexes: dict[str, IndexedEntries] = {}
    for name, entries in parsed.entries.items():
        index = algorithms[name].build_index(entries.values)
        anchors = _anchors(entries)
        entries.values = []
        indexes[name] = IndexedEntries(index=index, entries=entries, anchors=anchors)
    return LoadedList(
        source=source,
        path=parsed.path,
        version=parsed.version,
        indexes=indexes,
        max_distance=dict(max_distance),
        strong_distance=dict(strong_distance or {}),
        candidate_distance=dict(candidate_distance or {}),
        kind=kind,
    )


def _anchors(entries: AlgorithmEntries) -> dict[tuple[str, str], tuple[int, bytes, int, int]]:
    """Return the anchor entries (crop alignment) with their hash values (one per original)."""
    out = {}
    for position, (origin, transform) in entries.derived.items():
        size = anchor_size(transform)
        if size is not None:
            list_name = entries.list_names[entries.list_codes[position]]
            out[list_name, origin] = (position, entries.values[position], *size)
    return out
