"""Sweep one constant of the answer stage over values, on the tuning halves only.

    python bench/sweep.py qa.compose.STORY_SHARE 0.15 0.25 0.35 [--kind timeline]

For each value the constant is set in its module and every `tests/data/*tune*.jsonl` question is
answered over the seeds plus the test corpus (one index, built once in a temporary folder); it
prints facts and abstain_ok per value, over all questions and over the kind given. The held-out
halves are never read here. The value chosen, and these figures, go in the comment beside the
constant.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.evaluate import load, run, summary  # noqa: E402
from qa.pipeline import answer, open_index  # noqa: E402
from qa.settings import Settings  # noqa: E402

TUNE = sorted((ROOT / "tests" / "data").glob("*tune*.jsonl"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("constant", help="module.NAME, e.g. qa.compose.STORY_SHARE")
    parser.add_argument("values", nargs="+", type=float)
    parser.add_argument("--kind", help="also report this kind of question alone")
    args = parser.parse_args()
    module_name, _, name = args.constant.rpartition(".")
    module = importlib.import_module(module_name)
    if not hasattr(module, name):
        sys.exit(f"error: {module_name} has no {name}")
    items = [item for path in TUNE for item in load(path)]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for folder in (ROOT / "seeds", ROOT / "tests" / "corpus"):
            for f in folder.iterdir():
                (corpus / f.name).write_bytes(f.read_bytes())
        settings = Settings(index_dir=Path(tmp) / "index", corpus_dir=corpus)
        index = open_index(settings)
        print(f"{name:>14}{'facts':>8}{'abstain_ok':>12}" + (f"{args.kind + ' facts':>20}" if args.kind else ""))
        for value in args.values:
            setattr(module, name, value)
            outcomes = run(items, lambda q: answer(q, settings=settings, index=index))
            report = summary(outcomes)
            row = f"{value:>14g}{report['facts']['rate']:>8.3f}{report['abstain_ok']['rate']:>12.3f}"
            kind = report["by_kind"].get(args.kind, {}).get("facts", {}).get("rate") if args.kind else None
            print(row + (f"{kind:>20.3f}" if kind is not None else ""))


if __name__ == "__main__":
    main()
