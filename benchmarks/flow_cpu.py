"""CPU per message of the text path, step by step, in process (no Kafka), and snapshot cost.

Two measurements, both in CPU time (``time.process_time``), so a loaded machine
slows them far less than wall time:

* **steps**: N synthetic text messages (the load generator's text traffic,
  ``benchmarks/loadgen.py``, with event times spaced at ``--rate`` msg/s) go
  through the job's real steps as the flow calls them — ``decode``,
  ``match-hashes``, ``key-by-session``, ``score-session`` (grooming score,
  decision, sealed context), ``audit-row`` and ``decision-json`` — one step at a
  time over every message, so each step's CPU is measured alone. The grooming
  scorer's own share of ``score-session`` is measured in a separate pass.
  ``--flow`` also runs the same messages through the real Bytewax dataflow
  (``build_flow`` with in-memory sinks, recovery off), which adds the
  per-item cost of Bytewax and of the wiring steps (branch, filter, key).
* **snapshot**: ``--sessions`` sessions with ``--context`` messages each are
  built through the session step, then every key is snapshotted as Bytewax
  does at the end of an epoch (``StatefulLogic.snapshot`` then ``pickle``):
  CPU per key and per epoch (all keys touched).

``--callgrind`` re-runs the steps under ``valgrind --tool=callgrind`` (when
installed) and reports instructions per message: load-independent.

Run::

    python -m tipline.benchmarks.flow_cpu --messages 20000 --flow
    python -m tipline.benchmarks.flow_cpu --snapshot-only --sessions 10000 --context 50

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


def text_records(n: int, *, seed: int, rate: float, positive_share: float) -> list[RawRecord]:
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
            b"flow-%09d" % i,
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


def _session_pass(pipe: Any, keyed: list[tuple[str, Any]]) -> tuple[dict[str, Any], list[Any]]:
    """Feed keyed items to one ``SessionLogic`` per key, as Bytewax's stateful step does."""
    from tipline.flows.session import SessionLogic  # noqa: PLC0415

    logics: dict[str, Any] = {}
    out: list[Any] = []
    for key, value in keyed:
        logic = logics.get(key)
        if logic is None:
            logic = logics[key] = SessionLogic(pipe, None)
        items, _ = logic.on_item(value)
        out.extend((key, item) for item in items)
    return logics, out


def _steps(pipe: Any) -> dict[str, Callable[[list[Any]], list[Any]]]:
    """The text path's steps as the flow calls them (batch methods when the pipeline has them)."""
    from tipline.flows.records import Decided  # noqa: PLC0415
    from tipline.schemas.decision import encode_decision  # noqa: PLC0415

    def batched(name: str, single: str) -> Callable[[list[Any]], list[Any]]:
        if hasattr(pipe, name):
            return getattr(pipe, name)  # type: ignore[no-any-return]
        one = getattr(pipe, single)
        return lambda items: [one(x) for x in items]

    decode = batched("decode_batch", "decode")
    match = batched("match_batch", "match")

    def key(items: list[Any]) -> list[Any]:
        return [(m.event.session_id, m) for m in items]

    def score(items: list[Any]) -> list[Any]:
        return [kv for kv in _session_pass(pipe, items)[1] if isinstance(kv[1], Decided)]

    def audit(items: list[Any]) -> list[Any]:
        return [pipe.to_audit_row(d) for _, d in items]

    return {
        "decode": decode,
        "match-hashes": match,
        "key-by-session": key,
        "score-session": score,
        "audit-row": audit,
        "decision-json": lambda items: [encode_decision(d.decision) for _, d in items],
    }


def run_steps(cfg: TiplineConfig, records: list[RawRecord], batch: int) -> dict[str, Any]:
    """CPU µs per message of each step of the text path (in process)."""
    from tipline.flows.pipeline import Pipeline  # noqa: PLC0415

    pipe = Pipeline(cfg).preflight()
    steps = _steps(pipe)
    n = len(records)
    result: dict[str, Any] = {"messages": n, "batch": batch, "steps": {}}
    items: list[Any] = list(records)
    decided: list[Any] = []
    for name, fn in steps.items():
        if name == "decision-json":
            items = decided
        batches = [items[i : i + batch] for i in range(0, len(items), batch)]
        if name in {"score-session", "key-by-session"}:
            batches = [items]  # keyed state sees every message in order
        seconds, outs = _cpu(lambda fn=fn, batches=batches: [y for b in batches for y in fn(b)])
        result["steps"][name] = round(seconds / n * 1e6, 2)
        if name == "score-session":
            decided = outs
        if name != "audit-row":
            items = outs
    result["total_us"] = round(sum(result["steps"].values()), 2)
    result["grooming_scorer_us"] = _scorer_only(pipe, records)
    result["total_without_scorer_us"] = round(result["total_us"] - result["grooming_scorer_us"], 2)
    return result


