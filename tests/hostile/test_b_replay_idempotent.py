"""Fault: replayed input (issue #13, fault 3).

Producing the same events twice gave duplicate lake rows with conflicting
decisions, re-sent alerts, and earlier messages written into signed packages
as context that *followed* the trigger. ``event_id`` is now the idempotency
key: a session drops an event it has already decided, and a message sent
before a trigger never joins its package as following context.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta
from pathlib import Path

import msgspec
from bytewax.testing import TestingSink, TestingSource, run_main

from tests.flow.conftest import T0
from tests.flow.test_evidence_first import known_image_setup, message_with_image
from tests.flow.test_follow_ups import follower
from tipline.flows.main import build_flow
from tipline.flows.outputs import OutputOverrides
from tipline.flows.pipeline import Pipeline
from tipline.schemas.config import TiplineConfig
from tipline.schemas.source import RawRecord, SourcePosition


def earlier(n: int, session: str) -> RawRecord:
    """A message of the session sent BEFORE the trigger (arrives after it)."""
    event = {
        "schema": "tipline.message/1",
        "event_id": f"evt-early-{n:02d}",
        "sent_at": (T0 - timedelta(minutes=n)).isoformat(),
        "session_id": session,
        "sender": {"user_id": "u-1", "declared_age": 40},
        "recipients": [{"user_id": "u-2", "declared_age": 14}],
        "text": f"earlier message {n}",
    }
    return RawRecord(value=json.dumps(event).encode(), source=SourcePosition(kind="file", line=n))


def run(cfg: TiplineConfig, records: list[RawRecord]) -> tuple[list, list, list]:
    lake: list = []
    alerts: list[bytes] = []
    drafts: list = []
    outputs = OutputOverrides(
        lake=TestingSink(lake), alerts=TestingSink(alerts), drafts=TestingSink(drafts)
    )
    run_main(build_flow(cfg, source=TestingSource(records), outputs=outputs))
    return lake, alerts, drafts


def setup(tmp: Path) -> tuple[TiplineConfig, list[RawRecord]]:
    tmp.mkdir(parents=True)
    cfg, image = known_image_setup(tmp)
    context = msgspec.structs.replace(cfg.evidence.context, follow_batch=3, following_messages=20)
    cfg = msgspec.structs.replace(
        cfg, evidence=msgspec.structs.replace(cfg.evidence, context=context)
    )
    session = "s-img-1"
    records = [
        *(earlier(n, session) for n in range(5, 0, -1)),
        message_with_image(image, 1),
        *(follower(n, session) for n in range(1, 8)),
    ]
    return cfg, records


def following_ids(cfg: TiplineConfig) -> tuple[list[str], int]:
    service = Pipeline(cfg).evidence
    (package_id,) = service.list_packages()
    manifest, _ = service.latest_manifest(package_id)
    assert service.verify(package_id).ok
    return [i.event_id for i in manifest.items if i.position == "following"], manifest.version


def test_same_input_twice_gives_one_decision_per_event_and_one_alert(tmp_path: Path) -> None:
    cfg_once, records = setup(tmp_path / "once")
    lake_once, alerts_once, _ = run(cfg_once, records)
    once_following, once_version = following_ids(cfg_once)

    cfg, records = setup(tmp_path / "twice")
    lake, alerts, drafts = run(cfg, records + records)  # every event produced twice

    ids = Counter(row.event_id for row in lake)
    assert [k for k, c in ids.items() if c > 1] == []
    assert set(ids) == {row.event_id for row in lake_once}
    assert {r.event_id: r.decision for r in lake} == {r.event_id: r.decision for r in lake_once}
    assert len(alerts) == len(alerts_once) == 1
    assert len(drafts) <= 1
    following, version = following_ids(cfg)
    assert following == once_following == [f"evt-follow-{n:02d}" for n in range(1, 8)]
    assert version == once_version


def test_an_earlier_message_arriving_after_the_trigger_never_follows_it(tmp_path: Path) -> None:
    cfg, image = known_image_setup(tmp_path)
    session = "s-img-1"
    late = [earlier(n, session) for n in (3, 2, 1)]
    records = [message_with_image(image, 1), late[0], follower(1, session), *late[1:]]
    lake, alerts, _ = run(cfg, records)
    assert len(lake) == 5
    assert len(alerts) == 1
    following, _ = following_ids(cfg)
    assert following == ["evt-follow-01"]
