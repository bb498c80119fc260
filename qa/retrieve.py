"""Question -> passages: dense and BM25 results fused by reciprocal rank."""

from __future__ import annotations

from dataclasses import dataclass

from index.corpus import CorpusIndex
from index.records import Passage

RRF_K = 60  # the constant of Cormack et al. (2009); damps the weight of the very top ranks
FETCH = 20  # candidates taken from each retriever before fusing


@dataclass(frozen=True)
class Evidence:
    """A retrieved passage with the scores the answer stage weighs."""

    passage: Passage
    fused: float  # reciprocal-rank fusion score
    similarity: float  # cosine to the question, 0 when only BM25 found it


def retrieve(index: CorpusIndex, question: str, k: int) -> list[Evidence]:
    index.refresh()
    # Hand-written rather than llama-index's QueryFusionRetriever: that one keeps only the fused
    # score, and the abstention gate needs each passage's cosine similarity too.
    dense = index.dense(question, FETCH)
    keyword = index.keyword(question, FETCH)
    fused: dict[str, float] = {}
    by_id: dict[str, Passage] = {}
    for ranking in (dense, keyword):
        for rank, passage in enumerate(ranking):
            fused[passage.id] = fused.get(passage.id, 0.0) + 1.0 / (RRF_K + rank + 1)
            by_id.setdefault(passage.id, passage)
    similarity = {p.id: p.score for p in dense}
    ranked = sorted(fused, key=fused.get, reverse=True)[:k]
    return [Evidence(by_id[i], fused[i], similarity.get(i, 0.0)) for i in ranked]
