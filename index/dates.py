"""Publication dates as articles state them near their top, returned as ISO dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_MON = r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PATTERNS = [
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})(?!\d)"),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON},?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
]
# A byline date sits in the first lines; dates further down are events the article reports.
HEADER_CHARS = 600


def find_date(text: str, header_chars: int = HEADER_CHARS) -> str | None:
    """The earliest-placed valid date in the header of `text`, as YYYY-MM-DD, or None. A date
    after tomorrow (read at indexing time) is no publication date: a typo, or a document making
    itself "the newest" to steer answers about the present."""
    head = text[:header_chars]
    latest = (date.today() + timedelta(days=1)).isoformat()
    found: list[tuple[int, str]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(head):
            iso = _iso(m)
            if iso and iso <= latest:
                found.append((m.start(), iso))
                break
    return min(found)[1] if found else None


def _iso(m: re.Match) -> str | None:
    groups = m.groupdict()
    month = int(groups["m"]) if groups.get("m") else _MONTHS[groups["mon"][:3].lower()]
    try:
        return date(int(groups["y"]), month, int(groups["d"])).isoformat()
    except ValueError:
        return None
