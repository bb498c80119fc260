"""Choose qa/check.py JOINED: how much of a claim a second sentence must say on its own for a name
that only it holds ("Zhu Guangyao urged restraint" where "urged restraint" is Zhou Xiaochuan's).
Runs the checker benchmark (bench/check_bench.py, citation check alone) for each value on the
tuning cases given, and prints correct kept and swapped entities caught.

    python bench/fit_joined.py CASES.jsonl [CASES.jsonl ...]
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from check_bench import measure  # noqa: E402
from fake_llm import FakeOpenAIServer  # noqa: E402

from qa import check  # noqa: E402

VALUES = [0.0, 0.2, 0.35, 0.5, 0.7, 1.01]  # 0: any second sentence will do; above 1: never


def main() -> None:
    cases = [json.loads(line) for path in sys.argv[1:] for line in Path(path).read_text("utf-8").splitlines()
             if line.strip()]
    print(f"{len(cases)} cases; citation check alone")
    print(f"{'JOINED':>7}{'correct kept':>14}{'swaps caught':>14}{'all wrong caught':>18}")
    with tempfile.TemporaryDirectory() as tmp, FakeOpenAIServer() as fake:
        shutil.copytree(ROOT / "seeds", Path(tmp) / "seeds")
        for value in VALUES:
            check.JOINED = value
            types = measure(cases, False, Path(tmp), fake)["types"]
            wrong = [row for kind, row in types.items() if kind != "correct"]
            caught = sum(r["sentences"] - r["kept"] for r in wrong) / sum(r["sentences"] for r in wrong)
            print(f"{value:>7.2f}{types['correct']['share']:>14.3f}{types['swapped_entity']['share']:>14.3f}"
                  f"{caught:>18.3f}")


if __name__ == "__main__":
    main()
