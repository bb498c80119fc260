"""Fit the answer stage's weights on the tuning questions and write qa/weights.json.

    python bench/fit_weights.py            # prints what it measured, then writes the file

Three fits, in order, on the tuning halves only (tests/data/*tune*.jsonl), over the seeds plus
the test corpus (tests/corpus), so that nothing fits five files:
1. sentence weights (qa/rank.py): logistic regression of "this candidate sentence holds the
   expected fact" (matches a `facts` pattern, in a file of `sources`) on the sentence features;
2. answerability weights (qa/answerability.py): logistic regression of "the question should be
   answered" on the question's signals, computed with the sentence weights of step 1;
3. the answerability threshold and keep_ratio (how close to the best sentence another must score
   to join the answer), by sweeping them and keeping the pair with the best tuning score: the mean
   of facts and of abstain_ok, where answering a question that should be refused counts twice.
The held-out halves are never read here.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa import answerability, rank  # noqa: E402
from qa.evaluate import load, refuses  # noqa: E402
from qa.pipeline import extractive, open_index  # noqa: E402
from qa.question import analyse  # noqa: E402
from qa.retrieve import retrieve  # noqa: E402
from qa.settings import Settings  # noqa: E402

TUNE = sorted((ROOT / "tests" / "data").glob("*tune*.jsonl"))
# Ridge penalties keep weights finite when a feature separates the classes; far fewer questions
# than sentences, so the answerability fit is shrunk harder against overfitting.
L2_SENTENCES = 0.01
L2_QUESTIONS = 1.0
REFUSE_WEIGHT = 2  # in choosing the threshold, answering a question to refuse costs this many wrong refusals


def logistic(x: np.ndarray, y: np.ndarray, l2: float, sample_weight: np.ndarray | None = None) -> np.ndarray:
    """Weights (bias first) by Newton's method on the L2-penalised log-likelihood."""
    x = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x.shape[1])
    sw = np.ones(len(y)) if sample_weight is None else sample_weight
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ ((p - y) * sw) + l2 * np.r_[0, w[1:]]
        hessian = (x * (p * (1 - p) * sw)[:, None]).T @ x + l2 * np.diag(np.r_[0, np.ones(len(w) - 1)])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def main() -> None:
    items = [item for path in TUNE for item in load(path)]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(index_dir=Path(tmp) / "index", corpus_dir=ROOT / "seeds")
        index = open_index(settings)
        index.sync([ROOT / "tests" / "corpus"], progress=False)
        index.refresh()
        keywords = index.keyword_index
        runs = []
        for item in items:
            asked = analyse(item["question"], keywords)
            retrieved = retrieve(index, asked, settings.top_k)
            runs.append((item, asked, retrieved, rank.candidates(asked, retrieved, index)))

        # 1. sentence weights
        xs, ys = [], []
        for item, _, _, found in runs:
            if item.get("abstain") or not item.get("facts"):
                continue
            patterns = [re.compile(alt[0], re.I) for alt in item["facts"]]
            sources = set(item.get("sources", []))
            for c in found:
                good = (any(p.search(c.text) for p in patterns)
                        and (not sources or Path(c.passage.source).name in sources))
                xs.append([c.features[f] for f in rank.FEATURES])
                ys.append(float(good))
        x, y = np.array(xs), np.array(ys)
        w = logistic(x, y, L2_SENTENCES, np.where(y == 1, (len(y) - y.sum()) / max(y.sum(), 1), 1.0))  # balance classes
        sentence = {"bias": w[0], **dict(zip(rank.FEATURES, w[1:]))}
        print(f"sentences: {len(y)} candidates, {int(y.sum())} hold a fact")
        print("  " + "  ".join(f"{k}={v:+.2f}" for k, v in sentence.items()))

        current = json.loads(rank.WEIGHTS.read_text())
        current["sentence"] = {k: round(float(v), 4) for k, v in sentence.items()}
        rank.WEIGHTS.write_text(json.dumps(current, indent=1) + "\n")
        rank.weights.cache_clear()
        for _, _, _, found in runs:
            for c in found:
                c.score = rank._score(c.features)  # noqa: SLF001 - rescore with the new weights
            found.sort(key=lambda c: c.score, reverse=True)

        # 2. answerability weights
        signals = [answerability.signals(asked, retrieved.evidence, found, keywords)
                   for _, asked, retrieved, found in runs]
        x = np.array([[s[f] for f in answerability.FEATURES] for s in signals])
        y = np.array([0.0 if item.get("abstain") else 1.0 for item, *_ in runs])
        w = logistic(x, y, L2_QUESTIONS)
        gate = {"bias": w[0], **dict(zip(answerability.FEATURES, w[1:]))}
        print(f"answerability: {len(y)} questions, {int(len(y) - y.sum())} to refuse")
        print("  " + "  ".join(f"{k}={v:+.2f}" for k, v in gate.items()))
        current["answerable"] = {k: round(float(v), 4) for k, v in gate.items()}
        z = np.hstack([np.ones((len(x), 1)), x]) @ w
        probability = 1 / (1 + np.exp(-z))

        # 3. threshold and keep_ratio: tuning score = mean of abstain_ok and facts
        best = None
        for keep in (0.5, 0.6, 0.7, 0.8, 0.9):
            current["keep_ratio"] = keep
            rank.WEIGHTS.write_text(json.dumps(current, indent=1) + "\n")
            rank.weights.cache_clear()
            answered = [(item, extractive(asked, found, index, settings.top_k)) for item, asked, _, found in runs]
            for threshold in np.arange(0.2, 0.81, 0.05):
                ok = weighted = total = facts = n_facts = 0
                for (item, result), p in zip(answered, probability):
                    refused = p < threshold or refuses(result)
                    right = refused == bool(item.get("abstain"))
                    # An invented answer costs twice a wrong refusal: the product's first promise.
                    cost = REFUSE_WEIGHT if item.get("abstain") else 1
                    ok += right
                    weighted += cost * right
                    total += cost
                    if not item.get("abstain"):
                        n_facts += 1
                        facts += not refused and all(re.search(a[0], result.text, re.I) for a in item.get("facts", []))
                value = (weighted / total + facts / n_facts) / 2
                if best is None or value > best[0] + 1e-9:
                    best = (value, keep, round(float(threshold), 2), ok / len(answered), facts / n_facts)
        value, keep, threshold, abstain_ok, facts = best
        print(f"chosen: keep_ratio {keep}, threshold {threshold}: abstain_ok {abstain_ok:.3f}, "
              f"facts {facts:.3f} on the tuning questions")
        current.update(keep_ratio=keep, answerable_threshold=threshold,
                       fitted={"on": [p.name for p in TUNE], "questions": len(items), "date": date.today().isoformat(),
                               "by": "bench/fit_weights.py"})
        rank.WEIGHTS.write_text(json.dumps(current, indent=1) + "\n")
        print(f"wrote {rank.WEIGHTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
