"""Reviewer feedback on list entries: confirm or disconfirm, one JSON line per decision.

``tipline hashes feedback`` appends :class:`EntryFeedback` records to an
append-only JSONL file (never rewritten); ``tipline hashes stats`` folds them
into per-entry tallies with :func:`tally`. A record names the list, the entry
id, the verdict, the reviewer and the time, never a hash value or content.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import msgspec

Verdict = Literal["confirm", "disconfirm"]


class EntryFeedback(msgspec.Struct, frozen=True, kw_only=True):
    """One reviewer decision about one list entry."""

    schema: Literal["tipline.hash_entry_feedback/1"] = "tipline.hash_entry_feedback/1"
    list: str
    entry_id: str
    verdict: Verdict
    reviewer: str
    at: datetime
    attachment_id: str | None = None


@dataclass(slots=True)
class EntryTally:
    """Confirmations and disconfirmations of one entry, and the latest decision."""

    confirmed: int = 0
    disconfirmed: int = 0
    last: str | None = None
    reviewers: set[str] = field(default_factory=set)


_DECODER = msgspec.json.Decoder(EntryFeedback)


def parse_feedback(lines: Iterable[bytes]) -> tuple[list[EntryFeedback], int]:
    """Decode feedback lines; return the records and the number of unreadable lines."""
    records: list[EntryFeedback] = []
    bad = 0
    for line in lines:
        if not line.strip():
            continue
        try:
            records.append(_DECODER.decode(line))
        except msgspec.DecodeError:
            bad += 1
    return records, bad


def tally(records: Iterable[EntryFeedback]) -> dict[tuple[str, str], EntryTally]:
    """Fold records (in file order) into one tally per (list, entry id)."""
    out: dict[tuple[str, str], EntryTally] = {}
    for r in records:
        t = out.setdefault((r.list, r.entry_id), EntryTally())
        if r.verdict == "confirm":
            t.confirmed += 1
        else:
            t.disconfirmed += 1
        t.last = r.verdict
        t.reviewers.add(r.reviewer)
    return out
