"""Summaries of py-spy collapsed-stack profiles (``py-spy record --format raw``).

Each line of the raw format is ``frame;frame;...;leaf COUNT`` where a frame
reads ``function (file:line)``. The summary attributes samples to functions
(file and function name, line dropped): *self* counts the leaf only,
*inclusive* counts every distinct function on the stack once and lists
tipline's own functions only.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Final

# Inclusive shares are listed for tipline's own code only (the entry points
# and thread plumbing above it are ~100 % and say nothing).
_OWN_CODE: Final = ("flows/", "operators/", "sinks/", "schemas/")
# py-spy shortens paths per sys.path entry: bytewax.operators shows up as
# "operators/__init__.py" (tipline's own operators/__init__.py has no functions).
_PLUMBING: Final = ("cli/main.py", "flows/runner.py", "operators/__init__.py")
_FRAME: Final = re.compile(r"^(?P<func>.*?) \((?P<file>[^:()]+)(?::\d+)?\)$")


@dataclass(frozen=True, slots=True)
class ProfileSummary:
    """Top functions of a profile by share of samples."""

    samples: int
    top_self: list[tuple[str, float]]
    top_inclusive: list[tuple[str, float]]


def _name(frame: str) -> str:
    m = _FRAME.match(frame.strip())
    if not m:
        return frame.strip()
    path = m.group("file")
    for marker in ("site-packages/", "/work/main/", "python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{m.group('func')} ({path})"


def _is_own(name: str) -> bool:
    path = name.rpartition(" (")[2]
    return path.startswith(_OWN_CODE) and not path.startswith(_PLUMBING)


def summarize_profile(path: Path, top: int = 15) -> ProfileSummary:
    """Top ``top`` functions by self and inclusive share of all samples."""
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [_name(f) for f in stack.split(";")]
        own[frames[-1]] += n
        for name in set(frames):
            if _is_own(name):
                inclusive[name] += n
    if total == 0:
        return ProfileSummary(0, [], [])

    def share(counter: Counter[str]) -> list[tuple[str, float]]:
        return [(name, round(100 * n / total, 1)) for name, n in counter.most_common(top)]

    return ProfileSummary(total, share(own), share(inclusive))
