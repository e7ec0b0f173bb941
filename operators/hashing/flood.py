"""Flood quarantine: an entry that suddenly matches far more than its history suggests.

A list entry that starts matching a large share of attachments is more likely a
bad entry (a logo, a meme template, a flat image from a third-party list) than
a wave of known material. :class:`FloodGuard` counts, per entry key (list,
original id), matches over the last ``window`` attachments and over all
earlier ones; an entry is quarantined once its count in the window reaches
``min_matches`` and exceeds ``factor`` times what its earlier rate predicts for
a window (at least one match). A quarantined entry stays quarantined until
:meth:`release` (a reviewer's decision); its matches are then held for review
instead of reported.

Pure: no clock (the window is counted in attachments), no I/O.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field

EntryKey = tuple[str, str]
"""(list name, original entry id)."""


@dataclass(slots=True)
class FloodGuard:
    """Counts matches per entry in a sliding window of attachments."""

    window: int
    factor: float
    min_matches: int
    seen: int = 0
    recent: deque[frozenset[EntryKey]] = field(default_factory=deque)
    in_window: Counter[EntryKey] = field(default_factory=Counter)
    before: Counter[EntryKey] = field(default_factory=Counter)
    quarantined: dict[EntryKey, str] = field(default_factory=dict)

    def expected(self, key: EntryKey) -> float:
        """Return the matches of ``key`` one window should hold at its rate before the window."""
        earlier = self.seen - len(self.recent)
        if earlier <= 0:
            return 0.0
        return self.before[key] * self.window / earlier

    def observe(self, keys: Iterable[EntryKey]) -> dict[EntryKey, str]:
        """Count one attachment's matched entries; return those newly quarantined, with why."""
        matched = frozenset(keys)
        self.seen += 1
        self.recent.append(matched)
        self.in_window.update(matched)
        if len(self.recent) > self.window:
            old = self.recent.popleft()
            self.in_window.subtract(old)
            self.before.update(old)
        new: dict[EntryKey, str] = {}
        for key in matched:
            if key in self.quarantined:
                continue
            count = self.in_window[key]
            expected = self.expected(key)
            if count >= self.min_matches and count > self.factor * max(1.0, expected):
                why = (
                    f"{count} matches in the last {len(self.recent)} attachments "
                    f"(history predicts {expected:.1f})"
                )
                self.quarantined[key] = why
                new[key] = why
        return new

    def release(self, key: EntryKey) -> bool:
        """Lift the quarantine of ``key`` (after review); return whether it was held."""
        return self.quarantined.pop(key, None) is not None
