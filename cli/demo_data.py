"""The embedded demo data set: generated traffic, images, a hash list and labels.

Deterministic from a seed. Conversations come from :mod:`tipline.synth.conversations`
(synthetic, non-explicit; grooming only as behavioural cues, beside hard
negatives), images from :mod:`tipline.synth.images` (noise, gradients, shapes). The
"known" hash list holds hashes of generated images; some positive sessions
send transformed copies of them. A few malformed records exercise the
dead-letter path.

Layout under the root folder::

    events/part-N.jsonl     message events (docs/contract.md §1), sessions spread over files
    media/*.jpg|png         attachments referenced by file:// URIs
    known-images/           the images whose hashes make the known list
    hashlists/known.csv     docs/contract.md §2 hash list
    labels.jsonl            docs/contract.md §3 labels (sessions and attachments)
    cues.jsonl              where the generator put risk cues (for cue latency)
"""

from __future__ import annotations

import base64
import json
import random
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from tipline.cli.commands.hashes import HEADER, build_rows
from tipline.operators.hashing import Matcher, default_algorithms, settings_from_config
from tipline.schemas.hashing import HashingConfig
from tipline.synth.conversations import generate_sessions
from tipline.synth.images import KINDS, TRANSFORMS, apply_transform, encode, make_image

START: Final = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
FILES: Final = 4
KNOWN_IMAGES: Final = 12
# Share of other messages that also carry an (unrelated or known) generated image.
IMAGE_SHARE: Final = 0.03
PLATFORM: Final = "example-chat"

BAD_RECORDS: Final = (
    b'{"schema": "tipline.message/1", "event_id": ',
    b'{"schema": "tipline.message/0", "event_id": "bad-1", "sent_at": "2026-11-20T08:00:00Z"}',
    b'{"schema": "tipline.message/1", "event_id": "bad-2", "sent_at": "yesterday", '
    b'"session_id": "s", "sender": {"user_id": "a"}, "recipients": [{"user_id": "b"}]}',
    b'{"schema": "tipline.message/1", "event_id": "bad-3", "sent_at": "2026-11-20T08:00:00Z", '
    b'"session_id": "s", "sender": {"user_id": "a", "declared_age": -1}, '
    b'"recipients": [{"user_id": "b"}]}',
    b'{"schema": "tipline.message/1", "event_id": "bad-4", "sent_at": "2026-11-20T08:00:00Z", '
    b'"session_id": "s", "sender": {"user_id": "a"}, "recipients": []}',
    b"not json at all",
)


@dataclass(frozen=True)
class DemoData:
    """Where the generated files are and how many of each there are."""

    root: Path
    events: int
    sessions: int
    bad_records: int
    attachments: int
    known_copies: int


def write_demo_data(root: str | Path, *, seed: int = 7, sessions: int = 160) -> DemoData:
    """Generate the demo data set under ``root`` (overwriting what is there)."""
    base = Path(root)
    for sub in ("events", "media", "known-images", "hashlists"):
        (base / sub).mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    known = _write_known(base, seed)
    generated = generate_sessions(seed, sessions, START)
    lines: list[tuple[datetime, int, bytes]] = []
    labels: list[dict[str, Any]] = []
    cues: list[dict[str, Any]] = []
    counts = {"attachments": 0, "known": 0}
    n = 0
    for session in generated:
        part = zlib.crc32(session.session_id.encode()) % FILES
        people = {p.user_id: p for p in session.participants}
        cue_ids = []
        for msg in session.messages:
            n += 1
            event = _event(n, session, msg, people)
            if msg.wants_image or rng.random() < IMAGE_SHARE:
                attachment, positive = _attachment(base, rng, n, known, session.label)
                event["attachments"] = [attachment]
                labels.append(
                    {
                        "kind": "attachment",
                        "attachment_id": attachment["attachment_id"],
                        "positive": positive,
                    }
                )
                counts["attachments"] += 1
                counts["known"] += positive
            if msg.cue:
                cue_ids.append(event["event_id"])
            lines.append((msg.sent_at, part, json.dumps(event).encode()))
        labels.append(
            {"kind": "session", "session_id": session.session_id, "positive": bool(session.label)}
        )
        cues.append(
            {"session_id": session.session_id, "cue_event_ids": cue_ids, "kind": session.kind}
        )
    _write_events(base, lines, rng)
    _write_jsonl(base / "labels.jsonl", labels)
    _write_jsonl(base / "cues.jsonl", cues)
    return DemoData(
        base,
        len(lines) + len(BAD_RECORDS),
        len(generated),
        len(BAD_RECORDS),
        counts["attachments"],
        counts["known"],
    )


