"""Properties of answer() over thousands of generated questions: it never crashes on a question
it accepts, every citation is an exact slice of its file, every "[n]" in the text is a citation,
an abstention cites nothing, and the result is JSON.

The index holds the seed articles and the extra test articles (tests/corpus: .txt, .md, .html,
.pdf, Chinese, off-topic). Questions are drawn from templates of every kind filled with the
index's own words, typos of them, other languages, emoji, punctuation, very short and very long
text, and arbitrary unicode. 2,000+ questions in all, split across the tests below."""

import json
import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from index.keyword import STOPWORDS
from index.readers import read_article, read_text
from qa import REFUSAL, QuestionError, Settings, answer, open_index
from qa.question import MAX_QUESTION_CHARS

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
_VOCABULARY: list[str] = []  # the index's own words, filled by the fixture before any draw
_FREQUENT: list[str] = []  # its most used topic words: questions that the articles can answer
_TEXTS: dict[str, str] = {}  # file -> the text its offsets point into


# Questions answered in all (PROPERTY_QUESTIONS=200 for a quick run), shared among the tests below;
# the test of typed citation markers gets 5% on top.
QUESTIONS = int(os.environ.get("PROPERTY_QUESTIONS", "2000"))


def _settings(share: float):
    return settings(max_examples=max(1, round(QUESTIONS * share)), deadline=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    base = tmp_path_factory.mktemp("properties")
    shutil.copytree(ROOT / "seeds", base / "seeds")
    shutil.copytree(ROOT / "tests" / "corpus", base / "corpus")
    qa_settings = Settings(index_dir=base / "index", corpus_dir=base / "seeds")
    index = open_index(qa_settings)
    index.sync([base / "corpus"], progress=False)
    suffixes = {Path(d.source).suffix for d in index.documents()}
    assert {".txt", ".md", ".html", ".pdf"} <= suffixes, suffixes
    vocabulary = index.keyword_index.vocabulary
    _VOCABULARY[:] = sorted(vocabulary)
    _FREQUENT[:] = sorted(w for w, _ in Counter({w: n for w, n in vocabulary.items()
                                                 if w not in STOPWORDS and len(w) > 2}).most_common(300))
    assert len(_VOCABULARY) > 1000 and {"stablecoin", "ant", "jd.com"} <= set(_FREQUENT)
    return lambda question: answer(question, settings=qa_settings, index=index)


# --- the properties ---------------------------------------------------------------------------

_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")  # a terminal colour code is not text


def askable(question: str) -> bool:
    """With a word once control characters are gone, and at most MAX_QUESTION_CHARS long."""
    text = "".join(ch if ch.isprintable() else " " for ch in _ESCAPE.sub(" ", question)).strip()
    return bool(re.search(r"\w", text)) and len(text) <= MAX_QUESTION_CHARS


def file_text(source: str) -> str:
    if source not in _TEXTS:
        suffix = Path(source).suffix.lower()
        _TEXTS[source] = read_text(source) if suffix in {".txt", ".md"} else read_article(source).text
    return _TEXTS[source]


def check(ask, question: str) -> None:
    try:
        result = ask(question)
    except QuestionError:
        assert not askable(question), "an askable question was refused"
        return
    assert askable(question)
    numbers = [c.n for c in result.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    for c in result.citations:
        assert file_text(c.source)[c.start:c.end] == c.text, (c.source, c.start, c.end)
    used = {int(n) for n in re.findall(r"\[(\d+)\]", result.text)}
    assert used <= set(numbers), f"[n] without a citation: {sorted(used - set(numbers))} in {result.text!r}"
    if result.abstained:
        assert result.citations == []
        assert result.text.startswith(REFUSAL)
    else:
        assert result.citations, "an answer that cites nothing"
        assert not result.text.startswith(REFUSAL)
    json.loads(json.dumps(result.to_dict()))


# --- the questions ----------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December", "jan", "Jul.", "oct", "Sept"]
FOREIGN = ["por qué", "cuándo", "cuánto", "todavía", "el plan", "la empresa", "¿", "¡", "warum", "wann",
           "wie viel", "noch", "die Bank", "der Plan", "Unterschied", "und", "pourquoi", "toujours",
           "稳定币", "蚂蚁集团", "京东", "为什么", "什么时候", "多少", "现在", "区别", "高铁", "北京", "香港",
           "南岭", "开通", "吗", "？", "。", "😀", "🚄", "💰", "🇭🇰", "👍🏽", "ø", "Ω", "ß", "é", "ñ"]
SHORTHAND = ["hk", "ppl", "whats", "wat", "u", "r", "w", "govt", "bc", "rn", "abt", "pls", "lol", "btw",
             "usd", "cny", "yrs", "bn", "mil", "vs", "co", "info"]
ENGLISH = ["dead", "over", "still", "now", "latest", "the", "a", "of", "in", "and", "is", "did", "why",
           "when", "who", "how", "much", "many", "plan", "plans", "halt", "price", "launch", "between",
           "compare", "timeline", "happened", "exactly", "date", "figure", "name", "called"]
PUNCTUATION = ["?", "??", "?!", "!", "...", ".", ",", ";", ":", " - ", "—", "/", "(", ")", "[", "]", "\"", "'", "“",
               "”", "*", "#", "&", "%", "$", "@", "\\", "<b>", "`", "？", "，"]
# Typed into a question, these read like the answer's own citation markers: a test of their own.
MARKERS = ["[1]", "[2]", "[3]", "[12]", "[99]"]
TEMPLATES = [
    "when did {w} {w2}", "When did {w} {w2}?", "when was {w} {w2}", "What date did {w} {w2}?",
    "how much {w}", "How much did {w} {w2}?", "How many {w} did {w2} have?", "what was the {w} of {w2}?",
    "is {w} still {w2}", "Is {w} {w2} dead?", "what's the latest on {w}", "Are {w} and {w2} over?",
    "where does {w} stand now?",
    "compare {w} and {w2}", "{w} vs {w2}", "How does {w} differ from {w2}?",
    "what happened between {m} and {m2}", "What happened between {m} and {m2} {y}?",
    "walk me through {w} {w2}", "timeline of {w}",
    "why did {w} {w2}", "Why did {w} {w2} {w3}?", "how come {w} {w2}",
    "who is {w}", "Who is the {w} of {w2}?", "who {w} {w2}",
    "Did {w} {w2}?", "Has {w} {w2} {w3}?",
    "{w}?", "{w}", "What is {w}?", "tell me about {w} {w2}", "What is {w} called?",
    "{w} {w2}, and when {w3}?", "When did {w} {w2}, and how long after that was {w3} reported?",
    "What did {w} {w2}, and how much {w3}?", "Why did {w} {w2}; who {w3}?", "{w} {w2}? {w3} {w}?",
]


@st.composite
def typo(draw, word):
    """A word with a letter dropped, two swapped, one doubled or one replaced."""
    w = draw(word)
    if len(w) < 2:
        return w
    i = draw(st.integers(0, len(w) - 2))
    how = draw(st.sampled_from(["drop", "swap", "double", "replace"]))
    if how == "drop":
        return w[:i] + w[i + 1:]
    if how == "swap":
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    if how == "double":
        return w[:i] + w[i] + w[i:]
    return w[:i] + draw(st.sampled_from("aeiourstnlxqz")) + w[i + 1:]


indexed = st.one_of(st.deferred(lambda: st.sampled_from(_VOCABULARY)),
                    st.deferred(lambda: st.sampled_from(_FREQUENT)))
words = st.one_of(
    indexed,  # the index's own words (any, or the most used), as typed and capitalised like names
    indexed.map(str.capitalize),
    indexed.map(str.upper),
    typo(indexed),
    st.sampled_from(ENGLISH),
    st.sampled_from(SHORTHAND),
    st.sampled_from(FOREIGN),
    st.text(min_size=1, max_size=10),
)


@st.composite
def templated(draw):
    template = draw(st.sampled_from(TEMPLATES))
    question = template.format(w=draw(words), w2=draw(words), w3=draw(words), m=draw(st.sampled_from(MONTHS)),
                               m2=draw(st.sampled_from(MONTHS)), y=draw(st.sampled_from(["2024", "2025", "1999"])))
    return draw(decorated(question))


@st.composite
def decorated(draw, question):
    """Punctuation and case as people type them."""
    case = draw(st.sampled_from([str, str, str.lower, str.upper, str.capitalize]))
    before = draw(st.lists(st.sampled_from(PUNCTUATION + [" ", "  "]), max_size=2))
    after = draw(st.lists(st.sampled_from(PUNCTUATION + [" "]), max_size=3))
    return "".join(before) + case(question) + "".join(after)


@st.composite
def word_salad(draw):
    """Words of the index, typos, shorthand and punctuation in any order."""
    parts = draw(st.lists(st.one_of(words, st.sampled_from(PUNCTUATION)), min_size=1, max_size=15))
    seps = draw(st.lists(st.sampled_from([" ", " ", " ", "", ", ", "\n", "\t", "  "]),
                         min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps))


@st.composite
def mixed_language(draw):
    """An English template with other languages, Chinese and emoji mixed in."""
    base = draw(templated())
    mix = draw(st.lists(st.sampled_from(FOREIGN), min_size=1, max_size=6))
    pieces = base.split(" ")
    for m in mix:
        pieces.insert(draw(st.integers(0, len(pieces))), m)
    return draw(st.sampled_from([" ", ""])).join(pieces)


@st.composite
def long_question(draw):
    """Up to the limit: a template repeated, a run of words, or both."""
    length = draw(st.integers(200, MAX_QUESTION_CHARS))
    seed = draw(st.one_of(templated(), word_salad(), mixed_language()))
    filler = draw(st.lists(words, min_size=1, max_size=20))
    text = seed
    while len(text) < length:
        text += " " + " ".join(filler) + " " + seed
    return text[:length]


very_short = st.one_of(st.text(min_size=1, max_size=3), words.filter(lambda w: len(w) <= 3),
                       st.sampled_from(PUNCTUATION + ["?", "a", "x", "AI", "HK", "中", "😀", "é"]))
arbitrary = st.text(min_size=1, max_size=400)
arbitrary_long = st.text(min_size=300, max_size=MAX_QUESTION_CHARS)


@_settings(0.45)
@given(question=templated())
def test_templated_questions_of_every_kind(ask, question):
    check(ask, question)


@_settings(0.17)
@given(question=st.one_of(word_salad(), very_short))
def test_word_salad_typos_and_very_short_questions(ask, question):
    check(ask, question)


# Chinese of any characters, with the question words that pick a kind: each word is looked up in
# the dictionary, and one it lacks through the words inside it.
chinese = st.builds(lambda a, w, b: f"{a}{w}{b}",
                    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=12),
                    st.sampled_from(["什么时候", "为什么", "多少", "谁", "现在", "", "和", "比较"]),
                    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=12))


