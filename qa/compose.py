"""The offline answer, in the shape the question asks for, from the ranked candidate sentences.

No model writes anything: every cited line is a sentence of an article, quoted with its exact
offsets. What this module adds are plain framing words that cite nothing: the date an article
was reported on, "the newest article", and what the articles lack ("The articles do not give a
figure for ..."). By kind:
- when: a sentence that states a time, else the best one with its article's date;
- number: a sentence with a figure, else says that the articles give none;
- now: led by the newest dated article on the subject, older ones marked with their dates;
- timeline: one line per article, dated, oldest first (within the period asked about);
- compare: the best sentence for each side;
- "which X", "what is X called", "what was the score": says the articles name none (or give no
  score) when the sentences on the rest of the question speak of X but none names one;
- the rest: the best few sentences, from more than one article when they are close.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from weakref import WeakKeyDictionary

from index.chunking import is_lead
from index.keyword import STOPWORDS, KeywordIndex, is_english_word, is_past_form, stem, terms, words
from qa.question import Question, is_time_clause
from qa.rank import AS_WHAT_IT_IS, CITING, GROUNDS, Candidate, weights
from qa.text import (chinese_person_names, coverage, coverer, has_date, has_figure, holds, human_date, is_cjk,
                     reports, resolved_date, same_meaning, stated_date, stated_days, states_time,
                     term_set)

MAX_SENTENCES = 3  # a short answer
MAX_TIMELINE = 8  # lines of a timeline: an article's lead each, and more events
# lines of a timeline from one article (swept on the tuning sets, 3/4/5/8: timeline facts
# 0.86/0.91/0.91/0.91, all facts 0.837/0.843/0.843/0.843, abstain_ok 0.939 each)
MAX_ARTICLE_EVENTS = 4
MAX_PART_LINES = 2  # lines per part of a question that asks several things
MAX_TOPIC_WORDS = 16  # the question said back as typed; longer, its words alone
# Candidates looked through, beyond the pool, for: the words that set a compared side apart, a
# name next to the role asked about, the part of a question the answer leaves out, a listed milestone.
MAX_SIDE_SEARCH = MAX_ROLE_SEARCH = MAX_FILL_SEARCH = MAX_MILESTONE_SEARCH = 40
# A sentence holds what is asked when it has this share of the IDF weight of the question's
# non-name topic words. Chosen on the tuning halves: 0.01 / 0.25 / 0.34 / 0.5 gave seeds_tune
# facts 0.56 / 0.58 / 0.58 / 0.58 and abstain_ok 0.87 / 0.87 / 0.87 / 0.84 (extra_tune unchanged).
HOLDS_SHARE = 0.34
# An article outside the answer's pool is on a timeline's subject when it holds this share of the
# IDF weight of the question's topic words (the pool's articles hold 0.3 to 1 of it, others up to 0.45).
# `python bench/sweep.py qa.compose.STORY_SHARE ...` on all tuning sets (2026-12-05): 0.1 / 0.2 /
# 0.25 / 0.3 / 0.4 gave timeline facts 0.82 / 0.82 / 0.86 / 0.82 / 0.79, all facts 0.814 / 0.814 /
# 0.818 / 0.814 / 0.811, abstain_ok 0.907 throughout.
STORY_SHARE = 0.25
# Articles of one story share this much (IDF-weighted) of their words: swept on the tuning sets,
# 0.08 / 0.1 / 0.115 / 0.12 -> answers citing another story 24 / 21 / 18 / 18 of 598, facts 513 /
# 513 / 513 / 510 of 602, abstain_ok 775 of 805 throughout (31 answers and 513 facts before).
STORY_LIKENESS = 0.1
_LIKENESS: WeakKeyDictionary[KeywordIndex, dict[tuple[str, str], float]] = WeakKeyDictionary()
REDUNDANT = 0.6  # word overlap above which a sentence repeats one already chosen
# A sentence speaks of what a "which" question asks when it holds this share of the IDF weight of
# the question's words besides the thing asked for ("which banks did the firms team up with": firms, team up).
# Swept on all tuning sets: 0.25 / 0.4 / 0.5 / 0.6 / 0.75 / 1 gave abstain_ok 0.916 / 0.916 / 0.919 /
# 0.916 / 0.914 / 0.912, facts 0.831 throughout.
WHICH_SHARE = 0.5
# Lowercase words between a name and the thing it says the kind of ("Hong Kong's new stablecoin").
# Swept on all tuning sets: 0 / 1 / 2 / 3 gave abstain_ok 0.907 / 0.912 / 0.912 / 0.912, facts 0.831.
QUALIFIER_WORDS = 2
# A score ("3-2") answers "what was the score of ..." in a sentence with this share of the IDF weight
# of the rest of the question (the sides and the match, not those of another match). Swept on all
# tuning sets: 0.5 / 0.6 / 0.7 / 0.8 / 0.9 / 1 gave abstain_ok 0.919 / 0.919 / 0.921 / 0.923 / 0.923 /
# 0.923, facts 0.831 throughout: the lowest of the best.
SCORE_SHARE = 0.8
# Characters of page chrome the index dropped between two sentences that still follow on (a line).
# `python bench/sweep.py qa.compose.FURNITURE ...` on all tuning sets: 3 (none) / 25 / 50 / 100 / 200
# gave facts 0.855 / 0.858 / 0.858 / 0.858 / 0.858 (paraphrase 0.750 / 0.768 throughout), abstain_ok 0.941.
FURNITURE = 100
LIST_GAP = 400  # characters between the items of a list ("First, ... Second, ..."): a sentence or two

_MARKER_LIKE = re.compile(r"\[[^\]]*\]|[\[\]]")
# (not "called off", "called for", "called on": a halt, a demand, a request)
_NAME_ASKED = re.compile(r"\b(called(?!\s+(?:off|for|on)\b)|named|name of|the name|what name)\b|"
                         r"\w['’]s\s+(?:full\s+)?name\b", re.I)
_NAME_OF = re.compile(r"\bname of (?:the |its |his |her |their |this |that )?((?:[\w'’-]+ ){0,4}?[\w'’-]+)"
                      r"(?=\s+(?:where|that|which|who|when|in|at|for|by|of|did|does|was|is)\b|\W*$|\?)", re.I)
# "the referee's name": the owner is the thing named
_OWNER_NAME = re.compile(r"\b([\w-]+)['’]s\s+(?:full\s+)?name\b", re.I)
_ASKING_WORD = re.compile(r"(?i)\b(?:how|what|when|which|who|whom|whose|where|why)\b")  # the topic quoted from it
# "which hk digital banks did ...", "which team exactly did ...": the thing asked for, before the verb
_WHICH = re.compile(r"^\W*which\s+((?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+(?:exactly\s+|actually\s+)?"
                    r"(?:am|is|are|was|were|did|do|does|has|have|had|will|would|can|could)\b", re.I)
# "what was the score in the final", "score of the cup final": a result, written "3-2"
_SCORE_ASKED = re.compile(r"\b(?:what(?:['’]?s|\s+was|\s+is)\s+the\s+(?:final\s+)?score|score\s+(?:of|in))\b", re.I)
_MATCH_WORDS = set(terms("score against between versus vs v"))  # the sides are what tells a match
_SCORE = re.compile(r"\b\d{1,2}\s*[-–]\s*\d{1,2}\b")
_CALLED = re.compile(r"((?:[\w'’-]+ ){0,3}[\w'’-]+)\s+(?:called|named)\b", re.I)
_CALENDAR = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*\.?|(?:mon|tues|wednes|thurs|fri|"
                       r"satur|sun)day", re.I)
_ROLE = same_meaning("head")
_NAME_WORDS = r"(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+(?:of\s+)?[A-Z][\w&.'’-]*)*(?:\s+\([A-Z][\w&.-]*\))?"
# A role as the subject's without naming it: "the authority's deputy director", "its chairman".
_ROLE_OF_IT = re.compile(r"\b(?:its|their|the\s+\w+['’]s)\s+(?:(?:deputy|vice|former|acting|interim|new|top)\s+)?"
                         r"(?:head|leader|boss|chief|president|chairman|chairwoman|chair|director|governor|founder|"
                         r"ceo|executive|manager)\b", re.I)
# A list of names after a word for what they are: "participants including A, B, C, and D"
_LIST = re.compile(rf"\b(?:including|include|includes|included|such as|namely|:)\s+"
                   rf"((?:{_NAME_WORDS},\s+)+(?:and\s+)?{_NAME_WORDS}|{_NAME_WORDS}\s+and\s+{_NAME_WORDS})")
# Words after a figure that do not say what it counts: "18,432 at Millbrook", "1,150 people".
_NOT_COUNTED = {"at", "in", "on", "from", "to", "and", "or", "by", "with", "for", "of", "were", "was", "are", "is",
                "have", "had", "people", "persons", "the", "a", "an", "more", "fewer", "less", "over", "under",
                "about", "around", "so", "this", "that"}
# Counted as people: a word for a kind of person, by its ending ("drivers", "students", "employees")
_PEOPLE = set(terms("people persons individuals folks"))
_PERSONS = re.compile(r"[a-z]{2,}(?:er|or|ist|ant|ent|ee|ian)s|staff|members|people|crews?|pupils|children|adults")
_MAGNITUDES = {"hundred", "thousand", "million", "billion", "trillion", "dozen"}
_DATE_LIKE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*\.?\s+\d{1,2}\b|"
                        r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*|\b(?:19|20)\d\d\b")
_NUMBER_WORDS = dict(enumerate("zero one two three four five six seven eight nine ten eleven twelve".split()))
_HOW_MANY = re.compile(r"\bhow many ((?:[\w'’-]+\s+)?[\w'’-]+)", re.I)
_ORDINAL = re.compile(r"^\W*(?:and\s+)?(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|finally|lastly),",
                      re.I)  # an item of a list of reasons
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A sentence saying a figure is not known: "still calculating the total cost", "did not disclose"
_UNTOLD = re.compile(r"\bstill (?:calculating|counting|assessing|working out|tallying)\b|"
                     r"\b(?:not|never) (?:yet )?(?:been )?(?:known|disclosed|released|made public|revealed)\b|"
                     r"\b(?:did|does|would) not (?:disclose|say|give|reveal)\b|"
                     r"\bdeclined to (?:say|disclose|give|reveal)\b|\bundisclosed\b", re.I)
_IN_YEAR = re.compile(r"\b(?:in|back in)\s+((?:19|20)\d\d)\b", re.I)
_WHO = re.compile(r"^\W*who\b", re.I)
_WHO_IS = re.compile(r"^\W*who(?:\s+(?:is|was)|['’]s)\s", re.I)  # asks who a person is: only the topic is theirs
_HE_OR_SHE = re.compile(r"\b(?:he|she|his|her)\b", re.I)
_QUOTE_OPENS = re.compile(r"\s*[“\"‘]")  # the rest of a quote: its speaker named in the sentence before
_ZH_WHO_IS = re.compile(r"([\u4e00-\u9fff]+?)(?:是|为)(?:谁|哪位)")
_ASKED_IN_PAST = re.compile(r"^\W*who\s+(?:was|were|had|used to)\b", re.I)
# A unit the question asks the figure in ("capacity in litres", "how many hours"), and how articles
# write a figure in it: a figure in another unit ("38% of capacity") answers something else.
# unit: the words a question asks it by, and how an article writes a figure in it
_UNITS = {
    "percent": ("percent percentage", r"%|per ?cent|percentage points?"),
    "money": ("dollars dollar euros euro pounds yuan rmb usd hkd money",
              r"[$€£¥元]|\b(?:dollars?|euros?|pounds?|yuan|rmb|usd|hkd)\b"),
    "litre": ("litres liters litre liter", r"\b(?:litres?|liters?|ml)\b"),
    "gallon": ("gallons", r"\bgallons?\b"),
    "tonne": ("tonnes tons kilograms kg", r"\b(?:tonnes?|tons?|kg|kilo(?:gram)?s?)\b"),
    "metre": ("metres meters", r"\b(?:metres?|meters?|m)\b"),
    "kilometre": ("kilometres kilometers km", r"\b(?:kilomet(?:re|er)s?|km)\b|公里"),  # as Chinese writes it too
    "mile": ("miles", r"\bmiles?\b"),
    "minute": ("minutes mins", r"\b(?:minutes?|mins?)\b|分钟"),
    "hour": ("hours hrs", r"\b(?:hours?|hrs?|h)\b|24/7|小时"),
    "day": ("days", r"\bdays?\b|24/7"),
    "week": ("weeks", r"\bweeks?\b"),
    "month": ("months", r"\bmonths?\b"),
    "year": ("years yrs", r"\byears?\b"),
}
_UNIT_OF = {w: unit for unit, (asked, _) in _UNITS.items() for w in asked.split()}
# "How long did the strike last?": a span of time, however written ("49-day", "nine days")
_DURATION_ASKED = re.compile(r"\bhow long\b.*\b(?:last|lasted|take|took|run|ran|go on|went on|continue|continued)\b",
                             re.I)
_DURATION = re.compile(r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                       r"a few|several)[\s-]+(?:minute|hour|day|week|month|year)s?\b|\d\s*(?:小时|分钟|天|周|个月|年)",
                       re.I)  # not "$4.2 million a day": a rate
# "How long were the buses out?", "how long is the tunnel": a span of time or a length, whichever
# the articles give of it; not "$4.2 million" nor "1,850 drivers"
_LONG_ASKED = re.compile(r"\bhow long\b(?!\s+ago\b)", re.I)
_LENGTH = re.compile(r"\d[\d,.]*[\s-]*(?:(?:square\s+)?(?:kilomet(?:re|er)s?|met(?:re|er)s?|km|miles?)\b|公里|米)",
                     re.I)
# An amount as _in_unit reads it, and a unit written onto its figure ("240km", "214mm")
_AMOUNT = re.compile(r"\d[\d,.]*(?:\s*(?:million|billion|trillion|thousand|bn|m)\b)?|"
                     r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen)\b", re.I)
_COUNTED_IN = re.compile(r"\d[\d,.]*-[^\W\d_]")  # "300-cow", "49-day"
# The thing a figure is asked of, after "how big was the ...": "how big was the turnout in the vote"
_SIZE_OF = re.compile(r"^\W*(?:how (?:big|large|high|much|many|long)|what)\s+(?:is|was|are|were)\s+"
                      r"(?:the|its|their|[\w.-]+['’]s)\s+(?:[\w-]+\s+){0,2}?([\w-]+)(?=\s+(?:of|for|in|at|on|from|to|"
                      r"after|before|during|among|by|with|when|where|that|which|the|did|does|do|was|were|is|are|will|got|gets|"
                      r"now)\b|\W*$)", re.I)
_UNIT_ASKED = re.compile(r"\b(?:in|how many)\s+(" + "|".join(_UNIT_OF) + r")\b", re.I)
# A price, a fee, a wage or a payment asked for is a sum of money: "how much will she be paid" is not
# answered by "for the past six years", nor "how big was the fine" by "issued seven fines" alone.
_MONEY_ASKED = re.compile(r"\b(?:cost(?:s|ing)?|price[sd]?|fees?|fined?|fines|salar(?:y|ies)|wages?|fares?|paid|"
                          r"pay(?:s|ing)?(?!\s+(?:rise|raise|increase|hike|cut|deal|dispute|talks|gap|offer))|"
                          r"charge[sd]?|spen[dt]|spending|worth|(?:trad(?:e|es|ed|ing)|sell(?:s|ing)?|sold|valued) at|"
                          r"cuesta|cost[óo]|precio|co[uû]t[ée]?|prix|"
                          r"kostet[e]?|preis|kurs)\b|多少钱|票价|价格|费用|罚款", re.I)
# A class of seat or service: "first class", "2nd-class", "business class", "一等座", "商务座"
_CLASS = re.compile(r"\b(first|second|third|1st|2nd|3rd|business|economy|premium)[- ]class\b|"
                    r"([一二三头特])等座|(商务)座", re.I)  # not the measure word of "一座新桥"
_CLASS_OF = {"first": "1", "1st": "1", "一": "1", "头": "1", "second": "2", "2nd": "2", "二": "2",
             "third": "3", "3rd": "3", "三": "3", "商务": "business", "特": "premium"}
_SHARE_ASKED = re.compile(r"\b(?:percent|percentage|per cent|share|proportion|fraction)\b|%", re.I)
# "former PBoC governor Zhou Xiaochuan": a past holder of the role, not who holds it now
_PAST_HOLDER = re.compile(r"\b(?:former|ex|previous|then|outgoing|retired|late)[\s-]+((?:[\w.&'’-]+\s+){0,2}[\w'’-]+)",
                          re.I)
_CLOCK_ASKED = re.compile(r"\b(?:what|which) time\b|\bat what hour\b", re.I)
_CLOCK = re.compile(r"\b\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?m\b\.?|p\.?m\b\.?)|\b\d{1,2}:\d\d\b|\bnoon\b|\bmidnight\b|"
                    r"o['’]clock", re.I)
# "what date did they submit it": a day; the article's date is no answer, nor is "in July"
_EXACT = re.compile(r"\b(exact|precise|specific|which day|(?:what|which) date)\b", re.I)
# ... unless it is the report's own date that is asked: "what date did the story come out"
_REPORT_ASKED = re.compile(r"\b(?:report(?:s|ed)?|publish(?:ed)?|news|story|article|c[oa]me out)\b", re.I)
# "Since when has she measured it?" asks for the start of what goes on: "measured since 1998"
_SINCE_ASKED = re.compile(r"\bsince when\b|\bseit wann\b|\bdepuis quand\b|\bdesde cu[aá]ndo\b|从什么时候", re.I)
# "When will construction start?", "when does the law kick in": what is planned is asked
_AHEAD_ASKED = re.compile(r"^\W*(?:(?:and|so|but)\s+)?when\s+(?:will|does|do|is|are|shall)\b|\bwhen['’]s\b", re.I)
_MONTH_OR_YEAR_ASKED = re.compile(r"\b(?:what|which)\s+(?:month|year)\b|\bhow long ago\b", re.I)
# "When did Hartwell last win the cup?", "when was the last ban?": "have not lifted it since 1998",
# "the first ban since 2012" (not "last month": a time)
_LAST_ASKED = re.compile(r"\blast\b(?!\s+(?:week|month|year|summer|spring|autumn|fall|winter|night|weekend|"
                         r"quarter|season)s?\b)|\bzuletzt\b|\bderni[eè]re fois\b|\b[uú]ltima vez\b|上一次|上次", re.I)
_SINCE = re.compile(r"\bsince\s+(?:(?:last|early|late|mid-?)\s*)?(?:(?:19|20)\d\d|(?:jan|feb|mar|apr|may|jun|jul|aug|"
                    r"sep|oct|nov|dec)[a-z]*\.?)\b", re.I)
# Words between a thing and its name: "the forum, called the ...", "banks such as ZA Bank"
_LINKING = {",", ":", "the", "a", "an", "its", "of", "called", "named", "dubbed", "known", "as", "including",
            "include", "such", "like", "namely", "is", "was", "are", "were", "and"}
_DEFINITE = {"the", "these", "those", "both", "this", "that", "our", "its", "their", "his", "her", "my", "your"}
_NAMES_IN = re.compile(r"\b[A-Z][\w&'’.-]*[A-Za-z]|[“\"][^”\"]{3,40}[”\"]")
# A sentence whose reason is the one before it: "To help pay for it, ...", "As a result, ..."
_BECAUSE_OF_IT = re.compile(r"^\W*(?:to (?:help )?(?:pay|fund|cover) for (?:it|this|that)|as a result|"
                            r"because of (?:it|this|that)|for (?:this|that) reason|that is why|this is why|"
                            r"that's why|this means|consequently|therefore)\b", re.I)
_FRAME_TERMS = set(terms("name called named exact precise specific date day time"))
# A reason said as such ("because", "citing"), not only an event that came before ("after"), nor
# who told ("citing sources")
_STATED_REASON = re.compile(rf"\b(?:because|due to|{CITING}|cited|so that|in order to|as a result of|thanks to|"
                            rf"{GROUNDS})\b|{AS_WHAT_IT_IS}|"
                            r"因为|由于", re.I)
# An argument put to someone is the reason one side gives: "has made the case that", "argued"
_ARGUED = re.compile(r"\b(?:argu(?:ed|es|ing)|ma(?:de|kes?|king) the case|contend(?:ed|s|ing)|insist(?:ed|s|ing))\b",
                     re.I)
# What was still to come when told: "plans to apply", "want stablecoins", "were gearing up to"
_PLANNED = re.compile(r"\b(?:plan(?:s|ned|ning)?|wants?|intends?|intended|goals?|aim(?:s|ed)?|gearing up|will|"
                      r"seek(?:s|ing)?)\b", re.I)
# Words that end what they govern: "halted", "shelved", "put on hold", "gave up", "no longer"
_ENDS = re.compile(r"\b(?:abandon|scrap|cancel|withdr[ae]w|revok|shelv|halt|suspend|paus|stopp?)\w*|"
                   r"\bdrop(?:s|ped|ping)?\s+(?:its|their|his|her|the)\b|\bon (?:hold|ice)\b|"
                   r"\b(?:gave|give|given|giving) up\b|\bback(?:ed|s|ing)? off\b|\bno longer\b", re.I)
_SUBJECT_OF_TIMELINE = re.compile(r"\b(?:timeline|chronolog\w*|history|saga|story)\b", re.I)
_LISTED = re.compile(r"\s*(?:[,;:?.]|\s[-–—]\s|\bthen\b|\band\b)\s*", re.I)
_TIMELINE_WORDS = set(terms("timeline chronology history when did do does was were is are happen happened each "
                            "first next whats what then after before later order sequence recap walk through "
                            "early mid late saga"))
_MONTH_NUMBER = {t: i % 12 + 1 for i, w in enumerate("january february march april may june july august september "
                                                     "october november december jan feb mar apr may jun jul aug "
                                                     "sep oct nov dec".split()) for t in terms(w)}
_MONTH_TERMS = set(_MONTH_NUMBER) | set(terms("sept"))
_ASKS_ON = re.compile(r"\s(?:what|why|how|which|who|when|where|did|does|do|is|are|was|were)\s", re.I)
# the words between two sides: "x vs y", "x stacks up against y"; a list's "and" or comma only when
# no such word is there ("jd and ant's push in july compared with october": the months are the sides),
# nor is "while" ("x did this while y did what")
_VERSUS = re.compile(r"\s*(?:\bvs\.?|\bversus\b|\bcompared? (?:to|with)\b|\bdiffer(?:s|ed)? from\b|"
                     r"\bstack(?:s|ed)? up(?: against| to| with)?\b|\bunlike\b|\bas opposed to\b|\brelative to\b|"
                     r"\bin contrast (?:to|with)\b|\b(?:and\s+)?(?:how|what) about\b|\band what of\b)\s*", re.I)
_SIDES = re.compile(rf"{_VERSUS.pattern}|\s*(?:\bwhile\b|\bwhereas\b|\band\b|\bor\b|\bfrom\b|\by\b|\bund\b|\bet\b|"
                    r"[,:;/]|与|和|跟)\s*", re.I)
# "how does jd stack usdt up against the rmb": the words between are the first side
_STACK_AROUND = re.compile(r"\b(stack(?:s|ed)?)\s+((?:[\w.'’-]+\s+){1,4}?)up\b", re.I)
# asked what each side says or thinks ("how did each manager see it", "same vibe or nah"), a side is
# told by what it said: a quote, or speech reported ("Zhou urged restraint", "Zhu had argued that")
_ASKS_VIEW = re.compile(r"\b(?:say|says|said|think|thinks|thought|view|views|see|saw|sees|feel|felt|opinion|"
                        r"stance|position|take|vibe|tune|agree|disagree|react|reaction|respond|response|"
                        r"argu(?:e|es|ed|ing|ment|ments)|pitch(?:ed|es)?|case|propos(?:e|ed|al|als))\b", re.I)
_SPEECH = re.compile(r"[\"“”]|\b(?:said|says|say|told|argued|argues|warned|urged|stated|added|insisted|questioned|"
                     r"emphasi[sz]ed|stressed|acknowledged|called|according to|pointed out|proposed|suggested|"
                     r"made the case)\b", re.I)
# a sentence that sets one side against the other speaks for each
_CONTRAST = re.compile(r"\b(?:while|whereas|but|unlike|compared (?:with|to)|than|rather than|instead of)\b",
                       re.I)
# what follows the second side and a preposition is the topic both share: "zhou vs zhu on stablecoins"
_ON_TOPIC = re.compile(r"\s(?:on|about|regarding|concerning|over)\s", re.I)
# a time alone against a thing: a change of it ("vs before", "compared with earlier")
_THEN = re.compile(r"(?:before|after|earlier|later|then|now|previously|beforehand|afterwards?)", re.I)
# words that stand for what is compared, never a side: "this strike vs the 2011 one", "ended up with"
_NO_SIDE = set(terms("one ones up"))
_COMPARE_OPENER = re.compile(r"^\W*(?:compare|contrast|(?:how|in what ways?|what)\s+"
                             r"(?:(?:is|are|was|were|did|does|do)\s+)?"
                             r"(?:the\s+)?(?:main\s+)?(?:differences?|difference)?\s*(?:between)?)\s*", re.I)


@dataclass(frozen=True)
class Line:
    text: str  # the sentence as shown, with any framing words
    cites: Candidate


@dataclass(frozen=True)
class Composed:
    lines: list[Line]
    opening: str | None = None  # framing that cites nothing (what the articles lack)
    missing: str | None = None  # "figure", "date" or "part": the part of the question not found
    joiner: str = " "
    closing: str | None = None  # what the articles lack, said after what they hold


def compose(question: Question, found: list[Candidate], keywords: KeywordIndex) -> Composed:
    pool = _pool(found)
    if _NAME_ASKED.search(question.text):
        return _name(question, pool, keywords)
    which = _which(question, found, keywords) or _unscored(question, pool, found, keywords)
    if which:
        return which
    if question.kind == "when":
        return _when(question, pool, keywords)
    if question.kind == "number":
        return _number(question, pool, found, keywords)
    if _WHO.match(question.text) and any(same_meaning(t) == _ROLE for t in question.asked):
        return _holder(question, pool, found, keywords)
    if question.kind == "now":
        return _now(question, pool, found, keywords)
    if question.kind == "timeline":
        return _timeline(question, pool, found, keywords)
    if question.kind == "compare":
        return _compare(question, pool, found, keywords)
    if question.kind == "what" and question.asks_overview and pool:
        # the story itself: a news lead states it (of the best article whose lead is a candidate:
        # a follow-up's quotes score high, the story's own lead tells it), then the best sentences
        leads = [c for c in found if is_lead(c.passage.id)]
        lead = _lead(leads[0] if leads else pool[0], found)
        chosen = [lead] + [c for c in _pick(pool, found=found) if c is not lead][:MAX_SENTENCES - 1]
        return Composed([Line(c.text, c) for c in chosen])
    role = _chinese_role(question.text)
    # "南临高铁的总设计师是谁": no sentence with the word for the role names anyone (told only of
    # articles in Chinese: an English one's word for the role is another)
    if role and pool and all(is_cjk(c.text) for c in pool) and not any(
            role in c.text and _names_someone(c.text, question) for c in found[:MAX_ROLE_SEARCH]):
        return Composed([Line(c.text, c) for c in _reading_order(_pick(pool, found=found))],
                        opening=f"The articles do not name who that is ({_topic(question)}). What they say:",
                        missing="name")
    if question.kind in ("who", "what"):
        pool = _whole_name(question, found, keywords) or pool
    if _WHO.match(question.text):
        pool = _on_whom_asked(question, _naming_first(question, pool, found), found, keywords)
    if question.kind == "why":
        listed = _listed_reasons(pool, found)
        if listed:
            return Composed([Line(c.text, c) for c in listed])
        pool = _reasons_first(question, pool, found, keywords)
        # "To help pay for it, the board voted to raise fares": the reason is the sentence before
        before = _beside(pool[0], found, before=True) if pool and _BECAUSE_OF_IT.match(pool[0].text) else None
        if before:
            rest = [c for c in _pick(pool, found=found, says=_reason_giver(question))
                    if c is not before][:MAX_SENTENCES - 1]
            return Composed([Line(c.text, c) for c in [before, *rest]])
    chosen = _pick(pool, found=found, says=_reason_giver(question) if question.kind == "why" else None)
    said = _on_whom_asked(question, chosen + _filling(question, chosen, found, keywords), found, keywords)
    return Composed([Line(c.text, c) for c in _reading_order(said)])


def _listed_reasons(pool: list[Candidate], found: list[Candidate]) -> list[Candidate]:
    """"Three things came together. First, ... Second, ... And third, ...": when a sentence of the
    answer's pool is within such a list (each item within LIST_GAP characters of the one before,
    across passages), the items answer a "why", each by the line that opens it."""
    for c in pool:
        same = sorted({f.sentence.start: f for f in found if f.passage.source == c.passage.source}.values(),
                      key=lambda f: f.sentence.start)
        runs: list[list[Candidate]] = []
        for item in (f for f in same if _ORDINAL.match(f.text)):
            if runs and item.sentence.start - runs[-1][-1].sentence.end <= LIST_GAP:
                runs[-1].append(item)
            else:
                runs.append([item])
        for run in runs:  # the pool's sentence is an item, or the elaboration of one
            if len(run) >= 2 and run[0].sentence.start <= c.sentence.start <= run[-1].sentence.end + LIST_GAP:
                return run[:MAX_SENTENCES + 1]
    return []


def _reason_giver(question: Question) -> Callable[[Candidate, Candidate], bool]:
    """A test of whether another article's sentence gives a reason in a why answer: a cause or
    purpose ("to counter", "amid"), or an argument made ("has made the case to the PBOC that ...");
    not, when the event asked about or the leading sentence ends something ("halt", "put on hold"),
    a plan an article older than the leading one told, which that event has overtaken ("plan to
    issue ... to test the market", asked why they halted)."""
    ended = _says(_ENDS, " ".join([question.search, *question.granted]))

    def gives(c: Candidate, lead: Candidate) -> bool:
        overtaken = (ended or _says(_ENDS, lead.text)) and _overtaken_plan(c, lead)
        return (bool(c.features["fits"]) or _says(_ARGUED, c.text)) and not overtaken
    return gives


def _overtaken_plan(c: Candidate, lead: Candidate) -> bool:
    now, then = _reported(lead), _reported(c)
    return bool(now) and (not then or then < now) and _says(_PLANNED, c.text)


@lru_cache(maxsize=8192)
def _says(pattern: re.Pattern, text: str) -> bool:
    """Whether a sentence holds the pattern, read once per sentence and pattern."""
    return bool(pattern.search(text))


def _reasons_first(question: Question, pool: list[Candidate], found: list[Candidate],
                   keywords: KeywordIndex) -> list[Candidate]:
    """"Why did Northmere bring in the ban?": the best sentence that gives a cause for the event
    asked about ("will impose a ban ... after the reservoir fell") leads, not one that only repeats
    it or reports another event on the same subject ("has lifted the ban")."""
    # the first is the one asked about ("bring in the ban": bringing in); in another language, the
    # articles' word for the verb of "¿por qué se detuvo ...?" ("halt")
    events = (question.events or question.granted)[:1]
    reasons = [c for c in pool if c.features["fits"] and (not events or reports(c.text, events))]
    reasons = _under_its_heading_first(question, _stated_first(reasons), keywords)
    lead = reasons[:1] + _more_reasons(question, reasons[:1], found)
    return lead + [c for c in pool if c not in lead]


def _under_its_heading_first(question: Question, reasons: list[Candidate], keywords: KeywordIndex
                             ) -> list[Candidate]:
    """The reasons with one first whose section heading says more of the question's topic than any
    reason does ("Beijing turns cautious after Zhou's warning" over "Momentum shifted after Zhou
    urged restraint", asked what made Beijing turn cautious)."""
    share = coverer(question.focus, keywords)
    best = max((c.features["lex"] for c in reasons), default=1.0)
    headed = max(reasons, key=lambda c: share(term_set(c.heading)), default=None)
    if headed is None or share(term_set(headed.heading)) <= best:
        return reasons
    return [headed, *(c for c in reasons if c is not headed)]


def _stated_first(reasons: list[Candidate]) -> list[Candidate]:
    """The reasons with one said as such ("arguing that", "because") first when it holds as much of
    the question's topic as the best one only implies ("after", "amid", "urged"): "Zhou questioned
    the need, arguing that ..." over "Zhu had argued that ...", asked about Zhou."""
    if not reasons or _STATED_REASON.search(reasons[0].text):
        return reasons
    stated = next((c for c in reasons if _STATED_REASON.search(c.text)
                   and c.features["lex"] >= reasons[0].features["lex"]), None)
    return [stated, *(c for c in reasons if c is not stated)] if stated else reasons


def _more_reasons(question: Question, lead: list[Candidate], found: list[Candidate]) -> list[Candidate]:
    """"The ban was also needed because demand surged": another reason the leading sentence's
    article gives for the event the question takes for granted (named by its word or by what it
    was done to), said as a reason, however low it ranks."""
    event = question.granted + question.patient
    if not lead or not event:
        return []
    return [c for c in found[:MAX_FILL_SEARCH] if c is not lead[0] and c.passage.source == lead[0].passage.source
            and _STATED_REASON.search(c.text) and any(holds(t, term_set(c.text)) for t in event)][:1]


def unreported(question: Question, found: list[Candidate], events: list[str]) -> Composed:
    """A question whose premise no article reports ("what did Liu say when he resigned"): that,
    said first, then the best of what they say on its subject."""
    said = ", ".join(f"“{w}”" for w in dict.fromkeys(events))
    return Composed([Line(c.text, c) for c in _reading_order(_pick(_pool(found)))],
                    opening=f"The articles do not report what the question takes for granted ({said}). "
                            "What they say:", missing="premise")


def _chinese_role(text: str) -> str | None:
    """The role "X是谁" asks the holder of: X's last word ("南岭市副市长是谁": 副市长)."""
    m = _ZH_WHO_IS.search(text)
    return words(m.group(1))[-1] if m else None


def _names_someone(text: str, question: Question) -> bool:
    """Whether a sentence names someone the question does not: by jieba's tags in Chinese, by
    capitals in English."""
    if is_cjk(text):
        return bool(chinese_person_names(text) - chinese_person_names(question.text))
    return _names_near(text, None, set(question.text.lower().split()))


def _naming_first(question: Question, pool: list[Candidate], found: list[Candidate]) -> list[Candidate]:
    """"Who replaced Martin Haskell?": when the best sentence names no one but whom the question
    does ("Martin Haskell resigned ..."), the best one that names someone else leads."""
    if not pool or _names_someone(pool[0].text, question):
        return pool
    naming = next((c for c in found[:MAX_ROLE_SEARCH] if _names_someone(c.text, question)), None)
    return [naming] + [c for c in pool if c is not naming] if naming else pool


def _on_whom_asked(question: Question, chosen: list[Candidate], found: list[Candidate],
                   keywords: KeywordIndex) -> list[Candidate]:
    """"Who is Zhou Xiaochuan?": the sentences that name him, and those that go on from one kept
    ("..., he said.", the rest of his quote); not those on another person beside him (Zhu
    Guangyao, a former vice-minister). Chosen in order: a sentence comes after the one it goes on from."""
    named = _name_terms(question, keywords)
    if not _WHO_IS.match(question.text) or not named or set(named) != set(question.focus):
        return chosen
    kept: list[Candidate] = []
    for c in chosen:
        goes_on = _HE_OR_SHE.search(c.sentence.text) or _QUOTE_OPENS.match(c.sentence.text)
        if any(holds(t, term_set(c.sentence.text)) for t in named) or goes_on and (
                kept and _beside(kept[-1], found) is c or any(holds(t, term_set(c.previous)) for t in named)):
            kept.append(c)
    return kept or chosen


def _whole_name(question: Question, found: list[Candidate], keywords: KeywordIndex) -> list[Candidate]:
    """"Who is Denise Okafor?", "what did the ECB say": the sentences that hold every word of the
    question's topic (with the sentence before), however low they rank; "Professor Miriam Okafor"
    is someone else, and a central bank is not the European Central Bank. Not when the best
    sentence holds every name of it: the rest of the topic may be said in other words there
    ("kestrel reservoir level": "Kestrel Reservoir ... was at 38% of capacity")."""
    if len(question.focus) < 2 or not found:
        return []
    def holds_all(c: Candidate, wanted: list[str]) -> bool:
        return all(holds(t, term_set(f"{c.previous} {c.sentence.text}")) for t in wanted)
    named = _name_terms(question, keywords)
    if named and holds_all(found[0], named):
        return []
    return [c for c in found[:MAX_ROLE_SEARCH] if holds_all(c, question.focus)]


def _name_terms(question: Question, keywords: KeywordIndex) -> list[str]:
    """The topic terms of names, as the articles write them ("kestrel", "hong kong", "jd"), as the
    question does, or spelled out from an acronym ("ecb": european central bank). Not the rest
    ("level", "started"): an article may say those in words of its own ("38% of capacity",
    "founder")."""
    named = {stem(w) for n in question.names for w in words(n)}
    named |= {stem(w) for a in words(question.text) for w in words(keywords.expand_acronym(a) or "")}
    return [t for t in question.focus if t in named or keywords.is_name_term(t)]


def _filling(question: Question, chosen: list[Candidate], found: list[Candidate],
             keywords: KeywordIndex) -> list[Candidate]:
    """A question whose parts sit apart ("How much had the market grown before the HKMA opened
    applications?") gets one more sentence: the best candidate holding most of the topic words the
    chosen ones leave out, when those are a good share of the question."""
    held = frozenset().union(*(term_set(f"{c.previous} {c.sentence.text}") for c in chosen))
    left = [t for t in question.focus if not holds(t, held)]
    total = sum(keywords.idf(t) for t in question.focus) or 1.0
    if sum(keywords.idf(t) for t in left) < total * HOLDS_SHARE:
        return []
    def gain(c: Candidate) -> float:
        return coverage(left, c.sentence.text, keywords)
    # of the story of the sentences chosen: another article that ranks close for the words left out
    # tells another story (a fare rise in a transit strike for "what does a seat on the line cost")
    home = chosen[0].passage.source if chosen else None
    story = [c for c in found[:MAX_FILL_SEARCH] if c not in chosen
             and (not home or _likeness(keywords, home, c.passage.source) >= STORY_LIKENESS)]
    best = max(story, key=gain, default=None)
    if not best or gain(best) < HOLDS_SHARE:
        return []
    follow = _continuation(best, found)  # "..., he said." comes with the sentence naming him
    return [best] + ([follow] if follow and follow not in chosen else [])


def _holder(question: Question, pool: list[Candidate], found: list[Candidate], keywords: KeywordIndex) -> Composed:
    """"Who heads the union?": a sentence from an article on the subject that gives a name next to
    a word for the role ("Local 412 president Denise Okafor"), however low it ranks; the newest
    such article first when asked who holds it now."""
    known = {w.lower() for w in re.findall(r"[\w.&'’-]+", question.text)}
    files = {c.passage.source for c in pool}
    named = [c for c in found[:MAX_ROLE_SEARCH] if c.passage.source in files and _names_near(c.text, _ROLE, known)]
    # a name next to the role, in a sentence on the subject ("the PBoC") when any names one, else
    # in an article that names all of it: "the authority's deputy director" answers who runs the
    # RVTA, but no article on Riverton says who Ant Group's chief executive is
    subject = [t for t in question.focus if same_meaning(t) != _ROLE]
    if subject:
        on_it = [c for c in named if any(holds(t, term_set(f"{c.previous} {c.text}")) for t in subject)]
        if not on_it:
            held = {source: term_set(_article_text(source, keywords)) for source in {c.passage.source for c in named}}
            # ... with the role as the subject's in other words ("the authority's deputy director"),
            # not "PBOC Governor Pan Gongsheng" or "President Donald Trump" in an article on Ant Group
            on_it = [c for c in named if all(holds(t, held[c.passage.source]) for t in subject)
                     and _ROLE_OF_IT.search(c.text)]
        named = on_it
    if question.kind == "now":  # who holds it now: the newest article that names a present holder
        named = [c for c in named if not _past_holder(c.text)]
        named.sort(key=lambda c: c.passage.date or "", reverse=True)
    elif not _ASKED_IN_PAST.match(question.text):  # "who is the governor": a present holder first
        named.sort(key=lambda c: _past_holder(c.text))
    if named and question.kind == "now" and named[0].passage.date:
        return Composed([Line(f"As of {human_date(named[0].passage.date)}, the newest article on this reports: "
                              f"{named[0].text}", named[0])])
    if named:
        return Composed([Line(named[0].text, named[0])])
    return Composed([Line(c.text, c) for c in _reading_order(_pick(pool, found=found))],
                    opening=f"The articles do not name who that is ({_topic(question)}). What they say:",
                    missing="name")


def _past_holder(text: str) -> bool:
    """Whether every word for a role in the sentence is of a past holder ("former governor")."""
    roles = [t for t in terms(text) if same_meaning(t) == _ROLE]
    past = [t for m in _PAST_HOLDER.finditer(text) for t in terms(m.group(1)) if same_meaning(t) == _ROLE]
    return bool(roles) and len(past) >= len(roles)


def compose_parts(parts: list[tuple[Question, list[Candidate]]], keywords: KeywordIndex) -> Composed:
    """One answer to a question that asks several things: each part's lines in turn (a sentence
    already quoted is not repeated), then the parts the articles do not answer."""
    lines: list[Line] = []
    unanswered = []
    opening = None
    timed = all(is_time_clause(q.text) for q, _ in parts[1:])
    for question, found in parts:
        if not found:
            unanswered.append(_echo(question.text).rstrip(" ?？"))
            continue
        composed = compose(question, found, keywords)
        if composed.missing:
            unanswered.append(_echo(question.text).rstrip(" ?？"))
            # what a question lacks leads when its other part is only a clause of time ("how much
            # was the rebate ... | after the ban ended": no figure)
            opening = opening or (composed.opening if question is parts[0][0] and timed else None)
        for line in _part_lines(question, composed.lines, found, keywords):
            # the same sentence may come from two overlapping passages: compare where it is
            if all(_place(line.cites) != _place(other.cites) for other in lines):
                lines.append(line)
    closing = f"The articles do not answer: {'; '.join(unanswered)}." if unanswered and not opening else None
    return Composed(lines, opening=opening, closing=closing, missing="part" if unanswered else None)


def _part_lines(question: Question, lines: list[Line], found: list[Candidate], keywords: KeywordIndex
                ) -> list[Line]:
    """A part's lines in its answer's order, except that a line off the part's topic (less than
    HOLDS_SHARE of it) that adds none of what the lines before it leave out gives way to one more
    on it (of the answer, or of the pool in the articles it cites) that adds some ("what did zhou
    think about cutting costs": after the sentence naming him, his words on costs, not the quote
    that follows it; "what did paul chan say gives hk an edge": his words in another article)."""
    placed = {_place(line.cites) for line in lines}
    files = {line.cites.passage.source for line in lines}
    rest = lines + [Line(c.text, c) for c in _pool(found) if c.passage.source in files and _place(c) not in placed]
    kept = [rest.pop(0)]
    while rest and len(kept) < MAX_PART_LINES:
        line = _next_part_line(question, kept, rest, keywords)
        kept.append(line)
        rest.remove(line)
    return kept


def _next_part_line(question: Question, kept: list[Line], rest: list[Line], keywords: KeywordIndex) -> Line:
    held = frozenset().union(*(term_set(line.cites.sentence.text) for line in kept))
    left = [t for t in question.focus if not holds(t, held)]

    def on_topic(line: Line) -> tuple[float, float]:
        return coverage(question.focus, line.cites.sentence.text, keywords), line.cites.score

    adding = [line for line in rest if coverage(left, line.cites.sentence.text, keywords) > 0]
    line = rest[0]
    if line in adding or on_topic(line)[0] >= HOLDS_SHARE or not adding:
        return line
    best = max(adding, key=on_topic)
    return best if on_topic(best)[0] > on_topic(line)[0] else line


def _place(c: Candidate) -> tuple[str, int]:
    return c.passage.source, c.sentence.start


def _pool(found: list[Candidate]) -> list[Candidate]:
    """Candidates close enough to the best one to be part of an answer."""
    if not found:
        return []
    floor = found[0].score * weights()["keep_ratio"]
    return [c for c in found if c.score >= floor]


def _pick(pool: list[Candidate], limit: int = MAX_SENTENCES, found: list[Candidate] | None = None,
          says: Callable[[Candidate, Candidate], bool] | None = None) -> list[Candidate]:
    """The best sentences without repeats; a second article gets its say before a third sentence
    from the first (questions whose parts sit in two articles), with a sentence that says what the
    question asks for when it is told (a reason: not "Ant plans to apply for a licence" from an
    older article, asked why Ant halted); a sentence that goes on from a chosen one ("..., he
    said." after the sentence naming him) comes with it."""
    chosen: list[Candidate] = []
    queue = list(pool)
    while queue:
        c = queue.pop(0)
        # a quote comes with the sentence that names its speaker, even as one line over the limit
        if len(chosen) >= limit and not (chosen and c is _continuation(chosen[-1], found or pool)):
            break
        if any(_overlap(c.text, k.text) > REDUNDANT for k in chosen):
            continue
        files = {k.passage.source for k in chosen}
        if len(chosen) == limit - 1 and len(files) == 1 and c.passage.source in files:
            c = next((o for o in pool if o.passage.source not in files and o not in chosen
                      and (not says or says(o, chosen[0]))), c)
        chosen.append(c)
        follow = _continuation(c, found or pool)
        if follow and follow not in chosen:
            queue.insert(0, follow)
    return chosen


def _continuation(c: Candidate, found: list[Candidate]) -> Candidate | None:
    after = _beside(c, found)
    return after if after and after.features["continues"] else None


def _beside(c: Candidate, found: list[Candidate], before: bool = False) -> Candidate | None:
    """The sentence just after (or before) this one in its article, when it is a candidate; a line
    of page furniture the index left out between them ("cfn-banner-760x90") does not part them."""
    for o in found:
        a, b = (o, c) if before else (c, o)
        gap = b.sentence.start - a.sentence.end
        if o.passage.source == c.passage.source and 0 <= gap and (gap < 3 or gap < FURNITURE and _across_cut(a, b)):
            return o
    return None


def _across_cut(a: Candidate, b: Candidate) -> bool:
    """Whether one sentence ends a passage and the other opens the next: what lies between them is
    a line the index dropped as page chrome."""
    return a.sentence.end == a.passage.end and b.sentence.start == b.passage.start and a.passage is not b.passage


def _reading_order(chosen: list[Candidate]) -> list[Candidate]:
    """The best sentence first, with what continues it; the rest by file in order of their best
    sentence, and within a file as the article has them."""
    if not chosen:
        return chosen
    lead = [chosen[0]] + [c for c in chosen[1:] if c.features["continues"] and c.passage.source ==
                          chosen[0].passage.source and 0 <= c.sentence.start - chosen[0].sentence.end < 3]
    rest = [c for c in chosen if c not in lead]
    rank: dict[str, int] = {}
    for c in rest:
        rank.setdefault(c.passage.source, len(rank))
    return lead + sorted(rest, key=lambda c: (rank[c.passage.source], c.sentence.start))


def _when(question: Question, pool: list[Candidate], keywords: KeywordIndex) -> Composed:
    """A sentence that states when the thing asked about happened; failing that, the best sentence
    on it with its article's date, unless an exact date was asked for. "What time": a clock time."""
    on_it = [c for c in pool if _holds_asked(c, question, keywords)]
    if _CLOCK_ASKED.search(question.text):
        timed = [c for c in on_it if _CLOCK.search(c.text)]
        if timed:
            return Composed([Line(timed[0].text, timed[0])])
        return Composed([Line(pool[0].text, pool[0])], opening=f"The articles do not give a time for "
                        f"{_topic(question)}. What they say:", missing="date")
    # Of those, one that says since when, for "since when"; then one that holds all the question
    # asks about and says when; then the most precise time: a day before a month before a year ("the strike
    # began on Jan. 13" over "the last strike, in 2011"), then one that names the event asked
    # about. Failing one on it, the best sentence stating a date answers even in other words
    # ("when does the law kick in": "... take effect on Aug. 1").
    events = question.events
    # a sentence that does not report the event asked about (nor its heading) does not date it;
    # one that does is on it when its article's title names the rest ("Applications open on May 1",
    # in an article on the grant asked about)
    # ... or, asked when it will happen, names it as planned ("scheduled to begin in the third quarter")
    ahead = bool(_AHEAD_ASKED.search(question.text))

    def dates_event(text: str) -> bool:
        return reports(text, events) or ahead and any(holds(t, term_set(text)) for t in events)
    if events:
        on_it += [c for c in pool if c not in on_it and dates_event(c.text)
                  and _asked_share(c, question, keywords, titled=True) >= HOLDS_SHARE]
        on_it = [c for c in on_it if dates_event(c.text) or dates_event(c.heading)]
    since = _SINCE if _SINCE_ASKED.search(question.text) or _LAST_ASKED.search(question.text) else None
    cited = _figures(question.text)  # "when did kestrel hit 38 percent": the sentence with 38% in it
    on_it.sort(key=lambda c: (-bool(since and since.search(c.text)), -bool(cited & _figures(c.text)),
                              -(_holds_all_asked(c, question) and states_time(c.text, c.passage.date)),
                              -_precision(stated_date(c.text, c.passage.date)),
                              -sum(holds(t, term_set(c.sentence.text)) for t in events),
                              -round(_asked_share(c, question, keywords), 1), _first_mention(c, question)))
    # ... unless the question names an event that sentence does not: "when did the PBoC approve
    # the pilot" is not answered by the date a law took effect.
    fallback = [c for c in pool[:1] if has_date(c.text) and (not events or dates_event(c.text))]
    # "Reuters reported on Thursday": a weekday dates the event relative to its report (but names
    # no month or year asked for)
    weekday = not _MONTH_OR_YEAR_ASKED.search(question.text)
    dated = [c for c in on_it if has_date(c.text) or weekday and states_time(c.text, c.passage.date)] or fallback
    if _EXACT.search(question.search):  # "the exact date of the July forum": "in July" does not give it
        # (a day an undated article names, "Aug. 1", gives it without its year)
        dated = [c for c in dated if _precision(stated_date(c.text, c.passage.date)) == 3 or stated_days(c.text)]
    if dated:
        return Composed([Line(dated[0].text, dated[0])])
    lead = (on_it or pool)[0]
    if on_it and lead.passage.date and (not _EXACT.search(question.search) or _REPORT_ASKED.search(question.search)):
        return Composed([Line(f"Reported on {human_date(lead.passage.date)}: {lead.text}", lead)])
    return Composed([Line(lead.text, lead)], opening=f"The articles do not give a date for {_topic(question)}. "
                    "What they say:", missing="date")


def _figures(text: str) -> set[str]:
    """The figures a text writes in digits, as written without separators ("1,850": 1850); not years."""
    return {f.replace(",", "") for f in re.findall(r"\d[\d,]*(?:\.\d+)?", text) if not _YEAR.fullmatch(f)}


def _holds_all_asked(c: Candidate, question: Question) -> bool:
    """Whether the sentence itself holds every word the question asks about: "Last year, the Hong
    Kong Monetary Authority ... launched a sandbox" dates the sandbox; "in August, the HKMA opened
    applications", though more precise, does not."""
    held = term_set(c.sentence.text)
    return all(holds(t, held) for t in question.asked if t not in _FRAME_TERMS)


def _first_mention(c: Candidate, question: Question) -> int:
    """How many words into the sentence a word of the question first comes: "The strike began ...
    and ended on March 3" is about the strike; "the shuttles, which ran during the strike, ended on
    March 4" is about the shuttles."""
    tokens = re.findall(r"[\w'’-]+", c.text)
    return next((i for i, w in enumerate(tokens) if any(holds(t, term_set(w)) for t in question.asked)),
                len(tokens))


def _precision(when: tuple[int, int, int] | None) -> int:
    return 0 if when is None else 1 + bool(when[1]) + bool(when[2])


def _name(question: Question, pool: list[Candidate], keywords: KeywordIndex) -> Composed:
    """"What is X called?": a sentence on X that gives a name the question does not, next to the
    word for the thing named ("the July financial forum" is answered by "... the Lujiazui Forum",
    not by any sentence that happens to name someone). "The referee's name" is a person's: it stands
    beside words that describe them ("Hartwell goalkeeper Ben Achterberg"), not only a name of it."""
    known = {n.lower() for n in question.names} | set(question.text.lower().split())
    head = _named_thing(question.text)
    itself = not _OWNER_NAME.search(question.text)
    named = [c for c in pool if _holds_asked(c, question, keywords) and _names_near(c.text, head, known, itself=itself)]
    if named:
        return Composed([Line(named[0].text, named[0])])
    return Composed([Line(pool[0].text, pool[0])], opening=f"The articles do not give the name asked for "
                    f"({_topic(question)}). What they say:", missing="name")


def _which(question: Question, found: list[Candidate], keywords: KeywordIndex) -> Composed | None:
    """"Which digital banks did the firms team up with?": when sentences holding the rest of the
    question speak of such banks but none names one ("Hong Kong-based digital banks"), the articles
    do not say which. No such sentence ("beat Kingsport City" for "which team"): no telling."""
    m = _WHICH.match(question.text)
    phrase = terms(m.group(1)) if m else []
    if not phrase or phrase[-1] in STOPWORDS:
        return None
    thing, rest = phrase[-1], [t for t in question.focus if t not in phrase]
    share = {id(c): coverage(rest, c.text, keywords) for c in found[:MAX_ROLE_SEARCH]}
    on_it = [c for c in found[:MAX_ROLE_SEARCH] if _spoken_of(c.text, thing) and share[id(c)] >= WHICH_SHARE]
    # the thing's own word may be in its name ("Kestrel Reservoir" for "which reservoir")
    known = ({n.lower() for n in question.names} | set(question.text.lower().split())) - set(m.group(1).lower().split())
    if not on_it or any(_names_near(c.text, thing, known, itself=True) or _told_which(c.text, thing)
                        for c in on_it):
        return None
    # a sentence holding more of the rest names someone without the word ("JD.com and Ant Group
    # plan to issue stablecoins" for "which firms plan ..."): no telling
    if any(share[id(c)] > max(share[id(o)] for o in on_it) and _names_near(c.text, None, known)
           for c in found[:MAX_ROLE_SEARCH] if c not in on_it):
        return None
    return Composed([Line(c.text, c) for c in _reading_order(_pick(on_it, found=found))],
                    opening=f"The articles do not name which {m.group(1)} ({_topic(question)}). What they say:",
                    missing="name")


def _unscored(question: Question, pool: list[Candidate], found: list[Candidate], keywords: KeywordIndex
              ) -> Composed | None:
    """"Score of the cup final between Hartwell and Eastvale?": a score ("3-2") in a sentence that
    holds the rest answers; one of the semi-final, or none, does not (the final is yet to come)."""
    if not _SCORE_ASKED.search(question.text) or not pool:
        return None
    rest = [t for t in question.focus if t not in _MATCH_WORDS]
    if any(_SCORE.search(c.text) and coverage(rest, c.text, keywords) >= SCORE_SHARE for c in found[:MAX_FILL_SEARCH]):
        return None
    return Composed([Line(c.text, c) for c in _reading_order(_pick(pool, found=found))],
                    opening=f"The articles do not give a score for {_topic(question)}. What they say:",
                    missing="figure")


def _spoken_of(text: str, thing: str) -> bool:
    """Whether the sentence speaks of the thing itself, not of what it qualifies ("offshore yuan
    tokens will aid currency internationalisation" says which currency without the word for it)."""
    tokens = _tokens(text)
    return any(holds(thing, term_set(t)) and (j + 1 == len(tokens) or tokens[j + 1] in STOPWORDS | _LINKING
                                             or not tokens[j + 1][0].isalnum())
               for j, t in enumerate(tokens))


def _told_which(text: str, thing: str) -> bool:
    """Whether the sentence says which of the things it means without a name: ones named before
    ("the two tech firms", "our city") or described ("households that heat with oil")."""
    tokens = _tokens(text)
    return any(holds(thing, term_set(t)) and (any(w in _DEFINITE for w in tokens[max(0, j - 3):j])
                                             or tokens[j + 1:j + 2] in (["that"], ["who"], ["whose"], ["where"]))
               for j, t in enumerate(tokens))


def _tokens(text: str) -> list[str]:
    """Lower-cased words and punctuation marks, in order."""
    return re.findall(r"[\w'’-]+|[^\w\s]", text.lower())


def _named_thing(text: str) -> str | None:
    """The stemmed word for what a name is asked of: "the name of the July forum where ..." ->
    forum; "what's JD's stablecoin called" -> stablecoin; "the referee's name" -> referee."""
    m = _NAME_OF.search(text) or _CALLED.search(text) or _OWNER_NAME.search(text)
    found = terms(m.group(1)) if m else []
    return found[-1] if found else None


def _names_near(text: str, head: str | None, known: set[str], reach: int = 4, itself: bool = False) -> bool:
    """Whether the sentence gives a name the question does not, within `reach` words of the thing
    named (anywhere after its first word when that thing is unknown). `itself`: a name of the thing,
    not of its kind or of something said of it (a role's holder stands beside such words: "Local
    412 president Denise Okafor", "Priya Raman, the authority's deputy director")."""
    tokens = re.findall(r"[\w&'’.-]+|[“\"][^”\"]{3,40}[”\"]" + (r"|," if itself else ""), text)
    new = [i for i, t in enumerate(tokens) if i and _NAMES_IN.fullmatch(t) and t.lower() not in known
           and not _CALENDAR.fullmatch(t)]
    if head is None:
        return bool(new)
    # A name holding the word only as a modifier names something else: "the Stablecoin and
    # Virtual Asset Ordinance" is a law, not a stablecoin.
    new = [i for i in new if not holds(head, term_set(tokens[i])) or holds(head, term_set(tokens[i].split()[-1]))]
    at = [j for j, t in enumerate(tokens) if holds(head, term_set(t))]
    if itself:  # not the word in a name of something else ("the "Stablecoin Ordinance""), nor a
        # thing of another kind ("US dollar stablecoins such as USDT" for a Hong Kong dollar one)
        at = [j for j in at if holds(head, term_set(tokens[j].split()[-1]))
              and not any(_qualifies(tokens, i, j) for i in new)]
    return any(abs(i - j) - tokens[min(i, j):max(i, j)].count(",") <= reach  # words apart, commas aside
               and not (itself and _said_of_other(tokens, i, j)) for i in new for j in at)


def _said_of_other(tokens: list[str], i: int, j: int) -> bool:
    """Whether the name at i is said of something else than the thing at j: words other than
    names and those that join a thing to its name stand between ("stablecoins pegged to offshore
    RMB"; not "the stablecoin, JD-HKD", "banks such as ZA Bank", "Okafor, the union's president")."""
    between = tokens[min(i, j) + 1:max(i, j)]
    if i < j and between[:1] == [","] and between[1:2] in (["the"], ["a"], ["an"], ["its"], ["their"]):
        return False  # "Priya Raman, the authority's deputy director"
    return any(not (_NAMES_IN.fullmatch(t) or t.isdigit() or t.lower() in _LINKING or re.search(r"['’]s$", t))
               for t in between)


def _qualifies(tokens: list[str], i: int, j: int) -> bool:
    """Whether the name at i only says what kind the thing at j is: "the RMB stablecoin", "Hong
    Kong-based digital banks" (a few words before it, none joining), not "the Lujiazui Forum"."""
    between = tokens[i + 1:j]
    return (0 < j - i and tokens[j][:1].islower() and not any(t.lower() in _LINKING for t in between)
            and sum(not _NAMES_IN.fullmatch(t) for t in between) <= QUALIFIER_WORDS)


def described(question: Question, found: list[Candidate], keywords: KeywordIndex) -> list[tuple[float, Candidate]]:
    """The sentences of the answer's pool by how well a description fits them ("the hk finance
    chief who bragged about the city's 'strategic advantage'"): the share of its words each holds,
    best first (not the one ranked first for a few rare words)."""
    fits = [(round(coverage(question.asked, c.sentence.text, keywords), 2), c) for c in _pool(found)]
    return sorted(fits, key=lambda fit: -fit[0])


def _holds_asked(c: Candidate, question: Question, keywords: KeywordIndex) -> bool:
    """Whether a sentence (with the one before it) speaks of what is asked, not only of whom:
    enough of the question's other topic words, by weight, are in it."""
    if question.language not in ("en", "zh"):
        return True  # the question's words are not the article's: meaning decided (qa/rank.py)
    return _asked_share(c, question, keywords) >= HOLDS_SHARE


def _asked_share(c: Candidate, question: Question, keywords: KeywordIndex, titled: bool = False) -> float:
    """The share of the question's other topic words, by weight, in a sentence and the one before
    (and its article's title, if `titled`; all of them when the question asks about nothing else)."""
    asked = [t for t in question.asked if t not in _FRAME_TERMS]
    # A sentence in Chinese holds only the question's Chinese words (its own, or those an English
    # question's words were found in); one in English, a Chinese question's English glosses.
    if question.language == "zh" or is_cjk(c.text):
        asked = [t for t in asked if is_cjk(t) == is_cjk(c.text)]
    if not asked:
        return 1.0
    held = term_set(c.sentence.text) | term_set(c.previous) | (term_set(c.passage.title) if titled else frozenset())
    return sum(keywords.idf(t) for t in asked if holds(t, held)) / (sum(keywords.idf(t) for t in asked) or 1.0)


def _number(question: Question, pool: list[Candidate], found: list[Candidate], keywords: KeywordIndex) -> Composed:
    # The figure must be of the thing asked about: "How much did Hartwell pay to sign Tanaka?" is
    # not answered by a sentence on Tanaka with a score in it. Names say whose, the rest says what.
    asked = question.asking  # another language's "cuántos días" read as "how many days"
    # of another language's counted words, those the articles write ("cuántas rutas": no telling what
    # "rutas" counts, so any figure on the topic may)
    counted = [t for t in _counted(question.search if question.english else asked)
               if question.english or t in keywords.known_terms]
    # "how many people went to the match": match; of another language's words, those the articles write
    rest = [t for t in question.focus if t not in counted and (question.english or t in keywords.known_terms)]

    def counts(c: Candidate) -> bool:  # a figure of what is counted, said of the rest of the topic
        return _counts(c.text, tuple(counted)) and (not rest or any(holds(t, term_set(f"{c.previous} {c.text}"))
                                                             for t in rest))
    # a figure of what is counted, however low it ranks ("will employ about 1,150 people" for
    # "how many jobs"); then the pool's figures on what is asked
    counting = [c for c in found[:MAX_FILL_SEARCH] if counted and counts(c)]
    size_of = _SIZE_OF.search(asked)
    of = terms(size_of.group(1)) if size_of else []

    def names_it(c: Candidate) -> bool:  # "Turnout was 88 percent" for "how big was the turnout in the vote"
        return bool(of) and all(holds(t, term_set(c.text)) for t in of)
    figures = counting + [c for c in pool if c not in counting and has_figure(c.text)
                          and (_holds_asked(c, question, keywords) or names_it(c))
                          and not (counted and not _UNIT_ASKED.search(asked)
                                   and _counts_other(c.text, counted))]
    measured = terms(question.measured) if question.measured else []  # "what is the total capacity"

    def of_measured(c: Candidate) -> bool:  # the sentence names what the figure is of: capacity
        return any(holds(t, term_set(c.text)) for t in measured)
    if measured:
        figures = [c for c in figures if of_measured(c)]
    unit = _asked_unit(asked)
    if unit:  # "capacity in litres" is not answered by "38% of capacity"
        figures = [c for c in figures if _in_unit(c.text, unit)]
    elif _DURATION_ASKED.search(asked):
        figures = [c for c in figures if _DURATION.search(c.text)]
    asked_class = _classes(question.text)
    priced = [c for c in figures + found[:MAX_FILL_SEARCH] if asked_class and has_figure(c.text)]
    other_class = [c for c in priced if _classes(c.text) and not _classes(c.text) & asked_class]
    # "a first-class ticket": "二等座 ... 198元" prices second class only (and nothing the first)
    if other_class and not any(_classes(c.text) & asked_class for c in priced):
        return Composed([Line(other_class[0].text, other_class[0])], opening=f"The articles do not give a figure "
                        f"for {_topic(question)}. What they say:", missing="figure")
    long = bool(_LONG_ASKED.search(asked))
    # "how many firms": "both firms" first; then a sentence naming what the figure is of ("Turnout was
    # 88 percent"); for "how long", a span or a length; history after the news it is background to
    figures.sort(key=lambda c: (not counts(c), not names_it(c),
                                long and not (_DURATION.search(c.text) or _LENGTH.search(c.text)),
                                _history(c, question)))
    # "The Chamber said it was still calculating the total cost": the figure asked is not known
    untold = [c for c in found[:MAX_FILL_SEARCH] if measured and _UNTOLD.search(c.text) and of_measured(c)
              and _holds_asked(c, question, keywords)]
    if untold:
        return Composed([Line(untold[0].text, untold[0])], opening=f"The articles do not give a figure for "
                        f"{_topic(question)}. What they say:", missing="figure")
    if figures:
        # a second figure from the same article: one from another is on another subject as often
        rest = [c for c in _pick([f for f in figures if f.passage.source == figures[0].passage.source], 2)
                if c is not figures[0]][:1]
        chosen = [figures[0], *rest]
        return Composed([Line(c.text, c) for c in chosen + _filling(question, chosen, found, keywords)])
    # What is counted is the last word after "how many" ("how many stablecoin licences": licences; "US
    # dollar stablecoins such as USDT and USDC" lists no licence); after none ("a couple of dollar
    # stablecoins ... how many did they name"), any word the question asks about
    heads = counted[-1:] or (question.asked if _HOW_MANY.search(asked) else [])
    listed = next(((c, n) for c in found[:MAX_FILL_SEARCH] for n in [_listed(c.text, heads)] if n), None)
    if listed:  # "participants including A, B, C, D and E": counted, not stated
        c, n = listed
        return Composed([Line(c.text, c)], opening=f"The articles list {_NUMBER_WORDS.get(n, str(n))}:")
    return Composed([Line(pool[0].text, pool[0])], opening=f"The articles do not give a figure for "
                    f"{_topic(question)}. What they say:", missing="figure")


def _classes(text: str) -> set[str]:
    """The classes of seat or service a text names, the same in English and Chinese: "first-class"
    and "一等座" are 1, "business class" and "商务座" are "business"."""
    return {_CLASS_OF.get(g.lower(), g.lower()) for m in _CLASS.finditer(text) for g in m.groups() if g}


def _history(c: Candidate, question: Question) -> bool:
    """Whether a sentence is about a time years before its article ("the last major strike, in
    2011, lasted nine days"; not "measured since 1998": up to now), when the question names no
    time of its own."""
    if question.period or _YEAR.search(question.text) or not c.passage.date:
        return False
    return any(int(y) < int(c.passage.date[:4]) - 1 for y in _IN_YEAR.findall(c.text))


def _asked_unit(text: str) -> str | None:
    """The unit a figure is asked in: named ("capacity in litres", "how many hours"), or money when
    the question asks a price, a fee or a payment (not "how many fines", nor "what share of the cost")."""
    named = _UNIT_ASKED.search(text)
    if named:
        return _UNIT_OF[named.group(1).lower()]
    if _HOW_MANY.search(text) or _SHARE_ASKED.search(text):  # a count, or a share of the cost
        return None
    return "money" if _MONEY_ASKED.search(text) else None


def _in_unit(text: str, unit: str) -> bool:
    """Whether a figure in the unit stands in the sentence ("610 million litres", "$340 million",
    "240km", "on eleven days")."""
    pattern = _UNITS[unit][1]
    # before the figure, a sign ("$340"), not a word's last letter ("from 20 June" is no metres)
    # after it, a unit written on ("240km") is read apart; the amount itself stays whole ("$5m" is
    # no metres), and so does what follows a sign ("24/7")
    return any(re.search(pattern, re.sub(r"\w", " ", text[max(0, m.start() - 2):m.start()]) + m.group() +
                         " " * text[m.end():m.end() + 1].isalpha() + text[m.end():m.end() + 25], re.I)
               for m in _AMOUNT.finditer(text))


def _listed(text: str, heads: list[str]) -> int:
    """How many names a sentence lists right after a word for what is counted ("participants
    including Standard Chartered Bank, Animoca Brands ... and RD InnoTech": 5), or 0. Only then:
    of five participants, how many are banks is not said."""
    for m in _LIST.finditer(text):
        before = re.findall(r"[\w'’-]+", text[:m.start()])[-3:]
        if any(holds(t, term_set(w)) for t in heads for w in before):
            return len(re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group(1)))
    return 0


