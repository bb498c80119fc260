"""The index as `qa` sees it: sync files in, search passages out (dense and keyword)."""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import threading
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

import numpy as np
from llama_index.core.node_parser import SentenceSplitter

from index import sync
from index.chunking import neighbour_ids
from index.embeddings import load_embedding
from index.errors import StoreError
from index.keyword import KeywordIndex
from index.records import DocumentInfo, IndexConfig, Passage, SyncReport
from index.sentences import sentence_id
from index.store import (FIRST_GENERATION, ChunkStore, StoreConfig, current_generation, new_generation,
                         switch_generation, write_lock)


VECTOR_CACHE = 8192
# Up to this many stored passages, a question's nearest ones are found exactly, by one product with
# their vectors held in memory (3.5 KB each at 896 dims), not by a Chroma query: a query hands work
# to Chroma's own threads, ~1 ms a question on a quiet machine and several on a busy one, where the
# product takes ~0.05 ms. Above it, Chroma's HNSW index scales better.
EXACT_SEARCH_MAX = 4096


class CorpusIndex:
    def __init__(self, config: IndexConfig, generation: str | None = None):
        self.config = config
        self.store = self._open(generation)
        # (version read, or None once written since; manifest; BM25 index; passage vectors, or None
        # for an index too large to search in memory)
        self._state: tuple[str | None, dict[str, DocumentInfo], KeywordIndex, PassageVectors | None] | None = None
        self._refreshing = threading.Lock()
        self._stamp: tuple | None = None  # Chroma's database file as of the last version check
        # Sentence embeddings read from the store: an id names one version of one sentence, so a
        # cached vector never goes stale. Bounded (~30 MB at 896 dims in float32).
        self._vectors: dict[str, np.ndarray] = {}

    @cached_property
    def embed_model(self):
        return load_embedding(self.config.embed_model)

    @cached_property
    def splitter(self) -> SentenceSplitter:
        return SentenceSplitter(chunk_size=self.config.chunk_tokens, chunk_overlap=self.config.chunk_overlap)

    def _open(self, generation: str | None = None, fresh: bool = False) -> ChunkStore:
        config = self.config
        if generation is None and not config.chroma_url:
            generation = current_generation(config.index_dir)
        return ChunkStore(StoreConfig(config.index_dir, config.chroma_url, config.embed_model,
                                      generation or FIRST_GENERATION), fresh)

    def _reopen(self) -> None:
        """Open the store again, so that the vector index is read from disk with every process's
        writes (Chroma never re-reads it by itself), in the generation now current."""
        self.store = self._open(fresh=True)

    # --- writing ---------------------------------------------------------------------------
    def sync(self, paths: Iterable[str | Path], progress: bool = True) -> SyncReport:
        with self._writing():
            return sync.sync(self.store, self.embed_model, self.splitter, paths, progress)

    def remove(self, paths: Iterable[str | Path]) -> SyncReport:
        with self._writing():
            return sync.remove(self.store, paths)

    @contextlib.contextmanager
    def _writing(self):
        """The embedded store's write lock, then this process's view brought up to date: a
        write from a stale client would persist a vector index without the other writes."""
        try:
            if self.config.chroma_url:
                yield
                return
            with write_lock(self.config.index_dir):
                self.refresh()
                yield
        finally:
            with self._refreshing:  # read again at the next use, this write included
                if self._state is not None:
                    self._state = (None, *self._state[1:])

    @classmethod
    def rebuild(cls, config: IndexConfig, paths: Iterable[str | Path], progress: bool = True
                ) -> tuple[CorpusIndex, SyncReport]:
        """Index `paths` afresh. Embedded: into a new generation, switched to only once complete,
        so a failure (a full disk, a kill) leaves the current index as it was; works when the
        current one is damaged, and a running `qa serve` follows the switch."""
        sync.discover(paths, SyncReport())  # refuse a missing path before any work
        if config.chroma_url:
            index = cls(config)
            client = index.store.chunks._client  # noqa: SLF001 - collections know their client
            for collection in (index.store.chunks, index.store.sentences, index.store.files):
                index.store.guarded(client.delete_collection, collection.name)
            index = cls(config)
            return index, index.sync(paths, progress)
        with write_lock(config.index_dir):
            generation = new_generation()
            try:
                index = cls(config, generation)
                report = sync.sync(index.store, index.embed_model, index.splitter, paths, progress)
                switch_generation(config.index_dir, generation)
            except BaseException:
                shutil.rmtree(config.index_dir / generation, ignore_errors=True)
                raise
        return index, report

    # --- reading ---------------------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        return sorted(self.store.manifest().values(), key=lambda d: (d.date or "", d.source))

    def is_empty(self) -> bool:
        return not self.store.manifest()

    def dense(self, query: str, k: int) -> list[Passage]:
        """Nearest passages by embedding; score is cosine similarity."""
        return self.dense_by_vector(self.query_vector(query), k)

    def query_vector(self, query: str, english: bool | None = None) -> list[float]:
        """The question's embedding, unit length; `english=False` leaves English-only models out."""
        model = self.embed_model
        if english is None or not hasattr(model, "embed_query"):
            vector = np.asarray(model.get_query_embedding(query), dtype=np.float32)
        else:
            vector = np.asarray(model.embed_query(query, english), dtype=np.float32)
        return (vector / max(float(np.linalg.norm(vector)), 1e-12)).tolist()

    def sentence_vectors(self, sentences: list[tuple[Passage, int, int]]) -> np.ndarray:
        """Unit embeddings of sentences given as (passage, start, end), offsets into the file: read
        in one call from those stored at index time; computed here only for an index written
        before sentences were embedded."""
        ids = [sentence_id(p.id.rpartition("#")[0], a, b) for p, a, b in sentences]
        wanted = [i for i in dict.fromkeys(ids) if i not in self._vectors]
        stored = {i: self._vectors[i] for i in ids if i in self._vectors}
        try:
            fetched = self.store.sentence_vectors(wanted)
        except StoreError:
            # A run killed mid-write can leave Chroma's vector segment behind its records ("Error
            # finding id"); the vectors are recomputed below rather than the question failing.
            fetched = {}
        stored.update(fetched)
        if len(self._vectors) + len(fetched) > VECTOR_CACHE:
            self._vectors.clear()
        self._vectors.update(fetched)
        missing = [i for i, id_ in enumerate(ids) if id_ not in stored]
        if missing:
            texts = [p.text[a - p.start:b - p.start] for p, a, b in (sentences[i] for i in missing)]
            stored.update(zip((ids[i] for i in missing), self.embed_model.get_text_embedding_batch(texts)))
        return np.asarray([stored[i] for i in ids], dtype=np.float32).reshape(len(ids), -1)

    def dense_by_vector(self, vector: list[float], k: int) -> list[Passage]:
        """Nearest current passages by embedding, found in memory up to EXACT_SEARCH_MAX stored
        ones, else by Chroma: there, passages of an uncommitted version (a killed run, a write under
        way) are filtered out, and the search widens until k current ones are found or nothing more
        is stored. Chroma gives ids and distances only: the passages themselves are the current ones
        held in memory (the BM25 index's), which spares reading and parsing each one's text and
        metadata."""
        in_memory = self._current()[3]
        if in_memory is not None:
            return in_memory.nearest(vector, k)
        current, fetch = self.keyword_index.by_id, k + 8
        while True:
            got = self.store.guarded(self.store.chunks.query, query_embeddings=[vector], n_results=fetch,
                                     include=["distances"])
            ids, distances = got["ids"][0], got["distances"][0]
            # exp(-distance), distance = 1 - cosine: the score llama-index's Chroma store gives.
            passages = [current[i].scored(math.exp(-d)) for i, d in zip(ids, distances) if i in current]
            if len(passages) >= k or len(ids) < fetch:
                return passages[:k]
            fetch *= 4

    def keyword(self, query: str, k: int) -> list[Passage]:
        return self.keyword_index.search(query, k)

    def neighbours(self, passage: Passage) -> list[Passage]:
        """The passages on either side of `passage` in its file (context across a boundary)."""
        by_id = self.keyword_index.by_id
        return [by_id[i] for i in neighbour_ids(passage.id) if i in by_id]

    def passage_around(self, source: str, start: int, end: int) -> Passage | None:
        """The current passage that holds the span [start, end) of `source` (for showing a
        cited sentence in its context)."""
        return next((p for p in self.keyword_index.by_source.get(source, [])
                     if p.start <= start and end <= p.end), None)

    @property
    def keyword_index(self) -> KeywordIndex:
        return self._current()[2]

    def refresh(self) -> None:
        """Follow writes made by any process: one version check, and the manifest and the BM25
        index are re-read only if the store has changed. Call once per question."""
        with self._refreshing:
            embedded = not self.config.chroma_url
            if embedded and current_generation(self.config.index_dir) != self.store.config.generation:
                self._reopen()  # rebuilt by another process
            # Every commit, from any process, moves Chroma's SQLite file (its change counter) or
            # its write-ahead log: while neither moves, the version read (a Chroma query, most of
            # this call) is skipped.
            stamp = self._database_stamp() if embedded else None
            if stamp is not None and stamp == self._stamp and self._state and self._state[0] is not None:
                return
            if stamp and self._stamp and stamp[1] != self._stamp[1]:
                self._reopen()  # the file was replaced: the open client still reads the old one
            try:
                version = self.store.version()
            except StoreError:
                if not embedded:
                    raise
                self._reopen()  # its collections were replaced under this client
                version = self.store.version()
            changed = self._state is None or self._state[0] != version
            if changed and self._state is not None and embedded and version not in self.store.written:
                self._reopen()
            if changed:
                manifest = self.store.manifest()
                passages, vectors = self._current_passages(manifest)
                self._state = (version, manifest, KeywordIndex(passages), vectors)
            self._stamp = stamp  # taken before the read: a write during it is seen next time

    def _database_stamp(self) -> tuple | None:
        """What changes with each commit to Chroma's SQLite file: in rollback-journal mode (Chroma's),
        SQLite's file change counter (header bytes 24-27; an mtime ticks too coarsely to tell two
        writes apart); in write-ahead-log mode, the log's size and its header's checkpoint sequence
        and salts (bytes 12-23), which change when the log restarts. With the file's identity."""
        path = self.config.index_dir / self.store.config.generation / "chroma.sqlite3"
        try:
            with path.open("rb") as f:
                header, found = f.read(28)[24:], os.fstat(f.fileno())
        except OSError:
            return None
        try:
            with path.with_name(path.name + "-wal").open("rb") as f:
                log = f.read(24)[12:], os.fstat(f.fileno()).st_size
        except FileNotFoundError:
            log = None
        except OSError:
            return None
        return self.store.config.generation, found.st_ino, found.st_size, found.st_mtime_ns, header, log

    def _current(self) -> tuple[str | None, dict[str, DocumentInfo], KeywordIndex, PassageVectors | None]:
        state = self._state
        if state is None or state[0] is None:  # never read, or written since
            self.refresh()
            state = self._state
        return state

    def _current_passages(self, manifest: dict[str, DocumentInfo]) -> tuple[list[Passage], PassageVectors | None]:
        """The current passages, and their vectors when there are some, few enough to search in memory."""
        if self.store.count() <= EXACT_SEARCH_MAX:
            try:
                return self._read_current(manifest, with_vectors=True)
            except (StoreError, TypeError, ValueError):
                pass  # a run killed mid-write can leave vectors missing or behind their records: Chroma searches
        return self._read_current(manifest, with_vectors=False)

    def _read_current(self, manifest: dict[str, DocumentInfo], with_vectors: bool
                      ) -> tuple[list[Passage], PassageVectors | None]:
        fields = ["documents", "metadatas", "embeddings"] if with_vectors else ["documents", "metadatas"]
        passages, vectors = [], []
        for id_, text, m, vector in self.store.read_all(self.store.chunks, include=fields):
            if self.store.is_current(m, manifest):
                passages.append(Passage(id_, m["source"], m["title"], m["date"] or None, text, m["start"], m["end"]))
                vectors.append(vector)
        return passages, PassageVectors(passages, vectors) if with_vectors and passages else None


class PassageVectors:
    """The current passages' unit vectors, searched exactly: the scores are those Chroma's cosine
    index gives (exp(-distance), distance = 1 - cosine)."""

    def __init__(self, passages: list[Passage], vectors: list):
        self.passages = passages
        matrix = np.asarray(vectors, dtype=np.float32).reshape(len(passages), -1)
        self.matrix = matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)

    def nearest(self, vector: list[float], k: int) -> list[Passage]:
        similarity = self.matrix @ np.asarray(vector, dtype=np.float32)
        best = np.argsort(-similarity, kind="stable")[:k].tolist()
        return [self.passages[i].scored(math.exp(float(similarity[i]) - 1.0)) for i in best]
