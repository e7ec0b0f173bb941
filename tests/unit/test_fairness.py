from __future__ import annotations

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipline.operators.fairness import (
    SessionSample,
    age_band,
    build_calibration,
    encode_calibration,
    gate,
    parse_calibration,
    wilson_lower,
)
from tipline.schemas.decision import ActionGate
from tipline.schemas.errors import ConfigError
from tipline.schemas.grooming import DecisionConfig


def samples() -> list[SessionSample]:
    out = []
    # 200 sessions peaking at 0.9: 196 positive; 100 at 0.6: 60 positive; 300 at 0.1: none
    for i in range(200):
        out.append(SessionSample(f"h{i}", i < 196, 0.9, True, frozenset({("country", "US")})))
    for i in range(100):
        seg = ("country", "BR") if i >= 50 else ("country", "US")
        out.append(SessionSample(f"m{i}", i < 60, 0.6, True, frozenset({seg})))
    for i in range(300):
        seg = ("country", "BR") if i < 100 else ("country", "US")
        out.append(SessionSample(f"l{i}", False, 0.1, False, frozenset({seg})))
    return out


def test_wilson_lower_bound() -> None:
    assert wilson_lower(0, 0, 1.96) == 0.0
    assert wilson_lower(196, 200, 1.96) == pytest.approx(0.9496, abs=1e-3)
    assert wilson_lower(10, 10, 1.96) < 1.0


@given(st.integers(0, 500), st.integers(1, 500))
def test_wilson_lower_is_below_the_rate(k: int, n: int) -> None:
    k = min(k, n)
    assert 0.0 <= wilson_lower(k, n, 1.96) <= k / n


def test_calibration_bins_are_cumulative() -> None:
    table = build_calibration(DecisionConfig(), samples())
    by_edge = {b.min_score: b for b in table.bins}
    assert by_edge[0.0].n == 600
    assert (by_edge[0.5].n, by_edge[0.5].tp) == (300, 256)
    assert (by_edge[0.85].n, by_edge[0.85].tp) == (200, 196)
    assert table.positives == 256


def test_gate_allows_only_above_the_lower_bound() -> None:
    cfg = DecisionConfig(action_min_lower_bound=0.9)
    table = build_calibration(cfg, samples())
    high = gate(cfg, table, 0.92)
    assert high.allowed
    assert high.reason == "lower-bound-ok"
    assert high.lower_bound is not None
    assert high.lower_bound >= 0.9
    mid = gate(cfg, table, 0.6)
    assert not mid.allowed
    assert mid.reason == "lower-bound-below-threshold"
    assert gate(cfg, None, 0.99).reason == "no-calibration"
    assert gate(cfg, table, None).reason == "no-score"


def test_gate_needs_enough_sessions() -> None:
    cfg = DecisionConfig(min_calibration_count=500)
    table = build_calibration(cfg, samples())
    assert gate(cfg, table, 0.95).reason == "too-few-sessions"


def test_segment_false_positive_rates_and_disparity_warning() -> None:
    table = build_calibration(DecisionConfig(disparity_warn_ratio=1.2), samples())
    rates = {(r.segment, r.value): r for r in table.segments}
    br = rates["country", "BR"]  # 40 flagged mid negatives + 100 unflagged low ones
    us = rates["country", "US"]  # 4 flagged high negatives + 200 unflagged low ones
    assert (br.negatives, br.false_positives) == (140, 40)
    assert (us.negatives, us.false_positives) == (204, 4)
    assert table.overall_fpr == pytest.approx(44 / 344)
    assert any("country=BR" in w for w in table.warnings)
    assert not any("country=US" in w for w in table.warnings)


def test_calibration_round_trips_and_rejects_garbage() -> None:
    table = build_calibration(DecisionConfig(), samples())
    assert parse_calibration(encode_calibration(table)) == table
    with pytest.raises(ConfigError, match=r"cal\.json"):
        parse_calibration(b'{"nope": 1}', "cal.json")


@pytest.mark.parametrize(
    ("age", "band"),
    [(None, "unknown"), (9, "<13"), (13, "13-15"), (17, "16-17"), (30, "25-39"), (70, "40+")],
)
def test_age_bands(age: int | None, band: str) -> None:
    assert age_band(age) == band


def test_bin_precision_is_positives_over_sessions() -> None:
    from tipline.operators.fairness import SessionSample

    items = [SessionSample(f"s{i}", i < 2, 0.3, True) for i in range(4)]
    first = build_calibration(DecisionConfig(), items).bins[0]
    assert (first.n, first.tp, first.precision) == (4, 2, 0.5)


def test_calibration_file_format_and_errors() -> None:
    from tipline.schemas.grooming import CalibrationBin, CalibrationTable

    table = build_calibration(DecisionConfig(), samples())
    text = encode_calibration(table).decode()
    assert text.startswith('{\n  "schema": "tipline.calibration/1",\n  "sessions": 600,')
    with pytest.raises(ConfigError) as err:
        parse_calibration(b'{"nope": 1}')
    assert str(err.value).startswith("<calibration>: not a tipline calibration table: ")
    unsorted = CalibrationTable(
        sessions=2, positives=1, z=1.96,
        bins=[CalibrationBin(min_score=s, n=1, tp=1, precision=1.0, wilson_lower=0.2)
              for s in (0.5, 0.1)],
    )  # fmt: skip
    with pytest.raises(ConfigError) as err:
        parse_calibration(encode_calibration(unsorted), "cal.json")
    assert str(err.value) == "cal.json: calibration bins are not sorted by min_score"


def test_without_a_calibration_or_a_score_the_gate_stays_closed_and_says_why() -> None:
    """Closed by default: every early ruling is the whole ActionGate, not only its reason."""
    cfg = DecisionConfig(action_min_lower_bound=0.9)
    table = build_calibration(cfg, samples())
    empty = msgspec.structs.replace(table, bins=[])
    for missing in (gate(cfg, None, 0.99), gate(cfg, empty, 0.99)):
        assert missing == ActionGate(allowed=False, threshold=0.9, reason="no-calibration")
    assert gate(cfg, table, None) == ActionGate(allowed=False, threshold=0.9, reason="no-score")
    too_few = gate(DecisionConfig(min_calibration_count=500), table, 0.95)
    assert (too_few.allowed, too_few.reason) == (False, "too-few-sessions")