def _counted(text: str) -> list[str]:
    """The terms of what "how many" counts: "how many weekday riders" -> weekday, rider; not what
    they did ("how many people walked off the job": people), nor what follows a plural, which ends
    the thing counted ("how many regulators told them", "how many homes get power")."""
    m = _HOW_MANY.search(text)
    if not m:
        return []
    said = m.group(1).split()
    ended = is_past_form(said[-1].lower()) or _is_plural(said[0].lower())
    return [t for t in terms(" ".join(said[:1] if ended else said)) if t not in STOPWORDS]


def _is_plural(word: str) -> bool:
    """A noun's plural by its ending ("regulators", "homes", "companies"; not "bus", "gas", "was",
    "its": a stem of three letters at least)."""
    return not word.endswith(("ss", "us", "is")) and any(
        word.endswith(end) and len(word) - len(end) >= 3 and is_english_word(word[:-len(end)] + base)
        for end, base in (("ies", "y"), ("es", ""), ("s", "")))


def _of_counted(word: str, counted: list[str]) -> bool:
    """Whether a word names what is counted, or a kind of it: of people, any kind of person ("1,850
    drivers", "2,400 teachers", "4,812 students")."""
    return any(holds(t, term_set(word)) for t in counted) or _of_people(word, counted)


def _of_people(word: str, counted: list[str]) -> bool:
    return bool(_PEOPLE.intersection(counted)) and bool(_PERSONS.fullmatch(word)) and word not in _UNIT_OF


