"""Load generator: synthetic message events into the real Kafka broker at a fixed rate.

Traffic comes only from the project's generators: conversations from
:mod:`tipline.synth.conversations` (synthetic, non-explicit) and images from
:mod:`tipline.synth.images` (noise, gradients, shapes). Two kinds:

* ``text``: every message is a chat line.
* ``mixed``: a share of messages (default 5 %) carries one generated JPEG of
  1-12 MP, inline (base64). A share of those images (default 10 %) are
  upscaled copies of the demo "known" images, so they match the known list
  and open a case (evidence, report draft, alert).

Payloads are precomputed so the generator keeps up: every event is a byte
template with holes for the event id, ``sent_at`` (set to the send time) and
a session-cycle suffix; filling one is a ``bytes.join``. Every image gets a
unique JPEG comment segment (18 bytes, so the base64 of the rest is reused),
which changes its SHA-256: the job's per-SHA-256 hash cache never hides the
cost of hashing a fresh image.

Pacing is a token bucket (a burst of 20 ms of tokens, at least 10); the record
timestamp is the producer's CreateTime, stamped when ``produce()`` is called,
so pacing jitter never shortens a measured latency.

Run as ``python -m tipline.benchmarks.loadgen --topic T --rate R --duration S``; it
prints one JSON line ``{"event": "started"}`` before the first record and one
result line (:class:`LoadResult`) at the end.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal

import msgspec
from confluent_kafka import KafkaError, Message, Producer
from PIL import Image

from tipline.synth.conversations import SyntheticSession, generate_sessions, to_events
from tipline.synth.images import KINDS, encode, make_image

Traffic = Literal["text", "mixed"]

START: Final = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
SESSIONS: Final = 600
_HOLE: Final = re.compile(rb"@@(E|T|C)@@")
_SOI: Final = b"\xff\xd8"
# Image kinds for unrelated images ("uniform" has PDQ quality ~0 and is not hashed).
_IMAGE_KINDS: Final = tuple(k for k in KINDS if k != "uniform")
# Producer settings: small linger so the record timestamp is close to the send;
# a large message limit for inline 12 MP images.
MAX_MESSAGE_BYTES: Final = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class TrafficSpec:
    """What to send.

    Attributes:
        kind: ``text`` or ``mixed``.
        image_share: share of messages with one image (mixed only).
        min_megapixels: smallest generated image.
        max_megapixels: largest generated image.
        known_share: share of images that are copies of known images.
        positive_session_share: share of grooming sessions among the generated
            sessions (the generator's own mix is ~40 %, far above any platform's).
        image_pool: distinct unrelated images (each send is made unique anyway).
        sessions: conversations running at once, their messages dealt
            round-robin (0: :data:`SESSIONS` generated ones in event-time
            order, ~550 at once, each with many messages per snapshot epoch;
            see :func:`text_templates`). Each session touched in an epoch is
            snapshotted whole, so this sets how many keys an epoch writes.
    """

    kind: Traffic = "text"
    image_share: float = 0.05
    min_megapixels: float = 1.0
    max_megapixels: float = 12.0
    known_share: float = 0.1
    positive_session_share: float = 0.05
    image_pool: int = 8
    sessions: int = 0  # 0: SESSIONS


@dataclass(frozen=True, slots=True)
class EventTemplate:
    """One event as byte parts around the holes (id, sent_at, session cycle)."""

    parts: tuple[bytes, ...]
    holes: tuple[bytes, ...]
    session: bytes = b""

    def fill(self, event_id: bytes, sent_at: bytes, cycle: bytes) -> bytes:
        """Return the event JSON with the holes filled in."""
        values = {b"E": event_id, b"T": sent_at, b"C": cycle}
        out = [self.parts[0]]
        for hole, part in zip(self.holes, self.parts[1:], strict=True):
            out.append(values[hole])
            out.append(part)
        return b"".join(out)


@dataclass(frozen=True, slots=True)
class ImagePayload:
    """A JPEG ready to be made unique: base64 of everything after its SOI marker."""

    rest_b64: bytes
    size_bytes: int
    megapixels: float
    known: bool

    def attachment(self, attachment_id: bytes, unique: bytes) -> bytes:
        """The attachment JSON with a unique JPEG comment segment (same pixels)."""
        tag = unique[-12:].rjust(12, b"0")
        prefix = _SOI + b"\xff\xfe\x00\x0e" + tag  # 18 bytes: base64 stays aligned
        data = base64.b64encode(prefix) + self.rest_b64
        return (
            b'{"attachment_id":"' + attachment_id + b'","media_type":"image/jpeg",'
            b'"file_name":"IMG.jpg","size_bytes":'
            + str(self.size_bytes + 16).encode()
            + b',"data_b64":"'
            + data
            + b'"}'
        )


@dataclass(slots=True)
class PayloadPool:
    """Precomputed events and images, and which message carries which image."""

    templates: list[EventTemplate]
    images: list[ImagePayload] = field(default_factory=list)
    schedule: list[int] = field(default_factory=list)
    _clock_ms: int = 0
    _clock_text: bytes = b""

    def _sent_at(self) -> bytes:
        """The current time as RFC 3339 with milliseconds (formatted once per ms)."""
        now_ms = time.time_ns() // 1_000_000
        if now_ms != self._clock_ms:
            when = datetime.fromtimestamp(now_ms / 1000, UTC)
            self._clock_ms = now_ms
            self._clock_text = when.isoformat(timespec="milliseconds").encode()
        return self._clock_text

    def event(self, n: int, prefix: bytes) -> tuple[bytes, bool]:
        """The ``n``-th event of a run and whether it carries an image.

        The pool is cycled; every cycle gets fresh session ids, so a repeated
        conversation never extends an earlier one.
        """
        cycle, i = divmod(n, len(self.templates))
        event_id = prefix + b"%09d" % n
        body = self.templates[i].fill(event_id, self._sent_at(), b"%d" % cycle)
        image = self.schedule[i % len(self.schedule)] if self.schedule else -1
        if image < 0:
            return body, False
        att = self.images[image].attachment(event_id + b"-a0", event_id)
        return body[:-1] + b',"attachments":[' + att + b"]}", True

    def key(self, n: int) -> bytes:
        """The Kafka key of the ``n``-th event: its session id (ordered per session)."""
        cycle, i = divmod(n, len(self.templates))
        return self.templates[i].session + b"~%d" % cycle


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What the generator did: counts, timing and its own CPU use."""

    topic: str
    traffic: str
    target_rate: float
    sent: int
    delivered: int
    failed: int
    images: int
    bytes_sent: int
    first_send_ns: int
    last_send_ns: int
    achieved_rate: float
    backpressure_waits: int
    cpu_seconds: float


