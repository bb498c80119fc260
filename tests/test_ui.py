"""The web app on a real Gradio server: the `/ask` endpoint, concurrent clients, what it serves
and to whom, and uploads that must not write outside the corpus folder."""

import os
import re
import stat
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.exceptions import AuthenticationError

from qa import answer
from qa.errors import SeedQAError
from servers import ask_concurrently, free_port, serving
from ui import documents
from ui.access import check_bind
from ui.uploads import safe_name, save


@pytest.fixture(scope="module")
def server(seed_settings, seed_index):
    with serving(seed_settings) as url:
        yield url


def test_ask_endpoint_returns_the_answer_json(server, seed_settings, seed_index):
    question = "Why did Ant halt?"
    got = Client(server, verbose=False).predict(question, api_name="/ask")
    assert got == answer(question, settings=seed_settings, index=seed_index).to_dict()
    assert got["citations"] and got["citations"][0]["source"].endswith("004_f3017f71133a5652.txt")


def test_ask_endpoint_abstains(server):
    got = Client(server, verbose=False).predict("Who is the CEO of Tesla?", api_name="/ask")
    assert got["abstained"] is True and got["citations"] == []


def test_ten_clients_asking_five_questions_each_at_once(server):
    ask_concurrently(server, 10, ["Why did Ant halt?", "What is Trusple?", "Who is the CEO of Tesla?",
                                  "Which companies are lobbying China's central bank for offshore yuan "
                                  "stablecoins?", "What did JD.com plan to do in Hong Kong?"], "concurrency.txt")


@pytest.mark.parametrize("path", ["/etc/passwd", "seeds/004_f3017f71133a5652.txt"])
def test_no_file_outside_the_uploads_is_served(server, seed_settings, path):
    target = path if path.startswith("/") else str(seed_settings.corpus_dir.parent / path)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{server}gradio_api/file={target}", timeout=30)
    assert refused.value.code in (403, 404)


