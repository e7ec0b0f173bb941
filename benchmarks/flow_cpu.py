"""CPU per message of the text path, step by step, in process (no Kafka), and snapshot cost.

Two measurements, both in CPU time (``time.process_time``), so a loaded machine
slows them far less than wall time:

* **steps**: N synthetic text messages (the load generator's text traffic,
  ``benchmarks/loadgen.py``, with event times spaced at ``--rate`` msg/s) go
  through the job's real steps as the flow calls them — ``decode``,
  ``match-hashes``, ``key-by-session``, ``score-session`` (grooming score,
  decision, sealed context), ``audit-row`` and ``decision-json`` — one step at a
  time over every batch, so each step's CPU is measured alone. The grooming
  scorer's share of ``score-session`` (``Pipeline.score``) is timed inside it.
  ``--parts flow`` runs the same messages through the real Bytewax dataflow
  (``build_flow`` with in-memory sinks, recovery off), which adds the
  per-item cost of Bytewax and of the wiring steps (branch, filter, key).
* **snapshot**: ``--sessions`` sessions with ``--context`` messages each are
  built through the session step, then every key is snapshotted as Bytewax
  does at the end of an epoch (``StatefulLogic.snapshot`` then ``pickle``):
  CPU per key and per epoch (all keys touched).

``--parts callgrind`` re-runs the steps (``--callgrind-messages`` of them, step
by step) under ``valgrind --tool=callgrind`` (when installed) and reports
instructions per message and step: independent of the machine's load.

Run::

    python -m tipline.benchmarks.flow_cpu --messages 20000 --parts steps,flow
    python -m tipline.benchmarks.flow_cpu --parts snapshot --sessions 10000 --context 50
    python -m tipline.benchmarks.flow_cpu --parts callgrind --callgrind-messages 2000

Writes ``benchmarks/results/flow_cpu.json``; never asserts on time.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any, Final

import msgspec

from tipline.benchmarks.loadgen import START, text_templates
from tipline.schemas.config import TiplineConfig, load_config
from tipline.schemas.source import RawRecord, SourcePosition

REPO: Final = Path(__file__).resolve().parents[1]
CONFIG: Final = REPO / "config" / "bench.toml"


def bench_config(folder: Path, extra: Iterable[str] = ()) -> TiplineConfig:
    """``config/bench.toml`` with every path under ``folder`` and recovery off."""
    sets = [
        f'lake.path="{folder}/lake"',
        f'evidence.path="{folder}/vault"',
        f'reports.path="{folder}/reports"',
        f'reports.cases_path="{folder}/cases"',
        f'recovery.path="{folder}/recovery"',
        f'dead_letters.path="{folder}/out"',
        f'alerts.path="{folder}/out"',
        "recovery.enabled=false",
        *extra,
    ]
    return load_config(CONFIG, overrides=sets)


def text_records(
    n: int, *, seed: int, rate: float, positive_share: float, prefix: bytes = b"flow-"
) -> list[RawRecord]:
    """``n`` text messages of the load generator's traffic, as Kafka records would arrive.

    Event times start at the generator's ``START`` and are spaced ``1/rate``
    seconds apart (deterministic, unlike the generator's send-time stamps).
    """
    templates = text_templates(seed, positive_share)
    step = timedelta(seconds=1 / rate)
    out = []
    for i in range(n):
        cycle, j = divmod(i, len(templates))
        at = START + step * i
        value = templates[j].fill(
            prefix + b"%09d" % i,
            at.isoformat(timespec="milliseconds").encode(),
            b"%d" % cycle,
        )
        ts = int(at.timestamp() * 1000)
        source = SourcePosition(kind="kafka", topic="bench", partition=0, offset=i, timestamp_ms=ts)
        out.append(RawRecord(value=value, source=source))
    return out


def _cpu(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    t0 = time.process_time()
    result = fn()
    return time.process_time() - t0, result


class _SessionStep:
    """One ``SessionLogic`` per key, fed in order, as Bytewax's stateful step does."""

    def __init__(self, pipe: Any) -> None:
        from tipline.flows.session import SessionLogic  # noqa: PLC0415

        self._pipe = pipe
        self._new = SessionLogic
        self.logics: dict[str, Any] = {}

    def __call__(self, keyed: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        out: list[tuple[str, Any]] = []
        logics = self.logics
        for key, value in keyed:
            logic = logics.get(key)
            if logic is None:
                logic = logics[key] = self._new(self._pipe, None)
            items, _ = logic.on_item(value)
            out.extend((key, item) for item in items)
        return out


def _steps(pipe: Any) -> dict[str, Callable[[list[Any]], list[Any]]]:
    """The text path's steps as the flow calls them (batch methods when the pipeline has them)."""
    from tipline.flows.records import Decided  # noqa: PLC0415
    from tipline.schemas.decision import encode_decision  # noqa: PLC0415

    def batched(name: str, single: str) -> Callable[[list[Any]], list[Any]]:
        if hasattr(pipe, name):
            return getattr(pipe, name)  # type: ignore[no-any-return]
        one = getattr(pipe, single)
        return lambda items: [one(x) for x in items]

    session = _SessionStep(pipe)
    return {
        "decode": batched("decode_batch", "decode"),
        "match-hashes": pipe.match,
        "key-by-session": lambda items: [(m.event.session_id, m) for m in items],
        "score-session": lambda items: [kv for kv in session(items) if type(kv[1]) is Decided],
        "audit-row": lambda items: [pipe.to_audit_row(d) for _, d in items],
        "decision-json": lambda items: [encode_decision(d.decision) for _, d in items],
    }


def run_steps(cfg: TiplineConfig, records: list[RawRecord], batch: int) -> dict[str, Any]:
    """CPU µs per message of each step of the text path (in process).

    Batches of ``batch`` records go through every step in turn (as Bytewax
    hands them on), each step's CPU time summed over the batches; nothing is
    kept between batches but the session states.
    """
    from tipline.flows.pipeline import Pipeline  # noqa: PLC0415

    pipe = Pipeline(cfg).preflight()
    clock = time.process_time
    scorer_s = [0.0]
    score = pipe.score

    def timed_score(state: Any, event: Any) -> Any:
        t0 = clock()
        try:
            return score(state, event)
        finally:
            scorer_s[0] += clock() - t0

    pipe.score = timed_score  # type: ignore[method-assign]
    steps = _steps(pipe)
    _freeze_heap()
    spent = dict.fromkeys(steps, 0.0)
    gc.collect()
    for i in range(0, len(records), batch):
        items: list[Any] = records[i : i + batch]
        decided: list[Any] = []
        for name, fn in steps.items():
            t0 = clock()
            out = fn(decided if name == "decision-json" else items)
            spent[name] += clock() - t0
            if name == "score-session":
                decided = out
            if name not in {"audit-row", "decision-json"}:
                items = out
    n = len(records)
    result: dict[str, Any] = {
        "messages": n,
        "batch": batch,
        "steps": {name: round(s / n * 1e6, 2) for name, s in spent.items()},
    }
    result["total_us"] = round(sum(result["steps"].values()), 2)
    result["of_which_grooming_scorer_us"] = round(scorer_s[0] / n * 1e6, 2)
    result["total_without_scorer_us"] = round(
        result["total_us"] - result["of_which_grooming_scorer_us"], 2
    )
    return result


class _Count:
    """A sink that counts items (builds no output)."""

    def __init__(self) -> None:
        self.n = 0

    def __iadd__(self, items: Iterable[object]) -> _Count:
        self.n += sum(1 for _ in items)
        return self


def run_flow(cfg: TiplineConfig, records: list[RawRecord], batch: int) -> dict[str, Any]:
    """CPU µs per message of the whole Bytewax dataflow (in-memory source and sinks).

    A first run of 1,000 other messages (other event ids) pays the imports and
    first-use costs; the second, measured run uses a fresh pipeline.
    """
    warm = text_records(
        min(1000, len(records)), seed=0, rate=1000, positive_share=0.5, prefix=b"warm-"
    )
    _flow_cpu(cfg, warm, batch)
    _freeze_heap()
    return _flow_cpu(cfg, records, batch)


def _freeze_heap() -> None:
    """What ``tipline run`` does after start (flows/runner.py), where the code measured has it."""
    try:
        from tipline.services.heap import freeze_startup_heap  # noqa: PLC0415
    except ImportError:
        return
    freeze_startup_heap()


def _flow_cpu(cfg: TiplineConfig, records: list[RawRecord], batch: int) -> dict[str, Any]:
    from bytewax.testing import TestingSink, TestingSource, run_main  # noqa: PLC0415

    from tipline.flows.main import build_flow  # noqa: PLC0415
    from tipline.flows.outputs import OutputOverrides  # noqa: PLC0415
    from tipline.flows.pipeline import Pipeline  # noqa: PLC0415

    pipe = Pipeline(cfg).preflight()
    decisions: list[bytes] = []
    rows = _Count()
    letters: list[Any] = []
    outputs = OutputOverrides(
        lake=TestingSink(rows),  # type: ignore[arg-type]
        decisions=TestingSink(decisions),
        dead_letters=TestingSink(letters),
        alerts=TestingSink(_Count()),  # type: ignore[arg-type]
        drafts=TestingSink(_Count()),  # type: ignore[arg-type]
    )
    flow = build_flow(
        cfg, source=TestingSource(records, batch_size=batch), outputs=outputs, pipeline=pipe
    )
    seconds, _ = _cpu(lambda: run_main(flow))  # type: ignore[no-untyped-call]
    return {
        "messages": len(records),
        "batch": batch,
        "total_us": round(seconds / len(records) * 1e6, 2),
        "decisions": len(decisions),
        "lake_rows": rows.n,
        "dead_letters": len(letters),
    }


def run_snapshot(cfg: TiplineConfig, sessions: int, context: int, seed: int) -> dict[str, Any]:
    """Snapshot CPU per key and per epoch for ``sessions`` keys of ``context`` messages each."""
    from tipline.flows.pipeline import Pipeline  # noqa: PLC0415
    from tipline.flows.records import Matched  # noqa: PLC0415
    from tipline.flows.session import SessionLogic  # noqa: PLC0415
    from tipline.schemas.event import decode_event  # noqa: PLC0415

    pipe = Pipeline(cfg).preflight()
    base = text_records(context, seed=seed, rate=1.0, positive_share=0.0)
    events = [decode_event(r.value) for r in base]
    logics = []
    for s in range(sessions):
        logic = SessionLogic(pipe, None)
        sid = f"snap-{s}"
        for k, e in enumerate(events):
            ev = msgspec.structs.replace(e, session_id=sid, event_id=f"{sid}-{k}")
            logic.on_item(Matched(event=ev, source=base[k].source, attachments=[]))
        logics.append(logic)

    def epoch() -> int:
        # what Bytewax does for every key touched in an epoch: snapshot(), then pickle it
        size = 0
        for logic in logics:
            size += len(pickle.dumps(logic.snapshot(), protocol=pickle.HIGHEST_PROTOCOL))
        return size

    total_s, size = _cpu(epoch)
    snaps = [pickle.dumps(logic.snapshot(), protocol=pickle.HIGHEST_PROTOCOL) for logic in logics]
    # a resume: Bytewax unpickles, the step builds its logic from what it got
    load_s, _ = _cpu(lambda: [SessionLogic(pipe, pickle.loads(b)) for b in snaps])
    # what the next message of each snapshotted session pays first (a fork, when shared)
    own_s, _ = _cpu(lambda: [logic._own() for logic in logics])
    return {
        "sessions": sessions,
        "context_messages": context,
        "snapshot_and_pickle_us_per_key": round(total_s / sessions * 1e6, 2),
        "epoch_all_keys_cpu_s": round(total_s, 3),
        "pickled_bytes_per_key": round(size / sessions),
        "resume_us_per_key": round(load_s / sessions * 1e6, 2),
        "next_write_us_per_key": round(own_s / sessions * 1e6, 2),
        "per_key_per_epoch_us": round((total_s + own_s) / sessions * 1e6, 2),
    }


def _callgrind_control(*args: str) -> None:
    subprocess.run(["callgrind_control", *args, str(os.getpid())], capture_output=True, check=False)


def steps_under_callgrind(cfg: TiplineConfig, records: list[RawRecord], batch: int) -> None:
    """Run inside callgrind (instrumentation off at start): dump the counters after each step.

    Each step runs over every message (step by step, in batches of ``batch``)
    after a warm-up of 200 other messages; ``callgrind_control --dump=<step>``
    then writes that step's instruction count.
    """
    from tipline.flows.pipeline import Pipeline  # noqa: PLC0415

    pipe = Pipeline(cfg).preflight()
    steps = _steps(pipe)
    warm = text_records(200, seed=0, rate=1000, positive_share=0.5, prefix=b"warm-")
    for i in (0, 1):  # the warm-up, then the counted run
        items: list[Any] = warm if i == 0 else records
        if i:
            _callgrind_control("--instr=on")
        decided: list[Any] = []
        for name, fn in steps.items():
            src = decided if name == "decision-json" else items
            out = [y for k in range(0, len(src), batch) for y in fn(src[k : k + batch])]
            if i:
                _callgrind_control(f"--dump={name}")
            if name == "score-session":
                decided = out
            if name not in {"audit-row", "decision-json"}:
                items = out
    _scorer_alone(pipe, records)
    _callgrind_control("--dump=grooming-scorer")


def _scorer_alone(pipe: Any, records: list[RawRecord]) -> None:
    """The grooming scorer alone over the same messages (fresh session states)."""
    from tipline.operators.grooming.scorer import score_message  # noqa: PLC0415
    from tipline.schemas.event import decode_event  # noqa: PLC0415

    events = [decode_event(r.value) for r in records]
    _callgrind_control("--zero")
    states: dict[str, Any] = {}
    for e in events:
        states[e.session_id], _ = score_message(pipe.scorer, states.get(e.session_id), e)


def callgrind_instructions(args: argparse.Namespace) -> dict[str, Any] | None:
    """Instructions per message of each step under callgrind (None without valgrind)."""
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        return None
    with tempfile.TemporaryDirectory(prefix="flow-cpu-cg-") as tmp:
        out = Path(tmp) / "cg.out"
        cmd = [
            "valgrind", "--tool=callgrind", "--instr-atstart=no",
            f"--callgrind-out-file={out}", sys.executable, "-m", "tipline.benchmarks.flow_cpu",
            "--messages", str(args.callgrind_messages), "--seed", str(args.seed),
            "--rate", str(args.rate), "--batch", str(args.batch), "--in-callgrind",
            *[f"--set={s}" for s in args.set],
        ]  # fmt: skip
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            return {"error": proc.stderr.splitlines()[-3:]}
        per_step: dict[str, float] = {}
        for dump in Path(tmp).glob("cg.out.*"):
            text = dump.read_text(errors="replace")
            trigger = next(
                (ln for ln in text.splitlines() if ln.startswith("desc: Trigger: dump ")), ""
            )
            totals = next((ln for ln in text.splitlines() if ln.startswith("totals:")), "")
            if trigger and totals:
                step = trigger.removeprefix("desc: Trigger: dump ").strip()
                per_step[step] = round(int(totals.split()[1]) / args.callgrind_messages)
    order = ["decode", "match-hashes", "key-by-session", "score-session", "audit-row"]
    order += ["decision-json", "grooming-scorer"]
    steps = {k: per_step[k] for k in order if k in per_step}
    return {
        "messages": args.callgrind_messages,
        "instructions_per_message": steps,
        "total_path": sum(v for k, v in steps.items() if k != "grooming-scorer"),
        "note": "grooming-scorer: the scorer alone over the same messages (inside score-session)",
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m tipline.benchmarks.flow_cpu``."""
    p = argparse.ArgumentParser(prog="python -m tipline.benchmarks.flow_cpu")
    p.add_argument("--messages", type=int, default=20000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--rate", type=float, default=2000.0, help="event-time spacing, msg/s")
    p.add_argument("--positive-share", type=float, default=0.05)
    p.add_argument("--batch", type=int, default=500, help="items per Bytewax batch")
    p.add_argument("--sessions", type=int, default=10000)
    p.add_argument("--context", type=int, default=50)
    p.add_argument(
        "--parts",
        default="steps",
        help="comma-separated: steps, flow (the Bytewax dataflow), snapshot, callgrind",
    )
    p.add_argument("--callgrind-messages", type=int, default=2000)
    p.add_argument("--in-callgrind", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--set", action="append", default=[], help="config override, as tipline's")
    p.add_argument("--no-write", action="store_true")
    p.add_argument("--out", default="benchmarks/results/flow_cpu.json")
    args = p.parse_args(argv)
    doc: dict[str, Any] = {
        "command": "python -m tipline.benchmarks.flow_cpu " + " ".join(sys.argv[1:]),
        "loadavg_start": os.getloadavg(),
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    with tempfile.TemporaryDirectory(prefix="flow-cpu-") as tmp:
        cfg = bench_config(Path(tmp), args.set)
        if args.in_callgrind:
            records = text_records(
                args.messages, seed=args.seed, rate=args.rate, positive_share=args.positive_share
            )
            steps_under_callgrind(cfg, records, args.batch)
            return 0
        parts = {x.strip() for x in args.parts.split(",")}
        if parts & {"steps", "flow"}:
            records = text_records(
                args.messages, seed=args.seed, rate=args.rate, positive_share=args.positive_share
            )
            if "steps" in parts:
                doc["steps"] = run_steps(cfg, records, args.batch)
                print(json.dumps(doc["steps"], indent=1))
            if "flow" in parts:
                doc["flow"] = run_flow(cfg, records, args.batch)
                print(json.dumps(doc["flow"], indent=1))
        if "snapshot" in parts:
            doc["snapshot"] = run_snapshot(cfg, args.sessions, args.context, args.seed)
            print(json.dumps(doc["snapshot"], indent=1))
    if "callgrind" in parts:
        doc["callgrind"] = callgrind_instructions(args)
        print(json.dumps(doc["callgrind"], indent=1))
    doc["loadavg_end"] = os.getloadavg()
    if not args.no_write:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
