"""BM25 keyword search (bm25s) over the current passages, with the term statistics the
answer stage uses to judge how much of a question the evidence covers."""

from __future__ import annotations

import logging
import math
import re
from bisect import bisect_left
from collections import Counter
from functools import cached_property, lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_CHINESE, STOPWORDS_EN
from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS

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
_SPELLED_OUT = re.compile(r"\b(?!(?:The|A|An|In|On|At|For|And|But|Its|Their|Our)\b)"
                          r"[A-Z][a-z]+(?:['’]s)?(?:[ \t]+(?:of[ \t]+|for[ \t]+|and[ \t]+)?[A-Z][a-z]+(?:['’]s)?){1,5}")
_HAN = re.compile(r"[\u3400-\u9fff]")
# A word inside a sentence (after a lower-case letter, a digit or a comma): its capital is a name's
_INSIDE_SENTENCE = re.compile(r"(?<=[a-z0-9,;:] )([A-Za-z][A-Za-z'’-]*)")
_CHINESE_STOPWORDS = frozenset(STOPWORDS_CHINESE) | set("的了是在和与及或也都而就对把被从向为")
_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)  # it logs its dictionary loading at INFO
    jieba.initialize()
    return jieba


def words(text: str) -> list[str]:
    """Lower-cased words of `text`; a run of Chinese characters is segmented into words by
    jieba (Chinese has no spaces, and the run as one token would never match a passage)."""
    out = []
    for w in _WORD.findall(text):
        if _HAN.search(w):
            out.extend(p for p in _jieba().lcut(w) if p.strip() and p not in _CHINESE_STOPWORDS)
        else:
            w = w.lower().replace("’", "'")
            out.append(w)
            if "." in w:  # "jd.com" is also asked for as "jd"
                out.append(w.split(".", 1)[0])
    return out


@lru_cache(maxsize=1)
def _english_words() -> dict[str, int]:
    import json

    # MiniLM's WordPiece vocabulary: its whole-word entries are English words, numbered roughly
    # from the most frequent to the least.
    vocab = json.loads((Path(__file__).parent / "assets" / "minilm-tokenizer.json").read_text("utf-8"))
    return {w: i for w, i in vocab["model"]["vocab"].items() if w.isalpha()}


def is_english_word(word: str) -> bool:
    """An English word ("dead", "scrap"): not a typo, even when no article uses it."""
    return word in _english_words()


def is_common_word(word: str) -> bool:
    """One of the few thousand most frequent English words ("took", "best", "won")."""
    return _english_words().get(word, COMMON_RANK) < COMMON_RANK


_IZE = re.compile(r"^(\w{3,})iz(e|es|ed|ing|ation|ations|er|ers)$")  # the -ize words breame lacks
_ENDING = re.compile(r"e|s|es|d|ed|ing|ings|n|en|er|ers|est|ion|ions|ation|ment|ments|al|an|ean|ian|ly|y|ies|ied|th")
MIN_ROOT = 5
PREFIX = 6  # letters a cognate shares with the English word ("spéculatifs", "speculative")
COMMON_RANK = 5000  # WordPiece ids below this are everyday words, inflections included


# Irregular past forms, which the stemmer leaves apart from their verb: "how much did he spend"
# is answered by "he spent 22,000 pounds". Not forms that are as often other words ("left", "fed",
# "saw", "met" the Met Office, "rose", "lay"); "won" and "found" are asked as verbs far more often.
_IRREGULAR = {past: verb for verb, forms in {
    "spend": "spent", "pay": "paid", "win": "won", "lose": "lost", "sell": "sold", "buy": "bought",
    "build": "built rebuilt", "hold": "held", "make": "made", "say": "said", "take": "took taken",
    "give": "gave given", "go": "went gone", "come": "came", "begin": "began begun", "fall": "fell fallen",
    "rise": "risen", "grow": "grew grown", "choose": "chose chosen", "drive": "drove driven", "run": "ran",
    "send": "sent", "bring": "brought", "catch": "caught", "fight": "fought",
    "think": "thought", "teach": "taught", "seek": "sought", "keep": "kept", "feel": "felt", "mean": "meant",
    "stand": "stood", "strike": "struck", "speak": "spoke spoken", "break": "broke broken", "write": "wrote written",
    "draw": "drew drawn", "know": "knew known", "show": "shown", "freeze": "froze frozen", "steal": "stole stolen",
    "get": "got gotten", "withdraw": "withdrew withdrawn", "sink": "sank sunk", "fly": "flew flown",
    "lend": "lent", "deal": "dealt", "find": "found", "forbid": "forbade forbidden", "undertake": "undertook",
    "overtake": "overtook", "swear": "swore sworn", "wear": "wore worn", "hang": "hung",
}.items() for past in forms.split()}


