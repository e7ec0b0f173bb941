"""Speed work leaves the scorer's outputs as they were: every corpus against a frozen digest.

The runs and the fixture are described in :mod:`tests.unit.grooming.speed_golden`;
``python -m tests.unit.grooming.speed_golden`` prints where a run differs, and
``--write`` refreezes it when detection is meant to change.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tests.unit.grooming.speed_golden import FIXTURE, REPO, differences, digest, runs, scorer_for
from tipline.operators.grooming import score_message
from tipline.operators.grooming.scorer import _digest, message_cues
from tipline.schemas.event import MESSAGE_SCHEMA, Account, MessageEvent
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


def test_a_repeated_text_scores_from_its_reading_as_a_fresh_analysis_does() -> None:
    """A text scored again reuses its reading; states and verdicts equal a cold scorer's."""
    warm, cold = scorer_for("config/default.toml"), scorer_for("config/default.toml")
    reused = 0
    for s in read_corpus(REPO / "corpora" / "author-b").sessions[:60]:
        a = b = None
        for event in s.events:
            reused += bool(event.text) and _digest(event.text or "") in warm.readings
            a, verdict = score_message(warm, a, event)
            cold.readings.clear()
            b, expected = score_message(cold, b, event)
            assert verdict == expected
            assert a == b
    assert reused > 100


def _event(i: int, sender: str, recipient: str, text: str, session: str) -> MessageEvent:
    return MessageEvent(
        schema=MESSAGE_SCHEMA,
        event_id=f"{session}-{i}",
        session_id=session,
        sent_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=30 * i),
        sender=Account(user_id=sender),
        recipients=[Account(user_id=recipient)],
        text=text,
    )


def test_a_reused_reading_still_reads_a_bare_age_after_an_age_question() -> None:
    """The memo keeps no text; "13 lol" after "how old are you" is still an age the second time."""
    scorer = scorer_for("config/default.toml")
    for session in ("first", "second"):
        state = None
        for i, (sender, text) in enumerate((("x", "how old are you"), ("k", "13 lol"))):
            state, _ = score_message(
                scorer, state, _event(i, sender, "k" if sender == "x" else "x", text, session)
            )
        assert state is not None
        assert state.people["k"][2:] == (13, 13)
    assert _digest("13 lol") in scorer.readings
