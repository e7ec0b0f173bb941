"""Trigger B (issue #13): evidence keeps the bytes it hashed at first touch.

A known image plus an attachment ``file:///proc/uptime`` (whose bytes change
between reads) made packaging read the URI again, find a different SHA-256
and raise ``EvidenceError``; the job exited. Now the match step keeps the
bytes it hashed and packaging uses them: no URI is read twice.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

import msgspec
from bytewax.testing import TestingSink, TestingSource, run_main

from tests.flow.conftest import T0
from tests.flow.test_evidence_first import known_image_setup
from tipline.flows.main import build_flow
from tipline.flows.outputs import OutputOverrides
from tipline.flows.pipeline import Pipeline
from tipline.schemas.config import TiplineConfig
from tipline.schemas.dead_letter import DeadLetter
from tipline.schemas.decision import decode_decision
from tipline.schemas.source import RawRecord, SourcePosition
from tipline.services.hashing import build_hash_service
from tipline.services.media_fetch import default_fetcher


def event_with_uri(image: bytes, uri: str, event_id: str) -> RawRecord:
    value = json.dumps(
        {
            "schema": "tipline.message/1",
            "event_id": event_id,
            "sent_at": T0.isoformat(),
            "session_id": f"s-{event_id}",
            "sender": {"user_id": "u-1", "declared_age": 40},
            "recipients": [{"user_id": "u-2", "declared_age": 14}],
            "attachments": [
                {
                    "attachment_id": "known",
                    "media_type": "image/jpeg",
                    "data_b64": base64.b64encode(image).decode(),
                },
                {"attachment_id": "changing", "media_type": "text/plain", "uri": uri},
            ],
        }
    ).encode()
    return RawRecord(value=value, source=SourcePosition(kind="file", file="mem", line=1))


def with_roots(cfg: TiplineConfig, roots: list[str]) -> TiplineConfig:
    return msgspec.structs.replace(
        cfg, hashing=msgspec.structs.replace(cfg.hashing, file_roots=roots)
    )


def run(cfg: TiplineConfig, record: RawRecord, pipe: Pipeline) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {k: [] for k in ("dead", "alerts", "drafts", "decisions")}
    overrides = OutputOverrides(
        dead_letters=TestingSink(out["dead"]),
        alerts=TestingSink(out["alerts"]),
        drafts=TestingSink(out["drafts"]),
        decisions=TestingSink(out["decisions"]),
    )
    run_main(build_flow(cfg, source=TestingSource([record]), outputs=overrides, pipeline=pipe))
    return out


def packaged_digests(pipe: Pipeline, package_id: str) -> dict[str, str]:
    manifest, _ = pipe.evidence.latest_manifest(package_id)
    return {
        i.attachment_id: i.sha256
        for i in manifest.items
        if i.attachment_id and i.role == "attachment"
    }


def test_proc_uptime_beside_a_known_image_is_denied_and_the_image_still_reported(
    tmp_path: Path,
) -> None:
    # Trigger B used /proc/uptime (bytes change between reads). /proc is never
    # read, whatever the roots say, so the known image is reported and nothing
    # from /proc is stored; the rewriting-file test below proves first touch.
    cfg, image = known_image_setup(tmp_path)
    cfg = with_roots(cfg, ["/proc/uptime"])
    pipe = Pipeline(cfg)
    out = run(cfg, event_with_uri(image, "file:///proc/uptime", "evt-uptime"), pipe)

    dead: list[DeadLetter] = out["dead"]
    assert dead == []
    assert len(out["alerts"]) == 1
    assert [d.status for d in out["drafts"]] == ["draft"]
    (decision,) = [decode_decision(d) for d in out["decisions"]]
    verdicts = {v.attachment_id: v for v in decision.attachments}
    assert verdicts["changing"].status == "fetch_denied"
    assert verdicts["changing"].sha256 is None
    package_id = json.loads(out["alerts"][0])["package_id"]
    digests = packaged_digests(pipe, package_id)
    assert "changing" not in digests
    assert digests["known"] == hashlib.sha256(image).hexdigest()


class RewritingFetcher:
    """Reads through the real file fetcher, then rewrites the file (bytes change per read).

    Reads are counted in a file: they happen in a hashing worker process.
    """

    def __init__(self, inner: Any, path: Path) -> None:
        self._inner = inner
        self._path = path
        self._log = path.with_name(path.name + ".reads")
        self._log.write_text("")

    @property
    def reads(self) -> int:
        return len(self._log.read_text().splitlines())

    def fetch(self, uri: str, max_bytes: int, timeout_s: float) -> bytes:
        data: bytes = self._inner.fetch(uri, max_bytes, timeout_s)
        with self._log.open("a") as log:
            log.write("read\n")
        self._path.write_bytes(f"changed after read {self.reads}".encode())
        return data


def test_a_uri_is_read_exactly_once(tmp_path: Path) -> None:
    cfg, image = known_image_setup(tmp_path)
    media = tmp_path / "media"
    media.mkdir()
    target = media / "notes.txt"
    target.write_bytes(b"first touch")
    cfg = with_roots(cfg, [str(media)])
    pipe = Pipeline(cfg)
    fetcher = RewritingFetcher(default_fetcher(cfg.hashing), target)
    pipe.__dict__["hashes"] = build_hash_service(cfg.hashing, fetcher=fetcher)

    out = run(cfg, event_with_uri(image, target.as_uri(), "evt-rewrite"), pipe)

    assert out["dead"] == []
    assert fetcher.reads == 1
    package_id = json.loads(out["alerts"][0])["package_id"]
    assert (
        packaged_digests(pipe, package_id)["changing"] == hashlib.sha256(b"first touch").hexdigest()
    )
    # the package holds the first-touch bytes, not what the file holds now
    assert target.read_bytes() != b"first touch"


def test_uri_bytes_are_dropped_when_no_case_opens(tmp_path: Path) -> None:
    """Memory stays bounded: only decisions that open a case carry the bytes onward."""
    cfg, _ = known_image_setup(tmp_path)
    media = tmp_path / "media"
    media.mkdir()
    target = media / "notes.txt"
    target.write_bytes(b"harmless")
    cfg = with_roots(cfg, [str(media)])
    pipe = Pipeline(cfg)
    record = event_with_uri(b"not an image", target.as_uri(), "evt-none")
    inbound = pipe.decode(record)
    (matched,) = pipe.match([inbound])  # type: ignore[list-item]
    assert not isinstance(matched, DeadLetter)
    assert matched.media == {"changing": b"harmless"}
    from tipline.flows.session import SessionLogic

    out, _ = SessionLogic(pipe, None).on_item(matched)
    (decided,) = out
    assert decided.decision.decision == "none"  # type: ignore[union-attr]
    assert decided.media == {}  # type: ignore[union-attr]
