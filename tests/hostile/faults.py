"""Fault injectors shared by the fault tests: a disk that is full on demand, tiny tmpfs mounts."""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tipline.sinks.lake import write_lake_file


class FullDisk:
    """A lake writer raising ENOSPC while ``full`` is set or for its first ``fail_first`` calls.

    It replaces :func:`tipline.sinks.lake.write_lake_file` through the sink's ``writer``
    parameter (no patching); otherwise it writes for real.
    """

    def __init__(self, *, fail_first: int = 0) -> None:
        self.full = threading.Event()
        self.fail_first = fail_first
        self.calls = 0
        self.failures = 0

    def __call__(
        self, root: Path, name: str, rows: list[object], *args: object, **kw: object
    ) -> list[Path]:
        self.calls += 1
        if self.full.is_set() or self.calls <= self.fail_first:
            self.failures += 1
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return write_lake_file(root, name, rows, *args, **kw)  # type: ignore[arg-type]


def can_mount() -> bool:
    """Whether this process may mount a tmpfs (root in a permissive container)."""
    return os.geteuid() == 0


@contextmanager
def tiny_tmpfs(where: Path, size: str = "512k") -> Iterator[Path]:
    """Mount a tmpfs of ``size`` at ``where``; skip the test when mounting is not permitted."""
    where.mkdir(parents=True, exist_ok=True)
    if not can_mount():
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"mount -t tmpfs not permitted here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


def fill(folder: Path) -> list[Path]:
    """Fill the file system of ``folder`` until ENOSPC; return the filler files."""
    fillers = []
    for n, size in enumerate((65536, 512, 1)):
        path = folder / f"filler-{n}.bin"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while True:
                os.write(fd, b"\0" * size)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        finally:
            os.close(fd)
        fillers.append(path)
    return fillers


def closed_port() -> int:
    """A local TCP port with nothing listening (bound once, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class TcpProxy:
    """A TCP forwarder in front of a real server that a test can cut and restore (an outage)."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self._target = (target_host, target_port)
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = int(self._listener.getsockname()[1])
        self._up = threading.Event()
        self._up.set()
        self._conns: list[object] = []
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def down(self) -> None:
        """Refuse new connections and reset the open ones."""
        self._up.clear()
        with self._lock:
            for conn in self._conns:
                with contextlib.suppress(OSError):
                    conn.close()  # type: ignore[attr-defined]
            self._conns.clear()

    def up(self) -> None:
        self._up.set()

    def close(self) -> None:
        self._closed = True
        self.down()
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if not self._up.is_set():
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
                client.close()  # an RST: "connection reset"
                continue
            try:
                server = socket.create_connection(self._target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._conns += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, src: object, dst: object) -> None:
        try:
            while True:
                data = src.recv(65536)  # type: ignore[attr-defined]
                if not data:
                    break
                dst.sendall(data)  # type: ignore[attr-defined]
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.close()  # type: ignore[attr-defined]