@lru_cache(maxsize=4096)
def _counts(text: str, counted: tuple[str, ...]) -> bool:
    """Whether a figure stands just before a word for what is counted ("about 1,150 people",
    "both firms"). Cached: each candidate of a "how many" question is read word by word."""
    tokens = re.findall(r"[\w'’,./-]+", text.lower())
    def before(i: int) -> bool:  # ... or in the word itself ("a 300-cow farm")
        return any(w == "both" or has_figure(w) for w in tokens[max(0, i - 2):i]) or bool(_COUNTED_IN.match(tokens[i]))

    def people_before(i: int) -> bool:  # a crowd counted in digits ("1,850 drivers"; not "two defenders")
        return _of_people(tokens[i].strip(",.;:"), counted) and any(re.match(r"\d", w) for w in tokens[max(0, i - 2):i])

    def after(i: int) -> bool:  # ... or after another word for it ("employ about 1,150" for "how many jobs")
        return not set(terms(tokens[i])) & set(counted) and any(has_figure(w) for w in tokens[i + 1:i + 3])
    return any(any(holds(t, term_set(token)) for t in counted) and (before(i) or after(i)) or people_before(i)
               for i, token in enumerate(tokens))


def _counts_other(text: str, counted: list[str]) -> bool:
    """Whether every figure in the sentence counts something else than what is asked ("how many
    salmon": "about 18,000 homes", "91 percent", "nine months"); a bare figure ("a crowd of
    18,432, the biggest") or one of people may be of it. Dates and clock times count nothing ("how
    many fans": "its Jan. 18 home match ... from a 7:30 p.m. kickoff")."""
    tokens = re.findall(r"[\w'’.,/%-]+|[^\w\s]", _CLOCK.sub(" ", _DATE_LIKE.sub(" ", text.lower())))
    figures = [i for i, t in enumerate(tokens) if has_figure(t) and not re.fullmatch(r"[.,/%-]+", t)
               and t not in _MAGNITUDES]  # "$340 million": one figure, of money
    if not figures:
        return True

    def of_other(i: int) -> bool:
        if tokens[i].endswith("%") or tokens[i + 1:i + 2] in (["%"], ["percent"]) or \
                (i and tokens[i - 1] in "$€£¥"):  # a share or a sum of money counts nothing
            return True
        after = [t for t in tokens[i + 1:i + 4] if not has_figure(t)][:1]
        if not after or not after[0][0].isalpha() or after[0] in _NOT_COUNTED:
            return False
        return not _of_counted(after[0], counted)
    return all(of_other(i) for i in figures)


