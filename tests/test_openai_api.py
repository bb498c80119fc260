"""`qa serve` as an OpenAI-compatible model, driven by the official `openai` package: answers with
citations and footnotes, streaming, follow-ups, refusals, keys, bad requests and many clients."""

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import openai
import pytest
from pydantic import SecretStr

from qa import REFUSAL
from servers import free_port, serving
from ui import openai_api

KEY = "sk-test-3f9a"


@pytest.fixture(scope="module")
def keyed(seed_settings, seed_index):
    with serving(seed_settings.model_copy(update={"api_key": SecretStr(KEY)})) as url:
        yield url


def client(url: str, key: str = KEY) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{url}v1", api_key=key, max_retries=0, timeout=120)


def ask(url: str, *messages: str, **kwargs):
    roles = ["user", "assistant"] * len(messages)
    return client(url).chat.completions.create(
        model="seed-qa", messages=[{"role": r, "content": m} for r, m in zip(roles, messages)], **kwargs)


def test_models_lists_seed_qa(keyed):
    assert [m.id for m in client(keyed).models.list()] == ["seed-qa"]


def test_a_cited_answer_with_footnotes_and_the_full_answer_alongside(keyed):
    reply = ask(keyed, "Why did Ant halt?")
    text, full = reply.choices[0].message.content, reply.model_extra["seed_qa"]
    assert reply.choices[0].finish_reason == "stop" and not full["abstained"]
    first = full["citations"][0]
    assert text.startswith(full["answer"]) and "[1]" in full["answer"]
    assert f"\n\n[1] {first['title']} (19 October 2025), 004_f3017f71133a5652.txt:{first['start']}-{first['end']}: “" \
        in text
    assert {"source", "start", "end", "text", "date"} <= set(first) and full["sentences"][0]["verified"]


def test_streamed_chunks_add_up_to_the_answer_and_end_with_the_full_answer(keyed):
    whole = ask(keyed, "What did JD.com plan to do in Hong Kong?").choices[0].message.content
    chunks = list(ask(keyed, "What did JD.com plan to do in Hong Kong?", stream=True))
    pieces = [c.choices[0].delta.content or "" for c in chunks if c.choices]
    assert "".join(pieces) == whole and len([p for p in pieces if p]) > 2  # sentence by sentence
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["seed_qa"]["answer"] in whole


def test_a_follow_up_is_answered_with_its_history(keyed):
    first = ask(keyed, "Why did Ant halt its stablecoin plans?").choices[0].message.content
    reply = ask(keyed, "Why did Ant halt its stablecoin plans?", first, "and what did JD.com plan?")
    asked = reply.model_extra["seed_qa"]["question"]
    assert "JD.com" in asked and "stablecoin" in asked and asked != "and what did JD.com plan?"
    assert not reply.model_extra["seed_qa"]["abstained"]


def test_a_refusal_is_an_ordinary_answer(keyed):
    reply = ask(keyed, "Who is the CEO of Tesla?")
    assert reply.choices[0].message.content.startswith(REFUSAL)
    assert reply.model_extra["seed_qa"]["abstained"] and reply.model_extra["seed_qa"]["citations"] == []


def test_a_wrong_or_missing_key_is_401(keyed):
    wrong = client(keyed, "sk-wrong")
    missing = openai.OpenAI(base_url=f"{keyed}v1", api_key="unused", default_headers={"Authorization": ""},
                            max_retries=0)
    for refused_client in (wrong, missing):
        with pytest.raises(openai.AuthenticationError) as refused:
            refused_client.models.list()
        assert refused.value.status_code == 401 and "API key" in refused.value.body["message"]


@pytest.mark.parametrize("content, says", [("", "the question is empty"), ("   \x00 ", "the question is empty"),
                                           ("why " * 3000, "ask in at most 2,000")])
def test_an_empty_or_oversized_message_is_400(keyed, content, says):
    with pytest.raises(openai.BadRequestError) as refused:
        ask(keyed, content)
    assert says in refused.value.body["message"] and refused.value.body["type"] == "invalid_request_error"


def test_a_request_without_a_user_question_is_400(keyed):
    with pytest.raises(openai.BadRequestError, match="last message must be the user's question"):
        client(keyed).chat.completions.create(model="seed-qa", messages=[{"role": "system", "content": "hi"}])


def test_twenty_clients_at_once(keyed):
    questions = ["Why did Ant halt?", "What is Trusple?", "Who is the CEO of Tesla?"]

    def session(n):
        return [ask(keyed, q).model_extra["seed_qa"] for q in questions[n % 3:] + questions[:n % 3]]

    with ThreadPoolExecutor(20) as pool:
        answers = [a for done in pool.map(session, range(20)) for a in done]
    assert len(answers) == 60 and all(a["citations"] or a["abstained"] for a in answers)


def test_busy_is_429(seed_settings, seed_index, monkeypatch):
    monkeypatch.setattr(openai_api, "MAX_IN_FLIGHT", 0)
    with serving(seed_settings) as url:  # no key: loopback needs none
        with pytest.raises(openai.RateLimitError) as busy:
            ask(url, "Why did Ant halt?")
        assert busy.value.status_code == 429 and "busy" in busy.value.body["message"]


def test_a_non_local_bind_without_a_key_is_refused_at_start(fresh_settings):
    out = subprocess.run([sys.executable, "-m", "qa.cli", "serve", "--host", "0.0.0.0", "--port", str(free_port()),
                          "--auth", "ann:secret", "--index-dir", str(fresh_settings.index_dir)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and out.stderr.count("\n") == 1
    assert "--api-key KEY" in out.stderr and "--auth user:password" not in out.stderr  # the login was given
