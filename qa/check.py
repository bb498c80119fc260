"""Check a generated answer against the passages it cites, sentence by sentence.

Each claim is aligned with the sentences of its cited passages that say it (by meaning, from the
sentence embeddings stored at index time, and by words). It is kept only when it cites a passage
that was offered; its numbers (digits or words) are in those aligned sentences; every name in it
occurs in what it cites (an abbreviation the articles spell out counts) and it does not put one
name where its sentence has another; it neither adds nor drops a negation nor says the opposite
word of its sentence; its names are said of what it says (in its best sentence or beside it) and
its titles are theirs; and enough of it is supported, in words or in meaning. A claim that fails
only where an alias or a paraphrase could be at work ("the PBoC" for "China's central bank") is
"undecided", for the model's own check to decide when there is one. Support never comes from a
passage's planted instructions ("ignore previous instructions and ...")."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from index.corpus import CorpusIndex
from index.keyword import STOPWORDS, is_english_word, stem, terms
from index.records import Passage
from qa.sentences import Sentence, gives_orders, split, split_text
from qa.text import coverage, human_date, in_plain_words, initials, spelled_names, term_set

MIN_SUPPORT = 0.7  # IDF-weighted share of a claim's words in its aligned sentences (bench/fit_check.py)
MIN_MEANING = 0.68  # or: cosine of the claim and its best sentence, for a paraphrase (bench/fit_check.py)
RESTATES = 0.8  # a claim holding this share of its sentence's words restates it (negation and all)
ALIGNED = 2  # sentences a claim may rest on (a model joins two sentences into one claim)

_MARKERS = re.compile(r"\s*\[(\d+(?:\s*[-–,;]\s*\d+)*)\]")  # [1] [1, 2] [1-3]
_TRAILING_MARKERS = re.compile(r"([.!?。！？])((?:\s*\[\d+(?:\s*[-–,;]\s*\d+)*\])+)")
_ANSWER_LABEL = re.compile(r"^\s*answer\s*:\s*", re.I)  # copied from the prompt's example
_NOT = r"not|no|never|neither|nor|without|cannot"
# "not only", "not just", "not instead of" deny nothing ("on top of, not instead of, ...").
_DENIES_NOTHING = r"only|just|merely|simply|least|instead"
_NEGATION = re.compile(rf"(?:\b({_NOT}|none|nobody|nothing)\b|n['’]t\b)(?!\s+(?:{_DENIES_NOTHING})\b)", re.I)
# "less efficient than" / "fewer ... than" say what "not as efficient as" says, without a "not"
_CONTRAST = re.compile(r"\b(rather than|instead|but|unlike|lack|lacks|lacking|fail|failed|refus|declin)\w*|"
                       r"\b(?:less|fewer)(?:\s+\w+)?\s+than\b", re.I)
# Verbs that deny what follows them ("failed to penetrate", "ruled out applying"): a claim using one
# where its sentence has none, nor any negation, turns the sentence around.
_DENYING = re.compile(r"\b(?:fail|refus|declin|reject|deni|deny|dismiss)\w*|\brul(?:e|es|ed|ing) out\b", re.I)
# What a negation covers: the words up to the next pause ("not speculative tools but ..."); "not
# only", "no less than" and the like deny nothing.
_NEGATED = re.compile(rf"\b(?:{_NOT}|rather than|instead of|lacks?|lacking)\b"
                      rf"(?!\s+(?:{_DENIES_NOTHING}|doubt|less|more)\b)\s+([^,;:.!?]*?)(?=\s+but\b|[,;:.!?]|$)|"
                      r"n['’]t\s+([^,;:.!?]*?)(?=\s+but\b|[,;:.!?]|$)", re.I)
# A claim's "less efficient than ...": what it says of "efficient" is the denial "not as efficient as" is
_LESS = re.compile(r"\b(?:less|fewer)\s+(?!than\b)[^,;:.!?]*", re.I)
# Verbs that end what they govern ("dropped their plans", "lifted its ban"): a claim using one where
# its sentence ends nothing, nor denies it, turns the sentence around.
_ENDING = re.compile(r"\b(?:abandon|scrap|cancel|withdr[ae]w|revok|shelv|halt|suspend|paus|stopp?)\w*|"
                     r"\bdrop(?:s|ped|ping)?\s+(?:its|their|his|her|the)\b|"
                     r"\blift(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?(?:ban|curbs?|restrictions?|limits?|sanctions?)\b", re.I)
# A quantity that denies or belittles the word after it ("no risk", "little room"); "a little", "a few" do not.
_FEW = re.compile(r"(?<!\ba )\b(no|little|few|hardly any|scarcely any)\s+([a-z]+)", re.I)
# A word that moves a quantity up or down, and the word it moves ("more costly", "low cost", "cut fees").
_DIRECTION = re.compile(r"\b(?:(more|higher|greater|increas\w*|rais\w*|boost\w*)|"
                        r"(less|lower|low|fewer|reduc\w*|cut|cuts|cutting|decreas\w*))\s+([a-z]+(?:\s+[a-z]+)?)", re.I)
_THAN = re.compile(r"\bthan\b|\bcompared\b", re.I)
_CERTAIN = re.compile(r"\b(?:certain(?:ly)?|definite(?:ly)?|guarantee[ds]?|sure to|assured|inevitabl\w*)\b", re.I)
_OPEN = re.compile(r"\b(?:whether|depends?|depending|may|might|could|uncertain|unclear|if)\b", re.I)
# A name after one of these has a role in what is said ("advanced it to the House"): a claim
# with the other name there, both named in each, swaps their roles.
_ROLE_SLOT = re.compile(r"\b(to|from|by|against|over|than)\s+(?:the\s+)?([A-Z][\w&'’-]*(?:\.[\w&'’-]+)*)")
_DESCRIBED_SLOT = re.compile(r"\b(to|from|by|against|over|than)\s+the\s+((?:[a-z]+\s+)?[a-z]+)\b")
_PREFIXES = ("dis", "un", "in", "im", "il", "ir", "non")
_ANSWER_WORD = re.compile(r"^\W*(yes|no)\b[,.:;!]?\s*", re.I)  # "No, both firms ..." answers; it denies nothing
# "The articles do not say how much Ant invested.": a partial answer saying what it lacks, as the
# prompt asks; one clause, no figure, nothing asserted after it ("..., but JD launched it").
_LACKS = re.compile(r"^\W*the (?:articles|passages|sources) (?:do not|don't|does not|doesn't) (?:say|give|state|"
                    r"mention|report|name|specify|include)\s+\w[^.;:!?\d]*[.!?]?\s*$", re.I)  # not the refusal itself
_BUT = re.compile(r"\b(?:but|however|though|although|while|yet|instead|only)\b", re.I)
_MARKER_THEN_CAPITAL = re.compile(r"\](?=\s+[A-Z\u4e00-\u9fff])\s+")
_PROMPT_ECHO = re.compile(r"^\W*(title|date|text|passages?|question)\s*:", re.I)  # prompts.passages_block's labels
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?<![.,])")
_NAME = re.compile(r"\b[A-Z][\w&'’.-]*\w|\b[A-Z]\b")
# Sentence openers that are capitalised only because they open the sentence.
_OPENERS = STOPWORDS | {"however", "according", "meanwhile", "yes", "no", "both", "in", "on",
                        "as", "after", "although", "while", "because", "since", "instead"}
_LIGHT = {stem(w) for w in "must shall might once under upon within via amid anyone everyone those these city cities "
         "country countries nation territory company companies firm firms".split()}
_TIMES = {"today", "yesterday", "tomorrow", "tonight"}  # "Today's market": no name
# Ordinals a model may write as words ("the third project"). Cardinal words are left out: "the two
# tech giants" counts names, not a figure the article states.
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "_ _ second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()) if i > 1}
_NUMBER_WORD = re.compile(rf"\b({'|'.join(_NUMBER_WORDS)})\b", re.I)
# ... but a cardinal word of a time or a share is a figure ("two months ago" where the sentence says
# "last month"); not "one" ("one year" is "a year").
_CARDINALS = {w: str(i) for i, w in enumerate("_ _ two three four five six seven eight nine ten eleven twelve"
                                              .split()) if i > 1}
# So is a count of three or more ("seven participants" where the sentence lists five): a model
# counts two names ("the two firms") but seldom more.
_CARDINAL = re.compile(rf"\b({'|'.join(_CARDINALS)})(?=\s+(?:days?|weeks?|months?|years?|decades?|hours?|"
                       r"minutes?|per ?cent|percent|times)\b)|"
                       rf"\b({'|'.join(w for w in _CARDINALS if w != 'two')})\b", re.I)
# Titles people hold: a claim that gives someone another title than its sentence swaps them.
_ROLE_WORDS = (r"governor|secretary|minister|president|chair|chairman|chairwoman|founder|ceo|spokes(?:man|woman|"
               r"person)|director|commissioner|mayor|treasurer|economist|analyst|coach|captain|manager|professor|senator")
_ROLE = re.compile(rf"\b({_ROLE_WORDS})s?\b")
# one role however written: the "co-chair" of a "co-chairman"
_UNGENDERED = {"chairman": "chair", "chairwoman": "chair", "spokesman": "spokesperson", "spokeswoman": "spokesperson"}
# "JD.com founder Richard Liu": whose title it is, the title, and who holds it
_TITLED = re.compile(rf"([A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*)\s+((?i:{_ROLE_WORDS}))\s+"
                     r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")
_ISO_DATE = re.compile(r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b")  # an article's date as the prompt shows it
_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
_ORDINAL = re.compile(r"\b(\d+)(st|nd|rd|th)\b")
# Parts of a year as markets write them: "H1" is the first half, "Q3" the third quarter.
_PERIOD = re.compile(r"\b([HQ])([1-4])\b")
_PARTS = {"H": "half", "Q": "quarter"}
_ORDINAL_WORDS = ["first", "second", "third", "fourth"]
_FIRST_MONTHS = re.compile(r"\bfirst (six|three) months\b", re.I)
_MONTHS_AS_PART = {"six": "first half", "three": "first quarter"}
# Words whose opposite turns a claim around; compared by stem, so "rose" meets "rising" too.
_OPPOSITE_WORDS = [
    ("rise", "fall"), ("rose", "fell"), ("increase", "decrease"), ("gain", "loss"), ("higher", "lower"),
    ("approve", "reject"), ("support", "oppose"), ("backed", "opposed"), ("allow", "ban"), ("accept", "reject"),
    ("win", "lose"), ("won", "lost"), ("start", "stop"), ("launch", "halt"), ("continue", "halt"),
    ("resume", "halt"), ("resume", "suspend"), ("proceed", "halt"), ("expand", "shrink"), ("strengthen", "weaken"),
    ("encourage", "discourage"), ("welcome", "criticise"), ("praise", "criticise"), ("legal", "illegal"),
    ("before", "after"), ("more", "less"), ("larger", "smaller"), ("largest", "smallest"), ("boost", "curb"),
    ("open", "close"), ("confirm", "deny"), ("succeed", "fail"), ("agree", "refuse"), ("above", "below"),
    ("earlier", "later"), ("tighten", "loosen"), ("tighten", "relax"), ("restrictive", "flexible"),
    ("enhance", "weaken"), ("surge", "fade"), ("surge", "decline"), ("strict", "lenient"), ("little", "ample"),
    ("encouraged", "advised"), ("embrace", "ban"), ("passed", "rejected"), ("increase", "reduce"),
    ("little", "plenty"), ("important", "little"), ("pass", "block"), ("approve", "block"),
    ("support", "opposition"), ("surge", "contracted"), ("surge", "shrank"),
]


@dataclass(frozen=True)
class Checked:
    """One sentence of the model's reply: its claim (markers removed), the offered passage
    numbers it cites, and whether the check kept it (with the reason when not)."""

    claim: str
    cited: list[int]
    verified: bool
    reason: str | None = None
    original: str = ""
    evidence: tuple[str, ...] = ()  # the sentences it was aligned with, for the model's own check
    # Failed only on what words and embeddings cannot tell from a paraphrase or an alias: how much
    # of it its sentences say, or whether a name is said of it. The model's own check decides.
    undecided: bool = False


def sentences_of(reply: str) -> list[str]:
    """The reply's sentences. Markers after a full stop ("... halted. [1] Then") belong to the
    sentence before: move them inside it so the splitter keeps them there. A marker followed by
    a capital ends a sentence even without a full stop."""
    reply = _TRAILING_MARKERS.sub(r"\2\1", _ANSWER_LABEL.sub("", reply))
    reply = _MARKER_THEN_CAPITAL.sub("]\n", reply)  # "... Warning [1] Ant Group ...": two sentences
    return [piece.strip() for line in reply.splitlines() for piece in split_text(line) if piece.strip()]


def check_sentence(sentence: str, offered: list[Passage], index: CorpusIndex) -> Checked:
    keywords = index.keyword_index
    numbers = [n for group in _MARKERS.findall(sentence) for n in _marker_numbers(group)]
    claim = _MARKERS.sub("", sentence).strip()
    cited = list(dict.fromkeys(n for n in numbers if 1 <= n <= len(offered)))

    def rejected(reason: str) -> Checked:
        return Checked(claim, cited, False, reason, sentence)

    if _PROMPT_ECHO.match(claim):
        return rejected("echoes the prompt's layout instead of answering")
    if _LACKS.match(claim) and not _BUT.search(claim):
        return Checked(claim, [], True, None, sentence)  # what a partial answer lacks: no claim to cite
    if not cited:
        bad = [n for n in numbers if n not in cited]
        return rejected(f"cites [{bad[0]}], which was not offered" if bad else "cites no passage")
    # A citation must vouch for something: drop cited passages that share no word with the claim.
    claim_terms = set(terms(claim))
    cited = [n for n in cited if claim_terms & term_set(_support_text(offered[n - 1]))] or cited
    marks = "".join(f"[{n}]" for n in cited)
    passages = [offered[n - 1] for n in cited]
    whole = "\n".join(_support_text(p) for p in passages)
    aligned, meaning = _align(claim, passages, index)
    # What the claim rests on: its aligned sentences, with the titles and dates of their articles.
    evidence = tuple(s.text for s in aligned) + tuple(dict.fromkeys(_header(p) for p in passages))
    support = "\n".join(evidence)
    support_numbers = {plain for _, plain in _numbers(support)}
    doubt = None  # what words cannot tell from an alias or a paraphrase: the model's check decides
    for written, plain in _numbers(_ISO_DATE.sub(_date_as_written, claim)):
        if plain in support_numbers:
            continue
        if written.lower() not in _CARDINALS:
            return rejected(f"the number {written} is not in what {marks} says about this")
        # "the first six months" may be "the first half": a paraphrase or a wrong figure
        doubt = doubt or f"the number {written} is not in what {marks} says about this"
    # A name counts if its article has it anywhere (a byline, the outlet's name, an earlier paragraph).
    article = [q.text for source in dict.fromkeys(p.source for p in passages)
               for q in keywords.by_source.get(source, [])]
    lowered = "\n".join([whole, *article]).lower()
    names = _names(claim, whole)
    for name in names:
        if not _mentions(lowered, name, keywords):
            if not _alias(lowered, name, keywords):
                return rejected(f"the name {name!r} is not in {marks}")
            doubt = doubt or f"{marks} writes {name!r} only in other words"
    described = []  # names its best sentence gives as what they are ("China's central bank": the PBoC)
    if aligned:
        best = aligned[0].text
        described = [n for n in names if _described_as(best, n, keywords)]
        # A swap puts a name of the article where the sentence it rests on has another name.
        said = "\n".join(s.text for s in aligned).lower()
        unmatched = [n for n in names if not _mentions(said, n, keywords) and n not in described]
        abbreviated = _written_as_initials(best, claim)
        others = [n for n in _names(best, best) if n.lower() not in claim.lower()
                  and not _mentions(claim.lower(), n, keywords) and n not in abbreviated]
        if unmatched and others:
            if not all(_alias(said, n, keywords) for n in unmatched):
                return rejected(f"says {unmatched[0]!r} where {marks} says {others[0]!r}")
            doubt = doubt or f"says {unmatched[0]!r} where {marks} says {others[0]!r}"
        plain_claim = _ANSWER_WORD.sub("", claim)
        if _NEGATION.search(plain_claim) and not _NEGATION.search(best):
            return rejected(f"denies what {marks} does not deny")
        if (not _NEGATION.search(plain_claim) and not _CONTRAST.search(plain_claim) and _NEGATION.search(best)
                and coverage(list(dict.fromkeys(terms(best))), plain_claim, keywords) >= RESTATES):
            return rejected(f"leaves out the negation of {marks}")
        if (denying := _DENYING.search(plain_claim)) and not (_DENYING.search(best) or _NEGATION.search(best)):
            return rejected(f"says {denying.group()!r} where {marks} denies nothing")
        if (ending := _ENDING.search(plain_claim)) and not (_ENDING.search(in_plain_words(best))
                                                            or _DENYING.search(best) or _NEGATION.search(best)):
            return rejected(f"says {ending.group()!r} where {marks} ends nothing")
        turned = (_opposite(plain_claim, best) or _negated_affirmed(plain_claim, best) or _prefixed(plain_claim, best)
                  or _denied_affirmed(plain_claim, best) or _other_direction(plain_claim, best))
        if turned:
            return rejected(f"says {turned[0]!r} where {marks} says {turned[1]!r}")
        if (certain := _CERTAIN.search(plain_claim)) and not _CERTAIN.search(best) and _OPEN.search(best):
            return rejected(f"says {certain.group()!r} of what {marks} leaves open")
        swapped = (_swapped_roles(claim, best) or _other_holder(claim, best) or _other_subject(claim, best, keywords)
                   or _other_clause(claim, best, "\n".join(article)) or _other_described(claim, best)
                   or _named_for_described(claim, best, keywords))
        if swapped:
            return rejected(f"puts {swapped[0]!r} where {marks} has {swapped[1]!r}")
        # A name must be said of what the claim says: in its best sentence, the one before it, a
        # quote's attribution after it, or its article's title and date ("Zhu Guangyao urged
        # restraint" where the sentence has "Zhou Xiaochuan urged restraint" and names Zhu nowhere).
        near = "\n".join([*_beside(aligned[0]), best, _header(aligned[0].passage)]).lower()
        missing = [n for n in names if not _mentions(near, n, keywords) and n not in described]
        if missing and not doubt:
            doubt = f"{marks} does not say this of {missing[0]!r}"
        # ... nor give someone another title ("Pan Gongsheng, Hong Kong's financial secretary")
        roles, given = _roles(near), _roles(claim.lower())
        if roles and given - roles and not doubt:
            doubt = f"calls someone {sorted(given - roles)[0]!r} where {marks} says {sorted(roles)[0]!r}"
    # a name its sentences write in other words ("HKD": "Hong Kong dollar") is one of their words
    spelled = [n for n in names if _mentions(support.lower(), n, keywords)]
    said = "\n".join([support, *described, *spelled])
    words = coverage(_in_their_forms(_weighed(claim), term_set(said)), said, keywords)
    if words < MIN_SUPPORT and meaning < MIN_MEANING and not doubt:
        doubt = f"not supported by {marks}"
    if doubt:
        return Checked(claim, cited, False, doubt, sentence, evidence, undecided=bool(aligned))
    return Checked(claim, cited, True, None, sentence, evidence)


def _weighed(claim: str) -> list[str]:
    """The claim's terms whose support is weighed: an idiom counts as its plain word ("comes into
    force": "takes effect"); grammar's words ("must", "under") and a noun standing for a name ("the
    city" for Hong Kong, "the firms") say nothing a sentence must hold."""
    return [t for t in dict.fromkeys(terms(in_plain_words(claim))) if t not in _LIGHT]