def is_past_form(word: str) -> bool:
    """Whether a word reads as a verb's past form ("opened", "made")."""
    return word in _IRREGULAR or (len(word) > 4 and word.endswith("ed"))


def terms(text: str) -> list[str]:
    """Lower-cased, stemmed content words of `text`."""
    return _stemmer.stemWords([_base(w) for w in words(text) if w not in STOPWORDS])


def stem(word: str) -> str:
    return _stemmer.stemWord(_base(word))


@lru_cache(maxsize=65536)  # every word of every new passage and sentence; a substitution costs ~1 us a word
def _base(word: str) -> str:
    """The verb of an irregular past form; an American spelling as the British write it
    ("license", "authorized", "tokenization": "licence", "authorised", "tokenisation"), so either
    spelling finds the other."""
    return _IRREGULAR.get(word) or AMERICAN_ENGLISH_SPELLINGS.get(word) or _IZE.sub(r"\1is\2", word)


def _starting(ordered: list[str], prefix: str) -> list[str]:
    """The words of a sorted list that start with `prefix`."""
    start = end = bisect_left(ordered, prefix)
    while end < len(ordered) and ordered[end].startswith(prefix):
        end += 1
    return ordered[start:end]


class KeywordIndex:
    """BM25 over a fixed list of passages; rebuild it when the passages change."""

    def __init__(self, passages: list[Passage]):
        self.passages = passages
        self.by_id = {p.id: p for p in passages}
        self.by_source: dict[str, list[Passage]] = {}
        for p in passages:
            self.by_source.setdefault(p.source, []).append(p)
        docs = [terms(f"{p.title}\n{p.text}") for p in passages]
        # Words as written, for spelling correction of questions against the index's own words.
        self.vocabulary = Counter(w for p in passages for w in words(p.text) if not _HAN.search(w))
        self._by_length: dict[int, list[str]] | None = None
        self._acronyms: dict[str, str] | None = None
        self._names: frozenset[str] | None = None
        self._by_prefix: dict[str, str] | None = None
        # the words sorted, forwards and backwards, and each one's place in the vocabulary: the words
        # that start or end with some letters are then found without going through all of them
        self._sorted: tuple[list[str], list[str], dict[str, int]] | None = None
        self._doc_freq: dict[str, int] = {}
        self._idf: dict[str, float] = {}
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
        # Scores of every passage, then the top k of those that hold a term (only those are sorted):
        # bm25s's retrieve() would start a thread pool for each question. Ties go to the earlier
        # passage, the same way every time.
        scores = self._bm25.get_scores(query_terms)
        hits = np.flatnonzero(scores > 0)
        top = hits[np.argsort(-scores[hits], kind="stable")[:k]]
        return [self.passages[i].scored(float(scores[i])) for i in top]

    @property
    def known_terms(self):
        """Every term some passage holds."""
        return self._doc_freq.keys()

    def closest_word(self, word: str, max_edits: int) -> str | None:
        """The most frequent indexed word within `max_edits` edits (a swap of two letters is one)."""
        from rapidfuzz.distance import OSA
        from rapidfuzz.process import extract

        if self._by_length is None:
            self._by_length = {}
            for w in self.vocabulary:
                self._by_length.setdefault(len(w), []).append(w)
        near = [w for n in range(len(word) - max_edits, len(word) + max_edits + 1)
                for w in self._by_length.get(n, ())]
        found = extract(word, near, scorer=OSA.distance, score_cutoff=max_edits, limit=20)
        if not found:
            return None
        fewest = min(d for _, d, _ in found)
        return max((w for w, d, _ in found if d == fewest), key=lambda w: self.vocabulary[w])

    def expand_acronym(self, word: str) -> str | None:
        """"ecb" -> "european central bank" when some passage spells out a name with those
        initials (the articles write "HKMA" and "Hong Kong Monetary Authority" both)."""
        if self._acronyms is None:
            self._acronyms = {}
            for p in self.passages:
                for m in _SPELLED_OUT.finditer(p.text):
                    parts = re.sub(r"['’]s$", "", m.group()).split()  # "Zhou Xiaochuan's": his name
                    # "People's Bank of China" is one name, "Britain's Financial Conduct Authority"
                    # an owner's: the words after the owner are a name of their own
                    owner = max((i for i, w in enumerate(parts[:-1]) if re.search(r"['’]s$", w)), default=-1)
                    for name in (parts, parts[owner + 1:]) if owner >= 0 else (parts,):
                        for initials in ("".join(w[0] for w in name if w[0].isupper()), "".join(w[0] for w in name)):
                            self._acronyms.setdefault(initials.lower(), " ".join(name).lower())
        return self._acronyms.get(word) if len(word) >= 2 else None

    def most_frequent_starting(self, prefix: str) -> str | None:
        """The most frequent indexed word in Latin letters that starts with these six letters."""
        if self._by_prefix is None:
            self._by_prefix = {}
            for w, n in self.vocabulary.items():
                if len(w) >= PREFIX and w.isascii() and n > self.vocabulary.get(self._by_prefix.get(w[:PREFIX]), 0):
                    self._by_prefix[w[:PREFIX]] = w
        return self._by_prefix.get(prefix)

    def same_root(self, word: str) -> str | None:
        """The most frequent indexed word, no shorter, that is this one with another ending
        ("europe" -> "european", "regulatory" -> "regulators"): an inflection the stemmer does not
        join. Words under six letters are left alone ("plane" is not "plans"), and so is a root under
        five ("listen" is not "listing"), or one that goes on with more than an ending ("compare" is
        not "company", "colony" not "colorado")."""
        if len(word) < 6:
            return None
        forwards, _, place = self._sorted_words()
        # in the vocabulary's order, as the most frequent of equals is its first
        near = [v for cut in (1, 2) if _ENDING.fullmatch(word[-cut:]) and len(word) - cut >= MIN_ROOT
                for v in sorted(_starting(forwards, word[:-cut]), key=place.__getitem__)
                if 0 <= len(v) - len(word) <= 3 and _ENDING.fullmatch(v[len(word) - cut:])]
        return max(near, key=lambda v: self.vocabulary[v], default=None)

    def is_name_term(self, term: str) -> bool:
        """Whether the articles write the term as (part of) a name: capitalised in most of its uses
        inside a sentence ("Kestrel Reservoir", "Hong Kong", "JD.com"; not "level", "central bank")."""
        if self._names is None:
            capitalised, seen = Counter(), Counter()
            for p in self.passages:
                for m in _INSIDE_SENTENCE.finditer(p.text):
                    written = stem(m.group(1).lower())
                    seen[written] += 1
                    capitalised[written] += m.group(1)[0].isupper()
            self._names = frozenset(t for t, n in seen.items() if capitalised[t] * 2 > n)
        return term in self._names

    def split_words(self, word: str) -> str | None:
        """Two indexed words typed as one ("hongkong" -> "hong kong"), when the articles write them
        side by side; a word of its own (English, or indexed) is left alone."""
        if len(word) < 5 or word in self.vocabulary or is_english_word(word) or not word.isalpha():
            return None
        pairs = [f"{word[:i]} {word[i:]}" for i in range(2, len(word) - 1)
                 if word[:i] in self.vocabulary and word[i:] in self.vocabulary]
        return next((pair for pair in pairs if pair in self._side_by_side), None)

    @cached_property
    def _side_by_side(self) -> frozenset[str]:
        """Every two words the articles write one after the other, read once per index."""
        found = set()
        for passage in self.passages:
            said = re.findall(r"[^\W\d_]+", passage.text.lower())
            found.update(f"{a} {b}" for a, b in zip(said, said[1:]))
        return frozenset(found)

    def in_compound(self, word: str) -> bool:
        """Whether an indexed word is made of this one and more ("coin" in "stablecoin")."""
        if len(word) < 4:
            return False
        forwards, backwards, _ = self._sorted_words()
        return any(len(v) > len(word) for v in [*_starting(forwards, word), *_starting(backwards, word[::-1])])

    def _sorted_words(self) -> tuple[list[str], list[str], dict[str, int]]:
        if self._sorted is None:
            self._sorted = (sorted(self.vocabulary), sorted(w[::-1] for w in self.vocabulary),
                            {w: i for i, w in enumerate(self.vocabulary)})
        return self._sorted

    def idf(self, term: str) -> float:
        """Inverse document frequency; a term no passage holds gets the highest value."""
        value = self._idf.get(term)
        if value is None:  # asked for ~700 times an answer: computed once a term
            value = self._idf[term] = math.log(1 + (len(self.passages) + 1) / (self._doc_freq.get(term, 0) + 0.5))
        return value

