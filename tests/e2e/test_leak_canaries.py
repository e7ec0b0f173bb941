"""Leak canaries: message text and media bytes appear only inside the encrypted vault.

Flagged synthetic conversations carry a unique canary string in every
message's text; a generated image carries canary bytes after its image data
(it is on the hash list, so it is flagged and packaged). The whole flow runs
twice — the demo config through ``tipline replay`` (files in, local vault,
lake, drafts) and a Kafka job against the real broker (alerts and dead-letter
topics, recovery on, metrics scraped) — and every output is scanned: logs,
metrics, alerts, dead-letter errors, the Parquet lake (decoded), drafts,
decisions.jsonl and recovery snapshots. Vault files must not hold a canary in
clear either; opening the package through the vault proves it is there,
encrypted (docs/design.md, invariant 4).
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import subprocess
import sys
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import msgspec
import pyarrow.parquet as pq
import pytest

from tests.integration import conftest as integration
from tipline.schemas.config import load_config
from tipline.schemas.dead_letter import DeadLetter, decode_dead_letter
from tipline.schemas.event import Attachment, MessageEvent, encode_event
from tipline.services.evidence import build_evidence_service
from tipline.synth.conversations import generate_sessions, to_events
from tipline.synth.images import encode, make_image

REPO = Path(__file__).resolve().parents[2]
RUN_ID = uuid.uuid4().hex[:12]
TEXT_CANARY = f"zqcanary{RUN_ID}txt"
BYTES_CANARY = f"ZQCANARY-{RUN_ID}-BYTES".encode()
CANARIES = (TEXT_CANARY.encode(), BYTES_CANARY)
START = datetime(2026, 11, 1, tzinfo=UTC)


def canary_image() -> bytes:
    """A generated image with canary bytes appended after the image data."""
    return encode(make_image(41, 160, 120, "shapes"), "PNG") + BYTES_CANARY


def flagged_events() -> list[MessageEvent]:
    """Positive (grooming) sessions with the canary in every text, plus a known image."""
    sessions = [s for s in generate_sessions(11, 40, START) if s.label][:4]
    out: list[MessageEvent] = []
    for session in sessions:
        for event in to_events(session):
            text = f"{event.text} {TEXT_CANARY}"
            out.append(msgspec.structs.replace(event, text=text))
    image = Attachment(
        attachment_id="att-canary",
        media_type="image/png",
        file_name="canary.png",
        data_b64=canary_image(),
    )
    first = out[0]
    out.append(
        msgspec.structs.replace(
            first, event_id=f"{first.event_id}-img", attachments=[image], text=TEXT_CANARY
        )
    )
    return out


def invalid_records() -> list[bytes]:
    """Records that must be dead-lettered; their text carries the canary."""
    base = json.loads(encode_event(flagged_events()[0]))
    bad_country = json.loads(json.dumps(base))
    bad_country["sender"]["country"] = "not-a-country"
    bad_time = {**base, "sent_at": f"{TEXT_CANARY} yesterday"}
    return [json.dumps(bad_country).encode(), json.dumps(bad_time).encode()]


def schema_canary_record() -> bytes:
    base = json.loads(encode_event(flagged_events()[0]))
    return json.dumps({**base, "schema": TEXT_CANARY}).encode()


def hash_list(path: Path) -> Path:
    digest = hashlib.sha256(canary_image()).hexdigest()
    path.write_text(f"algorithm,hash,list,id,category\nsha256,{digest},canary-list,c-1,test\n")
    return path


def found(data: bytes) -> list[bytes]:
    return [c for c in CANARIES if c in data]


def parquet_text(path: Path) -> bytes:
    return json.dumps(pq.read_table(path).to_pylist(), default=str).encode()


def scan_tree(root: Path, skip: tuple[Path, ...] = ()) -> dict[str, list[bytes]]:
    """Every file under ``root`` (Parquet decoded; dead-letter files by error fields)."""
    leaks: dict[str, list[bytes]] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if any(s == path or s in path.parents for s in skip):
            continue
        if path.suffix == ".parquet":
            data = parquet_text(path)
        elif path.name.startswith("dead-letters"):
            data = dead_letter_errors(path.read_bytes().splitlines())
        else:
            data = path.read_bytes()
        if hits := found(data):
            leaks[str(path.relative_to(root))] = hits
    return leaks


def dead_letter_errors(lines: list[bytes]) -> bytes:
    letters = [decode_dead_letter(line) for line in lines if line.strip()]
    return "\n".join(f"{d.error_type} {d.error}" for d in letters).encode()


def vault_plaintexts(config_path: Path, vault: Path) -> Iterator[bytes]:
    """Open every item of every package through the vault (custody-logged)."""
    cfg = load_config(config_path)
    evidence = msgspec.structs.replace(cfg.evidence, path=str(vault))
    service = build_evidence_service(evidence, env={})
    operator = next(iter(evidence.access.operators))
    # roles come only from a policy signed into the vault (the config grants nothing)
    service.sign_roles(evidence.access.operators, identity="env", now=datetime.now(UTC))
    for pid in service.list_packages():
        manifest, _ = service.latest_manifest(pid)
        items = [i.item_id for i in manifest.items]
        opened = service.open_items(
            pid, items, operator=operator, reason="leak-canary test", now=datetime.now(UTC)
        )
        yield from opened.values()


def write_events(folder: Path, records: list[bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "events.jsonl").write_bytes(b"\n".join(records) + b"\n")
    return folder


# ---------------------------------------------------------------- replay (demo config)


@pytest.fixture(scope="module")
def replay(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("canary-replay")
    records = [encode_event(e) for e in flagged_events()] + invalid_records()
    events = write_events(tmp / "events", records)
    out = tmp / "out"
    result = subprocess.run(  # noqa: PLW1510 (the return code is asserted)
        [
            sys.executable,
            "-m",
            "tipline.cli.main",
            "replay",
            "--events",
            str(events),
            "--config",
            str(REPO / "config" / "default.toml"),
            "--out",
            str(out),
            "--hash-list",
            str(hash_list(tmp / "canary.csv")),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return out, result.stdout + result.stderr


def test_replay_flags_and_packages_the_canaries(replay: tuple[Path, str]) -> None:
    out, _ = replay
    decisions = [json.loads(x) for x in (out / "decisions.jsonl").read_text().splitlines()]
    assert any(d["decision"] in ("review", "report") for d in decisions)
    assert list((out / "reports").rglob("report.xml")), "no report draft: the test is vacuous"
    plain = b"".join(vault_plaintexts(REPO / "config" / "default.toml", out / "vault"))
    assert TEXT_CANARY.encode() in plain and BYTES_CANARY in plain


def test_replay_outputs_and_logs_never_hold_a_canary(replay: tuple[Path, str]) -> None:
    out, log = replay
    assert not found(log.encode()), "the replay's stdout/stderr"
    assert scan_tree(out, skip=(out / "vault", out / "keys")) == {}


def test_vault_files_hold_canaries_only_encrypted(replay: tuple[Path, str]) -> None:
    out, _ = replay
    files = [p for p in (out / "vault").rglob("*") if p.is_file()]
    assert files
    assert {str(p): found(p.read_bytes()) for p in files if found(p.read_bytes())} == {}


def test_dead_letter_errors_never_quote_message_text(replay: tuple[Path, str]) -> None:
    out, _ = replay
    letters = [
        decode_dead_letter(x) for x in (out / "dead-letters.jsonl").read_bytes().splitlines()
    ]
    assert len(letters) == len(invalid_records())
    for letter in letters:
        assert TEXT_CANARY not in letter.error + letter.error_type


def test_a_canary_in_the_schema_field_stays_out_of_the_error() -> None:
    from tipline.operators.intake import decode_record
    from tipline.schemas.source import RawRecord, SourcePosition

    record = RawRecord(value=schema_canary_record(), source=SourcePosition(kind="file"))
    letter = decode_record(record, max_bytes=1 << 20, now=datetime.now(UTC))
    # an unknown schema must be refused: a record decoded anyway would pass a getattr check
    assert isinstance(letter, DeadLetter), letter
    assert letter.error
    assert TEXT_CANARY not in letter.error + letter.error_type


# ---------------------------------------------------------------- Kafka job


@pytest.fixture(scope="module")
def kafka_bootstrap() -> str:
    """The real broker started by deploy/kafka.sh (as tests/integration does)."""
    return integration._start("kafka.sh").strip().splitlines()[-1]


@pytest.fixture
def unique_name() -> str:
    return f"t-canary-{uuid.uuid4().hex[:10]}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def kafka_config(tmp: Path, bootstrap: str, name: str, metrics_port: int) -> Path:
    from tests.support import grooming_block

    config = tmp / "kafka.toml"
    config.write_text(
        f"""
