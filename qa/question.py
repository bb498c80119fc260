"""Read a question once: its language, the kind of answer it wants, what it is about (with typos
corrected against the index's own words), and the time it is about."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from functools import cached_property, lru_cache
from dataclasses import dataclass, field

from bm25s.stopwords import (STOPWORDS_FRENCH, STOPWORDS_GERMAN, STOPWORDS_ITALIAN, STOPWORDS_PORTUGUESE,
                             STOPWORDS_SPANISH)
from bm25s.stopwords import STOPWORDS_EN

from index.keyword import (PREFIX, STOPWORDS, KeywordIndex, is_common_word, is_english_word, is_past_form, stem,
                           terms, words)
from qa.errors import QuestionError
from qa.glossary import chinese_terms, in_chinese, in_english, in_english_compound
from qa.text import holds, in_plain_words, is_cjk, names_an_event, same_meaning_terms, term_set

KINDS = ("timeline", "now", "compare", "when", "number", "why", "who", "yesno", "what")


def fold(text: str) -> str:
    """The text without accents: people type "por que", "cuanto", "arrete" for "por qué", "cuánto",
    "arrêté", so words of another language are matched as folded (not Chinese: no accents to drop)."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


# How people type in a chat box: shorthand that means a real word, and filler that means nothing.
MAX_QUESTION_CHARS = 2000
_TERMINAL_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
_SHORTHAND = {"hk": "hong kong", "hkd": "hong kong dollar", "usd": "us dollar",
              "eur": "euro", "gbp": "pound", "govt": "government", "gov": "government", "ppl": "people",
              "abt": "about", "bc": "because", "cuz": "because", "coz": "because", "w": "with",
              "wat": "what", "wht": "what", "whats": "what is", "wats": "what is", "wen": "when",
              "y": "why", "u": "you", "ur": "your", "r": "are", "intl": "international",
              "yr": "year", "yrs": "years", "tho": "though", "thru": "through", "rn": "right now",
              "atm": "at the moment",
              "info": "information", "co": "company", "cos": "companies", "biz": "business",
              "vs": "versus", "v": "versus", "ex": "former", "approx": "about", "mil": "million", "bn": "billion"}
# Verbs for the events articles report, as Spanish, German, French, Italian and Portuguese questions
# write them, in the English word the articles use: a question in another language finds the
# sentence by its words too.
_EVENT_WORDS = {
    "es": {fold(w): e for e, forms in {
        "halt": "detuvo detuvieron detener detiene paró pararon parar suspendió suspendieron suspender frenó frenaron",
        "ban": "prohibió prohibieron prohibir prohíbe", "approve": "aprobó aprobaron aprobar autorizó autorizar",
        "start": "empezó empezaron comenzó comenzaron inició iniciaron", "end": "terminó terminaron acabó",
        "launch": "lanzó lanzaron lanzar", "reject": "rechazó rechazaron rechazar",
        "resign": "dimitió renunció", "strike": "huelga", "fine": "multó multaron multar",
        "delay": "retrasó retrasaron aplazó aplazaron pospuso pospusieron",
        "lift": "levantó levantaron levantar"}.items()
        for w in forms.split()},
    "de": {fold(w): e for e, forms in {
        "halt": "gestoppt stoppte stoppten stoppen eingestellt ausgesetzt", "ban": "verboten verbot verbieten",
        "approve": "genehmigt genehmigte genehmigen", "start": "begann begonnen startete gestartet",
        "end": "endete beendet", "launch": "eingeführt", "reject": "abgelehnt lehnte", "resign": "zurückgetreten",
        "strike": "streik streikten", "fine": "bestraft bestrafte",
        "delay": "verschoben verschob verzögert", "lift": "aufgehoben hob"}.items() for w in forms.split()},
    "fr": {fold(w): e for e, forms in {
        "halt": "arrêté arrêter arrêtés suspendu suspendre stoppé", "ban": "interdit interdire interdits",
        "approve": "approuvé approuver autorisé autoriser", "start": "commencé commencer débuté",
        "end": "terminé fini", "launch": "lancé lancer", "reject": "rejeté rejeter refusé", "resign": "démissionné",
        "strike": "grève", "fine": "sanctionné sanctionner",
        "delay": "reporté retardé repoussé", "lift": "levé lever"}.items() for w in forms.split()},
    "it": {fold(w): e for e, forms in {
        "halt": "fermato fermati fermare sospeso sospesi sospendere bloccato bloccati",
        "ban": "vietato vietare proibito",
        "approve": "approvato approvare autorizzato autorizzare", "start": "iniziato iniziata cominciato avviato",
        "end": "finito finita terminato terminata concluso", "launch": "lanciato lanciare",
        "reject": "respinto rifiutato", "resign": "dimesso dimessa", "strike": "sciopero", "fine": "multato multati",
        "delay": "rinviato rimandato ritardato", "lift": "revocato"}.items() for w in forms.split()},
    "pt": {fold(w): e for e, forms in {
        "halt": "parou pararam parar suspendeu suspenderam suspender interrompeu", "ban": "proibiu proibido proibir",
        "approve": "aprovou aprovado aprovar autorizou autorizar", "start": "começou começaram iniciou",
        "end": "terminou acabou", "launch": "lançou lançar", "reject": "rejeitou recusou", "resign": "renunciou",
        "strike": "greve", "fine": "multou multado", "delay": "adiou adiado atrasou", "lift": "revogou"}.items()
        for w in forms.split()},
}
# How Spanish, German, French, Italian and Portuguese questions ask for a figure, and the units
# and things they count, in the English the answer stage reads a figure's question by
# ("cuántos días duró": "how many days last"): what is asked, in what unit, is judged as for an
# English question.
_FIGURE_FRAMES = {
    "es": [(r"cu[aá]nto tiempo|cu[aá]nto (?=tard|dur)", "how long "), (r"cu[aá]nt[oa]s", "how many"),
           (r"cu[aá]nt[oa]", "how much"),
           (r"qu[eé] (?:porcentaje|parte|proporci[oó]n)", "what share"),
           (r"d[ií]as?", "days"), (r"horas?", "hours"), (r"minutos?", "minutes"), (r"semanas?", "weeks"),
           (r"mes(?:es)?", "months"), (r"a[nñ]os?", "years"), (r"kil[oó]metros?", "kilometres"),
           (r"metros?", "metres"), (r"d[oó]lares", "dollars"), (r"libras", "pounds"), (r"por ?ciento", "percent"),
           (r"cuesta|cuestan|cost[oó]|costar[aá]|vale", "cost"), (r"dur[oó]|dura|durar[aá]", "last"),
           (r"tard[aó]", "take"), (r"personas", "people"), (r"empleos|puestos de trabajo", "jobs"),
           (r"hogares|viviendas", "homes"), (r"trabajadores", "workers"), (r"miembros", "members")],
    "de": [(r"wie lange", "how long"), (r"wie ?viele", "how many"), (r"wie ?viel", "how much"),
           (r"wie hoch", "how high"), (r"wie gro(?:ß|ss)", "how big"), (r"welche[rn]? anteil", "what share"),
           (r"tage?n?", "days"), (r"stunden?", "hours"), (r"minuten?", "minutes"), (r"wochen?", "weeks"),
           (r"monate?n?", "months"), (r"jahren?|jahre", "years"), (r"kilometer", "kilometres"),
           (r"meter", "metres"), (r"dollar", "dollars"), (r"pfund", "pounds"), (r"prozent", "percent"),
           (r"kostet|kosten|kostete|gekostet", "cost"), (r"dauerte|dauert|gedauert", "last"),
           (r"menschen|personen|leute", "people"), (r"arbeitspl(?:ä|ae)tze|jobs", "jobs"),
           (r"haushalte|h(?:ä|ae)user", "homes"), (r"arbeiter|besch(?:ä|ae)ftigte", "workers"),
           (r"mitglieder", "members")],
    "fr": [(r"combien de temps", "how long"), (r"combien (?:de |d['’])(?=\w+[sx]\b)", "how many "),
           (r"combien (?:de |d['’])", "how much "), (r"combien", "how much"),
           (r"quel(?:le)? (?:pourcentage|part|proportion)", "what share"),
           (r"jours?", "days"), (r"heures?", "hours"), (r"minutes?", "minutes"), (r"semaines?", "weeks"),
           (r"mois", "months"), (r"ans|ann[eé]es?", "years"), (r"kilom[eè]tres?", "kilometres"),
           (r"m[eè]tres?", "metres"), (r"dollars", "dollars"), (r"livres", "pounds"), (r"pour ?cent", "percent"),
           (r"co[uû]te|co[uû]tent|co[uû]t[eé]|co[uû]tera", "cost"), (r"dur[eé]|dure|durera", "last"),
           (r"personnes|gens", "people"), (r"emplois|postes", "jobs"), (r"foyers|m[eé]nages|logements", "homes"),
           (r"travailleurs|salari[eé]s", "workers"), (r"membres", "members")],
    "it": [(r"quanto tempo", "how long"), (r"quant[ie]", "how many"), (r"quant[oa]", "how much"),
           (r"giorni", "days"), (r"ore", "hours"), (r"minuti", "minutes"), (r"settimane", "weeks"), (r"mesi", "months"),
           (r"anni", "years"), (r"chilometri", "kilometres"), (r"metri", "metres"), (r"dollari", "dollars"),
           (r"sterline", "pounds"), (r"per ?cento", "percent"), (r"costa|costano|costato|coster[aà]", "cost"),
           (r"durat[oa]|dura", "last"), (r"persone", "people"), (r"posti di lavoro", "jobs"),
           (r"famiglie|case", "homes"), (r"lavoratori", "workers"), (r"membri", "members")],
    "pt": [(r"quanto tempo", "how long"), (r"quant[oa]s", "how many"), (r"quant[oa]", "how much"),
           (r"dias", "days"), (r"horas", "hours"), (r"minutos", "minutes"), (r"semanas", "weeks"), (r"meses", "months"),
           (r"anos", "years"), (r"quil[oô]metros", "kilometres"), (r"metros", "metres"), (r"d[oó]lares", "dollars"),
           (r"libras", "pounds"), (r"por ?cento", "percent"), (r"custa|custam|custou|custar[aá]", "cost"),
           (r"durou|dura|durar[aá]", "last"), (r"pessoas", "people"), (r"empregos|postos de trabalho", "jobs"),
           (r"casas|lares", "homes"), (r"trabalhadores", "workers"), (r"membros", "members")],
}
_FIGURE_FRAME_RES = {lang: [(re.compile(rf"\b(?:{pattern})\b", re.I), english) for pattern, english in frames]
                     for lang, frames in _FIGURE_FRAMES.items()}
