"""Cue recognition inside a session: the learned model read with the previous turns.

The scorer calls :func:`recognise` once per admitted message. The message's
own-message logits (:func:`~tipline.operators.grooming.cues.own_logits`) are kept,
quantised to int8, in a small buffer of the newest messages (``state.recent``,
at most ``model.context_buffer`` entries, sorted by event key). A message's
cues are its pattern categories plus the model cues whose contextual logit
(:func:`~tipline.operators.grooming.cues.full_logits`, with the previous message of
the other party and of the same sender) reaches its threshold.

Order: when a message arrives before messages already in the buffer (out of
order, within the allowed lateness), the buffered messages after it whose
context it changes (the next two: a reading looks back two places at most) are
read again and their hits replaced, so the final hits do not depend on arrival
order while the disorder stays inside the buffer.

Invariants: the buffer holds keys, ids, quantised logits and category
indexes only; its size is bounded.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Final

import numpy as np

from tipline.operators.grooming.cues import CueModel, FloatArray
from tipline.operators.grooming.state import Hit, Recent, SessionState

_SCALE: Final = 8.0
_SCALE32: Final = np.float32(_SCALE)
_NUMBER: Final = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")


_LEVELS: Final = np.arange(-128, 128, dtype=np.float32) / np.float32(_SCALE)
_LOGIT: Final = _LEVELS.astype(np.float32)  # stored byte -> logit
_PROB: Final = (1.0 / (1.0 + np.exp(-_LEVELS))).astype(np.float32)  # stored byte -> probability
_VECTORS: Final = 8192  # messages whose vectors are kept (a few per live session suffice)
_OTHER: Final = 0
_SAME: Final = 1


# per stored logits: (logits + context bias, probabilities, [other term, same term])
_Vectors = tuple[FloatArray, FloatArray, list[FloatArray | None]]


@dataclass(frozen=True, slots=True)
class ModelBinding:
    """A model bound to a config's categories (built once by the scorer).

    ``alone`` is an exact shortcut, not an approximation: a cue read without
    context fires on its quantised logit alone, so whether it fires is a table
    over the 256 stored bytes (computed once with the same float32 arithmetic).
    """

    model: CueModel
    category_of: tuple[int, ...]  # per model cue: the category index, or -1
    thresholds: FloatArray
    buffer: int
    age_probe: int  # category index of age probing, or -1
    family_cols: tuple[int, ...] = ()  # model columns that show family context
    # (model column, category, 256-byte table: does the cue fire alone at that stored byte)
    alone: tuple[tuple[int, int, bytes], ...] = ()
    # (model column, category) of every mapped cue: what a contextual reading can add
    mapped: tuple[tuple[int, int], ...] = ()
    # stored logits -> their vectors (see ``_vectors``): a bounded memo, never mutated in place
    vectors: dict[bytes, _Vectors] = field(default_factory=dict)


def alone_tables(
    model: CueModel, category_of: tuple[int, ...], thresholds: FloatArray
) -> tuple[tuple[int, int, bytes], ...]:
    """Per mapped model column, whether the cue fires without context at each stored byte.

    The same float32 sum and comparison as ``full_logits(model, dequantise(q), None, None)
    >= thresholds``, done once for all 256 bytes.
    """
    out = []
    for j, cat in enumerate(category_of):
        if cat >= 0:
            fires = (_LOGIT + model.context_bias[j]) >= thresholds[j]
            out.append((j, cat, fires.astype(np.uint8).tobytes()))
    return tuple(out)


def own_categories(b: ModelBinding, own: bytes, cats: tuple[int, ...]) -> tuple[int, ...]:
    """Return a message's categories read alone: its patterns plus the model without context.

    ``cats`` is sorted and free of repeats (as :func:`~tipline.operators.grooming.signals.detect`
    returns it), so it is returned as it is when the model adds nothing.
    """
    added = [cat for j, cat, fires in b.alone if fires[own[j]] and cat not in cats]
    if not added:
        return cats
    return tuple(sorted({*cats, *added}))


def quantise(logits: FloatArray) -> bytes:
    """Quantise logits to bytes (1/8 steps, offset 128, clipped): small and exact to compare."""
    q = logits * _SCALE32
    np.rint(q, out=q)
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


def _vectors(b: ModelBinding, data: bytes) -> _Vectors:
    """Return what a message's stored logits give, computed once per message and kept.

    ``(logits + context bias, probabilities, [other term, same term])``: a term is
    filled when a later message first reads this one as context. The key is the
    stored bytes object itself (its hash is cached), so a message read again, as
    its own logits or as another's context, costs a lookup. Bounded: cleared when full.
    """
    vectors = b.vectors.get(data)
    if vectors is None:
        if len(b.vectors) >= _VECTORS:
            b.vectors.clear()
        codes = np.frombuffer(data, dtype=np.uint8, count=b.model.n_cues)
        vectors = b.vectors[data] = (
            _LOGIT[codes] + b.model.context_bias,
            _PROB[codes],
            [None, None],
        )
    return vectors


def _term(b: ModelBinding, data: bytes, slot: int) -> FloatArray:
    """Return the context layer's term for a previous message (another sender's, or the same)."""
    _, probs, terms = _vectors(b, data)
    term = terms[slot]
    if term is None:
        k = b.model.n_cues
        weights = b.model.context[:, :k] if slot == _OTHER else b.model.context[:, k:]
        term = terms[slot] = weights @ probs
    return term


def _context(entries: list[Recent], pos: int) -> tuple[bytes | None, bytes | None]:
    """Return the stored logits of the previous message by another sender (within two), the same."""
    sender = entries[pos][1]
    same = None
    if pos >= 1 and entries[pos - 1][1] == sender:
        same = entries[pos - 1][4]
    other = None
    for back in (1, 2):
        if pos - back >= 0 and entries[pos - back][1] != sender:
            other = entries[pos - back][4]
            break
    return other, same


def _cats(b: ModelBinding, entries: list[Recent], pos: int) -> tuple[int, ...]:
    """Return the final categories of the buffered message at ``pos`` (patterns + model).

    The same sums as ``full_logits(model, dequantise(own), P(other), P(same))``, in
    the same order.
    """
    entry = entries[pos]
    other, same = _context(entries, pos)
    if other is None and same is None:
        return own_categories(b, entry[4], entry[5])
    # own logits + context bias, then the context layer's terms
    # (``context[:, :k] @ P(other)``, ``context[:, k:] @ P(same)``), added in that order
    logits = _vectors(b, entry[4])[0]
    if other is not None:
        logits = logits + _term(b, other, _OTHER)
    if same is not None:
        logits = logits + _term(b, same, _SAME)
    fires = (logits >= b.thresholds).tobytes()  # one byte per cue: 1 where it fires
    cats = entry[5]
    if 1 not in fires:  # no cue fires (most messages): the patterns' categories as they are
        return cats
    added = [cat for j, cat in b.mapped if fires[j] and cat not in cats]
    if not added:
        return cats
    return tuple(sorted({*cats, *added}))


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
    # Only the next two messages read the inserted one as context (``_context`` looks
    # back two places at most); a message further on keeps both its neighbours
    # and so its categories, which reading it again would only reproduce.
    for later in range(pos + 1, min(pos + 3, len(entries))):
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
