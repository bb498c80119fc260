"""Every setting in one place: environment variable QA_<NAME>, or the matching CLI flag."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.corpus import IndexConfig
from index.embeddings import MODELS
from index.readers import MAX_FILE_MB

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


def _default_index_dir() -> Path:
    return Path.home() / ".local" / "share" / "seed-qa" / "index"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QA_", extra="ignore")

    index_dir: Path = Field(default_factory=_default_index_dir,
                            description="where the embedded index lives")
    chroma_url: str | None = Field(None, description="a Chroma server, e.g. http://127.0.0.1:8000, "
                                                      "instead of the embedded store")
    llm: Literal["extractive", "openai-like", "openai", "ollama", "llamacpp"] = Field(
        "extractive", description="answer generator: extractive (offline, no model), openai-like, "
                                  "openai, ollama or llamacpp")
    llm_url: str | None = Field(None, description="the LLM server's base URL (openai-like: ending in /v1; "
                                                  "ollama: default http://localhost:11434)")
    llm_model: str | None = Field(None, description="the LLM's model name (llamacpp: path of a .gguf file)")
    llm_api_key: SecretStr | None = Field(None, description="API key for openai-like servers that need one "
                                                      "(openai reads OPENAI_API_KEY)")
    llm_timeout: float = Field(60.0, gt=0, le=3600, description="seconds to wait for the LLM before "
                                                                "falling back to the extractive answer")
    embed: str = Field("minilm+use", description=f"embedding model: {', '.join(MODELS)}")
    corpus_dir: Path = Field(SEEDS_DIR, description="folder indexed by default (the seed articles)")
    auth: SecretStr | None = Field(None, description="user:password the web UI asks for (required to listen "
                                               "beyond this machine, unless --no-auth)")
    max_upload_mb: float = Field(20.0, gt=0, le=MAX_FILE_MB,
                                 description=f"largest file the web UI accepts, in MB (at most {MAX_FILE_MB})")
    top_k: int = Field(5, ge=1, le=50, description="passages retrieved per question")
    chunk_tokens: int = Field(128, ge=32, le=2048, description="passage size in tokens")

    def index_config(self) -> IndexConfig:
        return IndexConfig(index_dir=self.index_dir, chroma_url=self.chroma_url or None,
                           embed_model=self.embed, chunk_tokens=self.chunk_tokens)