_FILLER = {"pls", "plz", "please", "thx", "thanks", "hey", "hi", "hello", "ok", "okay", "lol", "btw",
           "thing", "things", "stuff", "deal", "guys", "know", "tell", "explain", "anything",
           "something", "kind", "sort", "really", "actually", "basically", "exactly", "just", "like",
           "got", "get", "gets", "going", "go", "went", "happen", "happened", "happening",
           "mean", "means", "story", "stories", "news", "article", "articles", "piece", "pieces", "report", "reports",
           "according", "say", "while", "whereas",
           "said", "says", "think", "thought", "want", "wanted", "need", "give", "us", "let",
           "quick", "summary", "summarise", "summarize", "overview", "detail", "details",
           "versus", "compare", "compared", "comparison", "differ", "difference", "differences",
           "different", "similar", "between", "walk", "through", "timeline", "events",
           "idea", "point", "ever", "yes", "no", "right", "moment", "pretty", "much", "many",
           "big", "large", "long", "often", "again", "once", "anyway", "also", "whose", "ones"}
# Words that frame a question in time say nothing about its topic.
_FRAMING = {"latest", "now", "currently", "current", "still", "status", "recent", "recently", "today",
            "anymore", "yet", "state", "stand", "stands", "ongoing", "nowadays", "days", "far",
            "first", "last", "later", "earlier", "since", "until", "ago", "date", "time", "day",
            "month", "year", "when", "afterwards", "afterward", "eventually", "eventual", "ultimately", "ultimate",
            "finally", "previously",
            "beforehand", "subsequently", "meanwhile", "next",
            # nor do those asking what came of it ("what became of him", "did it go anywhere")
            "became", "become", "becomes", "anywhere"}


_OTHER_STOPWORDS = {lang: frozenset(fold(w) for w in stops) for lang, stops in
                    (("es", STOPWORDS_SPANISH), ("de", STOPWORDS_GERMAN), ("fr", STOPWORDS_FRENCH),
                     ("it", STOPWORDS_ITALIAN), ("pt", STOPWORDS_PORTUGUESE))}
# Question words that open a question in another language ("was" only with other German words).
_OTHER_OPENERS = {lang: {fold(w) for w in openers.split()} for lang, openers in (
    ("de", "warum wieso weshalb was wer wie wann wo welche welcher welches welchen viel viele lange hoch groß"),
    ("es", "qué que por cómo cuándo quién quiénes dónde cuál cuáles cuánto cuánta cuántos cuántas"),
    ("fr", "pourquoi qui quand comment où quel quelle quels quelles combien est"),
    # Italian and Portuguese: read as another language, so that their words are not taken for
    # English ones no article uses
    ("it", "perché come quando chi dove quale quali quanto quanta quanti quante"),
    ("pt", "porque como quando quem onde qual quais quanto quanta quantos quantas"))}
_ENGLISH_FUNCTION = frozenset(STOPWORDS_EN) | {"what", "why", "how", "who", "when", "which", "where",
                                               "still", "did", "does", "whats", "wat"}

# The words a question (or a second question inside one) opens with.
_ASKING = "what|why|when|where|who|whom|whose|how|which|did|does|do|is|are|was|were|has|have"
# A question on what something came to: "did the pitch go anywhere in the end", "what happened to him";
# not what followed an event ("what happened to punishments once phones were banned"): an effect.
_OUTCOME = (r"end(s|ed)? up|in the end|eventual (response|reaction|outcome|result|decision|answer|fate)|"
            r"go(es)? anywhere|went anywhere|pan(s|ned)? out|(came|come|become|became) of|"
            r"happen(s|ed)? (to|with) \w+(?!.*\b(once|after|when|since|following|before)\b)|"
            r"ever (actually )?happen(s|ed)?")
_ADVICE = re.compile(r"^\W*(?:(?:what|which|where)(?:'?s| is| are)\s+(?:the\s+)?)?(?:best|top-rated)\s+"
                     r"(?!estimate|guess|case|part|way to (?:describe|explain))[\w-]+|\brecommend me\b", re.I)
# Asked for the steps to take oneself: "how do i set up a wallet", "how can a tourist buy ...", "how
# to apply", "wie kann ich ...", "cómo puedo ...", "comment puis-je ...", "我怎么 ..."; not how
# something came about ("how did the strike end") nor how others do it ("how do teens sleep").
_PROCEDURE = re.compile(r"^\W*(?:how\s+(?:to|(?:do|can|could|should|would|will|shall|might)\s+(?:i|we|you|one|"
                        r"someone)|(?:can|could|should)\s+(?:people|an?\s+[\w-]+))|wie\s+(?:kann|könnte|soll|muss)\s+(?:ich|man)|"
                        r"c[oó]mo\s+(?:puedo|podemos|se\s+puede|hago|debo)|comment\s+(?:puis-je|peut-on|faire|dois-je))\b|"
                        r"^\W*我(?:们)?(?:该|要|能|可以)?(?:怎么|怎样|如何)", re.I)
