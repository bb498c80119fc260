"""Where a question turns into an answer: analyse -> retrieve -> rank -> answerability ->
compose (or generate -> check)."""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from collections.abc import Callable, Generator, Iterator

from index.corpus import CorpusIndex
from index.keyword import STOPWORDS, KeywordIndex, is_common_word, is_english_word, stem, terms, words
from qa import answerability, compose, generate, rank
from qa.llms import describe, load_llm
from qa.question import PRONOUN, Question, analyse, clean_question
from qa.retrieve import retrieve
from qa.settings import Settings
from qa.text import has_date, same_meaning
from qa.types import REFUSAL, Answer, AnswerSentence, Citation


_POSSESSIVE = {"his", "hers"}
# How much better the sentence a description fits best must fit it than one naming someone else.
# `python bench/sweep.py qa.pipeline.FIT_MARGIN ...` on all tuning sets (2026-12-05): 1 / 1.25 / 1.5
# / 2 / 3 gave facts 0.827 / 0.831 / 0.831 / 0.821 / 0.814 (multihop 0.73 / 0.73 / 0.73 / 0.64 /
# 0.61), abstain_ok 0.907 throughout.
FIT_MARGIN = 1.5
BROAD_TITLES = 3  # titles named when a question names nothing to look for
_ASKS_WHO = re.compile(r"^\W*(?:who|whom)\b", re.I)
# "..., and what did the bank later tell them", "..., what did they do afterwards" (not "next":
# "what comes next" asks of the future)
_AFTER_IT = re.compile(r"\b(?:later|afterwards?|subsequently)\b", re.I)
_POINTS_BACK = re.compile(r"\b(?:it|its|this|that|these|those|they|them|their)\b", re.I)  # "when was it granted"
_NEXT_WORD = re.compile(r"\s+([a-z][\w-]*)")  # a lowercase word right after a name
_ROLE = same_meaning("head")
_NAME_RUN = re.compile(r"\b[A-Z][\w&.'’-]*(?:\s+(?:of\s+)?[A-Z][\w&.'’-]*)*")

_indexes: dict = {}
_lock = threading.Lock()


def open_index(settings: Settings, build_if_empty: bool = True,
               notice: Callable[[str], None] | None = None, progress: bool = False) -> CorpusIndex:
    """The index for these settings, opened once per process; built from the corpus folder (and
    uploads) if empty, said through `notice` first (a first build takes a while)."""
    config = settings.index_config()
    with _lock:
        index = _indexes.get(config)
        if index is None and build_if_empty and not config.chroma_url and not config.index_dir.exists():
            settings.corpus_paths()  # a missing corpus folder is said before an empty index is made
        if index is None:
            index = _indexes[config] = CorpusIndex(config)
            if build_if_empty and index.is_empty():
                paths = settings.corpus_paths()
                if notice:
                    notice(f"qa: first use: indexing {', '.join(str(p) for p in paths)} into "
                           f"{config.chroma_url or config.index_dir} (once; later questions start at once)")
                index.sync(paths, progress=progress)
    return index


def answer(question: str, top_k: int | None = None, settings: Settings | None = None,
           index: CorpusIndex | None = None) -> Answer:
    """Answer from the indexed articles, citing exact passages, or abstain."""
    return stream(question, top_k, settings, index).answer


def stream(question: str, top_k: int | None = None, settings: Settings | None = None,
           index: CorpusIndex | None = None) -> AnswerStream:
    """As `answer()`, as it is produced: iterate for text, then read `.answer` for the checked
    result. A bad question or setting raises here, before any text."""
    settings = settings or Settings()
    question = clean_question(question)
    llm = load_llm(settings)
    index = index or open_index(settings)
    return AnswerStream(_events(question, top_k or settings.top_k, settings, index, llm))


class AnswerStream:
    """`for text in stream: ...` gives the answer's text piece by piece (the model's raw tokens in
    LLM mode, sentences in extractive mode); `stream.answer` is the final, checked Answer."""

    def __init__(self, events: Generator[str, None, Answer]):
        self._events = events
        self._answer: Answer | None = None

    def __iter__(self) -> Iterator[str]:
        if self._answer is None:
            self._answer = yield from self._events

    @property
    def answer(self) -> Answer:
        for _ in self:  # drain whatever was not read
            pass
        return self._answer


