"""The ``tipline`` command line.

Every command takes ``--help``. The global options ``--config``,
``--log-level`` and ``--log-format`` work before or after the subcommand
(``tipline --config C dlq list`` = ``tipline dlq list --config C``);
``--config`` falls back to ``$TIPLINE_CONFIG``, then the default config
(:mod:`tipline.cli.config_path`). Exit statuses follow the one table of
:mod:`tipline.cli.exit_codes`; errors are one line on stderr, never a
traceback, and a closed stdout (``| head``) exits 141 quietly.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from tipline.cli import exit_codes, logs
from tipline.cli.config_path import resolve_config
from tipline.cli.output import add_json_flag, print_json, silence_stdout, wants_json
from tipline.cli.runtime import runtime_of, start_runtime
from tipline.schemas.config import JobConfig, load_config
from tipline.schemas.errors import ConfigError, TiplineError
from tipline.services.ops_metrics import build_version

DEFAULT_CONFIG = "config/default.toml"
log = logging.getLogger("tipline.cli")

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
    "tipline.cli.commands.model",
    "tipline.cli.commands.evaluate",
)

Handler = Callable[[argparse.Namespace], int]


EXIT_CONFIG, EXIT_UNAVAILABLE = exit_codes.USAGE, exit_codes.UNAVAILABLE


def version_text() -> str:
    """``tipline --version``: the package version and the default detector version."""
    return f"tipline {package_version()} (detector {JobConfig().detector_version})"


def package_version() -> str:
    """Return the installed package's version (``0+unknown`` when not installed)."""
    return build_version()


def _cmd_validate(args: argparse.Namespace) -> int:
    from tipline.cli.validate import named_file_problems  # noqa: PLC0415

    path = args.config_file or args.config
    cfg = load_config(path, profile=args.profile, overrides=args.overrides)
    problems = named_file_problems(cfg)
    if wants_json(args):
        print_json({"config": str(path), "ok": not problems, "problems": problems})
    else:
        for problem in problems:
            print(f"{path}: {problem}", file=sys.stderr)
        if not problems:
            print(f"{path}: OK")
    return exit_codes.USAGE if problems else exit_codes.OK


def _cmd_run(args: argparse.Namespace) -> int:
    from tipline.cli.profile import check_input_path, check_production  # noqa: PLC0415
    from tipline.clients.kafka_admin import check_input_topics  # noqa: PLC0415
    from tipline.flows.main import build_flow  # noqa: PLC0415
    from tipline.flows.pipeline import Pipeline  # noqa: PLC0415
    from tipline.flows.runner import run_flow  # noqa: PLC0415

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


def _cmd_lake_feed(args: argparse.Namespace) -> int:
    from tipline.clients.kafka_admin import check_input_topics  # noqa: PLC0415
    from tipline.flows.lake_feed import build_lake_feed  # noqa: PLC0415
    from tipline.flows.runner import run_flow  # noqa: PLC0415
    from tipline.services.lake_feed import LakeFeed, lake_feed_config  # noqa: PLC0415

    job_cfg = load_config(args.config, profile=args.profile, overrides=args.overrides)
    if job_cfg.lake.feed != "decisions":
        msg = 'lake.feed is "inline": the job writes the lake itself (set lake.feed = "decisions")'
        raise ConfigError(msg)
    cfg = lake_feed_config(job_cfg)
    check_input_topics(cfg, key="decisions.topic")
    rt = runtime_of(args)
    feed = LakeFeed(cfg, env=rt.env, clock=rt.clock).preflight()
    try:
        run_flow(build_lake_feed(cfg, feed=feed), cfg, workers=1, progress=True)
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
    if args.corpus:
        from tipline.services.corpus import write_synth_corpus  # noqa: PLC0415

        root = write_synth_corpus(args.out, seed=args.seed, sessions=args.sessions)
        print(f"{root}: {args.sessions} sessions (events, labels, annotations, SHA256SUMS)")
        return 0
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
        epilog="exit statuses: "
        + "; ".join(f"{code} {name}" for code, name, _ in exit_codes.TABLE)
        + " (README 'Exit statuses')",
    )
    parser.add_argument("--version", action="version", version=version_text())
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "validate-config", help="check a config file and the files it names, and exit"
    )
    p.add_argument("config_file", nargs="?", help="the config (default: --config)")
    _profile(p)
    add_json_flag(p)
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
        "lake-feed", help="fill the audit lake from the decisions topic (lake.feed = decisions)"
    )
    p.add_argument("--config", default=DEFAULT_CONFIG)
    _profile(p)
    p.set_defaults(func=_cmd_lake_feed)

    _add_replay(sub)
    _add_generate(sub)

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
    for name, child in _subparsers(parser):
        if name != "bench":  # bench keeps its own default config (config/bench.toml)
            _global_options(child, suppress=True)
    return parser


