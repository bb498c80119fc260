"""Small text helpers shared by the answer stages: terms and their coverage, dates, figures, and
the tidying of a quoted sentence for display."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

from index.clean import is_cjk
from index.keyword import KeywordIndex, stem, terms

# Words that name the same event or role, as people ask and as articles write it: "when did the
# strike start" is answered by "the strike began on Jan. 13", "who heads the union" by "the union's
# president". Each group counts as one term when a question's words are looked for in a sentence.
_SAME_MEANING = [
    "start begin launch commence open", "strike walkout stoppage",
    "end finish conclude complete completion lift",  # a ban is lifted when it ends: "why did china lift its crypto ban"
    "halt stop pause suspend freeze shelve",
    # ("authorize" is read as "authorise", index/keyword.py: its own stem would be "authority"'s)
    "approve approval authorise authorisation greenlight",
    "ban prohibit outlaw forbid", "reject refuse rejection refusal deny", "resign quit", "fire sack dismiss oust",
    "head lead leads boss chief leader president chairman chairwoman chair director governor",
    "grow growth rise rose risen increase surge jump climb raise hike",
    "fall drop decline plunge slump shrink dwindle",
    "cut reduce lower slash",  # "why did the board vote to lower fares": it raised them
    "scrap kill axe abandon ditch", "pick choose select", "impose introduce",
    "intervene intervention interfere", "order instruct instruction",
    "buy acquire purchase", "job jobs employ employee hire worker staff",
    "fine penalty punishment punish", "worry concern fear unease spook scare alarm", "warn caution",
    "propose proposal pitch suggest offer", "pay payout reimburse compensate compensation",
    "fund bankroll", "speculate gamble",
    "invest investment",  # one stem, listed to make "invest" an event ("how much did Ant invest ...")
    # "when did the hkma hand out its first licences": none was granted; "who received one": the
    # receiving end of a grant
    "grant award issue receive",
    "delay postpone defer",  # "why was the law pushed back to 2026": no article reports it
    "win beat victory clinch triumph prevail",  # "why did kingsport win": Hartwell beat them, not the reverse
]
# ... and words for the same thing, which is no event: "when did hk's stablecoin law start" takes
# the start for granted, not a law.
_SAME_THING = ["law ordinance legislation statute", "company firm", "cost price", "talks negotiations",
               "kid child children pupil student teen teenager", "phone mobile cellphone smartphone",
               "regulator watchdog", "installer contractor"]
_EVENTS = {stem(w) for group in _SAME_MEANING for w in group.split()}
_CANON = {stem(w): stem(group.split()[0]) for group in _SAME_MEANING + _SAME_THING for w in group.split()}
_GROUP: dict[str, frozenset[str]] = {}
for _c, _t in ((c, t) for t, c in _CANON.items()):
    _GROUP[_c] = _GROUP.get(_c, frozenset()) | {_t}

__all__ = ["abbreviated", "coverage", "coverer", "has_date", "has_figure", "holds", "human_date", "idioms_in",
           "in_plain_words", "initials", "is_cjk", "is_of_day", "may_be_of_day", "names_an_event", "reports",
           "resolved_date", "same_meaning", "same_meaning_terms", "sought", "stated_date", "stated_days", "states_time",
           "term_set", "terms", "tidy"]

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# A time a sentence states: a month, a year, a date, or a relative time (a weekday alone is not a date).
_DATE = re.compile(rf"\b{_MONTH}(?:\s+\d{{1,2}})?\b|\b(?:19|20)\d\d\b|"
                   r"\b(?:last|next|this|earlier this|later this)\s+(?:year|month|week|summer|spring|autumn|"
                   r"fall|winter)\b|\byesterday\b|\b(?:19|20)\d\d[-/]\d\d\b|\d+\s*(?:年|月|日)", re.I)
_MONTH_NUMBER = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
# The time of an event as a sentence states it: "on Monday, Jan. 13", "3 March", "in August 2025",
# "back in 2021". Day and month without a year take the year of the article that reports them.
_STATED = re.compile(rf"\b(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})\b(?:,?\s+(?P<y1>(?:19|20)\d\d))?|"
                     rf"\b(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})(?:\s+(?P<y2>(?:19|20)\d\d))?|"
                     rf"\b(?:in|since|by|from|until|early|late|mid-?)\s+(?P<m3>{_MONTH})(?:\s+(?P<y3>(?:19|20)\d\d))?\b|"
                     r"\b(?:in|since|by|back in|from|until|(?:quarter|half) of|as (?:early|late) as)\s+"
                     r"(?:around\s+|about\s+)?(?P<y4>(?:19|20)\d\d)\b|"
                     # a month with its year needs no preposition ("between September 2019 and July 2024")
                     rf"\b(?P<m6>{_MONTH})\s+(?P<y7>(?:19|20)\d\d)\b|"
                     # Chinese: 2020年11月, 6月28日, 2025年 (no word boundary between Chinese characters);
                     # not a dateline ("6月29日电": the day it was filed)
                     r"(?<!\d)(?!\d{1,2}月\d{1,2}日电)(?:(?P<y5>(?:19|20)\d\d)年)?(?P<m5>1[0-2]|0?[1-9])月(?:(?P<d5>[1-3]?\d)日)?|"
                     r"(?<!\d)(?P<y6>(?:19|20)\d\d)年", re.I)
_AHEAD = re.compile(r"\b(?:by|until|till)\b", re.I)  # "by September": the months ahead, not last year's
# "will return in October", "is due to open in May": the sentence looks ahead too
_FUTURE = re.compile(r"\b(?:will|shall|is (?:due|expected|set|scheduled) to|are (?:due|expected|set|scheduled) to)\b",
                     re.I)
# a digit inside a name ("Web3", "the A61", "G7701次") counts nothing
_FIGURE = re.compile(r"(?<![A-Za-z\d])\d|(?<=RMB|USD|HKD|CNY|EUR|GBP)\d|"  # not "Web3", but "RMB198"
                     r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|"
                     r"hundred|thousand|million|billion|trillion|half|double|twice|triple)\b|"
                     r"[一二三四五六七八九十百千万亿两]+(?:个|家|倍|成|%|亿|万|元|人|次|条)", re.I)
# Idioms for events and roles, and the plain words for them: a question says "put on ice" where
# an article says "halted", and an article "put ... on hold" where a question says "halt".
_IDIOM_MEANING = {
    "halt": r"(?:put|puts|putting|placed|kept)\s+(?:\w+\s+){0,4}on (?:ice|hold)|pull(?:s|ed|ing)? the plug|"
            r"pull(?:s|ed|ing)? back|pullbacks?|back(?:s|ed|ing)? off|stand(?:s|ing)? down|stood down|"
            r"call(?:s|ed|ing)? off|(?:get|gets|got|getting|have|has|had|having)\s+cold feet|"
            r"(?:put|puts|putting|hit|hits|hitting|slam(?:s|med|ming)?|pump(?:s|ed|ing)?|jam(?:s|med|ming)?)\s+"
            r"the brakes(?:\s+on)?",
    "take effect": r"(?:c[oa]mes?|coming) into (?:force|effect)|enter(?:s|ed|ing)? into force|kick(?:s|ed|ing)? in|"
                   r"go(?:es|ing)? live|went live|gone live",
    "reject": r"turn(?:s|ed|ing)? down|shot down|shoot(?:s|ing)? down|knock(?:s|ed|ing)? back|"
              r"vot(?:e|es|ed|ing) (?:down|against)",
    "approve": r"sign(?:s|ed|ing)?[- ]off|green[- ]?light(?:s|ed|ing)?|g[ai]ve? (?:\w+ )?the (?:go-ahead|nod)|"
               r"\blet(?:s|ting)?\s+(?:[\w.'’-]+\s+){1,4}?go ahead",
    "resign": r"step(?:s|ped|ping)? down|\bquit(?:s|ting)?\b",  # not "equity", "quite"
    # "pushed back to 2026", "put off"; and as news says it: "completed ... about two weeks late"
    "delay": r"push(?:es|ed|ing)? back|put(?:s|ting)? off|\b(?:days|weeks|months|years) late\b|behind schedule|"
             r"later than (?:planned|expected|scheduled)",
    "collapse": r"f[ae]ll(?:s|ing)? (?:apart|through)|br(?:eak|eaks|oke|eaking|oken) down",
    "report": r"c[oa]mes? out|went public|hit the (?:news|headlines)",
    "impose": r"br(?:ing|ings|inging|ought) in",
    # everyday idioms of asking: "extra shut-eye", "what sold them on the town", "put 500 people to
    # work", "what can they bring to the table"
    "sleep": r"\bshut-?\s?eye\b",
    "social media": r"\bpost(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?online\b",
    "vice": r"\bno\.\s?2\b|\bnumber two\b|\bsecond[- ]in[- ]command\b",
    "choose": r"\bs(?:old|ell|ells|elling)\s+(?:them|him|her|us|you|it)\s+on\b",
    "employ": r"\bput(?:s|ting)?\s+(?:[\w'’-]+\s+){0,3}?to work\b",
    "offer": r"\bbr(?:ing|ings|inging|ought)\s+(?:[\w'’-]+\s+){0,3}?to the table\b",
    "raise": r"put(?:s|ting)? up(?= (?:the |its |their )?(?:\w+ )?"
             r"(?:fares?|prices?|rates?|fees?|rents?|taxes|charges?)\b)",
    "intervene": r"st(?:ep|eps|epped|epping) in\b|w(?:eigh|eighs|eighed) in\b",
    # what someone was told, asked at the end of a question: an instruction ("what did beijing tell
    # the firms", "what were they told to do"); not "tell me about", nor telling the press
    "instruct": r"\bt(?:ell|ells|old|elling)(?=\s+(?!(?:me|us|you|reporters|journalists|the press|the media|reuters|"
                r"cnbc|bloomberg)\b)(?:[\w.'’-]+\s+){0,4}?[\w.'’-]+\s*[?？]?\s*$)",
    # "a follow-up study ... from September 2025": when it starts; "set up a sandbox"
    # (the lead word only: the date stays in the text; "from" only before a month, not "up from 2019")
    "start": rf"\bset(?:s|ting)? up\b|"
             rf"\b(?:from(?=\s+(?:\d{{1,2}}\s+)?{_MONTH})|(?:starting|beginning)(?=\s+(?:(?:on|in)\s+)?"
             rf"(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}|(?:19|20)\d\d\b)))",
    # "who got the licences": who was granted them; before a noun phrase only ("who got sent off")
    "grant": r"h[ae]nd(?:s|ed|ing)? out\b|(?<=\bwho )g(?:ot|ets)(?=\s+(?:the|an?|its|their|his|her|some|any|"
             r"\d+|one|two|three)\b)",
    "in addition to": r"on top of\b",
    "head": r"in charge\b|at the helm(?= of)|(?<=\bwho )runs|(?<=\bwho is )running|(?<=\bwho['’]s )running",
    # everyday idioms of asking, in the words news uses: "bending the central bank's ear",
    # "so keen on a token", "who gets to print the money", "the sticking point"
    "lobby": r"\b(?:bend|bends|bending|bent)(?=\s+(?:[\w.'’-]+\s+){0,4}?ears?\b)",  # whose ear stays
    "want": r"\bkeen on\b|\beager (?:for|to)\b",
    "issue money": r"\b(?:print|prints|printing|printed|mint|mints|minting|minted)\s+"
                   r"(?:the\s+|their\s+own\s+|its\s+own\s+)?(?:money|cash|currency)\b",
    "issue": r"\bsticking points?\b",
}
# (each from a word's start: "becomes outdated" holds no "comes out")
_IDIOMS = re.compile("|".join(f"(?<!\\w)(?P<{k.replace(' ', '_')}>{v})" for k, v in _IDIOM_MEANING.items()), re.I)


def _plain(m: re.Match) -> str:
    return m.lastgroup.replace("_", " ")


def idioms_in(text: str) -> list[tuple[str, str]]:
    """The idioms of a text as written, each with its plain word ("signed off": approve; "got" of
    "who got the licences": grant, which the word alone does not say)."""
    return [(m.group(), _plain(m)) for m in _IDIOMS.finditer(text)]


def in_plain_words(text: str) -> str:
    """The text with each idiom replaced by the plain word for it."""
    return _IDIOMS.sub(_plain, text)

# Words before an event that say it has not happened (yet): sought, planned, hoped for, pending,
# or urged ("lobbying the central bank to approve").
_UNREALISED = {"seek", "seeks", "seeking", "sought", "apply", "applies", "applying", "applied", "plan", "plans",
               "planned", "planning", "hope", "hopes", "hoped", "hoping", "aim", "aims", "aimed", "aiming", "want",
               "wants", "wanted", "request", "requested", "requesting", "await", "awaits", "awaiting",
               "pending", "would", "could", "might", "may", "if", "not", "no", "never", "without"}
# "to" before an event leaves it undone only after a word of wanting, asking, planning or refusing ("urged
# the PBOC to authorize", "is expected to take effect", "their goal is to launch"); after others it
# reports a result ("came from behind twice to beat"). "Continues to ban" is a state that goes on,
# not a report of the ban, which would date it.
_INTENT = re.compile(r"(?:urg(?:e|es|ed|ing)$|set$|sets$|bids?$|bidding$|"
                     r"lobb|press|push|ask|call|pressur|persuad|encourag|advis|allow|expect|due|"
                     r"likely|schedul|need|tr(?:y|ie)|attempt|intend|propos|agre|plan|seek|sought|aim|hope|want|"
                     r"decid|prepar|gear|ready|effort|move|wish|seem|appear|goal|purpose|order|meant|design|"
                     r"continu|refus|declin|fail|reluct|threat|vow|promis|pledg|appl(?:y|ie)|yet$|about$|going$)\w*",
                     re.I)
_FOOTNOTE = re.compile(r"\s*\[\d+(?:\s*[,–-]\s*\d+)*\]")  # an article's own source markers
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
_HEADING = re.compile(r"^#+\s*")


@lru_cache(maxsize=8192)
def term_set(text: str) -> frozenset[str]:
    """A text's terms, and the group of each word that has others of the same meaning; a name
    spelled out also counts as its initials ("Hong Kong Monetary Authority": HKMA)."""
    # Passages and sentences recur across questions: stem each once.
    found = terms(text) + [t for m in _IDIOMS.finditer(text) for t in terms(_plain(m))]
    return frozenset(found) | {_CANON[t] for t in found if t in _CANON} | initials(text) | _percent(text)


_PERCENT = frozenset(terms("percent"))


def _percent(text: str) -> frozenset[str]:
    """"38%" says "percent" as a word would: "when did kestrel hit 38 percent"."""
    return _PERCENT if "%" in text or "％" in text else frozenset()


# A name of several capitalised words, with "of"/"and"/"for" between them ("People's Bank of China")
_SPELLED_NAME = re.compile(r"\b[A-Z][\w'’]*(?:\s+(?:(?:of|and|for)\s+)?[A-Z][\w'’]*)+")


def initials(text: str) -> frozenset[str]:
    """The initials of each name spelled out in a text, with and without those of its small words
    ("People's Bank of China": pbc, pboc); three letters at least, shorter ones are words."""
    return frozenset(a for m in _SPELLED_NAME.finditer(text) for a in _initials_of(m.group()))


def spelled_names(text: str) -> list[str]:
    """The names of several capitalised words that a text spells out ("People's Bank of China")."""
    return _SPELLED_NAME.findall(text)


def abbreviated(text: str, acronyms: list[str]) -> str:
    """The text with each name spelled out whose initials are one of `acronyms` (terms) written as
    that acronym: "the Hong Kong Monetary Authority launched" -> "the HKMA launched"."""
    def short(m: re.Match) -> str:
        said = _initials_of(m.group()) & set(acronyms)
        return min(said).upper() if said else m.group()
    return _SPELLED_NAME.sub(short, text) if acronyms else text


def _initials_of(name: str) -> frozenset[str]:
    spoken = name.split()
    found = {"".join(w[0] for w in spoken).lower(), "".join(w[0] for w in spoken if w[0].isupper()).lower()}
    return frozenset(stem(a) for a in found if len(a) >= 3)


def same_meaning(term: str) -> str:
    return _CANON.get(term, term)


def same_meaning_terms(term: str) -> frozenset[str]:
    """The term and the others of the same meaning ("pitch": propos, offer, suggest, ...)."""
    return _GROUP.get(_CANON.get(term, ""), frozenset({term}))


def names_an_event(term: str) -> bool:
    """Whether a term is one of the words for an event or a role that have others of the same
    meaning ("start", "halt", "approve", "head")."""
    return term in _EVENTS


def reports(text: str, events: list[str]) -> bool:
    """Whether a sentence reports one of the events (terms) as having happened, not only as sought
    or planned ("lobbying ... to seek authorization" is no approval); idioms count ("put on hold").
    A sentence in Chinese is not read for English words ("开通" is "open"): it is taken to report them."""
    if is_cjk(text) and not any(is_cjk(e) for e in events):
        return True
    return _spoken_of(text.lower(), events, done=True)


def sought(text: str, things: list[str]) -> bool:
    """Whether a sentence speaks of one of the things (terms) as sought or planned, not had ("plans
    to apply for a stablecoin license")."""
    return _spoken_of(text.lower(), things, done=False)


def _spoken_of(lowered: str, terms: list[str], done: bool) -> bool:
    """Whether a sentence speaks of one of the terms as done, or (done=False) as only sought."""
    return any(any(holds(t, present) for t in terms) and _unrealised_at(lowered, start) is not done
               for start, present in _said(lowered))


def _unrealised_at(lowered: str, start: int) -> bool:
    """Whether the words just before an event leave it undone: "planned", "would", or "to" after a
    word of intent."""
    spoken = re.findall(r"[\w'’-]+", lowered[max(0, start - 80):start])
    before = spoken[-3:]
    # the word of intent governs the "to" from within its clause ("urged the People's Bank of China
    # to authorize the launch"), not from far back ("Tanaka's goal ... as they came from behind to beat")
    return bool(_UNREALISED.intersection(before)) or "to" in before and any(_INTENT.match(w) for w in spoken[-10:])


_ADVERB = re.compile(r"\w{4,}ly")
@lru_cache(maxsize=8192)  # a sentence is read for many questions' events: its words and idioms once
def _said(lowered: str) -> tuple[tuple[int, frozenset[str]], ...]:
    """Where each word and idiom of a lower-cased text starts, with its terms; an adverb reports no
    event ("I understand that completely" is no completion)."""
    return tuple([(m.start(), term_set(m.group())) for m in re.finditer(r"[\w'’-]+", lowered)
                  if not _ADVERB.fullmatch(m.group())] +
                 [(m.start(), term_set(_plain(m))) for m in _IDIOMS.finditer(lowered)])


def holds(term: str, present: frozenset[str]) -> bool:
    """Whether a term, or a word of the same meaning, is among `present` (from term_set)."""
    return term in present or _CANON.get(term, term) in present


def coverage(wanted: list[str], text: str, keywords: KeywordIndex) -> float:
    """IDF-weighted share of the terms `wanted` that occur in `text`."""
    return coverer(wanted, keywords)(term_set(text)) if wanted else 0.0


def coverer(wanted: list[str], keywords: KeywordIndex) -> Callable[[frozenset[str]], float]:
    """`coverage` of the texts whose term_set it is given: for the many sentences of one
    question, each term's IDF and group looked up once."""
    if not wanted:
        return lambda present: 0.0
    weighted = [(t, _CANON.get(t, t), keywords.idf(t)) for t in wanted]
    total = sum(w for _, _, w in weighted)
    return lambda present: sum(w for t, canon, w in weighted if t in present or canon in present) / total


@lru_cache(maxsize=8192)  # sentences recur across questions and stages: each read once
def has_date(text: str) -> bool:
    return bool(_DATE.search(text))


@lru_cache(maxsize=8192)  # sentences recur across questions and stages: each read once
def has_figure(text: str) -> bool:
    """An amount or a count, not the day or the year of a date."""
    return bool(_FIGURE.search(_DATE.sub(" ", text)))


@lru_cache(maxsize=8192)  # sentences recur across questions and stages: each read once
def stated_date(text: str, reported: str | None) -> tuple[int, int, int] | None:
    """The first time a sentence states, as (year, month, day), 0 for what it leaves out; a month
    later than the report's is of the year before ("in December", reported in March), unless the
    sentence looks ahead to it ("by September", "will return in October", reported in June)."""
    m = _STATED.search(text)
    if not m:
        return None
    if m["y4"] or m["y6"]:
        return int(m["y4"] or m["y6"]), 0, 0
    month_name = m["m1"] or m["m2"] or m["m3"] or m["m6"]
    month = int(m["m5"]) if m["m5"] else _MONTH_NUMBER[month_name[:3].lower()]
    day = int(m["d1"] or m["d2"] or m["d5"] or 0)
    year = m["y1"] or m["y2"] or m["y3"] or m["y5"] or m["y7"]
    if not year and not reported:
        return None
    if not year:
        on = date.fromisoformat(reported)
        ahead = _AHEAD.search(text[max(0, m.start() - 8):m.start() + 8]) or _FUTURE.search(text[:m.start()])
        year = on.year - (month > on.month and not ahead)
    try:  # "Feb. 30" is no date
        date(int(year), month, day or 1)
    except ValueError:
        return None
    return int(year), month, day


_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
# A time said relative to the report's date: "on Thursday", "last month", "earlier this year".
# (A weekday followed by its date, "Monday, Jan. 13", is that date.)
_RELATIVE = re.compile(rf"\b(?:on|last|this past)\s+(?P<weekday>{'|'.join(_WEEKDAYS)})\b(?!,?\s+{_MONTH}|,?\s+\d)|"
                       r"\b(?P<which>last|this|next|earlier this|later this)\s+(?P<unit>year|month)\b|"
                       r"\b(?P<yesterday>yesterday)\b", re.I)
# A month named alone, capitalised ("during a July forum"; not "May", "March": a verb as often)
_BARE_MONTH = re.compile(r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Apr(?:il)?|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
                         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b")


def states_time(text: str, reported: str | None) -> bool:
    """Whether a sentence says when, as a date ("on 28 October", "in 2021") or relative to its
    report ("last year", "on Thursday"); a month only named ("the wettest October") does not."""
    return stated_date(text, reported) is not None or bool(_RELATIVE.search(text))


@lru_cache(maxsize=8192)  # sentences recur across questions and stages: each read once
def resolved_date(text: str, reported: str | None) -> tuple[int, int, int] | None:
    """The time a sentence states (as stated_date), a time relative to the report's date resolved
    against it: "on Thursday" is the latest Thursday on or before the report, "last month" the
    month before its month; a month named alone is a time too. A day and month stated ("on Monday,
    Jan. 13") come first; otherwise the time said first."""
    bare = _BARE_MONTH.search(text)
    stated = stated_date(text, reported) or (stated_date(f"in {bare.group()}", reported) if bare else None)
    relative = _RELATIVE.search(text) if reported else None
    if not relative or (stated and stated[2]):
        return stated
    if stated and (m := _STATED.search(text)) and m.start() < relative.start():
        return stated
    on = date.fromisoformat(reported)
    if relative["weekday"]:
        on -= timedelta(days=(on.weekday() - _WEEKDAYS.index(relative["weekday"].lower())) % 7)
        return on.year, on.month, on.day
    if relative["yesterday"]:
        on -= timedelta(days=1)
        return on.year, on.month, on.day
    step = {"last": -1, "next": 1}.get(relative["which"].lower(), 0)
    if relative["unit"].lower() == "year":
        return on.year + step, 0, 0
    year, month = divmod(on.year * 12 + on.month - 1 + step, 12)
    return year, month + 1, 0


def human_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"


@lru_cache(maxsize=8192)  # a candidate's text is read many times while answering
def tidy(text: str) -> str:
    """A quoted sentence as shown in an answer: one line, without the article's own footnote
    markers (they would read as the answer's citations) or Markdown emphasis and heading marks."""
    text = _FOOTNOTE.sub("", " ".join(text.split()))
    return _HEADING.sub("", _EMPHASIS.sub("", text)).strip()


# A day of a month as people write it: "July 1st", "Aug. 1", "1 August", "the 1st of July", "7月1日"
_DAY = re.compile(rf"\b(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b|"
                  rf"\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})(?!\w)|"
                  r"(?<!\d)(?P<m3>1[0-2]|0?[1-9])月(?P<d3>[1-3]?\d)日", re.I)


def stated_days(text: str) -> dict[str, tuple[int, int]]:
    """The days a text names, each in its words, as (month, day): "July 1st" is (7, 1)."""
    return {m.group(): (int(m["m3"]) if m["m3"] else _MONTH_NUMBER[(m["m1"] or m["m2"])[:3].lower()],
                        int(m["d1"] or m["d2"] or m["d3"])) for m in _DAY.finditer(text)}


def may_be_of_day(text: str, reported: str | None, day: tuple[int, int]) -> bool:
    """Whether a sentence may be of the day (month, day): it names it, its article is of it, or it
    states a time relative to its article's date that falls on it ("on Saturday")."""
    if day in stated_days(text).values():
        return True
    when = resolved_date(text, reported) if reported else None
    return is_of_day(reported, day) or bool(when) and when[1:] == day


def is_of_day(reported: str | None, day: tuple[int, int]) -> bool:
    """Whether an article's date (ISO) falls on the day (month, day)."""
    return bool(reported) and (int(reported[5:7]), int(reported[8:10])) == day


def may_be_of_year(text: str, reported: str | None, year: str) -> bool:
    """Whether a sentence may be of the year: it states it, its article is of it, or it states a
    time relative to its article's date that falls in it ("last year" in an article of 2025 is
    2024) or, in an undated article, may."""
    if year in text or (reported or "").startswith(year):
        return True
    if not reported:
        return bool(_RELATIVE.search(text))
    when = resolved_date(text, reported)
    return bool(when) and when[0] == int(year)


@lru_cache(maxsize=4096)
def chinese_person_names(text: str) -> frozenset[str]:
    """The people a Chinese text names, by jieba's part-of-speech tags ("陈晓梅", "刘浩"; it takes
    the odd noun for one too: "白鹭")."""
    import jieba.posseg

    return frozenset(w for w, tag in jieba.posseg.cut(text) if tag == "nr")

