"""The generated answer: an LLM writes from the numbered passages, the check decides what stays."""

from __future__ import annotations

import time
from collections.abc import Iterator

from index.keyword import KeywordIndex
from qa.check import Checked, check_sentence, sentences_of
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


class CheckedReply:
    """The model's reply checked sentence by sentence as it arrives: `feed()` each piece and show
    what it returns, the sentences verified so far (citations renumbered [1], [2]... in order of
    first use), so that nothing shown is ever taken back; `finish()` settles the last ones, and
    `answer()` is the Answer made of exactly what was shown, with the rest in `rejected`."""

    # A sentence counts as complete once two more have started: its citation markers may still be
    # arriving ("... halted. [" then "1]"), and "Jan." may yet turn out to be an abbreviation.
    LAG = 2

    def __init__(self, question: str, evidence: list[Evidence], keywords: KeywordIndex, mode: str):
        self.question, self.evidence, self.keywords, self.mode = question, evidence, keywords, mode
        self.reply = ""
        self.checked: list[Checked] = []
        self.shown: list[AnswerSentence] = []
        self._renumber: dict[int, int] = {}

    def feed(self, delta: str) -> list[str]:
        self.reply += delta
        return self._settle(sentences_of(self.reply)[:-self.LAG])

    def finish(self) -> list[str]:
        return self._settle(sentences_of(self.reply))

    def _settle(self, sentences: list[str]) -> list[str]:
        out = []
        for sentence in sentences[len(self.checked):]:
            c = check_sentence(sentence, [e.passage for e in self.evidence], self.keywords)
            if c.verified and any(k.verified and k.claim == c.claim for k in self.checked):
                c = Checked(c.claim, c.cited, False, "repeats an earlier sentence", sentence)
            self.checked.append(c)
            if c.verified:
                for n in c.cited:
                    self._renumber.setdefault(n, len(self._renumber) + 1)
                self.shown.append(_shown(c, self._renumber))
                out.append((" " if len(self.shown) > 1 else "") + self.shown[-1].text)
        return out

    def answer(self) -> Answer:
        citations = [Citation(new, e.passage.source, e.passage.title, e.passage.date, e.passage.text,
                              e.passage.start, e.passage.end, round(e.fused, 4))
                     for old, new in self._renumber.items() for e in [self.evidence[old - 1]]]
        rejected = [AnswerSentence(c.original, c.cited, False, c.reason) for c in self.checked if not c.verified]
        return Answer(self.question, " ".join(s.text for s in self.shown), False, citations, list(self.shown),
                      mode=self.mode, rejected=rejected)


def checked_answer(question: str, reply: str, evidence: list[Evidence], keywords: KeywordIndex,
                   mode: str) -> Answer:
    """A whole reply checked: its verified sentences, the rest in `rejected` with the reason. No
    verified sentence: an empty answer."""
    checked = CheckedReply(question, evidence, keywords, mode)
    checked.feed(reply)
    checked.finish()
    return checked.answer()


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
