"""Build a loaded hash list from CSV rows (the list contract's columns) for matcher tests."""

from __future__ import annotations

from tipline.operators.hashing import (
    LoadedList,
    build_loaded_list,
    default_algorithms,
    parse_hash_list,
)

ALGOS = {a.name: a for a in default_algorithms()}
HEADER = "algorithm,hash,list,id,category,derived_from,transform"


def loaded_list(
    rows: list[str], name: str = "known", kind: str = "match", **over: int
) -> LoadedList:
    """Parse ``rows`` under :data:`HEADER` and index them; ``over``: ``<algo>_max`` radii,
    ``<algo>_strong`` and ``<algo>_candidate`` distances of this list."""
    content = (HEADER + "\n" + "\n".join(rows) + "\n").encode()
    parsed = parse_hash_list(f"{name}.csv", content, ALGOS, name)
    assert parsed.issues == []
    cand = {k.split("_")[0]: v for k, v in over.items() if k.endswith("candidate")}
    radii = {k.split("_")[0]: v for k, v in over.items() if k.endswith("max")}
    strong = {k.split("_")[0]: v for k, v in over.items() if k.endswith("strong")}
    return build_loaded_list(
        name, parsed, ALGOS, radii, strong_distance=strong, candidate_distance=cand, kind=kind
    )


def flip(hex_value: str, nbits: int) -> str:
    """``hex_value`` with its lowest ``nbits`` bits inverted: exactly ``nbits`` away."""
    value = int(hex_value, 16) ^ ((1 << nbits) - 1)
    return f"{value:0{len(hex_value)}x}"