def _events(question: str, top_k: int, settings: Settings, index: CorpusIndex,
            llm) -> Generator[str, None, Answer]:
    index.refresh()
    asked = analyse(question, index.keyword_index)
    retrieved = retrieve(index, asked, top_k)
    found = rank.candidates(asked, retrieved, index)
    verdict = answerability.judge(asked, retrieved.evidence, found, index.keyword_index)
    if verdict.premise == "unreported" and asked.parts:
        verdict = _premise_of_its_part(asked, verdict, index, top_k)
    if not verdict.answerable:  # no model is asked
        if verdict.premise == "unreported" and found:  # what the articles do report, said as such
            result = extractive(asked, found, index, top_k, unreported=verdict.missing)
            yield from _sentence_by_sentence(result)
            return result
        result = (_too_broad(question, index) if not asked.focus and not asked.names
                  else abstain(question, verdict.missing, verdict.premise))
        yield result.text
        return result
    if llm is None:
        result = extractive(asked, found, index, top_k)
        yield from _sentence_by_sentence(result)
        return result
    evidence = retrieved.evidence[:top_k]
    # about now, the model reads the newest evidence on the subject, which the offline answer leads
    # with (and that answer is the fallback, made once)
    offline = extractive(asked, found, index, top_k) if asked.kind == "now" else None
    lead = offline.citations[0] if offline and offline.citations else None
    newest = next((e for e in retrieved.evidence if lead and e.passage.source == lead.source
                   and e.passage.start <= lead.start and lead.end <= e.passage.end), None)
    if newest and newest not in evidence:
        evidence = evidence[:top_k - 1] + [newest]
    mode = describe(settings)
    verify = generate.verifier(llm, settings.llm_timeout) if settings.llm_verify else None
    checked = generate.CheckedReply(question, evidence, index, mode, verify)
    try:
        for delta in generate.reply_stream(llm, question, evidence, settings.llm_timeout):
            yield from checked.feed(delta)
        yield from checked.finish()
    # The model is an outside service: whatever it raises, the user gets an answer.
    except Exception as e:  # noqa: BLE001
        note = generate.failure_note(mode, e, settings.llm_timeout)
        if checked.shown:  # what was shown stays; nothing is taken back
            result = checked.answer()
            result.note = note
            return result
        result = offline or extractive(asked, found, index, top_k)
        result.note = note
        yield from _sentence_by_sentence(result)
        return result
    result = checked.answer()
    if result.sentences:
        return result
    fallback = offline or extractive(asked, found, index, top_k)
    refused = checked.reply.strip().startswith(REFUSAL.rstrip("."))
    fallback.note = generate.REFUSED_NOTE if refused else generate.UNCHECKED_NOTE
    fallback.rejected = result.rejected
    yield from _sentence_by_sentence(fallback)
    return fallback


def _premise_of_its_part(asked: Question, verdict: answerability.Verdict, index: CorpusIndex,
                         top_k: int) -> answerability.Verdict:
    """A question of several parts takes its events for granted in some of them: each such part's
    own search finds the sentence reporting its event, which the whole question's search may not
    ("when did the strike begin, and what did the mayor set up for riders": the rides drown the
    strike). When every such part is answerable, so is the question (each part is then judged
    apart); when one is not ("... and when did jd resign"), it is refused as it was."""
    judged = []
    for part in (analyse(text, index.keyword_index) for text in asked.parts):
        if part.granted:
            retrieved = retrieve(index, part, top_k)
            judged.append(answerability.judge(part, retrieved.evidence, rank.candidates(part, retrieved, index),
                                              index.keyword_index))
    return judged[0] if judged and all(j.answerable for j in judged) else verdict


def _sentence_by_sentence(result: Answer) -> Iterator[str]:
    """An answer's text in pieces, one sentence each, with the joiners between them."""
    shown = 0
    for sentence in result.sentences:
        end = result.text.index(sentence.text, shown) + len(sentence.text)
        yield result.text[shown:end]
        shown = end
    if shown < len(result.text):
        yield result.text[shown:]


