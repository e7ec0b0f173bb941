"""The wheel holds one top-level package, ``tipline``, and every layer under it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.deploy.project import REPO

LAYERS = ("schemas", "operators", "sinks", "clients", "services", "flows", "cli", "synth")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(REPO), "-w", str(out)],
        check=True,
        cwd=build,
        capture_output=True,
    )
    (path,) = out.glob("tipline-*.whl")
    return zipfile.ZipFile(path)


def test_the_only_top_level_package_is_tipline(wheel: zipfile.ZipFile) -> None:
    tops = {name.split("/")[0] for name in wheel.namelist()}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"tipline"}


def test_every_layer_is_inside_the_package(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for layer in LAYERS:
        assert f"tipline/{layer}/__init__.py" in names, layer
    assert "tipline/operators/report/cybertipline.xsd" in names


def test_the_review_console_ships_its_templates_and_stylesheet(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for page in ("base", "login", "queue", "case", "error"):
        assert f"tipline/cli/review/templates/{page}.html" in names, page
    assert "tipline/cli/review/static/console.css" in names


def test_the_base_config_ships_in_the_package(wheel: zipfile.ZipFile) -> None:
    """Overlays that say ``extends = "tipline:base.toml"`` find their base in the wheel."""
    shipped = wheel.read("tipline/schemas/base.toml")
    assert shipped == (REPO / "config" / "base.toml").read_bytes()


def test_the_default_config_ships_in_the_wheel(wheel: zipfile.ZipFile) -> None:
    """`pip install` users get a working default (tipline.cli.config_path)."""
    shipped = wheel.read("tipline/_config/default.toml")
    assert shipped == (REPO / "config" / "default.toml").read_bytes()


def test_benchmark_only_dependencies_are_an_extra(wheel: zipfile.ZipFile) -> None:
    (meta,) = (n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    requires = [
        line.removeprefix("Requires-Dist: ")
        for line in wheel.read(meta).decode().splitlines()
        if line.startswith("Requires-Dist: ")
    ]
    runtime = {r.split(";")[0].strip() for r in requires if "extra ==" not in r}
    assert not runtime & {"psutil", "matplotlib", "faiss-cpu", "py-spy"}
    assert 'psutil; extra == "bench"' in requires


def test_the_layers_link_into_the_package_in_the_work_tree() -> None:
    for layer in LAYERS:
        link = REPO / "tipline" / layer
        assert link.is_symlink(), layer
        assert link.resolve() == (REPO / layer).resolve()
    assert Path(__file__).resolve().is_relative_to(REPO)
