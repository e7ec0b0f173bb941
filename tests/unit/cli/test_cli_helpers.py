"""The CLI's shared machinery: exit statuses, output, logging, config path, config hints."""

from __future__ import annotations

import argparse
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import REPO
from tipline.cli import exit_codes, logs
from tipline.cli.config_path import packaged_default, resolve_config
from tipline.cli.output import emit_rows, print_table
from tipline.cli.replay import isolated_config
from tipline.cli.validate import named_file_problems
from tipline.schemas.config import load_config, parse_config
from tipline.schemas.errors import (
    AccessDeniedError,
    ConfigError,
    EvidenceError,
    LakeWriteError,
    ReportError,
    UnavailableError,
    VaultUnavailableError,
)

# ------------------------------------------------------------------ exit statuses


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (ConfigError("x"), 2),
        (FileNotFoundError(2, "No such file or directory", "a.csv"), 2),
        (UnavailableError("kafka"), 3),
        (VaultUnavailableError("s3"), 3),
        (AccessDeniedError("who"), 4),
        (LakeWriteError("disk"), 75),
        (EvidenceError("no package"), 1),
        (ReportError("bad draft"), 1),
        (PermissionError(13, "Permission denied", "/x"), 1),
    ],
)
def test_every_error_class_has_its_status(exc: BaseException, status: int) -> None:
    assert exit_codes.status_of(exc) == status


def test_error_lines_name_the_class_of_fault() -> None:
    assert exit_codes.describe(ConfigError("k: v")) == "config error: k: v"
    assert exit_codes.describe(UnavailableError("b")) == "unavailable: b"
    assert exit_codes.describe(AccessDeniedError("r")) == "access denied: r"
    assert exit_codes.describe(LakeWriteError("ENOSPC")) == "error: ENOSPC"
    missing = FileNotFoundError(2, "No such file or directory", "labels.jsonl")
    assert exit_codes.describe(missing) == "error: No such file or directory: labels.jsonl"


def test_the_readme_holds_the_exit_status_table() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert exit_codes.table_markdown() in readme
    codes = [code for code, _, _ in exit_codes.TABLE]
    assert len(set(codes)) == len(codes)


# ------------------------------------------------------------------ output


def test_tables_align_and_json_is_one_document(capsys: pytest.CaptureFixture[str]) -> None:
    rows = [{"id": "a", "n": 1, "tags": ["x", "y"]}, {"id": "bbb", "n": 22, "tags": []}]
    print_table(rows, ("id", "n", "tags"))
    out = capsys.readouterr().out.splitlines()
    assert out == ["id   n   tags", "a    1   x,y", "bbb  22"]
    assert emit_rows(argparse.Namespace(json=True), rows, ("id",), empty="none") == 0
    assert json.loads(capsys.readouterr().out) == rows