def _in_their_forms(wanted: list[str], present: frozenset[str]) -> list[str]:
    """The claim's terms, each written as the support writes another form of it ("uneasy" for
    "unease", "economy" for "economic"): the stemmer leaves some endings on."""
    return [t if t in present else next((p for p in sorted(present) if _forms_of_one(t, p)), t) for t in wanted]


def _forms_of_one(a: str, b: str) -> bool:
    """Whether two stems are forms of one word: five letters in common, then at most two letters
    each ("uneasi", "uneas")."""
    shared = len(os.path.commonprefix([a, b]))
    return shared >= 5 and max(len(a), len(b)) - shared <= 2


def _align(claim: str, passages: list[Passage], index: CorpusIndex) -> tuple[list[Sentence], float]:
    """The sentences of `passages` that best say `claim` (at most ALIGNED), and the best cosine.
    Sentences are ranked by the mean of their cosine with the claim and the share of the claim's
    words they hold; planted instructions are never among them."""
    sentences = [s for p in passages for s in split(p) if not gives_orders(s.text)]
    if not sentences:
        return [], 0.0
    vectors = index.sentence_vectors([(s.passage, s.start, s.end) for s in sentences])
    cosines = vectors @ np.asarray(index.query_vector(claim), dtype=np.float32)
    wanted = list(dict.fromkeys(terms(claim)))
    scores = [(float(c) + coverage(wanted, s.text, index.keyword_index)) / 2 for s, c in zip(sentences, cosines)]
    order = sorted(range(len(sentences)), key=lambda i: -scores[i])[:ALIGNED]
    return [sentences[i] for i in order], float(cosines.max())


