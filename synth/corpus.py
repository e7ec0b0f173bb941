"""The synthetic corpus in the shared annotation format (sessions, participants, message cues).

Independent corpora are written as ``events.jsonl`` (docs/contract.md §1),
``labels.jsonl`` (docs/contract.md §3) and ``annotations.jsonl`` with three kinds of
line::

    {"kind": "session", "session_id", "positive", "style", "negative_kind", "tempo"}
    {"kind": "participant", "session_id", "user_id", "true_age", "role"}
    {"kind": "message", "event_id", "session_id", "cues": [...]}

This module maps the generator's own cue names, kinds and participants onto
that vocabulary, so our generator's sessions can join the training corpora.

Invariants:
    * Pure and deterministic: records only, no I/O; imports schemas only.
    * Cue names are the shared vocabulary (``CUE_VOCABULARY``); generator
      cue-like lines in hard negatives (``hn``) are not cues.
"""

from __future__ import annotations

import re
from typing import Any, Final

from tipline.synth.conversations import SyntheticSession

CUE_VOCABULARY: Final[tuple[str, ...]] = (
    "age_probe", "personal_info", "parental_check", "secrecy", "isolation", "flattery",
    "age_gap", "off_platform", "image_request", "gifts", "meeting", "compliance_testing",
    "threats", "solicitation", "age_disclosure", "family_context",
)  # fmt: skip

# generator cue -> shared vocabulary
CUE_MAP: Final[dict[str, str]] = {
    "age_ask": "age_probe",
    "age_gap": "age_gap",
    "location_ask": "personal_info",
    "alone_check": "parental_check",
    "secret": "secrecy",
    "isolation": "isolation",
    "compliment": "flattery",
    "app_move": "off_platform",
    "gift": "gifts",
    "photo_ask": "image_request",
    "meet_ask": "meeting",
    "trust_test": "compliance_testing",
    "threat": "threats",
}
_STYLES: Final[dict[str, str]] = {
    "grooming-subtle": "subtle",
    "grooming-aggressive": "fast_pushy",
    "grooming-sextortion": "fast_pushy",
    "grooming-gamer": "gift_giver",
    "grooming-undeclared": "standard",
    "grooming-fake-peer": "peer_posing",
}
_NEGATIVE_KINDS: Final[dict[str, str]] = {
    "peer": "peers",
    "parent": "family",
    "coach-group": "coach_teacher",
    "tutor": "coach_teacher",
    "surprise-party": "surprise_party",
    "adults-dating": "adults_dating",
    "gamers-giftcards": "gaming",
    "smalltalk": "other",
}
_AGE_REPLY: Final = re.compile(r"^(?:how old r u\? )?im (?:in )?\d{1,2}(?:th grade)?\b|what grade")
_FAMILY_WORDS: Final = re.compile(r"\b(?:mom|dad|sister|brother|dinner|homework|love u|love you)\b")


# Indicator-like lines of the generator's hard negatives carry the same cue as
# in grooming (annotation marks behaviour, whatever the session's label).
_NEGATIVE_CUES: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(p), c)
    for p, c in (
        (r"selfie|\bpics?\b|photo", "image_request"),
        (r"\bsnap|insta|whatsapp|discord|gamertag", "off_platform"),
        (r"secret|dont tell|don't tell|delete|dont let .* see|shh", "secrecy"),
        (r"\bmeet\b|pick (?:u|you) up|come over|ride to", "meeting"),
        (r"how old|what grade", "age_probe"),
        (r"anyone home|mom home|are you home|brother home", "parental_check"),
        (r"card|vbucks|nitro|robux|\$", "gifts"),
        (r"pretty|gorgeous|miss u|so funny|really smart|proud of", "flattery"),
    )
)


def _role(session: SyntheticSession, index: int) -> str:
    """Role of the participant at ``index`` in the generator's participant list."""
    kind = session.kind
    if kind.startswith("grooming"):
        return "groomer" if index == 0 else "child"
    roles = {"parent": ("parent", "child"), "tutor": ("tutor", "child")}
    if kind in roles:
        return roles[kind][min(index, 1)]
    if kind == "coach-group":
        return "coach" if index == 0 else "child"
    return "adult" if kind in {"adults-dating", "surprise-party", "smalltalk"} else "peer"


def _cues(session: SyntheticSession, text: str, cue: str | None, sender_index: int) -> list[str]:
    """Shared-vocabulary cues of one generated message."""
    out: list[str] = []
    lowered = text.lower()
    if session.label and cue in CUE_MAP:
        out.append(CUE_MAP[cue])
    elif not session.label:
        out.extend(c for p, c in _NEGATIVE_CUES if p.search(lowered) and c not in out)
    if _AGE_REPLY.search(lowered) and re.search(r"\bim (?:in )?\d", lowered):
        out.append("age_disclosure")
    if session.kind == "parent" and _FAMILY_WORDS.search(lowered) and sender_index >= 0:
        out.append("family_context")
    return out


def annotation_records(session: SyntheticSession, event_ids: list[str]) -> list[dict[str, Any]]:
    """Annotation records of one session; ``event_ids`` are its messages' event ids in order.

    Args:
        session: a generated session.
        event_ids: the event id each message got when written out.

    Returns:
        One session record, one per participant and one per message.

    """
    positive = bool(session.label)
    out: list[dict[str, Any]] = [
        {
            "kind": "session",
            "session_id": session.session_id,
            "positive": positive,
            "style": _STYLES.get(session.kind) if positive else None,
            "negative_kind": None if positive else _NEGATIVE_KINDS.get(session.kind, "other"),
            "tempo": "slow" if session.kind == "grooming-subtle" else "fast",
        }
    ]
    index = {p.user_id: i for i, p in enumerate(session.participants)}
    for i, p in enumerate(session.participants):
        true_age = p.declared_age
        if session.kind == "grooming-fake-peer" and i == 0:
            true_age = None  # the generator does not say how old the poser really is
        out.append(
            {
                "kind": "participant",
                "session_id": session.session_id,
                "user_id": p.user_id,
                "true_age": true_age,
                "role": _role(session, i),
            }
        )
    for event_id, msg in zip(event_ids, session.messages, strict=True):
        out.append(
            {
                "kind": "message",
                "event_id": event_id,
                "session_id": session.session_id,
                "cues": _cues(session, msg.text, msg.cue, index.get(msg.sender, -1)),
            }
        )
    return out