# A time counted from the day the question is asked ("the weather this weekend", "bitcoin price
# today", "今天"): news older than it cannot tell. Not "right now", "still": the newest article
# tells the latest state; nor "this year", as often the article's year as the asker's.
_PAST_ONE = re.compile(r"last|letzt|pasad|derni|去年", re.I)  # "last week", "el año pasado": the one before
_FROM_TODAY = re.compile(r"\b(?:(?P<day>today|tonight|tomorrow|hoy|mañana|aujourd['’]hui|demain|heute)|"
                         r"(?P<yesterday>yesterday|ayer|gestern)|"
                         r"(?P<week>(?:this|next|last) week(?:end)?|esta semana|cette semaine|diese woche)|"
                         r"(?P<month>(?:this|next|last) month|este mes|ce mois|diesen monat)|"
                         r"(?P<year>(?:next|last) year|el año (?:que viene|pasado)|l['’]année (?:prochaine|dernière)|"
                         r"nächstes jahr|letztes jahr))\b|"
                         r"(?P<zh_day>今天|今日|明天)|(?P<zh_yesterday>昨天)|(?P<zh_week>本周|这周|这个周末)|"
                         r"(?P<zh_month>本月|这个月)|(?P<zh_year>明年|去年)", re.I)
# Whether a state still holds: "where does it stand today", "is the ban still on today", "où en est
# ... aujourd'hui": today is the time of the state asked (the newest article tells it, dated), not
# that of the news ("bitcoin price today").
_STATE_ASKED = re.compile(r"\b(?:still|stand|stands|status|yet|any ?more|todav[ií]a|a[uú]n|sigue|siguen|"
                          r"toujours|encore|o[uù] en (?:est|sont)|noch|inzwischen|mittlerweile)\b", re.I)


def _today_asked(text: str) -> re.Match | None:
    """The time counted from the day asked that a question asks its news of, if any."""
    m = _FROM_TODAY.search(text)
    return None if m and m.group("day") and _STATE_ASKED.search(text) else m


# Asked for the story itself: "anything on that bus strike?", "give me the short version of ...".
_OVERVIEW = re.compile(r"^\W*(?:any ?thing (?:on|about|new on)|tell me (?:about|more about)|(?:what'?s|what is) "
                       r"(?:up|new|the story|the deal) with|(?:give me |what'?s |what is )?(?:the |a )?(?:short "
                       r"version|summary|rundown|gist|overview|lowdown|tl;?dr|recap|background)\b|summari[sz]e|sum up|"
                       r"fill me in|catch me up|what do (?:we|you) know about)", re.I)
_KIND_PATTERNS = [
    ("timeline", r"\b(timeline|chronolog\w*|walk me through|step by step|(sequence|order) of events|in what order|"
                 # "put these in order", "in chronological order", "sort them by date"
                 r"(put|place|list|arrange|sort|rank)\b.{1,60}\b(in order(?! to)|in (date|time) order|by date)|"
                 r"(which|what) came first|recap|history|"
                 r"month by month|year by year|over the years|(from )?start to finish|beginning to end|then what|"
                 r"what happened next|"
                 r"what happened (between|from|since|after|before)|what (has )?changed|how did .{1,60} "
                 # "differ from what ant brought to the table" is no span of time
                 r"(unfold|evolve|develop|play out)|(?<!differ )(?<!differs )(?<!differed )(?<!different )"
                 r"from .{3,60} to (the|now|today|date)|history of|run me through|"
                 r"(between|from) (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* (and|to|till|until) "
                 r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)\b"
                 r"|经过|时间线|时间顺序|来龙去脉|先后|发生了什么|cronolog|chronologie|zeitlich|verlauf|reihenfolge|"
                 # "¿qué pasó entre ...?", "Schritt für Schritt", "comment ... a-t-il évolué"
                 r"\bsecuencia|paso a paso|qué (pasó|ocurrió|sucedió) (entre|desde)|cómo (ha )?evolucionado|"
                 r"schritt für schritt|\bablauf\b|was (geschah|passierte) (zwischen|seit)|"
                 r"wie hat sich .{1,60} entwickelt|"
                 r"étape par étape|déroul|ce qui s'est passé entre|qu'est-ce qui s'est passé entre|"
                 r"comment .{1,60} évolué"),
    ("compare", r"\b(compare|compared|comparison|differ|differs|difference|differences|different|"
                r"versus|vs\.?|contrast|similar|same as|unlike|both .{1,40} and|as opposed to|relative to|"
                # the same asked of a second side: "what did x want? how about y", "..., and what of y"
                r"[?,;]\s*(and\s+)?(how|what) about|and what of|"
                # two sides asked of one by one: "what did wang and zhou each say", "x and y both talk about"
                r"(?<!,) and [^,.?;]{1,40}?(each|both)(?! (day|week|month|year|night|time)s?\b)|"
                r"(do|does|did) (they|both|the two)( \w+)? (dis)?agree(?! to)|"
                r"same (page|vibe|view|line|tune)|in common|"
                r"stack(s|ed)? ([\w.-]+ ){0,4}?up (against|to|with))\b|区别|不同|比较|对比|"
                r"diferencia|compar\w+|différence|unterschied|vergleich"),
    ("when", r"^\W*((and|so|but) )?when\b|\bwhen (did|was|were|is|are|will|does|do|has|had|would)\b|"
             r"\b((what|which|the)( exact)? (date|day|month|year)|what time|how long ago|since when)\b|"
             r"^\W*(exact |precise )?(date|day) (of|when)\b|"
             # "..., and how long after that was X reported": the time of X, told after that of "that"
             r"^\W*((and|so|but) )?how (long|soon|many (days|weeks|months)) (after|before) (that|this|it|then)\b|"
             r"什么时候|何时|哪天|哪一天|几月|几号|哪年|cuándo|cuando|"
             r"quand|wann"),
    ("number", r"\b(how (much|many|big|large|high|fast|far|long|old)|what (percentage|percent|share|"
               r"amount|number|figure|size|value|price|cost|sum|proportion)|by how much|how much money|"
               r"what was the (value|size|total)|what's the (size|value|total)|"
               # a market's price: "what was the coin trading at", "what did it sell at"
               r"(trad(e|es|ed|ing)|sell(s|ing)?|sold|valued) at)\b|"
               # "what does corvane pay its ceo", "what did the new plant in millbrook end up costing": an
               # amount (not "what did jd say about the cost", "... about cutting costs": a noun)
               r"^\W*what (does|did|do|will|would) \S+(\s\S+){0,10}?(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\bits)(?<!\btheir)"
               r"(?<!\bof)(?<!\babout)(?<!\bfor)(?<!\bon) (pay|charge|cost|earn|spend)(ing|s)?\b|"
               r"^\W*what('s| is| was| are| were)( the| its| their| [\w.-]+['’]s)?( \w+){0,2}?( price| cost| value| "
               r"worth| revenue| profit| salary| budget| rate| population| size| total| capacity| count| tally)\b|"
               r"多少|几个|几家|多大|"
               r"多长|多久|百分之|cuánto|cuánta|cuántos|cuántas|combien|wie viel|wie viele|wie hoch|wie groß|"
               r"\bquant[oaie]s?\b"),
    ("now", r"\b(is|are) .{1,60} (dead|over|finished|off|cancell?ed|scrapped|alive|happening)\W*$|"
            r"\b(still|now|currently|current|latest|nowadays|these days|today|at the moment|right now|"
            r"any ?more|so far|as of|status|ongoing|yet|again|back to normal|"
            r"(dead|over|finished|alive|done) (now|yet|for good)|"
            r"where (do|does|did) .{1,60} stand|up to date|how('?s| is| are) .{1,60} going|"
            # the outcome: what the newest article on it says ("did the pitch go anywhere in the end")
            rf"{_OUTCOME}|(what'?s|what is|whats) (going on|happening)|"
            r"most recent|newest|any ?thing new|(what'?s|what is) new|any news|any updates?)\b|"
            r"现在|目前|如今|仍然|还在|最新|todavía|aún|actualmente|ahora|"
            r"encore|toujours|actuellement|maintenant|noch|derzeit|aktuell|jetzt|"
            r"sigue|siguen|o[uù] en (?:est|sont)|inzwischen|mittlerweile|ancora|adesso|attualmente|ainda|agora|"
            r"atualmente"),
    ("why", r"\b(why|reason|reasons|what (made|caused|led|prompted|drove|pushed)|how come|motive|"
            r"motivation|purpose|what for)\b|为什么|为何|原因|por qué|pourquoi|warum|wieso|weshalb|perché|por que"),
    ("who", r"^\W*(who|whom|whose)\b|\bwho (is|was|are|were)\b|谁|quién|qui est|wer\b"),
    ("yesno", r"^\W*(is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)\b|吗[？?]?$"),
]
_KINDS = [(kind, re.compile(fold(pattern), re.I)) for kind, pattern in _KIND_PATTERNS]
_ASKS = re.compile(rf"^\W*(?:{_ASKING})\b", re.I)
# A later part of a comparison asked of both sides at once: "..., what did each say", "how do they differ".
_OF_BOTH = re.compile(r"\b(?:each|both|either|they|them|their|the two)\b", re.I)
# A later part that asks the same of a second side: "..., and what of y", "how about y?".
_OF_SECOND = re.compile(r"^\W*(?:and\s+)?(?:(?:how|what) about|what of)\b", re.I)
_ASKS_OUTCOME = re.compile(rf"\b({_OUTCOME})\b", re.I)
_END_UP = re.compile(r"\bend(?:s|ed|ing)? up\b", re.I)
# "about cutting costs" names costs as "about the costs" does: a topic, not an amount asked
_GERUND_NOUN = re.compile(r"\b(about|of|for|on) \w+ing\b", re.I)
# "hartwell v kingsport semi" names a match, not two things to compare.
# ("marsh vs varga after the semi" names two managers: a match is named by its sides alone)
_FIXTURE = re.compile(r"\bversus\s+(?:(?!(?:after|before|in|at|on|during|of|the|for)\s)[\w.'’-]+\s+){1,3}?"
                      r"(?:game|match|semi|semis|semi-?finals?|final|tie|clash|"
                      r"fixture|derby|showdown|replay|rematch)\b", re.I)
