"""Split an article's body into sentence-aware passages that keep their offsets."""

from __future__ import annotations

from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

from index.records import Article, Span


def chunk_article(article: Article, splitter: SentenceSplitter) -> list[TextNode]:
    """Passages of the article body as llama-index nodes; each carries its exact offsets.

    The splitter runs per section (a run of body lines with nothing dropped in between), so a
    passage never straddles removed chrome and always is `article.text[start:end]`.
    """
    nodes: list[TextNode] = []
    doc_id = version_id(article)
    for section in sections(article.text, article.kept):
        section_text = article.text[section.start:section.end]
        cursor = 0
        for piece in splitter.split_text(section_text):
            at = section_text.find(piece, cursor)
            if at < 0:  # the splitter normalised whitespace: fall back to the whole section
                at, piece = 0, section_text
            cursor = at + 1
            start = section.start + at
            nodes.append(_node(article, doc_id, len(nodes), piece, start))
    return nodes


def sections(text: str, kept: list[Span]) -> list[Span]:
    """Merge body lines separated only by whitespace into sections."""
    merged: list[Span] = []
    for span in kept:
        if merged and not text[merged[-1].end:span.start].strip():
            merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return merged


def version_id(article: Article) -> str:
    """One id per file version: chunks of a new version never collide with the old ones."""
    return f"{article.source}@{article.content_hash[:16]}"


def neighbour_ids(passage_id: str) -> list[str]:
    """Ids of the passages just before and after this one in its file."""
    stem, _, i = passage_id.rpartition("#")
    return [f"{stem}#{int(i) + step}" for step in (-1, 1) if int(i) + step >= 0]


def is_lead(passage_id: str) -> bool:
    """True for the first passages of a file (the headline and the opening paragraph)."""
    return int(passage_id.rpartition("#")[2]) <= 1


def _node(article: Article, doc_id: str, i: int, text: str, start: int) -> TextNode:
    node = TextNode(
        id_=f"{doc_id}#{i}",
        text=text,
        start_char_idx=start,
        end_char_idx=start + len(text),
        metadata={"source": article.source, "title": article.title, "date": article.date or "",
                  "start": start, "end": start + len(text), "hash": article.content_hash},
        excluded_embed_metadata_keys=["source", "date", "start", "end", "hash"],
        excluded_llm_metadata_keys=["source", "start", "end", "hash"],
    )
    node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=doc_id)
    return node
