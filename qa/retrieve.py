"""Question -> passages: dense and BM25 results fused by reciprocal rank."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.chunking import is_lead
from index.corpus import CorpusIndex
from index.records import Passage
from qa.question import Question

RRF_K = 60  # the constant of Cormack et al. (2009); damps the weight of the very top ranks
FETCH = 20  # candidates taken from each retriever before fusing
WIDE_KINDS = ("now", "timeline", "compare")  # kinds that gather evidence across articles
LEAD_KINDS = ("now", "timeline")  # ... and of those, kinds that hear every article's opening
WIDE_FETCH = 60  # candidates taken from each retriever for those kinds
WIDE_FILES = 8  # ... and the best passage of up to this many more articles: each should have a say
# Times k passages kept for a compared question: one side's best passage is often not among the
# other's. Swept on all tuning sets (367 questions): 1 / 2 / 3 / 4 / 5 gave facts 205 / 206 / 207 /
# 207 / 205 of 262, abstain_ok 331 throughout.
COMPARE_KEEP = 3


@dataclass(frozen=True)
class Evidence:
    """A retrieved passage with the scores the answer stage weighs."""

    passage: Passage
    fused: float  # reciprocal-rank fusion score
    similarity: float  # cosine to the question, 0 when only BM25 found it


@dataclass(frozen=True)
class Retrieved:
    evidence: list[Evidence]
    vector: np.ndarray  # the question's unit embedding, to weigh sentences by meaning


def retrieve(index: CorpusIndex, question: Question, k: int) -> Retrieved:
    """Passages for the question; call `index.refresh()` first (once per question: the analysis
    of the question reads the index's vocabulary too)."""
    # Hand-written rather than llama-index's QueryFusionRetriever: that one keeps only the fused
    # score, and the answer stage needs each passage's cosine similarity too.
    vector = index.query_vector(question.search, english=question.english)
    wide = question.kind in WIDE_KINDS
    dense = index.dense_by_vector(vector, WIDE_FETCH if wide else FETCH)
    keyword = index.keyword(question.search, WIDE_FETCH if wide else FETCH)
    dense.sort(key=lambda p: (-round(p.score, 4), p.id))  # as for sentences: noise must not reorder
    fused: dict[str, float] = {}
    by_id: dict[str, Passage] = {}
    for ranking in (dense, keyword):
        for rank, passage in enumerate(ranking):
            fused[passage.id] = fused.get(passage.id, 0.0) + 1.0 / (RRF_K + rank + 1)
            by_id.setdefault(passage.id, passage)
    similarity = {p.id: p.score for p in dense}
    ranked = sorted(fused, key=lambda i: (-fused[i], i))  # ties broken the same way every time
    kept = ranked[:k * COMPARE_KEEP if question.kind == "compare" else k]
    if wide:  # the newest article on a subject may rank low: every article gets its best passage in
        files = {by_id[i].source for i in kept}
        more = [i for i in ranked[k:] if by_id[i].source not in files
                and not files.add(by_id[i].source)]  # the first (best) passage of each new file
        kept += more[:WIDE_FILES]
    # The scores are the evidence's, not its passage's: a passage unscored is equal to itself in
    # every question, so what its text gives (its sentences, which are answers) is cached across them.
    evidence = [Evidence(by_id[i].scored(0.0), fused[i], similarity.get(i, 0.0)) for i in kept]
    # A news lead states the development: for now and timeline every article's is heard, for a
    # question asking for the story itself ("anything on that strike?") the best article's.
    sources = list(dict.fromkeys(by_id[i].source for i in kept))
    if question.kind in LEAD_KINDS or (question.asks_overview and sources):
        have = set(kept)
        for source in sources if question.kind in LEAD_KINDS else sources[:1]:
            evidence += [Evidence(p, 0.0, 0.0) for p in index.keyword_index.by_source.get(source, [])
                         if is_lead(p.id) and p.id not in have]
    return Retrieved(evidence, np.asarray(vector, dtype=np.float32))
