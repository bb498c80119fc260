"""Where a question turns into an answer: retrieve -> gate -> compose (or generate -> check)."""

from __future__ import annotations

import re
import threading
from collections.abc import Generator, Iterator

from index.corpus import CorpusIndex
from qa import compose, gate, generate
from qa.errors import QuestionError
from qa.llms import describe, load_llm
from qa.retrieve import Evidence, retrieve
from qa.settings import Settings
from qa.types import REFUSAL, Answer, AnswerSentence, Citation

MAX_QUESTION_CHARS = 2000
_TERMINAL_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")

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
    text = _TERMINAL_ESCAPE.sub(" ", question)  # pasted from a terminal: colour codes are not words
    text = "".join(ch if ch.isprintable() else " " for ch in text).strip()
    if not text:
        raise QuestionError("the question is empty")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"the question is {len(text):,} characters long; "
                            f"ask in at most {MAX_QUESTION_CHARS:,}")
    return " ".join(text.split())


def answer(question: str, top_k: int | None = None, settings: Settings | None = None,
           index: CorpusIndex | None = None) -> Answer:
    """Answer from the indexed articles, citing exact passages, or abstain."""
    return stream(question, top_k, settings, index).answer


def stream(question: str, top_k: int | None = None, settings: Settings | None = None,
           index: CorpusIndex | None = None) -> AnswerStream:
    """As `answer()`, as it is produced: iterate for text, then read `.answer` for the checked
    result. A bad question or setting raises here, before any text."""
    settings = settings or Settings()
    question = clean_question(question)
    llm = load_llm(settings)
    index = index or open_index(settings)
    return AnswerStream(_events(question, top_k or settings.top_k, settings, index, llm))


class AnswerStream:
    """`for text in stream: ...` gives the answer's text piece by piece (the model's raw tokens in
    LLM mode, sentences in extractive mode); `stream.answer` is the final, checked Answer."""

    def __init__(self, events: Generator[str, None, Answer]):
        self._events = events
        self._answer: Answer | None = None

    def __iter__(self) -> Iterator[str]:
        if self._answer is None:
            self._answer = yield from self._events

    @property
    def answer(self) -> Answer:
        for _ in self:  # drain whatever was not read
            pass
        return self._answer


def _events(question: str, top_k: int, settings: Settings, index: CorpusIndex,
            llm) -> Generator[str, None, Answer]:
    evidence = retrieve(index, question, top_k)
    if not gate.judge(question, evidence, index.keyword_index).answerable:
        result = abstain(question)  # weak evidence: no model is asked
        yield result.text
        return result
    if llm is None:
        result = extractive(question, evidence, index)
        for i, sentence in enumerate(result.sentences):
            yield sentence.text if i == 0 else f" {sentence.text}"
        return result
    mode = describe(settings)
    parts: list[str] = []
    try:
        for delta in generate.reply_stream(llm, question, evidence, settings.llm_timeout):
            parts.append(delta)
            yield delta
    # The model is an outside service: whatever it raises, the user gets the extractive answer.
    except Exception as e:  # noqa: BLE001
        result = extractive(question, evidence, index)
        result.note = generate.failure_note(mode, e, settings.llm_timeout)
        return result
    reply = "".join(parts)
    result = generate.checked_answer(question, reply, evidence, index.keyword_index, mode)
    if result.sentences:
        return result
    fallback = extractive(question, evidence, index)
    refused = reply.strip().startswith(REFUSAL.rstrip("."))
    fallback.note = generate.REFUSED_NOTE if refused else generate.UNCHECKED_NOTE
    fallback.rejected = result.rejected
    return fallback


def extractive(question: str, evidence: list[Evidence], index: CorpusIndex) -> Answer:
    """The offline answer: retrieved sentences quoted with their offsets (see compose)."""
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