def _by_file(pool: list[Candidate]) -> list[Candidate]:
    """The best candidate of each article in the pool."""
    best: dict[str, Candidate] = {}
    for c in pool:
        best.setdefault(c.passage.source, c)
    return list(best.values())


def _now(question: Question, pool: list[Candidate], found: list[Candidate], keywords: KeywordIndex) -> Composed:
    """Led by the newest dated article on the subject: its opening (a news lead states the latest
    development) and its best sentence; then what older articles said, with their dates. Asked
    about a role now, a sentence on its former holder is no answer."""
    role = [t for t in question.asked if same_meaning(t) == _ROLE]
    if role:  # the role now: a sentence on a present holder of it ("PBOC Governor Pan"), not a past one
        # the role's own word (a "governor", not any "leader"), of the subject asked about (the
        # PBOC's, not a school's governors)
        subject = [t for t in question.focus if same_meaning(t) != _ROLE]
        pool = [c for c in found[:MAX_ROLE_SEARCH]
                if role[0] in terms(c.sentence.text) and not _past_holder(c.text)
                and (not subject or any(holds(t, term_set(f"{c.previous} {c.text} {c.passage.title}"))
                                        for t in subject))] or pool
    elif question.language in ("en", "zh"):
        # the newest article on the subject may rank below the pool: any that speaks of what is asked
        # ("is crypto trading still banned": one that speaks of a ban)
        pool = pool + [c for c in found[:MAX_ROLE_SEARCH] if c not in pool and _holds_asked(c, question, keywords)
                       and all(holds(e, term_set(f"{c.previous} {c.text}")) for e in question.events)
                       and _of_named(c, question)]
        if question.events and not any(reports(c.text, question.events) for c in pool):
            # none reports what is asked as done (only "lobbying ... to approve"): the newest article
            # on the subject, in other words ("advised against"), tells where it stands
            pool = pool + [c for c in found[:MAX_ROLE_SEARCH] if c.passage.date and _of_named(c, question)
                           and _asked_share(c, question, keywords) >= STORY_SHARE]
    dated = [c for c in pool if c.passage.date]
    if question.asks_outcome and dated:
        # the thing asked about: the sentence that holds most of the question's words, in a dated
        # article (what came of it is told by a later one)
        asked = max(dated, key=lambda c: round(_asked_share(c, question, keywords), 2))
        told = _outcome(question, asked, found)
        if told:
            return told
    per_file = _by_file(pool)
    dated = sorted((c for c in per_file if c.passage.date), key=lambda c: c.passage.date, reverse=True)
    on_subject = list(filter(_on_subject(question, found), dated))
    if not on_subject:
        return Composed([Line(c.text, c) for c in _reading_order(_pick(pool))])
    # led by the newest on the subject; what older articles said follows
    dated = [on_subject[0]] + [c for c in dated if c.passage.date < on_subject[0].passage.date]
    # of the newest article, a sentence on the event asked about ("banned" in "are phones still
    # banned at ..."), before one ranked first for the names it shares
    newest = next((c for c in pool if c.passage.source == dated[0].passage.source and question.events
                   and any(holds(e, term_set(f"{c.previous} {c.text}")) for e in question.events)), dated[0])
    lead = sorted({id(c): c for c in (_opening(newest, found), newest)}.values(), key=lambda c: c.sentence.start)
    lines = [Line(f"As of {human_date(newest.passage.date)}, the newest article on this reports: {lead[0].text}",
                  lead[0])]
    lines += [Line(c.text, c) for c in lead[1:]]
    for c in dated[1:MAX_SENTENCES + 1 - len(lines)]:
        lines.append(Line(f"Earlier, on {human_date(c.passage.date)}: {c.text}", c))
    return Composed(lines)


