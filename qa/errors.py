"""Errors a user can cause; `qa` prints each as one line and exits non-zero. Anything else is a
bug: its details go to a log file, and the user gets one line naming that file."""

from __future__ import annotations

import datetime
import os
import tempfile
import traceback
from pathlib import Path

from index.errors import InputFileError, SeedQAError, StoreError

LOG_BYTES = 1_000_000  # past this the log starts again, the previous one kept as errors.log.1


class QuestionError(SeedQAError):
    """A question that cannot be asked: empty, or too long."""


def log_path() -> Path:
    state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return state / "seed-qa" / "errors.log"


def log_unexpected(error: BaseException, context: str = "") -> Path:
    """Append the traceback of an unexpected error to the log; the log's path. Falls back to the
    temporary folder when the home folder is not writable."""
    record = (f"--- {datetime.datetime.now().isoformat(timespec='seconds')} {context}\n"
              + "".join(traceback.format_exception(error)))
    for path in (log_path(), Path(tempfile.gettempdir()) / f"seed-qa-{os.getuid()}-errors.log"):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() and path.stat().st_size > LOG_BYTES:
                path.replace(path.with_name(path.name + ".1"))
            with path.open("a", encoding="utf-8") as log:
                log.write(record)
            return path
        except OSError:
            continue
    return Path(os.devnull)


def describe_unexpected(error: BaseException, log: Path) -> str:
    """One line for the user: what went wrong, and where the details are."""
    first = (str(error).strip().splitlines() or [""])[0][:160]
    what = f"{type(error).__name__}: {first}" if first else type(error).__name__
    return f"unexpected error ({what}); this is a bug, details are in {log}"


__all__ = ["InputFileError", "QuestionError", "SeedQAError", "StoreError", "describe_unexpected",
           "log_unexpected"]
