"""Real servers for tests, started as subprocesses on loopback: ready when their log says so."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import threading
from collections.abc import Iterator


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running(command: list[str], ready: str, env: dict | None = None) -> Iterator[subprocess.Popen]:
    """Start `command`, block until a line of its output contains `ready`, stop it on exit."""
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    log = []
    try:
        for line in server.stdout:
            log.append(line)
            if ready in line:
                break
        else:
            raise RuntimeError(f"{command[0]} exited before {ready!r}:\n{''.join(log[-20:])}")
        # Keep reading its log: a full pipe would block the server.
        threading.Thread(target=server.stdout.read, daemon=True).start()
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
