"""Part C, Medium/Low findings: fail closed, one clear line, never echo a secret.

Each case runs the real ``tipline`` command line in a subprocess and checks
the exit status and the single line it prints: no traceback, no librdkafka
log spam, and the Kafka-unreachable case exits 3 (service unavailable), not
2 (config error), so an orchestrator retries it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CONFIG_ERROR, UNAVAILABLE = 2, 3


def tipline(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {
        k: v for k, v in os.environ.items() if not k.startswith("TIPLINE_") or k == "TIPLINE_RUN"
    }
    return subprocess.run(  # noqa: PLW1510 (the return code is asserted)
        [sys.executable, "-m", "tipline.cli.main", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**base, **(env or {})},
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a refusal (asserts there is no traceback)."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and not line.startswith("DEV KEY generated")  # the dev-key warning
    ]
    assert len(lines) == 1, result.stderr
    return lines[0]


def minimal(tmp_path: Path, body: str = "") -> Path:
    """A config that keeps every output under ``tmp_path``."""
    out = tmp_path / "out"
    path = tmp_path / "t.toml"
    path.write_text(
        f'[input]\npath = "{tmp_path / "events"}"\n'
        f'[dead_letters]\npath = "{out / "dlq"}"\n'
        f'[alerts]\npath = "{out / "alerts"}"\n'
        f'[lake]\npath = "{out / "lake"}"\n'
        f'[recovery]\npath = "{out / "recovery"}"\n'
        f'[evidence]\npath = "{out / "vault"}"\n'
        f'[reports]\npath = "{out / "reports"}"\n'
        "[hashing]\nlists = []\n" + body
    )
    (tmp_path / "events").mkdir(exist_ok=True)
    return path


# ------------------------------------------------------------------ the config file itself


def test_a_config_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'[job]\nname = "caf\xe9"\n')
    result = tipline("validate-config", str(path))
    assert result.returncode == CONFIG_ERROR
    assert one_line(result).endswith("is not UTF-8 text (byte 17 cannot be decoded)")


def test_a_config_path_that_is_a_directory_is_one_line(tmp_path: Path) -> None:
    result = tipline("validate-config", str(tmp_path))
    assert result.returncode == CONFIG_ERROR
    assert one_line(result) == (
        f"config error: config path {str(tmp_path)!r} is a directory (expected a TOML file)"
    )


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        (
            '[evidence.keys]\nmaster_key = "c2VjcmV0LWtleS1tYXRlcmlhbA=="\n',
            "evidence.keys.master_key",
        ),
        ('[kafka.settings]\n"sasl.password" = "hunter2"\n', "kafka.settings.sasl.password"),
        ('[reports]\napi_token = "abc123"\n', "reports.api_token"),
    ],
)
def test_a_secret_written_in_the_config_is_refused_without_echoing_it(
    tmp_path: Path, toml: str, key: str
) -> None:
    path = tmp_path / "secret.toml"
    path.write_text(toml)
    result = tipline("validate-config", str(path))
    assert result.returncode == CONFIG_ERROR
    line = one_line(result)
    assert f"{key}: a secret written in the config file" in line
    value = toml.split('= "')[1].split('"', maxsplit=1)[0]
    assert value not in result.stderr + result.stdout


def test_secret_env_names_are_not_secrets(tmp_path: Path) -> None:
    path = tmp_path / "names.toml"
    path.write_text(
        '[kafka.secret_env]\n"sasl.password" = "KAFKA_SASL_PASSWORD"\n'
        '[evidence.keys]\nmaster_key_env = "TIPLINE_MASTER_KEY"\n'
    )
    assert tipline("validate-config", str(path)).returncode == 0


# ------------------------------------------------------------------ production profile


def test_an_empty_config_in_production_profile_refuses_to_start(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("")
    result = tipline("run", "--config", str(path), "--profile", "production")
    assert result.returncode == CONFIG_ERROR
    line = one_line(result)
    for expected in (
        "job.profile 'production' refuses to start",
        "hashing.lists is empty",
        "hashing.file_roots is not set",
        "recovery.enabled is false",
        "evidence.keys.allow_dev_keys is true",
        "evidence.access.operators is empty",
    ):
        assert expected in line


def test_production_profile_refuses_dev_keys_and_an_unsigned_role_policy(tmp_path: Path) -> None:
    path = minimal(tmp_path)
    text = path.read_text().replace("[hashing]\nlists = []\n", "")
    text = text.replace(f'[recovery]\npath = "{tmp_path / "out" / "recovery"}"\n', "")
    known = REPO / "demo-data" / "hashlists" / "known.csv"
    text += (
        '[job]\nprofile = "production"\n'
        f'[recovery]\nenabled = true\npath = "{tmp_path / "out" / "recovery"}"\n'
        f'[[hashing.lists]]\nname = "known"\npath = "{known}"\n'
        "[hashing]\nfile_roots = []\n"
        "[evidence.keys]\nallow_dev_keys = false\n"
        '[evidence.access]\noperators = { "a" = ["viewer"] }\n'
    )
    path.write_text(text)
    no_keys = tipline("run", "--config", str(path))
    assert no_keys.returncode == CONFIG_ERROR
    assert "TIPLINE_MASTER_KEY and $TIPLINE_SIGNING_KEY unset" in one_line(no_keys)
    keys = {
        "TIPLINE_MASTER_KEY": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        "TIPLINE_SIGNING_KEY": "HyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4=",
    }
    unsigned = tipline("run", "--config", str(path), env=keys)
    assert unsigned.returncode == CONFIG_ERROR
    assert "no role policy signed by its pinned key" in one_line(unsigned)
    assert keys["TIPLINE_MASTER_KEY"] not in unsigned.stderr


# ------------------------------------------------------------------ paths, ports and Kafka


def test_an_unwritable_recovery_path_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    path = minimal(tmp_path, f'[recovery]\nenabled = true\npath = "{blocker / "rec"}"\n')
    path.write_text(
        path.read_text().replace(f'[recovery]\npath = "{tmp_path / "out" / "recovery"}"\n', "")
    )
    result = tipline("run", "--config", str(path))
    assert result.returncode == CONFIG_ERROR
    assert f"recovery.path {str(blocker / 'rec')!r} cannot be written" in one_line(result)


def test_an_unwritable_vault_path_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    path = minimal(tmp_path)
    path.write_text(path.read_text().replace(str(tmp_path / "out" / "vault"), str(blocker)))
    result = tipline("run", "--config", str(path))
    assert result.returncode == CONFIG_ERROR
    assert f"evidence.path {str(blocker)!r} cannot be written" in one_line(result)


def test_a_missing_input_path_is_one_line(tmp_path: Path) -> None:
    path = minimal(tmp_path)
    (tmp_path / "events").rmdir()
    result = tipline("run", "--config", str(path))
    assert result.returncode == CONFIG_ERROR
    assert f"input.path {str(tmp_path / 'events')!r} does not exist" in one_line(result)


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        yield sock.getsockname()[1]


def test_a_metrics_port_in_use_is_one_line(tmp_path: Path, busy_port: int) -> None:
    path = minimal(tmp_path, f"[metrics]\nport = {busy_port}\n")
    result = tipline("run", "--config", str(path))
    assert result.returncode == CONFIG_ERROR
    assert f"metrics.port {busy_port} on 127.0.0.1 is in use" in one_line(result)


def test_unreachable_kafka_is_one_line_and_not_a_config_error(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    path = minimal(
        tmp_path,
        f'[kafka]\nbrokers = ["127.0.0.1:{port}"]\n',
    )
    path.write_text(path.read_text().replace("[input]\n", '[input]\nkind = "kafka"\n'))
    result = tipline("run", "--config", str(path))
    assert result.returncode == UNAVAILABLE
    line = one_line(result)  # librdkafka's own connection logs are silenced
    assert line.startswith(f"unavailable: kafka.brokers ['127.0.0.1:{port}']: no answer")
