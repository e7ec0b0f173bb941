"""Grooming benchmark: detection quality on the labelled corpus, µs per message, state bytes.

    .venv/bin/python -m tipline.benchmarks.grooming_bench --seed 1 [--sessions 600]

Generates the synthetic corpus from ``--seed``, replays it through the session
scorer (with the cue model the config names, loaded and checked as at start)
in a pure-Python loop (no Bytewax), evaluates it and the keyword
baseline, times every ``score_message`` call (wall time, and the calling
thread's CPU time, which leaves out waiting for a shared core), times the
corpus again with every text new (the scorer's memo of text readings emptied
before each call: a text repeated in the corpus is read again), and measures the pickled size
of each session's final state (what Bytewax snapshots). Also times a worst
case: a long session whose state is full (max hits, max messages). Prints a
table and writes ``benchmarks/results/grooming.json``. Never asserts on time.
"""

from __future__ import annotations

import argparse
import json
import pickle
import platform
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tipline.operators.grooming import Scorer, SessionState, compile_scorer, score_message
from tipline.operators.grooming.baseline import (
    EvalReport,
    SessionOutcome,
    evaluate,
    keyword_flag_at,
)
from tipline.schemas.config import load_config
from tipline.schemas.event import MESSAGE_SCHEMA, Account, MessageEvent
from tipline.services.cue_model import load_cue_model
from tipline.synth.conversations import SyntheticSession, generate_sessions, to_events

RESULTS = Path(__file__).resolve().parent / "results" / "grooming.json"
START = datetime(2026, 1, 1, tzinfo=UTC)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)]


def replay(
    scorer: Scorer,
    corpus: list[SyntheticSession],
    cpu: list[float] | None = None,
    *,
    cold: bool = False,
) -> tuple[list[SessionOutcome], list[float], list[int]]:
    """Replay the corpus; wall µs per call, and CPU µs per call (this thread's) into ``cpu``.

    ``cold`` empties the scorer's memo of text readings before every call (outside
    the timing), so every text is read as if new: the cost of a text not seen before.
    """
    outcomes, timings, sizes = [], [], []
    clock, thread = time.perf_counter_ns, time.thread_time_ns
    cpu = [] if cpu is None else cpu
    for s in corpus:
        events = to_events(s)
        state: SessionState | None = None
        flagged_at, alerts = None, 0
        for n, ev in enumerate(events, start=1):
            if cold:
                scorer.readings.clear()
            c0, t0 = thread(), clock()
            state, v = score_message(scorer, state, ev)
            t1, c1 = clock(), thread()
            timings.append((t1 - t0) / 1000.0)
            cpu.append((c1 - c0) / 1000.0)
            alerts += v.escalated
            if flagged_at is None and v.level != "none":
                flagged_at = n
        sizes.append(len(pickle.dumps(state)))
        cues = [n for n, m in enumerate(s.messages, start=1) if m.cue and m.cue != "hn"]
        third = cues[2] if s.label and len(cues) >= 3 else None
        outcomes.append(
            SessionOutcome(s.session_id, s.label, len(s.messages), flagged_at, third, alerts)
        )
    return outcomes, timings, sizes


def baseline(corpus: list[SyntheticSession]) -> list[SessionOutcome]:
    out = []
    for s in corpus:
        cues = [n for n, m in enumerate(s.messages, start=1) if m.cue and m.cue != "hn"]
        flagged = keyword_flag_at(m.text for m in s.messages)
        third = cues[2] if s.label and len(cues) >= 3 else None
        out.append(
            SessionOutcome(
                s.session_id, s.label, len(s.messages), flagged, third, int(flagged is not None)
            )
        )
    return out


def worst_case(scorer: Scorer, n: int = 2000) -> tuple[list[float], int]:
    """A long session cycling through cue lines: the state stays full."""
    lines = [
        "how old r u",
        "ur so pretty",
        "r u home alone",
        "dont tell anyone",
        "add me on snap",
        "send me a selfie",
        "we should meet up",
        "i can buy u robux",
        "lol ok",
        "what r u doing",
    ]
    a = Account(user_id="a", declared_age=35)
    b = Account(user_id="b", declared_age=13)
    state: SessionState | None = None
    timings = []
    for i in range(n):
        sender, recipient = (a, b) if i % 3 else (b, a)
        ev = MessageEvent(
            schema=MESSAGE_SCHEMA,
            event_id=f"w-{i}",
            session_id="w",
            sent_at=START + timedelta(seconds=30 * i),
            sender=sender,
            recipients=[recipient],
            text=lines[i % len(lines)],
        )
        t0 = time.perf_counter_ns()
        state, _ = score_message(scorer, state, ev)
        timings.append((time.perf_counter_ns() - t0) / 1000.0)
    return timings[200:], len(pickle.dumps(state))


