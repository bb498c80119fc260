"""Chroma as the one store: passages with their embeddings, and a manifest of indexed files.

The manifest is the truth about which version of each file is current. A file is written in
three steps (new passages, manifest entry, old passages deleted) behind a pending mark, so a run
killed at any point leaves the previous version answering and the next run finishes the job.
Readers only see passages whose (source, hash) the manifest names.

An embedded index may be used by several processes at once (`qa serve` and `qa index`). Chroma
keeps each process's vector index in memory and never re-reads another process's writes, so:
writers take a file lock, and a process that sees a version it did not write reopens its client.
`qa index --rebuild` builds a new generation (folder) beside the current one and switches a
pointer file to it only once it is complete, so a failed rebuild (a full disk) changes nothing.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
import uuid
from collections.abc import Iterator
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


FIRST_GENERATION = "chroma"
_POINTER = "CURRENT"  # names the generation in use; absent: the first one
_GENERATION = re.compile(r"chroma(-[0-9a-f]{12})?")


@dataclass(frozen=True)
class StoreConfig:
    index_dir: Path
    chroma_url: str | None
    namespace: str  # one pair of collections per embedding model: dimensions differ
    generation: str = FIRST_GENERATION  # the folder under index_dir (embedded store only)


PAGE = 5000  # records per read; SQLite refuses queries with more than 32,766 variables


def current_generation(index_dir: Path) -> str:
    try:
        name = (index_dir / _POINTER).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return FIRST_GENERATION
    return name if _GENERATION.fullmatch(name) else FIRST_GENERATION


def new_generation() -> str:
    return f"{FIRST_GENERATION}-{uuid.uuid4().hex[:12]}"


def switch_generation(index_dir: Path, generation: str) -> None:
    """Point readers at `generation` in one atomic rename, then delete every other generation."""
    pointer = index_dir / f".{_POINTER}.{os.getpid()}"
    pointer.write_text(generation + "\n", encoding="ascii")
    os.replace(pointer, index_dir / _POINTER)
    drop_generations(index_dir, keep=generation)


def drop_generations(index_dir: Path, keep: str) -> None:
    """Delete every generation folder but `keep` (leftovers of replaced or failed rebuilds)."""
    for folder in index_dir.iterdir():
        if folder.name != keep and _GENERATION.fullmatch(folder.name) and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def write_lock(index_dir: Path) -> Iterator[None]:
    """One writer at a time on an embedded index, across processes and threads (flock is held
    per open file, so two threads of one process exclude each other too)."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = open(index_dir / ".write-lock", "a")  # noqa: SIM115 - held for the block
    except OSError as e:
        raise StoreError(_describe(StoreConfig(index_dir, None, ""), e)) from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def connect(config: StoreConfig, fresh: bool = False):
    """A Chroma client: embedded under `index_dir`, or the server at `chroma_url`. `fresh` drops
    the process's cached embedded clients, so the vector index is read again from disk."""
    import chromadb
    from chromadb.api.client import SharedSystemClient
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if config.chroma_url:
            url = urlparse(config.chroma_url)
            if not url.hostname:
                raise StoreError(f"QA_CHROMA_URL {config.chroma_url!r} is not a URL like http://host:8000")
            return chromadb.HttpClient(host=url.hostname, port=url.port or 8000,
                                       ssl=url.scheme == "https", settings=chroma_settings)
        if fresh:
            SharedSystemClient.clear_system_cache()
        config.index_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(config.index_dir / config.generation),
                                         settings=chroma_settings)
    except StoreError:
        raise
    except Exception as e:  # chromadb raises many types for one cause: store not usable
        raise StoreError(_describe(config, e)) from None


# What Chroma and SQLite say when the files themselves are damaged: only then is a rebuild the cure.
_DAMAGED = re.compile(r"malformed|not a database|corrupt|hnsw|error finding id|no such table|"
                      r"file is encrypted|database disk image", re.I)


def _describe(config: StoreConfig, e: Exception) -> str:
    """One line: what failed and only safe next steps (a rebuild only when the index is damaged,
    never for a full disk, a lock or a permission: there it would lose data)."""
    where = f"Chroma server {config.chroma_url}" if config.chroma_url else f"index at {config.index_dir}"
    first_line = (str(e).strip().splitlines() or [type(e).__name__])[0][:200]
    text = f"{type(e).__name__} {e}"
    if config.chroma_url:
        hint = "is it running? start one with: chroma run --path DIR"
    elif getattr(e, "errno", None) == errno.ENOSPC or re.search(r"disk is full|no space left", text, re.I):
        hint = "the disk is full: free some space and run it again; the index was left as it was"
    elif isinstance(e, PermissionError) or re.search(r"permission denied|readonly database|read-only",
                                                      text, re.I):
        hint = (f"you may not write to {config.index_dir}: ask its owner, or use an index of your own "
                "with --index-dir DIR")
    elif re.search(r"database is locked", text, re.I):
        hint = "another process is writing to it: try again in a moment"
    elif _DAMAGED.search(text):
        hint = "the index is damaged: rebuild it from the article files with: qa index --rebuild [FOLDER ...]"
    else:
        return f"cannot use the {where}: {first_line}"
    return f"cannot use the {where}: {first_line} ({hint})"


class ChunkStore:
    """Passages (`chunks_<ns>`), their sentences' embeddings (`sentences_<ns>`) and the file
    manifest (`files_<ns>`) in Chroma. Sentences are versioned like passages: same metadata."""

    def __init__(self, config: StoreConfig, fresh: bool = False):
        self.config = config
        self.written: set[str] = set()  # versions this process wrote (any other: someone else wrote)
        safe = re.sub(r"[^a-zA-Z0-9_-]", "-", config.namespace)
        try:
            client = connect(config, fresh)
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
                    for _, _, m, _ in self.read_all(self.files, where={"kind": "file"}, include=["metadatas"])}
        self._manifest_cache = (version, manifest)
        return manifest

    def read_all(self, collection, **query):
        """(id, document, metadata, embedding) of every record matching `query` (None for what it
        does not include), read a page at a time: one `get` of a whole large collection overruns
        SQLite's limit on query variables."""
        offset = 0
        while True:
            got = self.guarded(collection.get, limit=PAGE, offset=offset, **query)
            absent = [None] * len(got["ids"])
            embeddings = absent if got.get("embeddings") is None else got["embeddings"]
            yield from zip(got["ids"], got.get("documents") or absent, got["metadatas"], embeddings)
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
        version = uuid.uuid4().hex
        self.written.add(version)
        self.guarded(self.files.upsert, ids=[_STATE_ID], embeddings=[_DUMMY],
                     metadatas=[{"kind": "state", "version": version}])
