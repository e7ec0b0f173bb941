"""The CLI as scripts use it (issue #14 item 4): --json, exit statuses, --config, pipes, logs.

Every command runs as a subprocess. The exit statuses are the table of
README "Exit statuses" (tipline/cli/exit_codes.py); each row that a command
can reach without a fault-injection rig is exercised here (75 is asserted by
tests/faults, which fill a real disk).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support import REPO, grooming_block
from tipline.cli import exit_codes


def tipline(
    *args: str, cwd: Path = REPO, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("TIPLINE_")}
    base["TIPLINE_RUN"] = os.environ.get("TIPLINE_RUN", "")
    return subprocess.run(
        [sys.executable, "-m", "tipline.cli.main", *args],
        cwd=cwd, capture_output=True, text=True, check=False, timeout=600,
        env={**base, **(env or {})},
    )  # fmt: skip


def as_json(result: subprocess.CompletedProcess[str]) -> Any:
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A replayed corpus: lake, vault with packages, drafts, dead letters; and its config."""
    root = tmp_path_factory.mktemp("habits")
    corpus = root / "corpus"
    done = tipline("generate", "--out", str(corpus), "--seed", "5", "--sessions", "24")
    assert done.returncode == 0, done.stderr
    replay_cfg = root / "replay.toml"
    replay_cfg.write_text(
        f'[hashing]\nlists = []\nfile_roots = ["{corpus}"]\n' + grooming_block(), encoding="utf-8"
    )
    out = root / "replay-out"
    done = tipline(
        "replay", "--events", str(corpus / "events"), "--labels", str(corpus / "labels.jsonl"),
        "--config", str(replay_cfg), "--out", str(out),
        "--hash-list", str(corpus / "hashlists" / "known.csv"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    config = root / "world.toml"
    config.write_text(
        f'[input]\npath = "{corpus / "events"}"\n'
        f'[hashing]\nlists = [{{ path = "{corpus / "hashlists" / "known.csv"}" }}]\n'
        f'file_roots = ["{corpus}"]\n'
        f'[dead_letters]\npath = "{out}"\n[lake]\npath = "{out / "lake"}"\n'
        f'[evidence]\npath = "{out / "vault"}"\n[reports]\npath = "{out / "reports"}"\n',
        encoding="utf-8",
    )
    return {"root": root, "corpus": corpus, "out": out, "config": config}


def message_texts(corpus: Path) -> list[str]:
    texts = []
    for path in sorted((corpus / "events").glob("*.jsonl")):
        for line in path.read_bytes().splitlines():
            try:
                text = json.loads(line).get("text")
            except (ValueError, AttributeError):
                continue
            if isinstance(text, str) and len(text) > 12:
                texts.append(text)
    return texts


# ------------------------------------------------------------------ global options


def test_version() -> None:
    result = tipline("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("tipline 0.1.0 (detector ")


def test_config_before_or_after_the_subcommand_or_from_the_environment(
    world: dict[str, Path],
) -> None:
    config = str(world["config"])
    after = as_json(tipline("dlq", "list", "--json", "--config", config))
    before = as_json(tipline("--config", config, "dlq", "list", "--json"))
    env = as_json(tipline("dlq", "list", "--json", env={"TIPLINE_CONFIG": config}))
    assert after == before == env
    assert after and {tuple(sorted(r)) for r in after} == {("count", "error_type", "stage")}
    assert sum(r["count"] for r in after) > 0
    # an explicit --config wins over the environment
    other = tipline("dlq", "list", "--config", "/nonexistent.toml", env={"TIPLINE_CONFIG": config})
    assert other.returncode == exit_codes.USAGE
    assert "/nonexistent.toml" in other.stderr


def test_an_installed_tipline_finds_its_packaged_default(tmp_path: Path) -> None:
    result = tipline("validate-config", "--json", cwd=tmp_path)
    report = as_json(result)
    assert report["config"].endswith("tipline/_config/default.toml")
    # the default names demo-data/ relative to the working directory: reported, status 2
    assert result.returncode == exit_codes.USAGE
    assert any(p.startswith("input.path:") for p in report["problems"])


def test_validate_config_checks_the_files_it_names(world: dict[str, Path], tmp_path: Path) -> None:
    ok = tipline("validate-config", str(world["config"]))
    assert ok.returncode == 0, ok.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text(
        f'[input]\npath = "{tmp_path / "missing"}"\n'
        f'[hashing]\nlists = [{{ path = "{tmp_path / "gone.csv"}" }}]\n',
        encoding="utf-8",
    )
    result = tipline("validate-config", str(bad))
    assert result.returncode == exit_codes.USAGE
    assert "input.path:" in result.stderr and "hashing.lists[0].path:" in result.stderr


def test_config_typos_get_a_suggestion(tmp_path: Path) -> None:
    bad = tmp_path / "typo.toml"
    bad.write_text("[lake]\nroll_row = 5\n", encoding="utf-8")
    result = tipline("validate-config", str(bad))
    assert result.returncode == exit_codes.USAGE
    assert result.stderr.strip().endswith("(did you mean `roll_rows`?)")
    kafka_words = tmp_path / "latest.toml"
    kafka_words.write_text(
        f'[input]\nstarting_offset = "latest"\npath = "{tmp_path}"\n[hashing]\nlists = []\n',
        encoding="utf-8",
    )
    accepted = tipline("validate-config", "--config", str(kafka_words))
    assert accepted.returncode == 0, accepted.stderr
    assert accepted.stdout.strip() == f"{kafka_words}: OK"


# ------------------------------------------------------------------ --json


def test_list_and_show_commands_print_json_without_content(world: dict[str, Path]) -> None:
    config = str(world["config"])
    outputs: list[str] = []

    def run(*args: str) -> Any:
        result = tipline(*args, "--config", config, "--json")
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
        return as_json(result)

    counts = run("audit", "query", "--by", "decision")
    assert counts and set(counts[0]) == {"decision", "count"}
    by_day = run("audit", "query", "--by", "day-decision")
    assert all(isinstance(r["dt"], str) for r in by_day)
    packages = run("evidence", "list")
    assert packages
    assert set(packages[0]) == {
        "package_id", "event_id", "outcome", "manifest_version", "items", "retain_until",
    }  # fmt: skip
    session = run("audit", "query", "--session", "x-none")
    assert session == []
    shown = run("evidence", "show", packages[0]["package_id"])
    assert isinstance(shown, dict)
    verified = run("evidence", "verify", packages[0]["package_id"])
    assert (
        verified["ok"] is True
        and verified["packages"][0]["package_id"] == packages[0]["package_id"]
    )
    opened = run("appeals", "open", packages[0]["event_id"], "--reason", "false-positive")
    listed = run("appeals", "list")
    assert [a["appeal_id"] for a in listed] == [opened["appeal_id"]]
    assert listed[0]["status"] == "open"
    assert run("validate-config")["ok"] is True
    texts = message_texts(world["corpus"])
    assert texts
    for text in texts:
        for out in outputs:
            assert text not in out


def test_hashes_build_and_calibrate_json(world: dict[str, Path], tmp_path: Path) -> None:
    corpus, out = world["corpus"], world["out"]
    built = tipline(
        "hashes", "build", "--images", str(corpus / "known-images"), "--list", "t",
        "--out", str(tmp_path / "t.csv"), "--json",
    )  # fmt: skip
    summary = as_json(built)
    assert summary["files"] > 0 and summary["out"] == str(tmp_path / "t.csv")
    events = next((corpus / "events").glob("*.jsonl"))
    cal = tipline(
        "calibrate", "--decisions", str(out / "decisions.jsonl"),
        "--labels", str(corpus / "labels.jsonl"), "--events", str(events),
        "--out", str(tmp_path / "cal.json"), "--json",
    )  # fmt: skip
    table = as_json(cal)
    assert table["sessions"] > 0 and table["bins"]
    assert set(table["bins"][0]) == {"min_score", "n", "tp", "precision", "wilson_lower"}


# ------------------------------------------------------------------ exit statuses


def test_an_empty_lake_and_an_empty_list_are_both_status_0(tmp_path: Path) -> None:
    config = tmp_path / "empty.toml"
    config.write_text(
        f'[lake]\npath = "{tmp_path / "lake"}"\n[dead_letters]\npath = "{tmp_path}"\n',
        encoding="utf-8",
    )
    for args in (("audit", "query"), ("dlq", "list"), ("appeals", "list")):
        plain = tipline(*args, "--config", str(config))
        assert plain.returncode == 0, (args, plain.stderr)
        assert plain.stdout == "" and plain.stderr.strip().startswith("no "), args
        assert as_json(tipline(*args, "--config", str(config), "--json")) == [], args


def test_failure_paths_follow_the_exit_status_table(world: dict[str, Path], tmp_path: Path) -> None:
    config = str(world["config"])
    # 2: usage
    assert tipline("dlq", "list", "--bogus").returncode == exit_codes.USAGE
    assert tipline("evidence", "verify", "--config", config).returncode == exit_codes.USAGE
    missing = tipline(
        "calibrate", "--decisions", str(tmp_path / "no.jsonl"), "--labels", "x",
        "--events", "y", "--out", str(tmp_path / "c.json"),
    )  # fmt: skip
    assert missing.returncode == exit_codes.USAGE
    assert missing.stderr.strip().startswith("error: No such file or directory")
    empty = tmp_path / "no-images"
    empty.mkdir()
    built = tipline("hashes", "build", "--images", str(empty), "--list", "x", "--out", "o.csv")
    assert built.returncode == exit_codes.USAGE
    # 1: a named item does not exist / a check failed
    resolve = tipline(
        "appeals", "resolve", "ap-nope", "--outcome", "upheld", "--reviewer", "r",
        "--config", config,
    )  # fmt: skip
    assert resolve.returncode == exit_codes.CHECK_FAILED
    assert tipline("roles", "show", "--config", config).returncode == exit_codes.CHECK_FAILED
    # 4: access denied (no signed policy: nobody holds a role)
    package = as_json(tipline("evidence", "list", "--config", config, "--json"))[0]["package_id"]
    denied = tipline(
        "evidence", "open", package, "--reason", "case-1", "--to", str(tmp_path / "x"),
        "--config", config, "--operator", "mallory",
    )  # fmt: skip
    assert denied.returncode == exit_codes.ACCESS_DENIED, denied.stderr
    assert denied.stderr.startswith("access denied: ")
    assert not (tmp_path / "x").exists()
    for result in (missing, built, resolve, denied):
        assert "Traceback" not in result.stderr


def test_an_unreachable_broker_is_status_3(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = tmp_path / "k.toml"
    config.write_text(
        f'[kafka]\nbrokers = ["127.0.0.1:{port}"]\n[dead_letters]\nkind = "kafka"\n',
        encoding="utf-8",
    )
    result = tipline("dlq", "list", "--config", str(config))
    assert result.returncode == exit_codes.UNAVAILABLE
    assert result.stderr.strip().splitlines() == [
        f"unavailable: kafka.brokers ['127.0.0.1:{port}']: no answer within 10 s"
    ]


def test_a_closed_stdout_exits_141_without_a_traceback(world: dict[str, Path]) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is written, like `| head` after exiting
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "tipline.cli.main", "evidence", "list", "--json",
             "--config", str(world["config"])],
            cwd=REPO, stdout=write, stderr=subprocess.PIPE, text=True, timeout=120, check=False,
        )  # fmt: skip
    finally:
        os.close(write)
    assert proc.returncode == exit_codes.BROKEN_PIPE
    assert proc.stderr == ""


def test_ctrl_c_is_status_130(tmp_path: Path) -> None:
    # The installed entry point, as a user runs it. (Under `python -m`, CPython
    # itself sometimes ends the process with SIGINT after the handler returned
    # 130; a shell reports that as 130 too.)
    script = Path(sys.executable).with_name("tipline")
    assert script.exists(), "the tipline console script of this environment"
    proc = subprocess.Popen(
        [str(script), "generate", "--out", str(tmp_path / "g"), "--sessions", "200000"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not (tmp_path / "g").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == exit_codes.INTERRUPTED, err
    assert err.strip() == "interrupted"


# ------------------------------------------------------------------ logging and progress


def test_run_logs_json_lines_with_progress_when_not_a_tty(
    world: dict[str, Path], tmp_path: Path
) -> None:
    corpus = world["corpus"]
    config = tmp_path / "run.toml"
    config.write_text(
        f'[input]\npath = "{corpus / "events"}"\n'
        f'[hashing]\nlists = [{{ path = "{corpus / "hashlists" / "known.csv"}" }}]\n'
        f'file_roots = ["{corpus}"]\n'
        f'[dead_letters]\npath = "{tmp_path}"\n[alerts]\npath = "{tmp_path}"\n'
        f'[lake]\npath = "{tmp_path / "lake"}"\n[evidence]\npath = "{tmp_path / "vault"}"\n'
        f'[reports]\npath = "{tmp_path / "reports"}"\n'
        "[metrics]\nprogress_interval_s = 0.05\n" + grooming_block(),
        encoding="utf-8",
    )
    result = tipline("run", "--config", str(config), "--log-level", "info", "--log-format", "json")
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert {"ts", "level", "logger", "msg"} <= set(lines[0])
    assert any(line["logger"] == "tipline.services.hashing" for line in lines)
    progress = [line for line in lines if line["logger"] == "tipline.progress"]
    assert progress, result.stderr[-2000:]
    assert {"events", "rate", "dead_letters", "elapsed_s"} <= set(progress[0])
    texts = message_texts(corpus)
    assert not any(text in result.stderr for text in texts)
