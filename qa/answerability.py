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
from datetime import date

from index.keyword import KeywordIndex, is_common_word, stem
from qa.question import OPENING, Question
from qa.rank import Candidate, weights
from qa.retrieve import Evidence
from qa.text import (abbreviated, coverage, coverer, holds, idioms_in, is_cjk, is_of_day, may_be_of_day,
                     may_be_of_year, names_an_event, reports, sought, stated_date, stated_days, term_set)

# Candidates looked through for a sentence reporting the event a question takes for granted.
MAX_PREMISE_SEARCH = 40
_ADVISES = re.compile(r"\b(?:best|recommend\w*|top-rated)\b", re.I)
# Speaking to the reader, as steps to take are given: "you must meet all of the following", "how to apply".
_INSTRUCTS = re.compile(r"\b(?:you|your|how to)\b|您|你", re.I)
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]?")  # from its opening mark: a quote's "you" is the speaker's
# "Why was Zhou skeptical ...", "why were they so keen on ...": a state the question ascribes, not
# an event it takes for granted; only a participle there names one ("why was the licence revoked").
_ASCRIBES = re.compile(OPENING + r"why\s+(?:was|were)\b", re.I)
# Capitalised for the calendar, not as a name: "In August, ..."
_CALENDAR = re.compile(r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                       r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues|wednes|thurs|fri|"
                       r"satur|sun)day)\.?$", re.I)
# An interview's answers: the speaker says "I", the article names them elsewhere.
_FIRST_PERSON = re.compile(r"\b(?:I|we|We)\b")
_PARTICIPLE = re.compile(r"\w+(?:ed|[^e]en)$")  # "revoked", "taken"; not "keen"
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
FEATURES = ("best", "sem_en", "sem_ml", "lex", "asked", "named", "passage", "spread", "unknown", "english")


@dataclass(frozen=True)
class Verdict:
    answerable: bool
    probability: float
    features: dict[str, float]
    missing: list[str]  # the question's words that no indexed passage uses, or the event it takes for granted
    # refused as a false premise: "unheard" (no article uses the event's word) or "unreported" (none
    # reports it of the question's subject: "what did Liu say when he resigned"); or "untimely": no
    # article is from the time asked about ("today")
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
               or question.presupposes and not is_common_word(w) and _names_event(question, w)]
    # Not for "how much/many did X ...": its verb often only measures ("how many riders did the
    # strike affect"), so a word no article uses there is left to the gate; the event of a clause
    # ("who replaced her after the board fired her") is no measure.
    if unheard and not (question.presupposes and question.kind == "number"):
        # "Why did Hong Kong scrap its regime?": the event the question takes for granted is one
        # no article speaks of. A rule, not a weight: the articles cannot support it.
        return Verdict(False, 0.0, {}, unheard, premise="unheard")
    strangers = [w for w in question.unknown if w in question.owners and not is_common_word(w)]
    if strangers:
        # "what is tencent's position on ...": of an owner no article names, none says anything;
        # a rule, as for the premise (an everyday word, "circle's coins", may be the articles' in
        # other words)
        return Verdict(False, 0.0, {}, strangers)
    # "who won the final": whoever did it is what is asked, not a subject it must be reported of
    of = [] if question.doer_asked else question.agent or [t for t in question.focus if t not in granted]
    chinese = [t for t in question.focus if is_cjk(t)]
    # The first event is the one asked about ("why did X vote down the ban": the vote, not the ban).
    # A subject no article names ("how much did tram fares in Lisbon fall") is the gate's to refuse.
    reporting = [c for c in found[:MAX_PREMISE_SEARCH]
                 if _reports_of(c, granted[:1], of, chinese, question.patient)] if granted else []
    unreported = bool(granted and not unheard and not reporting)
    if unreported and not question.doer_asked:
        # The event's word is in the articles, but no sentence reports it of the question's
        # subject; a rule too: nothing found can support the premise.
        return Verdict(False, 0.0, {}, _as_asked(question, granted[:1]), premise="unreported")
    unheld = next((event for event, of in question.noun_events
                   if not any(_reports_noun_event(c, event, of) for c in found[:MAX_PREMISE_SEARCH])), None)
    if unheld:  # "what did liu say at the launch of jd's coin": no sentence reports that launch
        return Verdict(False, 0.0, {}, _as_asked(question, [unheld]), premise="unreported")
    misdated = _misdated(question, reporting) if reporting and not unheard else None
    if misdated:  # "why did china ban crypto in 2023": the articles date the ban to 2021
        return Verdict(False, 0.0, {}, _as_asked(question, granted[:1]) + [misdated], premise="unreported")
    untimely = _untimely(question, found[:MAX_PREMISE_SEARCH], evidence)
    if untimely:  # a rule: news of another time cannot tell
        return Verdict(False, 0.0, {}, [untimely], premise="untimely")
    if unreported and _only_sought(question, found):  # "who got the first licences": firms only applied
        return Verdict(False, 0.0, {}, _as_asked(question, granted[:1]), premise="unreported")
    if question.asks_advice and not any(_ADVISES.search(c.text) for c in found[:MAX_PREMISE_SEARCH]):
        # "best heat pump brand to buy": news that says nothing is best gives no advice to quote
        return Verdict(False, 0.0, {}, [])
    if question.asks_procedure and not any(_instructs(c, question.focus) for c in found[:MAX_PREMISE_SEARCH]):
        # "how do i set up a wallet": news that never speaks to its reader gives no steps to quote
        return Verdict(False, 0.0, {}, [])
    features = signals(question, evidence, found, keywords)
    w = weights()["answerable"]
    z = w["bias"] + sum(w[name] * features[name] for name in FEATURES)
    probability = 1 / (1 + math.exp(-z))
    answerable = bool(evidence and found) and probability >= weights()["answerable_threshold"]
    return Verdict(answerable, probability, features, list(question.unknown))


