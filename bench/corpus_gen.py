"""Synthetic news corpora for the scale benchmark: articles of realistic length and vocabulary,
each with one planted fact no other article states, so retrieval can be checked at any size.

The prose is a word-level Markov chain (order 2) trained on the seed articles, so vocabulary,
sentence length and word statistics resemble the real corpus; each article gets a fictional
company and one sentence naming its token's unique code.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from index.readers import read_article

SYLLABLES = ["ar", "bel", "cor", "dan", "el", "fir", "gal", "hol", "ist", "jor", "kel", "lum", "mar",
             "nor", "or", "pel", "quin", "ros", "sil", "tor", "ul", "ven", "wen", "xan", "yor", "zel"]
KINDS = ["Capital", "Holdings", "Bank", "Pay", "Digital", "Securities", "Fintech", "Trust"]


@dataclass(frozen=True)
class PlantedFact:
    path: Path
    question: str
    answer: str  # the code, found verbatim only in this article


class Chain:
    def __init__(self, texts: list[str]):
        self.next: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.starts: list[tuple[str, str]] = []
        for text in texts:
            for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
                words = sentence.split()
                if len(words) < 6 or not re.match(r"[A-Z]", words[0]):
                    continue
                self.starts.append((words[0], words[1]))
                for a, b, c in zip(words, words[1:], words[2:] + ["<end>"]):
                    self.next[(a, b)].append(c)

    def sentence(self, rng: random.Random, max_words: int = 40) -> str:
        a, b = rng.choice(self.starts)
        words = [a, b]
        while len(words) < max_words:
            options = self.next.get((a, b))
            if not options:
                break
            c = rng.choice(options)
            if c == "<end>":
                break
            words.append(c)
            a, b = b, c
        text = " ".join(words)
        return text if text[-1] in ".!?" else text + "."


def seed_chain(seeds: Path) -> Chain:
    texts = []
    for path in sorted(seeds.iterdir()):
        article = read_article(path)
        texts.extend(article.text[s.start:s.end] for s in article.kept)
    return Chain(texts)


def name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def write_corpus(folder: Path, articles: int, chain: Chain, seed: int = 0,
                 words_per_article: int = 600) -> list[PlantedFact]:
    """Write `articles` files into `folder`; return the planted fact of each."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    facts, used = [], set()
    for i in range(articles):
        company = f"{name(rng, 3)} {rng.choice(KINDS)}"
        code = f"{name(rng, 2)}-{rng.randrange(1000, 9999)}"
        while (company, code) in used:
            code = f"{name(rng, 2)}-{rng.randrange(1000, 9999)}"
        used.add((company, code))
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
        sentences, words = [], 0
        while words < words_per_article:
            sentences.append(chain.sentence(rng))
            words += len(sentences[-1].split())
        planted = (f"{company} said its offshore yuan settlement token, code-named {code}, "
                   f"will be tested with merchants in Hong Kong.")
        sentences.insert(rng.randrange(1, len(sentences)), planted)
        paragraphs = [" ".join(sentences[j:j + 4]) for j in range(0, len(sentences), 4)]
        title = f"{company} prepares offshore yuan settlement token"
        path = folder / f"synthetic_{i:06d}.txt"
        path.write_text(f"{title}\n{day:%d %B %Y}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        facts.append(PlantedFact(path, f"What is the code name of {company}'s settlement token?", code))
    return facts
