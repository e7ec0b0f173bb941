"""``tipline bench``: the latency suite and the hot-path micro-benchmarks.

    tipline bench --config config/bench.toml        # e2e suite, then micro (make bench)
    tipline bench e2e [--seed N] [--config C] [--steps text:500,mixed:50] [--duration S]
                      [--processes 1,2] [--partitions 4] [--no-floors]
    tipline bench micro [--seed N]

Results go to ``benchmarks/results/`` (``latest.json``, ``micro.json``, PNG
plots); tables go to the terminal. Nothing asserts on wall time.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

DEFAULT_BENCH_CONFIG = "config/bench.toml"


def _add_options(p: argparse.ArgumentParser, *, sub: bool) -> None:
    """Options shared by ``bench`` and its subcommands.

    On subcommands the defaults are suppressed, so ``tipline bench --seed 3 e2e``
    and ``tipline bench e2e --seed 3`` mean the same.
    """
    from tipline.benchmarks.e2e import DEFAULT_STEPS  # noqa: PLC0415

    def default(value: object) -> object:
        return argparse.SUPPRESS if sub else value

    p.add_argument("--seed", type=int, default=default(7), help="traffic seed (default 7)")
    p.add_argument("--config", default=default(DEFAULT_BENCH_CONFIG), help="job config template")
    p.add_argument(
        "--steps", default=default(DEFAULT_STEPS), help="comma-separated KIND:RATE steps"
    )
    p.add_argument("--duration", type=float, default=default(10.0), help="seconds of load per step")
    p.add_argument(
        "--processes",
        default=default("1,2"),
        help="job layouts to run every step on: processes of one worker each (default 1,2)",
    )
    p.add_argument(
        "--partitions", type=int, default=default(4), help="partitions of every step's topics"
    )
    p.add_argument(
        "--no-floors",
        dest="floors",
        action="store_false",
        default=default(True),
        help="skip the floor step (operators off) beside every full step",
    )
    p.add_argument(
        "--drain", type=float, default=default(60.0), help="max seconds to wait for a backlog"
    )
    p.add_argument("--image-share", type=float, default=default(0.05), help="mixed: image share")
    p.add_argument(
        "--positive-share",
        type=float,
        default=default(0.05),
        help="share of grooming sessions in the generated traffic",
    )
    p.add_argument(
        "--sessions",
        type=int,
        default=default(0),
        help="conversations generated and run at once, their messages dealt round-robin "
        "(cutting grooming to --positive-share keeps ~2/3 of them), so a snapshot epoch "
        "touches up to that many sessions (default 0: 600 generated conversations in "
        "event-time order, ~550 at once)",
    )
    p.add_argument("--results", default=default("benchmarks/results"), help="output folder")
    p.add_argument(
        "--profile",
        default=default(""),
        help="steps to sample with py-spy, e.g. text5000,mixed50 (profile-<step>.txt)",
    )
    p.add_argument("--keep", action="store_true", default=default(False), help="keep run folders")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bench``, ``bench e2e`` and ``bench micro``."""
    bench = sub.add_parser("bench", help="latency suite (real Kafka) and micro-benchmarks")
    _add_options(bench, sub=False)
    bench.set_defaults(func=run_all)
    bsub = bench.add_subparsers(dest="bench_command", metavar="SUBCOMMAND")
    e2e = bsub.add_parser("e2e", help="end-to-end latency steps against the real broker")
    _add_options(e2e, sub=True)
    e2e.set_defaults(func=run_e2e)
    micro = bsub.add_parser("micro", help="hot-path micro-benchmarks against named baselines")
    _add_options(micro, sub=True)
    micro.set_defaults(func=run_micro)


def _command_line() -> str:
    return "tipline " + " ".join(shlex.quote(a) for a in sys.argv[1:])


def run_e2e(args: argparse.Namespace) -> int:
    """Run the end-to-end suite and write ``latest.json`` and the plots."""
    from tipline.benchmarks.e2e import SuiteOptions, parse_steps, run_suite  # noqa: PLC0415

    opts = SuiteOptions(
        config=Path(args.config),
        seed=args.seed,
        steps=tuple(parse_steps(args.steps)),
        duration_s=args.duration,
        drain_s=args.drain,
        results=Path(args.results),
        image_share=args.image_share,
        positive_share=args.positive_share,
        sessions=args.sessions,
        keep=args.keep,
        command=_command_line(),
        profile=tuple(s.strip() for s in args.profile.split(",") if s.strip()),
        floors=args.floors,
        processes=tuple(int(n) for n in args.processes.split(",") if n.strip()),
        partitions=args.partitions,
    )
    doc = run_suite(opts)
    failed = [s for s in doc["steps"] if "error" in s]
    return 1 if failed else 0


def run_micro(args: argparse.Namespace) -> int:
    """Run the micro-benchmarks and write ``micro.json``."""
    from tipline.benchmarks.micro import run_micro as micro  # noqa: PLC0415

    micro(seed=args.seed, results=Path(args.results))
    return 0


def run_all(args: argparse.Namespace) -> int:
    """``tipline bench`` without a subcommand: the e2e suite, then micro."""
    status = run_e2e(args)
    return max(status, run_micro(args))
