"""Score the assistant on a QA set (format: tests/data/README.md): hit, facts, abstain_ok."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qa.errors import InputFileError
from qa.types import Answer


@dataclass
class Outcome:
    id: str
    kind: str
    abstain_expected: bool
    abstained: bool
    hit: bool | None  # None for questions that should be refused
    facts: bool | None

    @property
    def abstain_ok(self) -> bool:
        return self.abstained == self.abstain_expected


def load(path: str | Path) -> list[dict]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputFileError(f"{path}: cannot read QA set ({getattr(e, 'strerror', None) or e})") from None
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            item["question"], item.setdefault("id", f"line{number}")
        except (json.JSONDecodeError, KeyError, TypeError):
            raise InputFileError(f"{path}:{number}: not a JSON object with a 'question'") from None
        items.append(item)
    if not items:
        raise InputFileError(f"{path}: no questions")
    return items


# An answer that opens by saying what the articles lack refuses the question, even when it then
# quotes what they do say: right for a question to refuse, a miss for one the articles answer.
_LACKS = re.compile(r"^\W*the articles (do not|don't|report no|say nothing|give no)", re.I)


def refuses(result: Answer) -> bool:
    return result.abstained or bool(_LACKS.match(result.text))


def score(item: dict, result: Answer) -> Outcome:
    expected = bool(item.get("abstain"))
    refused = refuses(result)
    hit = facts = None
    if not expected and refused:
        hit = facts = False
    elif not expected:
        cited = {Path(c.source).name for c in result.citations}
        sources = set(item.get("sources", []))
        hit = sources <= cited if item.get("all_sources") else bool(sources & cited)
        facts = all(re.search(alt[0], result.text, re.I) for alt in item.get("facts", []))
    return Outcome(item["id"], item.get("kind", "?"), expected, refused, hit, facts)


def run(items: list[dict], ask: Callable[[str], Answer]) -> list[Outcome]:
    return [score(item, ask(item["question"])) for item in items]


def summary(outcomes: list[Outcome]) -> dict:
    def rate(values):
        values = [v for v in values if v is not None]
        return {"rate": round(sum(values) / len(values), 3) if values else None,
                "n": len(values), "ok": sum(values)}

    table = {}
    for kind in sorted({o.kind for o in outcomes}):
        group = [o for o in outcomes if o.kind == kind]
        table[kind] = {"hit": rate(o.hit for o in group), "facts": rate(o.facts for o in group),
                       "abstain_ok": rate(o.abstain_ok for o in group)}
    return {"n": len(outcomes), "hit": rate(o.hit for o in outcomes),
            "facts": rate(o.facts for o in outcomes),
            "abstain_ok": rate(o.abstain_ok for o in outcomes), "by_kind": table,
            "failures": [o.id for o in outcomes if o.hit is False or o.facts is False or not o.abstain_ok]}


def format_table(report: dict) -> str:
    def cell(r):
        return "   -   " if r["rate"] is None else f"{r['rate']:.2f} {r['ok']}/{r['n']}"

    lines = [f"{'kind':<14}{'hit':>12}{'facts':>12}{'abstain_ok':>12}"]
    for kind, row in report["by_kind"].items():
        lines.append(f"{kind:<14}{cell(row['hit']):>12}{cell(row['facts']):>12}{cell(row['abstain_ok']):>12}")
    lines.append(summary_line(report))
    return "\n".join(lines)


def summary_line(report: dict) -> str:
    def part(name):
        r = report[name]
        return f"{name} {r['rate']:.2f} ({r['ok']}/{r['n']})" if r["rate"] is not None else f"{name} -"

    failed = f" failed: {', '.join(report['failures'])}" if report["failures"] else ""
    return f"{report['n']} questions: {part('hit')}, {part('facts')}, {part('abstain_ok')}{failed}"
