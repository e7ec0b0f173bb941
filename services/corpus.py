"""Labelled corpora on disk: read one (events, labels, annotations), write the synthetic one.

A corpus folder holds ``events.jsonl`` (docs/contract.md §1), ``labels.jsonl``
(docs/contract.md §3), ``annotations.jsonl`` (session, participant and message-cue
records; see :mod:`tipline.synth.corpus`) and ``SHA256SUMS`` (``sha256sum`` format)
once it is frozen. :func:`read_corpus` verifies the sums when the file is
there, so an evaluation never runs on a corpus that changed after freezing.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import msgspec

from tipline.operators.grooming.corpus import Corpus, CorpusSession, Participant
from tipline.schemas.errors import EventDecodeError, InputError
from tipline.schemas.event import MessageEvent, decode_event
from tipline.synth.conversations import generate_sessions, to_events
from tipline.synth.corpus import annotation_records

SYNTH_START: Final = datetime(2026, 1, 1, tzinfo=UTC)
FILES: Final = ("events.jsonl", "labels.jsonl", "annotations.jsonl")


class _Annotation(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    session_id: str
    positive: bool | None = None
    style: str | None = None
    negative_kind: str | None = None
    tempo: str | None = None
    user_id: str | None = None
    true_age: int | None = None
    role: str | None = None
    event_id: str | None = None
    cues: list[str] = []


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify_sums(root: Path) -> str | None:
    """Check ``SHA256SUMS``; return the sums file's own sha256, or None when absent.

    Raises:
        InputError: a listed file is missing or its hash differs.

    """
    sums = root / "SHA256SUMS"
    if not sums.exists():
        return None
    for line in sums.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, name = line.split(maxsplit=1)
        target = root / name.lstrip("*").strip()
        if not target.exists() or _sha256(target) != digest:
            msg = f"{target}: missing or its sha256 differs from SHA256SUMS"
            raise InputError(msg)
    return _sha256(sums)


def read_corpus(path: str | Path) -> Corpus:
    """Read and verify a corpus folder.

    Args:
        path: the corpus folder.

    Returns:
        Its sessions (events in event-time order, labels, styles, message cues,
        participants' true ages).

    Raises:
        InputError: a file is missing, does not match ``SHA256SUMS`` or a line is malformed.

    """
    root = Path(path)
    for name in FILES:
        if not (root / name).exists():
            msg = f"{root}: corpus has no {name}"
            raise InputError(msg)
    sums = verify_sums(root)
    events: dict[str, list[tuple[int, MessageEvent]]] = {}
    for n, line in enumerate((root / "events.jsonl").read_bytes().splitlines()):
        if not line.strip():
            continue
        try:
            event = decode_event(line)
        except EventDecodeError:
            continue  # malformed records are the dead-letter path's business, not scoring's
        events.setdefault(event.session_id, []).append((n, event))
    labels: dict[str, bool] = {}
    for line in (root / "labels.jsonl").read_bytes().splitlines():
        if line.strip():
            rec = json.loads(line)
            if rec.get("kind") == "session":
                labels[str(rec["session_id"])] = bool(rec["positive"])
    return Corpus(name=root.name, sums_sha256=sums, sessions=_sessions(root, events, labels))


def _sessions(
    root: Path, events: dict[str, list[tuple[int, MessageEvent]]], labels: dict[str, bool]
) -> list[CorpusSession]:
    meta: dict[str, _Annotation] = {}
    cues: dict[str, dict[str, tuple[str, ...]]] = {}
    people: dict[str, list[Participant]] = {}
    decoder = msgspec.json.Decoder(_Annotation)
    for n, line in enumerate((root / "annotations.jsonl").read_bytes().splitlines(), 1):
        if not line.strip():
            continue
        try:
            a = decoder.decode(line)
        except msgspec.DecodeError as exc:
            msg = f"{root / 'annotations.jsonl'}:{n}: {exc}"
            raise InputError(msg) from exc
        if a.kind == "session":
            meta[a.session_id] = a
        elif a.kind == "participant" and a.user_id:
            people.setdefault(a.session_id, []).append(
                Participant(user_id=a.user_id, true_age=a.true_age, role=a.role or "")
            )
        elif a.kind == "message" and a.event_id:
            cues.setdefault(a.session_id, {})[a.event_id] = tuple(a.cues)
    out = []
    for sid in sorted(labels):
        ordered = [e for _, e in sorted(events.get(sid, []), key=lambda p: (p[1].sent_at, p[0]))]
        m = meta.get(sid)
        out.append(
            CorpusSession(
                session_id=sid,
                positive=labels[sid],
                style=(m.style if m else None) or ("unknown" if labels[sid] else None),
                negative_kind=(m.negative_kind if m else None)
                or (None if labels[sid] else "other"),
                events=ordered,
                cues=cues.get(sid, {}),
                participants=people.get(sid, []),
            )
        )
    return out


def _write_jsonl(path: Path, records: list[dict[str, Any]] | list[bytes]) -> None:
    with path.open("wb") as fh:
        for r in records:
            fh.write(r if isinstance(r, bytes) else json.dumps(r, sort_keys=True).encode())
            fh.write(b"\n")


def write_synth_corpus(root: str | Path, *, seed: int, sessions: int) -> Path:
    """Write the generator's corpus in the shared format, with ``SHA256SUMS``.

    Args:
        root: the folder to write (created).
        seed: generator seed.
        sessions: how many sessions.

    Returns:
        The folder.

    """
    base = Path(root)
    base.mkdir(parents=True, exist_ok=True)
    events: list[bytes] = []
    labels: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for s in generate_sessions(seed, sessions, SYNTH_START):
        evs = to_events(s)
        events.extend(msgspec.json.encode(e) for e in evs)
        labels.append({"kind": "session", "session_id": s.session_id, "positive": bool(s.label)})
        notes.extend(annotation_records(s, [e.event_id for e in evs]))
    _write_jsonl(base / "events.jsonl", events)
    _write_jsonl(base / "labels.jsonl", labels)
    _write_jsonl(base / "annotations.jsonl", notes)
    sums = "".join(f"{_sha256(base / n)}  {n}\n" for n in FILES)
    (base / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return base
