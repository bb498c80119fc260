"""Uploaded files into the uploads folder: allowed types only, bounded size, names that cannot
leave the folder, content the readers accept, and never over an existing file."""

from __future__ import annotations

import filecmp
import itertools
import os
import re
import shutil
import unicodedata
import uuid
from pathlib import Path

from index.errors import InputFileError
from index.readers import SUFFIXES, read_article

MAX_NAME_BYTES = 200  # file systems allow 255 bytes; a Chinese character takes three


class UploadError(InputFileError):
    """An upload refused before anything was written."""


def safe_name(name: str) -> str:
    """The file's base name with only letters and digits of any script, '.', '-' and '_' (so
    "新闻.txt" and "évolution.md" keep their names): no folders, no leading dot, no control or
    direction marks; keeps the suffix. Refuses a name with nothing left or a disallowed type."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", name))[-1]
    stem, suffix = os.path.splitext(base)
    suffix = suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadError(f"{base or name!r}: only {', '.join(sorted(SUFFIXES))} files are accepted")
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._-")
    while len(stem.encode()) > MAX_NAME_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip("._-")
    if not stem:
        raise UploadError(f"{name!r}: the file name has no usable characters")
    return stem + suffix


def save(upload: Path, name: str, folder: Path, max_bytes: int) -> Path:
    """Copy an uploaded file into `folder` as `safe_name(name)` and return its path. A file of
    the same name and other content is kept: the upload gets a numbered name instead."""
    target_name = safe_name(name)
    size = upload.stat().st_size
    if size > max_bytes:
        raise UploadError(f"{target_name}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:g} MB limit")
    read_article(Path(target_name), raw=upload.read_bytes())  # refuse what the indexer would refuse
    corpus = folder.resolve()
    corpus.mkdir(parents=True, exist_ok=True)
    target = _free_path(corpus, target_name, upload)
    if target.exists():
        return target  # the same file again
    # Write beside the target under a hidden name, then link it in: no half-written article is
    # indexed, and a file another process put there meanwhile is never overwritten. Created with
    # 0o644 less the umask, like any file the user saves (not a temporary file's 0o600).
    tmp = corpus / f".upload-{uuid.uuid4().hex}"
    try:
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644), "wb") as out, \
                upload.open("rb") as source:
            shutil.copyfileobj(source, out)
        while True:
            try:
                os.link(tmp, target)
                return target
            except FileExistsError:
                target = _free_path(corpus, target_name, upload)
                if target.exists():
                    return target
    finally:
        tmp.unlink(missing_ok=True)


def unused_path(folder: Path, name: str) -> Path:
    """`folder/name`, or `name-2`, `name-3`... whichever does not exist yet."""
    return next(p for p in _numbered(folder, name) if not p.exists())


def _free_path(corpus: Path, name: str, upload: Path) -> Path:
    """A free name, or the name of a file with the very same content."""
    return next(p for p in _numbered(corpus, name)
                if not p.exists() or filecmp.cmp(p, upload, shallow=False))


def _numbered(folder: Path, name: str):
    stem, suffix = os.path.splitext(name)
    yield folder / name
    for n in itertools.count(2):
        yield folder / f"{stem}-{n}{suffix}"
