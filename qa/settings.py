"""Every setting in one place: environment variable QA_<NAME>, or the matching CLI flag."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.errors import InputFileError
from index.records import EMBED_MODELS, IndexConfig
from index.readers import MAX_FILE_MB

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


UPLOADS = "uploads"  # inside the index folder: uploads are data of that index, not of the source tree


def default_index_dir(corpus_dir: Path) -> Path:
    """One index per corpus folder, so two checkouts or two corpora never share (or wipe) one."""
    corpus = corpus_dir.expanduser().resolve()
    key = hashlib.sha256(str(corpus).encode()).hexdigest()[:12]
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data / "seed-qa" / f"{corpus.name or 'root'}-{key}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QA_", extra="ignore")

    index_dir: Path | None = Field(None, description="the index's folder: the embedded Chroma index and "
                                                     "the web UI's uploads (default: one per corpus folder "
                                                     "under ~/.local/share/seed-qa)")
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
    llm_verify: bool = Field(True, description="after the citation check, the LLM checks each of its "
                                               "sentences against its sources (one more request)")
    embed: Literal[EMBED_MODELS] = Field("minilm+use", description=f"embedding model: {', '.join(EMBED_MODELS)}")
    corpus_dir: Path = Field(SEEDS_DIR, description="folder indexed by default (the seed articles)")
    auth: SecretStr | None = Field(None, description="user:password the web UI asks for (required to listen "
                                               "beyond this machine, unless --no-auth)")
    api_key: SecretStr | None = Field(None, description="key the OpenAI-compatible /v1 API asks for (required "
                                                        "to listen beyond this machine, unless --no-auth)")
    max_upload_mb: float = Field(20.0, gt=0, le=MAX_FILE_MB,
                                 description=f"largest file the web UI accepts, in MB (at most {MAX_FILE_MB})")
    top_k: int = Field(5, ge=1, le=50, description="passages retrieved per question")
    chunk_tokens: int = Field(128, ge=32, le=2048, description="passage size in tokens")

    @model_validator(mode="after")
    def _index_of_the_corpus(self) -> Settings:
        if self.index_dir is None:
            self.index_dir = default_index_dir(self.corpus_dir)
        return self

    @property
    def upload_dir(self) -> Path:
        return self.index_dir / UPLOADS

    def corpus_paths(self) -> list[Path]:
        """What `qa index` and `qa serve` keep indexed by default: the corpus folder and uploads."""
        if not self.corpus_dir.is_dir():  # e.g. installed without the seed articles
            raise InputFileError(f"{self.corpus_dir}: no such folder of articles; set QA_CORPUS_DIR (or "
                                 "--corpus-dir) to the folder to index")
        return [self.corpus_dir] + ([self.upload_dir] if self.upload_dir.is_dir() else [])

    def index_config(self) -> IndexConfig:
        return IndexConfig(index_dir=self.index_dir, chroma_url=self.chroma_url or None,
                           embed_model=self.embed, chunk_tokens=self.chunk_tokens)
