"""The offline answer: the few retrieved sentences that answer the question, each cited.

No model writes anything: every answer sentence is a sentence of an article, quoted with its
exact offsets, so nothing in it can be invented.
"""

from __future__ import annotations

import re
from datetime import date

from index.chunking import is_lead
from index.clean import is_cjk
from index.corpus import CorpusIndex
from index.records import Passage
from qa.gate import coverage, question_terms, term_set
from qa.retrieve import Evidence
from qa.sentences import Sentence, gives_orders, split

MAX_SENTENCES = 3
KEEP_RATIO = 0.6  # further sentences must score at least this share of the best one
REDUNDANT = 0.6  # word overlap above which a sentence repeats one already chosen
MIN_WORDS = 6  # shorter lines are headings, bylines and captions, not answers
NEIGHBOUR_DISCOUNT = 0.5  # a passage beside a retrieved one counts half
CARRY = 0.7  # share of the previous sentence's relevance a sentence inherits
LEAD_BONUS = 0.1  # news leads summarise; doubled for questions about the present
WHY_BONUS = 0.15  # "why" questions prefer sentences that state a cause

_WHY = re.compile(r"\bwhy\b|\breason|为什么|为何|原因", re.I)
_CAUSE = re.compile(r"\b(because|due to|after|citing|amid|concerns?|worr(y|ies|ied)|warn(ed|ing)?|"
                    r"so that|in order to|aims? to|intended to|to (counter|hedge|promote|challenge))\b", re.I)
_FULL_STOP = re.compile(r"[.!?]['\"”’)]?$")

# Questions about the present: the newest dated evidence should lead, with its date.
_CURRENT = re.compile(r"\b(latest|now|currently|current|still|status|recent(ly)?|today|as of|"
                      r"any ?more|these days|so far|yet)\b|最新|现在|目前|如今|仍然", re.I)


def is_about_now(question: str) -> bool:
    return bool(_CURRENT.search(question))


def select(question: str, evidence: list[Evidence], index: CorpusIndex) -> list[tuple[Sentence, float]]:
    """Choose the answer sentences with their scores, best first (newest first for questions
    about now)."""
    keywords = index.keyword_index
    wanted = question_terms(question)
    why = bool(_WHY.search(question))
    about_now = is_about_now(question)
    scored = []
    for file_sentences in _candidates(evidence, index).values():
        previous = 0.0
        for sentence, prior in file_sentences:
            own = coverage(wanted, sentence.text, keywords)
            # A sentence may name its subject only in the one before: "He further warned, ..."
            score = max(own, CARRY * previous) + prior
            score += WHY_BONUS if why and _CAUSE.search(sentence.text) else 0
            score += LEAD_BONUS * (1 + about_now) if is_lead(sentence.passage.id) else 0
            previous = own
            if _is_answer_like(sentence.text):
                scored.append((score, sentence))
    scored.sort(key=lambda pair: pair[0], reverse=True)
    if not scored:
        return []
    if about_now:
        scored = _newest_first(scored)
    chosen: list[tuple[Sentence, float]] = []
    best = scored[0][0]
    for score, sentence in scored:
        if len(chosen) == MAX_SENTENCES or score < best * KEEP_RATIO:
            break
        if not any(_overlap(sentence.text, c.text) > REDUNDANT for c, _ in chosen):
            chosen.append((sentence, round(score, 4)))
    return chosen if about_now else _reading_order(chosen)


def _reading_order(chosen: list[tuple[Sentence, float]]) -> list[tuple[Sentence, float]]:
    """Files in order of their best sentence; within a file, sentences as the article has them."""
    file_rank = {}
    for sentence, _ in chosen:
        file_rank.setdefault(sentence.passage.source, len(file_rank))
    return sorted(chosen, key=lambda pair: (file_rank[pair[0].passage.source], pair[0].start))


def _candidates(evidence: list[Evidence], index: CorpusIndex) -> dict[str, list[tuple[Sentence, float]]]:
    """Sentences of the evidence and of the passages beside it, per file in reading order, each
    with the prior of the passage it came from (overlapping passages repeat sentences: dedupe)."""
    priors: dict[str, tuple[Passage, float]] = {}
    for rank, e in enumerate(evidence):
        prior = 0.3 / (1 + rank) + 0.3 * e.similarity
        priors[e.passage.id] = max(priors.get(e.passage.id, (e.passage, 0.0)), (e.passage, prior),
                                   key=lambda pair: pair[1])
        for neighbour in index.neighbours(e.passage):
            if neighbour.id not in priors:
                priors[neighbour.id] = (neighbour, prior * NEIGHBOUR_DISCOUNT)
    by_file: dict[str, dict[int, tuple[Sentence, float]]] = {}
    for passage, prior in priors.values():
        seen = by_file.setdefault(passage.source, {})
        for sentence in split(passage):
            if sentence.start not in seen or seen[sentence.start][1] < prior:
                seen[sentence.start] = (sentence, prior)
    return {source: [seen[k] for k in sorted(seen)] for source, seen in by_file.items()}


def _is_answer_like(text: str) -> bool:
    """Full sentences only: headings, bylines and captions lack a verb or a full stop."""
    if gives_orders(text):
        return False
    if is_cjk(text):
        return True
    return len(text.split()) >= MIN_WORDS and bool(_FULL_STOP.search(text))


def _newest_first(scored: list[tuple[float, Sentence]]) -> list[tuple[float, Sentence]]:
    """Lead with the newest dated article among the strong candidates, by its opening sentence:
    a news lead states the latest development, even in words the question does not use."""
    best = scored[0][0]
    dated = [pair for pair in scored if pair[0] >= best * KEEP_RATIO and pair[1].passage.date]
    if not dated:
        return scored
    newest = max(dated, key=lambda pair: (pair[1].passage.date, pair[0]))[1].passage
    same_file = [pair for pair in scored if pair[1].passage.source == newest.source]
    openers = [pair for pair in same_file if is_lead(pair[1].passage.id)]
    lead = min(openers, key=lambda pair: pair[1].start) if openers else same_file[0]
    return [(best, lead[1])] + [pair for pair in scored if pair is not lead]


def render(sentences: list[Sentence], about_now: bool) -> list[str]:
    """Answer sentences as shown: whitespace tidied, 'As of <date>' before dated news on now."""
    out = []
    for i, sentence in enumerate(sentences):
        text = " ".join(sentence.text.split())
        if about_now and i == 0 and sentence.passage.date:
            text = f"As of {human_date(sentence.passage.date)}, the newest article reports: {text}"
        out.append(text)
    return out


def human_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"


def _overlap(a: str, b: str) -> float:
    ta, tb = term_set(a), term_set(b)
    return len(ta & tb) / max(1, min(len(ta), len(tb)))
