"""QA_CHROMA_URL: the same index and answers on a real `chroma run` server."""

import shutil

import pytest

from index.corpus import CorpusIndex
from qa import answer
from qa.settings import Settings
from servers import free_port, running


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    chroma = shutil.which("chroma")
    assert chroma, "the chroma command ships with chromadb"
    port = free_port()
    with running([chroma, "run", "--path", str(tmp_path_factory.mktemp("chroma")),
                  "--host", "127.0.0.1", "--port", str(port)], ready="listening on address"):
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
