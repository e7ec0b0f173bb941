"""Speed work leaves the scorer's outputs as they were: every corpus against a frozen digest.

The runs and the fixture are described in :mod:`tests.unit.grooming.speed_golden`;
``python -m tests.unit.grooming.speed_golden`` prints where a run differs, and
``--write`` refreezes it when detection is meant to change.
"""

from __future__ import annotations

import json

import pytest

from tests.unit.grooming.speed_golden import FIXTURE, differences, digest, runs

FROZEN = json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_every_frozen_run_is_still_produced() -> None:
    assert sorted(FROZEN) == sorted(name for name, _ in runs())
    assert all(run["messages"] > 1000 and run["sample"] for run in FROZEN.values())


@pytest.mark.slow
def test_every_message_scores_and_reads_exactly_as_frozen() -> None:
    now = {name: digest(lines) for name, lines in runs()}
    assert differences(now, FROZEN) == []
