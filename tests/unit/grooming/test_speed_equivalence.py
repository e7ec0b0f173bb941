"""Speed work leaves the scorer's outputs as they were: every corpus against a frozen digest.

The runs and the fixture are described in :mod:`tests.unit.grooming.speed_golden`;
``python -m tests.unit.grooming.speed_golden`` prints where a run differs, and
``--write`` refreezes it when detection is meant to change.
"""

from __future__ import annotations

import json

import pytest

from tests.unit.grooming.speed_golden import FIXTURE, REPO, differences, digest, runs, scorer_for
from tipline.operators.grooming import score_message
from tipline.operators.grooming.scorer import message_cues
from tipline.services.corpus import read_corpus

FROZEN = json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_every_frozen_run_is_still_produced() -> None:
    assert sorted(FROZEN) == sorted(name for name, _ in runs())
    assert all(run["messages"] > 1000 and run["sample"] for run in FROZEN.values())


@pytest.mark.slow
def test_every_message_scores_and_reads_exactly_as_frozen() -> None:
    now = {name: digest(lines) for name, lines in runs()}
    assert differences(now, FROZEN) == []


def test_message_cues_reads_a_scored_text_as_a_fresh_scorer_does() -> None:
    """The reading a scored message leaves for ``message_cues`` equals reading the text anew."""
    scored, fresh = scorer_for("config/default.toml"), scorer_for("config/default.toml")
    sessions = read_corpus(REPO / "corpora" / "author-a").sessions[:40]
    for s in sessions:
        state = None
        for event in s.events:
            state, _ = score_message(scored, state, event)
            assert message_cues(scored, event.text) == message_cues(fresh, event.text)
            fresh.readings.clear()
    assert scored.readings and not fresh.readings
