"""Benchmark on the seed corpus, against baselines measured in the same run.

Prints:
- start-up: `qa --help`, and `qa ask` from a cold process (index built first, then index present);
- cold index time, and indexing passages/s with the models loaded (seeds and the test corpus);
- warm answer() p50/p95 next to llama-index's plain defaults (1024-token chunks, VectorStoreIndex
  over Chroma, the same embedding models, top-k 3; retrieval alone), quiet and with one core kept
  busy by another process;
- `qa serve` under 20 clients x 10 questions on /v1/chat/completions: p95 and answers/s, against one
  process answering the same questions in a loop;
- peak RSS and document-level hit@3 of our retrieval next to the baseline's.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
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
CLIENTS, EACH = 20, 10
QA = str(Path(sys.executable).with_name("qa"))


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


def timed(fn, questions, rounds: int = ROUNDS) -> list[float]:
    for q in questions:
        fn(q)  # warm
    times = []
    for _ in range(rounds):
        for q in questions:
            start = time.perf_counter()
            fn(q)
            times.append((time.perf_counter() - start) * 1000)
    return times


def seconds(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, check=True)
    return time.perf_counter() - start


def start_up(work: Path) -> dict[str, float]:
    """Median of 3 for `qa --help`; `qa ask` on a new index (built first), then with it in place."""
    env = {**os.environ, "QA_INDEX_DIR": str(work / "cold-index"), "QA_CORPUS_DIR": str(work / "seeds")}
    question = [QA, "ask", "Why did Ant halt?"]
    return {"qa --help": statistics.median(seconds([QA, "--help"], env) for _ in range(3)),
            "qa ask, building the index": seconds(question, env),
            "qa ask, index present": statistics.median(seconds(question, env) for _ in range(3))}


def busy_core(fn):
    """Runs fn while another process keeps one core busy."""
    hog = subprocess.Popen([sys.executable, "-c", "print('busy', flush=True)\nwhile True: pass"],
                           stdout=subprocess.PIPE, text=True)
    hog.stdout.readline()  # it is spinning from here on
    try:
        return fn()
    finally:
        hog.kill()


def python_loop() -> float:
    """Seconds of a pure-Python loop: one thread, no library, to tell what a busy core costs on
    this machine itself (shared virtual cores slow even this)."""
    start = time.perf_counter()
    total = 0
    for i in range(3_000_000):
        total += i
    return time.perf_counter() - start


def serve_load(settings: Settings, questions: list[str]) -> tuple[float, float, float]:
    """`qa serve` over the bench index; CLIENTS clients asking EACH questions each, back to back.
    Returns p50 and p95 in seconds and answers/s."""
    import httpx

    sys.path.insert(0, str(ROOT / "tests"))
    from servers import free_port, qa_env, running

    port = free_port()
    with running([QA, "serve", "--port", str(port)], "Running on", qa_env(settings)):
        url = f"http://127.0.0.1:{port}/v1/chat/completions"

        def client(n: int) -> list[float]:
            times = []
            with httpx.Client(timeout=120) as http:
                for i in range(EACH):
                    body = {"model": "seed-qa", "messages": [
                        {"role": "user", "content": questions[(n * EACH + i) % len(questions)]}]}
                    start = time.perf_counter()
                    http.post(url, json=body).raise_for_status()
                    times.append(time.perf_counter() - start)
            return times

        client(0)  # warm
        start = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as pool:
            times = sorted(t for done in pool.map(client, range(CLIENTS)) for t in done)
        elapsed = time.perf_counter() - start
    return statistics.median(times), percentile(times, 95), len(times) / elapsed


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="qa-bench-"))
    corpus = work / "seeds"
    shutil.copytree(ROOT / "seeds", corpus)
    settings = Settings(index_dir=work / "index", corpus_dir=corpus)
    items = [i for path in QA_SETS for i in load(path)]
    questions = [i["question"] for i in items]

    startup = start_up(work)

    start = time.perf_counter()
    index = open_index(settings, build_if_empty=False)
    report = index.sync([corpus], progress=False)
    cold = time.perf_counter() - start
    more = Settings(index_dir=work / "more-index", corpus_dir=corpus)
    more_index = open_index(more, build_if_empty=False)
    start = time.perf_counter()
    more_report = more_index.sync([corpus, ROOT / "tests" / "corpus"], progress=False)
    indexing = more_report.chunks / (time.perf_counter() - start)

    def ours(q: str):
        return answer(q, settings=settings, index=index)

    ours_ms = timed(ours, questions)
    start = time.perf_counter()
    for q in questions * 2:
        ours(q)
    loop_rate = 2 * len(questions) / (time.perf_counter() - start)
    ours_busy_ms = busy_core(lambda: timed(ours, questions, rounds=2))
    floor = busy_core(lambda: min(python_loop() for _ in range(3))) / min(python_loop() for _ in range(3))

    def ours_ranked(question: str) -> list[str]:
        evidence = retrieve(index, analyse(question, index.keyword_index), 10).evidence
        return list(dict.fromkeys(Path(e.passage.source).name for e in evidence))

    base_ranked, base_retriever = baseline(corpus, index.embed_model, work)
    base_ms = timed(base_retriever.retrieve, questions)
    base_busy_ms = busy_core(lambda: timed(base_retriever.retrieve, questions, rounds=2))
    ours_hit, base_hit = hit_at_3(items, ours_ranked), hit_at_3(items, base_ranked)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    serve_p50, serve_p95, serve_rate = serve_load(settings, questions)

    p50, p95 = percentile(ours_ms, 50), percentile(ours_ms, 95)
    b50, b95 = percentile(base_ms, 50), percentile(base_ms, 95)
    busy50, bbusy50 = percentile(ours_busy_ms, 50), percentile(base_busy_ms, 50)
    print(f"corpus: {len(list(corpus.iterdir()))} files, {report.chunks} chunks; "
          f"{len(questions)} questions x {ROUNDS} rounds")
    for name, value in startup.items():
        print(f"start-up, {name}: {value:.2f} s")
    print(f"cold index (model load + read + chunk + embed + write): {cold:.2f} s, "
          f"{report.chunks / cold:.1f} chunks/s")
    print(f"indexing with the models loaded ({more_report.chunks} passages, every sentence embedded too): "
          f"{indexing:.1f} passages/s")
    print(f"{'':<34}{'seed-qa':>12}{'llama-index defaults':>24}{'ratio':>8}")
    print(f"{'warm query p50 (ms)':<34}{p50:>12.1f}{b50:>24.1f}{p50 / b50:>8.2f}"
          "   (seed-qa: full answer(); baseline: retrieve only)")
    print(f"{'warm query p95 (ms)':<34}{p95:>12.1f}{b95:>24.1f}{p95 / b95:>8.2f}")
    print(f"{'p50, one core busy (ms)':<34}{busy50:>12.1f}{bbusy50:>24.1f}{busy50 / bbusy50:>8.2f}")
    print(f"{'  busy / quiet':<34}{busy50 / p50:>12.2f}{bbusy50 / b50:>24.2f}"
          f"   (a one-thread Python loop here: {floor:.2f})")
    print(f"{'retrieval hit@3 (document)':<34}{ours_hit:>12.3f}{base_hit:>24.3f}{ours_hit / base_hit:>8.2f}")
    print(f"qa serve, {CLIENTS} clients x {EACH} questions (/v1/chat/completions): p50 {serve_p50:.3f} s, "
          f"p95 {serve_p95:.3f} s, {serve_rate:.1f} answers/s; one process in a loop: {loop_rate:.1f} answers/s "
          f"(ratio {serve_rate / loop_rate:.2f})")
    print(f"peak RSS: {rss_mb:.0f} MB")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
