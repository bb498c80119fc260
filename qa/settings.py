"""Every setting in one place: environment variable QA_<NAME>, or the matching CLI flag."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.corpus import IndexConfig
from index.embeddings import MODELS

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


def _default_index_dir() -> Path:
    return Path.home() / ".local" / "share" / "seed-qa" / "index"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QA_", extra="ignore")

    index_dir: Path = Field(default_factory=_default_index_dir,
                            description="where the embedded index lives")
    chroma_url: str | None = Field(None, description="a Chroma server, e.g. http://127.0.0.1:8000, "
                                                      "instead of the embedded store")
    llm: str = Field("extractive", description="answer generator; extractive = offline, no model")
    embed: str = Field("minilm+use", description=f"embedding model: {', '.join(MODELS)}")
    corpus_dir: Path = Field(SEEDS_DIR, description="folder indexed by default (the seed articles)")
    top_k: int = Field(5, ge=1, le=50, description="passages retrieved per question")
    chunk_tokens: int = Field(128, ge=32, le=2048, description="passage size in tokens")

    def index_config(self) -> IndexConfig:
        return IndexConfig(index_dir=self.index_dir, chroma_url=self.chroma_url or None,
                           embed_model=self.embed, chunk_tokens=self.chunk_tokens)