def _scorer_only(pipe: Any, records: list[RawRecord]) -> float:
    """CPU µs per message of the grooming scorer alone (its share of ``score-session``)."""
    from tipline.operators.grooming.scorer import score_message  # noqa: PLC0415
    from tipline.schemas.event import decode_event  # noqa: PLC0415

    events = [decode_event(r.value) for r in records]
    scorer = pipe.scorer
    states: dict[str, Any] = {}

    def run() -> None:
        for e in events:
            states[e.session_id], _ = score_message(scorer, states.get(e.session_id), e)

    seconds, _ = _cpu(run)
    return round(seconds / len(events) * 1e6, 2)


class _Count:
    """A sink that counts items (builds no output)."""

    def __init__(self) -> None:
        self.n = 0

    def __iadd__(self, items: Iterable[object]) -> _Count:
        self.n += sum(1 for _ in items)
        return self


def run_flow(cfg: TiplineConfig, records: list[RawRecord], batch: int) -> dict[str, Any]:
    """CPU µs per message of the whole Bytewax dataflow (in-memory source and sinks)."""
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
    seconds, _ = _cpu(lambda: run_main(flow))
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
        size = 0
        for logic in logics:
            size += len(pickle.dumps(logic.snapshot(), protocol=pickle.HIGHEST_PROTOCOL))
        return size

    copy_s, _ = _cpu(lambda: [logic.snapshot() for logic in logics])
    total_s, size = _cpu(epoch)
    snaps = [pickle.dumps(logic.snapshot()) for logic in logics]
    load_s, _ = _cpu(lambda: [pickle.loads(b) for b in snaps])
    return {
        "sessions": sessions,
        "context_messages": context,
        "snapshot_call_us_per_key": round(copy_s / sessions * 1e6, 2),
        "snapshot_and_pickle_us_per_key": round(total_s / sessions * 1e6, 2),
        "epoch_all_keys_cpu_s": round(total_s, 3),
        "pickled_bytes_per_key": round(size / sessions),
        "unpickle_us_per_key": round(load_s / sessions * 1e6, 2),
    }


def callgrind_instructions(args: argparse.Namespace) -> dict[str, Any] | None:
    """Instructions per message of the steps pass under callgrind (None without valgrind)."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory(prefix="flow-cpu-cg-") as tmp:
        out = Path(tmp) / "cg.out"
        cmd = [
            "valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
            sys.executable, "-m", "tipline.benchmarks.flow_cpu",
            "--messages", str(args.messages), "--seed", str(args.seed), "--no-write",
            "--steps-only",
        ]  # fmt: skip
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0 or not out.exists():
            return {"error": proc.stderr.splitlines()[-3:]}
        for line in out.read_text().splitlines():
            if line.startswith("summary:") or line.startswith("totals:"):
                total = int(line.split()[1])
                return {"instructions_per_message_incl_startup": total // args.messages}
    return None


def main(argv: list[str] | None = None) -> int:
    """``python -m tipline.benchmarks.flow_cpu``."""
    p = argparse.ArgumentParser(prog="python -m tipline.benchmarks.flow_cpu")
    p.add_argument("--messages", type=int, default=20000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--rate", type=float, default=2000.0, help="event-time spacing, msg/s")
    p.add_argument("--positive-share", type=float, default=0.05)
    p.add_argument("--batch", type=int, default=500, help="items per Bytewax batch")
    p.add_argument("--flow", action="store_true", help="also run the real Bytewax dataflow")
    p.add_argument("--sessions", type=int, default=10000)
    p.add_argument("--context", type=int, default=50)
    p.add_argument("--snapshot", action="store_true", help="also measure snapshots")
    p.add_argument("--snapshot-only", action="store_true")
    p.add_argument("--steps-only", action="store_true")
    p.add_argument("--callgrind", action="store_true")
    p.add_argument("--no-write", action="store_true")
    p.add_argument("--out", default="benchmarks/results/flow_cpu.json")
    args = p.parse_args(argv)
    doc: dict[str, Any] = {
        "command": "python -m tipline.benchmarks.flow_cpu " + " ".join(sys.argv[1:]),
        "loadavg_start": os.getloadavg(),
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    with tempfile.TemporaryDirectory(prefix="flow-cpu-") as tmp:
        cfg = bench_config(Path(tmp))
        if not args.snapshot_only:
            records = text_records(
                args.messages, seed=args.seed, rate=args.rate, positive_share=args.positive_share
            )
            doc["steps"] = run_steps(cfg, records, args.batch)
            print(json.dumps(doc["steps"], indent=1))
            if args.flow and not args.steps_only:
                doc["flow"] = run_flow(cfg, records, args.batch)
                print(json.dumps(doc["flow"], indent=1))
        if (args.snapshot or args.snapshot_only) and not args.steps_only:
            doc["snapshot"] = run_snapshot(cfg, args.sessions, args.context, args.seed)
            print(json.dumps(doc["snapshot"], indent=1))
    if args.callgrind:
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
