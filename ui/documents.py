"""The documents panel's work: list what is indexed, add uploads to the uploads folder and the
index, take a document out. One writer at a time; readers keep answering meanwhile."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from index.corpus import CorpusIndex
from index.readers import SUFFIXES
from index.records import SyncReport
from qa.errors import InputFileError, SeedQAError, describe_unexpected, log_unexpected
from qa.settings import Settings
from ui import uploads

REMOVED_DIR = ".removed"  # hidden: the indexer skips it, and the file is kept, not deleted
HEADERS = ["title", "date", "file", "passages"]

_writing = threading.Lock()


def table(index: CorpusIndex) -> list[list]:
    return [[d.title, d.date or "", Path(d.source).name, d.chunks] for d in index.documents()]


def add(index: CorpusIndex, settings: Settings, files: list[str],
        progress: Callable[[float, str], None] = lambda share, what: None) -> list[str]:
    """Save each upload into the index's uploads folder and index it; one line per file saying
    what happened. A refused file writes nothing."""
    lines = []
    with _writing:
        for i, upload in enumerate(files):
            name = Path(upload).name
            progress(i / len(files), f"indexing {name}")
            try:
                saved = uploads.save(Path(upload), name, settings.upload_dir,
                                     int(settings.max_upload_mb * 1e6))
            except SeedQAError as e:
                lines.append(f"✗ Refused {e}")  # the message names the file
                continue
            except OSError as e:
                lines.append(f"✗ Could not save {name} in {settings.upload_dir}: {e.strerror or e}")
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
    """Take a document out of the index; a file of the corpus or uploads folder moves to that
    folder's .removed/ subfolder (so it stays out at the next start), and removing never deletes
    anyone's data. Only a document the index lists (not a folder, not a path) can be named."""
    if source not in {d.source for d in index.documents()}:
        raise InputFileError(f"{source}: not a document of the index")
    with _writing:
        index.remove([source])
        path = Path(source)
        folder = path.resolve().parent
        if path.is_file() and folder in {settings.corpus_dir.resolve(), settings.upload_dir.resolve()}:
            (folder / REMOVED_DIR).mkdir(exist_ok=True)
            kept = uploads.unused_path(folder / REMOVED_DIR, path.name)
            shutil.move(path, kept)
            return f"Removed {path.name} from the index. Its file is kept aside on the server, not deleted."
    return f"Removed {path.name} from the index."



def catch_up(index: CorpusIndex, settings: Settings) -> SyncReport:
    """Index what changed in the corpus and uploads folders while no server ran, uploads saved
    but not indexed before a crash included."""
    with _writing:
        return index.sync(settings.corpus_paths(), progress=False)


def watch(index: CorpusIndex, settings: Settings, stop: threading.Event,
          report: Callable[[str], None]) -> None:
    """Follow the corpus and uploads folders until `stop`: a file dropped in, changed or deleted
    is indexed (or taken out) within a moment. Each sync says what it did through `report`."""
    from watchfiles import watch as changes

    def article(_change, path: str) -> bool:
        name = Path(path).name
        return Path(path).suffix.lower() in SUFFIXES and not name.startswith(".") \
            and f"/{REMOVED_DIR}/" not in path

    folders = [p for p in settings.corpus_paths() if p.is_dir()]
    for _ in changes(*folders, watch_filter=article, stop_event=stop, debounce=500):
        try:
            with _writing:
                done = index.sync(settings.corpus_paths(), progress=False)
            for line in done.warnings:
                report(f"qa: warning: {line}")
            report(f"qa: watch: {done.summary()}")
        except SeedQAError as e:
            report(f"qa: watch: error: {e}")
        except Exception as e:  # noqa: BLE001 - a bug must not stop the watching
            report(f"qa: watch: error: {describe_unexpected(e, log_unexpected(e, 'watch'))}")