def _on_subject(question: Question, found: list[Candidate]) -> Callable[[Candidate], bool]:
    """Whether an article speaks of the subject of the best sentence found: it holds the rarest term
    of the question that sentence holds, or it is later than a dated article that does (a development
    is told in words of its own: "put on hold"). "The status of the genius bill": an article on a
    "winter bill" is not the newest on it when the one on the GENIUS bill has no date. Worked out
    once for the question, asked of each article."""
    held = [t for t in question.focus if found and holds(t, term_set(f"{found[0].previous} {found[0].text}"))]
    if not held:
        return lambda c: True
    rarest = min(held, key=lambda t: sum(holds(t, term_set(o.text)) for o in found))
    holding = {o.passage.source: o.passage.date for o in found
               if holds(rarest, term_set(f"{o.previous} {o.text} {o.passage.title}"))}
    return lambda c: c.passage.source in holding or any(d and c.passage.date > d for d in holding.values())


def _of_named(c: Candidate, question: Question) -> bool:
    """Whether a sentence (with the one before it, and its article's title) speaks of whom the
    question names, when it asks of nothing else ("what became of Martin Haskell": any sentence
    holds all it asks besides)."""
    if [t for t in question.asked if t not in _FRAME_TERMS] or not question.names:
        return True
    held = term_set(f"{c.previous} {c.text} {c.passage.title}")
    return any(holds(t, held) for name in question.names for t in terms(name))


