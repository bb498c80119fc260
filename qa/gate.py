"""Decide whether the retrieved evidence can answer the question at all.

Two signals, both measured on the passages retrieved for the question:
- coverage: the share of the question's content words (weighted by IDF, so rare words such as
  names and figures count most) found in the best single passage. "What was Ant Group's net profit
  in 2024?" finds "Ant Group" but neither "net profit" nor "2024": low coverage.
- similarity: cosine between question and passage embeddings. It carries questions whose words
  are not the articles' words (paraphrases, questions in Chinese, which have no coverage at all).
The thresholds were chosen on tests/data/tune_qa.jsonl with the dev set (docs/abstention.md has
the sweep) and checked on tests/data/heldout_qa.jsonl.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from index.clean import is_cjk
from index.keyword import KeywordIndex, terms
from qa.retrieve import Evidence

MIN_COVERAGE = 0.5  # answer when this share of the question's weighted words is in one passage
MIN_SIMILARITY = 0.6  # ... or when a passage is this close in embedding space
MIN_SIMILARITY_CJK = 0.44  # Chinese questions: the multilingual model's part alone

# Words that frame a question in time say nothing about its topic.
_FRAMING = set(terms("latest now currently current still status recent recently today as of "
                     "anymore these days so far yet state"))


def question_terms(question: str) -> list[str]:
    return [t for t in dict.fromkeys(terms(question)) if t not in _FRAMING]


@lru_cache(maxsize=4096)
def term_set(text: str) -> frozenset[str]:
    # Passages and sentences recur across questions: stem each once.
    return frozenset(terms(text))


@dataclass(frozen=True)
class Verdict:
    answerable: bool
    coverage: float
    similarity: float


def coverage(question_terms: list[str], text: str, keywords: KeywordIndex) -> float:
    """IDF-weighted share of `question_terms` that occur in `text`."""
    if not question_terms:
        return 0.0
    present = term_set(text)
    total = sum(keywords.idf(t) for t in question_terms)
    return sum(keywords.idf(t) for t in question_terms if t in present) / total


def judge(question: str, evidence: list[Evidence], keywords: KeywordIndex,
          min_coverage: float = MIN_COVERAGE, min_similarity: float = MIN_SIMILARITY) -> Verdict:
    if not evidence:
        return Verdict(False, 0.0, 0.0)
    wanted = question_terms(question)
    best_coverage = max(coverage(wanted, f"{e.passage.title}\n{e.passage.text}", keywords)
                        for e in evidence)
    best_similarity = max(e.similarity for e in evidence)
    if is_cjk(question):
        return Verdict(best_similarity >= MIN_SIMILARITY_CJK, best_coverage, best_similarity)
    answerable = best_coverage >= min_coverage or best_similarity >= min_similarity
    return Verdict(answerable, best_coverage, best_similarity)

