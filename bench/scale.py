"""Scale benchmark: index synthetic corpora of growing size and print, per size, index time and
chunks/s, peak RSS, warm answer() p50/p95, retrieval hit@3 on planted facts, and the cost of
re-indexing one changed file against indexing that file alone (measured in the same run).

    python bench/scale.py [--embed MODEL] [SIZE ...]     # default 1000 10000 100000 chunks

Each size runs in its own process, so peak RSS is that size's own. Writes docs/scale.md and
docs/scale.png.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

CHUNKS_PER_ARTICLE = 7  # measured: a 600-word synthetic article makes 7 passages of 128 tokens
QUESTIONS = 50


def measure(size: int, embed: str) -> dict:
    from corpus_gen import seed_chain, write_corpus
    from index.corpus import CorpusIndex
    from qa.pipeline import answer
    from qa.question import analyse
    from qa.retrieve import retrieve
    from qa.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        facts = write_corpus(tmp / "corpus", math.ceil(size / CHUNKS_PER_ARTICLE), seed_chain(ROOT / "seeds"))
        settings = Settings(index_dir=tmp / "index", corpus_dir=tmp / "corpus", embed=embed)
        index = CorpusIndex(settings.index_config())
        index.embed_model.get_query_embedding("warm up")  # model loading is not indexing
        start = time.perf_counter()
        report = index.sync([tmp / "corpus"], progress=False)
        index_s = time.perf_counter() - start

        sample = random.Random(1).sample(facts, min(QUESTIONS, len(facts)))
        answer(sample[0].question, settings=settings, index=index)  # warm: BM25 built, caches filled
        timings, hits = [], 0
        for fact in sample:
            t = time.perf_counter()
            answer(fact.question, settings=settings, index=index)
            timings.append(time.perf_counter() - t)
            evidence = retrieve(index, analyse(fact.question, index.keyword_index), 3).evidence
            hits += any(fact.answer in e.passage.text for e in evidence)
        timings.sort()

        changed = sample[-1].path
        changed.write_text(changed.read_text(encoding="utf-8") + "\nThe pilot was extended by a month.\n",
                           encoding="utf-8")
        t = time.perf_counter()
        index.sync([changed], progress=False)
        one_file_s = time.perf_counter() - t
        changed.write_text(changed.read_text(encoding="utf-8") + "It will report in June.\n", encoding="utf-8")
        t = time.perf_counter()
        index.sync([tmp / "corpus"], progress=False)
        rescan_s = time.perf_counter() - t
        alone = CorpusIndex(settings.model_copy(update={"index_dir": tmp / "alone"}).index_config())
        alone.embed_model.get_query_embedding("warm up")
        t = time.perf_counter()
        alone.sync([changed], progress=False)
        alone_s = time.perf_counter() - t
    return {"chunks": report.chunks, "files": report.added, "index_s": index_s,
            "chunks_per_s": report.chunks / index_s,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "p50_ms": 1000 * statistics.median(timings),
            "p95_ms": 1000 * timings[max(0, math.ceil(0.95 * len(timings)) - 1)],
            "hit_at_3": hits / len(sample), "changed_file_s": one_file_s, "rescan_folder_s": rescan_s,
            "file_alone_s": alone_s}


def table(rows: list[dict]) -> str:
    lines = ["| chunks | files | index s | chunks/s | peak RSS MB | answer p50 ms | p95 ms | hit@3 "
             "| changed file s | folder rescan s | that file alone s |", "|" + "---|" * 11]
    for r in rows:
        lines.append(f"| {r['chunks']:,} | {r['files']:,} | {r['index_s']:.0f} | {r['chunks_per_s']:.0f} "
                     f"| {r['peak_rss_mb']:.0f} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['hit_at_3']:.2f} "
                     f"| {r['changed_file_s']:.2f} | {r['rescan_folder_s']:.2f} | {r['file_alone_s']:.2f} |")
    return "\n".join(lines)


def ratios(rows: list[dict]) -> str:
    small, large = rows[0], rows[-1]
    growth = large["chunks"] / small["chunks"]
    return (f"From {small['chunks']:,} to {large['chunks']:,} chunks ({growth:.0f}x): answer p50 grew "
            f"{large['p50_ms'] / small['p50_ms']:.1f}x, index time {large['index_s'] / small['index_s']:.0f}x. "
            f"In the largest corpus one changed file took {large['changed_file_s']:.2f} s to re-index "
            f"({large['changed_file_s'] / large['file_alone_s']:.1f}x indexing it alone, "
            f"{large['file_alone_s']:.2f} s); rescanning the whole folder for it took "
            f"{large['rescan_folder_s']:.2f} s.")


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    chunks = [r["chunks"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(chunks, [r["p50_ms"] for r in rows], "o-", label="p50")
    left.plot(chunks, [r["p95_ms"] for r in rows], "s--", label="p95")
    left.set(xscale="log", xlabel="chunks", ylabel="answer() latency, ms", title="Warm query latency")
    left.legend()
    right.plot(chunks, [r["index_s"] for r in rows], "o-")
    right.set(xscale="log", yscale="log", xlabel="chunks", ylabel="seconds", title="Index time")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--embed", default="minilm+use", help="embedding model (QA_EMBED)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child: one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.sizes[0], args.embed)))
        return
    rows = []
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", "--embed", args.embed, str(size)],
                             capture_output=True, text=True)
        if out.returncode:
            sys.exit(f"scale: size {size} failed:\n{out.stderr[-2000:]}")
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
    print("\n" + table(rows) + "\n\n" + ratios(rows))
    docs = ROOT / "docs"
    plot(rows, docs / "scale.png")
    (docs / "scale.md").write_text(
        f"# Scale benchmark\n\n`python bench/scale.py --embed {args.embed}` on 2 cores (synthetic "
        "corpora from `bench/corpus_gen.py`; one planted fact per article).\n\n" + table(rows) + "\n\n" + ratios(rows)
        + "\n\n![latency and index time against corpus size](scale.png)\n", encoding="utf-8")


if __name__ == "__main__":
    main()
