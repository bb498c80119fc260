"""How well the citation check tells a strong model's right sentences from wrong ones.

Each case of bench/check_cases.jsonl is a question over the seeds with correct, model-style
sentences (paraphrased, abbreviated, synthesised) and wrong variants (swapped entity, reversed
claim, wrong number, wrong citation, unsupported addition), each with the exact passage of a seed
that it rests on. A scripted OpenAI-compatible fake (tests/fake_llm.py) plays the model: it cites,
for each sentence, the offered passage that holds that sentence's support, as a careful model
would. The answer goes through the real pipeline (gate, prompt, streaming, check), and the kept
and removed sentences are counted per type. Sentences whose support was not among the offered
passages are counted apart (a retrieval miss, not the check's). It runs twice: the citation check
alone, then with the model's own verification pass, where the scripted model answers as a strong
model would (yes for the correct sentences, no for the wrong ones).

    python bench/check_bench.py [CASES.jsonl] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fake_llm import FakeOpenAIServer, passages_in  # noqa: E402

from qa.pipeline import answer, open_index  # noqa: E402
from qa.settings import Settings  # noqa: E402

CASES = ROOT / "bench" / "check_cases.jsonl"


def cite(sentence: dict, offered: dict[int, str]) -> str | None:
    """The sentence with the marker of the offered passage holding its support, or None."""
    n = _holding(sentence["support"], offered)
    claim = sentence["claim"].rstrip()
    end = claim[-1] if claim[-1:] in ".!?" else "."
    return None if n is None else f"{claim.rstrip('.!?')} [{n}]{end}"


def _holding(support: str, offered: dict[int, str]) -> int | None:
    support = " ".join(support.split())
    return next((n for n, text in offered.items() if support in " ".join(text.split())), None)


def _true_support(wrong: dict, case: dict) -> str:
    """The support of the correct sentence that a wrong citation's claim restates (most words shared)."""
    said = set(re.findall(r"\w+", wrong["claim"].lower()))
    return max(case["correct"], key=lambda c: len(said & set(re.findall(r"\w+", c["claim"].lower()))))["support"]


def run(cases: list[dict], settings: Settings, index, fake: FakeOpenAIServer) -> dict:
    kept = Counter()  # per type: sentences kept
    total = Counter()  # per type: sentences the model could cite (support offered)
    missed = Counter()  # per type: support not offered
    misnamed = Counter()  # wrong citations whose passage also holds the claim's true support
    gated = 0
    timings: list[float] = []
    for case in cases:
        replies = [case["correct"]] + [[*case["correct"], wrong] for wrong in case["wrong"]]
        for reply in replies:
            shown: list[tuple[str, str]] = []  # (type, text as sent)

            def script(request, reply=reply, shown=shown, case=case):
                offered = passages_in(request)
                shown.clear()
                for sentence in reply:
                    kind = sentence.get("type", "correct")
                    text = cite(sentence, offered)
                    if text is None:
                        missed[kind] += 1
                    elif kind == "wrong_citation" and \
                            _holding(_true_support(sentence, case), offered) == _holding(sentence["support"], offered):
                        # Passages overlap: the one cited holds the claim's own support too, so the
                        # citation is right after all. Not counted as wrong.
                        misnamed[kind] += 1
                    else:
                        shown.append((kind, text))
                return " ".join(text for _, text in shown)

            fake.script = script
            start = time.perf_counter()
            result = answer(case["question"], settings=settings, index=index)
            timings.append(time.perf_counter() - start)
            if not fake.requests or result.abstained:
                gated += 1
                continue
            fake.requests.clear()
            rejected = {r.text.strip() for r in result.rejected}
            for kind, text in shown:
                if kind == "correct" and reply is not replies[0]:
                    continue  # correct sentences are counted once, in the all-correct reply
                total[kind] += 1
                kept[kind] += text.strip() not in rejected and result.mode != "extractive"
    report = {kind: {"sentences": total[kind], "kept": kept[kind], "support_not_offered": missed[kind],
                     "cited_passage_holds_it": misnamed[kind]} for kind in sorted(total)}
    for kind, row in report.items():
        share = row["kept"] / row["sentences"] if row["sentences"] else 0.0
        row["share"] = round(share if kind == "correct" else 1 - share, 3)  # kept / caught
    timings.sort()
    return {"types": report, "answers_gated": gated, "answers": len(timings),
            "answer_ms_p50": round(1000 * statistics.median(timings), 1),
            "answer_ms_p95": round(1000 * timings[math.ceil(0.95 * len(timings)) - 1], 1)}


def measure(cases: list[dict], verify: bool, root: Path, fake: FakeOpenAIServer) -> dict:
    correct = {c["claim"].strip().rstrip(".") for case in cases for c in case["correct"]}
    fake.verdict = lambda claim: claim.strip().rstrip(".") in correct
    settings = Settings(index_dir=root / "index", corpus_dir=root / "seeds", llm="openai-like",
                        llm_url=fake.url, llm_model="scripted", llm_timeout=30.0, llm_verify=verify)
    return run(cases, settings, open_index(settings), fake)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", type=Path, default=CASES, help="a .jsonl file of cases")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    cases = [json.loads(line) for line in args.cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp, FakeOpenAIServer() as fake:
        shutil.copytree(ROOT / "seeds", Path(tmp) / "seeds")
        reports = {name: measure(cases, verify, Path(tmp), fake)
                   for name, verify in (("citation check only", False), ("with the model's verification", True))}
    if args.json:
        print(json.dumps(reports, indent=2))
        return
    for name, report in reports.items():
        print(f"\n{name}: {len(cases)} questions; {report['answers']} answers, "
              f"{report['answers_gated']} stopped by the gate")
        print(f"{'type':<16}{'sentences':>10}{'kept/caught':>13}{'not offered':>13}{'right after all':>17}")
        for kind, row in report["types"].items():
            label = "kept" if kind == "correct" else "caught"
            print(f"{kind:<16}{row['sentences']:>10}{row['share']:>9.2f} {label:<6}{row['support_not_offered']:>10}"
                  f"{row['cited_passage_holds_it']:>17}")
        print(f"answer() p50 {report['answer_ms_p50']} ms, p95 {report['answer_ms_p95']} ms "
              "(the scripted model answers at once: this is the check's own cost)")


if __name__ == "__main__":
    main()