# What a figure is asked of: "what is the total capacity of ...", "how big were the rebates ...",
# "what reserve ratio did ...", "min capital requirement for issuers?". (Not "score": "what was the
# score" is answered by "3-2".)
_MEASURES = (r"price|cost|value|worth|revenue|profit|salary|budget|rate|ratio|population|size|capacity|"
             r"length|height|depth|weight|area|volume|count|tally|margin|rebate|fine|fee|payout|"
             r"compensation|subsidy|grant|investment|turnover|requirement|valuation|capitali[sz]ation")
_DET = r"(?:the |its |their |[\w.-]+['’]s )?"
_MEASURED = re.compile(
    rf"^\W*(?:what(?:'s|s|’s| is| was| are| were)|how (?:much|big|large|high) (?:is|was|are|were))\s+{_DET}"
    rf"(?:[\w-]+ ){{0,2}}?"
    rf"({_MEASURES})s?\b(?!\s+(?:{_MEASURES})s?\b)|"  # "the grant budget": the budget
    # "what reserve ratio did ant propose" (not "what area of the city was flooded")
    rf"^\W*what\s+(?:[\w-]+ ){{0,2}}?({_MEASURES})s?(?=\s+(?:did|does|do|was|is|were|are|has|have|will)\b)|"
    # "min capital requirement for issuers?" (not "is the price of fuel still capped?")
    r"^\W*(?!(?:is|are|was|were|did|does|do|has|have|had|why|who|when|where|how|can|will|would|should|could|what|"
    rf"which)\b){_DET}(?:[\w-]+ ){{0,2}}?({_MEASURES})s?(?=\s+(?:of|for|at|in|on|under|from)\b|\W*$)", re.I)
# "how come", "what made / led to", "reason for": ways of asking why, no words of the topic ("what
# made the talks fall apart" is about the talks, not about making anything)
_HOW_COME = re.compile(r"\bhow come\b|\bwhat (?:made|caused|led(?: up)? to|prompted|drove|pushed)\b|"
                       r"\b(?:the |main |real )*reasons? (?:for|behind|why)\b", re.I)
# Words a question may open with before it asks: "so why was ...", "ok but when did ...", "y por qué ..."
OPENING = r"^\W*(?:(?:so|and|but|ok(?:ay)?|well|hey|hmm+|um+|also|wait|oh|anyway|btw|y|pues|und|et|alors|donc)\W+)*"
# "¿Por qué ...", "Warum ...", "Quand ...": a why or when question in Spanish, German or French
_PRESUPPOSING_OTHER = re.compile(OPENING + r"(?:por que|cuando|warum|wieso|weshalb|wann|pourquoi|quand)\b", re.I)
# "how come X ..." takes its event for granted with or without "did".
_PRESUPPOSING = re.compile(OPENING + r"(?:(why|when|how come|how (?:much|many)(?:\s+[\w'’-]+){0,2})\s+"
                           r"(did|has|have|had|was|were)|how come)\b", re.I)
# "who won the semi-final", "who was granted a licence", "who has bought ...": asking who did an
# event takes the event for granted; not "who is", "who will", "who could" (nothing done yet).
_WHO_DID = re.compile(OPENING + r"who\s+(?:(?:was|were|has|have|had)\s+(?:been\s+)?)?([\w'’-]+)", re.I)
# "What did Liu say when he resigned?": a clause that takes an event for granted.
# "... when he resigned", "... after he stepped down" (read in plain words: "after he resign"), "... after
# the rvta board fired her": its subject (up to three words) and verb; not a question's "when do ...".
_GRANTED_CLAUSE = re.compile(r"\b(?:when|after|once|since|before)\s+(?!(?:do|does|did|is|are|was|were|will|would|"
                             r"can|could|should|has|have|had)\b)((?:[\w'’.-]+(?:\s+|$)){1,4})", re.I)
# "what did liu say at the launch of jd's coin": an event named as a noun after a word of time, of
# whom or what its "of" or its owner says; not a span of time ("since the start of 2025"), nor the
# start or end of a thing, which only says when ("after the end of the match")
_NOUN_EVENT = re.compile(r"\b(?:at|after|since|before|during|following|upon)\s+(?:the\s+)?(?:([\w.-]+)['’]s\s+)?"
                         r"([a-z]+)(?:\s+of\s+(?!(?:the\s+|this\s+|last\s+|next\s+)?(?:(?:19|20)\d\d|year|month|"
                         r"week|day|season|summer|winter|spring|autumn|term|quarter|decade)\b)"
                         # whose it is, up to the question's next clause ("... and how did markets react")
                         r"((?:(?!\s+(?:and|but|or|how|what|when|why|who|which|where|amid|last|this)\b)[^,;?])+))?",
                         re.I)
# A plural noun ("workers", "governors"); not "boss", "status", "analysis"
_PLURAL = re.compile(r"\b(\w{2,}[^\W\dsui]s)\b")
# The word a negation denies: "has not won", "never lifted", "didn't ever approve"
_NEGATED = re.compile(r"\b(?:not|never|n[o']t)\s+(?:(?:yet|ever|even|really|actually)\s+)?([\w'’-]+)", re.I)
_CONTRACTED_NOT = re.compile(r"n['’]t\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)", re.I)
_TIME_NOUNS = {"start", "beginning", "end", "ending", "finish", "close"}
_ASPECT = re.compile(r"\b(start(?:s|ed)?|beg[iau]ns?|stop(?:s|ped)?|quit|finish(?:es|ed)?|resumed?|"
                     r"halt(?:s|ed)?)\s+\w{4,}ing\b")
_DETERMINER = re.compile(r"the|an?|its|their|his|her|this|that|these|those|[\w]+['’]s")
# The subject of a passive question, a thing the event is done to: "when was [the hosepipe ban] lifted"
_PASSIVE_SUBJECT = re.compile(r"\b(?:was|were)\s+((?:[\w'’.-]+\s+){1,4}?)\w+(?:ed|en)\b", re.I)
# Where a second question starts: "...; what ...", "..., and how ...", "... but why ...", "... and
# whats ..." (as typed).
_CLAUSE = re.compile(rf"[;?；？]\s*|(?:,\s*|\s+)(?:and|but|also|plus)\s+(?=(?:{_ASKING})s?\b)|"
                     r",\s*(?=(?:what|why|when|where|who|how|which)\b)", re.I)
