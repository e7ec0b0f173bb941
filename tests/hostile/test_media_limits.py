"""Fetch and decode limits that must hold against hostile media (issue #13, Medium).

* A slow S3 server (headers or body dripped a byte at a time) cannot stretch a
  fetch past its total deadline; the fetch is a ``timeout`` verdict.
* A huge-dimension PNG is refused from its header (``too_many_pixels``) with
  its exact digests still computed and matched, without decoding a pixel.
* Many images in one event share one pixel and time budget; the rest get
  ``event_budget_exceeded`` with exact digests, and the decision goes to review.

Images are generated here (noise-free zero rows, hand-built PNG chunks), never
committed. The test S3 server listens on loopback only, serves a bounded
number of bytes and stops with the test.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import socketserver
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tipline.clients.media import S3Fetcher
from tipline.operators.decide import decide
from tipline.operators.hashing import Matcher, default_algorithms, settings_from_config
from tipline.schemas.event import Account, Attachment, MessageEvent
from tipline.schemas.grooming import DecisionConfig
from tipline.schemas.hashing import (
    STATUS_EVENT_BUDGET,
    AttachmentVerdict,
    HashingConfig,
    HashListSource,
    MediaS3Config,
    MediaTimeoutError,
)
from tipline.schemas.source import SourcePosition
from tipline.services.hashing import build_hash_service
from tipline.services.media_fetch import default_fetcher
from tipline.synth.images import encode, make_image

T0 = datetime(2026, 12, 1, tzinfo=UTC)
DRIP_BYTES = 400  # at DRIP_S per byte the server would need 40 s
DRIP_S = 0.1


# ---- generated images ------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def big_png(width: int, height: int, seed: int = 0) -> bytes:
    """An RGB PNG of zero rows, built chunk by chunk in little memory.

    ``seed`` goes into a ``tEXt`` chunk, so images differ in their bytes (and
    digests) while sharing one compressed pixel stream.
    """
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"tEXt", b"seed\x00%d" % seed)
        + _chunk(b"IDAT", _zero_rows(width, height))
        + _chunk(b"IEND", b"")
    )


@functools.cache
def _zero_rows(width: int, height: int) -> bytes:
    comp = zlib.compressobj(6)
    row = bytes(1 + 3 * width)
    return b"".join([*(comp.compress(row) for _ in range(height)), comp.flush()])


def _event(*attachments: Attachment) -> MessageEvent:
    return MessageEvent(
        schema="tipline.message/1", event_id="e-1", sent_at=T0, session_id="s-1",
        sender=Account(user_id="u-1"), recipients=[Account(user_id="u-2")],
        attachments=list(attachments),
    )  # fmt: skip


def _inline(i: int, data: bytes, media_type: str = "image/png") -> Attachment:
    return Attachment(attachment_id=f"a{i}", media_type=media_type, data_b64=data)


def _list(tmp_path: Path, *blobs: bytes) -> HashListSource:
    rows = "".join(
        f"sha256,{hashlib.sha256(b).hexdigest()},known,k{i}\n" for i, b in enumerate(blobs)
    )
    path = tmp_path / "known.csv"
    path.write_text("algorithm,hash,list,id\n" + rows, encoding="utf-8")
    return HashListSource(path=str(path))


# ---- a slow, loopback-only S3 stand-in --------------------------------------------


class _SlowS3(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mode: str) -> None:
        super().__init__(("127.0.0.1", 0), _DripHandler)
        self.mode = mode
        self.stop = threading.Event()
        self.client_gone = threading.Event()
        self.got_request = threading.Event()


class _DripHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        server: _SlowS3 = self.server  # type: ignore[assignment]
        server.got_request.set()
        self.request.settimeout(5.0)
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 65536:
            got = self.request.recv(4096)
            if not got:
                return
            head += got
        headers = (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
            b"Content-Length: %d\r\n\r\n" % DRIP_BYTES
        )
        fast, slow = (headers, b"x" * DRIP_BYTES) if server.mode == "body" else (b"", headers)
        try:
            self.request.sendall(fast)
            for i in range(len(slow)):
                if server.stop.is_set():
                    return
                self.request.sendall(slow[i : i + 1])
                time.sleep(DRIP_S)
        except OSError:
            server.client_gone.set()


@contextlib.contextmanager
def _serve(mode: str) -> Iterator[_SlowS3]:
    server = _SlowS3(mode)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(params=["body", "headers"])
def slow_s3(request: pytest.FixtureRequest) -> Iterator[_SlowS3]:
    with _serve(request.param) as server:
        yield server


def _slow_fetcher(server: _SlowS3) -> S3Fetcher:
    host, port = server.server_address[:2]
    return S3Fetcher(endpoint_url=f"http://{host}:{port}", access_key="a", secret_key="b",
                     region="us-east-1", buckets=["media"])  # fmt: skip


@pytest.mark.timeout(30)
def test_a_dripping_s3_server_cannot_stretch_a_fetch(slow_s3: _SlowS3) -> None:
    # Served in full, the object would take DRIP_BYTES * DRIP_S = 40 s.
    with pytest.raises(MediaTimeoutError, match="total deadline"):
        _slow_fetcher(slow_s3).fetch("s3://media/img.png", 10**6, 3.0)
    assert slow_s3.got_request.wait(timeout=20)


@pytest.mark.timeout(30)
def test_an_abandoned_body_stream_is_closed() -> None:
    with _serve("body") as server:
        with pytest.raises(MediaTimeoutError):
            _slow_fetcher(server).fetch("s3://media/img.png", 10**6, 3.0)
        # The worker stops at its next piece and closes the connection; the server sees it.
        assert server.client_gone.wait(timeout=20)


@pytest.mark.timeout(60)
def test_slow_attachments_share_one_event_deadline(slow_s3: _SlowS3) -> None:
    cfg = HashingConfig(
        fetch_timeout_s=0.5, event_timeout_s=0.8, s3=MediaS3Config(buckets=["media"])
    )
    service = build_hash_service(cfg, fetcher=_slow_fetcher(slow_s3))
    atts = [Attachment(attachment_id=f"a{i}", media_type="image/png", uri=f"s3://media/{i}.png")
            for i in range(4)]  # fmt: skip
    verdicts = service.match(_event(*atts), T0)
    statuses = [v.status for v in verdicts]
    assert statuses[0] == "timeout"
    assert statuses[-1] == STATUS_EVENT_BUDGET
    assert set(statuses) <= {"timeout", STATUS_EVENT_BUDGET}


def test_the_default_fetcher_uses_the_event_budget_clock(tmp_path: Path) -> None:
    """A clock that jumps 10 s per reading: only the first attachment is worked on."""
    ticks = iter(range(0, 10_000, 10))
    a, b = encode(make_image(1, 64, 64, "scene")), encode(make_image(2, 64, 64, "scene"))
    cfg = HashingConfig(lists=[_list(tmp_path, b)], event_timeout_s=5.0)
    service = build_hash_service(
        cfg, fetcher=default_fetcher(cfg, env={}), clock=lambda: next(ticks)
    )
    first, second = service.match(_event(_inline(0, a), _inline(1, b)), T0)
    assert first.status == "hashed"
    # Out of time: no decode, but the inline bytes' exact digests are still matched.
    assert second.status == STATUS_EVENT_BUDGET
    assert second.sha256 == hashlib.sha256(b).hexdigest()
    assert second.strength == "exact"


# ---- decode limits -----------------------------------------------------------------


def test_huge_png_is_refused_from_its_header_with_exact_digests(tmp_path: Path) -> None:
    data = big_png(8000, 8000)
    service = build_hash_service(HashingConfig(lists=[_list(tmp_path, data)]))
    (v,) = service.match(_event(_inline(0, data)), T0)
    assert v.status == "too_many_pixels"
    assert "8000x8000" in (v.reason or "")
    assert v.sha256 == hashlib.sha256(data).hexdigest()
    assert v.strength == "exact"


def test_non_jpeg_cap_is_lower_than_the_jpeg_cap() -> None:
    cfg = HashingConfig(max_pixels=4_000_000, max_pixels_other=1_000_000)
    matcher = Matcher(default_algorithms(), settings_from_config(cfg), 8)
    png = big_png(1200, 1200)
    jpeg = encode(make_image(3, 1200, 1200, "scene"), "JPEG", 80)
    assert matcher.hash_bytes(png)[1].status == "too_many_pixels"
    assert matcher.hash_bytes(jpeg)[1].status == "hashed"


_MEASURE = """
import json, resource, sys, time
from datetime import UTC, datetime
sys.path[:0] = [{repo!r}, {tests!r}]
from test_media_limits import big_png, _event, _inline
from tipline.services.hashing import build_hash_service
from tipline.schemas.hashing import HashingConfig
images = [big_png(8000, 8000, seed) for seed in range(32)]
service = build_hash_service(HashingConfig())
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.process_time()
verdicts = service.match(_event(*[_inline(i, d) for i, d in enumerate(images)]), datetime.now(UTC))
print(json.dumps({{
    "statuses": sorted({{v.status for v in verdicts}}),
    "digests": sum(v.sha256 is not None for v in verdicts),
    "grown_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base,
    "cpu_s": time.process_time() - start,
}}))
"""


@pytest.mark.timeout(120)
def test_32_huge_pngs_in_one_event_cost_no_decode_memory(repo_root: Path) -> None:
    """Measured in a fresh process: peak RSS may not grow by a decoded image (64 MP * 3 B)."""
    code = _MEASURE.format(repo=str(repo_root), tests=str(Path(__file__).parent))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    assert result["statuses"] == ["too_many_pixels"]
    assert result["digests"] == 32
    assert result["grown_kib"] < 64 * 1024  # a single 8000x8000 RGB decode is 187 MiB


def test_an_event_pixel_budget_bounds_total_decoding() -> None:
    cfg = HashingConfig(event_max_pixels=3_000_000)
    service = build_hash_service(cfg)
    images = [big_png(1000, 1000, seed) for seed in range(8)]
    verdicts = service.match(_event(*[_inline(i, d) for i, d in enumerate(images)]), T0)
    statuses = [v.status for v in verdicts]
    assert statuses == ["hashed"] * 3 + [STATUS_EVENT_BUDGET] * 5
    assert all(
        v.sha256 == hashlib.sha256(d).hexdigest() for v, d in zip(verdicts, images, strict=True)
    )


def test_cached_images_do_not_spend_the_pixel_budget() -> None:
    service = build_hash_service(HashingConfig(event_max_pixels=1_500_000))
    same = big_png(1000, 1000, 5)
    verdicts = service.match(_event(*[_inline(i, same) for i in range(5)]), T0)
    assert [v.status for v in verdicts] == ["hashed"] * 5


# ---- routing -------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["too_many_pixels", "too_large", "timeout", STATUS_EVENT_BUDGET])
def test_unchecked_media_goes_to_review(status: str) -> None:
    verdict = AttachmentVerdict(attachment_id="a0", status=status, media_type="image/png")
    decision = decide(
        DecisionConfig(), _event(), [verdict], None, gate=None, detector_version="t",
        source=SourcePosition(kind="file", file="mem", line=1), now=T0,
    )  # fmt: skip
    assert decision.decision == "review"
    assert decision.alert
    assert f"attachment:{status}" in decision.reasons


@pytest.mark.parametrize("status", ["not_found", "not_an_image", "fetch_denied"])
def test_other_failures_do_not_open_a_case_by_themselves(status: str) -> None:
    verdict = AttachmentVerdict(attachment_id="a0", status=status, media_type="image/png")
    decision = decide(
        DecisionConfig(), _event(), [verdict], None, gate=None, detector_version="t",
        source=SourcePosition(kind="file", file="mem", line=1), now=T0,
    )  # fmt: skip
    assert decision.decision == "none"
    assert not decision.alert
