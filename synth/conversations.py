"""Labelled synthetic chat sessions for evaluating grooming detection.

The corpus is written from the behaviour literature, independently of the
scorer's phrase lists (it does not import ``operators`` or read the config):
its wording, typos and slang differ on purpose, so an evaluation measures
generalisation rather than string overlap.

Every conversation is NON-EXPLICIT. Grooming appears only through behavioural
cues (asking age, checking whether the child is alone, secrecy, moving to
another app, flattery, gifts and game currency, photo requests, meeting
requests, pressure and threats), always beside hard negatives: same-age
peers, parents, coaches in group chats, tutors, surprise parties, adults
dating each other and gamers trading gift cards.

Invariants:
    * Deterministic: the same ``seed``, ``n_sessions`` and ``start`` give the
      same sessions, byte for byte.
    * Messages carry ``cue`` (the generator's own cue category) where a risk
      cue — or a cue-like hard-negative line — was placed; evaluation counts
      the third cue of positive sessions from these flags.
    * Imports schemas only.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Final

from msgspec import Struct

from tipline.schemas.event import MESSAGE_SCHEMA, Account, MessageEvent
from tipline.synth.phrases import (
    _CHILD_REPLIES,
    _CHILD_SAYS_TO_PARENT,
    _COACH,
    _COUNTRIES,
    _CUES,
    _DATING,
    _FILLER,
    _GAMER,
    _NAMES,
    _PARENT_SAYS,
    _PARTY,
    _PEER,
    _TUTOR,
)


class Participant(Struct, frozen=True, kw_only=True):
    """One synthetic account."""

    user_id: str
    declared_age: int | None
    country: str
    screen_name: str


class SyntheticMessage(Struct, frozen=True, kw_only=True):
    """One synthetic message; ``cue`` names the risk cue the generator placed."""

    sender: str
    recipients: list[str]
    sent_at: datetime
    text: str
    cue: str | None = None
    wants_image: bool = False


class SyntheticSession(Struct, frozen=True, kw_only=True):
    """One labelled conversation."""

    session_id: str
    label: bool
    kind: str
    participants: list[Participant]
    messages: list[SyntheticMessage]


# kind -> (weight, positive)
_KINDS: Final[dict[str, tuple[int, bool]]] = {
    "grooming-subtle": (10, True),
    "grooming-aggressive": (8, True),
    "grooming-sextortion": (4, True),
    "grooming-gamer": (5, True),
    "grooming-undeclared": (6, True),
    "grooming-fake-peer": (3, True),
    "peer": (12, False),
    "parent": (10, False),
    "coach-group": (7, False),
    "surprise-party": (5, False),
    "adults-dating": (8, False),
    "gamers-giftcards": (8, False),
    "tutor": (6, False),
    "smalltalk": (8, False),
}


class _Builder:
    """Accumulates one session's messages with a moving clock."""

    def __init__(self, rng: random.Random, start: datetime, style: str) -> None:
        self.rng, self.now, self.style = rng, start, style
        self.messages: list[SyntheticMessage] = []

    def say(self, sender: str, to: list[str], text: str, cue: str | None = None) -> None:
        """Append one message after a random pause, styled for the session."""
        self.now += timedelta(seconds=self.rng.randint(5, 240))
        wants = cue == "photo_ask" and self.rng.random() < 0.3
        self.messages.append(
            SyntheticMessage(
                sender=sender,
                recipients=list(to),
                sent_at=self.now,
                text=_style(self.rng, text, self.style),
                cue=cue,
                wants_image=wants,
            )
        )

    def pause(self, low_s: int, high_s: int) -> None:
        """Let time pass (hours or days in slow conversations)."""
        self.now += timedelta(seconds=self.rng.randint(low_s, high_s))


def _style(rng: random.Random, text: str, style: str) -> str:
    """Apply a writing style: proper case, texting, or sloppy with typos and stretches."""
    if style == "proper":
        text = text.replace(" u ", " you ").replace(" ur ", " your ").replace(" r ", " are ")
        return text[:1].upper() + text[1:]
    if style == "sloppy" and len(text) > 6 and rng.random() < 0.5:
        i = rng.randrange(1, len(text) - 1)
        if text[i].isalpha():
            text = text[:i] + text[i] * rng.randint(2, 4) + text[i + 1 :]
    if rng.random() < 0.15:
        text += rng.choice((" lol", " haha", " 😊", " ;)", " 🙂", "!!", " xx"))
    return text


