"""Small text helpers shared by the answer stages: terms and their coverage, dates, figures, and
the tidying of a quoted sentence for display."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from index.clean import is_cjk
from index.keyword import KeywordIndex, terms

__all__ = ["coverage", "has_date", "has_figure", "human_date", "is_cjk", "term_set", "terms", "tidy"]

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# A time a sentence states: a month, a year, a date, or a relative time (a weekday alone is not a date).
_DATE = re.compile(rf"\b{_MONTH}(?:\s+\d{{1,2}})?\b|\b(?:19|20)\d\d\b|"
                   r"\b(?:last|next|this|earlier this|later this)\s+(?:year|month|week|summer|spring|autumn|"
                   r"fall|winter)\b|\byesterday\b|\b(?:19|20)\d\d[-/]\d\d\b|\d+\s*(?:年|月|日)", re.I)
_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|"
                     r"hundred|thousand|million|billion|trillion|half|double|twice|triple)\b|"
                     r"[一二三四五六七八九十百千万亿两]+(?:个|家|倍|成|%|亿|万|元|人|次|条)", re.I)
_FOOTNOTE = re.compile(r"\s*\[\d+(?:\s*[,–-]\s*\d+)*\]")  # an article's own source markers
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
_HEADING = re.compile(r"^#+\s*")


@lru_cache(maxsize=8192)
def term_set(text: str) -> frozenset[str]:
    # Passages and sentences recur across questions: stem each once.
    return frozenset(terms(text))


def coverage(wanted: list[str], text: str, keywords: KeywordIndex) -> float:
    """IDF-weighted share of the terms `wanted` that occur in `text`."""
    if not wanted:
        return 0.0
    present = term_set(text)
    total = sum(keywords.idf(t) for t in wanted)
    return sum(keywords.idf(t) for t in wanted if t in present) / total


def has_date(text: str) -> bool:
    return bool(_DATE.search(text))


def has_figure(text: str) -> bool:
    """An amount or a count, not the day or the year of a date."""
    return bool(_FIGURE.search(_DATE.sub(" ", text)))


def human_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"


def tidy(text: str) -> str:
    """A quoted sentence as shown in an answer: one line, without the article's own footnote
    markers (they would read as the answer's citations) or Markdown emphasis and heading marks."""
    text = _FOOTNOTE.sub("", " ".join(text.split()))
    return _HEADING.sub("", _EMPHASIS.sub("", text)).strip()
