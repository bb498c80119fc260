"""Decide whether the articles can answer the question at all, from several signals at once.

Signals, measured on what retrieval found:
- best: the best candidate sentence's score (words and meaning, see qa/rank.py);
- sem: the best sentence's closeness in meaning to the question (carries paraphrases, Chinese);
- lex: the largest share of the question's topic words (IDF-weighted) in one sentence and the one
  before it; passage: the same in one passage; spread: in the best three passages together
  (questions whose parts sit in two articles);
- unknown: the share of the topic (IDF-weighted) in words no indexed passage uses at all, after
  typos are corrected: "net profit", "weather", "Tesla".
They are combined by a logistic model fitted on the tuning questions, with the threshold that
fitting chose (bench/fit_weights.py; docs/answering.md has the figures).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from index.keyword import KeywordIndex, is_common_word, stem
from qa.question import Question
from qa.rank import Candidate, weights
from qa.retrieve import Evidence
from qa.text import coverage, coverer, holds, idioms_in, is_cjk, reports, term_set

# Candidates looked through for a sentence reporting the event a question takes for granted.
MAX_PREMISE_SEARCH = 40
_ADVISES = re.compile(r"\b(?:best|recommend\w*|top-rated)\b", re.I)
# "Why was Zhou skeptical ...", "why were they so keen on ...": a state the question ascribes, not
# an event it takes for granted; only a participle there names one ("why was the licence revoked").
_ASCRIBES = re.compile(r"^\W*why\s+(?:was|were)\b", re.I)
_PARTICIPLE = re.compile(r"\w+(?:ed|[^e]en)$")  # "revoked", "taken"; not "keen"
FEATURES = ("best", "sem_en", "sem_ml", "lex", "asked", "named", "passage", "spread", "unknown", "english")


@dataclass(frozen=True)
class Verdict:
    answerable: bool
    probability: float
    features: dict[str, float]
    missing: list[str]  # the question's words that no indexed passage uses, or the event it takes for granted
    # refused as a false premise: "unheard" (no article uses the event's word) or "unreported" (none
    # reports it of the question's subject: "what did Liu say when he resigned")
    premise: str | None = None


def signals(question: Question, evidence: list[Evidence], found: list[Candidate],
            keywords: KeywordIndex) -> dict[str, float]:
    focus = question.focus
    texts = [f"{e.passage.title}\n{e.passage.text}" for e in evidence]
    top = found[:20]
    lex = asked = named = 0.0
    names = [n.lower() for n in question.names]
    of_focus, of_asked = _share_or_all(focus, keywords), _share_or_all(question.asked, keywords)
    for c in top:
        # coverage by the sentence and the one before it in its passage ("He further warned ...")
        present = term_set(c.sentence.text) | term_set(c.previous)
        lex = max(lex, c.features["lex"], of_focus(present))
        asked = max(asked, of_asked(present))
        if names:
            both = " ".join(t for t in (c.previous, c.sentence.text) if t).lower()
            named = max(named, sum(n in both for n in names) / len(names))
    idf_total = sum(keywords.idf(t) for t in focus) or 1.0
    unknown_terms = {stem(w) for w in question.unknown}
    sem = max((c.features["sem"] for c in found), default=0.0)
    return {
        "best": max((c.score for c in found), default=0.0),
        "sem_en": sem * question.english, "sem_ml": sem * (not question.english),
        "lex": lex, "asked": asked, "named": named,
        "passage": max((coverage(focus, t, keywords) for t in texts), default=0.0),
        "spread": coverage(focus, "\n".join(texts[:3]), keywords),
        "unknown": sum(keywords.idf(t) for t in focus if t in unknown_terms) / idf_total,
        "english": float(question.english),
    }


def judge(question: Question, evidence: list[Evidence], found: list[Candidate],
          keywords: KeywordIndex) -> Verdict:
    # The event a question takes for granted counts even as an everyday word: no article speaks
    # of a "kill" of the bill; other everyday words no article uses ("reckon") are chat.
    granted = question.granted
    unheard = [w for w in question.unknown if any(holds(t, term_set(w)) for t in granted)
               or not is_common_word(w) and _names_event(question, w)]
    # Not for "how much/many did X ...": its verb often only measures ("how many riders did the
    # strike affect"), so a word no article uses there is left to the gate.
    if question.presupposes and unheard and question.kind != "number":
        # "Why did Hong Kong scrap its regime?": the event the question takes for granted is one
        # no article speaks of. A rule, not a weight: the articles cannot support it.
        return Verdict(False, 0.0, {}, unheard, premise="unheard")
    of = question.agent or [t for t in question.focus if t not in granted]
    chinese = [t for t in question.focus if is_cjk(t)]
    # The first event is the one asked about ("why did X vote down the ban": the vote, not the ban).
    # A subject no article names ("how much did tram fares in Lisbon fall") is the gate's to refuse.
    if granted and not unheard and not any(_reports_of(c, granted[:1], of, chinese, question.patient)
                                           for c in found[:MAX_PREMISE_SEARCH]):
        # The event's word is in the articles, but no sentence reports it of the question's
        # subject; a rule too: nothing found can support the premise.
        return Verdict(False, 0.0, {}, _as_asked(question, granted[:1]), premise="unreported")
    if question.asks_advice and not any(_ADVISES.search(c.text) for c in found[:MAX_PREMISE_SEARCH]):
        # "best heat pump brand to buy": news that says nothing is best gives no advice to quote
        return Verdict(False, 0.0, {}, [])
    features = signals(question, evidence, found, keywords)
    w = weights()["answerable"]
    z = w["bias"] + sum(w[name] * features[name] for name in FEATURES)
    probability = 1 / (1 + math.exp(-z))
    answerable = bool(evidence and found) and probability >= weights()["answerable_threshold"]
    return Verdict(answerable, probability, features, list(question.unknown))


def _names_event(question: Question, word: str) -> bool:
    """Whether a word no article uses may be the event taken for granted: any word of "why did X
    ...", only a participle of "why was X ..." (the rest describe: "skeptical", "keen", names)."""
    return not _ASCRIBES.match(question.text) or bool(_PARTICIPLE.fullmatch(word))


