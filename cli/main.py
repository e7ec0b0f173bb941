"""The ``tipline`` command line.

Every command takes ``--help``. Exit statuses: 2 for a config error (one line
naming the key; fix the config), 3 when a service the job needs (Kafka) does
not answer (one line; retry later), 1 for other tipline errors.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tipline.cli.runtime import runtime_of, start_runtime
from tipline.schemas.config import load_config
from tipline.schemas.errors import ConfigError, TiplineError, UnavailableError

DEFAULT_CONFIG = "config/default.toml"

# Command modules contributed by each area; each exposes register(subparsers).
_COMMAND_MODULES = (
    "tipline.cli.commands.audit",
    "tipline.cli.commands.dlq",
    "tipline.cli.commands.hashes",
    "tipline.cli.commands.calibrate",
    "tipline.cli.commands.appeals",
    "tipline.cli.commands.evidence",
    "tipline.cli.commands.roles",
    "tipline.cli.commands.keys",
    "tipline.cli.commands.reports",
    "tipline.cli.commands.cases",
    "tipline.cli.commands.review",
    "tipline.cli.commands.bench",
)

Handler = Callable[[argparse.Namespace], int]


EXIT_CONFIG, EXIT_UNAVAILABLE = 2, 3


def _cmd_validate(args: argparse.Namespace) -> int:
    load_config(args.config_file, profile=args.profile, overrides=args.overrides)
    print(f"{args.config_file}: OK")
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from tipline.cli.profile import check_input_path, check_production  # noqa: PLC0415
    from tipline.flows.main import build_flow  # noqa: PLC0415
    from tipline.flows.pipeline import Pipeline  # noqa: PLC0415
    from tipline.flows.runner import check_input_topics, run_flow  # noqa: PLC0415

    cfg = load_config(args.config, profile=args.profile, overrides=args.overrides)
    check_input_path(cfg)
    check_input_topics(cfg)
    addresses = [a for chunk in args.addresses or [] for a in chunk.split(";") if a]
    rt = runtime_of(args)
    # bad lists/keys fail here, in one line
    pipeline = Pipeline(cfg, clock=rt.clock, env=rt.env).preflight()
    if cfg.job.profile == "production":
        check_production(cfg, pipeline)
    flow = build_flow(cfg, pipeline=pipeline)
    try:
        run_flow(
            flow,
            cfg,
            workers=args.workers,
            addresses=addresses,
            process_id=args.process_id,
            progress=True,
        )
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    return 0


def _cmd_replay(args: argparse.Namespace) -> int:
    from tipline.cli.replay import isolated_config, run_replay  # noqa: PLC0415

    out = Path(args.out)
    cfg = load_config(args.config, overrides=args.overrides)
    if args.kafka_topic:
        from tipline.cli.topic_replay import replay_topic  # noqa: PLC0415

        metrics = replay_topic(cfg, out, args)
    else:
        if not args.events:
            print("tipline replay: give --events FILE|DIR or --kafka-topic T", file=sys.stderr)
            return 2
        cfg = isolated_config(cfg, out, events=args.events, hash_lists=args.hash_list)
        metrics = run_replay(cfg, out, labels=args.labels, progress=True)
    print(json.dumps(metrics, indent=2))
    _print_extra_evaluation(out, args)
    return 0


def _print_extra_evaluation(out: Path, args: argparse.Namespace) -> None:
    """Print the grooming evaluation extras (baseline, cue latency) when available."""
    try:
        extra = importlib.import_module("tipline.cli.evaluation")
    except ModuleNotFoundError:
        return
    extra.report(out, args)


def _cmd_demo(args: argparse.Namespace) -> int:
    from tipline.cli.demo import run_demo  # noqa: PLC0415

    return run_demo(args.config, runtime_of(args).env)


def _cmd_generate(args: argparse.Namespace) -> int:
    from tipline.cli.demo_data import write_demo_data  # noqa: PLC0415

    data = write_demo_data(args.out, seed=args.seed, sessions=args.sessions)
    print(
        f"{data.root}: {data.sessions} sessions, {data.events} records "
        f"({data.bad_records} malformed), {data.attachments} images "
        f"({data.known_copies} copies of known images)"
    )
    return 0


def _profile(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--profile",
        choices=["dev", "production"],
        help="override job.profile (production refuses to start unless fail-closed)",
    )
    _overrides(p)


def _overrides(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override one config key, e.g. --set lake.shards=4 (TOML value; repeatable)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="tipline",
        description="Real-time child-safety compliance job: hash matching, grooming "
        "scoring, evidence vault, CyberTipline drafts and an audit lake.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate-config", help="check a config file and exit")
    p.add_argument("config_file", nargs="?", default=DEFAULT_CONFIG)
    _profile(p)
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("run", help="run the long-running job from a config")
    p.add_argument("--config", default=DEFAULT_CONFIG)
    p.add_argument(
        "-w", "--workers", type=int, help="workers in this process (default: job.workers)"
    )
    p.add_argument(
        "-a",
        "--addresses",
        action="append",
        help="host:port of every process of a cluster, ';'-separated or repeated",
    )
    p.add_argument("-i", "--process-id", type=int, default=0, help="this process's index")
    _profile(p)
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser(
        "replay", help="backtest: replay events (files or a topic range) with labels"
    )
    p.add_argument("--events", help="JSONL file or folder of *.jsonl")
    p.add_argument("--labels", help="labels JSONL (docs/contract.md §3)")
    p.add_argument("--config", default=DEFAULT_CONFIG)
    p.add_argument(
        "--out", required=True, help="output folder (metrics.json, decisions.jsonl, lake/)"
    )
    p.add_argument(
        "--hash-list", action="append", default=[], help="extra hash list (docs/contract.md §2)"
    )
    p.add_argument("--kafka-topic", help="replay a bounded range of this topic instead of files")
    p.add_argument(
        "--from", dest="from_", help="start: offset N or an RFC 3339 time (default: start)"
    )
    p.add_argument("--to", help="end (exclusive): offset N or an RFC 3339 time (default: now)")
    _overrides(p)
    p.set_defaults(func=_cmd_replay)

    p = sub.add_parser(
        "generate", help="write a labelled synthetic data set (events, images, hash list, labels)"
    )
    p.add_argument("--out", required=True, help="folder to write (events/, labels.jsonl, …)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--sessions", type=int, default=160)
    p.set_defaults(func=_cmd_generate)

    p = sub.add_parser("demo", help="run the whole pipeline on generated demo data")
    p.add_argument("--config", default=DEFAULT_CONFIG)
    p.set_defaults(func=_cmd_demo)

    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        if name == "tipline.cli.commands.reports":
            from tipline.cli.evidence_access import evidence_services  # noqa: PLC0415

            module.register(sub, services=evidence_services)
        else:
            module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit status."""
    args = build_parser().parse_args(argv)
    args.runtime = start_runtime()  # the environment is read here, once
    handler: Handler = args.func
    try:
        return handler(args)
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except UnavailableError as exc:
        print(f"unavailable: {exc}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except TiplineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
