"""Keep an article's body and drop the site chrome scraped along with it.

General rules, not rules for particular sites: the parts of a scraped page that are not the
article are menus and widgets (short lines without sentence punctuation), asset names
(`banner-760x90`), teaser blocks after a closing marker ("You may also like", "Comments"),
text in another script than the article's, and lead excerpts repeated in full further down.
Offsets are kept: every span points into the text as read.
"""

from __future__ import annotations

import re

from index.records import Span

# A line that starts one of these ends the article: what follows is teasers, comments, sources.
_TAIL = re.compile(
    r"^\s*(you may also like|you might also like|related (articles?|posts?|news|stories|reading)|"
    r"recommended( for you| articles?| reading)?|more (from|stories|news)\b|read next|"
    r"share this( article| story| post)?|comments?\s*(\(\d+\))?$|add a (public )?comment|"
    r"no comments|leave a (reply|comment)|disclaimer\s*:|sources?\s*:?\s*$|references\s*:?\s*$|"
    r"©|\(c\)\s*\d{4}|copyright\b|all rights reserved|"
    r"你可能也喜欢|猜你喜欢|相关(文章|阅读|推荐|新闻)|推荐阅读|热门(文章|推荐)|免责声明)",
    re.I,
)
# A line that is one of these is a widget, wherever it stands.
_WIDGET = re.compile(
    r"^\s*(skip to (main )?content|menu|search|sign (in|up)|log ?in|subscribe( now)?|"
    r"advertisement|sponsored|share( on \w+)?|tweet|print|email|also read\s*:.*|read more\s*:.*|"
    r"(mobile|desktop)( only)? image|image( credit)?:.*|photo:.*|click here.*|\d+\s*min(ute)? read)\s*$",
    re.I,
)
_ASSET = re.compile(r"^\s*[\w.-]*(\d+x\d+|[-_][\w-]*[-_])[\w.-]*\s*$")  # banner-760x90, ad_slot_top
_SENTENCE_END = re.compile(r"[.!?。！？…:;\"”’)]\s*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_LATIN = re.compile(r"[A-Za-z]")
_TAIL_MIN_FRACTION = 0.2  # a closing marker in the first fifth is a header menu, not the end


def body_spans(text: str) -> list[Span]:
    """Spans of the lines of `text` that belong to the article body."""
    lines = _lines(text)
    lines = _cut_tail(text, lines)
    cjk_article = is_cjk(text)
    kept = [s for s in lines if not _is_chrome(text[s.start:s.end], cjk_article)]
    kept = _drop_repeats(text, kept)
    return _drop_trailing_fragments(text, kept)


def title(text: str, kept: list[Span], markdown: bool = False) -> str | None:
    """A Markdown `# heading`, else the first body line, shortened to a headline."""
    if markdown:
        m = re.search(r"^#\s+(.+)$", text, re.M)
        if m:
            return m.group(1).strip()
    for span in kept:
        line = text[span.start:span.end].strip().lstrip("•*-–· ").strip()
        if len(line.split()) >= 3 or (is_cjk(line) and len(line) >= 6):
            return _shorten(line, 120)
    return None


def _lines(text: str) -> list[Span]:
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        if body:
            spans.append(Span(m.start() + lead, m.start() + lead + len(body)))
    return spans


def _cut_tail(text: str, lines: list[Span]) -> list[Span]:
    for i, span in enumerate(lines):
        if span.start >= len(text) * _TAIL_MIN_FRACTION and _TAIL.match(text[span.start:span.end]):
            return lines[:i]
    return lines


def _is_chrome(line: str, cjk_article: bool) -> bool:
    if _WIDGET.match(line) or _ASSET.match(line):
        return True
    return is_cjk(line) != cjk_article and len(line) > 3


def is_cjk(text: str) -> bool:
    """Mostly Chinese, Japanese or Korean script (a quarter of the Latin letters suffices)."""
    return len(_CJK.findall(text)) > len(_LATIN.findall(text)) / 4


def _drop_repeats(text: str, spans: list[Span]) -> list[Span]:
    """Drop a line seen before, and a lead excerpt that a later line repeats in full."""
    out, seen = [], set()
    bodies = [text[s.start:s.end] for s in spans]
    for i, (span, body) in enumerate(zip(spans, bodies)):
        if body in seen:
            continue
        if len(body) >= 40 and any(b != body and b.startswith(body) for b in bodies[i + 1:]):
            continue
        seen.add(body)
        out.append(span)
    return out


def _drop_trailing_fragments(text: str, spans: list[Span]) -> list[Span]:
    """After the last full sentence, short unpunctuated lines are leftovers of the page."""
    end = len(spans)
    while end and _is_fragment(text[spans[end - 1].start:spans[end - 1].end]):
        end -= 1
    return spans[:end]


def _is_fragment(line: str) -> bool:
    return len(line.split()) < 8 and not _SENTENCE_END.search(line)


def _shorten(line: str, limit: int) -> str:
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"