def _beside(sentence: Sentence) -> tuple[str, str]:
    """The sentence before this one in its passage ("Liu ... He said"), and the one after when
    this one is a quote that it attributes ("“...?” one person told the Financial Times")."""
    found = split(sentence.passage)
    at = next((i for i, x in enumerate(found) if x.start == sentence.start), 0)
    quoted = sentence.text.rstrip().endswith(("”", '"')) and at + 1 < len(found)
    return (found[at - 1].text if at else "", found[at + 1].text if quoted else "")


def _roles(text: str) -> set[str]:
    """The role words of a lower-cased text ("governor", "secretary"); "chairman" is a "chair"."""
    return {_UNGENDERED.get(role, role) for role in _ROLE.findall(text)}


def _date_as_written(m: re.Match) -> str:
    """"2025-10-19" as "19 October 2025" (so that its month is no figure); not a date: as it was."""
    try:
        return human_date(m.group())
    except ValueError:
        return m.group()


def _header(passage: Passage) -> str:
    """Title and date of a passage's article. The date as people write it ("19 October 2025"),
    not as "2025-10-19": its month's number is no figure the article states ("HK$10 billion")."""
    return f"{passage.title}\n{human_date(passage.date) if passage.date else ''}"


def _numbers(text: str) -> list[tuple[str, str]]:
    """The figures of `text` as written and as plain digits: ordinals ("third") and cardinals of a
    time or share ("two months") count as their digits; a part of a year counts as its ordinal,
    however written ("H1", "the first six months": "first half")."""
    text = _PERIOD.sub(_period_in_words, _FIRST_MONTHS.sub(lambda m: _MONTHS_AS_PART[m.group(1).lower()], text))
    words = [(m.group(), _NUMBER_WORDS[m.group().lower()]) for m in _NUMBER_WORD.finditer(text)]
    words += [(m.group(), _CARDINALS[m.group().lower()]) for m in _CARDINAL.finditer(text)]
    digits = [(n, _plain_number(n)) for n in _NUMBER.findall(_ORDINAL.sub(r"\1", text))]
    return digits + words


