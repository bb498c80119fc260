"""Answers as the chat shows them. Each answer carries its own sources: its [n] link to source
cards under the same message (anchors unique to that answer), each card the cited passage with
the cited sentence marked; a passage cited twice is shown once. Abstentions and notes are set
apart. A message is one HTML block, so article text needs HTML escaping only, never Markdown's."""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from index.corpus import CorpusIndex
from index.errors import SeedQAError
from index.readers import read_article
from index.records import Passage, Span
from qa.sentences import split
from qa.text import human_date, term_set, tidy
from qa.types import Answer, Citation

_MARKER = re.compile(r"\[(\d+)\]")
_MARKUP = re.compile(r"(?m)^#{1,6}\s+|\*\*|__")  # Markdown headings and emphasis, shown as text


def plain(text: str) -> str:
    """Text shown as it is: one line, HTML-escaped."""
    return html.escape(" ".join(text.split()), quote=False)


def drafting(text: str) -> str:
    """The reply while it streams in: marked as a draft, since its citations are checked only
    once it is complete."""
    return f'<div class="qa-draft">{plain(text)} ▍</div>'


def error(text: str) -> str:
    return f'<div class="qa-error" role="alert">⚠ {plain(text)}</div>'


def source_class(source: str) -> str:
    """The class that names a file on every card quoting it, so that removing the file can mark
    them in the chat history."""
    return "qa-src-" + hashlib.sha1(source.encode("utf-8")).hexdigest()[:12]


def mark_removed(message: str, source: str) -> str:
    """A message whose cards quote `source` with those cards marked as no longer indexed."""
    return message.replace(f'{source_class(source)}"', f'{source_class(source)} qa-gone"')


def answer_message(result: Answer, turn: str, index: CorpusIndex, asked_as: str | None = None) -> str:
    """The whole message for an answer: the question as answered (when a follow-up was rewritten),
    the text with its citations, notes, and the source cards."""
    parts = []
    if asked_as:
        parts.append(f'<div class="qa-rewrite">Answering: {plain(asked_as)}</div>')
    if result.abstained:
        parts.append(f'<div class="qa-abstained">{plain(result.text)}</div>')
        return f'<div class="qa-answer" id="a{turn}">{"".join(parts)}</div>'
    # Sentence by sentence as the Answer holds them: what the articles lack (cites nothing) is set
    # apart; a timeline keeps one line per event.
    by_n = {c.n: c for c in result.citations}
    shown = [_sentence(s.text, turn, by_n) if s.citations else f'<span class="qa-lacks">{plain(s.text)}</span>'
             for s in result.sentences] or [_sentence(result.text, turn, by_n)]
    parts.append(f'<div class="qa-body">{("<br>" if chr(10) in result.text else " ").join(shown)}</div>')
    if result.note:
        parts.append(f'<div class="qa-note">Note: {plain(result.note)}</div>')
    if result.rejected:
        parts.append(removed(result))
    if result.citations:
        parts.append(_sources(result, turn, index))
    return f'<div class="qa-answer" id="a{turn}">{"".join(parts)}</div>'


def removed(result: Answer) -> str:
    """The model's sentences the check dropped: said, and what they were, on demand."""
    n = len(result.rejected)
    items = "".join(f"<li>“{plain(r.text)}”: {plain(r.reason or 'not supported')}</li>" for r in result.rejected)
    summary = f"{n} sentence{'s' * (n > 1)} removed: not supported by {'their sources' if n > 1 else 'its source'}"
    return f'<details class="qa-removed"><summary>{summary}</summary><ul>{items}</ul></details>'


def anchor(turn: str, n: int) -> str:
    return f"a{turn}-s{n}"


def _sentence(text: str, turn: str, by_n: dict[int, Citation]) -> str:
    pieces = _MARKER.split(text)  # text, n, text, n, ...
    out = []
    for i, p in enumerate(pieces):
        if i % 2 == 0:
            out.append(plain(p))
        elif int(p) in by_n:  # the link's title previews the cited sentence on hover
            c = by_n[int(p)]
            out.append(f' <a class="qa-cite" href="#{anchor(turn, c.n)}" title="{html.escape(_preview(c))}"'
                       f' aria-label="source {c.n}: {html.escape(c.title)}">[{c.n}]</a> ')
        else:
            out.append(f"[{p}]")
    return "".join(out).strip()


def _preview(c: Citation) -> str:
    when = f", {human_date(c.date)}" if c.date else ""
    return f"{c.title}{when}: “{tidy(c.text)}”"


def _sources(result: Answer, turn: str, index: CorpusIndex) -> str:
    """One card per passage cited, in the order of their first citation."""
    cards: dict[tuple, list[Citation]] = {}
    passages: dict[tuple, Passage | None] = {}
    for c in result.citations:
        passage = index.passage_around(c.source, c.start, c.end)
        key = (c.source, passage.start, passage.end) if passage else (c.source, c.start, c.end)
        cards.setdefault(key, []).append(c)
        passages[key] = passage
    body = "".join(_card(cs, passages[key], result, turn) for key, cs in cards.items())
    return f'<div class="qa-sources" role="list" aria-label="Sources">{body}</div>'


