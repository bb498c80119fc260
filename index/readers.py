"""Read .txt, .md, .html and .pdf files into `Article`s: text, title, date, body spans, hash."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from index import clean, dates
from index.errors import InputFileError
from index.records import Article

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}
MAX_FILE_MB = 20  # a news article is kilobytes; a bigger file is a mistake or an attack

# Control characters other than line breaks and tabs: never article text, and in a terminal they
# are commands (clear the screen, retitle the window). Each becomes a space, so offsets hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

# HTML elements that are never article text.
_HTML_CHROME = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form",
                "iframe", "svg", "button", "template"]


def read_article(path: str | Path, raw: bytes | None = None) -> Article:
    """Load one file (or its bytes, if already read); raise InputFileError with a one-line reason
    if it cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size if raw is None else len(raw)
        if size > MAX_FILE_MB * 1_000_000:
            raise InputFileError(f"{path}: {size / 1e6:.0f} MB is too big for an article "
                                 f"(the limit is {MAX_FILE_MB} MB)")
        raw = path.read_bytes() if raw is None else raw
    except IsADirectoryError:
        raise InputFileError(f"{path}: is a folder, not a file") from None
    except OSError as e:
        raise InputFileError(f"{path}: cannot read ({e.strerror or e})") from None
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputFileError(f"{path}: unsupported file type {suffix or '(none)'}; "
                             f"use one of {', '.join(sorted(SUFFIXES))}")
    if suffix == ".pdf":
        text, meta_title, meta_date = _pdf_text(path, raw)
    else:
        text = decode(path, raw)
        meta_title = meta_date = None
        if suffix in (".html", ".htm"):
            text, meta_title, meta_date = _html_text(text)
    text = _CONTROL.sub(" ", text)
    if not text.strip():
        raise InputFileError(f"{path}: the file is empty (no article text)")
    kept = clean.body_spans(text)
    title = _CONTROL.sub(" ", meta_title or "").strip() or clean.title(
        text, kept, markdown=suffix in (".md", ".markdown")) or _CONTROL.sub(" ", path.stem)
    return Article(
        source=str(path.resolve()),
        text=text,
        title=title,
        date=meta_date or dates.find_date(text),
        content_hash=hashlib.sha256(raw).hexdigest(),
        kept=kept,
    )


def read_text(path: str | Path) -> str:
    """The text that a file's citation offsets point into."""
    return read_article(path).text


def decode(path: Path, raw: bytes) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is refused, not guessed."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputFileError(f"{path}: broken UTF-16 text") from None
    elif b"\x00" in raw[:8192]:
        raise InputFileError(f"{path}: binary file, not text")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise InputFileError(
                f"{path}: not UTF-8 text (byte {e.start}); convert it, e.g. iconv -t UTF-8") from None
    if _control_share(text[:8192]) > 0.01:
        raise InputFileError(f"{path}: binary file, not text")
    return text


def _control_share(text: str) -> float:
    """Share of characters that no article contains: control codes and unassigned code points."""
    import unicodedata

    odd = sum(1 for ch in text if ch not in "\n\r\t\f" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
    return odd / max(1, len(text))


def _html_text(html: str) -> tuple[str, str | None, str | None]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = _first_meta(soup, ("og:title", "twitter:title"))
    if not title and soup.h1:
        title = soup.h1.get_text(" ", strip=True)
    if not title and soup.title:
        title = soup.title.get_text(" ", strip=True)
    date = _html_date(soup)
    for tag in soup(_HTML_CHROME):
        tag.decompose()
    main = soup.find("article") or soup.find("main") or soup.body or soup
    lines = (line.strip() for line in main.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line), title or None, date


def _first_meta(soup, names) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if tag and tag.get("content"):
            return tag["content"].strip()
    return None


def _html_date(soup) -> str | None:
    stated = _first_meta(soup, ("article:published_time", "datePublished", "date", "pubdate"))
    if not stated:
        time_tag = soup.find("time", attrs={"datetime": True})
        stated = time_tag["datetime"] if time_tag else None
    return dates.find_date(stated) if stated else None


def _pdf_text(path: Path, raw: bytes) -> tuple[str, str | None, str | None]:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # broken PDFs warn per object
    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata or {}).get("/Title")
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as e:
        raise InputFileError(f"{path}: broken PDF ({type(e).__name__})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise InputFileError(f"{path}: PDF has no extractable text (scanned image?)")
    return text, (str(title).strip() or None) if title else None, None