def _period_in_words(m: re.Match) -> str:
    """"H1" as "first half", "Q3" as "third quarter"; "H3" is no part of a year."""
    part, n = m.group(1), int(m.group(2))
    return m.group() if part == "H" and n > 2 else f"{_ORDINAL_WORDS[n - 1]} {_PARTS[part]}"


def _names(text: str, context: str) -> list[str]:
    """Capitalised words of `text` that name something: not an ordinary word that is capitalised
    because it opens the sentence ("More broadly", "Together", "Backers")."""
    out = []
    for i, name in enumerate(_NAME.findall(text)):
        name = re.sub(r"['’]s$|-[a-z][\w-]*$", "", name)  # "HKD-pegged", "Alibaba-backed": the name itself
        if _PERIOD.fullmatch(name):
            continue  # "H1", "Q3": a part of a year, no name
        opener = i == 0 and text.lstrip(" \"'“(").startswith(name)
        # an opener that owns something is a name ("Shanghai's market"), though also an English word
        owner = opener and re.match(rf"\W*{re.escape(name)}['’]s\b", text) and name.lower() not in _OPENERS | _TIMES
        if opener and not owner and (name.lower() in _OPENERS or is_english_word(name.lower())
                       or set(terms(name)) <= term_set(context)):
            continue
        out.append(name)
    return out


