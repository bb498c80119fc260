"""How the chat shows an answer (ui/render.py), checked on the HTML itself: every answer carries its
own sources, article text is shown as text."""

import re

from qa import answer
from ui import render


def test_each_answer_has_its_own_anchors_and_cards(corpus_settings, corpus_index):
    result = answer("Why did Ant halt?", settings=corpus_settings, index=corpus_index)
    first = render.answer_message(result, "t1", corpus_index)
    second = render.answer_message(result, "t2", corpus_index)
    links = re.findall(r'href="#(a[^"]+)"', first)
    anchors = re.findall(r'id="(a[^"]+)"', first)
    assert links and set(links) - {"at1"} <= set(anchors)  # every [n] opens a card of this answer
    assert not set(anchors) & set(re.findall(r'id="(a[^"]+)"', second))
    # one card per passage, however many of its sentences are cited
    passages = {corpus_index.passage_around(c.source, c.start, c.end).id for c in result.citations}
    assert first.count('class="qa-source ') == len(passages)


def test_markdown_and_html_in_articles_are_shown_as_text(corpus_settings, corpus_index):
    result = answer("who can apply for the westmark heat pump grant", settings=corpus_settings, index=corpus_index)
    assert any(c.source.endswith(".md") for c in result.citations)
    shown = render.answer_message(result, "t1", corpus_index)
    assert "**" not in shown and not re.search(r"<blockquote[^>]*>\s*#", shown)
    assert "\\(" not in shown and "\\[" not in shown  # no Markdown escapes shown literally


def test_removed_documents_are_marked_in_earlier_answers(corpus_settings, corpus_index):
    result = answer("Why did Ant halt?", settings=corpus_settings, index=corpus_index)
    shown = render.answer_message(result, "t1", corpus_index)
    source = result.citations[0].source
    marked = render.mark_removed(shown, source)
    assert marked.count(' qa-gone"') == shown.count(f'class="qa-source {render.source_class(source)}"') > 0