def _add_replay(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``replay`` (backtests over files or a topic range)."""
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
    p.add_argument(
        "--explain",
        action="store_true",
        help="with --labels: list false-negative and false-positive session ids and the "
        "grooming signals that fired in each",
    )
    p.add_argument("--kafka-topic", help="replay a bounded range of this topic instead of files")
    p.add_argument(
        "--from", dest="from_", help="start: offset N or an RFC 3339 time (default: start)"
    )
    p.add_argument("--to", help="end (exclusive): offset N or an RFC 3339 time (default: now)")
    _overrides(p)
    p.set_defaults(func=_cmd_replay)


def _add_generate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``generate`` (the demo data set, or a labelled corpus)."""
    p = sub.add_parser(
        "generate", help="write a labelled synthetic data set (events, images, hash list, labels)"
    )
    p.add_argument("--out", required=True, help="folder to write (events/, labels.jsonl, …)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--sessions", type=int, default=160)
    p.add_argument(
        "--corpus",
        action="store_true",
        help="write a training/evaluation corpus instead (events.jsonl, labels.jsonl, "
        "annotations.jsonl with the shared cue vocabulary, SHA256SUMS)",
    )
    p.set_defaults(func=_cmd_generate)


def _global_options(p: argparse.ArgumentParser, *, suppress: bool) -> None:
    """Add ``--config``, ``--log-level``, ``--log-format`` (suppressed defaults below the top).

    A subcommand's own ``--config`` loses its default, so the value given
    before the subcommand (or ``$TIPLINE_CONFIG``, or the default) is not
    overwritten when the option is not repeated after it.
    """
    default = argparse.SUPPRESS if suppress else None
    existing = p._option_string_actions.get("--config")
    if existing is not None:
        existing.default = default
    else:
        p.add_argument(
            "--config", default=default, help="config file (default: $TIPLINE_CONFIG, then "
            "config/default.toml, then the packaged default)"
        )  # fmt: skip
    p.add_argument(
        "--log-level", choices=logs.LEVELS, default=default,
        help="log level (default: $TIPLINE_LOG_LEVEL or info)",
    )  # fmt: skip
    p.add_argument(
        "--log-format", choices=logs.FORMATS, default=default,
        help="text, or json lines for log collectors (default: $TIPLINE_LOG_FORMAT or text)",
    )  # fmt: skip


def _subparsers(
    parser: argparse.ArgumentParser, top: str = ""
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every parser below ``parser``, with the name of its top-level command."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield top or name, child
                yield from _subparsers(child, top or name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit status (README "Exit statuses")."""
    try:
        args = build_parser().parse_args(argv)
    except BrokenPipeError:  # `tipline --help | head`
        silence_stdout()
        return exit_codes.BROKEN_PIPE
    args.runtime = start_runtime()  # the environment is read here, once
    env = args.runtime.env
    try:
        level, fmt = logs.resolve(args.log_level, args.log_format, env)
    except ValueError as exc:
        print(f"tipline: {exc}", file=sys.stderr)
        return exit_codes.USAGE
    chosen = bool(args.log_level or env.get("TIPLINE_LOG_LEVEL"))
    logs.configure(level, fmt, chosen=chosen)
    args.config, args.config_given = resolve_config(args.config, env)
    handler: Handler = args.func
    try:
        status = handler(args)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return exit_codes.BROKEN_PIPE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return exit_codes.INTERRUPTED
    except (TiplineError, OSError) as exc:
        print(exit_codes.describe(exc), file=sys.stderr)
        log.debug("%s failed", args.command, exc_info=True)
        return exit_codes.status_of(exc)
    return status


if __name__ == "__main__":
    sys.exit(main())
