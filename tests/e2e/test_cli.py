"""The CLI as a user runs it: generate, replay (docs/contract.md §4), audit, dead letters."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO, grooming_block

CONTRACT_KEYS = {
    "session": {"tp", "fp", "fn", "tn", "precision", "recall", "f1", "f05",
                "median_messages_to_detection"},
    "attachment": {"tp", "fp", "fn", "tn", "precision", "recall", "f1", "f05"},
}  # fmt: skip


def tipline(*args: str, cwd: Path = REPO, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tipline.cli.main", *args],
        cwd=cwd, capture_output=True, text=True, check=check, timeout=600,
    )  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    result = tipline("generate", "--out", str(out), "--seed", "3", "--sessions", "40")
    assert "40 sessions" in result.stdout
    return out


@pytest.fixture(scope="module")
def config(corpus: Path) -> Path:
    path = corpus / "replay.toml"
    path.write_text(
        f'[hashing]\nlists = []\nfile_roots = ["{corpus}"]\n' + grooming_block(), encoding="utf-8"
    )
    return path


@pytest.fixture(scope="module")
def replay_out(corpus: Path, config: Path) -> Path:
    out = corpus / "replay-out"
    result = tipline(
        "replay", "--events", str(corpus / "events"), "--labels", str(corpus / "labels.jsonl"),
        "--config", str(config), "--out", str(out),
        "--hash-list", str(corpus / "hashlists" / "known.csv"),
    )  # fmt: skip
    assert "keyword baseline" in result.stdout
    return out


def test_replay_writes_exactly_the_contract_metrics(corpus: Path, replay_out: Path) -> None:
    metrics = json.loads((replay_out / "metrics.json").read_text())
    assert set(metrics) == {"session", "attachment", "events", "dead_lettered"}
    for part, keys in CONTRACT_KEYS.items():
        assert set(metrics[part]) == keys
    lines = sum(
        1 for p in (corpus / "events").glob("*.jsonl") for ln in p.read_bytes().splitlines() if ln
    )
    assert metrics["events"] == lines
    assert metrics["dead_lettered"] == 6
    decisions = (replay_out / "decisions.jsonl").read_bytes().splitlines()
    assert len(decisions) + metrics["dead_lettered"] == metrics["events"]
    # attachment figures come from real matching against the --hash-list
    assert metrics["attachment"]["tp"] > 0
    assert metrics["attachment"]["fp"] == 0
    assert metrics["session"]["tp"] > 0
    assert (replay_out / "lake").is_dir()
    extra = json.loads((replay_out / "evaluation.json").read_text())
    assert set(extra) == {"scorer", "keyword_baseline"}


def test_audit_query_answers_from_the_lake(replay_out: Path) -> None:
    counts = tipline("audit", "query", "--lake", str(replay_out / "lake"), "--by", "decision")
    assert "none" in counts.stdout
    assert "count" in counts.stdout
    first = json.loads((replay_out / "decisions.jsonl").read_bytes().splitlines()[0])
    one = tipline("audit", "query", "--lake", str(replay_out / "lake"), "--session",
                  first["session_id"])  # fmt: skip
    assert first["event_id"] in one.stdout


def test_dead_letters_listed_and_redriven(corpus: Path, replay_out: Path, tmp_path: Path) -> None:
    config = tmp_path / "dlq.toml"
    config.write_text(
        f'[input]\npath = "{tmp_path / "in"}"\n[dead_letters]\npath = "{replay_out}"\n'
        # the replay sealed its dead letters with the dev keys beside its vault
        f'[evidence]\npath = "{replay_out / "vault"}"\n',
        encoding="utf-8",
    )
    listing = tipline("dlq", "list", "--config", str(config))
    assert "EventDecodeError" in listing.stdout
    target = tmp_path / "redrive.jsonl"
    tipline("dlq", "replay", "--config", str(config), "--out", str(target))
    redriven = target.read_bytes().splitlines()
    assert len(redriven) == 6
    originals = {
        ln for p in (corpus / "events").glob("*.jsonl") for ln in p.read_bytes().splitlines()
    }
    assert set(redriven) <= originals


def test_validate_config_names_the_key(tmp_path: Path) -> None:
    assert tipline("validate-config", str(REPO / "config" / "default.toml")).returncode == 0
    bad = tmp_path / "bad.toml"
    bad.write_text("[recovery]\nsnapshot_interval_s = -1\n", encoding="utf-8")
    result = tipline("validate-config", str(bad), check=False)
    assert result.returncode == 2
    assert "recovery.snapshot_interval_s" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_every_command_has_help() -> None:
    for command in (
        [], ["run"], ["replay"], ["demo"], ["generate"], ["validate-config"], ["audit", "query"],
        ["dlq", "replay"], ["hashes", "build"], ["calibrate"], ["appeals"], ["evidence", "verify"],
        ["reports", "list"], ["evaluate"], ["model", "train"],
    ):  # fmt: skip
        assert tipline(*command, "--help").returncode == 0


def test_a_cue_model_whose_sha256_differs_stops_the_replay_in_one_line(
    corpus: Path, tmp_path: Path
) -> None:
    block = grooming_block()
    good = block.split('sha256 = "', 1)[1].split('"', 1)[0]
    bad = tmp_path / "bad-model.toml"
    bad.write_text("[hashing]\nlists = []\n" + block.replace(good, "0" * 64), encoding="utf-8")
    result = tipline(
        "replay", "--events", str(corpus / "events"), "--config", str(bad),
        "--out", str(tmp_path / "out"), check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "grooming.model.sha256" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
