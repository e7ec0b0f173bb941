"""The grooming scorer's outputs over every corpus, frozen: the reference for speed work.

Every message of ``corpora/author-*`` and ``corpora/synth`` goes through
``score_message`` (one state per session, event-time order, as
:func:`~tipline.operators.grooming.corpus.run_session` does) and through
``message_cues`` (the flow calls it on messages that follow an open case).
Three more runs reach the paths ordered corpora do not: ``synth`` in a
disordered arrival order with redeliveries (out-of-order re-reading, late and
duplicate events), a long session whose state stays full (the benchmark's
worst case), and ``synth`` under the patterns-only previous config.

One canonical JSON line per message (the whole verdict, the score rounded to
1e-9, and the message's cues) is hashed per run; the fixture keeps the
SHA-256, the count and a small sample so that a difference can be located.

    .venv/bin/python -m tests.unit.grooming.speed_golden            # check, print differences
    .venv/bin/python -m tests.unit.grooming.speed_golden --write    # refreeze (detection changed)
    .venv/bin/python -m tests.unit.grooming.speed_golden --dump DIR # every line, to diff two trees

Refreeze only when detection is meant to change (patterns, weights, the
model): a speed change must leave the fixture as it is.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import msgspec

from tipline.operators.grooming import Scorer, SessionState, compile_scorer, score_message
from tipline.operators.grooming.scorer import message_cues
from tipline.schemas.config import load_config
from tipline.schemas.event import MESSAGE_SCHEMA, Account, MessageEvent
from tipline.services.corpus import read_corpus
from tipline.services.cue_model import load_cue_model

REPO = Path(__file__).resolve().parents[3]
FIXTURE = Path(__file__).with_name("speed_golden.json")
CORPORA = ("author-a", "author-b", "author-c", "author-d", "author-e", "synth")
SAMPLE_EVERY = 997
_FULL_STATE_LINES = (
    "how old r u", "ur so pretty", "r u home alone", "dont tell anyone", "add me on snap",
    "send me a selfie", "we should meet up", "i can buy u robux", "lol ok", "what r u doing",
)  # fmt: skip


def _record(scorer: Scorer, state: SessionState | None, event: MessageEvent) -> Any:
    state, verdict = score_message(scorer, state, event)
    out = msgspec.to_builtins(verdict)
    out["score"] = round(verdict.score, 9)
    out["event_id"] = event.event_id
    out["cues"] = message_cues(scorer, event.text)
    return state, json.dumps(out, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _sessions(scorer: Scorer, sessions: list[list[MessageEvent]]) -> Iterator[str]:
    for events in sessions:
        state: SessionState | None = None
        for event in events:
            state, line = _record(scorer, state, event)
            yield line


def _disordered(events: list[MessageEvent], seed: str) -> list[MessageEvent]:
    """Swap neighbours at random and redeliver a few events (deterministic per session)."""
    rng = random.Random(seed)
    out = list(events)
    for i in range(len(out) - 1):
        if rng.random() < 0.3:
            out[i], out[i + 1] = out[i + 1], out[i]
    for i in range(len(out) - 1, 0, -1):
        if rng.random() < 0.05:
            out.insert(i + 1, out[rng.randrange(max(0, i - 4), i + 1)])
    return out


def _full_state(n: int = 1500) -> list[MessageEvent]:
    a = Account(user_id="a", declared_age=35)
    b = Account(user_id="b", declared_age=13)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    return [
        MessageEvent(
            schema=MESSAGE_SCHEMA,
            event_id=f"w-{i}",
            session_id="w",
            sent_at=start + timedelta(seconds=30 * i),
            sender=a if i % 3 else b,
            recipients=[b if i % 3 else a],
            text=_FULL_STATE_LINES[i % len(_FULL_STATE_LINES)],
        )
        for i in range(n)
    ]


def scorer_for(config: str) -> Scorer:
    cfg = load_config(REPO / config)
    return compile_scorer(cfg.grooming, cfg.decision, load_cue_model(cfg.grooming))


def runs() -> Iterator[tuple[str, Iterator[str]]]:
    """Yield (run name, canonical lines) for every golden run."""
    scorer = scorer_for("config/default.toml")
    sessions = {n: [s.events for s in read_corpus(REPO / "corpora" / n).sessions] for n in CORPORA}
    for name in CORPORA:
        yield name, _sessions(scorer, sessions[name])
    synth = read_corpus(REPO / "corpora" / "synth").sessions
    yield (
        "synth-disordered",
        _sessions(scorer, [_disordered(s.events, s.session_id) for s in synth]),
    )
    yield "full-state", _sessions(scorer, [_full_state()])
    yield (
        "synth-previous",
        _sessions(scorer_for("config/grooming-previous.toml"), sessions["synth"]),
    )


def digest(lines: Iterator[str]) -> dict[str, Any]:
    """Return the count, SHA-256 and sample of one run's canonical lines."""
    h = hashlib.sha256()
    sample: list[str] = []
    n = 0
    for n, line in enumerate(lines, start=1):
        h.update(line.encode())
        h.update(b"\n")
        if n % SAMPLE_EVERY == 1:
            sample.append(line)
    return {"messages": n, "sha256": h.hexdigest(), "sample": sample}


def compute() -> dict[str, dict[str, Any]]:
    """Compute every run's digest."""
    return {name: digest(lines) for name, lines in runs()}


def differences(now: dict[str, Any], frozen: dict[str, Any]) -> list[str]:
    """Describe where ``now`` differs from ``frozen`` (empty when identical)."""
    out = []
    for name in sorted(set(now) | set(frozen)):
        a, b = now.get(name), frozen.get(name)
        if a is None or b is None:
            out.append(f"{name}: run {'missing' if a is None else 'not frozen'}")
        elif a["sha256"] != b["sha256"] or a["messages"] != b["messages"]:
            out.append(f"{name}: {a['messages']} messages, sha256 {a['sha256']} != {b['sha256']}")
            for x, y in zip(a["sample"], b["sample"], strict=False):
                if x != y:
                    out.append(f"  first differing sample:\n    now    {x}\n    frozen {y}")
                    break
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="refreeze the fixture")
    parser.add_argument("--dump", type=Path, help="also write every run's lines to this folder")
    args = parser.parse_args()
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for name, lines in runs():
            (args.dump / f"{name}.jsonl").write_text("".join(f"{x}\n" for x in lines), "utf-8")
    now = compute()
    if args.write:
        FIXTURE.write_text(json.dumps(now, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {FIXTURE}")
        return 0
    diff = differences(now, json.loads(FIXTURE.read_text(encoding="utf-8")))
    print("\n".join(diff) or "identical")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
