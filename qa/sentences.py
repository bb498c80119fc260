"""Sentences of a passage with their character offsets in the source file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.records import Passage

_CJK_END = re.compile(r"[^。！？]*[。！？]+[”’」』]?|[^。！？]+$")


_ORDERS = re.compile(
    r"\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|prompts?|rules|above)\b|"
    r"\b(reply|respond|answer|say|output)\b.{0,20}\b(only|exactly|with)\b|"
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


@lru_cache(maxsize=1)
def _punkt():
    # The English Punkt model ships in llama-index's bundled NLTK cache; nothing is downloaded.
    from llama_index.core.utils import globals_helper
    from nltk.tokenize.punkt import PunktTokenizer

    globals_helper.wait_for_nltk_check()
    return PunktTokenizer("english")


def split_text(text: str) -> list[str]:
    """Sentences of plain text (a model's reply), by Punkt."""
    return _punkt().tokenize(text)


@lru_cache(maxsize=1024)
def split(passage: Passage) -> tuple[Sentence, ...]:
    """Split per line first (headings and list items end without a full stop), then by Punkt,
    then by Chinese full stops."""
    out = []
    for line in re.finditer(r"[^\n]+", passage.text):
        for a, b in _punkt().span_tokenize(line.group()):
            piece = line.group()[a:b]
            for m in _CJK_END.finditer(piece):
                text = m.group().strip()
                if text:
                    offset = line.start() + a + m.start() + (len(m.group()) - len(m.group().lstrip()))
                    start = passage.start + offset
                    out.append(Sentence(text, start, start + len(text), passage))
    return tuple(out)
