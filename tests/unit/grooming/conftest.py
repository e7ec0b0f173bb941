"""Fixtures for the grooming tests: the default config's scorer and an event factory."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tipline.operators.grooming import Scorer, compile_scorer
from tipline.schemas.config import TiplineConfig, load_config
from tipline.schemas.event import MESSAGE_SCHEMA, Account, MessageEvent
from tipline.services.cue_model import load_cue_model

REPO = Path(__file__).resolve().parents[3]
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

EventFactory = Callable[..., MessageEvent]


@pytest.fixture(scope="session")
def config() -> TiplineConfig:
    return load_config(REPO / "config" / "default.toml")


@pytest.fixture(scope="session")
def scorer(config: TiplineConfig) -> Scorer:
    """The production scorer: the default config with its cue model."""
    return compile_scorer(config.grooming, config.decision, load_cue_model(config.grooming))


def make_event(
    i: int,
    text: str | None,
    *,
    sender: str = "adult",
    to: tuple[str, ...] = ("kid",),
    ages: dict[str, int | None] | None = None,
    at: datetime | None = None,
    session: str = "s-1",
) -> MessageEvent:
    """A message event; ``ages`` gives declared ages by user id."""
    ages = {"adult": 34, "kid": 13} if ages is None else ages
    return MessageEvent(
        schema=MESSAGE_SCHEMA,
        event_id=f"{session}-e{i}",
        sent_at=at if at is not None else T0 + timedelta(minutes=i),
        session_id=session,
        sender=Account(user_id=sender, declared_age=ages.get(sender)),
        recipients=[Account(user_id=r, declared_age=ages.get(r)) for r in to],
        text=text,
    )


@pytest.fixture
def event() -> EventFactory:
    return make_event
