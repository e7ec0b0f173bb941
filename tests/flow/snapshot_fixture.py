"""Builds the session-step state that ``tests/flow/test_session_snapshot.py`` resumes from.

``fixtures/session-snapshot-v1.pickle`` was written by this module with the
code of ``main`` at 0314a8f (before snapshots became copy-on-write), by
``python -m tests.flow.snapshot_fixture tests/flow/fixtures/session-snapshot-v1.pickle``:
the pickled ``SessionLogic.snapshot()`` of one session after six neutral
messages and one hash match (a case: its package collects following
messages), then three following messages still waiting as follow-ups. Keep it
as written: it stands for state that users already have on disk.
"""

from __future__ import annotations

import pickle
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

from tipline.flows.pipeline import Pipeline
from tipline.flows.records import Matched
from tipline.operators.evidence.context import ContextKeys, SessionSealer
from tipline.schemas.config import TiplineConfig, parse_config
from tipline.schemas.event import Account, MessageEvent
from tipline.schemas.hashing import AttachmentVerdict, HashMatch
from tipline.schemas.source import SourcePosition

ROOT_KEY: Final = bytes(range(32))
SESSION: Final = "dm:snap-a:snap-b"
T0: Final = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
TEXTS: Final = (
    "see you at practice",
    "did you bring the blue folder",
    "yes it is in my bag",
    "great, the bus leaves at four",
    "ok thanks",
    "bring water too",
)


def fixture_config(tmp: Path) -> TiplineConfig:
    """A config with grooming and evidence on (its vault is never written here)."""
    return parse_config(
        {
            "hashing": {"lists": []},
            "evidence": {"path": str(tmp / "vault")},
            "reports": {"path": str(tmp / "reports"), "cases_path": str(tmp / "cases")},
            "lake": {"path": str(tmp / "lake")},
        }
    )


class FixedKeyPipeline(Pipeline):
    """The flow's steps with the session context sealed under :data:`ROOT_KEY`."""

    def sealer(self, session_id: str) -> SessionSealer | None:
        return ContextKeys(ROOT_KEY).for_session(session_id)


def event(n: int, text: str) -> MessageEvent:
    """Message ``n`` of the fixture session (alternating senders)."""
    a, b = ("snap-a", "snap-b") if n % 2 == 0 else ("snap-b", "snap-a")
    return MessageEvent(
        schema="tipline.message/1",
        event_id=f"snap-{n:03d}",
        sent_at=T0 + timedelta(seconds=30 * n),
        session_id=SESSION,
        sender=Account(user_id=a, declared_age=31),
        recipients=[Account(user_id=b, declared_age=29)],
        text=text,
    )


def matched(n: int, text: str, *, hit: bool = False) -> Matched:
    """The ``match-hashes`` output of message ``n`` (``hit``: an exact list match)."""
    verdicts = []
    if hit:
        match = HashMatch(
            list="known", entry_id="k-1", algorithm="sha256", distance=0, strength="exact",
            list_version="sha256:00", source="known.csv",
        )  # fmt: skip
        verdict = AttachmentVerdict(
            attachment_id=f"snap-{n:03d}-a0", status="hashed", matches=[match], strength="exact"
        )
        verdicts = [verdict]
    source = SourcePosition(kind="file", file="fixture", line=n + 1)
    return Matched(event=event(n, text), source=source, attachments=verdicts)


def build_state(pipe: Pipeline) -> object:
    """Run the fixture session through the session step; return its snapshot."""
    from tipline.flows.session import SessionLogic

    logic = SessionLogic(pipe, None)
    for n, text in enumerate(TEXTS):
        logic.on_item(matched(n, text))
    logic.on_item(matched(len(TEXTS), "look at this", hit=True))
    for k in range(3):
        logic.on_item(matched(len(TEXTS) + 1 + k, f"following message {k}"))
    return logic.snapshot()


def main(argv: list[str]) -> int:
    """Write the pickled snapshot to ``argv[0]``."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        pipe = FixedKeyPipeline(fixture_config(Path(tmp)))
        Path(argv[0]).write_bytes(pickle.dumps(build_state(pipe), protocol=4))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
