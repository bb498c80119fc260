"""FakeOpenAIServer: a scripted stand-in for an OpenAI-compatible LLM server, on loopback.

It is a fake, named as one: it speaks the real wire format (/v1/chat/completions, JSON or
server-sent events when asked to stream) so the project's real client code runs against it, but
its replies are whatever the test scripts. It records every request it receives.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Script = Callable[[dict], str]
VERIFY_MARK = "You check claims against the source sentences"  # qa/prompts.py VERIFY_SYSTEM


def claims_in(request: dict) -> list[str]:
    """The claims of a verification request, in order."""
    return [json.loads(c) for c in re.findall(r'^Claim \d+: (".*")$', request["messages"][-1]["content"], re.M)]


def is_verification(request: dict) -> bool:
    return request["messages"][0]["content"].startswith(VERIFY_MARK)


def passages_in(request: dict) -> dict[int, str]:
    """The numbered passage texts of an answer prompt, as the model would read them."""
    prompt = request["messages"][-1]["content"]
    return {int(n): json.loads(text) for n, text in
            re.findall(r'^\[(\d+)\] title: .*?\n\s+date: .*?\n\s+text: (".*")$', prompt, re.M)}


class FakeOpenAIServer:
    def __init__(self):
        self.requests: list[dict] = []
        self.script: Script = lambda request: "The articles do not say."
        # The model's own check of a claim (verification requests): a strong model's verdict.
        self.verdict: Callable[[str], bool] = lambda claim: True
        self.delay = 0.0  # seconds before answering: a slow model
        self.status = 200  # e.g. 429 for a rate limit
        self.malformed = False  # reply with a body that is not the API's JSON
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(body)
                time.sleep(server.delay)
                try:
                    self._reply(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting, as it should with a slow model

            def _reply(self, body):
                if server.status != 200:
                    self._send(server.status, {"error": {"message": "rate limit", "type": "rate_limit"}})
                elif server.malformed and body.get("stream"):
                    self._stream_raw("data: <html>502 Bad Gateway</html>\n\n")
                elif server.malformed:
                    self._send(200, "<html>502 Bad Gateway</html>")
                elif body.get("stream"):
                    self._stream(server.script(body))
                elif is_verification(body):
                    self._send(200, _completion("\n".join(
                        f"{n}: {'yes' if server.verdict(claim) else 'no'}"
                        for n, claim in enumerate(claims_in(body), 1))))
                else:
                    self._send(200, _completion(server.script(body)))

            def _send(self, status, payload):
                data = (payload if isinstance(payload, str) else json.dumps(payload)).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, text: str):
                # word by word, as tokens come
                events = [f"data: {json.dumps(_chunk(piece))}\n\n" for piece in re.findall(r"\S+\s*|\s+", text)]
                self._stream_raw(*events, f"data: {json.dumps(_chunk('', 'stop'))}\n\n", "data: [DONE]\n\n")

            def _stream_raw(self, *events: str):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for event in events:
                    self.wfile.write(event.encode())
                    self.wfile.flush()

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()


def _completion(text: str) -> dict:
    return {"id": "fake", "object": "chat.completion", "created": 0, "model": "fake",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


def _chunk(text: str, finish: str | None = None) -> dict:
    return {"id": "fake", "object": "chat.completion.chunk", "created": 0, "model": "fake",
            "choices": [{"index": 0, "delta": {"role": "assistant", "content": text},
                         "finish_reason": finish}]}
