"""Instructions per ``score_message`` call under callgrind: independent of the machine's load.

    .venv/bin/python -m tipline.benchmarks.grooming_instr [--messages 1500]

Two arrival shapes, each after 500 warm-up messages (memos warm, sessions new):

* ``flow``: the load generator's text traffic at 2,000 msg/s
  (:func:`~tipline.benchmarks.flow_cpu.text_records`, ``config/bench.toml``),
  many sessions interleaved, several messages of a session in the same second;
* ``bench``: the grooming benchmark's corpus (seed 1), session by session.

Runs itself under ``valgrind --tool=callgrind`` with instrumentation off
until the measured messages; prints instructions per message for each shape.
``--cold`` empties the scorer's memo of text readings before every message,
so each text is read as new (the cost of a text not seen before).
Needs valgrind; never asserts on anything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

WARM = 500


def _control(*args: str) -> None:
    subprocess.run(["callgrind_control", *args, str(os.getpid())], capture_output=True, check=False)


def _inner(n: int, *, cold: bool = False) -> None:
    from tipline.benchmarks.flow_cpu import bench_config, text_records  # noqa: PLC0415
    from tipline.benchmarks.grooming_bench import START  # noqa: PLC0415
    from tipline.operators.grooming import (  # noqa: PLC0415
        SessionState,
        compile_scorer,
        score_message,
    )
    from tipline.schemas.event import decode_event  # noqa: PLC0415
    from tipline.services.cue_model import load_cue_model  # noqa: PLC0415
    from tipline.synth.conversations import generate_sessions, to_events  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as tmp:
        cfg = bench_config(Path(tmp))
    records = text_records(n + WARM, seed=7, rate=2000.0, positive_share=0.05)
    shapes = {
        "flow": [decode_event(r.value) for r in records],
        "bench": [e for s in generate_sessions(1, 200, START) for e in to_events(s)][: n + WARM],
    }
    scorer = compile_scorer(cfg.grooming, cfg.decision, load_cue_model(cfg.grooming))
    for name, events in shapes.items():
        states: dict[str, SessionState] = {}
        for i, event in enumerate(events):
            if i == WARM:
                _control("--zero")
                _control("--instr=on")
            if cold:
                scorer.readings.clear()  # every text read as new
            state, _ = score_message(scorer, states.get(event.session_id), event)
            states[event.session_id] = state
        _control(f"--dump={name}")
        _control("--instr=off")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tipline.benchmarks.grooming_instr")
    p.add_argument("--messages", type=int, default=1500)
    p.add_argument(
        "--cold",
        action="store_true",
        help="empty the scorer's memo of text readings before each message (every text new)",
    )
    p.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.inner:
        _inner(args.messages, cold=args.cold)
        return 0
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        print("valgrind (callgrind) is not installed", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="grooming-instr-") as tmp:
        out = Path(tmp) / "cg.out"
        cmd = [
            "valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
            sys.executable, "-m", "tipline.benchmarks.grooming_instr", "--inner",
            "--messages", str(args.messages), *(["--cold"] if args.cold else []),
        ]  # fmt: skip
        subprocess.run(cmd, capture_output=True, check=True)
        for dump in sorted(Path(tmp).glob("cg.out.*")):
            lines = dump.read_text(errors="replace").splitlines()
            trigger = next((ln for ln in lines if ln.startswith("desc: Trigger: dump ")), "")
            totals = next((ln for ln in lines if ln.startswith("totals:")), "")
            if trigger and totals:
                name = trigger.removeprefix("desc: Trigger: dump ").strip()
                per = int(totals.split()[1]) // args.messages
                print(f"{name}: {per:,} instructions per message ({args.messages} messages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
