"""Cue recognition inside a session: the learned model read with the previous turns.

The scorer calls :func:`recognise` once per admitted message. The message's
own-message logits (:func:`~tipline.operators.grooming.cues.own_logits`) are kept,
quantised to int8, in a small buffer of the newest messages (``state.recent``,
at most ``model.context_buffer`` entries, sorted by event key). A message's
cues are its pattern categories plus the model cues whose contextual logit
(:func:`~tipline.operators.grooming.cues.full_logits`, with the previous message of
the other party and of the same sender) reaches its threshold.

Order: when a message arrives before messages already in the buffer (out of
order, within the allowed lateness), the buffered messages after it are read
again with their new context and their hits replaced, so the final hits do not
depend on arrival order while the disorder stays inside the buffer.

Invariants: the buffer holds keys, ids, quantised logits and category
indexes only; its size is bounded.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Final

import numpy as np

from tipline.operators.grooming.cues import CueModel, FloatArray, full_logits
from tipline.operators.grooming.state import Hit, Recent, SessionState

_SCALE: Final = 8.0
_NUMBER: Final = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")


@dataclass(frozen=True, slots=True)
class ModelBinding:
    """A model bound to a config's categories (built once by the scorer)."""

    model: CueModel
    category_of: tuple[int, ...]  # per model cue: the category index, or -1
    thresholds: FloatArray
    buffer: int
    age_probe: int  # category index of age probing, or -1
    family_cols: tuple[int, ...] = ()  # model columns that show family context


_LEVELS: Final = np.arange(-128, 128, dtype=np.float32) / np.float32(_SCALE)
_LOGIT: Final = _LEVELS.astype(np.float32)  # stored byte -> logit
_PROB: Final = (1.0 / (1.0 + np.exp(-_LEVELS))).astype(np.float32)  # stored byte -> probability


def quantise(logits: FloatArray) -> bytes:
    """Quantise logits to bytes (1/8 steps, offset 128, clipped): small and exact to compare."""
    q = np.rint(logits * np.float32(_SCALE))
    np.minimum(q, 127, out=q)
    np.maximum(q, -127, out=q)
    q += 128
    out: bytes = q.astype(np.uint8).tobytes()
    return out


def dequantise(data: bytes) -> FloatArray:
    """Inverse of :func:`quantise`."""
    out: FloatArray = _LOGIT[np.frombuffer(data, dtype=np.uint8)]
    return out


def probabilities(data: bytes, k: int) -> FloatArray:
    """Return the first ``k`` stored logits as probabilities (a table lookup)."""
    out: FloatArray = _PROB[np.frombuffer(data, dtype=np.uint8, count=k)]
    return out


def adult_evidence(data: bytes) -> int:
    """Return the quantised "sender is an adult" logit (the last column), in 1/8 steps."""
    return data[-1] - 128


def _context(
    entries: list[Recent], pos: int, k: int
) -> tuple[FloatArray | None, FloatArray | None]:
    """Cue probabilities of the previous message by another sender (within two) and by the same."""
    sender = entries[pos][1]
    same = None
    if pos >= 1 and entries[pos - 1][1] == sender:
        same = probabilities(entries[pos - 1][4], k)
    other = None
    for back in (1, 2):
        if pos - back >= 0 and entries[pos - back][1] != sender:
            other = probabilities(entries[pos - back][4], k)
            break
    return other, same


def _cats(b: ModelBinding, entries: list[Recent], pos: int) -> tuple[int, ...]:
    """Return the final categories of the buffered message at ``pos`` (patterns + model)."""
    entry = entries[pos]
    other, same = _context(entries, pos, b.model.n_cues)
    logits = full_logits(b.model, dequantise(entry[4]), other, same)
    found = set(entry[5])
    for j in np.flatnonzero(logits >= b.thresholds):
        cat = b.category_of[int(j)]
        if cat >= 0:
            found.add(cat)
    return tuple(sorted(found))


def _replace_hits(state: SessionState, entry: Recent, cats: tuple[int, ...], max_hits: int) -> None:
    key, sender, target, event_id = entry[0], entry[1], entry[2], entry[3]
    kept = [h for h in state.hits if h[0] != key]
    new: list[Hit] = [(key, c, sender, target, event_id) for c in cats]
    state.hits = sorted(kept + new)
    overflow = len(state.hits) - max_hits
    if overflow > 0:
        del state.hits[:overflow]


def recognise(
    b: ModelBinding,
    state: SessionState,
    entry: Recent,
    max_hits: int,
) -> tuple[tuple[int, ...], bool]:
    """Insert a message into the context buffer and return its final categories.

    Args:
        b: the bound model.
        state: the session state (buffer and hits mutated: later buffered
            messages are re-read with their new context).
        entry: the message (its final categories are filled in here).
        max_hits: the hit cap.

    Returns:
        The message's categories (patterns and model) and whether the previous
        message by another participant probed for an age (so a bare number
        in this one is an age).

    """
    entries = state.recent
    pos = bisect.bisect_left(entries, entry)
    entries.insert(pos, entry)
    cats = _cats(b, entries, pos)
    entries[pos] = (*entry[:6], cats)
    for later in range(pos + 1, len(entries)):
        new = _cats(b, entries, later)
        if new != entries[later][6]:
            entries[later] = (*entries[later][:6], new)
            _replace_hits(state, entries[later], new, max_hits)
    asked = False
    sender = entry[1]
    for back in (1, 2):
        if pos - back >= 0 and entries[pos - back][1] != sender:
            asked = b.age_probe in entries[pos - back][6]
            break
    overflow = len(entries) - b.buffer
    if overflow > 0:
        del entries[:overflow]
    return cats, asked


def bare_age(norm: str, min_age: int, max_age: int) -> tuple[int, int] | None:
    """Return an age given as a short answer ("13", "13 lol", "8th"): only after an age question.

    Args:
        norm: normalised text of a short reply.
        min_age: smallest plausible age.
        max_age: largest plausible age.

    Returns:
        The age range, or None when the reply has no single plausible number.

    """
    tokens = norm.split()
    if not tokens or len(tokens) > 4:
        return None
    numbers = _NUMBER.findall(norm)
    if len(numbers) != 1:
        return None
    value = int(numbers[0])
    if re.search(r"\b\d{1,2}(?:st|nd|rd|th)\b", norm):  # a grade
        value += 5
        return (value, value + 1) if min_age <= value <= max_age else None
    return (value, value) if min_age <= value <= max_age else None