def test_an_empty_list_is_status_0_with_a_note_or_an_empty_array(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert emit_rows(argparse.Namespace(json=False), [], ("id",), empty="no rows") == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == "no rows"
    assert emit_rows(argparse.Namespace(json=True), [], ("id",), empty="no rows") == 0
    assert json.loads(capsys.readouterr().out) == []


# ------------------------------------------------------------------ logging


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    progress = logging.getLogger(logs.PROGRESS_LOGGER)
    progress_level = progress.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    progress.setLevel(progress_level)


def test_json_log_lines_carry_level_logger_and_no_exception_text() -> None:
    stream = io.StringIO()
    logs.configure("info", "json", stream, chosen=True)
    log = logging.getLogger("tipline.test")
    log.info("loaded %d entries", 3)
    try:
        raise ValueError("secret message text")
    except ValueError:
        log.exception("step failed")
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["level"] == "info" and first["logger"] == "tipline.test"
    assert first["msg"] == "loaded 3 entries"
    assert set(first) == {"ts", "level", "logger", "msg"}
    assert second["exc_type"] == "ValueError"
    assert "secret message text" not in stream.getvalue()


def test_default_level_hides_info_but_keeps_progress_lines() -> None:
    stream = io.StringIO()
    level, fmt = logs.resolve(None, None, {})
    assert (level, fmt) == ("warning", "text")
    logs.configure(level, fmt, stream, chosen=False)
    logging.getLogger("tipline.services.hashing").info("list loaded")
    logging.getLogger(logs.PROGRESS_LOGGER).info("progress: 10 events")
    logging.getLogger("tipline.x").warning("careful")
    assert stream.getvalue().splitlines() == ["progress: 10 events", "careful"]
    stream2 = io.StringIO()
    logs.configure("error", "text", stream2, chosen=True)
    logging.getLogger(logs.PROGRESS_LOGGER).info("progress: hidden")
    assert stream2.getvalue() == ""


def test_log_options_fall_back_to_the_environment_and_refuse_bad_values() -> None:
    env = {"TIPLINE_LOG_LEVEL": "DEBUG", "TIPLINE_LOG_FORMAT": "json"}
    assert logs.resolve(None, None, env) == ("debug", "json")
    assert logs.resolve("error", "text", env) == ("error", "text")
    with pytest.raises(ValueError, match="expected one of debug, info, warning, error"):
        logs.resolve(None, None, {"TIPLINE_LOG_LEVEL": "loud"})


# ------------------------------------------------------------------ config path


def test_config_comes_from_the_option_then_the_environment_then_the_default() -> None:
    env = {"TIPLINE_CONFIG": "/etc/tipline/tipline.toml"}
    assert resolve_config("mine.toml", env) == ("mine.toml", True)
    assert resolve_config(None, env) == ("/etc/tipline/tipline.toml", True)
    path, chosen = resolve_config(None, {})
    assert not chosen
    assert Path(path).name == "default.toml"


def test_the_packaged_default_config_loads() -> None:
    path = packaged_default()
    assert path.is_file()
    assert path.read_bytes() == (REPO / "config" / "default.toml").read_bytes()
    assert load_config(path).job.name


# ------------------------------------------------------------------ config hints


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"recovery": {"snapshot_intervl_s": 1}}, "did you mean `snapshot_interval_s`?"),
        ({"recoverry": {}}, "did you mean `recovery`?"),
        ({"hashing": {"lists": [{"path": "x", "nme": "a"}]}}, "did you mean `name`?"),
        ({"lake": {"compression": "gzip"}}, "expected one of: none, snappy, zstd"),
        ({"input": {"kind": "csv"}}, "expected one of: jsonl, kafka"),
        ({"zzz": 1}, "valid keys: job, kafka, input"),
    ],
)
def test_config_errors_say_what_to_write_instead(data: dict[str, object], expected: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(data)
    assert expected in str(err.value)
    assert "\n" not in str(err.value)


def test_kafka_earliest_and_latest_are_accepted() -> None:
    assert parse_config({"input": {"starting_offset": "earliest"}}).input.starting_offset == (
        "beginning"
    )
    assert parse_config({"input": {"starting_offset": "latest"}}).input.starting_offset == "end"
    with pytest.raises(ConfigError, match=r"earliest \(= beginning\)"):
        parse_config({"input": {"starting_offset": "first"}})


# ------------------------------------------------------------------ validate-config files


def test_validate_names_every_missing_file(tmp_path: Path) -> None:
    present = tmp_path / "known.csv"
    present.write_text("algorithm,hash,list,id,category\n", encoding="utf-8")
    cfg = parse_config({
        "input": {"kind": "jsonl", "path": str(tmp_path / "nope")},
        "hashing": {"lists": [{"path": str(present)}, {"path": str(tmp_path / "gone.csv")}]},
        "decision": {"calibration_path": str(tmp_path / "cal.json")},
    })  # fmt: skip
    problems = named_file_problems(cfg, env={"TIPLINE_MASTER_KEY_FILE": str(tmp_path / "mk")})
    keys = [p.split(":")[0] for p in problems]
    assert keys == [
        "input.path",
        "hashing.lists[1].path",
        "decision.calibration_path",
        "evidence.keys.master_key_env ($TIPLINE_MASTER_KEY_FILE)",
    ]
    (tmp_path / "nope").mkdir()
    (tmp_path / "gone.csv").write_text("", encoding="utf-8")
    (tmp_path / "cal.json").write_text("{}", encoding="utf-8")
    (tmp_path / "mk").write_text("k", encoding="utf-8")
    assert named_file_problems(cfg, env={"TIPLINE_MASTER_KEY_FILE": str(tmp_path / "mk")}) == []


# ------------------------------------------------------------------ guarded subcommands


@pytest.mark.parametrize(
    ("exc", "status", "line"),
    [
        (AccessDeniedError("no role"), 4, "tipline cases: access denied: no role\n"),
        (ConfigError("k"), 2, "tipline cases: config error: k\n"),
        (UnavailableError("s3"), 3, "tipline cases: unavailable: s3\n"),
        (ReportError("bad"), 1, "tipline cases: error: bad\n"),
    ],
)
def test_guarded_commands_follow_the_status_table(
    exc: Exception, status: int, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    def handler(args: argparse.Namespace) -> int:
        raise exc

    assert exit_codes.guarded("cases")(handler)(argparse.Namespace()) == status
    assert capsys.readouterr().err == line


def test_reports_and_cases_refuse_a_missing_identity_with_status_4(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tipline.cli.main import main

    monkeypatch.delenv("TIPLINE_REVIEWER", raising=False)
    monkeypatch.delenv("TIPLINE_OPERATOR", raising=False)
    assert main(["cases", "claim", "no-such-case"]) == 4
    assert "tipline cases: access denied" in capsys.readouterr().err
    assert main(["reports", "approve", "no-such-draft"]) == 4
    assert "access denied" in capsys.readouterr().err


# ------------------------------------------------------------------ replays


def test_a_replay_hashes_inline_so_its_decisions_file_keeps_input_order(tmp_path: Path) -> None:
    cfg = load_config(REPO / "config/default.toml")
    assert cfg.hashing.executor == "background"  # the job's default
    isolated = isolated_config(cfg, tmp_path, events=str(tmp_path / "in.jsonl"))
    assert isolated.hashing.executor == "inline"
    assert not isolated.recovery.enabled
    assert isolated.hashing.lists == cfg.hashing.lists
