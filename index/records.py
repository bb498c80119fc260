"""Typed records that pass between the indexing stages and out to `qa`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) of a document's text."""

    start: int
    end: int


@dataclass
class Article:
    """One file as the loader read it: `text` is what every offset points into."""

    source: str  # absolute path of the file
    text: str
    title: str
    date: str | None  # ISO date (YYYY-MM-DD) of publication, when stated
    content_hash: str
    kept: list[Span] = field(default_factory=list)  # article body, site chrome left out


@dataclass(frozen=True)
class Passage:
    """A retrievable chunk: `text == article.text[start:end]`."""

    id: str
    source: str
    title: str
    date: str | None
    text: str
    start: int
    end: int
    score: float = 0.0

    def scored(self, score: float) -> Passage:
        """This passage with a search score: a search makes ~100 a question, and dataclasses.replace
        takes 3x as long."""
        return Passage(self.id, self.source, self.title, self.date, self.text, self.start, self.end, score)


@dataclass(frozen=True)
class DocumentInfo:
    """What the index holds for one file."""

    source: str
    title: str
    date: str | None
    content_hash: str
    chunks: int


@dataclass
class SyncReport:
    """Counts of one indexing run, printed as its summary line."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    chunks: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, removed {self.removed}, "
            f"unchanged {self.unchanged}, chunks {self.chunks}"
        )


EMBED_MODELS = ("minilm+use", "minilm", "use", "hash")  # see index/embeddings.py


@dataclass(frozen=True)
class IndexConfig:
    index_dir: Path
    chroma_url: str | None = None
    embed_model: str = "minilm+use"
    chunk_tokens: int = 128
    chunk_overlap: int = 16
