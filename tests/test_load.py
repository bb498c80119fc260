"""Load: 20 clients asking 10 questions each at once against `qa serve`, run as a user runs it."""

import os
import shutil
import sys
from pathlib import Path

import pytest

from servers import ask_concurrently, free_port, running

pytestmark = pytest.mark.slow  # end to end: `make test-slow`

ROOT = Path(__file__).resolve().parent.parent
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
        ask_concurrently(f"http://127.0.0.1:{port}/", 20, QUESTIONS, "load.txt")
