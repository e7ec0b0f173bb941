"""deploy/k8s: Kubernetes schemas, kustomize wiring, and agreement with the config and image."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy.project import DEPLOY, REPO, known_env_names, tool, under, writable_paths
from tipline.schemas.config import TiplineConfig, load_config

K8S = DEPLOY / "k8s"
KUBERNETES_VERSION = "1.33.0"


def validate(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: PLW1510 (the return code is asserted)
        [
            tool("kubernetes-validate"),
            "--strict",
            "--quiet",
            "-k",
            KUBERNETES_VERSION,
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def kustomization() -> dict[str, Any]:
    return yaml.safe_load((K8S / "kustomization.yaml").read_text())


@pytest.fixture(scope="module")
def resources(kustomization: dict[str, Any]) -> dict[str, dict[str, Any]]:
    docs = [yaml.safe_load((K8S / r).read_text()) for r in kustomization["resources"]]
    return {d["kind"]: d for d in docs}


@pytest.fixture(scope="module")
def config(kustomization: dict[str, Any]) -> TiplineConfig:
    (files,) = [g["files"] for g in kustomization["configMapGenerator"]]
    return load_config(K8S / files[0])


@pytest.fixture(scope="module")
def pod(resources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return resources["StatefulSet"]["spec"]["template"]["spec"]


@pytest.fixture(scope="module")
def container(pod: dict[str, Any]) -> dict[str, Any]:
    (c,) = pod["containers"]
    return c


def env_of(container: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["name"]: e for e in container["env"]}


def test_manifests_match_the_kubernetes_schemas(kustomization: dict[str, Any]) -> None:
    result = validate(*(K8S / r for r in kustomization["resources"]))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_manifest(tmp_path: Path) -> None:
    doc = yaml.safe_load((K8S / "statefulset.yaml").read_text())
    doc["spec"]["replicas"] = "two"
    doc["spec"]["template"]["spec"]["containers"][0]["securityContext"]["dropAll"] = True
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(doc))
    assert validate(bad).returncode != 0


def test_kustomization_files_exist_and_configmap_is_the_production_example(
    kustomization: dict[str, Any], config: TiplineConfig
) -> None:
    for resource in kustomization["resources"]:
        assert (K8S / resource).is_file(), resource
    (files,) = [g["files"] for g in kustomization["configMapGenerator"]]
    example = REPO / "config" / "production.example.toml"
    assert (K8S / files[0]).read_text() == example.read_text(), "k8s/tipline.toml drifted"
    assert config.input.kind == "kafka"
    assert config.recovery.enabled
    assert config.evidence.backend == "s3"
    assert not config.evidence.keys.allow_dev_keys
    assert config.dead_letters.kind == config.alerts.kind == "kafka"


def test_cluster_shape_agrees_with_config_and_entrypoint(
    resources: dict[str, dict[str, Any]], container: dict[str, Any], config: TiplineConfig
) -> None:
    sts, svc = resources["StatefulSet"], resources["Service"]
    env = env_of(container)
    replicas = sts["spec"]["replicas"]
    assert replicas == 2
    assert int(env["TIPLINE_PROCESSES"]["value"]) == replicas
    assert int(env["TIPLINE_RECOVERY_PARTITIONS"]["value"]) == config.recovery.partitions
    assert config.recovery.partitions >= replicas
    assert env["TIPLINE_RECOVERY_DIR"]["value"] == config.recovery.path
    assert svc["spec"]["clusterIP"] == "None"
    assert (
        sts["spec"]["serviceName"]
        == svc["metadata"]["name"]
        == env["TIPLINE_CLUSTER_SERVICE"]["value"]
    )
    assert sts["spec"]["podManagementPolicy"] == "Parallel"
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports["cluster"] == int(env["TIPLINE_CLUSTER_PORT"]["value"])
    assert ports["metrics"] == config.metrics.port
    assert container["command"] == ["/opt/tipline/entrypoint.sh"]
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert "COPY deploy/entrypoint.sh /opt/tipline/entrypoint.sh" in dockerfile


def test_paths_of_the_config_are_mounted(
    resources: dict[str, dict[str, Any]], container: dict[str, Any], config: TiplineConfig
) -> None:
    mounts = {m["mountPath"]: m for m in container["volumeMounts"]}
    writable = [p for p, m in mounts.items() if not m.get("readOnly")]
    for key, path in writable_paths(config).items():
        assert under(path, writable), f"{key} = {path!r} is not on a writable volume"
    for source in config.hashing.lists:
        assert under(source.path, ["/etc/tipline/hashlists"])
    for key in ("ssl.ca.location", "ssl.certificate.location", "ssl.key.location"):
        assert under(str(config.kafka.settings[key]), ["/etc/tipline/kafka-tls"])
    assert mounts["/etc/tipline/tipline.toml"]["subPath"] == "tipline.toml"
    claims = {
        t["metadata"]["name"] for t in resources["StatefulSet"]["spec"]["volumeClaimTemplates"]
    }
    assert {"recovery", "data"} <= claims
    assert mounts[config.recovery.path]["name"] == "recovery"


def test_secrets_come_from_secrets_and_names_are_read_by_the_code(
    container: dict[str, Any], config: TiplineConfig
) -> None:
    env = env_of(container)
    assert set(env) <= known_env_names(config), set(env) - known_env_names(config)
    secret_backed = {
        config.evidence.keys.master_key_env,
        config.evidence.keys.signing_key_env,
        config.evidence.s3.access_key_env,
        config.evidence.s3.secret_key_env,
        config.reports.username_env,
        config.reports.password_env,
    }
    for name in secret_backed:
        assert "secretKeyRef" in env[name].get("valueFrom", {}), f"{name} is not from a Secret"
    config_text = (K8S / "tipline.toml").read_text()
    assert "secretKeyRef" not in config_text


def test_pod_security(pod: dict[str, Any], container: dict[str, Any]) -> None:
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["automountServiceAccountToken"] is False
    sc = container["securityContext"]
    assert sc["readOnlyRootFilesystem"] is True
    assert sc["allowPrivilegeEscalation"] is False
    assert sc["capabilities"]["drop"] == ["ALL"]
    requests = container["resources"]["requests"]
    assert requests["cpu"] and requests["memory"]


def test_disruption_budget_and_network_policy(resources: dict[str, dict[str, Any]]) -> None:
    assert resources["PodDisruptionBudget"]["spec"]["maxUnavailable"] == 1
    policy = resources["NetworkPolicy"]["spec"]
    assert set(policy["policyTypes"]) == {"Ingress", "Egress"}
    ports = {p["port"] for rule in policy["egress"] for p in rule["ports"]}
    assert {2101, 9092, 443, 53} <= ports


@pytest.mark.parametrize(
    "script", ["entrypoint.sh", "kafka.sh", "s3.sh", "kms.sh", "service-lib.sh", "test.sh"]
)
def test_shellcheck_passes_on_the_deploy_scripts(script: str) -> None:
    # -x follows `source deploy/service-lib.sh`; warnings and errors fail, style notes do not.
    result = subprocess.run(  # noqa: PLW1510 (the return code is asserted)
        [tool("shellcheck"), "-x", "--severity=warning", str(DEPLOY / script)],
        capture_output=True,
        text=True,
        cwd=DEPLOY.parent,
    )
    assert result.returncode == 0, result.stdout


def _stub(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


def run_entrypoint(tmp_path: Path, hostname: str, processes: int) -> tuple[list[str], Path]:
    """Run deploy/entrypoint.sh with stub `hostname` and `tipline`; return tipline's args."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    _stub(bin_dir, "hostname", f"echo {hostname}")
    _stub(bin_dir, "tipline", f'printf "%s\\n" "$@" > "{tmp_path}/args"')
    _stub(bin_dir, "python", f'exec "{sys.executable}" "$@"')
    recovery = tmp_path / "recovery"
    env = {
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "TIPLINE_PROCESSES": str(processes),
        "TIPLINE_CLUSTER_SERVICE": "tipline",
        "TIPLINE_RECOVERY_PARTITIONS": str(processes),
        "TIPLINE_RECOVERY_DIR": str(recovery),
        "TMPDIR": str(tmp_path),
    }
    subprocess.run(["sh", str(DEPLOY / "entrypoint.sh")], env=env, check=True, capture_output=True)
    return (tmp_path / "args").read_text().splitlines(), recovery


