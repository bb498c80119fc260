"""The candidate answer sentences of a question, each weighed by words and by meaning.

Candidates are the sentences of the retrieved passages and of the passages beside them. Each
gets features (how much of the question's topic it holds, its embedding's closeness to the
question's, whether it has what the question's kind asks for: a date, a figure, a cause) and a
score from weights fitted on tuning questions (bench/fit_weights.py writes qa/weights.json).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from index.chunking import is_lead
from index.corpus import CorpusIndex
from index.records import Passage
from qa.question import Question
from qa.retrieve import Retrieved
from qa.sentences import Sentence, gives_orders, split
from qa.text import coverer, has_date, has_figure, is_cjk, term_set, tidy

MIN_WORDS = 6  # shorter lines are headings, bylines and captions, not answers
MIN_CJK_CHARS = 12
WEIGHTS = Path(__file__).with_name("weights.json")

# "citing" a cause, not "citing sources familiar with the matter": that says who told, not why
CITING = r"citing(?! (?:sources|people|officials|a person|a source))"
# the grounds of what was done: "questioned the need, arguing that ...", "on the grounds that ...",
# "which Northmere blamed on rock" (not "had argued that ...": what was argued, no reason for anything)
GROUNDS = r"arguing that|on the grounds that|given that|blamed on|attributed to"
# "As an important bridgehead for ..., Hong Kong is regarded as ...": what it is says why
AS_WHAT_IT_IS = r"^\W*as (?:an?|the|one of the)\s+[^,]{3,80},"
_CAUSE = re.compile(rf"\b(because|due to|after|{CITING}|cited|amid|concerns?|worr(y|ies|ied)|warn(ed|ing|s)?|"
                    r"fears?|so that|in order to|aims? to|aimed|intended to|to (counter|hedge|promote|challenge|"
                    r"avoid|protect|reduce|boost)|reasons?|since|as a result|led to|prompted|driven by|"
                    rf"needed|need to|goal|purpose|in a bid to|in response to|for fear|{GROUNDS})\b|"
                    rf"{AS_WHAT_IT_IS}|因为|由于|为了|原因", re.I)
# A sentence that goes on from the one before: a pronoun or a quote for its subject.
_CONTINUES = re.compile(r"^\W*(he|she|they|it|this|these|that|those|his|her|their|its|"
                        r"to (help )?(pay|fund|cover) for (it|this|that)|the (company|group|firm|bank|"
                        r"central bank|authority|ministry|government|official|move|plan|scheme|study))\b|^\s*[“\"‘]|"
                        r"\b(he|she|they) (said|says|added|warned|argued|noted|told)\b|"
                        # or an opening phrase pointing back to where or when: "In those schools, students slept ..."
                        r"^\W*(in|at|of|for|among|from|by|since|under|after|with)\s+(those|these|that|this|them|then)\b",
                        re.I)
# News boilerplate that someone would not speak, and the questions it answers.
_NO_COMMENT = re.compile(r"\b(?:declined to comment|(?:did not|didn['’]t|could not|couldn['’]t)(?: immediately)? "
                         r"(?:respond|reply|be reached)|(?:not|nor \w+(?: \w+){0,3}) commented on|"
                         r"no comment|requests? for comment)", re.I)
_ABOUT_COMMENT = re.compile(r"\b(comment\w*|respond\w*|response|react\w*|reply|replied|statement|"
                            r"say|said|says|silent|quiet)\b", re.I)
_OPENS = re.compile(r"[\W_]*[A-Z0-9“\"‘'(\[]")
_QUESTION = re.compile(r"[?？]['\"”’)]?$")
_BULLET = re.compile(r"^\s*(?:[-•*–·▪]|\d{1,2}[.)])\s+$")
_FULL_STOP = re.compile(r"[.!?。！？]['\"”’)\]]?$|\[\d+\]\.?$")

# sem_en / sem_ml: closeness in meaning for an English question (both models) and for another
# language (the multilingual model alone, on a different scale): weighed apart.
# carried: the previous sentence's lex for a sentence that continues it ("He further warned, ...",
# a quote); names: share of the question's names in the sentence or the one before it.
FEATURES = ("lex", "lex_prev", "carried", "sem_en", "sem_ml", "prior", "title", "names", "fits", "lead")


@dataclass
class Candidate:
    sentence: Sentence
    features: dict[str, float]
    score: float = 0.0

    @property
    def passage(self) -> Passage:
        return self.sentence.passage

    @property
    def text(self) -> str:
        return tidy(self.sentence.text)

    @property
    def previous(self) -> str:
        """The sentence before this one in its passage ("Wang Yongli ..." before "He further
        warned, ..."), or ""."""
        return _previous_in_passage(self.sentence)

    @property
    def heading(self) -> str:
        """The line just above this sentence when it is a heading (no full stop: "Beijing turns
        cautious after Zhou Xiaochuan's warning"), or ""."""
        before = self.previous.strip()
        return before if before and not _FULL_STOP.search(before) else ""


@lru_cache(maxsize=16384)
def _previous_in_passage(sentence: Sentence) -> str:
    sentences = split(sentence.passage)
    i = next((i for i, s in enumerate(sentences) if s.start == sentence.start), 0)
    return sentences[i - 1].text if i else ""


@lru_cache(maxsize=1)
def weights() -> dict:
    return json.loads(WEIGHTS.read_text(encoding="utf-8"))


def candidates(question: Question, retrieved: Retrieved, index: CorpusIndex) -> list[Candidate]:
    """Answer-like sentences of the evidence, best first."""
    keywords = index.keyword_index
    sentences = _sentences(retrieved, index)
    if not sentences:
        return []
    # "X did not respond to requests for comment" answers only a question about comments
    quiet_ok = bool(_ABOUT_COMMENT.search(question.text))
    kept = [_is_answer_like(sentence) and (quiet_ok or not _no_comment(sentence.text)) for sentence, _ in sentences]
    vectors = index.sentence_vectors([(s.passage, s.start, s.end) for (s, _), k in zip(sentences, kept) if k])
    query = retrieved.vector
    mask = (query != 0).astype(np.float32)  # a question in another language uses the multilingual part only
    norms = np.maximum(np.linalg.norm(vectors * mask, axis=1), 1e-6)
    # Rounded: the models' threads add noise in the last bits, which must not reorder answers.
    closeness = iter(np.round((vectors @ query) / norms, 4).tolist())
    lowered_names = [n.lower() for n in question.names]
    share = coverer(question.focus, keywords)  # of the question's topic, in each sentence and title
    out, previous = [], (None, 0.0, "")
    for (sentence, prior), answer_like in zip(sentences, kept):
        lex = share(term_set(sentence.text))
        lowered = sentence.text.lower()
        same_file = previous[0] == sentence.passage.source
        carried, before = (previous[1], previous[2]) if same_file else (0.0, "")
        previous = (sentence.passage.source, lex, lowered)
        if not answer_like:
            continue
        sem = next(closeness)
        window = f"{before} {lowered}"
        continues = _continues(sentence.text)
        features = {
            "lex": lex, "lex_prev": carried, "carried": carried * continues, "sem": sem,
            "sem_en": sem * question.english, "sem_ml": sem * (not question.english),
            "prior": prior,
            "title": share(term_set(sentence.passage.title)),
            "names": (sum(n in window for n in lowered_names) / len(lowered_names)) if lowered_names else 0.0,
            "fits": float(_fits(question.kind, sentence.text)),
            "lead": float(is_lead(sentence.passage.id)),
            "continues": float(continues),
        }
        out.append(Candidate(sentence, features, _score(features)))
    out.sort(key=lambda c: (-c.score, c.passage.source, c.sentence.start))
    return out


def _score(features: dict[str, float]) -> float:
    w = weights()["sentence"]
    z = w["bias"] + sum(w[name] * features[name] for name in FEATURES)
    return 1 / (1 + math.exp(-z))


@lru_cache(maxsize=16384)
def _fits(kind: str, text: str) -> bool:
    """Whether a sentence holds what the kind of question asks for."""
    if kind in ("when", "timeline"):
        return has_date(text)
    if kind == "number":
        return has_figure(text)
    if kind == "why":
        return bool(_CAUSE.search(text))
    return False


@lru_cache(maxsize=16384)
def _continues(text: str) -> bool:
    return bool(_CONTINUES.search(text))


@lru_cache(maxsize=16384)
def _no_comment(text: str) -> bool:
    return bool(_NO_COMMENT.search(text))


def _sentences(retrieved: Retrieved, index: CorpusIndex) -> list[tuple[Sentence, float]]:
    """Sentences of the evidence and of the passages beside it, per file in reading order, each
    with the prior of the best passage it came from (overlapping passages repeat sentences)."""
    priors: dict[str, tuple[Passage, float]] = {}
    for rank, e in enumerate(retrieved.evidence):
        prior = 1 / (1 + rank)
        if prior > priors.get(e.passage.id, (None, 0.0))[1]:
            priors[e.passage.id] = (e.passage, prior)
        for neighbour in index.neighbours(e.passage):
            if neighbour.id not in priors:
                priors[neighbour.id] = (neighbour, prior / 2)
    # A sentence cut by the end of a neighbour ("... urged restraint. “We need to ...") is whole
    # only with the passage after it: the quote must be there to come with its speaker.
    for passage, prior in list(priors.values()):
        after = index.neighbours(passage)[-1:]
        if after and after[0].id not in priors and after[0].start > passage.start:
            priors[after[0].id] = (after[0], prior / 2)
    by_file: dict[str, dict[int, tuple[Sentence, float]]] = {}
    for passage, prior in priors.values():
        seen = by_file.setdefault(passage.source, {})
        for sentence in split(passage):
            kept = seen.get(sentence.start)
            # Of two copies of a sentence, the longer one is whole (the other is cut by its passage).
            if kept is None or (sentence.end, prior) > (kept[0].end, kept[1]):
                seen[sentence.start] = (sentence, max(prior, kept[1] if kept else 0.0))
    out = []
    for seen in by_file.values():
        reach = -1
        for start in sorted(seen):
            sentence, prior = seen[start]
            if sentence.end <= reach:  # a piece of the sentence before, cut by a passage boundary
                continue
            reach = max(reach, sentence.end)
            out.append((sentence, prior))
    return out


@lru_cache(maxsize=16384)
def _is_answer_like(sentence: Sentence) -> bool:
    """Statements only: headings, bylines and captions lack a full stop (list items need none),
    and a question in an article (a heading, an interviewer's) answers nothing."""
    text = sentence.text.strip()
    if gives_orders(text) or _QUESTION.search(text):
        return False
    if is_cjk(text):
        return len(text) >= MIN_CJK_CHARS and bool(_FULL_STOP.search(text) or _is_list_item(sentence))
    if _is_list_item(sentence):
        return len(text.split()) >= MIN_WORDS
    # A sentence opens with a capital, a digit or a quote: ".com and Alibaba's ..." is the rest of
    # one that the page broke apart.
    return len(text.split()) >= MIN_WORDS and bool(_FULL_STOP.search(text)) and bool(_OPENS.match(text))


def _is_list_item(sentence: Sentence) -> bool:
    p = sentence.passage
    line_start = p.text.rfind("\n", 0, sentence.start - p.start) + 1
    return bool(_BULLET.match(p.text[line_start:sentence.start - p.start]))
