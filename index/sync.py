"""Keep the store in step with files: add new ones, replace changed ones, drop deleted ones.

Duplicate policy: a file is identified by its absolute path and versioned by the sha256 of its
bytes. An unchanged hash is skipped without re-embedding; a new hash replaces every passage of
the old one.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.schema import MetadataMode, TextNode
from llama_index.vector_stores.chroma import ChromaVectorStore
from tqdm import tqdm

from index.chunking import chunk_article
from index.errors import InputFileError
from index.readers import SUFFIXES, read_article
from index.records import DocumentInfo, SyncReport
from index.sentences import sentence_id, sentence_spans
from index.store import ChunkStore

# Passages embedded and written together. Each Chroma write is a transaction, so writing file by
# file spends more time committing than embedding; a bounded batch keeps memory flat.
BATCH_CHUNKS = 256
BATCH_FILES = 256  # files with no passages count too: their manifest writes are batched as well
SENTENCE_WRITE = 2000  # below Chroma's largest add


@dataclass
class _NewVersion:
    """A read and chunked file waiting to be embedded and written."""

    info: DocumentInfo
    nodes: list[TextNode]
    replaces: bool  # an older version is in the index


def discover(paths: Iterable[str | Path], report: SyncReport) -> tuple[dict[Path, bool], list[Path]]:
    """Files to index (mapped to whether the user named them) and folders to mirror."""
    files: dict[Path, bool] = {}
    folders = []
    for given in paths:
        path = Path(given).expanduser()
        if not path.exists():
            what = "a broken symbolic link or a link loop" if path.is_symlink() else "no such file or folder"
            raise InputFileError(f"{given}: {what}")
        if path.is_dir():
            folders.append(path.resolve())
            for found in _walk(path.resolve(), report):
                files.setdefault(found, False)
        else:
            files[path.resolve()] = True
    return files, folders


def _walk(folder: Path, report: SyncReport) -> list[Path]:
    found = []

    def unreadable(e: OSError) -> None:
        report.warnings.append(f"{e.filename}: cannot list ({e.strerror})")

    # followlinks=False: a symlinked folder can loop back onto itself.
    for root, dirs, names in os.walk(folder, followlinks=False, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(root) / name
            if not name.startswith(".") and path.suffix.lower() in SUFFIXES:
                found.append(path)
    return found


def sync(store: ChunkStore, embed: BaseEmbedding, splitter: SentenceSplitter,
         paths: Iterable[str | Path], progress: bool = True) -> SyncReport:
    """Index files and folders incrementally; a bad file named by the user is an error, a bad
    file found in a folder is a warning and the rest is indexed."""
    report = SyncReport()
    recover(store)
    files, folders = discover(paths, report)
    manifest = store.manifest()
    writer = ChromaVectorStore(chroma_collection=store.chunks)
    bar = tqdm(files.items(), desc="indexing", unit="file", disable=not progress or len(files) < 20)
    batch: list[_NewVersion] = []
    batch_chunks = 0
    for path, named in bar:
        try:
            version = _read(splitter, path, manifest.get(str(path)), report)
        except InputFileError as e:
            if named:
                if batch:  # the files read before it are indexed, as they would be one by one
                    _write(store, embed, writer, batch, report)
                raise
            report.warnings.append(str(e))
            continue
        if version:
            batch.append(version)
            batch_chunks += len(version.nodes)
        if batch_chunks >= BATCH_CHUNKS or len(batch) >= BATCH_FILES:
            _write(store, embed, writer, batch, report)
            batch, batch_chunks = [], 0
    if batch:
        _write(store, embed, writer, batch, report)
    found = {str(f) for f in files}
    for source in manifest:
        if source not in found and _under(source, folders):
            store.remove_file(source)
            report.removed += 1
    report.chunks = store.count()
    return report


def remove(store: ChunkStore, paths: Iterable[str | Path]) -> SyncReport:
    """Take files, or every file under folders, out of the index (the files stay on disk)."""
    report = SyncReport()
    recover(store)
    manifest = store.manifest()
    for given in paths:
        target = Path(given).expanduser().resolve()
        sources = [s for s in manifest if Path(s) == target or _under(s, [target])]
        if not sources:
            raise InputFileError(f"{given}: not in the index")
        for source in sources:
            store.remove_file(source)
            report.removed += 1
    report.chunks = store.count()
    return report


def recover(store: ChunkStore) -> None:
    """Finish what a killed run left half-done: drop passages of versions never committed."""
    manifest = store.manifest()
    for source in store.pending():
        entry = manifest.get(source)
        if entry:
            store.commit_files([entry])
        else:
            store.remove_file(source)


def _read(splitter, path: Path, current: DocumentInfo | None, report: SyncReport) -> _NewVersion | None:
    """The file's new version, or None when its bytes are unchanged (nothing to re-embed)."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputFileError(f"{path}: cannot read ({e.strerror or e})") from None
    if current and current.content_hash == hashlib.sha256(raw).hexdigest():
        report.unchanged += 1
        return None
    article = read_article(path, raw)
    nodes = chunk_article(article, splitter)
    if not nodes:
        report.warnings.append(f"{path}: no article text found; indexed with no passages")
    info = DocumentInfo(article.source, article.title, article.date, article.content_hash, len(nodes))
    return _NewVersion(info, nodes, replaces=current is not None)


def _write(store: ChunkStore, embed: BaseEmbedding, writer, batch: list[_NewVersion], report: SyncReport) -> None:
    """Embed and store a batch of files behind pending marks, then switch the manifest to them."""
    nodes = [n for v in batch for n in v.nodes]
    texts = [n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes]
    for node, vector in zip(nodes, embed.get_text_embedding_batch(texts) if texts else []):
        node.embedding = vector
    store.mark_pending([v.info.source for v in batch])
    for v in batch:
        store.delete_version(v.info.source, v.info.content_hash)  # leftovers of a killed attempt
    if nodes:
        store.guarded(writer.add, nodes)
        _write_sentences(store, embed, nodes)
    store.commit_files([v.info for v in batch])
    for v in batch:
        if v.replaces:
            report.updated += 1
        else:
            report.added += 1


def _write_sentences(store: ChunkStore, embed: BaseEmbedding, nodes: list[TextNode]) -> None:
    """Embed each sentence of the passages once (overlapping passages share sentences)."""
    records: dict[str, tuple[str, dict]] = {}
    for node in nodes:
        version, base = node.node_id.rpartition("#")[0], node.metadata["start"]
        for a, b in sentence_spans(node.text):
            meta = {"source": node.metadata["source"], "hash": node.metadata["hash"],
                    "start": base + a, "end": base + b}
            records.setdefault(sentence_id(version, base + a, base + b), (node.text[a:b], meta))
    ids = list(records)
    vectors = embed.get_text_embedding_batch([records[i][0] for i in ids])
    for at in range(0, len(ids), SENTENCE_WRITE):
        part = ids[at:at + SENTENCE_WRITE]
        store.guarded(store.sentences.add, ids=part, embeddings=vectors[at:at + SENTENCE_WRITE],
                      metadatas=[records[i][1] for i in part])


def _under(source: str, folders: list[Path]) -> bool:
    return any(Path(source).is_relative_to(folder) for folder in folders)
