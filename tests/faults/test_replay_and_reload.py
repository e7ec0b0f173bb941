"""Replayed input and a bad hash-list reload, through a running job on the real broker."""

from __future__ import annotations

import base64
import json
import os
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

from tests.flow.conftest import T0
from tests.integration.kafka_util import create_topic, produce, start_job, stop_job, wait_for
from tests.integration.test_kafka_flow import (
    corpus_events,
    lake_event_ids,
    lake_rows,
    reference_run,
    topics_for,
    write_config,
)
from tipline.cli.commands.hashes import HEADER, build_rows
from tipline.operators.hashing import Matcher, default_algorithms, settings_from_config
from tipline.schemas.hashing import HashingConfig
from tipline.sinks.lake import lake_files
from tipline.synth.images import encode, make_image


def alert_lines(out: Path) -> list[bytes]:
    path = out / "alerts.jsonl"
    return path.read_bytes().splitlines() if path.exists() else []


def file_alerts(config: Path, out: Path) -> None:
    text = config.read_text().replace(
        '[alerts]\nkind = "kafka"', f'[alerts]\nkind = "file"\npath = "{out}"'
    )
    config.write_text(text)


def test_the_same_events_produced_twice_give_one_decision_and_one_alert_each(
    tmp_path: Path, kafka_bootstrap: str, unique_name: str
) -> None:
    records = corpus_events(12)
    reference = reference_run(tmp_path / "ref", kafka_bootstrap, records)
    topics = topics_for(unique_name)
    create_topic(kafka_bootstrap, topics["in"], partitions=2)
    config = write_config(tmp_path, kafka_bootstrap, topics, recovery="true")
    file_alerts(config, tmp_path / "out")
    produce(kafka_bootstrap, topics["in"], records)
    produce(kafka_bootstrap, topics["in"], records)  # the replay: same event ids
    job = start_job(config)
    try:
        wait_for(
            lambda: len(lake_event_ids(tmp_path / "lake")) >= len(records),
            timeout=240,
            what="all rows",
            jobs=[job],
        )
        expected = sum(alert for _, _, alert in reference.values())
        wait_for(
            lambda: len(alert_lines(tmp_path / "out")) >= expected,
            timeout=120,
            what="the alerts",
            jobs=[job],
        )
        time.sleep(3)  # let any duplicate alert show up before the stop
    finally:
        stop_job(job)
    assert lake_rows(tmp_path / "lake") == reference  # no duplicate, same decisions
    alerts = [json.loads(x) for x in alert_lines(tmp_path / "out")]
    ids = Counter(a["event_id"] for a in alerts)
    assert [k for k, c in ids.items() if c > 1] == []
    assert set(ids) == {k for k, (_, _, alert) in reference.items() if alert}


def image_event(n: int, image: bytes) -> tuple[bytes, bytes]:
    session = f"s-img-{n}"
    event = {
        "schema": "tipline.message/1",
        "event_id": f"evt-img-{n:03d}",
        "sent_at": T0.isoformat(),
        "session_id": session,
        "sender": {"user_id": "u-1", "declared_age": 40},
        "recipients": [{"user_id": "u-2", "declared_age": 14}],
        "attachments": [
            {
                "attachment_id": f"a-{n}",
                "media_type": "image/jpeg",
                "data_b64": base64.b64encode(image).decode(),
            }
        ],
    }
    return session.encode(), json.dumps(event).encode()


def matched(lake: Path) -> dict[str, bool]:
    out: dict[str, bool] = {}
    for _, _, _, part in lake_files(lake):
        for row in pq.read_table(part, columns=["event_id", "matched_lists"]).to_pylist():
            out[row["event_id"]] = bool(row["matched_lists"])
    return out


def test_bad_list_reloads_keep_matching_in_a_running_job(
    tmp_path: Path, kafka_bootstrap: str, unique_name: str
) -> None:
    image = encode(make_image(99, 320, 240, "shapes"), "JPEG", 85)
    (tmp_path / "known.jpg").write_bytes(image)
    matcher = Matcher(default_algorithms(), settings_from_config(HashingConfig()), cache_entries=1)
    rows, _ = build_rows(tmp_path / "known.jpg", matcher, "known", "A1")
    good = ("\n".join(",".join(r) for r in [HEADER, *rows]) + "\n").encode()
    lst = tmp_path / "known.csv"
    lst.write_bytes(good)
    topics = topics_for(unique_name)
    create_topic(kafka_bootstrap, topics["in"], partitions=1)
    config = write_config(tmp_path, kafka_bootstrap, topics)
    text = config.read_text().replace(
        "[hashing]\nlists = []",
        f'[hashing]\nlists = [{{ path = "{lst}" }}]\nreload_interval_s = 0.2',
    )
    config.write_text(text.replace("max_record_bytes = 65536", "max_record_bytes = 1000000"))
    bad_versions = [
        (",".join(HEADER) + "\n" + "sha256,not-a-hash,known,1,A1\n" * len(rows)).encode(),
        ("\n".join(",".join(r) for r in [HEADER, rows[0]]) + "\n").encode(),  # truncated
        os.urandom(2048) + b"\0\n",
    ]
    job = start_job(config)
    n = 0
    try:
        for stamp, bad in enumerate([None, *bad_versions], start=2):
            if bad is not None:  # the first round runs with the good list
                lst.write_bytes(bad)
                os.utime(lst, ns=(stamp, stamp))
            produce(kafka_bootstrap, topics["in"], [image_event(n + i, image) for i in range(3)])
            n += 3
            wait_for(
                lambda n=n: len(matched(tmp_path / "lake")) >= n,  # type: ignore[misc]
                timeout=120,
                what="decisions",
                jobs=[job],
            )
    finally:
        stop_job(job)
    log = Path(job.log_path).read_text(errors="replace")  # type: ignore[attr-defined]
    assert job.returncode == 0, log[-3000:]
    result = matched(tmp_path / "lake")
    assert len(result) == n
    assert all(result.values()), f"missed matches: {[k for k, v in result.items() if not v]}"
    assert log.count("reload rejected") == len(bad_versions)
    assert "not-a-hash" not in log and "Traceback" not in log