def test_non_local_bind_without_auth_is_refused(fresh_settings):
    out = subprocess.run([sys.executable, "-m", "qa.cli", "serve", "--host", "0.0.0.0", "--port",
                          str(free_port()), "--index-dir", str(fresh_settings.index_dir)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.startswith("qa: error: listening on 0.0.0.0") and "--auth" in out.stderr
    assert not fresh_settings.index_dir.exists(), "nothing was loaded or built"


@pytest.mark.parametrize("host, auth, key, no_auth, refused", [
    ("127.0.0.1", None, None, False, None), ("localhost", None, None, False, None), ("::1", None, None, False, None),
    ("0.0.0.0", None, None, False, "--auth user:password .* and --api-key"),
    ("192.168.1.5", None, "k", False, "--auth user:password"), ("example.org", "ann:secret", None, False, "--api-key"),
    ("0.0.0.0", "ann:secret", "k", False, None), ("0.0.0.0", None, None, True, None),
])
def test_bind_policy(host, auth, key, no_auth, refused):
    if refused is None:
        check_bind(host, auth, no_auth, key)
    else:
        with pytest.raises(SeedQAError, match=refused):
            check_bind(host, auth, no_auth, key)


def test_auth_is_required_when_set(seed_settings, seed_index):
    with serving(seed_settings, check_bind("127.0.0.1", "ann:secret", False)) as url:
        with pytest.raises(AuthenticationError):
            Client(url, verbose=False)
        got = Client(url, auth=("ann", "secret"), verbose=False).predict("What is Trusple?", api_name="/ask")
        assert not got["abstained"]


def test_path_traversal_name_stays_in_the_corpus_folder(tmp_path):
    corpus, upload = tmp_path / "corpus", tmp_path / "upload.txt"
    upload.write_text("Harbour Bank news\n\nHarbour Bank opened a branch in Macau.\n", encoding="utf-8")
    saved = save(upload, "../../outside.txt", corpus, 10**6)
    assert saved == corpus.resolve() / "outside.txt"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["corpus", "outside.txt", "upload.txt"]


@pytest.mark.parametrize("name, content, reason", [
    ("big.txt", b"word " * 300_000, "over the 1 MB limit"),
    ("notes.exe", b"MZ\x90\x00", "only .htm"),
    ("../../../etc/cron.d/job", b"* * * * * root true", "only .htm"),
    ("binary.txt", b"\x00\x01\x02" * 100, "binary file"),
    ("empty.txt", b"", "the file is empty"),
    ("blank.md", b"  \n\n \t\n", "the file is empty"),
])
def test_refused_upload_writes_nothing(tmp_path, fresh_settings, name, content, reason):
    upload = tmp_path / "upload.bin"
    upload.write_bytes(content)
    with pytest.raises(SeedQAError, match=re.escape(reason)):
        save(upload, name, fresh_settings.corpus_dir, 10**6)
    assert list(fresh_settings.corpus_dir.iterdir()) == []


def test_documents_panel_reports_a_refused_file_and_keeps_the_index(tmp_path, fresh_settings, seed_index):
    upload = tmp_path / "slides.pptx"
    upload.write_bytes(b"PK\x03\x04")
    before = seed_index.documents()
    lines = documents.add(seed_index, fresh_settings, [str(upload)])
    assert lines == ["✗ Refused 'slides.pptx': only .htm, .html, .markdown, .md, .pdf, .txt files are accepted"]
    assert not fresh_settings.upload_dir.exists() and seed_index.documents() == before


@pytest.mark.parametrize("name, saved", [
    ("新闻.txt", "新闻.txt"), ("évolution des prix.md", "évolution_des_prix.md"),
    ("Ünïcödé–report.HTML", "Ünïcödé_report.html"), ("\u202egnp.txt", "gnp.txt"),
    ("报告" * 100 + ".txt", "报告" * 33 + ".txt"),
])
def test_upload_names_in_any_script_are_kept(name, saved):
    assert safe_name(name) == saved and len(saved.encode()) <= 255


def test_uploads_go_to_the_index_folder_with_the_users_permissions(tmp_path, fresh_settings):
    upload = tmp_path / "upload.bin"
    upload.write_text("Ferry tolls\n\nFerry tolls in Macau rose by ten percent.\n", encoding="utf-8")
    previous = os.umask(0o022)
    try:
        saved = save(upload, "新闻.txt", fresh_settings.upload_dir, 10**6)
    finally:
        os.umask(previous)
    assert saved == fresh_settings.index_dir.resolve() / "uploads" / "新闻.txt"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o644
    assert list(fresh_settings.corpus_dir.iterdir()) == []  # the corpus (source tree) is untouched
    assert [p.name for p in saved.parent.iterdir()] == ["新闻.txt"]  # no temporary file left


def test_uploads_saved_but_not_indexed_before_a_crash_are_indexed_at_the_next_start(fresh_settings):
    from index.corpus import CorpusIndex

    fresh_settings.upload_dir.mkdir(parents=True)
    (fresh_settings.upload_dir / "ferry.txt").write_text(
        "Ferry tolls\n\nFerry tolls in Macau rose by ten percent, the port said.\n", encoding="utf-8")
    index = CorpusIndex(fresh_settings.index_config())
    assert index.is_empty()
    report = documents.catch_up(index, fresh_settings)
    assert report.added == 1 and [Path(d.source).name for d in index.documents()] == ["ferry.txt"]


def test_remove_takes_only_indexed_documents_and_keeps_every_removed_file(fresh_settings):
    from index.corpus import CorpusIndex

    index = CorpusIndex(fresh_settings.index_config())
    corpus = fresh_settings.corpus_dir
    for version in ("first", "second"):
        (corpus / "note.txt").write_text(f"Harbour note\n\nThe {version} harbour note about ferry tolls.\n",
                                         encoding="utf-8")
        index.sync([corpus / "note.txt"], progress=False)
        message = documents.remove(index, fresh_settings, str((corpus / "note.txt").resolve()))
        assert message.startswith("Removed note.txt")
    kept = sorted((corpus / documents.REMOVED_DIR).iterdir())
    assert [p.name for p in kept] == ["note-2.txt", "note.txt"]
    assert "first" in kept[1].read_text() and "second" in kept[0].read_text()
    with pytest.raises(SeedQAError, match="not a document of the index"):
        documents.remove(index, fresh_settings, "/")