def _outcome(question: Question, asked: Candidate, found: list[Candidate]) -> Composed | None:
    """"Ant pitched its blockchain ... did that pitch go anywhere in the end?": what came of the
    thing asked about is told by the newest later article on whom it names (the name written as
    one, "Ant Group"), in words of its own ("put on hold"); then the thing itself, with its date."""
    said = f"{asked.previous} {asked.text}"
    named = [t for t in question.asked if t in terms(" ".join(_NAMES_IN.findall(said)))]
    others = [t for t in question.asked if t not in named]

    def on_it(c: Candidate) -> bool:  # on whom it names and on what else the question asks
        held = term_set(f"{c.previous} {c.text} {c.passage.title}")
        return any(holds(t, held) for t in named) and (not others or any(holds(t, held) for t in others))
    later = [c for c in found[:MAX_ROLE_SEARCH] if c.passage.date and c.passage.date > asked.passage.date and on_it(c)]
    if not later:
        return None
    newest = max(_by_file(later), key=lambda c: c.passage.date)
    lead = _opening(newest, found)
    # and the best sentence, when it is another: it answers what else the question asks ("jd tied
    # the coin to which strategy, and did the thing ever go anywhere")
    rest = [Line(found[0].text, found[0])] if found[0] not in (lead, asked) else []
    return Composed([Line(f"As of {human_date(lead.passage.date)}, the newest article on this reports: {lead.text}",
                          lead),
                     Line(f"Earlier, on {human_date(asked.passage.date)}: {asked.text}", asked), *rest])


