"""The optional generator: a llama-index LLM built from the settings (QA_LLM and friends).

Each provider's integration is an optional extra of the package, imported only when chosen, so
the default install stays lean and a missing extra is a one-line message saying what to install.
"""

from __future__ import annotations

import importlib
import os
import threading
from pathlib import Path

from qa.errors import SeedQAError
from qa.settings import Settings

OLLAMA_URL = "http://localhost:11434"
DEFAULT_MODELS = {"openai": "gpt-4o-mini"}
MAX_ANSWER_TOKENS = 300  # short answers; also bounds how long a slow model can run
# Integration module per provider, and the extra of this package that installs it.
_EXTRAS = {"openai-like": ("llama_index.llms.openai_like", "openai"),
           "openai": ("llama_index.llms.openai", "openai"),
           "ollama": ("llama_index.llms.ollama", "ollama"),
           "llamacpp": ("llama_index.llms.llama_cpp", "llamacpp")}
_loaded: dict[tuple, object] = {}
_lock = threading.Lock()


def describe(settings: Settings) -> str:
    """The generator as users see it named: 'extractive' or 'ollama:llama3.2'."""
    if settings.llm == "extractive":
        return "extractive"
    model = settings.llm_model or DEFAULT_MODELS.get(settings.llm, "")
    return f"{settings.llm}:{Path(model).name if settings.llm == 'llamacpp' else model}"


def load_llm(settings: Settings):
    """The llama-index LLM for the settings, built once per process; None for the extractive default."""
    if settings.llm == "extractive":
        return None
    key = (settings.llm, settings.llm_url, settings.llm_model, _secret(settings), settings.llm_timeout)
    with _lock:  # a local GGUF takes seconds to load: once, even when requests race
        if key not in _loaded:
            _loaded[key] = _build(settings)
        return _loaded[key]


def _build(settings: Settings):
    module_name, extra = _EXTRAS[settings.llm]
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise SeedQAError(f"QA_LLM={settings.llm} needs an optional extra: "
                          f"pip install 'seed-qa[{extra}]'") from None
    return _BUILDERS[settings.llm](module, settings)


def _secret(settings: Settings) -> str | None:
    return settings.llm_api_key.get_secret_value() if settings.llm_api_key else None


def _openai_like(module, settings: Settings):
    if not settings.llm_url or not settings.llm_model:
        raise SeedQAError("QA_LLM=openai-like needs QA_LLM_URL (ending in /v1) and QA_LLM_MODEL")
    return module.OpenAILike(model=settings.llm_model, api_base=settings.llm_url,
                             api_key=_secret(settings) or "none", is_chat_model=True,
                             timeout=settings.llm_timeout, max_retries=0,
                             max_tokens=MAX_ANSWER_TOKENS, temperature=0.0)


def _openai(module, settings: Settings):
    key = _secret(settings) or os.environ.get("OPENAI_API_KEY")
    if not key:
        raise SeedQAError("QA_LLM=openai needs OPENAI_API_KEY in the environment")
    return module.OpenAI(model=settings.llm_model or DEFAULT_MODELS["openai"], api_key=key,
                         api_base=settings.llm_url, timeout=settings.llm_timeout, max_retries=0,
                         max_tokens=MAX_ANSWER_TOKENS, temperature=0.0)


def _ollama(module, settings: Settings):
    if not settings.llm_model:
        raise SeedQAError("QA_LLM=ollama needs QA_LLM_MODEL, e.g. llama3.2")
    return module.Ollama(model=settings.llm_model, base_url=settings.llm_url or OLLAMA_URL,
                         request_timeout=settings.llm_timeout, temperature=0.0,
                         additional_kwargs={"num_predict": MAX_ANSWER_TOKENS})


def _llamacpp(module, settings: Settings):
    path = Path(settings.llm_model or "")
    if path.suffix != ".gguf" or not path.is_file():
        raise SeedQAError(f"QA_LLM=llamacpp needs QA_LLM_MODEL set to a .gguf file; "
                          f"{str(path)!r} is not one")
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter
    from llama_cpp.llama import Llama

    # llama-index's LlamaCPP formats prompts its own way unless told: use the model's own chat
    # template from the GGUF, as llama.cpp's server does.
    llm = module.LlamaCPP(model_path=str(path), temperature=0.0, max_new_tokens=MAX_ANSWER_TOKENS,
                          context_window=4096, verbose=False)
    template = llm._model.metadata.get("tokenizer.chat_template") if isinstance(llm._model, Llama) else None
    if template:
        formatter = Jinja2ChatFormatter(template, eos_token="", bos_token="")

        def messages_to_prompt(messages) -> str:
            return formatter(messages=[{"role": m.role.value, "content": m.content} for m in messages]).prompt

        llm.messages_to_prompt = messages_to_prompt
    return llm


_BUILDERS = {"openai-like": _openai_like, "openai": _openai, "ollama": _ollama, "llamacpp": _llamacpp}
