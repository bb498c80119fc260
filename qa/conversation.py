"""Multi-turn chat: a follow-up ("and what did JD.com plan?", "why?") becomes a standalone
question before retrieval, by the LLM when one is set and by a simple rule otherwise."""

from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import dataclass, field

from index.corpus import CorpusIndex
from index.keyword import STOPWORDS
from qa.llms import load_llm
from qa.pipeline import AnswerStream, open_index, stream
from qa.question import clean_question
from qa.prompts import rewrite_messages
from qa.settings import Settings
from qa.types import Answer

HISTORY_TURNS = 3  # turns shown to the LLM when it rewrites a follow-up
MAX_REWRITE_CHARS = 300
# A question with a pronoun and at most this many words of its own leans on the previous one
# ("what did it cost?"); with more it is its own ("is ant still going ahead with its stablecoin?").
FOLLOW_UP_WORDS = 2

_WH = r"why|how|when|where|who|what|which"
_BARE_WH = re.compile(rf"^\s*(?:and\s+|so\s+|but\s+)?({_WH})(\s+(so|then|not|exactly))?\s*\W*$", re.I)
_DO_QUESTION = re.compile(rf"^\s*({_WH})\s+(did|does|do|will|would|can|could|should)\b", re.I)
_LEADING_WH = re.compile(rf"^\s*({_WH})\b\s*", re.I)
_CONNECTIVE = re.compile(r"^\s*(and|but|so|also|then)\b[\s,]*", re.I)
_ABOUT = re.compile(r"^\s*(what|how) about\b", re.I)
_PRONOUN = re.compile(r"\b(it|its|they|them|their|this|that|these|those|he|she|his|her|the company)\b", re.I)
_NAME = re.compile(r"\b[A-Z][\w.&'’-]*\w|\b\w+\.(com|cn)\b|[\u4e00-\u9fff]+")
_WORD = re.compile(r"[\w.&'’-]+")


def is_follow_up(question: str) -> bool:
    """A question that leans on the previous one: a bare wh-word; a leading connective or "what
    about" with a pronoun or few words of its own ("and what did JD.com plan?", not "and how do
    hong kong's stablecoin rules work?"); a pronoun with no name and few words of its own."""
    own_words = [w for w in _WORD.findall(_PRONOUN.sub(" ", _CONNECTIVE.sub("", question)))
                 if w.lower() not in STOPWORDS]
    leans = bool(_PRONOUN.search(question)) or len(own_words) <= FOLLOW_UP_WORDS
    return bool(_BARE_WH.match(question) or (_CONNECTIVE.match(question) or _ABOUT.match(question)) and leans
                or (_PRONOUN.search(question) and not _names(question) and len(own_words) <= FOLLOW_UP_WORDS))


def rule_rewrite(question: str, previous: str) -> str:
    """Standalone form of a follow-up, without a model.

    "why?" after "What did Ant Group halt?" -> "Why did Ant Group halt?";
    "and what did JD.com plan?" after "Why did Ant halt its stablecoin plans?" ->
    "What did JD.com plan (stablecoin plans)?": the new question keeps its own names and borrows
    the topic words of the previous one (and its names when it has none)."""
    bare = _BARE_WH.match(question)
    if bare:
        return f"{bare.group(1).capitalize()} {_LEADING_WH.sub('', previous)}".strip()
    own = _CONNECTIVE.sub("", question).strip()
    own = own[:1].upper() + own[1:]
    new_subject = bool(_names(own))
    previous_names = _names(previous)
    context = [w for w in _WORD.findall(_LEADING_WH.sub("", previous))
               if w.lower() not in STOPWORDS and not (new_subject and w in previous_names)]
    if new_subject and _DO_QUESTION.match(previous):
        context = context[1:]  # "Why did Ant halt its plans?": "halt" was Ant's act, not the topic
    if not context:
        return own
    return f"{own.rstrip(' ?？')} ({' '.join(context)})?"


def _names(text: str) -> set[str]:
    """Capitalised words that are not merely sentence openers ("What", "And"), domains, Chinese."""
    return {m.group() for m in _NAME.finditer(text) if m.group().lower() not in STOPWORDS}


@dataclass
class Turn:
    question: str  # as the user asked it
    standalone: str  # as it was answered
    answer: Answer


@dataclass
class Assistant:
    """A conversation over the index: `ask()` or `stream()` one question after another.

        chat = Assistant()
        chat.ask("Why did Ant halt its stablecoin plans?")
        chat.ask("and what did JD.com plan?")
    """

    settings: Settings = field(default_factory=Settings)
    index: CorpusIndex | None = None
    turns: list[Turn] = field(default_factory=list)

    def ask(self, question: str, top_k: int | None = None) -> Answer:
        return self.stream(question, top_k).answer

    def stream(self, question: str, top_k: int | None = None) -> AnswerStream:
        question = clean_question(question)
        standalone = self.standalone(question)
        inner = stream(standalone, top_k, self.settings, self.index or open_index(self.settings))
        return AnswerStream(self._recorded(question, standalone, inner))

    def _recorded(self, question: str, standalone: str, inner: AnswerStream) -> Generator[str, None, Answer]:
        # The turn is recorded once the answer is final, whether the caller iterates or not.
        yield from inner
        self.turns.append(Turn(question, standalone, inner.answer))
        return inner.answer

    def remember(self, question: str, reply: str) -> None:
        """A turn answered elsewhere (a chat client sends its history with each question): kept
        with its standalone form, so that the next follow-up is understood."""
        question = clean_question(question)
        self.turns.append(Turn(question, self.standalone(question), Answer(question, reply, abstained=False)))

    def standalone(self, question: str) -> str:
        if not self.turns or not is_follow_up(question):
            return question
        previous = self.turns[-1].standalone
        llm = load_llm(self.settings)
        if llm is not None:
            rewritten = self._llm_rewrite(llm, question)
            if rewritten:
                return rewritten
        return rule_rewrite(question, previous)

    def _llm_rewrite(self, llm, question: str) -> str | None:
        history = [(t.standalone, t.answer.text) for t in self.turns[-HISTORY_TURNS:]]
        try:
            reply = llm.chat(rewrite_messages(history, question)).message.content or ""
        except Exception:  # noqa: BLE001 - the rule rewrite stands in for an unavailable model
            return None
        line = reply.strip().splitlines()[0].strip(" \"'“”") if reply.strip() else ""
        return line if 0 < len(line) <= MAX_REWRITE_CHARS else None

    def reset(self) -> None:
        self.turns.clear()

