"""Load: 20 clients asking 10 questions each at once against `qa serve`, run as a user runs it."""

import os
import shutil
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from gradio_client import Client

from servers import free_port, running

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).parent / "artifacts"
QUESTIONS = ["Why did Ant halt?", "What is Trusple?", "Who is the CEO of Tesla?",
             "Which companies are lobbying China's central bank for offshore yuan stablecoins?",
             "What did JD.com plan to do in Hong Kong?", "蚂蚁集团为什么暂停稳定币计划？",
             "What is the latest status of JD.com's stablecoin plans?", "What did the PBoC warn about?",
             "When did Hong Kong's stablecoin ordinance take effect?", "What was Bitcoin's price?"]


def test_twenty_clients_ten_questions_each(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "corpus")
    port = free_port()
    env = {**os.environ, "QA_INDEX_DIR": str(tmp_path / "index"), "QA_CORPUS_DIR": str(tmp_path / "corpus")}
    with running([sys.executable, "-m", "qa.cli", "serve", "--port", str(port)],
                 ready="Running on local URL", env=env):
        url = f"http://127.0.0.1:{port}/"

        def client_session(_):
            client, timings = Client(url, verbose=False), []
            for question in QUESTIONS:
                start = time.perf_counter()
                got = client.predict(question, api_name="/ask")
                timings.append(time.perf_counter() - start)
                assert got["question"] == question and (got["citations"] or got["abstained"])
            return timings

        with ThreadPoolExecutor(20) as pool:
            timings = sorted(t for session in pool.map(client_session, range(20)) for t in session)
    assert len(timings) == 200
    p50, p95 = statistics.median(timings), timings[int(0.95 * len(timings)) - 1]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "load.txt").write_text(f"20 clients x 10 questions: p50 {p50:.3f} s, p95 {p95:.3f} s\n")
    print(f"\n/ask, 20 clients x 10 questions: p50 {p50:.3f} s, p95 {p95:.3f} s")