def _untimely(question: Question, found: list[Candidate], evidence: list[Evidence]) -> str | None:
    """The time a question asks about, when nothing found is of it: "the weather this weekend" and
    no article from this week (an undated one may be from any time); "the 2022 world cup final" and
    no sentence that may be of 2022 (with the one before; see may_be_of_year); a day no sentence
    may be of (see _undated_day)."""
    since, said = question.news_since(date.today()), (question.time_asked or "").lower()
    # ... unless an article speaks of it in the same words, of its own time ("last year, the HKMA
    # launched a sandbox" for "what did the hkma launch last year"): the asker's words are its
    if since and not any(c.passage.date and c.passage.date >= since.isoformat() or said in c.text.lower()
                         for c in found):
        return question.time_asked
    year = next((year for year in _YEAR.findall(question.text)
                 if not any(may_be_of_year(f"{c.previous} {c.sentence.text}", c.passage.date, year)
                            for c in found)), None)
    return year or _undated_day(question.text, found, {e.passage.date for e in evidence if e.passage.date})


def _undated_day(text: str, found: list[Candidate], published: set[str]) -> str | None:
    """The day a question dates what it asks about to ("when the law kicked in on july 1st"), when
    no sentence found (with the one before) may be of it, nor an article retrieved is of it ("the
    story on aug 26"): the articles date it to other days. Not the ends of a span ("since march 1",
    "between june 1 and july 31"): a report seldom names them."""
    return next((said for said, day in stated_days(text).items()
                 if re.search(rf"\bon\s+(?:the\s+)?{re.escape(said)}", text, re.I)
                 and not any(is_of_day(on, day) for on in published)
                 and not any(may_be_of_day(f"{c.previous} {c.sentence.text}", c.passage.date, day) for c in found)),
                None)


def _instructs(c: Candidate, topic: list[str]) -> bool:
    """Whether a sentence, or the heading above it ("How do you apply?"), speaks to the reader
    outside a quote, on the question's topic (not the page's "You may also like")."""
    said = f"{c.heading}\n{_QUOTED.sub(' ', c.sentence.text)}"
    return bool(_INSTRUCTS.search(said)) and any(holds(t, term_set(f"{c.previous} {said}")) for t in topic)


def _names_event(question: Question, word: str) -> bool:
    """Whether a word no article uses may be the event taken for granted: any word of "why did X
    ...", only a participle of "why was X ..." (the rest describe: "skeptical", "keen", names)."""
    return not _ASCRIBES.match(question.text) or bool(_PARTICIPLE.fullmatch(word))


def _reports_of(c: Candidate, events: list[str], of: list[str], chinese: list[str], patient: list[str]) -> bool:
    """Whether a sentence (or the heading above it) reports one of the events as having happened,
    of (one of the terms for) whom or what the question says there, in the sentence before ("Liu
    ... He resigned") or in the article's title ("both firms halted": the title names them); an
    acronym the question gives stands for its name spelled out ("why did the hkma launch ...": "the
    Hong Kong Monetary Authority ... launched")."""
    # A sentence in Chinese that holds the question's Chinese words (its subject, "临江") is not
    # read for the English event word ("开通" is "open"): no telling, so no refusal.
    if is_cjk(c.sentence.text):
        return any(holds(t, term_set(c.sentence.text)) for t in chinese)
    # ... or the heading above it does ("... after Zhou Xiaochuan's warning" over "Zhou urged restraint")
    if not reports(c.sentence.text, events) and not reports(c.heading, events):
        return False
    sentence = abbreviated(c.sentence.text, of)
    held = term_set(sentence) | term_set(c.previous) | term_set(c.passage.title)  # initials and all
    # ... and of what or where the question says it was done to: "Corvane chose Millbrook" does not
    # report Corvane picking Texas
    return _done_by(sentence, events, of, held) and (not patient or any(holds(t, held) for t in patient))