def extractive(asked: Question, found: list[rank.Candidate], index: CorpusIndex, top_k: int,
               unreported: list[str] | None = None) -> Answer:
    """The offline answer: article sentences quoted with their offsets, in the shape the question
    asks for (see compose). A question that asks two things gets each part answered in turn; one
    whose premise no article reports (`unreported`: its words for the event) gets what they do say.
    A part with a single topic word ("..., and when was it granted?") asks of what the part before
    it asks about, or of what that part's answer names: it is searched with that part's words and
    its answer's best sentence too (its sentences still chosen by its own), and when even so it
    finds nothing, the question is answered whole. A later part that says "later" or "afterwards"
    asks what came after the part before: the newest article on it leads, as for "now"."""
    if unreported:
        return _quoted(asked, compose.unreported(asked, found, unreported))
    parts = []
    subject = None
    for text in asked.parts:
        pronoun = PRONOUN.search(text)
        said_of = bool(subject and pronoun)
        if said_of:
            text = _said_of(text, subject)
        part = analyse(text, index.keyword_index)
        if parts and pronoun and not said_of and not _topic_before(part, text[:pronoun.start()]):
            parts = []  # of whom, neither the first part nor this one tells: asked whole
            break
        if parts and _AFTER_IT.search(text):  # what came after the part before: the newest on it
            part = replace(part, kind="now")
        leaning = bool(parts) and not said_of and len(part.focus) < 2
        if leaning:
            part = replace(part, search=f"{part.search} {_leaned_on(parts, bool(_POINTS_BACK.search(text)))}")
        retrieved = retrieve(index, part, top_k)
        part_found = rank.candidates(part, retrieved, index)
        verdict = answerability.judge(part, retrieved.evidence, part_found, index.keyword_index)
        if leaning and not verdict.answerable:  # too little of its own to say the articles lack it
            parts = []
            break
        parts.append((part, part_found if verdict.answerable else []))
        if len(parts) == 1 and verdict.answerable and part_found:  # the first part's answer
            subject = _subject(part, part_found, index)
    keywords = index.keyword_index
    composed = (compose.compose_parts(parts, keywords) if any(f for _, f in parts)
                else compose.compose(asked, found, keywords))
    return _quoted(asked, composed)


def _topic_before(part: Question, text: str) -> bool:
    """Whether a part names a topic of its own before its pronoun, which then points inside it
    ("what did the former hollins park head do at her school", "what is kansas giving them"), not
    only back ("what did he say about it")."""
    return not set(part.focus).isdisjoint(terms(text))


def _leaned_on(parts: list[tuple[Question, list[rank.Candidate]]], pointing: bool) -> str:
    """What a part of one topic word is searched with besides its own words: the topic words of the
    part before, and when the part points back with a pronoun, that part's answer's best sentence
    ("what did northmere do when kestrel fell below 30%, and when was it granted": "it" is the
    drought permit, which only that answer names; "..., and how long did the walkout last" has a
    topic of its own, which the whole sentence would drown)."""
    before, found = parts[-1]
    topic = " ".join(w for w in words(before.search) if w not in STOPWORDS)  # not its "how many"
    return f"{topic} {found[0].text}" if found and pointing else topic


def _subject(part: Question, found: list[rank.Candidate], index: CorpusIndex) -> str | None:
    """Whom a first part describes: the name in the sentence its description fits best, else in the
    one before it (a quote's speaker is named first); none when a sentence that fits it about as
    well (within FIT_MARGIN) names someone else ("the ex central bank chief who threw cold water on
    stablecoins" fits a former vice head of a bank as well as a former governor). A part that asks
    who is answered first: its answer names whom ("who is the pboc governor": the present one)."""
    keywords = index.keyword_index
    if _ASKS_WHO.match(part.text):
        composed = compose.compose(part, found, keywords)
        if composed.lines and not composed.opening:
            named = composed.lines[0].cites
            return _named_in(named.text, part.text, keywords) or _named_in(named.previous, part.text, keywords)
    fits = compose.described(part, found, keywords)
    named = [(fit, _named_in(c.text, part.text, keywords) or _named_in(c.previous, part.text, keywords))
             for fit, c in fits]
    best, subject = named[0]
    rivals = {name for fit, name in named[1:] if name and fit * FIT_MARGIN > best}
    return None if rivals - {subject} else subject


def _said_of(text: str, subject: str) -> str:
    """A later part asked of the subject by name, in the pronoun's place: "what happened to him
    after?" -> "what happened to Martin Haskell after?" (asked as it stands, "happened to him" reads
    as a question on what came of something; with the name after it, retrieval weighs it little)."""
    def named(m: re.Match) -> str:
        return f"{subject}'s" if m.group(0).lower() in _POSSESSIVE else subject
    return PRONOUN.sub(named, text, count=1)


