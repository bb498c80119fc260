"""The HTTP server behind `qa serve`: the Gradio app and the OpenAI-compatible /v1 API on one
FastAPI app of our own, so that every response carries security headers and failed logins (and
wrong API keys) are slowed down per client."""

from __future__ import annotations

import socket
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

import gradio as gr
import uvicorn
from fastapi import FastAPI

from qa.errors import SeedQAError
from qa.pipeline import open_index
from qa.settings import Settings
from ui import documents
from ui.access import check_bind
from ui.app import CSS, HEAD, THEME, build
from ui.openai_api import ChatCompletions

SECURITY_HEADERS = [
    (b"x-frame-options", b"DENY"),  # no clickjacking: the page is never framed
    (b"content-security-policy", b"frame-ancestors 'none'; object-src 'none'; base-uri 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every HTTP response (streams included)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in present]
            await send(message)

        return await self.app(scope, receive, send_with_headers)


class LoginThrottle:
    """Failed logins per client address: the first FREE_TRIES are answered at once; after that a
    client must wait 1, 2, 4 ... seconds (at most MAX_WAIT) since its last failure, and is told
    so with 429 and Retry-After without its password being checked. A success forgets it."""

    FREE_TRIES = 5
    MAX_WAIT = 300.0
    CLIENTS = 10_000  # remembered at most; the oldest are forgotten first

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Seconds before `client` may try again (0: now)."""
        with self._lock:
            count, last = self._failures.get(client, (0, 0.0))
        if count < self.FREE_TRIES:
            return 0.0
        return max(0.0, last + min(2.0 ** (count - self.FREE_TRIES), self.MAX_WAIT) - self.clock())

    def failed(self, client: str) -> None:
        with self._lock:
            count, _ = self._failures.pop(client, (0, 0.0))
            self._failures[client] = (count + 1, self.clock())
            while len(self._failures) > self.CLIENTS:
                self._failures.popitem(last=False)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)


class ThrottledLogin:
    """ASGI middleware applying a LoginThrottle to Gradio's POST /login."""

    def __init__(self, app, throttle: LoginThrottle):
        self.app, self.throttle = app, throttle

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"].rstrip("/") != "/login":
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.throttle.wait(client)
        if wait > 0:
            body = b'{"detail": "Too many failed logins: wait before trying again."}'
            await send({"type": "http.response.start", "status": 429,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"retry-after", str(int(wait) + 1).encode())]})
            return await send({"type": "http.response.body", "body": body})

        async def note_outcome(message):
            if message["type"] == "http.response.start":
                if message["status"] in (400, 401):
                    self.throttle.failed(client)
                elif message["status"] < 400:
                    self.throttle.succeeded(client)
            await send(message)

        return await self.app(scope, receive, note_outcome)


def create_app(settings: Settings, credentials: tuple[str, str] | None,
               throttle: LoginThrottle | None = None) -> FastAPI:
    throttle = throttle or LoginThrottle()
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    app.add_middleware(ThrottledLogin, throttle=throttle)
    app.add_middleware(SecurityHeaders)
    app.include_router(ChatCompletions(settings, open_index(settings), throttle).router())  # before "/"
    return gr.mount_gradio_app(app, build(settings), path="/", auth=credentials, show_error=False,
                               max_file_size=int(settings.max_upload_mb * 1_000_000), theme=THEME,
                               css=CSS, head=HEAD, footer_links=["api"])


class Server(uvicorn.Server):
    """uvicorn, saying when it listens: on standard output for people and scripts, and through
    `ready` for a test that runs it in a thread."""

    def __init__(self, config: uvicorn.Config):
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets)
        if self.started:
            print(f"Running on local URL:  http://{self.config.host}:{self.config.port}", flush=True)
            self.ready.set()


def server(app: FastAPI, host: str, port: int) -> Server:
    return Server(uvicorn.Config(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5))


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860, no_auth: bool = False,
          watch: bool = False, report: Callable[[str], None] = print) -> None:
    """Check the bind and the port, bring the index up to date with the corpus and uploads
    (files saved before a crash included), then serve until interrupted."""
    auth = settings.auth.get_secret_value() if settings.auth else None
    key = settings.api_key.get_secret_value() if settings.api_key else None
    credentials = check_bind(host, auth, no_auth, key)  # before loading anything
    _check_port(host, port)
    settings.corpus_paths()  # a missing corpus folder is said before anything is created
    index = open_index(settings, build_if_empty=False)
    settings.upload_dir.mkdir(parents=True, exist_ok=True)
    caught_up = documents.catch_up(index, settings)
    for line in caught_up.warnings:
        report(f"qa: warning: {line}")
    report(f"qa: index {settings.index_dir}: {caught_up.summary()}")
    app = create_app(settings, credentials)
    stop = threading.Event()
    if watch:
        threading.Thread(target=documents.watch, args=(index, settings, stop, report), daemon=True,
                         name="watch").start()
        report(f"qa: watching {', '.join(str(p) for p in settings.corpus_paths())} for changes")
    try:
        server(app, host, port).run()
    finally:
        stop.set()


def _check_port(host: str, port: int) -> None:
    """Refuse a port in use with a clear line, before minutes of loading."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise SeedQAError(f"cannot listen on {host}: {e.strerror}") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as e:
            raise SeedQAError(f"cannot listen on {host}:{port}: {e.strerror} "
                              "(is another qa serve running? choose another port with --port)") from None
