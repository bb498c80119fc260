"""Seed QA as an OpenAI-compatible model: `GET /v1/models` and `POST /v1/chat/completions`
(streamed as server-sent events, or not), so any chat client (the `openai` package, Open WebUI,
curl) can ask the articles. The reply is the answer with its [n] markers and the sources as
footnotes; the whole `Answer.to_dict()` travels in the extra field `seed_qa`."""

from __future__ import annotations

import hmac
import itertools
import json
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.concurrency import iterate_in_threadpool, run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse

from index.corpus import CorpusIndex
from qa.conversation import HISTORY_TURNS, Assistant
from qa.errors import QuestionError, SeedQAError, describe_unexpected, log_unexpected
from qa.settings import Settings
from qa.text import human_date
from qa.types import Answer

MODEL = "seed-qa"
MAX_BODY_BYTES = 1_000_000
MAX_MESSAGES = 200
# Requests answered or waiting at once; one more is told to come back (429). An answer costs
# about 50 ms of CPU, so 64 waiting is a few seconds of work.
MAX_IN_FLIGHT = 64


class ApiError(Exception):
    """An error in OpenAI's shape: {"error": {"message", "type", "param", "code"}}."""

    TYPES = {400: "invalid_request_error", 401: "invalid_api_key", 404: "not_found_error",
             429: "rate_limit_exceeded", 500: "server_error", 503: "server_error"}

    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}

    def response(self) -> JSONResponse:
        kind = self.TYPES.get(self.status, "invalid_request_error")
        return JSONResponse({"error": {"message": self.message, "type": kind, "param": None, "code": kind}},
                            status_code=self.status, headers=self.headers)


def reply_text(answer: Answer) -> str:
    """The answer as a chat client shows it: the text with its [n] markers, then each source as a
    footnote line (title, date, file and offsets, the cited sentence)."""
    return answer.text + footnotes(answer)


def footnotes(answer: Answer) -> str:
    lines = []
    for c in answer.citations:
        date = human_date(c.date) if c.date else "undated"
        quote = " ".join(c.text.split())
        lines.append(f"[{c.n}] {c.title} ({date}), {Path(c.source).name}:{c.start}-{c.end}: “{quote}”")
    return "\n\n" + "\n\n".join(lines) if lines else ""