def _mentions(lowered: str, name: str, keywords) -> bool:
    """`name` occurs in the lower-cased text: itself, without its dots ("US", "U.S."), as a month
    written short ("August", "Aug."), as the start of a longer form ("Chinese", "China"), or as
    the words its initials stand for ("HKMA", "Hong Kong Monetary Authority"; a plural also in
    lower case: "CBDCs", "central bank digital currencies")."""
    lowered, name = _straight(lowered), _straight(name)  # "People’s Bank of China" as "People's"
    plain = lowered.replace(".", "")
    key = name.lower().replace(".", "")
    if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", plain):
        return True
    if key[:3] in _MONTHS and re.search(rf"(?<!\w){key[:3]}\w*", plain):
        return True
    if len(key) >= 6 and re.search(rf"(?<!\w){re.escape(key[:4])}\w*", plain):
        return True
    if re.search(rf"(?<![\w.]){re.escape(key)}\.[a-z]", lowered):
        return True  # "JD" for "JD.com": a web address's name
    if re.fullmatch(r"[A-Z]{2,}s", name) and _spelled_out(lowered, key[:-1]):
        return True  # "CBDCs": "central bank digital currencies"
    if re.fullmatch(r"[A-Z]{3,}", name) and _spelled_out(lowered, key):
        return True  # "HKD": "Hong Kong dollar", initials no article writes
    spelled = keywords.expand_acronym(key) if _initialism(name) else None
    return bool(spelled and _straight(spelled) in lowered)


