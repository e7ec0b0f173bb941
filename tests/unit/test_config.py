"""The config is one TOML file, validated at start with one-line errors naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipline.schemas.config import load_config, parse_config
from tipline.schemas.errors import ConfigError


def test_default_config_loads(repo_root: Path) -> None:
    cfg = load_config(repo_root / "config" / "default.toml")
    assert cfg.input.kind == "jsonl"
    assert cfg.lake.shards >= 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"lake": {"roll_rows": 0}}, "x.toml: lake.roll_rows: Expected `int` >= 1"),
        (
            {"lake": {"rol_rows": 5}},
            "x.toml: lake: Object contains unknown field `rol_rows` (did you mean `roll_rows`?)",
        ),
        (
            {"input": {"kind": "xml"}},
            "x.toml: input.kind: Invalid enum value 'xml' (expected one of: jsonl, kafka)",
        ),
        ({"metrics": {"port": "9100"}}, "x.toml: metrics.port: Expected `int`, got `str`"),
        (
            {"nonsense": {}},
            "x.toml: Object contains unknown field `nonsense` (valid keys: job, kafka, input, "
            "dead_letters, alerts, decisions, lake, recovery, metrics, hashing, grooming, "
            "decision, evidence, reports)",
        ),
    ],
)
def test_bad_values_name_the_key(data: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(data, "x.toml")
    assert str(info.value) == message
    assert "\n" not in str(info.value)


def test_missing_file_and_bad_toml(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[lake\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)


def test_every_example_config_loads(repo_root: Path) -> None:
    configs = sorted((repo_root / "config").glob("*.toml"))
    assert configs
    for path in configs:
        load_config(path)
