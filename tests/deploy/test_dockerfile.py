"""deploy/Dockerfile: hadolint, and everything it references exists in the project."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.deploy.project import DEPLOY, REPO, known_env_names, tool, under, writable_paths
from tipline.schemas.config import load_config

DOCKERFILE = DEPLOY / "Dockerfile"


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    lines: list[str] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        lines.append(pending + line)
        pending = ""
    return [(ln.split(None, 1)[0].upper(), ln.split(None, 1)[1]) for ln in lines]


def stages(text: str) -> list[list[tuple[str, str]]]:
    out: list[list[tuple[str, str]]] = []
    for ins, args in instructions(text):
        if ins == "FROM":
            out.append([])
        if out:
            out[-1].append((ins, args))
    return out


def stage(text: str, name: str) -> list[tuple[str, str]]:
    """The instructions of the stage ``FROM … AS name``."""
    for found in stages(text):
        if found[0][1].endswith(f" AS {name}"):
            return found
    raise AssertionError(f"no stage {name}")


@pytest.fixture(scope="module")
def text() -> str:
    return DOCKERFILE.read_text(encoding="utf-8")


def test_hadolint_passes() -> None:
    result = subprocess.run(  # noqa: PLW1510 (the return code is asserted)
        [tool("hadolint"), "--no-color", str(DOCKERFILE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_catches_a_bad_dockerfile(tmp_path: Path) -> None:
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN apt-get install curl\nUSER root\n")
    result = subprocess.run(
        [tool("hadolint"), str(bad)], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "DL3007" in result.stdout  # latest tag


def test_multi_stage_with_a_pinned_slim_base(text: str) -> None:
    arg = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", text, re.MULTILINE)
    assert arg, "the base image is an ARG with a pinned default"
    assert re.fullmatch(r"python:3\.11\.\d+-slim-bookworm(@sha256:[0-9a-f]{64})?", arg.group(1))
    rust = re.search(r"^ARG RUST_IMAGE=(\S+)$", text, re.MULTILINE)
    assert rust, "the Rust toolchain image is an ARG with a pinned default"
    assert re.fullmatch(r"rust:\d+\.\d+\.\d+-slim-bookworm(@sha256:[0-9a-f]{64})?", rust.group(1))
    froms = [args for ins, args in instructions(text) if ins == "FROM"]
    assert froms == [
        "${RUST_IMAGE} AS rust",
        "${PYTHON_IMAGE} AS builder",
        "${PYTHON_IMAGE} AS final",
    ]


def test_builder_builds_the_png_decoder_from_the_locked_crates(text: str) -> None:
    builder = stage(text, "builder")
    copied = [s for ins, args in builder if ins == "COPY" for s in args.split()[:-1]]
    for needed in ("Cargo.toml", "Cargo.lock", "pyproject.toml", "src/"):
        assert f"native/pngreduce/{needed}" in copied
    assert "native/pngreduce/target" not in " ".join(copied), "no local build cache in the image"
    runs = [args for ins, args in builder if ins == "RUN"]
    assert any(
        "pip install -c constraints.txt ./native/pngreduce" in r and "import tipline_png" in r
        for r in runs
    )
    # the toolchain comes from the rust stage and stays out of the final image
    assert ("COPY", "--from=rust /usr/local/cargo /usr/local/cargo") in builder
    assert not any("rust" in args for ins, args in stage(text, "final") if ins == "COPY")


def test_final_stage_has_no_build_tools_runs_as_non_root(text: str) -> None:
    final = stages(text)[-1]
    runs = " ".join(args for ins, args in final if ins == "RUN")
    assert "apt-get install" not in runs
    assert "pip install" not in runs
    users = [args for ins, args in final if ins == "USER"]
    assert users and users[-1].split(":")[0] not in ("0", "root")
    copies = [args for ins, args in final if ins == "COPY" and args.startswith("--from")]
    assert copies == ["--from=builder /opt/venv /opt/venv"]


def test_entrypoint_healthcheck_and_volumes(text: str) -> None:
    final = dict((ins, args) for ins, args in stages(text)[-1])
    assert json.loads(final["ENTRYPOINT"]) == ["tipline"]
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["tipline"] == "tipline.cli.main:main"
    assert "9100/healthz" in final["HEALTHCHECK"]
    volumes = json.loads(final["VOLUME"])
    for needed in ("recovery", "data", "tmp", "vault"):
        assert f"/var/lib/tipline/{needed}" in volumes


def test_cmd_config_is_copied_and_its_writable_paths_are_volumes(text: str) -> None:
    final = stages(text)[-1]
    cmd = json.loads(dict(final)["CMD"])
    config_path = cmd[cmd.index("--config") + 1]
    copied = {args.split()[-1]: args.split()[0] for ins, args in final if ins == "COPY"}
    cfg = load_config(REPO / copied[config_path])
    volumes = json.loads(dict(final)["VOLUME"])
    for key, path in writable_paths(cfg).items():
        assert under(path, volumes), f"{key} = {path!r} is not on a volume {volumes}"
    env = dict(final)["ENV"]
    for var in ("HOME", "TMPDIR", "MPLCONFIGDIR"):
        value = re.search(rf"{var}=(\S+)", env)
        assert value and under(value.group(1), volumes), var


def test_every_copy_source_exists(text: str) -> None:
    for ins, args in instructions(text):
        if ins != "COPY" or args.startswith("--from"):
            continue
        for source in args.split()[:-1]:
            assert (REPO / source).exists(), f"COPY {source}: not in the project"


def test_builder_copies_every_package_pyproject_installs(text: str) -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert pyproject["tool"]["setuptools"]["packages"]["find"]["include"] == [
        "tipline",
        "tipline.*",
    ]
    copied = {args.split()[0].rstrip("/") for ins, args in stage(text, "builder") if ins == "COPY"}
    # tipline/ links every layer in, so the builder needs the links and their targets.
    layers = {p.resolve().name for p in (REPO / "tipline").iterdir() if p.is_symlink()}
    for name in {"tipline", *layers}:
        assert name in copied, f"{name}/ is not copied into the builder"
    assert {"pyproject.toml", "constraints.txt"} <= {
        s for ins, args in stage(text, "builder") if ins == "COPY" for s in args.split()[:-1]
    }


def test_env_names_are_ones_the_project_reads(text: str) -> None:
    known = known_env_names(load_config(REPO / "config/production.example.toml"))
    for ins, args in instructions(text):
        if ins == "ENV":
            for name in re.findall(r"(?:^|\s)([A-Z][A-Z0-9_]*)=", args):
                assert name in known, f"ENV {name} is read by nothing in the project"
