"""A replayed vault with review and report cases, a config with named roles, a users file.

Positive synthetic grooming sessions (review and report cases) plus three
messages each carrying a generated image (shapes and gradients, nothing
else) that is on a test hash list (hash-match report cases). Everything is
written under one temporary folder by ``tipline replay``, the way the demo
builds its vault.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec

from tipline.cli.review.users import add_user
from tipline.schemas.event import Attachment, MessageEvent, encode_event
from tipline.synth.conversations import generate_sessions, to_events
from tipline.synth.images import encode, make_image

REPO = Path(__file__).resolve().parents[2]
START = datetime(2026, 11, 1, tzinfo=UTC)
PASSWORD = "browser-test-password"
ROLES = '{ "rita" = ["viewer", "reviewer"], "vic" = ["viewer"] }'


@dataclass(frozen=True)
class World:
    root: Path
    config: Path
    users: Path


def images() -> list[bytes]:
    return [
        encode(make_image(seed, 320, 240, kind), "PNG")
        for seed, kind in ((51, "shapes"), (52, "gradient"), (53, "scene"))
    ]


def events() -> list[MessageEvent]:
    """Ten positive sessions; in three, a known image arrives after the fourth message."""
    sessions = [s for s in generate_sessions(17, 60, START) if s.label][:10]
    out: list[MessageEvent] = []
    pictures = images()
    for n, session in enumerate(sessions):
        messages = to_events(session)
        if n < len(pictures) and len(messages) > 4:
            before = messages[3]
            image = Attachment(
                attachment_id=f"att-img-{n}",
                media_type="image/png",
                file_name=f"img-{n}.png",
                data_b64=pictures[n],
            )
            shared = msgspec.structs.replace(
                before,
                event_id=f"{before.event_id}-img",
                sent_at=before.sent_at + timedelta(seconds=20),
                attachments=[image],
                text="look",
            )
            messages = [*messages[:4], shared, *messages[4:]]
        out.extend(messages)
    return out


def build_world(root: Path) -> World:
    (root / "events").mkdir(parents=True)
    (root / "events" / "events.jsonl").write_bytes(
        b"\n".join(encode_event(e) for e in events()) + b"\n"
    )
    rows = [f"sha256,{hashlib.sha256(d).hexdigest()},browser-test,img-{n},test"
            for n, d in enumerate(images())]  # fmt: skip
    (root / "list.csv").write_text("algorithm,hash,list,id,category\n" + "\n".join(rows) + "\n")
    out = root / "out"
    # An overlay of the base config: a vault, drafts and operators of its own, and
    # session thresholds of its own, far apart, so both review and report cases
    # arise whatever the shipped model's cut-offs are.
    text = (
        f'extends = "{REPO / "config" / "base.toml"}"\n'
        "[hashing]\nlists = []\n"
        "[decision]\nreview_score = 0.6\nreport_score = 0.9\n"
        f'[evidence]\npath = "{out / "vault"}"\n'
        f"[evidence.access]\noperators = {ROLES}\n"
        f'[reports]\npath = "{out / "reports"}"\n'
        "[reports.reporter.reporting_person]\n"
        'first_name = "Test"\nlast_name = "Person"\nemail = "t@example.org"\n'
    )
    config = root / "console.toml"
    config.write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "TIPLINE_OPERATOR"}
    result = subprocess.run(
        [sys.executable, "-m", "tipline.cli.main", "replay", "--events", str(root / "events"),
         "--config", str(config), "--out", str(out), "--hash-list", str(root / "list.csv")],
        cwd=REPO, capture_output=True, text=True, timeout=600, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    users = root / "users"
    add_user(users, "rita", PASSWORD)
    add_user(users, "vic", PASSWORD)
    return World(root=root, config=config, users=users)
