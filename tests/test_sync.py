"""The index mirrors the files: add, change, delete, re-run, and runs killed half-way."""

import signal
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

from index.corpus import CorpusIndex
from qa import answer
from servers import qa_env

ARTICLE = ("Harbour token pilot launches\n\nPublished 2025-11-03\n\n"
           "The harbour authority launched a token pilot with {n} participating banks on Monday. "
           "The pilot settles cargo invoices in minutes instead of days.\n")


def chunk_count_by_source(index: CorpusIndex) -> dict[str, int]:
    got = index.store.chunks.get(include=["metadatas"])
    counts: dict[str, int] = {}
    for m in got["metadatas"]:
        counts[m["source"]] = counts.get(m["source"], 0) + 1
    return counts


def spy(cls, method: str):
    """Record calls to `cls.method` (self first) while it still runs."""
    return mock.patch.object(cls, method, autospec=True, side_effect=getattr(cls, method))


def assert_exactly_one_copy(index: CorpusIndex):
    manifest = index.store.manifest()
    counts = chunk_count_by_source(index)
    assert counts == {s: d.chunks for s, d in manifest.items() if d.chunks}
    assert index.store.count() == sum(d.chunks for d in manifest.values())
    assert not index.store.pending()


def test_add_change_delete_rerun(fresh_settings):
    corpus = fresh_settings.corpus_dir
    index = CorpusIndex(fresh_settings.index_config())
    (corpus / "a.txt").write_text(ARTICLE.format(n="seven"), encoding="utf-8")
    (corpus / "b.md").write_text("# Other\n\nA different article about grain exports rising in "
                                 "the autumn of 2025.\n", encoding="utf-8")
    report = index.sync([corpus], progress=False)
    assert (report.added, report.updated, report.removed) == (2, 0, 0)
    assert_exactly_one_copy(index)

    report = index.sync([corpus], progress=False)
    assert (report.added, report.unchanged) == (0, 2)
    assert_exactly_one_copy(index)

    (corpus / "a.txt").write_text(ARTICLE.format(n="twelve"), encoding="utf-8")
    report = index.sync([corpus], progress=False)
    assert (report.updated, report.unchanged) == (1, 1)
    assert_exactly_one_copy(index)
    result = answer("How many banks take part in the harbour token pilot?",
                    settings=fresh_settings, index=index)
    assert "twelve" in result.text and "seven" not in result.text

    (corpus / "a.txt").unlink()
    report = index.sync([corpus], progress=False)
    assert report.removed == 1
    assert_exactly_one_copy(index)
    assert all(Path(s).name != "a.txt" for s in index.store.manifest())
    assert answer("How many banks take part in the harbour token pilot?",
                  settings=fresh_settings, index=index).abstained


def test_remove_takes_a_file_out(fresh_settings):
    corpus = fresh_settings.corpus_dir
    (corpus / "a.txt").write_text(ARTICLE.format(n="seven"), encoding="utf-8")
    index = CorpusIndex(fresh_settings.index_config())
    index.sync([corpus], progress=False)
    assert index.remove([corpus / "a.txt"]).removed == 1
    assert index.store.count() == 0 and not index.store.manifest()
    assert (corpus / "a.txt").exists()  # the file itself is the user's: never deleted


KILLER = """
import os, signal, sys
from index import store
from index.corpus import CorpusIndex
from qa.settings import Settings
point = sys.argv[1]
real = getattr(store.ChunkStore, point)
def die(self, *args, **kwargs):
    if point == "commit_files":   # new passages written, manifest not yet switched
        os.kill(os.getpid(), signal.SIGKILL)
    real(self, *args, **kwargs)  # manifest switched, old passages not yet deleted
    os.kill(os.getpid(), signal.SIGKILL)
setattr(store.ChunkStore, point, die)
CorpusIndex(Settings().index_config()).sync([Settings().corpus_dir], progress=False)
"""


@pytest.mark.parametrize("point, visible_after_kill, new_file_committed",
                         [("commit_files", "seven", False), ("_bump", "twelve", True)])