def _reports_of(c: Candidate, events: list[str], of: list[str], chinese: list[str],
                patient: list[str]) -> bool:
    """Whether a sentence (or the heading above it) reports one of the events as having happened,
    of (one of the terms for) whom or what the question says there, in the sentence before ("Liu
    ... He resigned") or in the article's title ("both firms halted": the title names them)."""
    # A sentence in Chinese that holds the question's Chinese words (its subject, "临江") is not
    # read for the English event word ("开通" is "open"): no telling, so no refusal.
    if is_cjk(c.sentence.text):
        return any(holds(t, term_set(c.sentence.text)) for t in chinese)
    # ... or the heading above it does ("... after Zhou Xiaochuan's warning" over "Zhou urged restraint")
    if not reports(c.sentence.text, events) and not reports(c.heading, events):
        return False
    held = term_set(c.sentence.text) | term_set(c.previous) | term_set(c.passage.title)
    # ... and of what or where the question says it was done to: "Corvane chose Millbrook" does not
    # report Corvane picking Texas
    return (not of or any(holds(t, held) for t in of)) and (not patient or any(holds(t, held) for t in patient))


def _as_asked(question: Question, events: list[str]) -> list[str]:
    """The question's own words for the events ("resigned" for "resign", "signed off" for
    "approve"), where it has them."""
    tokens = idioms_in(question.text) + re.findall(r"[\w'’-]+", question.text)
    return [next((w for w in tokens if holds(t, term_set(w))), t) for t in events]


def _share_or_all(wanted: list[str], keywords: KeywordIndex) -> Callable[[frozenset[str]], float]:
    """Coverage of `wanted` (see coverer); no terms wanted are all there."""
    return coverer(wanted, keywords) if wanted else lambda present: 1.0
