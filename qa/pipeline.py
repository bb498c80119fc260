"""Where a question turns into an answer: retrieve -> gate -> compose -> cite."""

from __future__ import annotations

import threading

from index.corpus import CorpusIndex
from qa import compose, gate
from qa.errors import QuestionError, SeedQAError
from qa.retrieve import retrieve
from qa.settings import Settings
from qa.types import Answer, AnswerSentence, Citation

MAX_QUESTION_CHARS = 2000
REFUSAL = "The articles do not say."

_indexes: dict = {}
_lock = threading.Lock()


def open_index(settings: Settings, build_if_empty: bool = True) -> CorpusIndex:
    """The index for these settings, opened once per process; built from the seeds if empty."""
    config = settings.index_config()
    with _lock:
        index = _indexes.get(config)
        if index is None:
            index = _indexes[config] = CorpusIndex(config)
            if build_if_empty and index.is_empty():
                index.sync([settings.corpus_dir], progress=False)
    return index


def clean_question(question: str) -> str:
    """The question with control characters removed; refuse an empty or oversized one."""
    if not isinstance(question, str):
        raise QuestionError("the question must be text")
    text = "".join(ch if ch.isprintable() else " " for ch in question).strip()
    if not text:
        raise QuestionError("the question is empty")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"the question is {len(text):,} characters long; "
                            f"ask in at most {MAX_QUESTION_CHARS:,}")
    return " ".join(text.split())


def answer(question: str, top_k: int | None = None, settings: Settings | None = None,
           index: CorpusIndex | None = None) -> Answer:
    """Answer from the indexed articles, citing exact passages, or abstain."""
    settings = settings or Settings()
    if settings.llm != "extractive":
        raise SeedQAError(f"unknown answer generator QA_LLM={settings.llm!r}; this version offers 'extractive'")
    question = clean_question(question)
    index = index or open_index(settings)
    evidence = retrieve(index, question, top_k or settings.top_k)
    verdict = gate.judge(question, evidence, index.keyword_index)
    if not verdict.answerable:
        return abstain(question)
    chosen = compose.select(question, evidence, index)
    if not chosen:
        return abstain(question)
    texts = compose.render([s for s, _ in chosen], compose.is_about_now(question))
    citations = [Citation(n=i, source=s.passage.source, title=s.passage.title, date=s.passage.date,
                          text=s.text, start=s.start, end=s.end, score=score)
                 for i, (s, score) in enumerate(chosen, 1)]
    sentences = [AnswerSentence(f"{text} [{c.n}]", [c.n]) for text, c in zip(texts, citations)]
    return Answer(question, " ".join(s.text for s in sentences), False, citations, sentences)


def abstain(question: str) -> Answer:
    return Answer(question, f"{REFUSAL} Nothing in the indexed articles answers this question.",
                  abstained=True)