def _opening(best: Candidate, found: list[Candidate]) -> Candidate:
    """A news article states its development first: its first sentence among the candidates
    that score close to its best one."""
    same = [c for c in found if c.passage.source == best.passage.source
            and c.score >= best.score * weights()["keep_ratio"]]
    return min(same, key=lambda c: c.sentence.start)


def _timeline(question: Question, pool: list[Candidate], found: list[Candidate], keywords: KeywordIndex) -> Composed:
    """Dated events in order, one line each: every article's opening on the subject (a news lead
    states the development it reports) and its best sentences that state when something happened;
    in the order of the time stated, else of the article's date (said as such); the period asked
    about kept to."""
    # the milestones a question lists ("timeline? construction start, first cells, full output"),
    # each by the best dated sentence that holds its words, however low it ranks
    milestones = []
    for item in _milestones(question.text):
        dated = [c for c in found[:MAX_MILESTONE_SEARCH] if has_date(c.text) and _of_best_story(c, pool, keywords)
                 and all(holds(t, term_set(c.sentence.text)) for t in item) and c not in milestones]
        milestones += dated[:1]
    articles = _story(question, pool, found, keywords)
    files = {c.passage.source for c in articles}
    # an undated article's lead that says no time is no event to date: its sentences that do say one
    leads = [lead for lead in (_lead(best, found) for best in articles) if lead.passage.date or has_date(lead.text)]
    # then the best sentences that say when something happened, three an article
    searched = [c for c in pool + found[:MAX_MILESTONE_SEARCH] if c.passage.source in files]
    said = {id(c): resolved_date(c.text, c.passage.date) for c in milestones + leads + searched}
    # an undated article's "last year" has nothing to count from: it still states a time, undated
    stated = [c for c in searched if said[id(c)] or not c.passage.date and has_date(c.text)]
    when = {id(c): said[id(c)] or _reported(c) for c in milestones + leads + stated}
    if question.period:  # what happened within the period, when anything did
        inside = [c for c in milestones + leads + stated if when[id(c)] and _within(when[id(c)], question.period)]
        if inside:
            milestones, leads, stated = ([c for c in group if c in inside] for group in (milestones, leads, stated))
    chosen: list[Candidate] = []
    for c in milestones + leads + stated:
        if len(chosen) < MAX_TIMELINE and c not in chosen and \
                sum(k.passage.source == c.passage.source for k in chosen) < MAX_ARTICLE_EVENTS:
            chosen.append(c)
    dated = sorted((c for c in chosen if when[id(c)]), key=lambda c: (when[id(c)], _reported(c) or ()))
    undated = [c for c in chosen if not when[id(c)]]
    if len(chosen) < 2 or not dated:
        return Composed([Line(c.text, c) for c in _reading_order(_pick(pool))])
    # Each line under the time it happened: as the sentence states it, else the report's date.
    lines = [Line(f"{_human_time(when[id(c)])}{'' if said[id(c)] else ' (article date)'}: {c.text}", c)
             for c in dated]
    lines += [Line(f"Undated: {c.text}", c) for c in undated]
    return Composed(lines, joiner="\n")


def _story(question: Question, pool: list[Candidate], found: list[Candidate], keywords: KeywordIndex
           ) -> list[Candidate]:
    """The best candidate of each article on the subject: those of the pool, and any other whose
    best sentence scores near the pool's floor and whose text holds a good part of what the
    question is on (its topic words the articles use, not those framing the time): a follow-up
    tells its part of the story in words of its own ("put on hold" for "the pullback"). When the
    pool's best article does not hold it either (a question in English on an article in Chinese),
    there is no telling: the pool's articles alone."""
    unknown = {stem(w) for w in question.unknown}
    framing = _TIMELINE_WORDS | _MONTH_TERMS | unknown
    # and no word no article uses: "chronologisch", "entwickelt" of a question in German
    subject = [t for t in question.focus if t not in framing and not _YEAR.fullmatch(t) and t in keywords.known_terms]
    floor = found[0].score * weights()["keep_ratio"] ** 2 if found else 0.0
    in_pool = {c.passage.source for c in pool}

    def holds_subject(c: Candidate) -> bool:
        return coverage(subject, _article_text(c.passage.source, keywords), keywords) >= STORY_SHARE
    extend = bool(pool) and holds_subject(pool[0])
    # an article that tells another story holds some of the question's words too ("start", "ban"):
    # it shares few of the best article's own words
    story = [c for c in _by_file(found) if not extend or
             _likeness(keywords, pool[0].passage.source, c.passage.source) >= STORY_LIKENESS]
    return [c for c in story
            if c.passage.source in in_pool or extend and c.score >= floor and holds_subject(c)]


def _likeness(keywords: KeywordIndex, source: str, other: str) -> float:
    """How much of their words two articles share: the IDF-weighted overlap of their terms. Kept
    per index version (held weakly: an index replaced by a sync is not kept alive by it)."""
    known = _LIKENESS.setdefault(keywords, {})
    if (source, other) not in known:
        a, b = (term_set(_article_text(s, keywords)) for s in (source, other))
        known[source, other] = sum(keywords.idf(t) for t in a & b) / (sum(keywords.idf(t) for t in a | b) or 1.0)
    return known[source, other]


