"""Oversized records no longer evade matching (issue #13).

A known image plus 6.4 MB of padding (8.7 MB in all, over the 8 MiB
``input.max_record_bytes``) was dead-lettered as ``EventTooLarge``: no
decision, no package, no report. Now it is parsed, hashed and routed at least
to review with the reason ``intake:oversized-record``; a record that cannot
be parsed stays a dead letter.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from bytewax.testing import TestingSink, TestingSource, run_main

from tests.flow.conftest import T0, event_json
from tests.flow.test_evidence_first import known_image_setup
from tipline.flows.main import build_flow
from tipline.flows.outputs import OutputOverrides
from tipline.flows.pipeline import Pipeline
from tipline.operators.decide import OVERSIZED_REASON
from tipline.operators.intake import OVERSIZE_PARSE_LIMIT
from tipline.schemas.audit import AuditRow
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.source import RawRecord, SourcePosition

PADDING = 6_400_000


def padded(image: bytes | None, event_id: str, padding: int = PADDING) -> bytes:
    event: dict[str, object] = {
        "schema": "tipline.message/1",
        "event_id": event_id,
        "sent_at": T0.isoformat(),
        "session_id": f"s-{event_id}",
        "sender": {"user_id": "u-1", "declared_age": 40},
        "recipients": [{"user_id": "u-2", "declared_age": 30}],
        "padding": "x" * padding,
    }
    if image is not None:
        event["attachments"] = [
            {
                "attachment_id": f"a-{event_id}",
                "media_type": "image/jpeg",
                # the known image, plus the same bytes again as filler, to reach 8.7 MB
                "data_b64": base64.b64encode(image).decode(),
            },
            {
                "attachment_id": f"filler-{event_id}",
                "media_type": "application/octet-stream",
                "data_b64": base64.b64encode(b"\0" * 1_700_000).decode(),
            },
        ]
    return json.dumps(event).encode()


def run(values: list[bytes], tmp: Path) -> tuple[list[AuditRow], list[DeadLetter], list[bytes]]:
    cfg, _ = known_image_setup(tmp)
    lake: list[AuditRow] = []
    dead: list[DeadLetter] = []
    alerts: list[bytes] = []
    records = [
        RawRecord(value=v, source=SourcePosition(kind="file", file="mem", line=n))
        for n, v in enumerate(values, 1)
    ]
    outputs = OutputOverrides(
        lake=TestingSink(lake), dead_letters=TestingSink(dead), alerts=TestingSink(alerts)
    )
    run_main(
        build_flow(cfg, source=TestingSource(records), outputs=outputs, pipeline=Pipeline(cfg))
    )
    return lake, dead, alerts


def test_known_image_with_padding_is_still_matched_and_reported(tmp_path: Path) -> None:
    (tmp_path / "setup").mkdir()
    _, image = known_image_setup(tmp_path / "setup")  # the same generated image run() lists
    record = padded(image, "evt-big")
    assert len(record) > 8_388_608  # over the default input.max_record_bytes
    lake, dead, alerts = run([record, event_json(1, "s-after")], tmp_path)
    assert dead == []
    rows = {r.event_id: r for r in lake}
    assert rows["evt-big"].decision == "report"  # the exact match still decides
    assert OVERSIZED_REASON in rows["evt-big"].reasons
    assert [json.loads(a)["event_id"] for a in alerts] == ["evt-big"]


def test_oversized_record_without_a_match_goes_to_review(tmp_path: Path) -> None:
    lake, dead, alerts = run([padded(None, "evt-pad", padding=9_000_000)], tmp_path)
    assert dead == []
    (row,) = lake
    assert row.decision == "review"
    assert OVERSIZED_REASON in row.reasons
    assert len(alerts) == 1  # a case opened: its evidence is preserved for a reviewer


def test_oversized_record_that_does_not_parse_stays_a_dead_letter(tmp_path: Path) -> None:
    broken = padded(None, "evt-broken", padding=9_000_000)[:-2]
    lake, dead, _ = run([broken], tmp_path)
    assert lake == []
    (letter,) = dead
    assert (letter.stage, letter.error_type) == ("decode", "EventTooLarge")
    assert "not an event either" in letter.error
    assert len(broken) < OVERSIZE_PARSE_LIMIT


def test_known_image_inside_an_unparseable_oversized_record_is_flagged(tmp_path: Path) -> None:
    (tmp_path / "setup").mkdir()
    _, image = known_image_setup(tmp_path / "setup")
    broken = padded(image, "evt-broken-known")[:-2]  # no longer JSON
    lake, dead, _ = run([broken], tmp_path)
    assert lake == []
    (letter,) = dead
    assert (letter.stage, letter.error_type) == ("decode", "EventTooLargeKnownMedia")
    assert "test-list" in letter.error