# A Chinese question word: pieces between full-width commas that each hold one are questions of their
# own ("全长多少公里，票价多少"), not a statement and a question ("开通以后，票价多少").
_ZH_ASKING = re.compile(r"多少|什么|谁|哪|几|吗|为什么|为何|怎么|如何|多大|多长|多久")
# "... before beijing made it stop": a clause of time, with the words in which to look for its verb.
_EVENT_CLAUSE = re.compile(r"\s(?:before|after)\s+((?:[\w.'’-]+\s+){0,3}[\w.'’-]+)", re.I)
# "the team that moved a game over the strike - did they make the final?": a described subject,
# then a question on it (not "priya raman - is she the transit boss or the campaigner?")
_DASH_CLAUSE = re.compile(rf"\s+[-–—]+\s+(?=(?:{_ASKING})\b)", re.I)
# A later part of a question that says "he" or "they" is asked of whom the first part's answer names.
# (Not "it", "its", "their": their antecedent is as often in the same part.)
PRONOUN = re.compile(r"\b(?:he|she|they|him|her|his|hers|them)\b", re.I)
# Words that stand for a thing named before them: "..., which one?" asks nothing of its own.
_PRO_FORMS = frozenset({"one", "ones"})
# Topic words that make the piece before a dash a subject of its own. Swept on all tuning sets
# (367 questions): 2 / 3 / 4 / 5 / 6 / no split gave facts 202 / 203 / 203 / 203 / 202 / 201 of
# 262, abstain_ok 329 of 367 throughout.
SUBJECT_WORDS = 4
_NOT_A_NOUN = re.compile(r"..(ed|ing|ly)$")
_WORD_RE = re.compile(r"[\w'’-]+")
_DETERMINED = re.compile(r"\b(?:the|a|an|its|his|her|their|our|your|my|this|that|these|those|\w+['’]s)\s+(\w+)")
_VAGUE = {"all", "any", "per", "anyone", "anything", "everything", "ask", "say", "tell", "mention", "stop",
          "fit", "get", "go", "make", "happen", "thing", "things", "stuff", "whole", "much", "many",
          "couple", "bunch", "lot", "lots", "bit", "pop", "pops", "popped"}
_PREPOSITIONS = {"for", "in", "on", "at", "over", "after", "before", "from", "with", "by", "to", "into", "of", "as"}
_BEFORE_SUBJECT = (_PREPOSITIONS - {"of"}) | {"when", "once", "since", "that", "while", "until", "who", "which"}
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH_MAY = re.compile(r"\b(in|to|from|until|till|since|of|by|between|and|early|late|mid|before|after)\s+$", re.I)
_MONTH_WORD = re.compile(r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?(?:\s+((?:19|20)\d\d))?"
                         r"|\b((?:19|20)\d\d)\b|(\d{1,2})\s*月", re.I)
# Months as Spanish, French and German name them, in English: "entre enero y marzo" is a period too.
_MONTHS_IN_ENGLISH = {lang: {fold(name): english for name, english in zip(names.split(), (
    "January February March April May June July August September October November December").split())}
    for lang, names in (("es", "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
                               "diciembre"),
                        ("fr", "janvier février mars avril mai juin juillet août septembre octobre novembre "
                               "décembre"),
                        ("de", "januar februar märz april mai juni juli august september oktober november "
                               "dezember"))}
_NAME = re.compile(r"\b[A-Z][\w&'’.-]*[\w]|\b[A-Z]{2,}\b")
_WH_OPENERS = {"what", "why", "how", "when", "who", "which", "where", "is", "are", "did", "does", "do",
               "was", "were", "has", "have", "can", "could", "will", "would", "should", "and", "but",
               "so", "tell", "walk", "compare", "give", "explain", "the", "a", "an", "in", "on"}


