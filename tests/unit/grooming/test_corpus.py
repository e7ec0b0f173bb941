"""The labelled corpus: determinism, variety, safety, independence — and the targets."""

from __future__ import annotations

import ast
import re
from collections import Counter
from datetime import UTC, datetime

import pytest

from tests.unit.grooming.conftest import REPO
from tipline.operators.grooming import Scorer, SessionState, score_message
from tipline.operators.grooming.baseline import SessionOutcome, evaluate, keyword_flag_at
from tipline.synth.conversations import SyntheticSession, generate_sessions, to_events

START = datetime(2026, 1, 1, tzinfo=UTC)
HARD_NEGATIVES = {
    "peer",
    "parent",
    "coach-group",
    "surprise-party",
    "adults-dating",
    "gamers-giftcards",
    "tutor",
}
# Words that must never appear in test conversations (safety guard, not a lexicon).
FORBIDDEN = re.compile(r"\b(sex\w*|nude\w*|naked|porn\w*|explicit)\b")


@pytest.fixture(scope="module")
def corpus() -> list[SyntheticSession]:
    return generate_sessions(seed=2, n_sessions=600, start=START)


def outcomes(scorer: Scorer, corpus: list[SyntheticSession]) -> list[SessionOutcome]:
    out = []
    for s in corpus:
        state: SessionState | None = None
        flagged_at, alerts = None, 0
        for n, ev in enumerate(to_events(s), start=1):
            state, v = score_message(scorer, state, ev)
            alerts += v.escalated
            if flagged_at is None and v.level != "none":
                flagged_at = n
        cues = [n for n, m in enumerate(s.messages, start=1) if m.cue and m.cue != "hn"]
        third = cues[2] if s.label and len(cues) >= 3 else None
        out.append(
            SessionOutcome(s.session_id, s.label, len(s.messages), flagged_at, third, alerts)
        )
    return out


def test_deterministic_and_large(corpus: list[SyntheticSession]) -> None:
    again = generate_sessions(seed=2, n_sessions=600, start=START)
    assert again == corpus
    assert generate_sessions(seed=3, n_sessions=5, start=START) != corpus[:5]
    assert len(corpus) >= 500


def test_has_hard_negatives_and_positive_styles(corpus: list[SyntheticSession]) -> None:
    kinds = Counter(s.kind for s in corpus)
    assert set(kinds) >= HARD_NEGATIVES
    assert {k for k in kinds if k.startswith("grooming")} >= {
        "grooming-subtle",
        "grooming-aggressive",
        "grooming-sextortion",
    }
    assert 0.25 < sum(s.label for s in corpus) / len(corpus) < 0.6
    assert any(m.wants_image for s in corpus for m in s.messages)


def test_is_non_explicit(corpus: list[SyntheticSession]) -> None:
    for s in corpus:
        for m in s.messages:
            assert not FORBIDDEN.search(m.text.lower()), s.session_id


def test_generator_is_independent_of_the_scorer() -> None:
    tree = ast.parse((REPO / "synth" / "conversations.py").read_text(encoding="utf-8"))
    imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    assert not any(m.startswith(("operators", "flows", "tomllib")) for m in imported)


def test_events_follow_the_contract(corpus: list[SyntheticSession]) -> None:
    events = to_events(corpus[0])
    assert [e.event_id for e in events] == [
        f"{corpus[0].session_id}-m{k}" for k in range(len(events))
    ]
    assert all(e.sent_at.tzinfo is not None for e in events)


@pytest.mark.slow
def test_scorer_meets_the_issue_targets(scorer: Scorer, corpus: list[SyntheticSession]) -> None:
    report = evaluate(outcomes(scorer, corpus))
    assert report.f05 >= 0.90
    assert report.median_messages_after_third_cue <= 5
    baseline = evaluate(
        SessionOutcome(
            s.session_id,
            s.label,
            len(s.messages),
            keyword_flag_at(m.text for m in s.messages),
            None,
            1,
        )
        for s in corpus
    )
    assert report.f05 > baseline.f05
