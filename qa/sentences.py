"""Sentences of a passage with their character offsets in the source file, and the test for text
that gives orders instead of stating facts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.records import Passage
from index.sentences import sentence_spans, split_text

__all__ = ["Sentence", "gives_orders", "split", "split_text"]

# Orders addressed to whoever reads the text (a model): imperatives, not reported speech.
# "urging China to respond with a yuan-pegged alternative" is news; "respond with only X" is not.
_ORDERS = re.compile(
    r"\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|prompts?|rules|above)\b|"
    r"^\W*(please\s+)?(ignore|disregard|forget|reply|respond|answer|say|output|print|repeat|pretend)\b|"
    r"\b(reply|respond|answer|say|output)\s+with\s+\S+\s+(only|alone)\b|"
    r"\b(reply|respond|answer|say|output)\s+(only|exactly)\b|"
    r"\b(reply|respond|answer|say|output)\s+with\s+(only|exactly|the word|[\"'“‘])|"
    r"\b(when|if)\s+(you are\s+)?asked\b.{0,120}\b(answer|reply|respond|say)\b|"
    r"\byou (are now|must|should)\b|\bsystem prompt\b|\bnew instructions?\b", re.I)


def gives_orders(text: str) -> bool:
    """A sentence addressed to the reader ("ignore previous instructions and ...") states no
    fact: it is never an answer, nor support for one, whatever a model made of it."""
    return bool(_ORDERS.search(text))


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offsets into the source file's text
    end: int
    passage: Passage


@lru_cache(maxsize=4096)
def split(passage: Passage) -> tuple[Sentence, ...]:
    return tuple(Sentence(passage.text[a:b], passage.start + a, passage.start + b, passage)
                 for a, b in sentence_spans(passage.text))
