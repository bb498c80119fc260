"""Answers over the seed articles: cited, exact, abstaining when they must."""

import re
from pathlib import Path

import pytest

from index.readers import read_text
from qa import REFUSAL, answer
from qa.evaluate import load, run, summary

DATA = Path(__file__).parent / "data"
DEV = load(DATA / "dev_qa.jsonl")


@pytest.fixture(scope="module")
def ask(seed_settings, seed_index):
    return lambda q: answer(q, settings=seed_settings, index=seed_index)


@pytest.mark.parametrize("item", DEV, ids=lambda i: i["id"])
def test_every_citation_is_an_exact_passage(ask, item):
    result = ask(item["question"])
    for c in result.citations:
        assert read_text(c.source)[c.start:c.end] == c.text
        assert c.title and c.text.strip()


@pytest.mark.parametrize("item", [i for i in DEV if not i["abstain"]], ids=lambda i: i["id"])
def test_every_sentence_carries_a_citation(ask, item):
    result = ask(item["question"])
    assert not result.abstained
    assert 1 <= len(result.sentences) <= 4
    assert_cited(result)


def assert_cited(result):
    """Every sentence cites a passage, except one that says what the articles lack."""
    numbers = {c.n for c in result.citations}
    for sentence in result.sentences:
        markers = {int(n) for n in re.findall(r"\[(\d+)\]", sentence.text)}
        assert markers <= numbers
        assert markers or sentence.text.startswith("The articles"), sentence.text
        assert bool(markers) == bool(sentence.citations)
    assert [c.n for c in result.citations] == list(range(1, len(result.citations) + 1))


@pytest.mark.parametrize("question", ["What was Ant Group's net profit in 2024?",
                                      "What is the weather in Hong Kong today?",
                                      "Who is the CEO of Tesla?"])
def test_abstains_without_citations(ask, question):
    result = ask(question)
    assert result.abstained and result.citations == []
    assert result.text.startswith(REFUSAL)


def test_question_about_now_leads_with_newest_dated_evidence(ask):
    result = ask("What is the latest status of JD.com's stablecoin plans?")
    assert result.citations[0].date == "2025-10-19"
    assert result.text.startswith("As of 19 October 2025")
    assert re.search(r"hold|halt|stand down", result.sentences[0].text)


def test_chinese_question_finds_the_english_article(ask):
    result = ask("蚂蚁集团为什么暂停稳定币计划？")
    assert not result.abstained
    assert any(Path(c.source).name.startswith("004_") for c in result.citations)


@pytest.mark.parametrize("name, hit, facts, abstain_ok", [
    ("dev_qa.jsonl", 0.9, 0.8, 1.0),
    # Questions of the same kinds written apart from the dev set and never tuned on.
    ("heldout_qa.jsonl", 0.9, 0.8, 0.9),
])
def test_quality_on_qa_sets(ask, name, hit, facts, abstain_ok):
    report = summary(run(load(DATA / name), ask))
    assert report["hit"]["rate"] >= hit, report
    assert report["facts"]["rate"] >= facts, report
    assert report["abstain_ok"]["rate"] >= abstain_ok, report


def test_to_dict_has_the_contract_keys(ask):
    d = ask("What is Trusple?").to_dict()
    assert {"question", "answer", "abstained", "citations"} <= d.keys()
    assert set(d["citations"][0]) >= {"n", "source", "title", "date", "text", "start", "end", "score"}


def test_a_question_naming_nothing_to_look_for_is_told_so(ask):
    result = ask("what happened?")
    assert result.abstained and result.text.startswith(REFUSAL)
    assert "names nothing to look for" in result.text and "“" in result.text  # the newest titles


def test_what_happened_to_something_is_told_by_the_newest_article_on_it(ask):
    result = ask("what happened to Ant's stablecoin plans?")
    assert result.kind == "now" and result.text.startswith("As of 19 October 2025")
