"""The generated answer: an LLM writes from the numbered passages, the check decides what stays."""

from __future__ import annotations

import time
from collections.abc import Iterator

from index.keyword import KeywordIndex
from qa.check import Checked, check
from qa.prompts import answer_messages
from qa.retrieve import Evidence
from qa.types import Answer, AnswerSentence, Citation

REFUSED_NOTE = ("The model found no answer in the passages; these are the sentences that "
                "match the question best.")
UNCHECKED_NOTE = ("None of the model's sentences is supported by the passages it cites, "
                  "so this is the extractive answer.")


def reply_stream(llm, question: str, evidence: list[Evidence], timeout: float) -> Iterator[str]:
    """The model's reply as it arrives. The client's timeout bounds each wait; the deadline here
    bounds the whole reply, so a model that trickles tokens cannot hold the user forever."""
    deadline = time.monotonic() + timeout
    empty = True
    for chunk in llm.stream_chat(answer_messages(question, [e.passage for e in evidence])):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no complete reply within {timeout:g} s")
        if chunk.delta:
            empty = empty and not chunk.delta.strip()
            yield chunk.delta
    if empty:
        raise ValueError("the reply was empty")


def checked_answer(question: str, reply: str, evidence: list[Evidence], keywords: KeywordIndex,
                   mode: str) -> Answer:
    """The reply's verified sentences, citations renumbered [1], [2]... in order of first use;
    the rest goes to `rejected` with the reason. No verified sentence: an empty answer."""
    checked = check(reply, [e.passage for e in evidence], keywords)
    renumber: dict[int, int] = {}
    for c in checked:
        if c.verified:
            for n in c.cited:
                renumber.setdefault(n, len(renumber) + 1)
    citations = [Citation(new, e.passage.source, e.passage.title, e.passage.date, e.passage.text,
                          e.passage.start, e.passage.end, round(e.fused, 4))
                 for old, new in renumber.items() for e in [evidence[old - 1]]]
    sentences = [_shown(c, renumber) for c in checked if c.verified]
    rejected = [AnswerSentence(c.original, c.cited, False, c.reason) for c in checked if not c.verified]
    return Answer(question, " ".join(s.text for s in sentences), False, citations, sentences,
                  mode=mode, rejected=rejected)


def _shown(c: Checked, renumber: dict[int, int]) -> AnswerSentence:
    numbers = [renumber[n] for n in c.cited]
    return AnswerSentence(f"{c.claim} {''.join(f'[{n}]' for n in numbers)}", numbers)


def failure_note(mode: str, error: Exception, timeout: float) -> str:
    """One line on why the model gave no usable reply (no traceback reaches the user)."""
    name = type(error).__name__
    if isinstance(error, TimeoutError) or "Timeout" in name:
        what = f"did not answer within {timeout:g} s"
    elif "RateLimit" in name or getattr(error, "status_code", None) == 429:
        what = "is rate-limited"
    elif isinstance(error, ConnectionError) or "Connect" in name:
        what = "cannot be reached"
    else:
        detail = " ".join(str(error).split())[:120]
        what = f"sent a reply that could not be used ({detail or name})"
    return f"The LLM ({mode}) {what}, so this is the extractive answer."
