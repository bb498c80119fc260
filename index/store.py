"""Chroma as the one store: passages with their embeddings, and a manifest of indexed files.

The manifest is the truth about which version of each file is current. A file is written in
three steps (new passages, manifest entry, old passages deleted) behind a pending mark, so a run
killed at any point leaves the previous version answering and the next run finishes the job.
Readers only see passages whose (source, hash) the manifest names.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from index.errors import StoreError
from index.records import DocumentInfo

_STATE_ID = "__state__"
_PENDING = "pending:"
_FILE = "file:"
_DUMMY = [1.0]  # manifest records carry no meaning in vector space


@dataclass(frozen=True)
class StoreConfig:
    index_dir: Path
    chroma_url: str | None
    namespace: str  # one pair of collections per embedding model: dimensions differ


PAGE = 5000  # records per read; SQLite refuses queries with more than 32,766 variables

def connect(config: StoreConfig):
    """A Chroma client: embedded under `index_dir`, or the server at `chroma_url`."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if config.chroma_url:
            url = urlparse(config.chroma_url)
            if not url.hostname:
                raise StoreError(f"QA_CHROMA_URL {config.chroma_url!r} is not a URL like http://host:8000")
            return chromadb.HttpClient(host=url.hostname, port=url.port or 8000,
                                       ssl=url.scheme == "https", settings=chroma_settings)
        config.index_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(config.index_dir / "chroma"), settings=chroma_settings)
    except StoreError:
        raise
    except Exception as e:  # chromadb raises many types for one cause: store not usable
        raise StoreError(_describe(config, e)) from None


def _describe(config: StoreConfig, e: Exception) -> str:
    where = f"Chroma server {config.chroma_url}" if config.chroma_url else f"index at {config.index_dir}"
    first_line = (str(e).strip().splitlines() or [type(e).__name__])[0][:200]
    hint = ("is it running? start one with: chroma run --path DIR" if config.chroma_url
            else "rebuild it with: qa index --rebuild")
    return f"cannot use the {where}: {first_line} ({hint})"


class ChunkStore:
    """Passages (`chunks_<ns>`), their sentences' embeddings (`sentences_<ns>`) and the file
    manifest (`files_<ns>`) in Chroma. Sentences are versioned like passages: same metadata."""

    def __init__(self, config: StoreConfig):
        self.config = config
        safe = re.sub(r"[^a-zA-Z0-9_-]", "-", config.namespace)
        try:
            client = connect(config)
            self.chunks = client.get_or_create_collection(
                f"chunks_{safe}", metadata={"hnsw:space": "cosine"})
            self.sentences = client.get_or_create_collection(
                f"sentences_{safe}", metadata={"hnsw:space": "cosine"})
            self.files = client.get_or_create_collection(f"files_{safe}")
        except StoreError:
            raise
        except Exception as e:
            raise StoreError(_describe(config, e)) from None
        self._manifest_cache: tuple[str, dict[str, DocumentInfo]] | None = None

    def guarded(self, fn, *args, **kwargs):
        """Run a Chroma call, turning its failures into one StoreError."""
        try:
            return fn(*args, **kwargs)
        except Exception as e:
            raise StoreError(_describe(self.config, e)) from None

    # --- reading -------------------------------------------------------------------------
    def version(self) -> str:
        """A token that changes with every write, from any process sharing the store."""
        got = self.guarded(self.files.get, ids=[_STATE_ID], include=["metadatas"])
        return got["metadatas"][0]["version"] if got["ids"] else ""

    def manifest(self) -> dict[str, DocumentInfo]:
        """Current files by source path, cached until the store's version moves."""
        version = self.version()
        if self._manifest_cache and self._manifest_cache[0] == version:
            return self._manifest_cache[1]
        manifest = {m["source"]: DocumentInfo(source=m["source"], title=m["title"],
                                             date=m["date"] or None, content_hash=m["hash"],
                                             chunks=m["chunks"])
                    for _, _, m in self.read_all(self.files, where={"kind": "file"}, include=["metadatas"])}
        self._manifest_cache = (version, manifest)
        return manifest

    def read_all(self, collection, **query):
        """(id, document, metadata) of every record matching `query`, read a page at a time:
        one `get` of a whole large collection overruns SQLite's limit on query variables."""
        offset = 0
        while True:
            got = self.guarded(collection.get, limit=PAGE, offset=offset, **query)
            documents = got.get("documents") or [None] * len(got["ids"])
            yield from zip(got["ids"], documents, got["metadatas"])
            if len(got["ids"]) < PAGE:
                return
            offset += PAGE

    @staticmethod
    def is_current(metadata: dict, manifest: dict[str, DocumentInfo]) -> bool:
        """True for a passage of the committed version of its file."""
        entry = manifest.get(metadata.get("source"))
        return entry is not None and entry.content_hash == metadata.get("hash")

    def count(self) -> int:
        return self.guarded(self.chunks.count)

    def pending(self) -> list[str]:
        got = self.guarded(self.files.get, where={"kind": "pending"}, include=["metadatas"])
        return [m["source"] for m in got["metadatas"]]

    # --- writing, in the order that keeps readers safe -------------------------------------
    def mark_pending(self, sources: list[str]) -> None:
        self.guarded(self.files.upsert, ids=[_PENDING + s for s in sources], embeddings=[_DUMMY] * len(sources),
                     metadatas=[{"kind": "pending", "source": s} for s in sources])

    def commit_files(self, infos: list[DocumentInfo]) -> None:
        """Make each `info.content_hash` the current version of its file and drop every other one."""
        self.guarded(self.files.upsert, ids=[_FILE + i.source for i in infos], embeddings=[_DUMMY] * len(infos),
                     metadatas=[{"kind": "file", "source": i.source, "title": i.title, "date": i.date or "",
                                 "hash": i.content_hash, "chunks": i.chunks} for i in infos])
        self._bump()
        for info in infos:
            self.delete_chunks(info.source, keep_hash=info.content_hash)
        self.guarded(self.files.delete, ids=[_PENDING + i.source for i in infos])

    def remove_file(self, source: str) -> None:
        self.mark_pending([source])
        self.guarded(self.files.delete, ids=[_FILE + source])
        self._bump()
        self.delete_chunks(source)
        self.guarded(self.files.delete, ids=[_PENDING + source])

    def delete_chunks(self, source: str, keep_hash: str | None = None) -> None:
        where: dict = {"source": source}
        if keep_hash:
            where = {"$and": [where, {"hash": {"$ne": keep_hash}}]}
        self.guarded(self.chunks.delete, where=where)
        self.guarded(self.sentences.delete, where=where)

    def delete_version(self, source: str, content_hash: str) -> None:
        where = {"$and": [{"source": source}, {"hash": content_hash}]}
        self.guarded(self.chunks.delete, where=where)
        self.guarded(self.sentences.delete, where=where)

    def sentence_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """Stored sentence embeddings by id (ids not stored are left out)."""
        if not ids:
            return {}
        got = self.guarded(self.sentences.get, ids=ids, include=["embeddings"])
        return {i: np.asarray(v, dtype=np.float32) for i, v in zip(got["ids"], got["embeddings"])}

    def _bump(self) -> None:
        self.guarded(self.files.upsert, ids=[_STATE_ID], embeddings=[_DUMMY],
                     metadatas=[{"kind": "state", "version": uuid.uuid4().hex}])
