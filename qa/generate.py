"""The generated answer: an LLM writes from the numbered passages, the check decides what stays."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator

from index.corpus import CorpusIndex
from qa.check import Checked, check_sentence, sentences_of
from qa.prompts import answer_messages, verify_messages
from qa.retrieve import Evidence
from qa.types import Answer, AnswerSentence, Citation

REFUSED_NOTE = ("The model found no answer in the passages; these are the sentences that "
                "match the question best.")
UNCHECKED_NOTE = ("None of the model's sentences is supported by the passages it cites, "
                  "so this is the extractive answer.")


_VERDICT = re.compile(r"^\W*(?:claim\s*)?(\d+)\s*[:.)-]\s*\**\s*(yes|no)\b", re.I | re.M)

Verifier = Callable[[list[tuple[str, tuple[str, ...]]]], list[bool | None]]


def verifier(llm, timeout: float) -> Verifier:
    """The model's own check: one request for all claims, a strict yes/no per claim against the
    sentences each rests on. None for a claim the reply gives no verdict on."""

    def verify(claims: list[tuple[str, tuple[str, ...]]]) -> list[bool | None]:
        deadline = time.monotonic() + timeout
        reply = llm.chat(verify_messages(claims)).message.content or ""
        if time.monotonic() > deadline:
            raise TimeoutError(f"no verdict within {timeout:g} s")
        verdicts: dict[int, bool] = {}
        for n, word in _VERDICT.findall(reply):
            verdicts.setdefault(int(n), word.lower() == "yes")
        return [verdicts.get(n) for n in range(1, len(claims) + 1)]

    return verify


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

    def __init__(self, question: str, evidence: list[Evidence], index: CorpusIndex, mode: str,
                 verify: Verifier | None = None):
        self.question, self.evidence, self.index, self.mode = question, evidence, index, mode
        self.verify = verify  # the model's own check: then sentences are shown once it has spoken
        self.note: str | None = None
        self.reply = ""
        self.checked: list[Checked] = []
        self.shown: list[AnswerSentence] = []
        self._renumber: dict[int, int] = {}

    def feed(self, delta: str) -> list[str]:
        self.reply += delta
        return [] if self.verify else self._settle(sentences_of(self.reply)[:-self.LAG])

    def finish(self) -> list[str]:
        if not self.verify:
            return self._settle(sentences_of(self.reply))
        checked = [self._check(s) for s in sentences_of(self.reply)]
        # the model also decides the paraphrases the citation check could not tell apart
        # (not a sentence saying what the articles lack: it claims nothing to check)
        asked = [i for i, c in enumerate(checked) if (c.verified and c.cited) or c.undecided]
        try:
            verdicts = self.verify([(checked[i].claim, checked[i].evidence) for i in asked]) if asked else []
        except Exception as e:  # noqa: BLE001 - the model is an outside service: the first check stands
            self.note = (f"The model's own check of its sentences failed ({type(e).__name__}); "
                         "they passed the citation check only.")
            return self._show(checked)
        for i, verdict in zip(asked, verdicts):
            c = checked[i]
            if verdict and not c.verified:
                checked[i] = Checked(c.claim, c.cited, True, None, c.original, c.evidence)
            elif not verdict:
                reason = "the model's own check found it unsupported" if verdict is False else \
                    "the model's own check gave no verdict"
                checked[i] = Checked(c.claim, c.cited, False, reason if c.verified else f"{c.reason}; {reason}",
                                     c.original)
        return self._show(checked)

    def _check(self, sentence: str) -> Checked:
        return check_sentence(sentence, [e.passage for e in self.evidence], self.index)

    def _settle(self, sentences: list[str]) -> list[str]:
        return self._show([self._check(s) for s in sentences[len(self.checked):]])

    def _show(self, checked: list[Checked]) -> list[str]:
        out = []
        for c in checked:
            if c.verified and any(k.verified and k.claim == c.claim for k in self.checked):
                c = Checked(c.claim, c.cited, False, "repeats an earlier sentence", c.original)
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
                      mode=self.mode, note=self.note, rejected=rejected)


def _shown(c: Checked, renumber: dict[int, int]) -> AnswerSentence:
    numbers = [renumber[n] for n in c.cited]
    return AnswerSentence(" ".join([c.claim, "".join(f"[{n}]" for n in numbers)]).strip(), numbers)


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