def test_entrypoint_derives_process_id_addresses_and_own_partition(tmp_path: Path) -> None:
    args, recovery = run_entrypoint(tmp_path, "tipline-1", 2)
    assert args == [
        "run",
        "--config",
        "/etc/tipline/tipline.toml",
        "-a",
        "tipline-0.tipline:2101;tipline-1.tipline:2101",
        "-i",
        "1",
    ]
    assert sorted(p.name for p in recovery.glob("part-*")) == ["part-1.sqlite3"]
    before = (recovery / "part-1.sqlite3").stat().st_mtime_ns
    run_entrypoint(tmp_path, "tipline-1", 2)  # a restart never re-creates a partition
    assert (recovery / "part-1.sqlite3").stat().st_mtime_ns == before


def test_entrypoint_refuses_a_volume_that_lost_its_partitions(tmp_path: Path) -> None:
    _, recovery = run_entrypoint(tmp_path, "tipline-0", 2)
    (recovery / "part-0.sqlite3").unlink()
    with pytest.raises(subprocess.CalledProcessError) as err:
        run_entrypoint(tmp_path, "tipline-0", 2)
    assert err.value.returncode == 65


def test_the_cli_accepts_what_the_entrypoint_passes() -> None:
    from tipline.cli.main import build_parser

    args = build_parser().parse_args(["run", "--config", "x.toml", "-a", "a:1;b:2", "-i", "1"])
    assert (args.addresses, args.process_id) == (["a:1;b:2"], 1)