def _text_of(content) -> str:
    """A message's text: a string, or OpenAI's list of parts (only text parts are read)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text")
    if content is None:
        return ""
    raise ApiError(400, "message content must be a string or a list of text parts")


def parse(body: dict) -> tuple[str, list[tuple[str, str]], bool]:
    """(question, earlier (question, reply) turns, stream) from a chat completion request."""
    if not isinstance(body, dict):
        raise ApiError(400, "the request body must be a JSON object")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise ApiError(400, "'messages' must be a non-empty list")
    if len(messages) > MAX_MESSAGES:
        raise ApiError(400, f"at most {MAX_MESSAGES} messages")
    if not all(isinstance(m, dict) for m in messages):
        raise ApiError(400, "each message must be an object with 'role' and 'content'")
    last = messages[-1]
    if last.get("role") != "user":
        raise ApiError(400, "the last message must be the user's question")
    turns, question = [], None
    for m in messages[:-1]:  # system prompts are the client's business: the articles answer
        if m.get("role") == "user":
            question = _text_of(m.get("content"))
        elif m.get("role") == "assistant" and question:
            turns.append((question, _text_of(m.get("content"))))
            question = None
    return _text_of(last.get("content")), turns, bool(body.get("stream", False))


class ChatCompletions:
    """The /v1 routes over one index; access as the UI's: loopback needs nothing, a key when set."""

    def __init__(self, settings: Settings, index: CorpusIndex, throttle):
        self.settings, self.index, self.throttle = settings, index, throttle
        self.key = settings.api_key.get_secret_value() if settings.api_key else None
        self._slots = threading.BoundedSemaphore(MAX_IN_FLIGHT)

    def router(self) -> APIRouter:
        router = APIRouter(prefix="/v1")
        router.add_api_route("/models", self.models, methods=["GET"])
        router.add_api_route("/chat/completions", self.completions, methods=["POST"])
        return router

    def _check_key(self, request: Request) -> None:
        if self.key is None:
            return
        client = request.client.host if request.client else "unknown"
        wait = self.throttle.wait(client)
        if wait > 0:
            raise ApiError(429, "too many failed keys: wait before trying again",
                           {"Retry-After": str(int(wait) + 1)})
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), self.key.encode()):
            self.throttle.failed(client)
            raise ApiError(401, "missing or wrong API key: send Authorization: Bearer <QA_API_KEY>")
        self.throttle.succeeded(client)

    async def models(self, request: Request):
        try:
            self._check_key(request)
        except ApiError as e:
            return e.response()
        return {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "seed-qa"}]}

    async def completions(self, request: Request):
        try:
            self._check_key(request)
            raw = await request.body()
            if len(raw) > MAX_BODY_BYTES:
                raise ApiError(400, f"the request is over {MAX_BODY_BYTES // 1_000_000} MB")
            try:
                body = json.loads(raw)
            except (ValueError, UnicodeDecodeError):
                raise ApiError(400, "the request body is not valid JSON") from None
            question, turns, streaming = parse(body)
            if not self._slots.acquire(blocking=False):
                raise ApiError(429, "busy: too many questions at once, try again shortly", {"Retry-After": "1"})
            try:
                chat = await run_in_threadpool(self._conversation, turns)
                answer_stream = await run_in_threadpool(chat.stream, question)
            except BaseException:
                self._slots.release()
                raise
        except ApiError as e:
            return e.response()
        except QuestionError as e:
            return ApiError(400, str(e)).response()
        except SeedQAError as e:
            return ApiError(503, str(e)).response()
        except Exception as e:  # noqa: BLE001 - a bug: OpenAI's error shape, details in the log
            return ApiError(500, describe_unexpected(e, log_unexpected(e, "/v1/chat/completions"))).response()
        created, ident = int(time.time()), f"chatcmpl-{uuid.uuid4().hex}"
        if streaming:
            events = self._events(answer_stream, created, ident)
            # Started here, so that its `finally` gives the slot back even if the client is gone
            # before the first byte.
            first = next(events)
            return StreamingResponse(iterate_in_threadpool(itertools.chain([first], events)),
                                     media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
        try:
            answer = await run_in_threadpool(lambda: answer_stream.answer)
        except SeedQAError as e:
            return ApiError(503, str(e)).response()
        except Exception as e:  # noqa: BLE001
            return ApiError(500, describe_unexpected(e, log_unexpected(e, "/v1/chat/completions"))).response()
        finally:
            self._slots.release()
        return {"id": ident, "object": "chat.completion", "created": created, "model": MODEL,
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": reply_text(answer)}}],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                "seed_qa": answer.to_dict()}

    def _conversation(self, turns: list[tuple[str, str]]) -> Assistant:
        chat = Assistant(self.settings, self.index)
        for question, reply in turns[-HISTORY_TURNS:]:  # enough to resolve a follow-up
            chat.remember(question, reply)
        return chat

    def _events(self, answer_stream, created: int, ident: str) -> Iterator[str]:
        """Server-sent events as OpenAI sends them, one checked sentence per chunk, then the
        footnotes, then a last chunk with the whole answer in `seed_qa`."""

        def chunk(delta: dict, finish: str | None = None, **extra) -> str:
            data = {"id": ident, "object": "chat.completion.chunk", "created": created, "model": MODEL,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
            return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

        try:
            yield chunk({"role": "assistant", "content": ""})
            try:
                for piece in answer_stream:  # checked sentences only: nothing sent is taken back
                    yield chunk({"content": piece})
                answer = answer_stream.answer
                yield chunk({"content": footnotes(answer)})
                yield chunk({}, "stop", seed_qa=answer.to_dict())
            except Exception as e:  # noqa: BLE001 - mid-stream: the error as a last event
                message = str(e) if isinstance(e, SeedQAError) else describe_unexpected(
                    e, log_unexpected(e, "/v1/chat/completions stream"))
                yield f"data: {json.dumps({'error': {'message': message, 'type': 'server_error'}})}\n\n"
            yield "data: [DONE]\n\n"
        finally:
            self._slots.release()