def _fill(rng: random.Random, text: str, ages: tuple[int, int]) -> str:
    """Fill template slots (name, age, grade)."""
    age = rng.randint(*ages)
    return text.format(name=rng.choice(_NAMES), age=age, grade=max(age - 5, 1))


def _people(rng: random.Random, sid: str, ages: Sequence[int | None]) -> list[Participant]:
    """Create participants with the given declared ages."""
    country = rng.choice(_COUNTRIES)
    return [
        Participant(
            user_id=f"{sid}-u{j}",
            declared_age=a,
            country=country,
            screen_name=f"{rng.choice(_NAMES)}_{rng.randint(1, 999)}",
        )
        for j, a in enumerate(ages)
    ]


def _grooming(rng: random.Random, b: _Builder, kind: str, adult: str, child: str) -> None:
    """Write a grooming conversation: stages roughly in order, with filler and replies."""
    plan = [
        "age_ask",
        "compliment",
        "location_ask",
        "age_gap",
        "isolation",
        "alone_check",
        "secret",
        "app_move",
        "gift",
        "trust_test",
        "photo_ask",
        "meet_ask",
    ]
    if kind == "grooming-subtle":
        plan = rng.sample(plan[:9], rng.randint(3, 5)) + rng.sample(plan[9:], 1)
    elif kind == "grooming-gamer":
        plan = ["gift", "gift", "age_ask", "app_move", "secret", "photo_ask"]
    elif kind == "grooming-sextortion":
        plan = ["compliment", "app_move", "photo_ask", "photo_ask", "threat", "threat"]
    else:
        plan = [p for p in plan if rng.random() < 0.75]
    order = sorted(range(len(plan)), key=lambda i: i + rng.uniform(-1.5, 1.5))
    slow = kind == "grooming-subtle"
    for i in order:
        for _ in range(rng.randint(0, 4 if slow else 1)):
            who = rng.choice((adult, child))
            b.say(who, [child if who == adult else adult], rng.choice(_FILLER))
        b.say(adult, [child], rng.choice(_CUES[plan[i]]), cue=plan[i])
        if rng.random() < 0.7:
            b.say(child, [adult], _fill(rng, rng.choice(_CHILD_REPLIES), (11, 15)))
        if slow and rng.random() < 0.3:
            b.pause(3600, 20 * 3600)


def _dm(
    rng: random.Random,
    b: _Builder,
    pair: tuple[str, str],
    lines: tuple[str, ...],
    *,
    n: int,
    replies: tuple[str, ...] = _FILLER,
    cue_rate: float = 0.5,
    ages: tuple[int, int] = (13, 15),
) -> None:
    """Write a two-party conversation from a hard-negative line set."""
    a, c = pair
    for _ in range(n):
        if rng.random() < 0.55:
            b.say(
                a,
                [c],
                _fill(rng, rng.choice(lines), ages),
                cue="hn" if rng.random() < cue_rate else None,
            )
        else:
            b.say(c, [a], _fill(rng, rng.choice(replies), ages))


def _group(
    rng: random.Random,
    b: _Builder,
    lead: str,
    members: list[str],
    *,
    lines: tuple[str, ...],
    n: int,
) -> None:
    """Write a group conversation led by one member."""
    everyone = [lead, *members]
    for _ in range(n):
        who = lead if rng.random() < 0.45 else rng.choice(members)
        text = rng.choice(lines) if who == lead else rng.choice(_FILLER)
        b.say(who, [m for m in everyone if m != who], _fill(rng, text, (13, 16)))