def _only_sought(question: Question, found: list[Candidate]) -> bool:
    """Whether the articles speak of what a "who" question's event is done to as sought ("who got
    the first licences": "plan to apply for licences"), and of no event of it as done ("who approved
    the fare rise": "the board voted to raise fares"). Spoken of in other words ("who got the
    winner": "Tanaka's goal"), it may be reported unseen: no refusal."""
    searched = [c.sentence.text for c in found[:MAX_PREMISE_SEARCH]]
    inner = [t for t in question.patient if names_an_event(t)]
    # a sentence that holds all of it: "tells us" is no US election sought
    return (any(sought(text, question.patient) and all(holds(t, term_set(text)) for t in question.patient)
                for text in searched)
            and not (inner and any(reports(text, inner) for text in searched)))


def _reports_noun_event(c: Candidate, event: str, of: list[str]) -> bool:
    """Whether a sentence reports the event as having happened, of most of the terms the question
    says it is of: the HKMA's sandbox launch "with JD Coinlink" is no launch of JD's yuan coin."""
    if not reports(c.sentence.text, [event]):
        return False
    held = term_set(c.sentence.text)
    return 2 * sum(holds(t, held) for t in of) > len(of)


def _misdated(question: Question, reporting: list[Candidate]) -> str | None:
    """The year a question dates the event it takes for granted to, when every sentence reporting
    that event is dated (by a year it states, or by its article) and none to that year."""
    asked = set(_YEAR.findall(question.text))
    if not asked:
        return None
    years: set[str] = set()
    for c in reporting:
        stated = stated_date(c.text, c.passage.date)
        dated = set(_YEAR.findall(c.text)) | ({str(stated[0])} if stated else set())
        if not dated and not c.passage.date:
            return None
        years |= dated or {c.passage.date[:4]}
    return None if asked & years else min(asked)


def _done_by(sentence: str, events: list[str], of: list[str], held: frozenset[str]) -> bool:
    """Whether the sentence's event is done by (one of) `of`: named before its word ("the HKMA
    launched a sandbox with JD Coinlink" is no launch of JD Coinlink's) or after "by" or "from" ("an
    intervention from Beijing"); or, one that the sentence does not name, in the sentence before or
    the title, when no one else is named before the event's word ("both firms halted after
    instructions from the PBoC"; not "Hong Kong will implement its regime starting Aug. 1"). A
    first-person speaker ("When I started in 1998") cannot be named by the sentence: any agent may
    be meant."""
    if not of or _FIRST_PERSON.search(sentence):
        return True
    tokens = re.findall(r"[\w'’.-]+", sentence)
    at = next((i for i, w in enumerate(tokens) if any(holds(e, term_set(w.lower())) for e in events)), len(tokens))
    named = [i for i, w in enumerate(tokens) if any(holds(t, term_set(w.lower())) for t in of)]
    if any(i < at or tokens[i - 1].lower() in ("by", "from") for i in named):
        return True
    unnamed = [t for t in of if not any(holds(t, term_set(tokens[i].lower())) for i in named)]
    # a capitalised word past the first, not a month or day ("Hong Kong ... will implement ..."), or
    # a first word that is no everyday word ("Achterberg")
    others = [w for i, w in enumerate(tokens[:at]) if w[0].isupper() and not _CALENDAR.match(w)
              and (i or not is_common_word(w.lower()))]
    return not others and any(holds(t, held) for t in unnamed)


def _as_asked(question: Question, events: list[str]) -> list[str]:
    """The question's own words for the events ("resigned" for "resign", "signed off" for
    "approve"), where it has them."""
    tokens = idioms_in(question.text) + [(w, w) for w in re.findall(r"[\w'’-]+", question.text)]
    return [next((w for w, plain in tokens if holds(t, term_set(plain))), t) for t in events]


def _share_or_all(wanted: list[str], keywords: KeywordIndex) -> Callable[[frozenset[str]], float]:
    """Coverage of `wanted` (see coverer); no terms wanted are all there."""
    return coverer(wanted, keywords) if wanted else lambda present: 1.0
