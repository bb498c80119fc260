"""Sentences of a passage as character spans, the unit that answers quote and that the index
embeds one by one (so the answer stage can weigh each sentence by meaning, not only by words)."""

from __future__ import annotations

import re
from functools import lru_cache

_CJK_END = re.compile(r"[^。！？]*[。！？]+[”’」』]?|[^。！？]+$")
_LINE_END = re.compile(r"[.!?。！？:;\"”’)\]]\s*$")
_BULLET = re.compile(r"^(?:[-•*–·▪]|\d{1,2}[.)])\s+")
# "Quick Take In closed-door discussions, ...": a page label fused onto the sentence it labels.
_FUSED_LABEL = re.compile(r"^(?:[A-Z][\w’'-]*\s){1,3}(?=(?:In|The|A|An|On|At|As|For|After|When|While|"
                          r"According|Under)\s+\S+\s+\S+)")
# "RIVERTON, Jan. 14 (Wire) - ": a wire story's dateline, not part of its first sentence.
_DATELINE = re.compile(r"^[A-Z][A-Z.'’&-]+(?:\s+(?:and\s+)?[A-Z][A-Z.'’&-]+)*(?:,\s+[A-Z][a-z]{1,4}\.)?,\s+"
                       r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{4}-\d\d-\d\d)\s*"
                       r"(?:\([^)]{1,30}\))?\s*[-–—]{1,2}\s+")
WRAP_MIN_CHARS = 55  # a line this long that ends mid-sentence was wrapped (PDF), not a heading
WRAP_MAX_CHARS = 120  # ... when the next line is no longer than this (wrapped lines are short)


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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`: lines first (headings and list items end without a
    full stop) with wrapped lines joined again, then Punkt, then Chinese full stops. Leading list
    bullets and fused page labels are left out of the span."""
    out = []
    for a0, b0 in _blocks(text):
        block = text[a0:b0]
        for a, b in _punkt().span_tokenize(block):
            piece = block[a:b]
            for m in _CJK_END.finditer(piece):
                start, end = a0 + a + m.start(), a0 + a + m.end()
                start, end = _trim(text, start, end)
                if end > start:
                    out.append((start, end))
    return out


def sentence_id(version: str, start: int, end: int) -> str:
    """The id of a sentence's embedding: the file version (passage id without its number) and
    the sentence's offsets, so a passage and its neighbour share the record of a shared sentence."""
    return f"{version}:{start}-{end}"


def _blocks(text: str) -> list[tuple[int, int]]:
    """Runs of lines that belong together: a long line ending mid-sentence continues on the next."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    blocks: list[list[int]] = []
    for start, end in lines:
        if blocks and _wraps(text[blocks[-1][0]:blocks[-1][1]], text[start:end]):
            blocks[-1][1] = end
        else:
            blocks.append([start, end])
    return [(a, b) for a, b in blocks]


def _wraps(previous: str, line: str) -> bool:
    last = previous.rsplit("\n", 1)[-1]
    if _LINE_END.search(last) or _BULLET.match(line.lstrip()) or not line.strip():
        return False
    first = line.lstrip()[:1]
    if first.islower() or first.isdigit():
        return True
    # Wrapped text comes in lines of similar, short length; a headline is followed by a paragraph
    # on one long line ("... stablecoins: Reuters" then "Quick Take In closed-door ...").
    return len(last.strip()) >= WRAP_MIN_CHARS and len(line.strip()) <= WRAP_MAX_CHARS


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    for prefix in (_BULLET, _DATELINE):
        found = prefix.match(text[start:end])
        if found:
            start += found.end()
    label = _FUSED_LABEL.match(text[start:end])
    if label and len(text[start + label.end():end].split()) >= 6:
        start += label.end()
    return start, end
