"""Real servers for tests, started as subprocesses on loopback: ready when their log says so."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator


def qa_env(settings, **extra) -> dict:
    """The environment of a `qa` process that uses these settings' index, corpus and embedder."""
    return {**os.environ, "QA_INDEX_DIR": str(settings.index_dir), "QA_CORPUS_DIR": str(settings.corpus_dir),
            "QA_EMBED": settings.embed, **extra}


def accepting(port: int, within: float = 30.0) -> None:
    """Block until 127.0.0.1:`port` accepts a connection, polling (a refused connect returns at once)."""
    deadline = time.monotonic() + within
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running(command: list[str], ready: str, env: dict | None = None, port: int | None = None
            ) -> Iterator[subprocess.Popen]:
    """Start `command`, block until a line of its output contains `ready` (and, given `port`, until
    the port accepts connections: Chroma logs "listening" just before it does), stop it on exit."""
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
        if port:
            accepting(port)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def ask_concurrently(url: str, clients: int, questions: list[str], artifact: str) -> tuple[float, float]:
    """`clients` gradio clients, each asking every question through `/ask` at once; every answer
    must be well formed. Returns (p50, p95) seconds and writes them to tests/artifacts/."""
    import statistics
    import time
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    from gradio_client import Client

    def session(_):
        client, timings = Client(url, verbose=False), []
        for question in questions:
            start = time.perf_counter()
            got = client.predict(question, api_name="/ask")
            timings.append(time.perf_counter() - start)
            assert got["question"] == question and (got["citations"] or got["abstained"])
        return timings

    with ThreadPoolExecutor(clients) as pool:
        timings = sorted(t for done in pool.map(session, range(clients)) for t in done)
    assert len(timings) == clients * len(questions)
    p50, p95 = statistics.median(timings), timings[int(0.95 * len(timings)) - 1]
    line = f"{clients} clients x {len(questions)} questions: p50 {p50:.3f} s, p95 {p95:.3f} s"
    artifacts = Path(__file__).parent / "artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / artifact).write_text(line + "\n")
    print(f"\n/ask, {line}")
    return p50, p95


@contextlib.contextmanager
def serving(settings, credentials=None, throttle=None) -> Iterator[str]:
    """`qa serve`'s HTTP app (security headers, login throttle, the Gradio UI) on a free loopback
    port in this process; yields its URL."""
    from ui.server import create_app, server

    running_server = server(create_app(settings, credentials, throttle), "127.0.0.1", free_port())
    thread = threading.Thread(target=running_server.run, daemon=True)
    thread.start()
    try:
        assert running_server.ready.wait(120), "the server did not start"
        yield f"http://127.0.0.1:{running_server.config.port}/"
    finally:
        running_server.should_exit = running_server.force_exit = True
        thread.join(30)
