"""QA_CHROMA_URL: the same index and answers on a real `chroma run` server."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from gradio_client import Client, handle_file

from index.corpus import CorpusIndex
from index.errors import StoreError
from qa import answer
from qa.settings import Settings
from servers import free_port, running

pytestmark = pytest.mark.slow  # end to end: `make test-slow`

ROOT = Path(__file__).resolve().parent.parent
# The project's own `chroma` (installed with chromadb beside this interpreter), never one that
# happens to be on PATH: `make test` runs the venv's python without the venv on PATH.
CHROMA = str(Path(sys.executable).with_name("chroma"))


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    chroma = CHROMA
    assert Path(chroma).exists(), "the chroma command ships with chromadb"
    port = free_port()
    with running([str(chroma), "run", "--path", str(tmp_path_factory.mktemp("chroma")),
                  "--host", "127.0.0.1", "--port", str(port)], ready="listening on address", port=port):
        yield f"http://127.0.0.1:{port}"


def test_index_and_answer_through_the_server(chroma_url, tmp_path, seed_settings):
    settings = Settings(index_dir=tmp_path / "unused", chroma_url=chroma_url,
                        corpus_dir=seed_settings.corpus_dir)
    writer = CorpusIndex(settings.index_config())
    reader = CorpusIndex(settings.index_config())  # a second client, as another process would be
    assert reader.is_empty()
    assert writer.sync([settings.corpus_dir], progress=False).added == 5
    result = answer("What is Trusple?", settings=settings, index=reader)
    assert not result.abstained and result.citations[0].source.endswith("002_6f2401aee4336630.txt")

    new = tmp_path / "extra.txt"
    new.write_text("Lantau token bridge\n\nThe Lantau token bridge settles ferry tickets with "
                   "a stablecoin called FerryPay since November 2025.\n", encoding="utf-8")
    writer.sync([new], progress=False)
    seen = answer("What is FerryPay?", settings=settings, index=reader)
    assert seen.citations and seen.citations[0].source == str(new.resolve())
    assert not (tmp_path / "unused").exists()  # nothing was written to the embedded store


def serve_env(tmp_path: Path, chroma: str, name: str) -> dict:
    corpus = tmp_path / name
    corpus.mkdir()
    return {**os.environ, "QA_CHROMA_URL": chroma, "QA_INDEX_DIR": str(tmp_path / f"unused-{name}"),
            "QA_CORPUS_DIR": str(corpus)}


def test_two_ui_processes_see_each_others_updates(tmp_path):
    chroma, port = CHROMA, free_port()
    with running([str(chroma), "run", "--path", str(tmp_path / "chroma"), "--host", "127.0.0.1",
                  "--port", str(port)], ready="listening on address", port=port):
        url = f"http://127.0.0.1:{port}"
        seeded = subprocess.run([sys.executable, "-m", "qa.cli", "index", str(ROOT / "seeds")],
                                env=serve_env(tmp_path, url, "cli"), capture_output=True, text=True, timeout=300)
        assert seeded.returncode == 0, seeded.stderr
        ports = free_port(), free_port()
        with running([sys.executable, "-m", "qa.cli", "serve", "--port", str(ports[0])],
                     ready="Running on local URL", env=serve_env(tmp_path, url, "a")), \
             running([sys.executable, "-m", "qa.cli", "serve", "--port", str(ports[1])],
                     ready="Running on local URL", env=serve_env(tmp_path, url, "b")):
            a, b = (Client(f"http://127.0.0.1:{p}/", verbose=False) for p in ports)
            article = tmp_path / "harbour.txt"
            article.write_text("Harbour Bank pilots a token\n2025-11-02\n\nHarbour Bank started a pilot of "
                               "an offshore yuan stablecoin called HarbourCoin in Macau.\n", encoding="utf-8")
            status = a.predict([handle_file(str(article))], api_name="/add_documents")[0]
            assert "Added harbour.txt" in status
            seen = b.predict("What is HarbourCoin?", api_name="/ask")
            assert Path(seen["citations"][0]["source"]).name == "harbour.txt"
            removed = b.predict(seen["citations"][0]["source"], api_name="/remove_document")
            assert "Removed harbour.txt" in removed
            assert a.predict("What is HarbourCoin?", api_name="/ask")["abstained"]
            assert not a.predict("Why did Ant halt?", api_name="/ask")["abstained"]


def test_server_outage_is_a_clear_error_and_recovers(tmp_path, seed_settings):
    chroma, port, path = CHROMA, free_port(), tmp_path / "chroma"
    command = [chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    settings = Settings(index_dir=tmp_path / "unused", chroma_url=f"http://127.0.0.1:{port}",
                        corpus_dir=seed_settings.corpus_dir)
    with running(command, ready="listening on address", port=port):
        index = CorpusIndex(settings.index_config())
        index.sync([settings.corpus_dir], progress=False)
        assert not answer("Why did Ant halt?", settings=settings, index=index).abstained
    with pytest.raises(StoreError) as down:  # the server is gone: one clear line, no hang
        answer("Why did Ant halt?", settings=settings, index=index)
    message = str(down.value)
    assert "\n" not in message and f"Chroma server http://127.0.0.1:{port}" in message and "chroma run" in message
    cli = subprocess.run([sys.executable, "-m", "qa.cli", "ask", "Why did Ant halt?"],
                         env=serve_env(tmp_path, settings.chroma_url, "cli"), capture_output=True,
                         text=True, timeout=120)
    assert cli.returncode == 1 and cli.stderr.startswith("qa: error: cannot use the Chroma server")
    with running(command, ready="listening on address", port=port):  # back, same data: the same index recovers
        result = answer("Why did Ant halt?", settings=settings, index=index)
        assert not result.abstained and result.citations
