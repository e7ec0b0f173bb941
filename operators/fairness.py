"""The fairness gate and the calibration that feeds it.

A session score is not a probability. ``tipline calibrate`` turns a labelled
replay into a :class:`~tipline.schemas.grooming.CalibrationTable`: for score edges
0.00, 0.05, …, 0.95 it counts the sessions whose *peak* score reached the edge
and how many of them were grooming. At decision time a running score ``s``
means the session's peak is at least ``s``, so the bin with the largest edge
≤ ``s`` gives the calibrated precision, with a Wilson score interval.

The gate allows an account action (suspend / restrict) only when that
interval's lower bound is at least ``decision.action_min_lower_bound`` and
the bin holds at least ``min_calibration_count`` sessions; otherwise the case
goes to human review. The calibration also reports false-positive rates per
segment (country, declared-age band, language where known) and warns when a
segment's rate exceeds the overall rate by ``disparity_warn_ratio``.

Invariants: pure functions over scores, labels and segment names; the table
holds counts only.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

import msgspec

from tipline.schemas.decision import ActionGate
from tipline.schemas.errors import ConfigError
from tipline.schemas.grooming import CalibrationBin, CalibrationTable, DecisionConfig, SegmentRate

EDGES: Final = tuple(round(i * 0.05, 2) for i in range(20))
_AGE_BANDS: Final = ((13, "<13"), (16, "13-15"), (18, "16-17"), (25, "18-24"), (40, "25-39"))


def wilson_lower(successes: int, n: int, z: float) -> float:
    """Return the lower bound of the Wilson score interval (0 for ``n == 0``).

    With no successes the bound is exactly 0; the closed form would leave a
    rounding residue (~1e-18) above the observed rate.
    """
    if n <= 0 or successes <= 0:
        return 0.0
    p = successes / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max((centre - spread) / (1 + z2 / n), 0.0)


def age_band(age: int | None) -> str:
    """Return the declared-age band used as a fairness segment."""
    if age is None:
        return "unknown"
    return next((band for limit, band in _AGE_BANDS if age < limit), "40+")


@dataclass(frozen=True, slots=True)
class SessionSample:
    """One labelled session of a replay: its peak score, whether it was flagged, segments."""

    session_id: str
    positive: bool
    peak_score: float
    flagged: bool
    segments: frozenset[tuple[str, str]] = field(default_factory=frozenset)


def _bins(samples: list[SessionSample], z: float) -> list[CalibrationBin]:
    """Cumulative bins: sessions whose peak reached each edge, and the positives among them."""
    out = []
    for edge in EDGES:
        reached = [s for s in samples if s.peak_score >= edge]
        tp = sum(1 for s in reached if s.positive)
        n = len(reached)
        out.append(
            CalibrationBin(min_score=edge, n=n, tp=tp, precision=tp / n if n else 0.0,
                           wilson_lower=wilson_lower(tp, n, z))
        )  # fmt: skip
    return out


def _segment_rates(samples: list[SessionSample]) -> list[SegmentRate]:
    """False-positive rate per segment over the negative sessions."""
    negatives: dict[tuple[str, str], int] = defaultdict(int)
    false_pos: dict[tuple[str, str], int] = defaultdict(int)
    for s in samples:
        if s.positive:
            continue
        for seg in s.segments:
            negatives[seg] += 1
            false_pos[seg] += s.flagged
    return [
        SegmentRate(segment=seg[0], value=seg[1], negatives=n, false_positives=false_pos[seg],
                    fpr=false_pos[seg] / n)
        for seg, n in sorted(negatives.items())
    ]  # fmt: skip


def build_calibration(cfg: DecisionConfig, samples: Iterable[SessionSample]) -> CalibrationTable:
    """Build the calibration table and the per-segment false-positive report.

    Args:
        cfg: the ``[decision]`` section (z, disparity ratio and minimum counts).
        samples: one per labelled session.

    Returns:
        The table, with warnings for segments whose false-positive rate exceeds
        ``disparity_warn_ratio`` times the overall rate.

    """
    items = list(samples)
    negatives = [s for s in items if not s.positive]
    overall = sum(s.flagged for s in negatives) / len(negatives) if negatives else 0.0
    segments = _segment_rates(items)
    warnings = [
        f"false-positive disparity: {r.segment}={r.value} fpr {r.fpr:.3f} vs overall {overall:.3f}"
        for r in segments
        if r.negatives >= cfg.disparity_min_negatives
        and r.false_positives > 0
        and r.fpr > cfg.disparity_warn_ratio * overall
    ]
    return CalibrationTable(
        sessions=len(items), positives=len(items) - len(negatives), z=cfg.wilson_z,
        bins=_bins(items, cfg.wilson_z), overall_fpr=overall, segments=segments,
        warnings=warnings,
    )  # fmt: skip


def gate(cfg: DecisionConfig, table: CalibrationTable | None, score: float | None) -> ActionGate:
    """Rule whether an account action may be recommended for a session score.

    Args:
        cfg: the ``[decision]`` section.
        table: the calibration table, or None when none is configured.
        score: the session's running score (None: no session verdict).

    Returns:
        The ruling; ``reason`` is one of ``no-calibration``, ``no-score``,
        ``too-few-sessions``, ``lower-bound-below-threshold``, ``lower-bound-ok``.

    """
    threshold = cfg.action_min_lower_bound
    if table is None or not table.bins:
        return ActionGate(allowed=False, threshold=threshold, reason="no-calibration")
    if score is None:
        return ActionGate(allowed=False, threshold=threshold, reason="no-score")
    eligible = [b for b in table.bins if b.min_score <= score]
    chosen = eligible[-1] if eligible else table.bins[0]
    if chosen.n < cfg.min_calibration_count:
        reason, allowed = "too-few-sessions", False
    elif chosen.wilson_lower >= threshold:
        reason, allowed = "lower-bound-ok", True
    else:
        reason, allowed = "lower-bound-below-threshold", False
    return ActionGate(
        allowed=allowed, confidence=chosen.precision, lower_bound=chosen.wilson_lower,
        threshold=threshold, reason=reason,
    )  # fmt: skip


_DEC: Final = msgspec.json.Decoder(CalibrationTable)
_ENC: Final = msgspec.json.Encoder()


def parse_calibration(raw: bytes, origin: str = "<calibration>") -> CalibrationTable:
    """Decode a calibration JSON file's bytes.

    Raises:
        ConfigError: the bytes are not a calibration table (names the origin).

    """
    try:
        table = _DEC.decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        msg = f"{origin}: not a tipline calibration table: {exc}"
        raise ConfigError(msg) from exc
    if sorted(b.min_score for b in table.bins) != [b.min_score for b in table.bins]:
        msg = f"{origin}: calibration bins are not sorted by min_score"
        raise ConfigError(msg)
    return table


def encode_calibration(table: CalibrationTable) -> bytes:
    """Encode a calibration table as pretty JSON."""
    return msgspec.json.format(_ENC.encode(table), indent=2)
