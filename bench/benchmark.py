"""Benchmark on the seed corpus, against llama-index's plain defaults measured in the same run.

Prints: cold index time and chunks/s, warm answer() p50/p95, peak RSS, and document-level hit@3 of
our retrieval (128-token passages, dense + BM25 fused) next to llama-index defaults (1024-token
chunks, VectorStoreIndex over Chroma, the same embedding model, top-k 3).
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.evaluate import load  # noqa: E402
from qa.pipeline import answer, open_index  # noqa: E402
from qa.question import analyse  # noqa: E402
from qa.retrieve import retrieve  # noqa: E402
from qa.settings import Settings  # noqa: E402

QA_SETS = [ROOT / "tests" / "data" / n for n in ("dev_qa.jsonl", "tune_qa.jsonl", "heldout_qa.jsonl")]
ROUNDS = 5


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def hit_at_3(items, ranked_files) -> float:
    answerable = [i for i in items if not i.get("abstain")]
    hits = sum(bool(set(i["sources"]) & set(ranked_files(i["question"])[:3])) for i in answerable)
    return hits / len(answerable)


def baseline(corpus: Path, embed_model, workdir: Path):
    """llama-index's defaults: SimpleDirectoryReader, SentenceSplitter(1024), VectorStoreIndex, Chroma."""
    import chromadb
    from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    client = chromadb.PersistentClient(path=str(workdir / "baseline"))
    store = ChromaVectorStore(chroma_collection=client.get_or_create_collection("baseline"))
    docs = SimpleDirectoryReader(str(corpus)).load_data()
    index = VectorStoreIndex.from_documents(
        docs, storage_context=StorageContext.from_defaults(vector_store=store), embed_model=embed_model)
    retriever = index.as_retriever(similarity_top_k=3)

    def ranked(question: str) -> list[str]:
        return list(dict.fromkeys(Path(n.node.metadata["file_path"]).name for n in retriever.retrieve(question)))

    return ranked, retriever


def timed(fn, questions, rounds=ROUNDS) -> list[float]:
    for q in questions:
        fn(q)  # warm
    times = []
    for _ in range(rounds):
        for q in questions:
            start = time.perf_counter()
            fn(q)
            times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="qa-bench-"))
    corpus = work / "seeds"
    shutil.copytree(ROOT / "seeds", corpus)
    settings = Settings(index_dir=work / "index", corpus_dir=corpus)
    items = [i for path in QA_SETS for i in load(path)]
    questions = [i["question"] for i in items]

    start = time.perf_counter()
    index = open_index(settings, build_if_empty=False)
    report = index.sync([corpus], progress=False)
    cold = time.perf_counter() - start

    ours_ms = timed(lambda q: answer(q, settings=settings, index=index), questions)

    def ours_ranked(question: str) -> list[str]:
        evidence = retrieve(index, analyse(question, index.keyword_index), 10).evidence
        return list(dict.fromkeys(Path(e.passage.source).name for e in evidence))

    base_ranked, base_retriever = baseline(corpus, index.embed_model, work)
    base_ms = timed(base_retriever.retrieve, questions)
    ours_hit, base_hit = hit_at_3(items, ours_ranked), hit_at_3(items, base_ranked)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    p50, p95 = percentile(ours_ms, 50), percentile(ours_ms, 95)
    b50, b95 = percentile(base_ms, 50), percentile(base_ms, 95)
    print(f"corpus: {len(list(corpus.iterdir()))} files, {report.chunks} chunks; "
          f"{len(questions)} questions x {ROUNDS} rounds")
    print(f"cold index (model load + read + chunk + embed + write): {cold:.2f} s, "
          f"{report.chunks / cold:.1f} chunks/s")
    print(f"{'':<34}{'seed-qa':>12}{'llama-index defaults':>24}{'ratio':>8}")
    print(f"{'warm query p50 (ms)':<34}{p50:>12.1f}{b50:>24.1f}{p50 / b50:>8.2f}"
          "   (seed-qa: full answer(); baseline: retrieve only)")
    print(f"{'warm query p95 (ms)':<34}{p95:>12.1f}{b95:>24.1f}{p95 / b95:>8.2f}")
    print(f"{'retrieval hit@3 (document)':<34}{ours_hit:>12.3f}{base_hit:>24.3f}{ours_hit / base_hit:>8.2f}")
    print(f"peak RSS: {rss_mb:.0f} MB")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