def _template(event: dict[str, Any], session: bytes = b"") -> EventTemplate:
    encoded = msgspec.json.encode(event)
    pieces = _HOLE.split(encoded)
    return EventTemplate(parts=tuple(pieces[0::2]), holes=tuple(pieces[1::2]), session=session)


def _strip(value: Any) -> Any:
    """Drop null fields and empty lists (the contract treats them as absent)."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _pick_sessions(seed: int, positive_share: float, count: int = 0) -> list[SyntheticSession]:
    sessions = generate_sessions(seed, count or SESSIONS, START)
    negatives = [s for s in sessions if not s.label]
    positives = [s for s in sessions if s.label]
    keep = round(len(negatives) * positive_share / max(1e-9, 1 - positive_share))
    return negatives + positives[: min(keep, len(positives))]


def text_templates(seed: int, positive_share: float, sessions: int = 0) -> list[EventTemplate]:
    """Event templates from generated sessions.

    By default :data:`SESSIONS` conversations interleaved in ``sent_at`` order:
    the generator staggers their starts, so ~550 run at once and each gets
    many messages per snapshot epoch. With ``sessions`` > 0, that many
    conversations run at once instead: their messages are dealt round-robin
    (each session's in its own order), so at ``rate`` msg/s each session gets
    a message every ``sessions / rate`` seconds, as on a platform where many
    conversations are active and each is touched once or twice per epoch.
    The grooming share is cut to ``positive_share`` in both cases.
    """
    picked = _pick_sessions(seed, positive_share, sessions)
    if sessions > 0:
        queues = [to_events(s) for s in picked]
        longest = max((len(q) for q in queues), default=0)
        events = [q[k] for k in range(longest) for q in queues if k < len(q)]
    else:
        events = [e for s in picked for e in to_events(s)]
        events.sort(key=lambda e: (e.sent_at, e.event_id))
    templates = []
    for event in events:
        doc = _strip(msgspec.to_builtins(event))
        doc.update(event_id="@@E@@", sent_at="@@T@@", session_id=f"{event.session_id}~@@C@@")
        templates.append(_template(doc, event.session_id.encode()))
    return templates


def _megapixels(spec: TrafficSpec, j: int, n: int) -> float:
    span = spec.max_megapixels - spec.min_megapixels
    return spec.min_megapixels + span * (j / max(1, n - 1))


def _size(megapixels: float) -> tuple[int, int]:
    width = round((megapixels * 1e6 * 4 / 3) ** 0.5)
    return width, round(megapixels * 1e6 / width)


def _cached_jpeg(cache: Path, name: str, build: Any) -> bytes:
    path = cache / name
    if path.exists():
        return path.read_bytes()
    data: bytes = build()
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return data


def _payload(data: bytes, megapixels: float, known: bool) -> ImagePayload:
    if not data.startswith(_SOI):
        msg = "generated image is not a JPEG"
        raise ValueError(msg)
    return ImagePayload(base64.b64encode(data[2:]), len(data), megapixels, known)


def image_payloads(
    spec: TrafficSpec, seed: int, cache: Path, known_dir: Path
) -> tuple[list[ImagePayload], list[ImagePayload]]:
    """Unrelated generated JPEGs and upscaled copies of the known images (cached on disk)."""
    n = spec.image_pool
    unrelated = []
    for j in range(n):
        mp = _megapixels(spec, j, n)
        kind = _IMAGE_KINDS[j % len(_IMAGE_KINDS)]
        w, h = _size(mp)
        name = f"img-{seed}-{j}-{kind}-{w}x{h}.jpg"
        data = _cached_jpeg(
            cache, name, lambda w=w, h=h, kind=kind, j=j: encode(make_image(seed + j, w, h, kind))
        )
        unrelated.append(_payload(data, mp, known=False))
    known = []
    sources = sorted(known_dir.glob("known-*.jpg"))[:4]
    for j, src in enumerate(sources):
        mp = _megapixels(spec, j, len(sources))
        w, h = _size(mp)
        name = f"known-{src.stem}-{w}x{h}.jpg"
        data = _cached_jpeg(cache, name, lambda src=src, w=w, h=h: _upscale(src, w, h))
        known.append(_payload(data, mp, known=True))
    return unrelated, known


def _upscale(src: Path, width: int, height: int) -> bytes:
    with Image.open(src) as img:
        big = img.convert("RGB").resize((width, height), Image.Resampling.BICUBIC)
    return encode(big, "JPEG", 90)


def build_pool(spec: TrafficSpec, seed: int, cache: Path, known_dir: Path) -> PayloadPool:
    """Precompute every payload of a run (images are generated once and cached)."""
    pool = PayloadPool(templates=text_templates(seed, spec.positive_session_share, spec.sessions))
    if spec.kind == "text" or spec.image_share <= 0:
        return pool
    unrelated, known = image_payloads(spec, seed, cache, known_dir)
    pool.images = unrelated + known
    rng = random.Random(seed)
    schedule = []
    for i in range(len(pool.templates)):
        if int((i + 1) * spec.image_share) == int(i * spec.image_share):
            schedule.append(-1)
        elif known and rng.random() < spec.known_share:
            schedule.append(len(unrelated) + rng.randrange(len(known)))
        else:
            schedule.append(rng.randrange(len(unrelated)))
    pool.schedule = schedule
    return pool


@dataclass(slots=True)
class _Counts:
    delivered: int = 0
    failed: int = 0

    def on_delivery(self, err: KafkaError | None, _msg: Message) -> None:
        if err is None:
            self.delivered += 1
        else:
            self.failed += 1


def producer_config(bootstrap: str) -> dict[str, str | int]:
    """Producer settings of the generator (small linger, big messages allowed)."""
    return {
        "bootstrap.servers": bootstrap,
        "linger.ms": 1,
        "message.max.bytes": MAX_MESSAGE_BYTES,
        "queue.buffering.max.messages": 1_000_000,
        "queue.buffering.max.kbytes": 2_097_151,
    }


def send(
    producer: Producer,
    topic: str,
    pool: PayloadPool,
    *,
    rate: float,
    count: int,
    prefix: str,
    started: Callable[[], None] | None = None,
) -> LoadResult:
    """Send ``count`` events at ``rate`` per second (token bucket) and wait for delivery."""
    counts = _Counts()
    # 20 ms of tokens (at least 10): a late wake-up under CPU contention is
    # caught up instead of lost, so the offered rate holds.
    burst = max(10.0, rate * 0.02)
    tokens, waits, sent, images, nbytes = burst, 0, 0, 0, 0
    key_prefix = prefix.encode()
    cpu0 = sum(os.times()[:2])
    if started is not None:
        started()
    first = time.time_ns()
    last_tick = time.perf_counter()
    while sent < count:
        now = time.perf_counter()
        tokens = min(burst, tokens + (now - last_tick) * rate)
        last_tick = now
        if tokens < 1:
            time.sleep(max(0.0001, (1 - tokens) / rate))
            continue
        value, has_image = pool.event(sent, key_prefix)
        images += has_image
        waits += _produce(producer, topic, pool.key(sent), value, counts)
        nbytes += len(value)
        sent += 1
        tokens -= 1
        if sent % 500 == 0:
            producer.poll(0)
    last = time.time_ns()
    producer.flush(60)
    span = max(1e-9, (last - first) / 1e9)
    return LoadResult(
        topic=topic,
        traffic="mixed" if pool.schedule else "text",
        target_rate=rate,
        sent=sent,
        delivered=counts.delivered,
        failed=counts.failed,
        images=images,
        bytes_sent=nbytes,
        first_send_ns=first,
        last_send_ns=last,
        achieved_rate=(sent - 1) / span if sent > 1 else 0.0,
        backpressure_waits=waits,
        cpu_seconds=sum(os.times()[:2]) - cpu0,
    )


def _produce(producer: Producer, topic: str, key: bytes, value: bytes, counts: _Counts) -> int:
    """Produce one record (keyed by session); on a full local queue, serve callbacks and retry."""
    waits = 0
    while True:
        try:
            producer.produce(topic, key=key, value=value, on_delivery=counts.on_delivery)
            return waits
        except BufferError:
            waits += 1
            producer.poll(0.005)


def _emit(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    """Command line of the generator subprocess (see the module docstring)."""
    p = argparse.ArgumentParser(prog="python -m tipline.benchmarks.loadgen")
    p.add_argument("--bootstrap", default="127.0.0.1:9092")
    p.add_argument("--topic", required=True)
    p.add_argument("--traffic", choices=["text", "mixed"], default="text")
    p.add_argument("--rate", type=float, required=True)
    p.add_argument("--duration", type=float, required=True)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--prefix", default="bench-")
    p.add_argument("--image-share", type=float, default=0.05)
    p.add_argument("--min-mp", type=float, default=1.0)
    p.add_argument("--max-mp", type=float, default=12.0)
    p.add_argument("--known-share", type=float, default=0.1)
    p.add_argument("--positive-share", type=float, default=0.05)
    p.add_argument(
        "--sessions",
        type=int,
        default=0,
        help="conversations at once, round-robin (0: default mix)",
    )
    p.add_argument("--cache", default="out/bench/cache")
    p.add_argument("--known-dir", default="demo-data/known-images")
    args = p.parse_args(argv)
    spec = TrafficSpec(
        kind=args.traffic,
        image_share=args.image_share,
        min_megapixels=args.min_mp,
        max_megapixels=args.max_mp,
        known_share=args.known_share,
        positive_session_share=args.positive_share,
        sessions=args.sessions,
    )
    pool = build_pool(spec, args.seed, Path(args.cache), Path(args.known_dir))
    producer = Producer(producer_config(args.bootstrap))
    result = send(
        producer,
        args.topic,
        pool,
        rate=args.rate,
        count=max(1, round(args.rate * args.duration)),
        prefix=args.prefix,
        started=lambda: _emit({"event": "started", "t_ns": time.time_ns()}),
    )
    _emit({"event": "done", **asdict(result)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