def _article_text(source: str, keywords: KeywordIndex) -> str:
    """A whole article as indexed: its passages' titles and texts."""
    return " ".join(f"{p.title} {p.text}" for p in keywords.by_source.get(source, []))


def _of_best_story(c: Candidate, pool: list[Candidate], keywords: KeywordIndex) -> bool:
    """Whether a candidate's article is of the story of the pool's best ("the hosepipe ban starting
    and getting lifted": not the date a strike began and ended)."""
    return not pool or _likeness(keywords, pool[0].passage.source, c.passage.source) >= STORY_LIKENESS


def _milestones(text: str) -> list[list[str]]:
    """The events a timeline question lists, each as its topic words: "when did building start,
    when did it open, whats next" -> [build, start], [open]; "sandbox, then licensing regime, then
    applications" -> [sandbox], [licens, regim], [applic]. Fewer than two: none."""
    items = []
    for piece in _LISTED.split(text):
        if _SUBJECT_OF_TIMELINE.search(piece):  # "hk stablecoin regulation timeline": what it is of
            continue
        topic = [t for t in terms(piece) if t not in _TIMELINE_WORDS]
        if 1 <= len(topic) <= 3:
            items.append(topic)
    return items if len(items) >= 2 else []


def _lead(best: Candidate, found: list[Candidate]) -> Candidate:
    """An article's news lead: its first sentence, when it is among the candidates."""
    first = [c for c in found if c.passage.source == best.passage.source and is_lead(c.passage.id)]
    return min(first, key=lambda c: c.sentence.start) if first else _opening(best, found)


def _human_time(when: tuple[int, int, int]) -> str:
    year, month, day = when
    if not month:
        return str(year)
    return human_date(date(year, month, day or 1).isoformat()) if day else f"{date(year, month, 1):%B} {year}"


def _reported(c: Candidate) -> tuple[int, int, int] | None:
    if not c.passage.date:
        return None
    d = date.fromisoformat(c.passage.date)
    return d.year, d.month, d.day


def _within(when: tuple[int, int, int], period) -> bool:
    """Whether a time falls in a period of months; a side without a year matches any year, a year
    alone matches a period of that year."""
    (m1, y1), (m2, y2) = period
    year, month, _ = when
    if not month:  # a year alone is inside a period of whole years only
        return bool(y1 and y2) and y1 <= year <= y2
    after = (year, month) >= (y1, m1) if y1 else month >= m1
    before = (year, month) <= (y2, m2) if y2 else month <= m2
    return after and before


def _compare(question: Question, pool: list[Candidate], found: list[Candidate],
             keywords: KeywordIndex) -> Composed:
    """The best sentence for each side: from the pool if it has one, else from all candidates; a
    sentence on one side alone (or setting it against the other) before one that mentions both,
    then the one that holds most of the side and of the shared topic. A side no candidate mentions
    at all is said to be missing."""
    sides, shared = _sides(question, found[:MAX_SIDE_SEARCH])
    if len(sides) < 2:
        return Composed([Line(c.text, c) for c in _reading_order(_pick(pool))])
    chosen: list[Candidate] = []
    absent = []
    files = {c.passage.source for c in pool}
    spoken = bool(_ASKS_VIEW.search(question.search))
    ranked = []
    for side, other in zip(sides, sides[::-1]):
        # an article the answer's pool does not hold speaks for a side only on the topic the sides
        # share: in "the strike's pay offer and the final deal", a cup final is no side
        choices = [c for group in (pool, found) for c in group if _on_side(c, side)
                   and (c.passage.source in files or not shared
                        or coverage(shared, f"{c.previous} {c.sentence.text}", keywords) > 0)]
        weighed = side + shared
        weigh = coverer(weighed, keywords)
        choices.sort(key=lambda c: _side_fit(c, side, other, weighed, weigh, spoken))
        ranked.append(choices)
        if not choices and not any(holds(t, term_set(c.sentence.text)) for c in found for t in side):
            absent.append(" ".join(side))
    # sides are compared by the same measure: when one side's best sentence states a figure in a
    # unit ("stood at 64% of capacity"), the other's is one in that unit too, if any is ("was at
    # 38%"), not one that only names the side ("its lowest June level")
    measures = set().union(*(_units(choices[0].sentence.text) for choices in ranked if choices))
    for side, choices in zip(sides, ranked):
        choices = sorted((c for c in choices if c not in chosen), key=lambda c: not _units(c.sentence.text) & measures)
        if choices and _units(choices[0].sentence.text) & measures:
            chosen.append(choices[0])
        elif choices:
            chosen.append(_told_by_month(choices[0], side, shared, found, keywords))
    if not chosen:
        return Composed([Line(c.text, c) for c in _reading_order(_pick(pool))])
    closing = f"The articles say nothing on {' or '.join(absent)}." if absent else None
    lines = []
    for c in chosen:  # a side's quote comes with the sentence that names its speaker
        follow = _continuation(c, found)
        lines += [c] + ([follow] if follow and follow not in chosen and follow not in lines else [])
    return Composed([Line(c.text, c) for c in lines], closing=closing, missing="side" if absent else None)


@lru_cache(maxsize=4096)
def _units(text: str) -> frozenset[str]:
    """The units a sentence states figures in, a span of time among them ("for 27 years")."""
    return frozenset({u for u in _UNITS if _in_unit(text, u)} | ({"span"} if _DURATION.search(text) else set()))


def _on_side(c: Candidate, side: list[str]) -> bool:
    """A sentence on a side names its most specific term, in any of its forms ("JD" for "JD.com"),
    or is of the month the side names."""
    held = term_set(c.sentence.text)
    return any(holds(t, held) for t in _forms(side[0])) or _reported_in(c, side[0])


@lru_cache(maxsize=1024)
def _forms(term: str) -> tuple[str, ...]:
    """A term and the shorter ones it holds: "jd.com" and "jd"."""
    return (term, *terms(term))


def _side_fit(c: Candidate, side: list[str], other: list[str], weighed: list[str],
              weigh: Callable[[frozenset[str]], float], spoken: bool) -> tuple[bool, bool, float]:
    """How well a sentence speaks for a side, best first: on it alone, or setting it against the
    other ("China bans crypto, while Hong Kong has embraced it"); asked what they say or think, one
    that reports speech ("..., Marsh said"); then by its score, in proportion to how much of the
    side's terms and the shared topic it holds, a month by its article's date ("kestrel in june vs
    november, how full": its level in June, not the ban)."""
    present = term_set(c.sentence.text) | {t for t in weighed if _reported_in(c, t)}
    return (_on_side(c, other) and not _sets_against(c.sentence.text, side[0], other[0]),
            spoken and not _SPEECH.search(c.sentence.text), -c.score * weigh(present))


def _sets_against(text: str, one: str, other: str) -> bool:
    """Whether a sentence names one side and the other on either side of a word that contrasts them
    ("China continues to ban crypto ..., while Hong Kong has embraced crypto"; not "JD and Ant plan
    X, but ...")."""
    pieces = [term_set(p) for p in _CONTRAST.split(text, maxsplit=1)]
    if len(pieces) < 2:
        return False
    before, after = pieces
    return any(holds(a, before) and not holds(b, before) and holds(b, after) for a, b in ((one, other), (other, one)))


def _told_by_month(best: Candidate, side: list[str], shared: list[str], found: list[Candidate],
                   keywords: KeywordIndex) -> Candidate:
    """A side only its article's month names ("the mood in july") is told by what that article says
    first, unless that says nothing of the shared topic and the sentence found does."""
    if holds(side[0], term_set(best.sentence.text)):
        return best
    lead = min((c for c in found if c.passage.source == best.passage.source), key=lambda c: c.sentence.start)
    said = coverage(shared, lead.sentence.text, keywords) > 0 or coverage(shared, best.sentence.text, keywords) == 0
    return lead if said else best


def _reported_in(c: Candidate, term: str) -> bool:
    """Whether a month side ("the mood in july vs october") is its article's month: a report of
    October speaks for October without naming it."""
    when = _reported(c)
    return bool(when) and _MONTH_NUMBER.get(term) == when[1]


def _sides(question: Question, found: list[Candidate]) -> tuple[list[list[str]], list[str]]:
    """The two sides of a comparison and the topic they share. A side is named next to the word
    that compares ("ground-source heat pumps compared with air-source ones"): of the three terms
    nearest to it, those that set some candidate sentences apart from the others (in fewer of
    them: "air", not "pump"), the rarest first; the rest of the question is the shared topic."""
    text = _COMPARE_OPENER.sub("", question.search if question.english else question.text)
    text = _STACK_AROUND.sub(r"\2\1 up", text)
    pieces = _VERSUS.split(text)
    if len(pieces) < 2:
        pieces = _SIDES.split(text)
    # the second side ends where a question on both begins: "jd vs ant - what did each bring", or
    # where the topic they share does: "zhou vs zhu on stablecoins"
    side = _ON_TOPIC.split(_ASKS_ON.split(pieces[1])[0])[0] if len(pieces) >= 2 else ""
    if terms(side):
        pieces[1] = side
    elif _THEN.fullmatch(side.strip(" ,;:-–—?")):
        return [], []  # "the schools that moved their start vs before": one thing then and now, no sides
    parts = [[t for t in terms(p) if t in question.focus and t not in _NO_SIDE] for p in pieces]
    parts = [p for p in parts if p][:2]
    if len(parts) < 2:
        return [], []
    common = set(parts[0]) & set(parts[1])
    near = [[t for t in parts[0] if t not in common][-3:][::-1], [t for t in parts[1] if t not in common][:3]]
    held = [(term_set(c.sentence.text), c) for c in found]

    def used(t: str) -> int:
        return sum(holds(t, h) or _reported_in(c, t) for h, c in held)

    named = {stem(w) for n in question.names for w in words(n)}
    # a month against a month: "the mood in july vs october"
    dated = [any(t in _MONTH_NUMBER for t in n) for n in near[::-1]]
    sides = [sorted((t for t in n if used(t)), key=lambda t: (not (d and t in _MONTH_NUMBER), t not in named,
                                                              used(t)))[:2] or p[:1]
             for n, p, d in zip(near, parts, dated)]
    # "JD's pitch to the bank vs Ant's", "zhou xiaochuan's view": the owner is the side (in each part,
    # the one nearest the comparing word), what is owned the shared topic
    owners = {t for m in re.finditer(r"([\w.-]+)['’]s?\b(?!\w)", question.text) for t in terms(m.group(1))}
    mine = [[t for t in p if t in owners and t not in common] for p in parts]
    if all(mine):
        sides = [mine[0][-1:], mine[1][:1]]
    else:  # "jd's pitch differ from what ant brought": an owner on one side is that side, unless
        # the sides are months ("jd/ant's plans in july vs october": the owner is shared)
        sides = [m[-1:] if m and not (d and side[0] in _MONTH_NUMBER) else side
                 for m, side, d in zip(mine, sides, dated)]
    shared = [t for t in question.focus if not any(t in side for side in sides)]
    return sides, shared


def _echo(text: str) -> str:
    """Words of the question said back in the answer: never anything that reads as a citation."""
    return " ".join(_MARKER_LIKE.sub(" ", text).split())


def _topic(question: Question) -> str:
    """What the articles lack, said back as the question asks it, quoted from its asking word ("a
    figure for “how much capital must an issuer hold”": its words alone would read "capital must
    issuer hold"); a long question by its words of substance alone."""
    text = _echo(question.text).strip(" ?？.!¿¡")
    asking = _ASKING_WORD.search(text)
    quoted = text[asking.start():] if asking else text
    if len(quoted.split()) <= MAX_TOPIC_WORDS:
        return f"“{quoted}”"
    words = [w for w in re.findall(r"[\w.&'’-]+", quoted)
             if w.lower() not in STOPWORDS and not re.fullmatch(r"(?i)how|much|many|when|date|time|what['’]?s", w)]
    return " ".join(words[:8]) or "this"


def _overlap(a: str, b: str) -> float:
    ta, tb = term_set(a), term_set(b)
    return len(ta & tb) / max(1, min(len(ta), len(tb)))
