"""deploy/compose.yaml: compose-spec schema, and everything it references exists."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy.project import DEPLOY, known_env_names, tool, under, writable_paths
from tipline.schemas.config import load_config

COMPOSE = DEPLOY / "compose.yaml"


def check_compose(path: Path) -> subprocess.CompletedProcess[str]:
    """Validate against the compose-spec JSON schema that check-jsonschema vendors."""
    return subprocess.run(  # noqa: PLW1510 (the return code is asserted)
        [tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec", str(path)],
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def test_compose_file_matches_the_compose_spec() -> None:
    result = check_compose(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_file(tmp_path: Path) -> None:
    bad = tmp_path / "compose.yaml"
    bad.write_text("services:\n  x:\n    image: 3\n    ports: {a: b}\n    restart: sometimes\n")
    assert check_compose(bad).returncode != 0


def test_full_stack_services(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(services) == {"kafka", "s3", "tipline", "prometheus"}
    assert services["kafka"]["image"].startswith("apache/kafka:")
    assert services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    # MinIO is AGPL (excluded by package policy): the S3 server is versitygw.
    assert services["s3"]["image"].startswith("versity/versitygw:")
    assert "--versioning-dir" in services["s3"]["command"]


def test_tipline_runs_hardened(compose: dict[str, Any]) -> None:
    svc = compose["services"]["tipline"]
    assert svc["read_only"] is True
    assert svc["cap_drop"] == ["ALL"]
    assert not str(svc["user"]).startswith("0")


def test_build_and_bind_mount_sources_exist(compose: dict[str, Any]) -> None:
    build = compose["services"]["tipline"]["build"]
    context = (DEPLOY / build["context"]).resolve()
    assert (context / build["dockerfile"]).is_file()
    for name, svc in compose["services"].items():
        for volume in svc.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (DEPLOY / source).exists(), f"{name}: {source} does not exist"
            else:
                assert source in compose["volumes"], f"{name}: volume {source} not declared"


def _mounts(svc: dict[str, Any]) -> dict[str, str]:
    return {v.split(":")[1]: v.split(":")[0] for v in svc["volumes"]}


def test_tipline_config_loads_and_its_paths_are_mounted(compose: dict[str, Any]) -> None:
    svc = compose["services"]["tipline"]
    mounts = _mounts(svc)
    config_path = svc["command"][svc["command"].index("--config") + 1]
    cfg = load_config(DEPLOY / mounts[config_path])
    writable = [m for m, src in mounts.items() if not src.startswith(".")]
    for key, path in writable_paths(cfg).items():
        assert under(path, writable), f"{key} = {path!r} is not on a writable volume"
    for source in cfg.hashing.lists:
        assert under(source.path, list(mounts)), source.path
        local = Path(mounts["/etc/tipline/hashlists"]) / Path(source.path).name
        assert (DEPLOY / local).is_file(), local
    assert cfg.input.kind == "kafka"
    assert cfg.kafka.brokers == ["kafka:9092"]
    assert cfg.evidence.backend == "s3"
    assert cfg.evidence.keys.allow_dev_keys is False


def test_env_names_are_ones_the_project_reads(compose: dict[str, Any]) -> None:
    svc = compose["services"]["tipline"]
    cfg = load_config(DEPLOY / _mounts(svc)["/etc/tipline/tipline.toml"])
    env = set(svc["environment"])
    assert env <= known_env_names(cfg), env - known_env_names(cfg)
    needed = {cfg.evidence.keys.master_key_env, cfg.evidence.keys.signing_key_env}
    needed |= {cfg.evidence.s3.access_key_env, cfg.evidence.s3.secret_key_env}
    needed |= {cfg.evidence.s3.endpoint_env}
    assert needed <= env


def test_prometheus_scrapes_the_metrics_port(compose: dict[str, Any]) -> None:
    prom = compose["services"]["prometheus"]
    mounts = _mounts(prom)
    scrape = yaml.safe_load((DEPLOY / mounts["/etc/prometheus/prometheus.yml"]).read_text())
    targets = [
        t for job in scrape["scrape_configs"] for s in job["static_configs"] for t in s["targets"]
    ]
    tipline = compose["services"]["tipline"]
    cfg = load_config(DEPLOY / _mounts(tipline)["/etc/tipline/tipline.toml"])
    assert targets == [f"tipline:{cfg.metrics.port}"]
