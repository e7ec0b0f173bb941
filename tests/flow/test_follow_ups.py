"""Messages that follow a case join its package in batches, in order, and none is lost."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import msgspec
import pytest
from bytewax.testing import TestingSink, TestingSource, run_main

from tests.flow.conftest import T0
from tests.flow.test_evidence_first import known_image_setup, message_with_image
from tipline.flows.main import build_flow
from tipline.flows.outputs import OutputOverrides
from tipline.flows.pipeline import Pipeline
from tipline.schemas.source import RawRecord, SourcePosition
from tipline.sinks.cases import CasesSink


def follower(n: int, session: str) -> RawRecord:
    event = {
        "schema": "tipline.message/1",
        "event_id": f"evt-follow-{n:02d}",
        "sent_at": (T0 + timedelta(minutes=n)).isoformat(),
        "session_id": session,
        "sender": {"user_id": "u-1", "declared_age": 40},
        "recipients": [{"user_id": "u-2", "declared_age": 14}],
        "text": f"message number {n}",
    }
    return RawRecord(value=json.dumps(event).encode(), source=SourcePosition(kind="file", line=n))


@pytest.mark.parametrize("executor", ["inline", "background"])
def test_following_messages_are_added_in_batches(tmp_path: Path, executor: str) -> None:
    cfg, image = known_image_setup(tmp_path)
    context = msgspec.structs.replace(cfg.evidence.context, follow_batch=5, following_messages=20)
    cfg = msgspec.structs.replace(
        cfg,
        evidence=msgspec.structs.replace(cfg.evidence, context=context),
        hashing=msgspec.structs.replace(cfg.hashing, executor=executor),
    )
    records = [message_with_image(image, 1), *(follower(n, "s-img-1") for n in range(1, 13))]
    alerts: list[bytes] = []
    outputs = OutputOverrides(
        lake=TestingSink([]), alerts=TestingSink(alerts), drafts=TestingSink([])
    )
    run_main(build_flow(cfg, source=TestingSource(records), outputs=outputs))

    assert len(alerts) == 1
    service = Pipeline(cfg).evidence
    (package_id,) = service.list_packages()
    manifest, _ = service.latest_manifest(package_id)
    following = [i.event_id for i in manifest.items if i.position == "following"]
    assert following == [f"evt-follow-{n:02d}" for n in range(1, 13)]
    # inline: 1 package version + 3 supplements (5 + 5 + the last 2 released at end of
    # input), instead of one version per following message. In the background the
    # followers wait behind the session's image and reach the case in the same batch
    # as it, so fewer supplements carry them (never one per message).
    if executor == "inline":
        assert manifest.version == 4
    else:
        assert 2 <= manifest.version <= 4
    assert service.verify(package_id).ok


def test_the_flow_opens_one_case_per_package_and_notes_who_followed(tmp_path: Path) -> None:
    cfg, image = known_image_setup(tmp_path)
    records = [message_with_image(image, 1), *(follower(n, "s-img-1") for n in range(1, 4))]
    outputs = OutputOverrides(lake=TestingSink([]), alerts=TestingSink([]), drafts=TestingSink([]))
    run_main(build_flow(cfg, source=TestingSource(records), outputs=outputs))

    (package_id,) = Pipeline(cfg).evidence.list_packages()
    cases = CasesSink(cfg.reports.cases_dir())
    (case,) = list(cases.cases())
    assert (case.case_id, case.package_id) == (package_id, package_id)
    assert case.event is not None and case.event.text is None  # no content in the case
    assert b"message number" not in (tmp_path / "cases" / package_id / "case.json").read_bytes()
    following = cases.following(package_id)
    assert sorted(following) == [f"evt-follow-{n:02d}" for n in range(1, 4)]
    assert {r.sender_id for r in following.values()} == {"u-1"}
