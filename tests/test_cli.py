"""The `qa` command: one-line errors with a non-zero exit, and JSON that matches the API."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from index.corpus import CorpusIndex
from qa import answer
from qa.cli import main
from servers import qa_env


def run_qa(args, settings, **env):
    """`qa` as a user runs it: a separate process, with the settings in the environment."""
    return subprocess.run([sys.executable, "-m", "qa.cli", *args], env=qa_env(settings, **env),
                          capture_output=True, text=True, timeout=300)


def assert_one_line_error(result, fragment):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qa: error:") and fragment in lines[0], result.stderr


def test_cli_json_matches_the_python_api(seed_settings, seed_index):
    question = "Why did Ant halt its stablecoin plans?"
    result = run_qa(["ask", question, "--json"], seed_settings)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == answer(question, settings=seed_settings, index=seed_index).to_dict()


def test_cli_text_answer_lists_sources(seed_settings, seed_index):
    result = run_qa(["ask", "What is Trusple?"], seed_settings)
    assert result.returncode == 0
    assert "[1]" in result.stdout and "Sources:" in result.stdout and "002_6f2401aee4336630.txt" in result.stdout


@pytest.mark.parametrize("question", ["", "   \t  "])
def test_empty_question(seed_settings, seed_index, question):
    assert_one_line_error(run_qa(["ask", question], seed_settings), "the question is empty")


def test_missing_path(fresh_settings):
    assert_one_line_error(run_qa(["index", "/no/such/folder"], fresh_settings), "no such file or folder")


@pytest.mark.parametrize("command", [["ask", "why did ant halt?"], ["index"], ["serve", "--port", "0"]])
def test_a_missing_corpus_folder_names_the_setting(fresh_settings, tmp_path, command):
    # e.g. a non-editable install, which has no seed articles beside it
    result = run_qa(command, fresh_settings, QA_CORPUS_DIR=str(tmp_path / "no-such-folder"))
    assert_one_line_error(result, "set QA_CORPUS_DIR")
    assert not any(fresh_settings.index_dir.glob("chroma*"))  # nothing was created before the error


def test_bad_setting_is_one_line(fresh_settings):
    assert_one_line_error(run_qa(["ask", "hi"], fresh_settings, QA_TOP_K="many"), "bad QA_TOP_K")


def test_unreachable_chroma_server(fresh_settings):
    result = run_qa(["ask", "hi"], fresh_settings, QA_CHROMA_URL="http://127.0.0.1:9")
    assert_one_line_error(result, "Chroma server")


@pytest.mark.parametrize("name, content, fragment", [
    ("binary.txt", b"\x00\x01\x02\x03 not text", "binary file"),
    ("latin1.txt", b"caf\xe9 society r\xe9sum\xe9", "not UTF-8"),
    ("broken.pdf", b"%PDF-1.7 garbage", "broken PDF"),
])
def test_named_bad_file_is_an_error(fresh_settings, capsys, name, content, fragment):
    good = fresh_settings.corpus_dir / "good.txt"
    good.write_text("Port tokens\n\nThe port issued tokens for 40 shipping firms in 2025.\n", encoding="utf-8")
    path = fresh_settings.corpus_dir / name
    path.write_bytes(content)
    code = main(["--index-dir", str(fresh_settings.index_dir), "index", str(good), str(path)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and fragment in err and "Traceback" not in err
    # The file named before the bad one is indexed, not dropped with it.
    assert [Path(d.source).name for d in CorpusIndex(fresh_settings.index_config()).documents()] == ["good.txt"]


def test_bad_file_in_a_folder_is_a_warning_and_the_rest_is_indexed(fresh_settings, capsys):
    corpus = fresh_settings.corpus_dir
    (corpus / "good.txt").write_text("Port tokens\n\nThe port issued tokens for 40 shipping firms "
                                     "in a pilot run during 2025.\n", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\xff\xfe\xfa\xfb\x00\x00 binary junk")
    code = main(["--index-dir", str(fresh_settings.index_dir), "index", str(corpus)])
    captured = capsys.readouterr()
    assert code == 0
    assert "qa: warning:" in captured.err and "bad.txt" in captured.err
    assert "added 1," in captured.out


def test_index_summary_line(fresh_settings, capsys):
    (fresh_settings.corpus_dir / "a.txt").write_text("Title here\n\nA sentence of the article body "
                                                     "that says something.\n", encoding="utf-8")
    args = ["--index-dir", str(fresh_settings.index_dir), "index", str(fresh_settings.corpus_dir)]
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == "added 1, updated 0, removed 0, unchanged 0, chunks 1"
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == "added 0, updated 0, removed 0, unchanged 1, chunks 1"


def test_unknown_embedding_model_is_refused_before_anything_is_created(fresh_settings, capsys):
    assert main(["index", "--embed", "minilm-typo", "--index-dir", str(fresh_settings.index_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("qa: error: bad --embed:") and "'minilm+use', 'minilm', 'use' or 'hash'" in err
    assert not fresh_settings.index_dir.exists()


def test_a_bad_flag_is_named_as_the_user_gave_it(fresh_settings, capsys):
    assert main(["ask", "x", "--top-k", "0", "--index-dir", str(fresh_settings.index_dir)]) == 1
    assert capsys.readouterr().err.startswith("qa: error: bad --top-k: ")


def test_first_ask_says_it_is_building_the_index_and_later_ones_do_not(fresh_settings, capsys):
    (fresh_settings.corpus_dir / "tolls.txt").write_text(
        "Harbour tolls\n2025-11-02\n\nHarbour tolls in Macau rose by ten percent this year.\n", encoding="utf-8")
    args = ["--index-dir", str(fresh_settings.index_dir), "--corpus-dir", str(fresh_settings.corpus_dir),
            "ask", "How much did harbour tolls in Macau rise?"]
    assert main(args) == 0
    first = capsys.readouterr()
    assert first.err.startswith("qa: first use: indexing ") and str(fresh_settings.corpus_dir) in first.err
    assert "ten percent" in first.out
    assert main(args) == 0
    assert capsys.readouterr().err == ""

