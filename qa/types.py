"""The answer as every caller sees it: Python API, `qa ask --json`, the web UI."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

REFUSAL = "The articles do not say."  # the fixed phrase of every abstention, offline or generated


@dataclass(frozen=True)
class Citation:
    """`[n]` in the answer: `text == file_text[start:end]` of `source` as the loader read it."""

    n: int
    source: str
    title: str
    date: str | None
    text: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class AnswerSentence:
    text: str
    citations: list[int]  # the n of each Citation the sentence rests on
    verified: bool = True  # extractive sentences are quotes: verified by construction
    reason: str | None = None  # why the citation check dropped a generated sentence


@dataclass
class Answer:
    question: str
    text: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    sentences: list[AnswerSentence] = field(default_factory=list)
    mode: str = "extractive"  # or the generator, e.g. "ollama:llama3.2"
    note: str | None = None  # e.g. why an LLM answer fell back to the extractive one
    rejected: list[AnswerSentence] = field(default_factory=list)  # generated, failed the check
    kind: str | None = None  # the kind of answer the question asked for: when, number, now, ...
    missing: str | None = None  # the part the articles do not hold ("figure", "date"), said first

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "citations": [asdict(c) for c in self.citations],
            "sentences": [asdict(s) for s in self.sentences],
            "mode": self.mode,
            "note": self.note,
            "rejected": [asdict(s) for s in self.rejected],
            "kind": self.kind,
            "missing": self.missing,
        }
