import os
import shutil
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"  # nothing may download: fail loudly instead

from qa.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory) -> Settings:
    """Settings over a private copy of the seed articles with its own index."""
    base = tmp_path_factory.mktemp("seeded")
    corpus = base / "seeds"
    shutil.copytree(ROOT / "seeds", corpus)
    return Settings(index_dir=base / "index", corpus_dir=corpus)


@pytest.fixture(scope="session")
def seed_index(seed_settings):
    from qa.pipeline import open_index

    return open_index(seed_settings)


@pytest.fixture
def fresh_settings(tmp_path, monkeypatch) -> Settings:
    """Settings with an empty corpus folder and an empty index of the test's own, embedded by
    hashed words (also for `qa` run in or from the test): these tests are about plumbing, not
    answer quality, and skip loading models."""
    monkeypatch.setenv("QA_EMBED", "hash")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    return Settings(index_dir=tmp_path / "index", corpus_dir=corpus, embed="hash")


def _pdf_bytes(text: str) -> bytes:
    """A minimal one-page PDF with `text` in Helvetica (no PDF writer library needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture
def make_pdf():
    def make(path: Path, text: str) -> Path:
        path.write_bytes(_pdf_bytes(text))
        return path
    return make


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory) -> Settings:
    """Settings over the seeds plus the test corpus (other subjects, styles and formats, one
    article in Chinese, a follow-up story), indexed together."""
    base = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "seeds", base / "seeds")
    shutil.copytree(ROOT / "tests" / "corpus", base / "more")
    return Settings(index_dir=base / "index", corpus_dir=base / "seeds")


@pytest.fixture(scope="session")
def corpus_index(corpus_settings):
    from qa.pipeline import open_index

    index = open_index(corpus_settings)
    index.sync([corpus_settings.corpus_dir.parent / "more"], progress=False)
    return index
