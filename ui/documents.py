"""The documents panel's work: list what is indexed, add uploads to the corpus folder and the
index, take a document out. One writer at a time; readers keep answering meanwhile."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from index.corpus import CorpusIndex
from qa.errors import InputFileError, SeedQAError
from qa.settings import Settings
from ui import uploads

REMOVED_DIR = ".removed"  # hidden: the indexer skips it, and the file is kept, not deleted
HEADERS = ["title", "date", "file", "passages"]

_writing = threading.Lock()


def table(index: CorpusIndex) -> list[list]:
    return [[d.title, d.date or "", Path(d.source).name, d.chunks] for d in index.documents()]


def choices(index: CorpusIndex) -> list[tuple[str, str]]:
    """(label, source) for the remove menu."""
    return [(f"{Path(d.source).name} — {d.title[:60]}", d.source) for d in index.documents()]


def add(index: CorpusIndex, settings: Settings, files: list[str],
        progress: Callable[[float, str], None] = lambda share, what: None) -> list[str]:
    """Save each upload into the corpus folder and index it; one line per file saying what
    happened. A refused file writes nothing."""
    lines = []
    with _writing:
        for i, upload in enumerate(files):
            name = Path(upload).name
            progress(i / len(files), f"indexing {name}")
            try:
                saved = uploads.save(Path(upload), name, settings.corpus_dir,
                                     int(settings.max_upload_mb * 1e6))
            except SeedQAError as e:
                lines.append(f"✗ Refused {e}")  # the message names the file
                continue
            except OSError as e:
                lines.append(f"✗ Could not save {name} in {settings.corpus_dir}: {e.strerror or e}")
                continue
            try:
                report = index.sync([saved], progress=False)
            except SeedQAError as e:
                lines.append(f"✗ Saved {saved.name} but could not index it: {e}")
                continue
            passages = next((d.chunks for d in index.documents() if d.source == str(saved)), 0)
            verb = "Added" if report.added else "Updated" if report.updated else "Already indexed:"
            lines.append(f"✓ {verb} {saved.name} ({passages} passages)")
        progress(1.0, "done")
    return lines


def remove(index: CorpusIndex, settings: Settings, source: str) -> str:
    """Take a document out of the index; a file of the corpus folder moves to its .removed/
    subfolder, so removing never deletes anyone's data. Only a document the index lists (not a
    folder, not an arbitrary path) can be named."""
    if source not in {d.source for d in index.documents()}:
        raise InputFileError(f"{source}: not a document of the index")
    with _writing:
        index.remove([source])
        path, corpus = Path(source), settings.corpus_dir.resolve()
        if path.is_file() and path.resolve().parent == corpus:
            (corpus / REMOVED_DIR).mkdir(exist_ok=True)
            kept = uploads.unused_path(corpus / REMOVED_DIR, path.name)
            shutil.move(path, kept)
            return f"Removed {path.name} from the index (the file is kept as {REMOVED_DIR}/{kept.name})."
    return f"Removed {path.name} from the index."

