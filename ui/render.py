"""Answers as the chat shows them: [n] links to source cards, each card the cited passage with
the cited sentence highlighted; abstentions and fallback notes set apart from answers."""

from __future__ import annotations

import html
import re
from pathlib import Path

from index.corpus import CorpusIndex
from index.records import Passage
from qa.text import human_date, term_set
from qa.sentences import split
from qa.types import Answer, Citation

_MARKER = re.compile(r"\[(\d+)\]")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def plain(text: str) -> str:
    """Article text safe inside the chat's Markdown: no HTML, no Markdown syntax."""
    return _MARKDOWN.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


def _date(iso: str | None) -> str:
    return human_date(iso) if iso else "undated"


def drafting(text: str) -> str:
    """The reply while it streams in: marked as a draft, since its citations are checked only
    once it is complete."""
    return f'<div class="qa-draft">{plain(text)} ▍</div>'



def answer_message(result: Answer) -> str:
    if result.abstained:
        return f'<div class="qa-abstained">{plain(result.text)}</div>'
    # Sentence by sentence as the Answer holds them: what the articles lack (cites nothing) is set
    # apart; a timeline keeps one line per event.
    shown = [_sentence(s.text) if s.citations else f'<span class="qa-lacks">{plain(s.text)}</span>'
             for s in result.sentences] or [_sentence(result.text)]
    body = ("<br>" if "\n" in result.text else " ").join(shown)
    lines = [body]
    if result.note:
        lines.append(f'<div class="qa-note">Note: {plain(result.note)}</div>')
    if result.rejected:
        lines.append(removed(result))
    by_file: dict[str, list[Citation]] = {}
    for c in result.citations:
        by_file.setdefault(c.source, []).append(c)
    lines.append('<div class="qa-cited">' + "<br>".join(
        f"{''.join(f'[{c.n}]' for c in cs)} {plain(cs[0].title)} · {_date(cs[0].date)} · "
        f"{html.escape(Path(source).name)}" for source, cs in by_file.items()) + "</div>")
    return "\n\n".join(lines)


def removed(result: Answer) -> str:
    """The model's sentences the check dropped: said, and what they were, on demand."""
    n = len(result.rejected)
    items = "".join(f"<li>“{plain(r.text)}”: {plain(r.reason or 'not supported')}</li>" for r in result.rejected)
    summary = f"{n} sentence{'s' * (n > 1)} removed: not supported by {'their sources' if n > 1 else 'its source'}"
    return f'<details class="qa-removed"><summary>{summary}</summary><ul>{items}</ul></details>'


def _sentence(text: str) -> str:
    pieces = _MARKER.split(text)  # text, n, text, n, ...
    return "".join(plain(p) if i % 2 == 0 else f' <a class="qa-cite" href="#source-{p}">[{p}]</a> '
                   for i, p in enumerate(pieces)).strip()


def sources_html(result: Answer | None, index: CorpusIndex) -> str:
    if result is None:
        return '<div class="qa-sources qa-empty">Sources of the latest answer appear here.</div>'
    if result.abstained:
        return '<div class="qa-sources qa-empty">No passage answers this question, so none is cited.</div>'
    return '<div class="qa-sources">' + "".join(_card(c, result, index) for c in result.citations) + "</div>"


def _card(c: Citation, result: Answer, index: CorpusIndex) -> str:
    passage = index.passage_around(c.source, c.start, c.end)
    start, end = _highlight(c, result, passage)
    if passage is None:  # the file changed since the answer: show what was cited
        context, offset = c.text, c.start
    else:
        context, offset = passage.text, passage.start
    a, b = start - offset, end - offset
    quote = (f"{html.escape(context[:a])}<mark>{html.escape(context[a:b])}</mark>"
             f"{html.escape(context[b:])}")
    return (f'<article class="qa-source" id="source-{c.n}">'
            f'<header><span class="qa-n">[{c.n}]</span> {html.escape(c.title)}</header>'
            f'<div class="qa-meta">{_date(c.date)} · <code>{html.escape(Path(c.source).name)}</code>'
            f' · characters {c.start}–{c.end}</div>'
            f"<blockquote>{quote}</blockquote></article>")


def _highlight(c: Citation, result: Answer, passage: Passage | None) -> tuple[int, int]:
    """The span to mark: the cited sentence itself (offline answers cite sentences), or, when a
    model cited a whole passage, its sentence closest in words to what the model said."""
    if passage is None or (c.start, c.end) != (passage.start, passage.end):
        return c.start, c.end
    claims = term_set(" ".join(s.text for s in result.sentences if c.n in s.citations))
    best = max(split(passage), key=lambda s: len(term_set(s.text) & claims), default=None)
    return (best.start, best.end) if best else (c.start, c.end)
