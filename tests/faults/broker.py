"""A private Kafka broker for outage tests (never the shared one).

``deploy/kafka.sh`` started with its own ``TIPLINE_RUN`` folder and free
ports; stopping it (by its pid file) leaves the shared broker alone.
"""

from __future__ import annotations

import os
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.support import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PrivateBroker:
    run_dir: Path
    port: int
    controller_port: int

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _script(self, action: str) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "TIPLINE_RUN": str(self.run_dir),
            "KAFKA_PORT": str(self.port),
            "KAFKA_CONTROLLER_PORT": str(self.controller_port),
            "KAFKA_HEAP": "256m",
        }
        return subprocess.run(
            ["bash", str(REPO / "deploy" / "kafka.sh"), action],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    def start(self) -> str:
        done = self._script("start")
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout.strip().splitlines()[-1]

    def stop(self) -> None:
        self._script("stop")


def private_broker(tmp: Path) -> PrivateBroker:
    return PrivateBroker(run_dir=tmp / "run", port=free_port(), controller_port=free_port())
