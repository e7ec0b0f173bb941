"""``tipline dlq``: inspect dead letters and re-drive them after a fix.

``dlq replay`` reads the configured dead-letter output (file or Kafka topic)
and sends each letter's original bytes back to the input: to the input topic
with its original key (Kafka), or into a new JSONL file in the input folder
(files). Letters are selected by stage and error type, and each source
position is re-driven at most once per run (the Kafka dead-letter topic is
at-least-once). Nothing is deleted from the dead-letter output.

Stored letters are sealed (``services/dead_letters.py``): ``list`` reads only
their metadata; ``replay`` opens them with the evidence keys (the same
``[evidence.keys]`` environment as the job) before re-driving the bytes.
Letters of a step after ``decode`` carry the decoded event re-encoded as
contract JSON, so ``dlq replay --stage report-draft`` retries a draft.
Letters of the lake feed (stage ``lake-feed``) hold a decision, not an event:
they go back to the decisions topic the feed reads, never to the input.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from tipline.cli.output import add_json_flag, emit_rows, print_json, wants_json
from tipline.cli.runtime import runtime_of
from tipline.schemas.config import TiplineConfig, load_config
from tipline.schemas.dead_letter import DeadLetter, decode_dead_letter
from tipline.schemas.errors import ConfigError, UnavailableError
from tipline.services.dead_letters import DeadLetterSealer
from tipline.services.lake_feed import STAGE as LAKE_FEED_STAGE


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``dlq list`` and ``dlq replay``."""
    dlq = sub.add_parser("dlq", help="inspect and re-drive dead letters")
    dsub = dlq.add_subparsers(dest="dlq_command", required=True, metavar="SUBCOMMAND")
    ls = dsub.add_parser("list", help="count dead letters by stage and error type")
    ls.add_argument("--config", default="config/default.toml")
    add_json_flag(ls)
    ls.set_defaults(func=run_list)
    rp = dsub.add_parser("replay", help="send dead letters' original bytes back to the input")
    rp.add_argument("--config", default="config/default.toml")
    rp.add_argument("--error-type", help="only letters with this error type")
    rp.add_argument("--stage", help="only letters from this stage")
    rp.add_argument(
        "--out",
        help="JSONL file to write to (files input; default: a new file in the input folder)",
    )
    rp.add_argument("--dry-run", action="store_true", help="count what would be re-driven")
    add_json_flag(rp)
    rp.set_defaults(func=run_replay)


def read_dead_letters(cfg: TiplineConfig) -> Iterator[DeadLetter]:
    """Every dead letter in the configured output, oldest first."""
    dl = cfg.dead_letters
    if dl.kind == "file":  # the job's file, then the lake feed's (lake.feed = "decisions")
        for name in ("dead-letters.jsonl", "lake-feed-dead-letters.jsonl"):
            path = Path(dl.path) / name
            if path.exists():
                for line in path.read_bytes().splitlines():
                    if line.strip():
                        yield decode_dead_letter(line)
        return
    yield from _read_topic(cfg)


def _quiet_kafka_logger() -> logging.Logger:
    quiet = logging.getLogger("tipline.librdkafka")
    if not quiet.handlers:
        quiet.addHandler(logging.NullHandler())
    quiet.propagate = False
    return quiet


def _read_topic(cfg: TiplineConfig) -> Iterator[DeadLetter]:
    from confluent_kafka import Consumer, KafkaException, TopicPartition  # noqa: PLC0415

    consumer = Consumer({
        "bootstrap.servers": ",".join(cfg.kafka.brokers), "group.id": "tipline-dlq-reader",
        "enable.auto.commit": "false", "enable.partition.eof": "true",
        "logger": _quiet_kafka_logger(),  # an unreachable broker is reported in one line
    })  # fmt: skip
    topic = cfg.dead_letters.topic
    try:
        meta = consumer.list_topics(topic, timeout=10).topics.get(topic)
    except KafkaException as exc:
        consumer.close()
        problem = f"kafka.brokers {cfg.kafka.brokers}: no answer within 10 s"
        raise UnavailableError(problem) from exc
    parts = sorted(meta.partitions) if meta and meta.error is None else []
    consumer.assign([TopicPartition(topic, p, 0) for p in parts])
    remaining = set(parts)
    while remaining:
        msg = consumer.poll(5.0)
        if msg is None:
            break
        value = msg.value()
        if msg.error() is not None or value is None:
            remaining.discard(msg.partition())
            continue
        yield decode_dead_letter(value)
    consumer.close()


