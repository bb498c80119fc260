"""Readers and cleaning: text, dates, titles and site chrome, with offsets kept exact."""

from pathlib import Path

import pytest

from index.chunking import chunk_article
from index.errors import InputFileError
from index.readers import read_article
from index.sentences import sentence_spans
from llama_index.core.node_parser import SentenceSplitter

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SPLITTER = SentenceSplitter(chunk_size=128, chunk_overlap=16)


@pytest.mark.parametrize("name, date", [
    ("000_0a2cbb2d123f8d15.txt", None),
    ("002_6f2401aee4336630.txt", "2025-07-07"),  # "07 Jul 2025 09:13:47 AM"
    ("003_25a0fa9c7a387595.txt", "2025-08-26"),  # "Tuesday, Aug 26, 2025"
    ("004_f3017f71133a5652.txt", "2025-10-19"),  # "...发布于2025-10-19..."
])
def test_seed_dates(name, date):
    assert read_article(SEEDS / name).date == date


def test_seed_titles():
    assert read_article(SEEDS / "004_f3017f71133a5652.txt").title == \
        "Ant Group, JD.com Halt Stablecoin Projects After Beijing Warning"
    assert read_article(SEEDS / "001_17a972916965bccc.txt").title.startswith("JD.com and Ant Group want")


@pytest.mark.parametrize("chrome", ["You may also like", "你可能也喜欢", "cfn-banner-760x90", "Skip to content",
                                    "No comments yet", "Bitcoin surpasses", "Mobile Only Image",
                                    "All rights reserved", "title1....", "Also Read:"])
def test_site_chrome_is_not_indexed(chrome):
    for path in sorted(SEEDS.iterdir()):
        for node in chunk_article(read_article(path), SPLITTER):
            assert chrome not in node.text, (path.name, chrome)


def test_article_text_is_kept():
    text = " ".join(n.text for n in chunk_article(read_article(SEEDS / "004_f3017f71133a5652.txt"), SPLITTER))
    assert "did not respond to requests for comment" in text
    assert "right of coinage" in text


@pytest.mark.parametrize("path", sorted(SEEDS.iterdir()), ids=lambda p: p.name)
def test_chunk_offsets_point_into_the_file(path):
    article = read_article(path)
    assert article.text == path.read_text(encoding="utf-8")
    nodes = chunk_article(article, SPLITTER)
    assert nodes
    for node in nodes:
        assert article.text[node.metadata["start"]:node.metadata["end"]] == node.text


def test_html_main_text_only(tmp_path):
    page = tmp_path / "story.html"
    page.write_text("""<html><head><title>Site | Story</title>
      <meta property="og:title" content="Regulator pauses token pilot">
      <meta property="article:published_time" content="2025-09-03T08:00:00Z">
      <script>var tracking = 1;</script><style>p {color: red}</style></head>
      <body><nav>Home News Markets Login</nav>
      <article><h1>Regulator pauses token pilot</h1>
      <p>The regulator paused the token pilot on Wednesday after a review of its risks.</p>
      <p>Officials said the review would take three months &amp; involve banks.</p></article>
      <footer>Copyright 2025 Example Media</footer></body></html>""", encoding="utf-8")
    article = read_article(page)
    assert article.title == "Regulator pauses token pilot"
    assert article.date == "2025-09-03"
    assert "tracking" not in article.text and "Markets" not in article.text
    assert "Example Media" not in article.text
    assert "three months & involve banks" in article.text
    for node in chunk_article(article, SPLITTER):
        assert article.text[node.metadata["start"]:node.metadata["end"]] == node.text


def test_markdown_title_and_date(tmp_path):
    page = tmp_path / "note.md"
    page.write_text("# Yuan token talks resume\n\nPublished 2025-11-02\n\nThe talks resumed on Monday "
                    "between the two firms and the regulator.\n", encoding="utf-8")
    article = read_article(page)
    assert (article.title, article.date) == ("Yuan token talks resume", "2025-11-02")


def test_pdf_text(tmp_path, make_pdf):
    path = make_pdf(tmp_path / "report.pdf", "Quarterly note: the stablecoin pilot paused in October 2025.")
    article = read_article(path)
    assert "stablecoin pilot paused" in article.text


@pytest.mark.parametrize("content, message", [
    (b"\x00\x01\x02binary\x00data", "binary file"),
    (b"caf\xe9 au lait, r\xe9sum\xe9 of the talks", "not UTF-8"),
    (b"%PDF-1.4 this is not really a pdf", "broken PDF"),
])
def test_bad_files_raise_one_line_errors(tmp_path, content, message):
    suffix = ".pdf" if content.startswith(b"%PDF") else ".txt"
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=message) as caught:
        read_article(path)
    assert "\n" not in str(caught.value)


def test_unsupported_type(tmp_path):
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputFileError, match="unsupported file type"):
        read_article(path)


def test_a_headline_is_not_joined_to_the_paragraph_under_it():
    headline = "Chinese tech giants JD, Ant Group urge central bank to approve offshore yuan stablecoins: Reuters"
    paragraph = ("Quick Take In closed-door discussions, Ant Group and JD have urged China's central bank to "
                 "authorize yuan-backed stablecoins in addition to those pegged to the Hong Kong dollar.")
    text = f"{headline}\n{paragraph}"
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert spans == [headline, paragraph.removeprefix("Quick Take ")]


def test_wrapped_lines_are_one_sentence():
    text = ("The survey of 37 schools found that pupils at schools that started later slept\n"
            "34 minutes more on school nights than those at schools that kept the old times.")
    assert [text[a:b] for a, b in sentence_spans(text)] == [text]
