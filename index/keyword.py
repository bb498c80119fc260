"""BM25 keyword search (bm25s) over the current passages, with the term statistics the
answer stage uses to judge how much of a question the evidence covers."""

from __future__ import annotations

import math
import re
from dataclasses import replace

import bm25s
import Stemmer
from bm25s.stopwords import STOPWORDS_EN

from index.records import Passage

# Question words carry no topic: leaving them out keeps "What is X?" about X.
STOPWORDS = frozenset(STOPWORDS_EN) | {
    "what", "why", "when", "where", "who", "whom", "which", "how", "did", "do", "does", "done",
    "has", "have", "had", "say", "said", "says", "tell", "about", "its", "it's", "can", "could",
    "would", "should", "will", "i", "me", "you", "we", "they", "he", "she", "him", "her", "them",
    "his", "their", "our", "your", "from", "than", "so", "been", "being", "were", "am", "any",
    "some", "s", "much", "many", "also", "there", "here", "after", "before", "over",
}
_WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*", re.UNICODE)
_stemmer = Stemmer.Stemmer("english")


def terms(text: str) -> list[str]:
    """Lower-cased, stemmed content words of `text`."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    return _stemmer.stemWords([w for w in words if w not in STOPWORDS])


class KeywordIndex:
    """BM25 over a fixed list of passages; rebuild it when the passages change."""

    def __init__(self, passages: list[Passage]):
        self.passages = passages
        self.by_id = {p.id: p for p in passages}
        docs = [terms(f"{p.title}\n{p.text}") for p in passages]
        self._doc_freq: dict[str, int] = {}
        for doc in docs:
            for term in set(doc):
                self._doc_freq[term] = self._doc_freq.get(term, 0) + 1
        self._bm25 = bm25s.BM25()
        if passages:
            self._bm25.index(docs, show_progress=False)

    def search(self, query: str, k: int) -> list[Passage]:
        query_terms = [t for t in terms(query) if t in self._doc_freq]
        if not query_terms or not self.passages:
            return []
        k = min(k, len(self.passages))
        ids, scores = self._bm25.retrieve([query_terms], k=k, show_progress=False, n_threads=1)
        return [replace(self.passages[i], score=float(s))
                for i, s in zip(ids[0], scores[0]) if s > 0]

    def idf(self, term: str) -> float:
        """Inverse document frequency; a term no passage holds gets the highest value."""
        n = len(self.passages)
        return math.log(1 + (n + 1) / (self._doc_freq.get(term, 0) + 0.5))