def _written_as_initials(sentence: str, claim: str) -> set[str]:
    """The words of the names a sentence spells out that the claim writes as their initials
    ("People", "Bank", "China" of "People's Bank of China" when the claim says "the PBoC")."""
    said = set(_stems(claim))
    return {re.sub(r"['’]s$", "", word) for name in spelled_names(sentence) if initials(name) & said
            for word in name.split()}


def _initialism(name: str) -> bool:
    """Whether a name is made of initials: "HKMA", and "PBoC" too."""
    return name.isupper() or (name[:1].isupper() and name[-1:].isupper())


def _straight(text: str) -> str:
    return text.replace("’", "'")


def _alias(lowered: str, name: str, keywords) -> bool:
    """Whether an abbreviation may be written in other words here: most of the words it stands
    for elsewhere in the articles are in the text ("PBoC", "China's central bank"). Also true of
    "Bank of China": the model's check, not this one, tells them apart."""
    spelled = keywords.expand_acronym(name.lower().replace(".", "")) if _initialism(name) else None
    meant = set(terms(spelled)) if spelled else set()
    return len(meant) >= 2 and len(meant & term_set(lowered)) / len(meant) > 0.6


def _described_as(text: str, name: str, keywords) -> bool:
    """Whether the text calls an abbreviated name by what it is, in lower case, beside another of its
    words ("China's central bank" for the PBoC, the People's Bank of China); not where it names a
    "Bank" of its own ("Bank of China"), nor where the other word is the description's ("the central
    bank" is no European Central Bank)."""
    spelled = keywords.expand_acronym(name.lower().replace(".", "")) if _initialism(name) else None
    if not spelled:
        return False
    words = [w for w in _straight(spelled).split() if w not in ("and", "for")]
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]  # the bank of "bank of china"
    if re.search(rf"\b{head.capitalize()}\b", text) or not re.search(rf"\b{head}\b", text):
        return False
    lower = set(_stems(" ".join(re.findall(r"\b[a-z]+\b", text))))
    capitalised = set(_stems(" ".join(re.findall(r"\b[A-Z]\w*", text))))
    return bool({stem(w) for w in words if w not in ("of", head)} - lower & capitalised)


def _spelled_out(lowered: str, initials: str) -> bool:
    """Whether words in a row, apart only by spaces or hyphens, start with these letters."""
    return len(initials) >= 3 and bool(re.search(r"\b" + r"\w*[ -]+".join(initials) + r"\w*", lowered))


def _opposite(claim: str, sentence: str) -> tuple[str, str] | None:
    """(word of the claim, its opposite in the sentence) when the claim turns its sentence around."""
    said, source = set(_stems(claim)), set(_stems(sentence))
    for (a, sa), (b, sb) in _OPPOSITES:
        for (mine, my_stem), (theirs, their_stem) in (((a, sa), (b, sb)), ((b, sb), (a, sa))):
            if my_stem in said and their_stem in source and my_stem not in source:
                return mine, theirs
    return None


def _negated_affirmed(claim: str, sentence: str) -> tuple[str, str] | None:
    """(the claim's word, the sentence's "not ..." ) when the claim says outright what its sentence
    denies ("mainly speculative tools rather than instruments" for "not speculative tools but
    instruments")."""
    denied = {stem(w): m.group(0) for m in _NEGATED.finditer(sentence)
              if not m.group(0).lower().startswith(("neither", "nor"))  # the names it lists are no denial
              for w in re.findall(r"[a-z]+", (m.group(1) or m.group(2) or "").lower()) if w not in STOPWORDS}
    if not denied or _DENYING.search(claim):  # "declined to comment" for "did not comment"
        return None
    in_claim = set(_stems(_LESS.sub(" ", _NEGATED.sub(" ", claim))))
    hit = next((t for t in denied if t in in_claim), None)
    return (hit, denied[hit]) if hit else None


def _denied_affirmed(claim: str, sentence: str) -> tuple[str, str] | None:
    """(the claim's "no ...", the sentence's word) when the claim denies or belittles what its
    sentence affirms ("carries little risk" where the sentence warns of "the risk"; "no risk" where
    it says "a strategic risk if ..."): the word the claim denies is in the sentence, not denied."""
    affirmed = set(_stems(_NEGATED.sub(" ", _FEW.sub(" ", sentence))))
    for m in _FEW.finditer(claim):
        if m.group(2) not in STOPWORDS and stem(m.group(2)) in affirmed:
            return m.group(), m.group(2)
    return None