def _selected(cfg: TiplineConfig, args: argparse.Namespace) -> list[DeadLetter]:
    seen: set[str] = set()
    chosen = []
    for letter in read_dead_letters(cfg):
        if args.error_type and letter.error_type != args.error_type:
            continue
        if args.stage and letter.stage != args.stage:
            continue
        if letter.dedupe_key() not in seen:
            seen.add(letter.dedupe_key())
            chosen.append(letter)
    return chosen


def run_list(args: argparse.Namespace) -> int:
    """Print counts by stage and error type (no record content)."""
    counts = Counter((d.stage, d.error_type) for d in read_dead_letters(load_config(args.config)))
    rows = [
        {"stage": stage, "error_type": error_type, "count": n}
        for (stage, error_type), n in sorted(counts.items())
    ]
    return emit_rows(args, rows, ("count", "stage", "error_type"), empty="no dead letters")


def run_replay(args: argparse.Namespace) -> int:
    """Re-drive the selected letters; prints how many were sent where."""
    cfg = load_config(args.config)
    letters = _selected(cfg, args)
    if args.dry_run or not letters:
        _said(args, f"{len(letters)} dead letters would be re-driven", len(letters), None)
        return 0
    sealer = DeadLetterSealer.from_config(cfg.evidence, runtime_of(args).env)
    letters = [sealer.open(letter) for letter in letters]
    decisions = [d for d in letters if d.stage == LAKE_FEED_STAGE]
    letters = [d for d in letters if d.stage != LAKE_FEED_STAGE]
    if decisions:
        # A lake-feed letter holds a decision, not an event: it goes back to the
        # decisions topic the feed reads, never to the job's input.
        if cfg.decisions.kind != "kafka":
            msg = "lake-feed dead letters hold decisions: re-drive needs decisions.kind = kafka"
            raise ConfigError(msg)
        _produce(cfg, cfg.decisions.topic, decisions)
        text = f"re-drove {len(decisions)} decisions to topic {cfg.decisions.topic}"
        if not letters:
            _said(args, text, len(decisions), cfg.decisions.topic)
            return 0
        print(text, file=sys.stderr)
    if cfg.input.kind == "kafka":
        topic = cfg.input.topics[0]
        _produce(cfg, topic, letters)
        _said(args, f"re-drove {len(letters)} records to topic {topic}", len(letters), topic)
        return 0
    inputs = Path(cfg.input.path)
    folder = inputs if inputs.is_dir() else inputs.parent
    out = Path(args.out) if args.out else folder / f"redrive-{time.time_ns()}.jsonl"
    out.write_bytes(b"".join(d.raw.replace(b"\n", b" ") + b"\n" for d in letters))
    _said(args, f"re-drove {len(letters)} records to {out}", len(letters), str(out))
    return 0


def _produce(cfg: TiplineConfig, topic: str, letters: list[DeadLetter]) -> None:
    """Send each letter's original bytes, with its original key, to ``topic``."""
    from confluent_kafka import Producer  # noqa: PLC0415

    producer = Producer({"bootstrap.servers": ",".join(cfg.kafka.brokers)})
    for letter in letters:
        producer.produce(topic, value=letter.raw, key=letter.key)
    if producer.flush(30):
        msg = f"kafka.brokers {cfg.kafka.brokers}: not every record was acknowledged"
        raise UnavailableError(msg)


def _said(args: argparse.Namespace, text: str, count: int, target: str | None) -> None:
    if wants_json(args):
        print_json({"redriven": 0 if target is None else count, "selected": count,
                    "target": target, "dry_run": target is None})  # fmt: skip
    else:
        print(text)