def _named_in(sentence: str, question: str, keywords: KeywordIndex) -> str | None:
    """Whom the answer to a question's first part names: "the football team that moved a game -
    did they make the final?" asks its second part of "Hartwell Athletic", which the first part's
    best sentence names. A full name the question gives counts ("that farmer gareth pryce, how big
    is his herd"); a one-word one it gives is not what it asks about ("the ex pboc governor" is
    "Zhou Xiaochuan", not "PBoC"), nor any it gives when it asks who ("who replaced martin haskell"
    is someone else), and the words it gives before a full name are its description, not the name
    ("who is the pboc governor": "PBOC Governor Pan Gongsheng" is Pan Gongsheng; "Hartwell
    Athletic" stays whole). A sentence's leading
    everyday words are no name ("Former"), nor is a word capitalised only as it opens the sentence
    ("Momentum shifted after ..."), nor one before the word for a role the question gives, which it
    qualifies ("former PBoC governor Zhou Xiaochuan", asked of "the former central bank governor"),
    nor a month ("Feb. 20")."""
    asked = set(words(question))
    for m in _NAME_RUN.finditer(sentence):
        name = m.group(0).split()
        while name and is_common_word(re.sub(r"['’]\w*$", "", name[0]).lower()):  # "Former", "I've"
            name = name[1:]
        if len(name) == 1 and not sentence[:m.start()].strip(" \"“‘'") and _only_opens(name[0], keywords):
            continue
        role = _NEXT_WORD.match(sentence, m.end())
        if role and role.group(1) in asked and same_meaning(stem(role.group(1))) == _ROLE:
            continue  # "former PBoC governor Zhou": the governor's
        while len(name) > 2 and set(words(name[0])) <= asked and not set(words(" ".join(name[1:]))) <= asked:
            name = name[1:]
        given = set(words(" ".join(name))) <= asked
        if name and (not given or len(name) > 1 and not _ASKS_WHO.match(question)) and not _a_month(name):
            return " ".join(name)
    return None


def _only_opens(word: str, keywords: KeywordIndex) -> bool:
    """Whether a word alone at a sentence's start is an English word the articles do not write
    capitalised inside a sentence: capitalised only as it opens it ("Momentum"; not "Pan")."""
    return is_english_word(word.lower()) and not keywords.is_name_term(stem(word.lower()))


def _a_month(name: list[str]) -> bool:
    return len(name) == 1 and has_date(name[0])


def _quoted(asked: Question, composed: compose.Composed) -> Answer:
    if not composed.lines:
        return abstain(asked.text)
    citations: list[Citation] = []
    sentences: list[AnswerSentence] = []
    if composed.opening:
        sentences.append(AnswerSentence(composed.opening, []))
    for line in composed.lines:
        s = line.cites.sentence
        same = next((c for c in citations if (c.source, c.start) == (s.passage.source, s.start)), None)
        if same is None:
            same = Citation(n=len(citations) + 1, source=s.passage.source, title=s.passage.title,
                            date=s.passage.date, text=s.text, start=s.start, end=s.end,
                            score=round(line.cites.score, 4))
            citations.append(same)
        sentences.append(AnswerSentence(f"{line.text} [{same.n}]", [same.n]))
    if composed.closing:
        sentences.append(AnswerSentence(composed.closing, []))
    text = composed.joiner.join(s.text for s in sentences)
    return Answer(asked.text, text, False, citations, sentences, kind=asked.kind, missing=composed.missing)


def _too_broad(question: str, index: CorpusIndex) -> Answer:
    """"what happened?", "summarise the articles": no word to look for, which a bare refusal would
    read as an empty index; said as such, with what the newest articles are about."""
    dated = sorted(index.documents(), key=lambda d: d.date or "", reverse=True)
    titles = "; ".join(f"“{d.title}”" for d in dated[:BROAD_TITLES] if d.title)
    about = f" The newest articles: {titles}." if titles else ""
    return Answer(question, f"{REFUSAL} The question names nothing to look for in them: ask about a "
                            f"person, a company, an event or a figure.{about}", abstained=True)


def abstain(question: str, missing: list[str] | None = None, premise: str | None = None) -> Answer:
    words = ", ".join(f"“{w}”" for w in dict.fromkeys(missing or []))
    if premise == "untimely":
        detail = f"Nothing they say on it is of the time asked about ({words})."
    elif premise == "unheard":
        detail = f"They report nothing of the kind: no indexed article mentions {words}."
    elif missing:
        detail = f"No indexed article mentions {words}."
    else:
        detail = "Nothing in the indexed articles answers this question."
    return Answer(question, f"{REFUSAL} {detail}", abstained=True)