@_settings(0.17)
@given(question=st.one_of(mixed_language(), chinese,
                          st.builds(lambda a, b: f"{a}, and {b}", templated(), mixed_language())))
def test_mixed_language_questions(ask, question):
    check(ask, question)


@_settings(0.15)
@given(question=arbitrary)
def test_arbitrary_unicode(ask, question):
    check(ask, question)


@_settings(0.06)
@given(question=st.one_of(long_question(), arbitrary_long))
def test_long_questions_up_to_the_limit(ask, question):
    assert len(question) <= MAX_QUESTION_CHARS
    check(ask, question)


@st.composite
def with_markers(draw):
    pieces = draw(templated()).split(" ")
    for marker in draw(st.lists(st.sampled_from(MARKERS), min_size=1, max_size=3)):
        pieces.insert(draw(st.integers(0, len(pieces))), marker)
    return " ".join(pieces)


@_settings(0.05)
@given(question=with_markers())
# Found by this file: the part of a two-part question that the articles do not answer was repeated
# in the answer's closing line, "[12]" and all ("The articles do not answer: how much did the
# railway [12] cost."), where it read as a citation that does not exist.
@example(question="When did Ant halt its stablecoin plans exactly, and how much did the railway [12] cost?")
def test_citation_markers_typed_into_the_question(ask, question):
    check(ask, question)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(question=st.one_of(
    st.text(alphabet=st.sampled_from(" \t\n\r\x00\x07\x0b\x0c\x1b\x7f\u0085\u2028\u200b"), max_size=50),
    st.builds(lambda q, n: (q + " ") * n, templated(), st.integers(1, 400))
    .filter(lambda q: len(q.strip()) > MAX_QUESTION_CHARS),
))
def test_empty_or_oversized_questions_are_refused(ask, question):
    assert not askable(question)
    with pytest.raises(QuestionError):
        ask(question)