@dataclass(frozen=True)
class Question:
    text: str  # as asked (cleaned)
    search: str  # what retrieval searches for: shorthand spelled out, typos corrected
    language: str  # "en", "zh", or another language code the question seemed to be in
    kind: str  # one of KINDS
    focus: list[str] = field(default_factory=list)  # stemmed topic terms, typos corrected
    unknown: list[str] = field(default_factory=list)  # topic words no indexed passage uses
    names: list[str] = field(default_factory=list)  # capitalised names as asked
    # "between July and October (2025)": (month, year or None) at each end
    period: tuple[tuple[int, int | None], tuple[int, int | None]] | None = None
    parts: list[str] = field(default_factory=list)  # the questions of a question that asks several
    framed: str = ""  # another language's question with its asking words for a figure in English

    @property
    def asking(self) -> str:
        """The question as the answer stage reads what it asks for: in English, its own words."""
        return self.framed or self.text

    @property
    def english(self) -> bool:
        return self.language == "en"

    @property
    def asks_advice(self) -> bool:
        """"best laptop under 1000 bucks?", "recommend me a heat pump": advice, which news reports
        give only when they say what is best (not "what is the best estimate of the cost")."""
        return self.english and bool(_ADVICE.search(_spelled_out(self.text)))

    @property
    def asks_procedure(self) -> bool:
        """"how do i buy usdt", "how can a landlord claim the grant": the steps to take, which news
        gives only where it speaks to its reader (an explainer's "you must ...")."""
        return bool(_PROCEDURE.search(self.text))

    @property
    def asks_overview(self) -> bool:
        return self.english and bool(_OVERVIEW.search(_spelled_out(self.text)))

    @property
    def asks_outcome(self) -> bool:
        return self.english and bool(_ASKS_OUTCOME.search(_spelled_out(self.text)))

    @property
    def owners(self) -> list[str]:
        """The words a question makes owners ("tencent's position": tencent)."""
        return [w.lower() for w in re.findall(r"([\w.&-]+)['’]s\b", self.text)]

    @property
    def time_asked(self) -> str | None:
        """The words of a time counted from the day asked ("this weekend"), if the question names one."""
        m = _today_asked(self.text)
        return m.group(0) if m else None

    def news_since(self, today: date) -> date | None:
        """The first day an article could be from to tell the time the question asks about: the
        day, week, month or year it names begins then ("this weekend": this week's Monday; "next
        year": this year's first day); none when it names no such time."""
        m = _today_asked(self.text)
        if not m:
            return None
        unit = next(k for k, v in m.groupdict().items() if v).removeprefix("zh_")
        last = bool(_PAST_ONE.search(m.group(0)))
        if unit == "day":
            return today
        if unit == "yesterday":
            return today - timedelta(days=1)
        if unit == "week":
            return today - timedelta(days=today.weekday() + 7 * last)
        if unit == "year":
            return date(today.year - last, 1, 1)
        first = today.replace(day=1)
        return (first - timedelta(days=1)).replace(day=1) if last else first

    @property
    def measured(self) -> str | None:
        """What a figure is asked of ("capacity" in "what is the total capacity of ...")."""
        m = _MEASURED.search(_spelled_out(self.text)) if self.english else None
        return next(g for g in m.groups() if g).lower() if m else None

    @property
    def presupposes(self) -> bool:
        """"Why did X ...?", "When was Y ...?": the question takes an event for granted."""
        return bool(_PRESUPPOSING.match(self.text))

    @cached_property
    def doer_asked(self) -> str | None:
        """The event whose doer "who won / was granted X?" asks for ("got": grant), or None."""
        m = _WHO_DID.match(in_plain_words(self.text)) if self.english else None
        verb = term_set(m.group(1)) if m else frozenset()
        return next((t for t in self.events if holds(t, verb)), None)

    @cached_property
    def events(self) -> list[str]:
        """The words for what happened that the question asks about ("start", "halt"), not a thing
        it names ("when did Northmere lift the ban": the ban is no event asked about)."""
        if not self.english:  # a translated word may be the event or the thing named: no telling
            return []
        tokens = re.findall(r"[\w'’]+", self.text.lower())
        named = {stem(w) for i, w in enumerate(tokens) if i and _DETERMINER.fullmatch(tokens[i - 1])}
        named |= {stem(w) for m in _PASSIVE_SUBJECT.finditer(self.text) for w in m.group(1).split()}
        if _END_UP.search(self.text):  # "how much did he end up spending": in the end, no ending
            named.add(stem("end"))
        # "since when has X not won": what is asked of is the time without the event, not the event
        negated = term_set(" ".join(_NEGATED.findall(self.text)))
        # "hasn't hartwell won", "didn't they ever approve": the first event word after the contraction
        negated |= {next((t for t in terms(m.group(1)) if names_an_event(t)), "")
                    for m in _CONTRACTED_NOT.finditer(self.text)}
        return [t for t in self.asked if names_an_event(t) and t not in named and not holds(t, negated)]

    @cached_property
    def granted(self) -> list[str]:
        """The events the question takes for granted: those of "Why did X ...?", "When was Y ...?",
        of a clause ("... when he resigned"), or of "Warum hat X ...?" in its own language."""
        if self.language in _EVENT_WORDS:
            return self._granted_in_translation()
        # "by the time jd started lobbying": a verb before a gerund says when its activity began or
        # ended; the activity is what happened
        aspect = {stem(w) for w in _ASPECT.findall(self.text.lower())}
        # "who won the final": the event whose doer is asked; and a clause's ("who replaced her after
        # the board fired her")
        done = [self.doer_asked] if self.doer_asked else []
        if self.presupposes:
            # "when did the news about them halting come out": a gerund names the event, the
            # question's verb is another ("come out"); so does a plural ("why did the transit workers
            # vote against ...": after "did" the verb is bare, "workers" is who did it)
            gerunds = {stem(w) for w in re.findall(r"\b(\w+ing)\b", self.text.lower())}
            plurals = {stem(w) for w in _PLURAL.findall(self.text.lower())}
            return [t for t in self.events if t not in gerunds | aspect | plurals]
        clauses = {stem(_uncontract(w.lower())) for m in _GRANTED_CLAUSE.finditer(in_plain_words(self.text))
                   for w in m.group(1).split()[1:]}
        return done + [t for t in self.events if t in clauses - aspect and t not in done]

    @cached_property
    def noun_events(self) -> list[tuple[str, list[str]]]:
        """The events a question names as nouns after a word of time, each with the topic terms of
        whom or what it is ("at the launch of jd's offshore yuan coin": launch; jd, offshore, yuan,
        coin); only those it says whose."""
        if not self.english:
            return []
        found = []
        for m in _NOUN_EVENT.finditer(self.text):
            event, of = stem(m.group(2).lower()), " ".join(g for g in (m.group(1), m.group(3)) if g)
            of_terms = [t for t in terms(of) if t in self.focus and t != event]
            if names_an_event(event) and of_terms and m.group(2).lower() not in _TIME_NOUNS:
                found.append((event, of_terms))
        return found

    def _granted_in_translation(self) -> list[str]:
        """"Warum hat China 2023 den Kryptohandel verboten?": the event of a why or when question
        in Spanish, German or French is its verb for an event the articles report ("verboten": ban)."""
        if not _PRESUPPOSING_OTHER.match(fold(self.text)):
            return []
        in_english = _EVENT_WORDS[self.language]
        said = {stem(in_english[w]) for w in words(fold(self.text)) if w in in_english}
        return [t for t in self.focus if t in said]

    def _granted_at(self) -> int | None:
        """Where the words of the event taken for granted start: after "why did", or after the
        conjunction of a clause ("... after [the rvta board fired her]")."""
        m = _PRESUPPOSING.match(self.text)
        if m:
            return m.end()
        if self.doer_asked:  # from "who", which an idiom may need ("who got": grant)
            return 0
        return next((m.start(1) for m in _GRANTED_CLAUSE.finditer(self.text)
                     if self._holds_granted(m.group(1))), None)

    def _holds_granted(self, text: str) -> bool:
        return any(holds(g, term_set(stem(_uncontract(w.lower()))))
                   for w in re.findall(r"[\w'’.-]+", in_plain_words(text)) for g in self.granted)

    @property
    def agent(self) -> list[str]:
        """Who the taken-for-granted event is of: the terms between "why did" (or a clause's
        conjunction) and the event's word ("why did [the HKMA] reject ...", "after [the board] fired
        her"); empty when there is none to tell."""
        m = _PRESUPPOSING.match(self.text)
        at = self._granted_at() if self.granted else None
        # "when was X halted": X is no agent
        if at is None or m and (m.group(2) or "").lower() in ("was", "were"):
            return []
        before = []
        for w in re.findall(r"[\w'’.-]+", in_plain_words(self.text[at:])):
            term = stem(_uncontract(w.lower()))
            if any(holds(t, term_set(term)) for t in self.granted):
                return [t for t in before if t in self.focus]
            # "... in place by the time [jd/ant] started": the event's subject follows the last
            # preposition or conjunction (not "of": "the people's bank of china")
            before = [] if w.lower() in _BEFORE_SUBJECT else before + [term]
        return []

    @cached_property
    def patient(self) -> list[str]:
        """What or where the taken-for-granted event is done to: the terms after its word, up to a
        preposition ("why did Corvane pick [Texas] for its plant"); empty when there is none."""
        at = self._granted_at() if self.granted else None
        if at is None:
            return []
        # "... since solberg started measuring, and whats ...", "when was X finished and how much did it cost"
        clause = _CLAUSE.split(re.split(r"[,;?]", self.text[at:])[0])[0]
        spoken = re.findall(r"[\w'’.-]+", in_plain_words(clause).lower())
        at = next((i for i, w in enumerate(spoken)
                   if any(holds(g, term_set(stem(_uncontract(w)))) for g in self.granted)), len(spoken))
        after = []
        for w in spoken[at + 1:]:
            if w in _PREPOSITIONS:
                break
            if not w.endswith("ing"):  # "started [lobbying]": a second verb, done to nothing
                after.append(stem(_uncontract(w)))
        return [t for t in after if t in self.focus and t not in self.granted]

    @property
    def asked(self) -> list[str]:
        """The topic terms that are not names: what is asked about them ("launch", "fine")."""
        named = {stem(w) for n in self.names for w in words(n)}
        return [t for t in self.focus if t not in named]


def clean_question(question: str) -> str:
    """The question with control characters removed; refuse an empty or oversized one."""
    if not isinstance(question, str):
        raise QuestionError("the question must be text")
    text = _TERMINAL_ESCAPE.sub(" ", question)  # pasted from a terminal: colour codes are not words
    text = "".join(ch if ch.isprintable() else " " for ch in text).strip()
    if not text:
        raise QuestionError("the question is empty")
    if not re.search(r"\w", text):  # "???", "😀": nothing to look for in the articles
        raise QuestionError("the question has no words; ask it in words")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"the question is {len(text):,} characters long; "
                            f"ask in at most {MAX_QUESTION_CHARS:,}")
    return " ".join(text.split())