def test_probes_are_http_on_the_metrics_port(
    container: dict[str, Any], config: TiplineConfig
) -> None:
    """Startup and readiness on /readyz, liveness on /healthz (services/health.py)."""
    paths = {
        probe: container[probe]["httpGet"]["path"]
        for probe in ("startupProbe", "readinessProbe", "livenessProbe")
    }
    assert paths == {
        "startupProbe": "/readyz",
        "readinessProbe": "/readyz",
        "livenessProbe": "/healthz",
    }
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    for probe in paths:
        assert ports[container[probe]["httpGet"]["port"]] == config.metrics.port
        assert "exec" not in container[probe]
    # the kubelet connects to the pod IP: the server must not listen on loopback only
    assert config.metrics.host == "0.0.0.0"
    # a stall must outlast a liveness period times its failure threshold
    live = container["livenessProbe"]
    assert config.metrics.stall_after_s >= live["periodSeconds"]
    env = env_of(container)
    assert env["TIPLINE_LOG_FORMAT"]["value"] == "json"


@pytest.mark.parametrize("overlay", ["text-10k", "text-50k"])
def test_scale_overlays_build_validate_and_stay_within_the_recovery_partitions(
    overlay: str, tmp_path: Path, config: TiplineConfig
) -> None:
    import shutil

    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl (kustomize) is not installed")
    built = subprocess.run(
        [kubectl, "kustomize", str(DEPLOY / "k8s-scale" / overlay)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    out = tmp_path / f"{overlay}.yaml"
    out.write_text(built)
    result = validate(out)
    assert result.returncode == 0, result.stdout + result.stderr
    (sts,) = [d for d in yaml.safe_load_all(built) if d and d["kind"] == "StatefulSet"]
    (container,) = sts["spec"]["template"]["spec"]["containers"]
    env = env_of(container)
    replicas = sts["spec"]["replicas"]
    assert replicas > 2
    assert int(env["TIPLINE_PROCESSES"]["value"]) == replicas
    assert int(env["TIPLINE_RECOVERY_PARTITIONS"]["value"]) == config.recovery.partitions
    assert replicas <= config.recovery.partitions
    assert config.job.workers == 1  # the model scales by processes, one worker each