def _card(cs: list[Citation], passage: Passage | None, result: Answer, turn: str) -> str:
    first = cs[0]
    if passage is None:  # the file changed since the answer: show what was cited
        quote = f"<mark>{html.escape(' … '.join(c.text for c in cs))}</mark>"
    else:
        quote = _marked(passage.text, passage.start, {_highlight(c, result, passage) for c in cs})
    anchors = "".join(f'<span class="qa-anchor" id="{anchor(turn, c.n)}"></span>' for c in cs)
    numbers = "".join(f"[{c.n}]" for c in cs)
    when = f" · {human_date(first.date)}" if first.date else ""
    return (f'<div class="qa-source {source_class(first.source)}" role="listitem">{anchors}'
            f'<div class="qa-card-head"><span class="qa-n">{numbers}</span> {html.escape(first.title)}'
            f'<span class="qa-meta">{when}</span>'
            f'<span class="qa-gone-note"> · no longer indexed</span>'
            f'<a class="qa-back" href="#a{turn}">back to the answer</a>'
            f'<a class="qa-open" href="{_view_link(first.source, first.start, first.end)}">whole article</a></div>'
            f'<blockquote title="{html.escape(Path(first.source).name)}">{quote}</blockquote></div>')


def _shown(text: str) -> str:
    return html.escape(_MARKUP.sub("", text))


def _marked(text: str, offset: int, spans, mark_id: str = "") -> str:
    """`text`, which starts at `offset` of its file, as HTML with the file spans [a, b) in it
    marked (a span that overlaps one already marked is left out)."""
    out, at, end = "", offset, offset + len(text)
    for a, b in sorted(spans):
        if a < at or a >= min(b, end):  # before the text, overlapping, after it, or empty
            continue
        b = min(b, end)
        out += f"{_shown(text[at - offset:a - offset])}<mark{mark_id}>{_shown(text[a - offset:b - offset])}</mark>"
        at = b
    return out + _shown(text[at - offset:])


def _highlight(c: Citation, result: Answer, passage: Passage) -> tuple[int, int]:
    """The span to mark: the cited sentence itself (offline answers cite sentences), or, when a
    model cited a whole passage, its sentence closest in words to what the model said."""
    if (c.start, c.end) != (passage.start, passage.end):
        return c.start, c.end
    claims = term_set(" ".join(s.text for s in result.sentences if c.n in s.citations))
    best = max(split(passage), key=lambda s: len(term_set(s.text) & claims), default=None)
    return (best.start, best.end) if best else (c.start, c.end)


_ARTICLE_MARK = ' id="qa-article-mark"'  # the cited sentence in the whole article, scrolled to
_VIEW = re.compile(r"#?view-(qa-src-[0-9a-f]{12})-(\d+)-(\d+)$")


def _view_link(source: str, start: int = 0, end: int = 0) -> str:
    """The link that opens an article whole, the span [start, end) marked (parsed by _VIEW)."""
    return f"#view-{source_class(source)}-{start}-{end}"


def article_view(index: CorpusIndex, link: str) -> str:
    """The whole article a card quotes, the cited sentence marked (`link` is the card's
    "whole article" link); said plainly when the article is no longer indexed."""
    m = _VIEW.match(link or "")
    doc = m and next((d for d in index.documents() if source_class(d.source) == m[1]), None)
    if not doc:
        return '<div class="qa-article"><p>This article is no longer indexed.</p></div>'
    try:
        article = read_article(doc.source)
    except SeedQAError as e:
        return f'<div class="qa-article"><p>{plain(str(e))}</p></div>'
    cited = [(int(m[2]), int(m[3]))]  # marked in the paragraph where it starts; none for 0-0
    paragraphs = [f"<p>{_marked(para[0], span.start + para.start(), cited, _ARTICLE_MARK)}</p>"
                  for span in article.kept or [Span(0, len(article.text))]
                  for para in re.finditer(r"[^\n]+", article.text[span.start:span.end])]
    when = f" · {human_date(doc.date)}" if doc.date else ""
    return (f'<div class="qa-article"><h2>{html.escape(doc.title)}</h2><div class="qa-meta">'
            f'{html.escape(Path(doc.source).name)}{when}</div>{"".join(paragraphs)}</div>')


def articles_timeline(index: CorpusIndex) -> str:
    """The indexed articles on a line of their dates, oldest first, each opening the whole article."""
    docs = sorted(index.documents(), key=lambda d: (d.date is None, d.date or "", d.title))
    items = "".join(f'<li><time>{human_date(d.date) if d.date else "undated"}</time> '
                    f'<a class="qa-open" href="{_view_link(d.source)}">{html.escape(d.title)}</a></li>'
                    for d in docs)
    return f'<ol class="qa-timeline" aria-label="Articles by date">{items}</ol>'


def corpus_summary(index: CorpusIndex) -> str:
    """What the index holds, for the top of the page: how many articles and their dates."""
    docs = index.documents()
    dates = sorted(d.date for d in docs if d.date)
    span = f" · {human_date(dates[0])} to {human_date(dates[-1])}" if dates else ""
    return f"{len(docs)} article{'s' * (len(docs) != 1)} indexed{span}"
