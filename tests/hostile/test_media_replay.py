"""The media findings end to end: ``tipline replay`` on hostile events (real flow, local vault).

A known image travels with URIs to ``/etc/passwd``, ``/proc/self/environ``,
the dev master key and a FIFO; a huge PNG comes alone; a hostile
``media_type`` comes in a third event. The run exits 0, every record is a
decision or a dead letter, no denied file reaches the vault, the huge image
goes to review with its exact digest, and the dead letter does not echo the
hostile value.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.test_media_limits import big_png
from tests.support import REPO, grooming_block
from tipline.synth.images import encode, make_image


def _event(event_id: str, attachments: list[dict[str, object]]) -> str:
    return json.dumps(
        {
            "schema": "tipline.message/1",
            "event_id": event_id,
            "sent_at": "2026-12-01T10:00:00+00:00",
            "session_id": f"s-{event_id}",
            "sender": {"user_id": "u-1"},
            "recipients": [{"user_id": "u-2"}],
            "attachments": attachments,
        }
    )


def _inline(attachment_id: str, data: bytes, media_type: str = "image/png") -> dict[str, object]:
    return {
        "attachment_id": attachment_id,
        "media_type": media_type,
        "data_b64": base64.b64encode(data).decode(),
    }


def _uri(attachment_id: str, uri: str) -> dict[str, object]:
    return {"attachment_id": attachment_id, "media_type": "image/png", "uri": uri}


@pytest.mark.timeout(600)
def test_replay_of_hostile_media_exits_0_and_stores_nothing_it_must_not(tmp_path: Path) -> None:
    media = tmp_path / "media"
    media.mkdir()
    os.mkfifo(media / "pipe.png")
    (media / "escape.png").symlink_to("/etc/passwd")
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / "dev-master.key").write_bytes(b"KEY-CANARY")
    known = encode(make_image(11, 320, 240, "scene"))
    huge = big_png(8000, 8000)
    known_list = tmp_path / "known.csv"
    known_list.write_text(
        "algorithm,hash,list,id\n"
        f"sha256,{hashlib.sha256(known).hexdigest()},known,k1\n"
        f"sha256,{hashlib.sha256(huge).hexdigest()},known,k2\n",
        encoding="utf-8",
    )
    hostile = [
        _inline("known", known),
        _uri("passwd", "file:///etc/passwd"),
        _uri("environ", "file:///proc/self/environ"),
        _uri("devkey", (keys / "dev-master.key").as_uri()),
        _uri("fifo", (media / "pipe.png").as_uri()),
        _uri("escape", (media / "escape.png").as_uri()),
        _uri("vault", "s3://vault/packages/x/manifest/v0001.json"),
    ]
    events = tmp_path / "events"
    events.mkdir()
    (events / "part-0.jsonl").write_text(
        "\n".join(
            [
                _event("e-files", hostile),
                _event("e-huge", [_inline("huge", big_png(8000, 8000, 1))]),
                _event("e-type", [_inline("t", known, 'image/png" onerror="alert(1)')]),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    config = tmp_path / "replay.toml"
    config.write_text(
        f'[hashing]\nlists = []\nfile_roots = ["{media}"]\n'
        '[hashing.s3]\nbuckets = ["media"]\n'
        # The flow runs with a local vault; [evidence.s3] only names the bucket
        # the media fetcher must refuse.
        f'[evidence]\npath = "{tmp_path / "vault"}"\n'
        '[evidence.s3]\nbucket = "vault"\n' + grooming_block(),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "tipline.cli.main", "replay", "--events", str(events), "--config",
         str(config), "--out", str(out), "--hash-list", str(known_list)],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    decisions = {
        d["event_id"]: d
        for d in map(json.loads, (out / "decisions.jsonl").read_text("utf-8").splitlines())
    }
    dead = [json.loads(x) for x in (out / "dead-letters.jsonl").read_text("utf-8").splitlines()]
    assert set(decisions) == {"e-files", "e-huge"}
    assert len(dead) == 1
    assert "media_type" in dead[0]["error"]
    assert "onerror" not in dead[0]["error"]

    files = {a["attachment_id"]: a for a in decisions["e-files"]["attachments"]}
    assert files["known"]["strength"] == "exact"
    for denied in ("passwd", "environ", "devkey", "fifo", "escape", "vault"):
        assert files[denied]["status"] == "fetch_denied", denied
        assert files[denied]["sha256"] is None
    assert decisions["e-files"]["decision"] == "report"

    (huge_verdict,) = decisions["e-huge"]["attachments"]
    assert huge_verdict["status"] == "too_many_pixels"
    assert huge_verdict["sha256"] is not None
    assert decisions["e-huge"]["decision"] == "review"
    assert decisions["e-huge"]["alert"]

    secrets = {
        hashlib.sha256(Path("/etc/passwd").read_bytes()).hexdigest(),
        hashlib.sha256(b"KEY-CANARY").hexdigest(),
    }
    manifests = list((out / "vault").rglob("manifest/v*.json"))
    assert manifests
    for manifest in manifests:
        text = manifest.read_text("utf-8")
        assert not any(s in text for s in secrets)
        assert "KEY-CANARY" not in text
