"""Hostile input through the CLI, the Python API and `/ask`: a clear error or a handled case,
never a crash, and the index intact afterwards."""

import json
import shutil
from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st
from test_cli import assert_one_line_error, run_qa

from index.readers import SUFFIXES, read_article
from qa import QuestionError, answer
from qa.settings import Settings
from servers import qa_env, serving
from ui.uploads import UploadError, safe_name

ROOT = Path(__file__).resolve().parent.parent
MEGABYTE_QUESTION = "Why did Ant halt? " * 60_000  # ~1 MB
HOSTILE_NAMES = ["-rf.txt", "a\nb.txt", "$(reboot).txt", "ü😀 Ω.txt", "x" * 200 + ".txt",
                 " leading space.txt", "semi;colon&amp.md", "quote'\"back`tick.txt"]


@pytest.mark.parametrize("question, error", [
    ("", "the question is empty"), ("   \n\t ", "the question is empty"),
    ("\x00\x01\x02\x1b", "the question is empty"), (MEGABYTE_QUESTION, "ask in at most 2,000"),
    ("??? !!", "has no words"),
], ids=["empty", "whitespace", "control", "1MB", "punctuation"])  # short ids: the test id goes into the environment
def test_api_refuses_unaskable_questions(seed_settings, seed_index, question, error):
    with pytest.raises(QuestionError, match=error):
        answer(question, settings=seed_settings, index=seed_index)


def test_control_characters_and_nul_are_stripped(seed_settings, seed_index):
    result = answer("Why\x00 did Ant\x1b[31m halt?\x07", settings=seed_settings, index=seed_index)
    assert not result.abstained and result.question == "Why did Ant halt?"


@pytest.mark.parametrize("stdin, error", [(MEGABYTE_QUESTION, "ask in at most 2,000"),
                                          ("\x00\x00\n", "the question is empty")], ids=["1MB", "nul"])
def test_cli_refuses_unaskable_questions_from_stdin(seed_settings, seed_index, stdin, error):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "qa.cli", "ask", "-"], input=stdin, env=qa_env(seed_settings),
                            capture_output=True, text=True, timeout=300)
    assert_one_line_error(result, error)


def test_cli_answers_with_control_characters(seed_settings, seed_index):
    result = run_qa(["ask", "Why did Ant\x1b[2J halt?\x07", "--json"], seed_settings)
    assert result.returncode == 0 and json.loads(result.stdout)["citations"]


@pytest.fixture(scope="module")
def ask_server(seed_settings, seed_index):
    with serving(seed_settings) as url:
        yield Client(url, verbose=False)


@pytest.mark.parametrize("question, error", [("", "the question is empty"), ("\x00\x01", "the question is empty"),
                                             (MEGABYTE_QUESTION, "ask in at most 2,000")],
                         ids=["empty", "control", "1MB"])
def test_ask_endpoint_refuses_unaskable_questions(ask_server, question, error):
    with pytest.raises(AppError, match=error):
        ask_server.predict(question, api_name="/ask")


def test_ask_endpoint_answers_with_control_characters(ask_server):
    assert ask_server.predict("Why did Ant\x1b[2J halt?\x07", api_name="/ask")["citations"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Settings:
    """An index of the seeds, to throw bad files at through `qa index`."""
    base = tmp_path_factory.mktemp("hostile")
    shutil.copytree(ROOT / "seeds", base / "corpus")
    settings = Settings(index_dir=base / "index", corpus_dir=base / "corpus", embed="hash")
    assert run_qa(["index"], settings).returncode == 0
    return settings


def documents(settings: Settings) -> dict:
    result = run_qa(["ask", "Why did Ant halt?", "--json"], settings)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("name, make, error", [
    ("latin1.txt", lambda p: p.write_bytes(b"Caf\xe9 news\n\nLatin-1 text, not UTF-8.\n"), "not UTF-8"),
    ("huge.txt", lambda p: p.write_bytes(b"Stablecoin news. " * 3_000_000), "too big"),
    ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj garbage"), "broken PDF"),
    ("loop.txt", lambda p: (p.symlink_to(p.with_name("loop2.txt")), p.with_name("loop2.txt").symlink_to(p)),
     "link loop"),
])
def test_bad_file_is_a_one_line_error_and_the_index_is_intact(hostile, tmp_path, name, make, error):
    before = documents(hostile)
    make(tmp_path / name)
    assert_one_line_error(run_qa(["index", str(tmp_path / name)], hostile), error)
    assert documents(hostile) == before


def test_empty_file_is_refused_with_a_message(hostile, tmp_path):
    before = documents(hostile)
    (tmp_path / "empty.txt").write_bytes(b"")
    assert_one_line_error(run_qa(["index", str(tmp_path / "empty.txt")], hostile), "the file is empty")
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "blank.md").write_text(" \n\n", encoding="utf-8")
    in_folder = run_qa(["index", str(folder)], hostile)
    assert in_folder.returncode == 0 and "blank.md: the file is empty" in in_folder.stderr
    assert "added 0," in in_folder.stdout and documents(hostile) == before


def test_folder_with_hostile_names_and_a_symlink_loop(hostile, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    places = ["Taipa", "Coloane", "Cotai", "Zhuhai", "Hengqin", "Nansha", "Qianhai", "Shekou"]
    for name, place in zip(HOSTILE_NAMES, places):
        (folder / name).write_text(f"Harbour tolls in {place}\n\nHarbour tolls in {place} rose by "
                                   f"{len(place) + 10} percent this year, the port authority said.\n",
                                   encoding="utf-8")
    (folder / "loop").symlink_to(folder)  # a folder that contains itself
    result = run_qa(["index", str(folder)], hostile)
    assert result.returncode == 0, result.stderr
    assert f"added {len(HOSTILE_NAMES)}," in result.stdout
    got = json.loads(run_qa(["ask", "How much did harbour tolls rise in Cotai?", "--json"], hostile).stdout)
    assert Path(got["citations"][0]["source"]).name == "$(reboot).txt"
    assert run_qa(["index", "--remove", str(folder)], hostile).returncode == 0


@hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_is_answered_or_refused_cleanly(seed_settings, seed_index, question):
    try:
        result = answer(question, settings=seed_settings, index=seed_index)
    except QuestionError as e:
        assert "\n" not in str(e)
        return
    assert result.abstained == (not result.citations)
    for c in result.citations:
        assert read_article(Path(c.source)).text[c.start:c.end] == c.text


@given(st.text(max_size=200))
def test_upload_names_never_leave_the_corpus_folder(name):
    try:
        safe = safe_name(name)
    except UploadError:
        return
    assert "/" not in safe and "\\" not in safe and not safe.startswith(".")
    assert Path(safe).suffix in SUFFIXES and Path(safe).name == safe and len(safe) <= 120