def analyse(text: str, keywords: KeywordIndex) -> Question:
    language = _language(text)
    # "fill me in on ...", "the short version of ...": how the story is asked for, not its topic
    topic_text = _OVERVIEW.sub(" ", text) if language == "en" else text
    raw = [_uncontract(w) for w in words(_HOW_COME.sub("why", in_plain_words(topic_text)))]
    raw = [w for w in raw if w]
    spelled = []
    for w in raw:
        if language != "en":
            spelled.append(w)
        elif w in _SHORTHAND:
            spelled.extend(_SHORTHAND[w].split())
        elif w not in keywords.vocabulary and keywords.expand_acronym(w):
            spelled.extend(keywords.expand_acronym(w).split())
        elif split := keywords.split_words(w):  # "hongkong": the articles' "hong kong"
            spelled.extend(split.split())
        else:
            spelled.append(w)
    # a question word of another language is a function word too ("wer", "quién": no topic)
    stop = STOPWORDS | _FILLER | _FRAMING | _OTHER_STOPWORDS.get(language, frozenset()) | \
        _OTHER_OPENERS.get(language, set())
    content = [w for w in spelled if fold(w) not in stop and not _is_numeral(w) or _is_year(w)]
    # "linjiang", "railway": words an article in Chinese writes 临江, 铁路 (pinyin before typos)
    # (in another language, its names in pinyin only: "¿cuánto tarda el tren a Linjiang?")
    in_chinese_words = {w: _in_chinese(w, keywords) if language == "en" else _in_pinyin(w, keywords)
                        for w in content} if language != "zh" else {}
    corrected = [t for w in content
                 for t in in_chinese_words.get(w) or [_correct(w, keywords) if language == "en" else w]]
    names = _names(text)
    if language not in ("en", "zh"):  # "¿Cuánto ...", "Warum ...": capitalised as it opens the question
        opener = _WORD_RE.search(text)
        names = [n for n in names if not opener or n != opener.group()]
    if language == "de":  # German capitalises every noun ("Tage", "Streik"): a name is one the articles write
        names = [n for n in names if all(w in keywords.vocabulary or _in_pinyin(w, keywords) for w in words(n.lower()))]
    # "¿Por qué se detuvo Ant?": the event in the articles' English too
    events_in_english = [_EVENT_WORDS[language][fold(w)] for w in content if fold(w) in _EVENT_WORDS.get(language, {})]
    corrected += events_in_english
    framed = _figure_frame(text, language)
    if language == "zh":
        romanised = _romanised(content, keywords)
        corrected += [w for pair in romanised for w in pair]
        names += [" ".join(w.capitalize() for w in pair) for pair in romanised]
        named = {w for pair in romanised for w in pair}
        # each Chinese word also in the English the articles use (names are romanised above); one
        # whose English only frames the question (还: "still") goes, as an English one would, and
        # an English rendering with a framing word in it ("time out") is no topic
        english = {w: in_english(w, keywords) for w in content if is_cjk(w)}
        corrected = [w for w in corrected if not (english.get(w) and set(english[w]) <= _FRAMING)]
        corrected += [e for gloss in english.values() if not set(gloss) & _FRAMING for e in gloss if e not in named]
        corrected += [c for a, b in zip(content, content[1:]) if is_cjk(a) and is_cjk(b)
                      for c in [in_english_compound(a, b, keywords)] if c]
    focus = list(dict.fromkeys(stem(w) for w in corrected if stem(w) not in STOPWORDS))
    if language == "zh":  # a Chinese word no article uses says nothing its English rendering does not
        focus = [t for t in focus if not is_cjk(t) or t in keywords.known_terms] or focus
    # A word no article uses, nor any word of the same meaning ("pitch", the articles' "proposal";
    # "when did China outlaw crypto": "ban"), nor any compound of it or its singular ("hoses":
    # "hosepipe"). Whether the event is reported of the question's
    # subject is judged apart (answerability: a premise).
    presupposes = bool(_PRESUPPOSING.match(text))
    unknown = [w for w in corrected if keywords.known_terms.isdisjoint(same_meaning_terms(stem(w)))
               and not any(keywords.in_compound(f) for f in {w, w.removesuffix("s")})] if language == "en" else []
    if not presupposes:
        # Everyday words no article uses ("involved", "originally", "all", "per", "mention") and
        # month names (the period asked about) say nothing of the topic: they neither find passages
        # nor count against them. The thing asked about stays: a noun after "the" or a possessive
        # ("the weather") or the question's last word ("... presidential election"), and so does
        # the verb of "Why did X cancel Y?": the event.
        named = {w.lower() for n in names for w in n.split()}
        spoken = _WORD_RE.findall(text.lower())
        head = {spoken[-1]} if spoken else set()  # "Is the plan dead?", "... presidential election"
        determined = set(_DETERMINED.findall(text.lower()))  # "the weather", "Beijing's bottom line"
        generic = {w for w in unknown if w in _VAGUE or _is_month(w) or (
            w not in named and is_common_word(w) and (
                _NOT_A_NOUN.search(w) or (w not in head and w not in determined)))}
        focus = [t for t in focus if t not in {stem(w) for w in generic}]
        unknown = [w for w in unknown if w not in generic]
    search = " ".join([_correct(w, keywords) if language == "en" and w in content and not in_chinese_words.get(w)
                       else w for w in spelled])
    if language == "en":
        search = " ".join([search, *(t for found in in_chinese_words.values() for t in found)])
    if language == "zh":
        search = " ".join([text, *corrected])
    elif language != "en":
        # and the articles' English for its cognates, to search by ("spéculatifs": "speculative")
        cognates = [e for w in content for e in [_cognate(w, keywords)] if e] if language in _EVENT_WORDS else []
        in_chinese = [t for found in in_chinese_words.values() for t in found]
        search = " ".join([text, *events_in_english, *cognates, *in_chinese])
    kind = _kind(_spelled_out(text) if language == "en" else text if language == "zh" else fold(framed), language)
    parts = _parts(text, stop)
    if kind == "timeline" and not any(_ASKS.match(p) for p in parts[1:]):
        parts = []  # the events a timeline lists ("construction start, first cells") are its lines
    if kind == "compare" and any(_OF_BOTH.search(p) or _OF_SECOND.match(p) for p in parts[1:]):
        # "marsh vs varga, how did each see it", "what did marsh say? how about varga?": the question on both
        # sides, asked with them
        parts = []
    return Question(text=text, search=search, language=language, kind=kind, focus=focus, unknown=unknown,
                    names=names, period=_period(_months_in_english(text, language)), parts=parts, framed=framed)


def _figure_frame(text: str, language: str) -> str:
    """A question in another language with the words it asks a figure by in English ("¿cuántos
    días duró la huelga?": "¿how many days last la huelga?"); empty for English and Chinese (read
    as they are)."""
    frames = _FIGURE_FRAME_RES.get(language)
    if not frames:
        return ""
    for pattern, english in frames:
        text = pattern.sub(english, text)
    return text


def _parts(text: str, stop: frozenset[str]) -> list[str]:
    """The questions inside a question that asks two things ("When did X take effect, and how
    long after that was Y reported?"), or a described subject and a question on it ("the team that
    moved a game - did they make the final?"); empty for a question that asks one. A piece with
    no topic word ("and what happened afterwards?") stays with the piece before it, and so does one
    with a single topic word that asks nothing ("..., the cost"), unless it asks of a described
    subject as "he" or "they" ("- what happened to him after?"): that is asked of whom the first part
    names. A question with a single topic word ("..., and when was it granted?") is a part of its
    own, searched with what the part before asks about (pipeline), unless it asks of the subject
    a dash describes ("the pipeline ... - did it come in on time?"). A clause of time that reports
    an event is a part too ("what tech had ant pitched | before beijing made it stop")."""
    pieces = []  # and whether each is asked of a described subject before a dash (None: no dash)
    for piece in (p for clause in _CLAUSE.split(text) for p in _asking_pieces(clause)):
        timed = _time_pieces(piece, stop)
        if timed:
            pieces += [(timed[0], None), (timed[1], None)]
            continue
        split = _DASH_CLAUSE.split(piece, maxsplit=1)
        if len(split) == 2 and len(_topical(split[0], stop)) >= SUBJECT_WORDS:
            pieces += [(split[0], None), (split[1], bool(PRONOUN.search(split[1])))]
        else:
            pieces.append((piece, None))
    parts: list[str] = []
    for piece, of_subject in pieces:
        piece = piece.strip(" ,;")
        if not piece:
            continue
        topical = _topical(piece, stop)
        # a question of its own, not "..., which one", nor one on the subject a dash describes
        asks_own = of_subject is None and _ASKS.match(piece) and set(topical) - _PRO_FORMS
        if parts and len(topical) < 2 and not of_subject and not asks_own:
            parts[-1] = f"{parts[-1]}, {piece}"
        else:
            parts.append(piece)
    return parts if len(parts) > 1 else []


def _time_pieces(clause: str, stop: frozenset[str]) -> list[str]:
    """A question and the clause of time after it that reports an event ("what tech had ant
    pitched | before beijing made it stop"): that event is asked about too, often told by another
    article. None for "before the ordinance" (no event), nor for "how many days before X took
    effect" (the event dates the question, which has no topic of its own)."""
    m = _EVENT_CLAUSE.search(clause)
    if not m or not any(is_past_form(w) for w in words(m.group(1))):
        return []
    if len(_topical(clause[:m.start()], stop)) < 2:
        return []
    return [clause[:m.start()], clause[m.start():]]