def _row(name: str, r: EvalReport) -> str:
    return (
        f"{name:<10} {r.precision:>9.3f} {r.recall:>7.3f} {r.f1:>6.3f} {r.f05:>6.3f} "
        f"{r.alerts_per_1000_sessions:>11.1f} {r.median_messages_to_detection:>12.1f} "
        f"{r.median_messages_after_third_cue:>14.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sessions", type=int, default=600)
    parser.add_argument("--config", default="config/default.toml")
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args()
    cfg = load_config(args.config)
    scorer = compile_scorer(cfg.grooming, cfg.decision, load_cue_model(cfg.grooming))
    corpus = generate_sessions(args.seed, args.sessions, START)
    replay(scorer, corpus[:50])  # warm-up
    cpu: list[float] = []
    outcomes, timings, sizes = replay(scorer, corpus, cpu)
    ours, base = evaluate(outcomes), evaluate(baseline(corpus))
    worst, worst_bytes = worst_case(scorer)
    _, cold, _ = replay(scorer, corpus, cold=True)
    latency = {
        "messages": len(timings),
        "median_us": statistics.median(timings),
        "p90_us": _percentile(timings, 0.9),
        "p99_us": _percentile(timings, 0.99),
        # CPU time of the calling thread per call: scheduling on a shared machine left out
        "cpu_median_us": statistics.median(cpu),
        "cpu_p90_us": _percentile(cpu, 0.9),
        "cpu_p99_us": _percentile(cpu, 0.99),
        # every text new (the memo of text readings emptied before each call)
        "new_text_median_us": statistics.median(cold),
        "new_text_p90_us": _percentile(cold, 0.9),
        "new_text_p99_us": _percentile(cold, 0.99),
        "full_state_median_us": statistics.median(worst),
        "full_state_p99_us": _percentile(worst, 0.99),
    }
    state = {
        "median_bytes": statistics.median(sizes),
        "p99_bytes": _percentile([float(s) for s in sizes], 0.99),
        "max_bytes": max(sizes),
        "full_state_bytes": worst_bytes,
    }
    print(
        f"grooming benchmark — seed {args.seed}, {len(corpus)} sessions "
        f"({sum(s.label for s in corpus)} positive), {len(timings)} messages"
    )
    print(
        f"{'':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'F0.5':>6} {'alerts/1000':>11} "
        f"{'median→det':>12} {'after 3rd cue':>14}"
    )
    print(_row("scorer", ours))
    print(_row("baseline", base))
    print(
        f"score_message: median {latency['median_us']:.1f} µs, p90 {latency['p90_us']:.1f} µs, "
        f"p99 {latency['p99_us']:.1f} µs; full state median "
        f"{latency['full_state_median_us']:.1f} µs, p99 {latency['full_state_p99_us']:.1f} µs"
    )
    print(
        f"score_message CPU time (thread): median {latency['cpu_median_us']:.1f} µs, "
        f"p90 {latency['cpu_p90_us']:.1f} µs, p99 {latency['cpu_p99_us']:.1f} µs"
    )
    print(
        f"score_message, every text new (reading memo emptied before each call): median "
        f"{latency['new_text_median_us']:.1f} µs, p90 {latency['new_text_p90_us']:.1f} µs, "
        f"p99 {latency['new_text_p99_us']:.1f} µs"
    )
    print(
        f"state per session (pickled): median {state['median_bytes']:.0f} B, "
        f"p99 {state['p99_bytes']:.0f} B, max {state['max_bytes']} B; full state {worst_bytes} B"
    )
    result = {
        "seed": args.seed,
        "sessions": len(corpus),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "scorer": ours.as_dict(),
        "baseline": base.as_dict(),
        "latency": latency,
        "state": state,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