def _other_direction(claim: str, sentence: str) -> tuple[str, str] | None:
    """(the claim's words, the sentence's) when the claim moves a quantity the other way ("more
    costly" where the sentence has "low cost", "raise fees" for "cut fees"). Only where neither
    compares ("than"): "A is dearer than B" may be "B is cheaper than A"."""
    if _THAN.search(claim) or _THAN.search(sentence):
        return None
    theirs = {(what[:4], way): m.group() for way, what, m in _directions(sentence)}
    for way, what, m in _directions(claim):
        other = theirs.get((what[:4], not way))
        if other and (what[:4], way) not in theirs:  # a sentence moving it both ways says both
            return m.group(), other
    return None


def _directions(text: str) -> list[tuple[bool, str, re.Match]]:
    """(up?, a stem it may move, the match) for each word of a text that moves a quantity and each
    of the two words after it ("low cost", "reduce transaction costs")."""
    return [(bool(m.group(1)), stem(word), m) for m in _DIRECTION.finditer(text)
            for word in m.group(3).lower().split() if word not in STOPWORDS and len(word) >= 4]


def _prefixed(claim: str, sentence: str) -> tuple[str, str] | None:
    """(word, word) when one text has the other's word with a denying prefix and lacks the word
    itself ("disadvantage" for "advantage", "unlikely" for "likely")."""
    mine, theirs = set(re.findall(r"[a-z]+", claim.lower())), set(re.findall(r"[a-z]+", sentence.lower()))
    for a, b in ((mine, theirs), (theirs, mine)):
        for word in a - b:
            base = next((word[len(p):] for p in _PREFIXES if word.startswith(p) and len(word) - len(p) >= 5), None)
            if base and base in b:
                return (word, base) if a is mine else (base, word)
    return None


def _swapped_roles(claim: str, sentence: str) -> tuple[str, str] | None:
    """(name, name) when the claim puts one name in a role ("to the Senate") that its sentence
    gives another ("to the House"), and each text names both."""
    theirs = dict(_ROLE_SLOT.findall(sentence))
    for word, name in _ROLE_SLOT.findall(claim):
        other = theirs.get(word)
        if other and other != name and all(n in text for n in (name, other) for text in (claim, sentence)):
            return name, other
    return None


def _named_for_described(claim: str, sentence: str, keywords) -> tuple[str, str] | None:
    """(name, description) when the claim puts a name where its sentence, after the same verb, has
    a description that is none of the name's words ("approved by the HKMA" where the sentence has
    "approved by the central bank"; "the PBoC" would share "bank")."""
    slots = [(m.group(1), m.group(2), _stems(sentence[max(0, m.start() - 40):m.start()]))
             for m in _DESCRIBED_SLOT.finditer(sentence)]
    for m in _ROLE_SLOT.finditer(claim):
        before = re.findall(r"[a-z]+", claim[:m.start()].lower())[-1:]
        spelled = keywords.expand_acronym(m.group(2).lower()) if _initialism(m.group(2)) else None
        named = set(_stems(spelled or m.group(2)))
        for word, description, near in slots:
            if word == m.group(1) and before and stem(before[0]) in near and not named & set(_stems(description)):
                return m.group(2), f"the {description}"
    return None


def _other_subject(claim: str, sentence: str, keywords) -> tuple[str, str] | None:
    """(name, name) when the claim opens on someone its sentence does not name, and the sentence on
    someone the claim does not: the deed given to another ("Ant Group told the central bank ..."
    where the sentence has "JD.com pointed out ... to the central bank")."""
    mine, theirs = _subject(claim), _subject(sentence)
    if not mine or not theirs:
        return None
    claim, sentence = claim.lower(), sentence.lower()
    if _mentions(sentence, mine, keywords) or _alias(sentence, mine, keywords) or \
            _mentions(claim, theirs, keywords) or _alias(claim, theirs, keywords):
        return None
    return mine, theirs


def _subject(text: str) -> str | None:
    """The name a sentence opens on ("Ant Group", "JD.com"); not an everyday word that opens it."""
    m = re.match(r"\W*(?:The\s+)?([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)", text)  # up to a possessive
    if not m:
        return None
    name = m.group(1)
    first = name.split()[0].lower()
    if first in _OPENERS or (" " not in name and "." not in name and is_english_word(first)):
        return None
    return name


def _other_holder(claim: str, sentence: str) -> tuple[str, str] | None:
    """(name, name) when the claim gives someone's title as another's ("Ant Group founder Richard
    Liu" where the sentence has "JD.com founder Richard Liu")."""
    theirs = {(role.lower(), person): whose for whose, role, person in _TITLED.findall(sentence)}
    for whose, role, person in _TITLED.findall(claim):
        other = theirs.get((role.lower(), person))
        if other and other.lower() not in whose.lower() and whose.lower() not in other.lower():
            return whose, other
    return None