def _topical(text: str, stop: frozenset[str]) -> list[str]:
    """The words of a piece of a question that are no function words (in any accents)."""
    return [w for w in words(text) if fold(w) not in stop]


def is_time_clause(part: str) -> bool:
    """Whether a part is a clause of time cut from its question ("before beijing made it stop")."""
    return bool(_EVENT_CLAUSE.match(f" {part}"))


def _asking_pieces(clause: str) -> list[str]:
    """A Chinese clause split at its full-width commas when every piece asks something."""
    pieces = clause.split("，")
    return pieces if len(pieces) > 1 and all(_ZH_ASKING.search(p) for p in pieces) else [clause]


def _uncontract(word: str) -> str:
    """"who's" -> "who", "Ant's" -> "ant"; "didn't" says nothing of the topic."""
    if word.endswith("n't"):
        return ""
    return re.sub(r"'(s|re|ve|ll|d|m)$", "", word)


def _spelled_out(text: str) -> str:
    """The question with chat shorthand written out ("whats the total capacity" -> "what is the
    total capacity"), so that its kind reads as it would well typed."""
    text = re.sub(r"\bw/o\b", "without", re.sub(r"\bw/(?!o\b)\s*", "with ", text))
    return re.sub(r"[\w']+", lambda m: _SHORTHAND.get(m.group().lower(), m.group()), text)


def _kind(text: str, language: str) -> str:
    text = _GERUND_NOUN.sub(r"\1 the", _FIXTURE.sub(" ", text))
    for kind, pattern in _KINDS:
        if kind == "number" and language == "en" and _MEASURED.search(text):
            return kind
        if kind == "yesno" and language != "en":
            continue  # German "was", Spanish "es": not English auxiliaries
        if pattern.search(text):
            return kind
    return "what"


def _language(text: str) -> str:
    if is_cjk(text):
        return "zh"
    tokens = [fold(w.lower()) for w in re.findall(r"[^\W\d_]{2,}", text)]
    english = sum(t in _ENGLISH_FUNCTION for t in tokens)
    scores = {lang: sum(t in stops and t not in _ENGLISH_FUNCTION for t in tokens)
              for lang, stops in _OTHER_STOPWORDS.items()}
    likeliest, best = max(scores.items(), key=lambda pair: pair[1])
    if re.search(r"[¿¡ñ]", text):
        return "es"
    opener = next(iter(tokens), "")
    # a question word several languages share ("quando", "como"): the one whose words it has most
    opened = [language for language, openers in _OTHER_OPENERS.items() if opener in openers]
    if opened and best >= 1 and english <= best + 1:
        return max(opened, key=scores.__getitem__)
    return likeliest if best >= 2 and best > english else "en"


def _cognate(word: str, keywords: KeywordIndex) -> str | None:
    """The English word of the index that a Spanish, German or French word of six letters or more
    shares its first six letters with, accents aside ("spéculatifs" -> "speculative",
    "reguladores" -> "regulators"): the most frequent one."""
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    if len(plain) < PREFIX or not plain.isalpha() or word in keywords.vocabulary:
        return None
    return keywords.most_frequent_starting(plain[:PREFIX])


def _correct(word: str, keywords: KeywordIndex) -> str:
    """The index's own spelling of a word it does not know: for a typo, the most frequent indexed
    word within one edit (two for long words); for an English word, another form of it the index
    uses ("grown" -> "growth"). Short words are left alone, and so is a word's first letter: a typo
    seldom changes it, and a name no article uses is no typo of another word ("tencent", "percent")."""
    if len(word) < 4 or not word.isalpha() or word in keywords.vocabulary or stem(word) in keywords.known_terms:
        return word
    if not keywords.known_terms.isdisjoint(same_meaning_terms(stem(word))):  # "watchdog": the articles' "regulator"
        return word
    # a real word the articles do not use, or a form of one ("hoses": the articles' "hosepipe"), is no
    # typo ("homes"); maybe another form of one they do
    if is_english_word(word) or is_english_word(stem(word)):
        return keywords.same_root(word) or word
    closest = keywords.closest_word(word, max_edits=1 if len(word) < 7 else 2)
    return closest if closest and closest[0] == word[0] else word


def _in_chinese(word: str, keywords: KeywordIndex) -> list[str]:
    """For an English question about an article in Chinese, the Chinese words of the index that
    a word no English article uses spells in pinyin ("linjiang" -> 临江) or means ("railway" ->
    铁路)."""
    if stem(word) in keywords.known_terms or not _may_be_pinyin(word, keywords):
        return []
    return _in_pinyin(word, keywords) or in_chinese(word, keywords)


def _in_pinyin(word: str, keywords: KeywordIndex) -> list[str]:
    """The Chinese words of the index a name no English article uses spells in pinyin ("linjiang" -> 临江)."""
    return _pinyin_index(keywords).get(word.lower(), []) if _may_be_pinyin(word, keywords) else []


def _may_be_pinyin(word: str, keywords: KeywordIndex) -> bool:
    # a word no article writes, and an article in Chinese to look in (else no dictionary to load)
    return len(word) >= 3 and word.isascii() and word not in keywords.vocabulary and bool(chinese_terms(keywords))


@lru_cache(maxsize=1)  # of the current index only
def _pinyin_index(keywords: KeywordIndex) -> dict[str, list[str]]:
    from pypinyin import lazy_pinyin

    found: dict[str, list[str]] = {}
    for term in chinese_terms(keywords):
        if 2 <= len(term) <= 4:
            found.setdefault("".join(lazy_pinyin(term)), []).append(term)
    return found


def _romanised(chinese_words: list[str], keywords: KeywordIndex) -> list[list[str]]:
    """English articles write Chinese names in pinyin: 周小川 -> "zhou", "xiaochuan"; 北京 ->
    "beijing". The spellings the index uses are kept."""
    from pypinyin import lazy_pinyin

    found = []
    for word in chinese_words:
        if not 2 <= len(word) <= 4 or not is_cjk(word):
            continue
        syllables = lazy_pinyin(word)
        for parts in (["".join(syllables)], [syllables[0], "".join(syllables[1:])]):
            if all(p in keywords.vocabulary for p in parts):
                found.append(parts)
                break
    return found


def _names(text: str) -> list[str]:
    names = [re.sub(r"['’]s$", "", m.group()) for m in _NAME.finditer(text)]  # "JD.com's" -> "JD.com"
    return [n for n in dict.fromkeys(names) if n.lower() not in _WH_OPENERS]


def _is_month(word: str) -> bool:
    return word[:3] in _MONTHS and bool(_MONTH_WORD.fullmatch(word))


def _is_numeral(word: str) -> bool:
    """A figure or an ordinal in figures ("28th", "1st"): a day or a rank, no word of the topic that
    an article would use (it writes "June 28", "first")."""
    return bool(re.fullmatch(r"\d+(?:st|nd|rd|th)?", word))


def _is_year(word: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d", word))


def _months_in_english(text: str, language: str) -> str:
    """The question with the months another language names in English, capitalised as names ("mayo" ->
    "May": the month, not the verb)."""
    months = _MONTHS_IN_ENGLISH.get(language)
    if not months:
        return text
    return re.sub(r"[^\W\d_]+", lambda m: months.get(fold(m.group().lower()), m.group()), text)


def _period(text: str):
    """The span of months a question names ("between July and October 2025"), when it names two."""
    found = []
    for m in _MONTH_WORD.finditer(text):
        if m.group(1) == "may" and not _MONTH_MAY.search(text[:m.start()]) and not m.group(2):
            continue  # the modal verb ("who may halt ..."), not the month ("from march to may")
        if m.group(1):
            found.append((_MONTHS.index(m.group(1)[:3].lower()) + 1, int(m.group(2)) if m.group(2) else None))
        elif m.group(4):
            found.append((int(m.group(4)), None))
    if len(found) < 2 or not all(1 <= month <= 12 for month, _ in found[:2]):
        return None
    (m1, y1), (m2, y2) = found[0], found[1]
    return (m1, y1 or y2), (m2, y2 or y1)
