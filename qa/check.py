"""Check a generated answer against the passages it cites, sentence by sentence.

A sentence is kept only when it cites a passage that was offered, every name, number and date in
it occurs in a cited passage, and most of its content words (weighted by IDF) do too. Support
never comes from a passage's planted instructions ("ignore previous instructions and ..."): a
sentence that obeys one rests on nothing else and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.keyword import STOPWORDS, KeywordIndex, terms
from index.records import Passage
from qa.text import coverage, human_date, term_set
from qa.sentences import gives_orders, split, split_text

MIN_SUPPORT = 0.6  # IDF-weighted share of a sentence's content words found in what it cites

_MARKERS = re.compile(r"\s*\[(\d+(?:\s*[-–,;]\s*\d+)*)\]")  # [1] [1, 2] [1-3]
_TRAILING_MARKERS = re.compile(r"([.!?。！？])((?:\s*\[\d+(?:\s*[-–,;]\s*\d+)*\])+)")
_ANSWER_LABEL = re.compile(r"^\s*answer\s*:\s*", re.I)  # copied from the prompt's example
_NEGATION = re.compile(r"\b(not|no|never|none|neither|nor|without)\b|n['’]t\b", re.I)
_MARKER_THEN_CAPITAL = re.compile(r"\](?=\s+[A-Z\u4e00-\u9fff])\s+")
_PROMPT_ECHO = re.compile(r"^\W*(title|date|text|passages?|question)\s*:", re.I)  # prompts.passages_block's labels
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?<![.,])")
_NAME = re.compile(r"\b[A-Z][\w&'’.-]*\w|\b[A-Z]\b")
# Sentence openers that are capitalised only because they open the sentence.
_OPENERS = STOPWORDS | {"however", "according", "meanwhile", "yes", "no", "both", "in", "on",
                        "as", "after", "although", "while", "because", "since", "instead"}


@dataclass(frozen=True)
class Checked:
    """One sentence of the model's reply: its claim (markers removed), the offered passage
    numbers it cites, and whether the check kept it (with the reason when not)."""

    claim: str
    cited: list[int]
    verified: bool
    reason: str | None = None
    original: str = ""


def sentences_of(reply: str) -> list[str]:
    """The reply's sentences. Markers after a full stop ("... halted. [1] Then") belong to the
    sentence before: move them inside it so the splitter keeps them there. A marker followed by
    a capital ends a sentence even without a full stop."""
    reply = _TRAILING_MARKERS.sub(r"\2\1", _ANSWER_LABEL.sub("", reply))
    reply = _MARKER_THEN_CAPITAL.sub("]\n", reply)  # "... Warning [1] Ant Group ...": two sentences
    return [piece.strip() for line in reply.splitlines() for piece in split_text(line) if piece.strip()]


def check(reply: str, offered: list[Passage], keywords: KeywordIndex) -> list[Checked]:
    out: list[Checked] = []
    for sentence in sentences_of(reply):
        checked = check_sentence(sentence, offered, keywords)
        if checked.verified and any(c.verified and c.claim == checked.claim for c in out):
            checked = Checked(checked.claim, checked.cited, False, "repeats an earlier sentence", sentence)
        out.append(checked)
    return out


def check_sentence(sentence: str, offered: list[Passage], keywords: KeywordIndex) -> Checked:
    numbers = [n for group in _MARKERS.findall(sentence) for n in _marker_numbers(group)]
    claim = _MARKERS.sub("", sentence).strip()
    cited = list(dict.fromkeys(n for n in numbers if 1 <= n <= len(offered)))

    def rejected(reason: str) -> Checked:
        return Checked(claim, cited, False, reason, sentence)

    if _PROMPT_ECHO.match(claim):
        return rejected("echoes the prompt's layout instead of answering")
    if not cited:
        bad = [n for n in numbers if n not in cited]
        return rejected(f"cites [{bad[0]}], which was not offered" if bad else "cites no passage")
    # A citation must vouch for something: drop cited passages that share no word with the claim.
    claim_terms = set(terms(claim))
    cited = [n for n in cited if claim_terms & term_set(_support_text(offered[n - 1]))] or cited
    support = "\n".join(_support_text(offered[n - 1]) for n in cited)
    lowered = support.lower()
    marks = "".join(f"[{n}]" for n in cited)
    support_numbers = {_plain_number(m) for m in _NUMBER.findall(support)}
    for number in _NUMBER.findall(claim):
        if _plain_number(number) not in support_numbers:
            return rejected(f"the number {number} is not in {marks}")
    for i, name in enumerate(_NAME.findall(claim)):
        name = re.sub(r"['’]s$", "", name)
        opener = i == 0 and claim.startswith(name)  # capitalised maybe only because it opens the sentence
        if opener and (name.lower() in _OPENERS or set(terms(name)) <= term_set(support)):
            continue
        if not re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", lowered):
            return rejected(f"the name {name!r} is not in {marks}")
    if _NEGATION.search(claim) and not _NEGATION.search(support):
        return rejected(f"denies what {marks} does not deny")
    if coverage(list(dict.fromkeys(terms(claim))), support, keywords) < MIN_SUPPORT:
        return rejected(f"not supported by {marks}")
    return Checked(claim, cited, True, None, sentence)


@lru_cache(maxsize=1024)
def _support_text(passage: Passage) -> str:
    """What a passage can vouch for: title, date (as written both ways) and its sentences,
    less any sentence that gives orders to the reader."""
    body = " ".join(s.text for s in split(passage) if not gives_orders(s.text))
    dates = f"{passage.date} {human_date(passage.date)}" if passage.date else ""
    return f"{passage.title}\n{dates}\n{body}"


def _plain_number(text: str) -> str:
    return text.replace(",", "")


def _marker_numbers(group: str) -> list[int]:
    """'1, 3' -> [1, 3]; '2-4' -> [2, 3, 4]."""
    out: list[int] = []
    for part in re.split(r"\s*[,;]\s*", group):
        low, _, high = re.sub(r"\s*[-–]\s*", "-", part).partition("-")
        first, last = int(low), int(high or low)
        out.extend(range(first, last + 1) if 0 <= last - first < 20 else [first])
    return out