def _other_clause(claim: str, sentence: str, context: str) -> tuple[str, str] | None:
    """(name, name) when the claim says of a name what its sentence says of another, in a clause of
    its own ("Hong Kong bans crypto trading" where the sentence has "China continues to ban crypto
    trading ..., while Hong Kong has embraced crypto"; "As China pushes ..., the US ..." where it has
    "As the U.S. promotes ..., China ...")."""
    clauses = _clauses(sentence)
    if len(clauses) < 2:
        return None
    words = [set(_stems(c)) - _STOP_STEMS for c in clauses]
    for part in _CLAUSE_OR_COMMA.split(claim):
        part = _SUBORDINATE.sub("", part)  # "As China": China
        names = [n for n in re.findall(_CAPITALISED, part) if re.search(rf"\b{re.escape(n)}\b", sentence)]
        homes = {i for n in names for i, c in enumerate(clauses) if n in c}
        if len(homes) != 1:
            continue  # no name of the sentence, or names of both its clauses
        home = homes.pop()
        others = set().union(*(ws for i, ws in enumerate(words) if i != home))
        said = set(_stems(part)) - _STOP_STEMS - {w for n in names for w in _stems(n)}
        other = next((n for i, c in enumerate(clauses) if i != home for n in _clause_names(c, context)), None)
        if other and len(said & others - words[home]) >= 2 and not said & words[home] - others:
            return names[0], other
    return None


def _clauses(sentence: str) -> list[str]:
    """A sentence's clauses: around "while", "but" and the like, or an opening "As ..., " and the rest."""
    if m := _OPENING_CLAUSE.match(sentence):
        return [m.group(1), m.group(2)]
    return [c for c in _CLAUSE.split(sentence) if c and c.strip()]


def _clause_names(clause: str, context: str) -> list[str]:
    """The names of a clause: its capitalised words, less an opening one that `context` never
    writes capitalised within a sentence ("In reality", but not "China")."""
    return [m.group() for m in re.finditer(_CAPITALISED, clause)
            if m.start() > len(clause) - len(clause.lstrip(" \"'“(")) or
            re.search(rf"[a-z,;]\s+{re.escape(m.group())}\b", context)]


def _other_described(claim: str, sentence: str) -> tuple[str, str] | None:
    """(name, name) when the claim gives one name the description its sentence gives another
    ("e-commerce giant Ant Group" where the sentence has "Alibaba-backed Ant Group and e-commerce
    giant JD.com"; "JD.com is a financial affiliate" where it has "Ant Group, a financial affiliate")."""
    theirs = _described(sentence)
    for words, name in _described(claim).items():
        other = theirs.get(words)
        if other and other.lower() != name.lower() and name.lower() in sentence.lower():
            return name, other
    return None


def _described(text: str) -> dict[str, str]:
    """Descriptions of a text's names and the names they describe: a hyphenated word before a name
    ("Alibaba-backed Ant Group"), and "a ..." beside it ("Ant Group, a financial affiliate of")."""
    found = {}
    for m in _DESCRIBED_BEFORE.finditer(text):
        found[m.group(1).lower()] = m.group(2)
    for m in _DESCRIBED_AFTER.finditer(text):
        found[" ".join(m.group(2).lower().split())] = m.group(1)
    return found


_CLAUSE = re.compile(r"\s*[,;]?\s*\b(?:while|whereas|but|although)\b\s*", re.I)
_SUBORDINATE = re.compile(r"^\W*(?:as|while|whereas|although|though|when)\s+", re.I)
_OPENING_CLAUSE = re.compile(r"^\W*(?:As|While|Whereas|Although|Though|When)\s+([^,]+),\s*(.+)$", re.S)
_CLAUSE_OR_COMMA = re.compile(r"\s*[,;]\s*|\s*\b(?:while|whereas|but|although)\b\s*", re.I)
_STOP_STEMS = {stem(w) for w in STOPWORDS}
_CAPITALISED = r"[A-Z][\w.&'’-]*\w(?:\s+[A-Z][\w.&'’-]*\w)*"
_DESCRIBED_BEFORE = re.compile(rf"\b([A-Za-z]+-[a-z]+(?:\s+[a-z]+)?)\s+({_CAPITALISED})")
_DESCRIBED_AFTER = re.compile(rf"({_CAPITALISED})(?:,| is| was)\s+an?\s+((?:[a-z]+\s+){{1,3}}of)\b")
_OPPOSITES = [((a, stem(a)), (b, stem(b))) for a, b in _OPPOSITE_WORDS]


def _stems(text: str) -> list[str]:
    return [stem(w) for w in re.findall(r"[a-z]+", text.lower())]


@lru_cache(maxsize=1024)
def _support_text(passage: Passage) -> str:
    """What a passage can vouch for: title, date and its sentences,
    less any sentence that gives orders to the reader."""
    body = " ".join(s.text for s in split(passage) if not gives_orders(s.text))
    return f"{_header(passage)}\n{body}"


def _plain_number(text: str) -> str:
    return text.replace(",", "")


def _marker_numbers(group: str) -> list[int]:
    """'1, 3' -> [1, 3]; '2-4' -> [2, 3, 4]."""
    out: list[int] = []
    for part in re.split(r"\s*[,;]\s*", group):
        low, _, high = re.sub(r"\s*[-–]\s*", "-", part).partition("-")
        first, last = int(low), int(high or low)
        out.extend(range(first, last + 1) if 0 <= last - first < 20 else [first])
    return out
