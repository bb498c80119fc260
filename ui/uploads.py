"""Uploaded files into the corpus folder: allowed types only, bounded size, names that cannot
leave the folder, content the readers accept, and never over an existing file."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

from index.errors import InputFileError
from index.readers import SUFFIXES, read_article

MAX_NAME_CHARS = 120


class UploadError(InputFileError):
    """An upload refused before anything was written."""


def safe_name(name: str) -> str:
    """The file's base name with only letters, digits, '.', '-' and '_': no folders, no leading
    dot, no device names; keeps the suffix. Refuses a name with nothing left or a disallowed type."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", name))[-1]
    stem, suffix = os.path.splitext(base)
    suffix = suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadError(f"{base or name!r}: only {', '.join(sorted(SUFFIXES))} files are accepted")
    stem = re.sub(r"[^\w.-]+", "_", stem, flags=re.ASCII).strip("._-")[:MAX_NAME_CHARS - len(suffix)]
    if not stem:
        raise UploadError(f"{name!r}: the file name has no usable characters")
    return stem + suffix


def save(upload: Path, name: str, corpus_dir: Path, max_bytes: int) -> Path:
    """Copy an uploaded file into `corpus_dir` as `safe_name(name)` and return its path. A file of
    the same name and other content is kept: the upload gets a numbered name instead."""
    target_name = safe_name(name)
    size = upload.stat().st_size
    if size > max_bytes:
        raise UploadError(f"{target_name}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:g} MB limit")
    read_article(Path(target_name), raw=upload.read_bytes())  # refuse what the indexer would refuse
    corpus = corpus_dir.resolve()
    corpus.mkdir(parents=True, exist_ok=True)
    target = _free_path(corpus, target_name, upload)
    if target.exists():
        return target  # the same file again
    # Write beside the target under a hidden name, then rename: no half-written article is indexed.
    with tempfile.NamedTemporaryFile(dir=corpus, prefix=".upload-", delete=False) as tmp:
        with upload.open("rb") as source:
            shutil.copyfileobj(source, tmp)
    os.replace(tmp.name, target)
    return target


def _free_path(corpus: Path, name: str, upload: Path) -> Path:
    stem, suffix = os.path.splitext(name)
    candidate, n = corpus / name, 1
    while candidate.exists() and not filecmp.cmp(candidate, upload, shallow=False):
        n += 1
        candidate = corpus / f"{stem}-{n}{suffix}"
    assert candidate.parent == corpus  # safe_name allows no separators; belt and braces
    return candidate