def _session(rng: random.Random, i: int, seed: int, start: datetime) -> SyntheticSession:
    """Generate one session of a randomly drawn kind."""
    kinds = list(_KINDS)
    kind = rng.choices(kinds, weights=[_KINDS[k][0] for k in kinds])[0]
    sid = f"syn-{seed}-{i:05d}"
    style = rng.choice(("proper", "texting", "texting", "sloppy"))
    b = _Builder(rng, start + timedelta(minutes=rng.randint(0, 60 * 24 * 30)), style)
    child_age = rng.randint(11, 15)
    if kind.startswith("grooming"):
        adult_age: int | None = rng.randint(22, 55)
        declared_child: int | None = child_age
        if kind == "grooming-undeclared":
            adult_age, declared_child = (None, None)
        elif kind == "grooming-fake-peer":
            adult_age = rng.randint(15, 16)
        people = _people(rng, sid, [adult_age, declared_child])
        a, c = people[0].user_id, people[1].user_id
        if kind == "grooming-undeclared":
            b.say(
                c,
                [a],
                f"im {child_age}" if rng.random() < 0.6 else f"im in {child_age - 5}th grade",
            )
        _grooming(rng, b, kind, a, c)
    elif kind == "coach-group":
        people = _people(
            rng,
            sid,
            [rng.randint(25, 50)] + [rng.randint(12, 16) for _ in range(rng.randint(4, 9))],
        )
        members = [p.user_id for p in people[1:]]
        _group(rng, b, people[0].user_id, members, lines=_COACH, n=rng.randint(10, 30))
    elif kind == "surprise-party":
        ages = [rng.randint(20, 50) for _ in range(rng.randint(2, 5))]
        people = _people(rng, sid, ages)
        if len(people) == 2:
            _dm(rng, b, (people[0].user_id, people[1].user_id), _PARTY, n=rng.randint(8, 20))
        else:
            members = [p.user_id for p in people[1:]]
            _group(rng, b, people[0].user_id, members, lines=_PARTY, n=rng.randint(8, 20))
    else:
        people, lines, replies, n = _negative_pair(rng, sid, kind)
        _dm(rng, b, (people[0].user_id, people[1].user_id), lines, n=n, replies=replies)
    return SyntheticSession(
        session_id=sid, label=_KINDS[kind][1], kind=kind, participants=people, messages=b.messages
    )


def _negative_pair(
    rng: random.Random, sid: str, kind: str
) -> tuple[list[Participant], tuple[str, ...], tuple[str, ...], int]:
    """Participants, line set, reply set and length of a two-party hard negative."""
    n = rng.randint(8, 30)
    if kind == "peer":
        age = rng.randint(12, 16)
        return _people(rng, sid, [age, age + rng.choice((-1, 0, 0, 1))]), _PEER, _PEER, n
    if kind == "parent":
        return (
            _people(rng, sid, [rng.randint(32, 52), rng.randint(9, 15)]),
            _PARENT_SAYS,
            _CHILD_SAYS_TO_PARENT,
            n,
        )
    if kind == "adults-dating":
        return _people(rng, sid, [rng.randint(21, 45), rng.randint(21, 45)]), _DATING, _DATING, n
    if kind == "gamers-giftcards":
        age = rng.choice((rng.randint(19, 35), rng.randint(13, 16)))
        return _people(rng, sid, [age, age + rng.randint(-1, 1)]), _GAMER, _GAMER, n
    if kind == "tutor":
        return _people(rng, sid, [rng.randint(22, 60), rng.randint(11, 16)]), _TUTOR, _FILLER, n
    ages = [rng.choice((None, rng.randint(18, 60))), rng.choice((None, rng.randint(18, 60)))]
    return _people(rng, sid, ages), _FILLER, _FILLER, n


def generate_sessions(seed: int, n_sessions: int, start: datetime) -> list[SyntheticSession]:
    """Generate ``n_sessions`` labelled conversations, deterministically from ``seed``.

    Args:
        seed: random seed; the same seed gives the same corpus.
        n_sessions: how many sessions to generate.
        start: timezone-aware time of the earliest possible message.

    Returns:
        Sessions with labels, kinds, participants and messages (with cue flags).

    """
    rng = random.Random(seed)
    return [_session(rng, i, seed, start) for i in range(n_sessions)]


def to_events(session: SyntheticSession, platform: str = "example-chat") -> list[MessageEvent]:
    """Turn a synthetic session into contract message events (text only, no attachments).

    Event ids are ``<session_id>-m<index>``.
    """
    people = {p.user_id: p for p in session.participants}

    def account(user_id: str) -> Account:
        p = people[user_id]
        return Account(
            user_id=p.user_id,
            screen_name=p.screen_name,
            declared_age=p.declared_age,
            country=p.country,
        )

    return [
        MessageEvent(
            schema=MESSAGE_SCHEMA,
            event_id=f"{session.session_id}-m{k}",
            sent_at=m.sent_at,
            session_id=session.session_id,
            platform=platform,
            sender=account(m.sender),
            recipients=[account(r) for r in m.recipients],
            text=m.text,
        )
        for k, m in enumerate(session.messages)
    ]