def _account(person: Any) -> dict[str, Any]:
    account: dict[str, Any] = {"user_id": person.user_id}
    for key in ("screen_name", "declared_age", "country"):
        value = getattr(person, key, None)
        if value is not None:
            account[key] = value
    account["created_at"] = "2026-09-01T12:00:00Z"
    return account


def _event(n: int, session: Any, msg: Any, people: dict[str, Any]) -> dict[str, Any]:
    recipients = [_account(people[r]) for r in msg.recipients]
    return {
        "schema": "tipline.message/1",
        "event_id": f"demo-{n:06d}",
        "sent_at": msg.sent_at.isoformat(),
        "session_id": session.session_id,
        "platform": PLATFORM,
        "sender": _account(people[msg.sender]),
        "recipients": recipients,
        "text": msg.text,
        "client": {
            "ip": f"198.51.100.{n % 250 + 1}",
            "port": 40000 + n % 20000,
            "protocol": "tcp",
            "user_agent": "ExampleChat/5.2",
        },
    }


def _write_known(base: Path, seed: int) -> list[bytes]:
    """Generate the known images and write their hash list; return their bytes."""
    matcher = Matcher(default_algorithms(), settings_from_config(HashingConfig()), cache_entries=1)
    known: list[bytes] = []
    rows: list[tuple[str, str, str, str, str]] = []
    for i in range(KNOWN_IMAGES):
        kind = [k for k in KINDS if k != "uniform"][i % 4]
        data = encode(make_image(seed * 1000 + i, 640, 480, kind), "JPEG", 90)
        path = base / "known-images" / f"known-{i:02d}.jpg"
        path.write_bytes(data)
        known.append(data)
        entry_rows, _ = build_rows(path, matcher, "demo-known", "A1" if i % 2 else "B1")
        rows.extend(entry_rows)
    with (base / "hashlists" / "known.csv").open("w", encoding="utf-8") as fh:
        fh.write(",".join(HEADER) + "\n")
        fh.writelines(",".join(r) + "\n" for r in rows)
    return known


def _attachment(
    base: Path, rng: random.Random, n: int, known: list[bytes], positive_session: bool
) -> tuple[dict[str, Any], bool]:
    """Make a transformed known image (in some positive sessions) or an unrelated one."""
    is_known = positive_session and rng.random() < 0.5
    if is_known:
        data = apply_transform(
            rng.choice(sorted(TRANSFORMS)), rng.choice(known), rng.randrange(1 << 30)
        )
    else:
        kind = rng.choice(KINDS)
        data = encode(
            make_image(rng.randrange(1 << 30), rng.randint(200, 800), rng.randint(200, 800), kind)
        )
    fmt = "png" if data.startswith(b"\x89PNG") else "jpg"
    attachment: dict[str, Any] = {
        "attachment_id": f"att-{n:06d}",
        "media_type": "image/png" if fmt == "png" else "image/jpeg",
        "file_name": f"IMG_{n:04d}.{fmt}",
        "size_bytes": len(data),
    }
    if rng.random() < 0.7:
        attachment["data_b64"] = base64.b64encode(data).decode()
    else:
        path = (base / "media" / f"att-{n:06d}.{fmt}").resolve()
        path.write_bytes(data)
        attachment["uri"] = path.as_uri()
    return attachment, is_known


def _write_events(base: Path, lines: list[tuple[datetime, int, bytes]], rng: random.Random) -> None:
    lines.sort(key=lambda item: item[0])
    parts: list[list[bytes]] = [[] for _ in range(FILES)]
    for _, part, line in lines:
        parts[part].append(line)
    for bad in BAD_RECORDS:
        target = parts[rng.randrange(FILES)]
        target.insert(rng.randrange(len(target) + 1), bad)
    for old in (base / "events").glob("*.jsonl"):
        old.unlink()
    for i, part_lines in enumerate(parts):
        (base / "events" / f"part-{i}.jsonl").write_bytes(b"".join(x + b"\n" for x in part_lines))


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
