"""Choose the citation check's support thresholds (qa/check.py MIN_SUPPORT, MIN_MEANING) on the
tuning half of bench/check_cases.jsonl (odd case numbers) and report the held-out half.

Each sentence is checked directly against the seed passage holding its support (the check alone,
without retrieval or the gate). Every rule but the support rule runs as in qa/check.py; the
support rule is "words >= a or meaning >= b". The check is the first, model-free filter before the
model's own verification pass, so it must keep correct sentences: (a, b) is chosen to catch the
most wrong ones (mean over types) while keeping at least KEEP of the correct ones.

    python bench/fit_check.py
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa import check  # noqa: E402
from qa.pipeline import open_index  # noqa: E402
from qa.settings import Settings  # noqa: E402
from qa.text import coverage  # noqa: E402

KEEP = 0.95
GRID_WORDS = [x / 20 for x in range(6, 21)]
GRID_MEANING = [x / 100 for x in range(50, 101, 2)]


def features(cases, index) -> list[dict]:
    passages = index.keyword_index.passages
    rows = []
    check.MIN_SUPPORT, check.MIN_MEANING = 0.0, 0.0  # the support rule decided below, from the scores
    for case in cases:
        half = "tune" if int(case["id"].lstrip("c")) % 2 else "heldout"
        for item in [dict(c, type="correct") for c in case["correct"]] + case["wrong"]:
            support = " ".join(item["support"].split())
            holder = next((p for p in passages if support in " ".join(p.text.split())), None)
            if holder is None:
                continue  # a support across a passage boundary
            claim = item["claim"].rstrip(".")
            rules = check.check_sentence(f"{claim} [1].", [holder], index)
            aligned, meaning = check._align(claim, [holder], index)
            text = "\n".join([s.text for s in aligned] + [check._header(holder)])
            words = coverage(check._weighed(claim), text, index.keyword_index)
            rows.append({"half": half, "type": item["type"], "rules": rules.verified, "words": words,
                         "meaning": meaning, "reason": rules.reason})
    return rows


def score(rows, a, b) -> dict[str, float]:
    kept = defaultdict(list)
    for r in rows:
        ok = r["rules"] and (r["words"] >= a or r["meaning"] >= b)
        kept[r["type"]].append(ok if r["type"] == "correct" else not ok)
    return {t: sum(v) / len(v) for t, v in sorted(kept.items())}


def main() -> None:
    cases = [json.loads(line) for line in (ROOT / "bench" / "check_cases.jsonl").read_text().splitlines() if line]
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "seeds", Path(tmp) / "seeds")
        index = open_index(Settings(index_dir=Path(tmp) / "index", corpus_dir=Path(tmp) / "seeds"))
        index.refresh()
        rows = features(cases, index)
    tune = [r for r in rows if r["half"] == "tune"]
    def objective(ab):
        shares = score(tune, *ab)
        caught = [v for t, v in shares.items() if t != "correct"]
        return (min(shares["correct"], KEEP), sum(caught) / len(caught))

    best = max(((a, b) for a in GRID_WORDS for b in GRID_MEANING), key=objective)
    print(f"chosen on the tuning half: MIN_SUPPORT = {best[0]}, MIN_MEANING = {best[1]}")
    for name, half in (("tune", tune), ("heldout", [r for r in rows if r["half"] == "heldout"])):
        shares = score(half, *best)
        counts = defaultdict(int)
        for r in half:
            counts[r["type"]] += 1
        print(f"{name:8}" + "  ".join(f"{t} {v:.2f} (n={counts[t]})" for t, v in shares.items()))


if __name__ == "__main__":
    main()
