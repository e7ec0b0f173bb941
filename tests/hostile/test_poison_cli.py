"""The CLI over hostile input (issue #13): every event accounted for, dead letters sealed.

- ``tipline replay`` on a file of hostile events exits 0, and every record is a
  decision or a dead letter (``inputs == decisions + NO_DECISION_STAGES letters``);
  the known image from an account with a hostile name gets a valid draft.
- Dead letters at rest are sealed: no plaintext canary in the file, which is
  0600 in a 0700 folder; ``tipline dlq replay`` opens and re-drives them.
"""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from tests.flow.test_evidence_first import known_image_setup
from tests.hostile.data import CANARY, hostile_records, write_jsonl
from tipline.operators.report import validate_report_xml
from tipline.schemas.dead_letter import NO_DECISION_STAGES, decode_dead_letter
from tipline.schemas.report import decode_draft

REPO = Path(__file__).resolve().parents[2]


def tipline(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tipline.cli.main", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def config_file(tmp: Path, hash_list: Path) -> Path:
    path = tmp / "config.toml"
    path.write_text(
        f"""
[input]
path = "{tmp / "in"}"
[dead_letters]
path = "{tmp / "out" / "dlq"}"
[alerts]
path = "{tmp / "out"}"
[lake]
path = "{tmp / "lake"}"
[metrics]
port = 0
[hashing]
lists = [{{ path = "{hash_list}" }}]
file_roots = ["{tmp / "media"}"]
[evidence]
path = "{tmp / "vault"}"
[reports]
path = "{tmp / "reports"}"
""",
        encoding="utf-8",
    )
    return path


def test_replay_of_hostile_events_accounts_for_every_record(tmp_path: Path) -> None:
    _, image = known_image_setup(tmp_path)
    values = hostile_records(image)
    events = tmp_path / "hostile.jsonl"
    write_jsonl(events, values)
    config = config_file(tmp_path, tmp_path / "list.csv")
    out = tmp_path / "replay"

    done = tipline(
        "replay", "--config", str(config), "--events", str(events), "--out", str(out), cwd=tmp_path
    )

    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    decisions = [json.loads(x) for x in (out / "decisions.jsonl").read_bytes().splitlines()]
    letters = [
        decode_dead_letter(x) for x in (out / "dead-letters.jsonl").read_bytes().splitlines()
    ]
    no_decision = [d for d in letters if d.stage in NO_DECISION_STAGES]
    assert len(decisions) + len(no_decision) == len(values)
    assert len({d["event_id"] for d in decisions}) == len(decisions)
    assert no_decision, "the hostile file holds records that cannot be events"
    # the known image sent by an account named "dave\\u0001\\ufffe]]>" is reported
    by_id = {d["event_id"]: d for d in decisions}
    assert by_id["hostile-029"]["decision"] == "report"
    drafts = [decode_draft(p.read_bytes()) for p in (out / "reports").glob("*/draft.json")]
    (draft,) = [d for d in drafts if d.event_id == "hostile-029"]
    assert draft.status == "draft"
    validate_report_xml(draft.report_xml)
    assert "hostile-029" in (out / "alerts.jsonl").read_text(encoding="utf-8")
    # content never reaches dead-letter reasons or the file in the clear
    blob = (out / "dead-letters.jsonl").read_bytes()
    assert CANARY.encode() not in blob
    assert base64.b64encode(CANARY.encode())[:16] not in blob
    assert all(d.sealed for d in letters)
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["dead_lettered"] == len(no_decision)


def test_dead_letters_are_sealed_at_rest_and_dlq_replay_opens_them(tmp_path: Path) -> None:
    _, _ = known_image_setup(tmp_path)
    config = config_file(tmp_path, tmp_path / "list.csv")
    bad = [b"{not json " + CANARY.encode() + b"}", b"\x00\xff" + CANARY.encode()]
    write_jsonl(tmp_path / "in" / "events.jsonl", bad)

    run = tipline("run", "--config", str(config), cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]

    dlq = tmp_path / "out" / "dlq" / "dead-letters.jsonl"
    blob = dlq.read_bytes()
    assert CANARY.encode() not in blob
    for value in bad:
        assert base64.b64encode(value) not in blob
    assert stat.S_IMODE(dlq.stat().st_mode) == 0o600
    assert stat.S_IMODE(dlq.parent.stat().st_mode) == 0o700
    letters = [decode_dead_letter(x) for x in blob.splitlines()]
    assert [d.stage for d in letters] == ["decode", "decode"]
    assert all(d.sealed and d.raw not in bad for d in letters)

    listed = tipline("dlq", "list", "--config", str(config), cwd=tmp_path)
    assert listed.returncode == 0
    assert "EventDecodeError" in listed.stdout
    redriven = tmp_path / "redrive.jsonl"
    replay = tipline("dlq", "replay", "--config", str(config), "--out", str(redriven), cwd=tmp_path)
    assert replay.returncode == 0, replay.stderr[-2000:]
    assert redriven.read_bytes().splitlines() == bad


def test_deep_nesting_is_a_decode_error_not_an_unexpected_one() -> None:
    from tests.flow.conftest import T0
    from tipline.operators.intake import decode_record
    from tipline.schemas.source import RawRecord, SourcePosition

    value = b'{"a":' * 5_000 + b"1" + b"}" * 5_000
    record = RawRecord(value=value, source=SourcePosition(kind="file", file="f", line=1))
    letter = decode_record(record, max_bytes=1 << 20, now=T0)
    assert getattr(letter, "error_type", None) == "EventDecodeError"