[job]
name = "tipline-canary"
[kafka]
brokers = ["{bootstrap}"]
consumer = {{ "fetch.wait.max.ms" = 10 }}
producer = {{ "linger.ms" = 1 }}
[input]
kind = "kafka"
topics = ["{name}-in"]
max_record_bytes = 1048576
[dead_letters]
kind = "kafka"
topic = "{name}-dlq"
[alerts]
kind = "kafka"
topic = "{name}-alerts"
[lake]
path = "{tmp / "lake"}"
roll_rows = 50
roll_seconds = 0.3
[recovery]
enabled = true
path = "{tmp / "recovery"}"
snapshot_interval_s = 0.5
[metrics]
port = {metrics_port}
[hashing]
lists = [{{ path = "{hash_list(tmp / "canary.csv")}" }}]
[evidence]
path = "{tmp / "vault"}"
[evidence.access]
operators = {{ "canary-test" = ["viewer"] }}
[reports]
path = "{tmp / "reports"}"
"""
        + grooming_block(),
        encoding="utf-8",
    )
    return config


@pytest.mark.integration
def test_kafka_job_leaks_no_canary(tmp_path: Path, kafka_bootstrap: str, unique_name: str) -> None:
    from tests.integration.kafka_util import (
        consume_all,
        create_topic,
        produce,
        start_job,
        stop_job,
        wait_for,
    )
    from tests.integration.test_kafka_flow import lake_event_ids

    events = flagged_events()
    create_topic(kafka_bootstrap, f"{unique_name}-in", partitions=2)
    produce(
        kafka_bootstrap,
        f"{unique_name}-in",
        [(e.session_id.encode(), encode_event(e)) for e in events]
        + [(b"bad", r) for r in invalid_records()],
    )
    port = _free_port()
    config = kafka_config(tmp_path, kafka_bootstrap, unique_name, port)
    job = start_job(config)
    try:
        wait_for(
            lambda: len(lake_event_ids(tmp_path / "lake")) >= len(events),
            what="every event in the lake",
            jobs=[job],
        )
        alerts = consume_all(kafka_bootstrap, f"{unique_name}-alerts", timeout=60)
        dead = consume_all(
            kafka_bootstrap, f"{unique_name}-dlq", expect=len(invalid_records()), timeout=60
        )
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as r:
            metrics = r.read()
    finally:
        stop_job(job)
    log = Path(job.log_path).read_bytes()  # type: ignore[attr-defined]
    assert alerts, "no alert: the test is vacuous"
    assert b"tipline_events_in_total" in metrics
    assert not found(log), "job stdout/stderr"
    assert not found(metrics), "Prometheus metrics"
    assert not [v for _, v in alerts if found(v)], "alert topic"
    assert len(dead) == len(invalid_records())
    assert not found(dead_letter_errors([v for _, v in dead])), "dead-letter error fields"
    assert list((tmp_path / "recovery").glob("part-*.sqlite3"))
    leaks = scan_tree(
        tmp_path, skip=(tmp_path / "vault", tmp_path / "keys", tmp_path / "canary.csv")
    )
    leaks.pop(config.name, None)
    assert leaks == {}, "lake, drafts or recovery snapshots"
    plain = b"".join(vault_plaintexts(config, tmp_path / "vault"))
    assert TEXT_CANARY.encode() in plain and BYTES_CANARY in plain
    vault_files = [p for p in (tmp_path / "vault").rglob("*") if p.is_file()]
    assert not [p for p in vault_files if found(p.read_bytes())], "vault files in clear"


def test_canary_image_is_a_real_image() -> None:
    import io

    from PIL import Image

    data = canary_image()
    assert Image.open(io.BytesIO(data)).size == (160, 120)
    assert data.endswith(BYTES_CANARY)
    # the canary travels inside the event's attachment (base64 on the wire)
    wire = encode_event(flagged_events()[-1])
    assert base64.b64encode(data) in wire