def test_killed_run_leaves_an_answering_index_and_the_next_run_converges(
        fresh_settings, point, visible_after_kill, new_file_committed):
    corpus = fresh_settings.corpus_dir
    (corpus / "a.txt").write_text(ARTICLE.format(n="seven"), encoding="utf-8")
    CorpusIndex(fresh_settings.index_config()).sync([corpus], progress=False)
    # The killed run's batch holds a changed file and a new one.
    (corpus / "a.txt").write_text(ARTICLE.format(n="twelve"), encoding="utf-8")
    (corpus / "b.md").write_text("# Other\n\nA different article about grain exports rising in "
                                 "the autumn of 2025.\n", encoding="utf-8")

    killed = subprocess.run([sys.executable, "-c", KILLER, point], env=qa_env(fresh_settings), capture_output=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-500:]

    index = CorpusIndex(fresh_settings.index_config())
    # Both versions' passages are on disk; readers must see only the committed one.
    assert index.store.count() > index.store.manifest()[str((corpus / "a.txt").resolve())].chunks
    question = "How many banks take part in the harbour token pilot?"
    result = answer(question, settings=fresh_settings, index=index)
    assert visible_after_kill in result.text
    assert len({c.text for c in result.citations}) == len(result.citations)  # no duplicate passages
    new_source = str((corpus / "b.md").resolve())
    assert (new_source in index.store.manifest()) is new_file_committed
    assert any(p.source == new_source for p in index.keyword_index.passages) is new_file_committed

    report = index.sync([corpus], progress=False)
    assert_exactly_one_copy(index)
    assert "twelve" in answer(question, settings=fresh_settings, index=index).text
    assert report.chunks == index.store.count() and new_source in index.store.manifest()


def test_large_collections_are_read_a_page_at_a_time(seed_settings, seed_index, monkeypatch):
    # At 100k passages one `get` of the whole collection overran SQLite's variable limit.
    from index import store
    from index.corpus import CorpusIndex

    monkeypatch.setattr(store, "PAGE", 4)
    paged = CorpusIndex(seed_settings.index_config())
    assert paged.documents() == seed_index.documents() and len(paged.documents()) == 5
    ids = sorted(p.id for p in paged.keyword_index.passages)
    assert ids == sorted(p.id for p in seed_index.keyword_index.passages) and len(ids) == paged.store.count()


def test_a_folder_larger_than_a_batch_is_written_batch_by_batch(seed_settings, seed_index, fresh_settings,
                                                                 monkeypatch):
    # Files are embedded and written ~BATCH_CHUNKS passages at a time; the seeds hold 35 passages.
    from index import sync

    monkeypatch.setattr(sync, "BATCH_CHUNKS", 8)
    # The seed index's own embedder: written in batches, the vectors must be the same.
    index = CorpusIndex(fresh_settings.model_copy(update={"embed": seed_settings.embed}).index_config())
    with spy(sync.ChromaVectorStore, "add") as add:
        report = index.sync([seed_settings.corpus_dir], progress=False)
    written = [len(call.args[1]) for call in add.call_args_list]

    assert report.added == 5 and len(written) > 1 and sum(written) == report.chunks == 35
    assert max(written) < 8 + max(d.chunks for d in index.documents())  # bounded: one file over at most
    assert_exactly_one_copy(index)
    batched = sorted((p.id, p.text) for p in index.keyword_index.passages)
    assert batched == sorted((p.id, p.text) for p in seed_index.keyword_index.passages)
    question = "Why did Ant Group halt its stablecoin plans?"
    assert [p.id for p in index.dense(question, 5)] == [p.id for p in seed_index.dense(question, 5)]


def test_files_without_passages_are_batched_too(seed_settings, fresh_settings, monkeypatch):
    # A folder of empty files adds no passages; the file cap still bounds each write.
    from index import store, sync

    monkeypatch.setattr(sync, "BATCH_CHUNKS", 10**6)
    monkeypatch.setattr(sync, "BATCH_FILES", 2)
    with spy(store.ChunkStore, "mark_pending") as mark_pending:
        report = CorpusIndex(fresh_settings.index_config()).sync([seed_settings.corpus_dir], progress=False)
    marked = [len(call.args[1]) for call in mark_pending.call_args_list]
    assert report.added == 5 and marked == [2, 2, 1]


def test_an_open_index_skips_the_version_read_until_another_process_writes(fresh_settings):
    corpus = fresh_settings.corpus_dir
    (corpus / "a.txt").write_text(ARTICLE.format(n="seven"), encoding="utf-8")
    index = CorpusIndex(fresh_settings.index_config())
    index.sync([corpus], progress=False)
    index.refresh()
    with spy(type(index.store), "version") as version:
        index.refresh()  # nothing written since: Chroma is not asked
        assert version.call_count == 0
        (corpus / "b.md").write_text("# Grain\n\nGrain exports rose in the autumn of 2025.\n", encoding="utf-8")
        other = subprocess.run([sys.executable, "-m", "qa.cli", "index"], env=qa_env(fresh_settings),
                               capture_output=True)
        assert other.returncode == 0, other.stderr.decode()[-500:]
        index.refresh()  # another process wrote: read, and followed
        assert version.call_count >= 1
    assert str((corpus / "b.md").resolve()) in {p.source for p in index.keyword_index.passages}
