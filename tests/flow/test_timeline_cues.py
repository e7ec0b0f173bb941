"""Timelines name every signal on every message it hit, once (drafts, static page, console)."""

from __future__ import annotations

from datetime import timedelta

from tests.unit.grooming.conftest import REPO, make_event
from tipline.flows.pipeline import Pipeline
from tipline.flows.records import Decided, Matched
from tipline.operators.grooming.scorer import message_cues
from tipline.schemas.config import TiplineConfig, load_config
from tipline.schemas.source import SourcePosition

TEXTS = [
    "dont tell ur mom ok",  # secrecy
    "lol ok",
    "ur so pretty",  # flattery
    "delete our chat",  # secrecy again: the verdict keeps only this newest hit
    "ur so pretty, dont tell ur mom",  # flattery + secrecy
]


def _patterns_only() -> TiplineConfig:
    """The default config with the cue recogniser off: these tests are about the timeline."""
    return load_config(
        REPO / "config" / "default.toml",
        overrides=["grooming.model.path=", "grooming.model.sha256="],
    )


def test_message_cues_names_every_matching_category() -> None:
    pipe = Pipeline(_patterns_only())
    assert message_cues(pipe.scorer, "ur so pretty, dont tell ur mom") == ["flattery", "secrecy"]
    assert message_cues(pipe.scorer, None) == []
    assert message_cues(pipe.scorer, "lol ok") == []


def test_timeline_shows_each_signal_on_every_hit_never_twice() -> None:
    pipe = Pipeline(_patterns_only())
    events = [make_event(i, text) for i, text in enumerate(TEXTS)]
    state = None
    decision = None
    for event in events:
        state, verdict = pipe.score(state, event)
        source = SourcePosition(kind="file", file="t.jsonl", offset=0, timestamp_ms=0)
        decision = pipe.decide(Matched(event=event, source=source, attachments=[]), verdict)
    assert decision is not None
    assert decision.session is not None
    newest = {h.signal: h.message_id for h in decision.session.signals}
    assert newest["secrecy"] == events[4].event_id  # the verdict alone would lose e0 and e3
    rows = pipe._timeline(Decided(decision=decision, event=events[-1], context=events[:-1]))
    by_id = {r.message_id: r.signals for r in rows}
    assert by_id == {
        events[0].event_id: ["secrecy"],
        events[1].event_id: [],
        events[2].event_id: ["flattery"],
        events[3].event_id: ["secrecy"],
        events[4].event_id: ["flattery", "secrecy"],
    }
    assert [r.trigger for r in rows] == [False, False, False, False, True]
    assert rows[0].sent_at is not None
    assert rows[4].sent_at == rows[0].sent_at + timedelta(minutes=4)
