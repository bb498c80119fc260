"""Faults: indexing killed (SIGKILL) at random points, and a corrupted or half-written index."""

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from llama_index.core.node_parser import SentenceSplitter

from index.chunking import chunk_article
from index.corpus import IndexConfig
from index.readers import read_article
from qa.settings import Settings

ROOT = Path(__file__).resolve().parent.parent

# `qa index` that SIGKILLs itself at its KILL_AT-th write to Chroma, before or after the write.
KILLER = """
import os, signal, sys
from chromadb.api.models.Collection import Collection
at, after, calls = int(os.environ["KILL_AT"]), os.environ["KILL_AFTER"] == "1", [0]
def wrap(name):
    original = getattr(Collection, name)
    def write(self, *args, **kwargs):
        calls[0] += 1
        if calls[0] == at and not after:
            os.kill(os.getpid(), signal.SIGKILL)
        result = original(self, *args, **kwargs)
        if calls[0] == at and after:
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    setattr(Collection, name, write)
for name in ("add", "upsert", "update", "delete"):
    wrap(name)
from qa.cli import main
sys.exit(main(sys.argv[1:]))
"""


# Embedded Chroma serves one process at a time (each `qa` command is one), so every look at the
# index is a process of its own too: PROBE answers a question, or syncs first, and reports.
PROBE = """
import json, sys
from index.corpus import CorpusIndex
from qa.pipeline import answer
from qa.settings import Settings
settings = Settings()
index = CorpusIndex(settings.index_config())
if sys.argv[1] == "sync":
    index.sync([settings.corpus_dir], progress=False)
result = answer("Why did Ant halt?", settings=settings, index=index)
versions = {}
for p in index.keyword_index.passages:
    versions.setdefault(p.source, set()).add(p.id.split("#")[0])
print(json.dumps({"abstained": result.abstained, "cited": len(result.citations),
                  "one_version_each": all(len(v) == 1 for v in versions.values()),
                  "ids": sorted(p.id for p in index.keyword_index.passages), "count": index.store.count()}))
"""


def probe(env: dict, mode: str) -> dict:
    run = subprocess.run([sys.executable, "-c", PROBE, mode], env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def expected_ids(folder: Path) -> list[str]:
    splitter = SentenceSplitter(chunk_size=Settings().chunk_tokens, chunk_overlap=IndexConfig.chunk_overlap)
    return sorted(n.node_id for f in sorted(folder.iterdir()) if f.is_file()
                  for n in chunk_article(read_article(f), splitter))


def mutate(corpus: Path, rng: random.Random, trial: int) -> str:
    """Change, add or delete a file, as users do between runs (deleting only added ones, so the
    seed articles stay to be asked about)."""
    files = sorted(corpus.glob("*.txt"))
    briefs = sorted(corpus.glob("brief_*.txt"))
    action = rng.choice(["change", "add", "delete"] if briefs else ["change", "add"])
    if action == "change":
        target = rng.choice(files)
        with target.open("a", encoding="utf-8") as f:
            f.write(f"\nAn update in trial {trial} said the review would take {trial + 2} more weeks.\n")
    elif action == "add":
        (corpus / f"brief_{trial}.txt").write_text(
            f"Market brief {trial}\n2025-11-{trial + 1:02d}\n\nRegulators in Hong Kong said on day {trial} "
            f"that {trial + 3} issuers had applied for stablecoin licences this quarter.\n", encoding="utf-8")
    else:
        rng.choice(briefs).unlink()
    return action


@pytest.mark.slow  # a soak of 10 kills; tests/test_sync.py kills at the two commit points in the fast tier
def test_index_killed_at_random_points_keeps_answering_and_converges(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    env = {**os.environ, "QA_INDEX_DIR": str(tmp_path / "index"), "QA_CORPUS_DIR": str(corpus), "QA_EMBED": "hash"}
    probe(env, "sync")
    rng = random.Random(20251121)
    killed = 0
    for trial in range(10):
        mutate(corpus, rng, trial)
        env.update(KILL_AT=str(rng.randint(1, 10)), KILL_AFTER=rng.choice("01"))
        run = subprocess.run([sys.executable, "-c", KILLER, "index"], env=env, capture_output=True,
                             text=True, timeout=300)
        assert run.returncode in (0, -9), run.stderr
        killed += run.returncode == -9
        # Whatever state the kill left, the index answers and never shows two versions of a file.
        after_kill = probe(env, "ask")
        assert not after_kill["abstained"] and after_kill["cited"] and after_kill["one_version_each"]
        # The next run converges to exactly the chunks of the files on disk, nothing left over.
        converged = probe(env, "sync")
        wanted = expected_ids(corpus)
        assert converged["ids"] == wanted and converged["count"] == len(wanted)
        assert not converged["abstained"]
    assert killed >= 5, "most trials should have been killed mid-run"


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_corrupt_index_gives_a_clear_message_and_rebuild_recovers(tmp_path, damage):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    env = {**os.environ, "QA_INDEX_DIR": str(tmp_path / "index"), "QA_CORPUS_DIR": str(corpus), "QA_EMBED": "hash"}

    def qa(*args):
        return subprocess.run([sys.executable, "-m", "qa.cli", *args], env=env, capture_output=True,
                              text=True, timeout=300)

    assert qa("index").returncode == 0
    database = tmp_path / "index" / "chroma" / "chroma.sqlite3"
    if damage == "garbage":
        database.write_bytes(random.Random(0).randbytes(50_000))
    else:  # a copy or a write cut short
        database.write_bytes(database.read_bytes()[:20_000])
    broken = qa("ask", "Why did Ant halt?")
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert broken.stderr.count("\n") == 1 and "qa index --rebuild" in broken.stderr
    rebuilt = qa("index", "--rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "added 5" in rebuilt.stdout
    again = qa("ask", "Why did Ant halt?")
    assert again.returncode == 0 and "[1]" in again.stdout
