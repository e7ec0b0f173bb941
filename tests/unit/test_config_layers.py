"""Configs as a base plus overlays: each overlay loads to exactly the config it replaced.

``tests/unit/config_golden/*.json`` are the effective configs of the five
~550-line files as they were *before* they became overlays of
``config/base.toml`` (produced from those files, then frozen here).
"""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from tipline.schemas.config import load_config, merge_tables, parse_override, resolve_base
from tipline.schemas.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("config_golden")
OVERLAYS = {
    "default": "config/default.toml",
    "bench": "config/bench.toml",
    "production.example": "config/production.example.toml",
    "k8s": "deploy/k8s/tipline.toml",
    "compose": "deploy/compose.tipline.toml",
}


@pytest.mark.parametrize("name", sorted(OVERLAYS))
def test_each_overlay_loads_to_the_config_it_replaced(name: str) -> None:
    effective = json.loads(json.dumps(msgspec.to_builtins(load_config(REPO / OVERLAYS[name]))))
    assert effective == json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(OVERLAYS))
def test_overlays_are_small_and_name_their_base(name: str) -> None:
    text = (REPO / OVERLAYS[name]).read_text(encoding="utf-8")
    assert 'extends = "' in text
    assert len(text.splitlines()) <= 100


def test_the_packaged_base_is_the_repository_base() -> None:
    packaged = resolve_base("tipline:base.toml", REPO / "deploy/k8s/tipline.toml")
    assert packaged.read_bytes() == (REPO / "config/base.toml").read_bytes()


def test_tables_merge_and_arrays_replace() -> None:
    base = {"a": {"x": 1, "y": [1, 2], "t": {"k": "v"}}, "b": 2}
    over = {"a": {"y": [3], "t": {"j": "w"}}, "c": 3}
    assert merge_tables(base, over) == {
        "a": {"x": 1, "y": [3], "t": {"k": "v", "j": "w"}},
        "b": 2,
        "c": 3,
    }
    assert base["a"]["y"] == [1, 2]  # the base is not changed


def test_set_overrides_one_key_with_a_toml_value(tmp_path: Path) -> None:
    assert parse_override("lake.shards=4") == {"lake": {"shards": 4}}
    assert parse_override('input.topics=["a", "b"]') == {"input": {"topics": ["a", "b"]}}
    assert parse_override("job.name=plain words") == {"job": {"name": "plain words"}}
    cfg = load_config(REPO / "config/default.toml", overrides=["lake.shards=4"])
    assert cfg.lake.shards == 4
    assert cfg.lake.path == load_config(REPO / "config/default.toml").lake.path
    with pytest.raises(ConfigError, match=r"expected section\.key=value"):
        parse_override("lake.shards")


def test_a_chain_of_bases_merges_in_order_and_a_loop_is_refused(tmp_path: Path) -> None:
    (tmp_path / "base.toml").write_text(
        f'extends = "{REPO / "config/base.toml"}"\n[lake]\nshards = 3\n', encoding="utf-8"
    )
    (tmp_path / "site.toml").write_text(
        'extends = "base.toml"\n[lake]\nroll_rows = 7\n', encoding="utf-8"
    )
    cfg = load_config(tmp_path / "site.toml")
    assert (cfg.lake.shards, cfg.lake.roll_rows) == (3, 7)
    (tmp_path / "a.toml").write_text('extends = "b.toml"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extends = "a.toml"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="loops back"):
        load_config(tmp_path / "a.toml")
    (tmp_path / "gone.toml").write_text('extends = "missing.toml"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "gone.toml")
