"""Each kind of question gets the answer it asks for, over the seeds plus the test corpus
(tests/corpus: other subjects, a follow-up story, Markdown, HTML, a PDF with wrapped lines,
an article in Chinese). Questions here are phrased as users type them."""

import re
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from index.keyword import terms
from index.readers import read_article
from qa import REFUSAL, answer
from qa.compose import (_ENDS, _asked_unit, _counted, _in_unit, _names_near, _on_subject, _says,
                        _sets_against, _side_fit)
from qa.evaluate import load, refuses, run, summary
from qa.pipeline import _named_in, _said_of
from qa.rank import _continues, _fits
from qa.text import has_date, has_figure

from test_answers import assert_cited

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def ask(corpus_settings, corpus_index):
    def ask(question):
        result = answer(question, settings=corpus_settings, index=corpus_index)
        for c in result.citations:
            assert read_article(c.source).text[c.start:c.end] == c.text
        assert_cited(result)
        return result
    return ask


def names(result):
    return [Path(c.source).name for c in result.citations]


def test_a_quote_follows_its_speaker_across_a_dropped_banner_line(ask):
    # "... shared on his social media account, “...”" / cfn-banner-760x90 / "He further warned, “...”"
    result = ask("what did the ex bank of china no.2 post online about the dollar coins")
    assert "Wang Yongli" in result.text and "strategic risk" in result.text


def test_when_gives_a_stated_date(ask):
    result = ask("when does the hk stablecoin law kick in")
    assert re.search(r"Aug(ust)?\.? 1", result.text) and not refuses(result)


def test_when_falls_back_on_the_article_date_and_says_so(ask):
    result = ask("When were the firms told to stand down?")
    assert result.text.startswith("Reported on 19 October 2025:")
    assert names(result) == ["004_f3017f71133a5652.txt"]


def test_how_much_gives_the_figure(ask):
    result = ask("how big did hong kong's digital asset market get in the first half")
    assert "233%" in result.text or "26.1" in result.text


def test_how_much_without_a_figure_says_so_and_what_they_say(ask):
    result = ask("How large were the reserves Ant proposed to back its stablecoin?")
    assert result.text.startswith("The articles do not give a figure for") and result.missing == "figure"
    assert refuses(result) and not result.abstained and result.citations  # what they do say, cited


def test_now_leads_with_the_newest_article_on_the_subject(ask):
    result = ask("is ant still going ahead with the stablecoin?")
    assert result.text.startswith("As of 19 October 2025, the newest article on this reports:")
    assert re.search(r"hold|halt|stand down", result.sentences[0].text)
    assert all("Earlier, on" in s.text for s in result.sentences[1:] if s.citations and
               result.citations[s.citations[0] - 1].source != result.citations[0].source)


def test_now_of_an_event_only_sought_in_undated_articles_leads_with_a_dated_one(ask):
    # the undated articles report only lobbying "to approve"; the dated one tells where it stands
    result = ask("hows the central bank sign-off on the offshore yuan coins going")
    assert result.text.startswith("As of 19 October 2025, the newest article on this reports:")
    # ... but an undated article that reports the state asked about answers it
    result = ask("is crypto trading still banned in mainland china")
    assert "continues to ban crypto trading" in result.sentences[0].text


def test_now_states_the_event_asked_about_from_the_newest_article(ask):
    # the article's sentence ranked first names the school and its head; one on the ban answers
    result = ask("r phones still banned at hollins park?")
    assert "Margaret Ellery was head teacher" not in result.text and re.search(r"\bban", result.text)


def test_chinese_now_question_frames_like_an_english_one(ask):
    # 还 ("still") frames the question: no topic word, so the newest article on the rest leads
    result = ask("京东和蚂蚁现在还在推进离岸人民币稳定币吗")
    assert result.text.startswith("As of 19 October 2025")


def test_now_follows_a_story_to_its_follow_up(ask):
    result = ask("is the hosepipe ban in harlow still on?")
    assert names(result)[0] == "b_followup.txt" and "3 November 2025" in result.text


def test_timeline_lists_dated_events_in_order(ask):
    result = ask("walk me through the riverton transit strike from start to finish")
    lines = result.text.splitlines()
    times = [_line_time(line) for line in lines]
    assert len(lines) >= 3 and None not in times and times == sorted(times)
    assert {"a_wire_1.txt", "a_wire_2.txt"} <= set(names(result))
    assert any(line.startswith("13 January 2025:") and "Jan. 13" in line for line in lines)
    assert "March 3" in result.text  # the end of the strike


def _line_time(line: str) -> datetime | None:
    """The time a timeline line is put under: "13 January 2025", "August 2025" or "2011" (an
    article's date said as such: "18 March 2025 (article date)")."""
    for fmt in ("%d %B %Y", "%B %Y", "%Y"):
        try:
            return datetime.strptime(line.split(":")[0].removesuffix(" (article date)"), fmt)
        except ValueError:
            continue
    return None


def test_timeline_keeps_to_the_period_asked(ask):
    result = ask("what happened with kestrel reservoir between june and november 2025")
    times = [_line_time(line) for line in result.text.splitlines()]
    assert None not in times and times == sorted(times)
    assert all(datetime(2025, 6, 1) <= t < datetime(2025, 12, 1) for t in times)
    assert set(names(result)) == {"b_page.html", "b_followup.txt"}


def test_a_timeline_keeps_to_the_story_asked_about(ask):
    # the opinion piece, the match report and the drought story hold "start", "end" or "Riverton"
    # too: they tell other stories, and their dated sentences are no events of the strike
    result = ask("take me through the riverton bus strike from beginning to end")
    assert set(names(result)) <= {"a_wire_1.txt", "a_wire_2.txt"}, result.text


@pytest.mark.parametrize("question", [
    "南临高铁全长几公里？二等座多少钱？",
    "how long is the qinglanshan tunnel and what did the rerouting at bailu lake cost"])
def test_a_sentence_added_for_the_words_left_out_is_of_the_same_story(ask, question):
    # a fare rise in the transit strike, or a glacier's retreat, ranks close for "fare" or "cost":
    # the rail line's own article holds the rest
    assert set(names(ask(question))) == {"a_chinese.txt"}


def test_a_timelines_listed_events_are_of_its_story(ask):
    # the battery plant's "construction is scheduled to begin" holds "construction start" too
    result = ask("timeline of the nanling-linjiang railway - construction start, opening day, what comes next")
    assert set(names(result)) == {"a_chinese.txt"}, result.text


def test_timeline_takes_in_a_follow_up_told_in_other_words(ask):
    # the halt article ranks below the pool (it says "put on hold", not "pullback") yet is the story's end
    result = ask("walk me thru the whole jd/ant offshore yuan coin saga, from the lobbying to the pullback")
    assert "004_f3017f71133a5652.txt" in names(result) and "on hold" in result.text
    assert "19 October 2025 (article date): " in result.text  # dated by its report, said as such


def test_timeline_dates_a_weekday_by_its_report(ask):
    # "at 38% of capacity on Tuesday", reported on Thursday 12 June: 10 June
    result = ask("how did kestrel reservoir's level change between june and november 2025?")
    assert re.search(r"^10 June 2025: .*38%", result.text, re.M) and "64%" in result.text


def test_compare_cites_both_sides(ask):
    result = ask("ground source vs air source heat pump grant")
    assert "12,000" in result.text and "7,500" in result.text


def test_compared_sides_are_told_by_the_same_measure(ask):
    # November's level is a share of capacity: so is June's, not the sentence naming a June low
    text = ask("the level of kestrel reservoir: june vs november").text
    assert "38%" in text and "64%" in text


def test_a_unit_is_read_after_a_figure_or_as_a_sign_before_it():
    assert _in_unit("a budget of $340 million", "money") and _in_unit("at 38% of capacity", "percent")
    assert not _in_unit("the ban starts from 20 June", "metre")  # the m of "from" is no metre
    assert _in_unit("a line 240km long", "kilometre") and _in_unit("low cost, 24/7 transfers", "hour")
    assert not _in_unit("Ant raised $5m in the round", "metre")  # the m of "$5m" is millions


def test_question_of_two_parts_answers_both(ask):
    result = ask("when did the Stablecoin and Virtual Asset Ordinance take effect, and why did the firms halt?")
    assert "August 1" in result.text
    assert "004_f3017f71133a5652.txt" in names(result) and "002_6f2401aee4336630.txt" in names(result)


def test_a_clause_of_time_is_answered_apart_from_its_question(ask):
    # the lowest level leads, not the storms the clause names
    result = ask("how low was the reservoir at its worst before the october storms came")
    assert "27%" in result.sentences[0].text
    # what the question itself lacks is said first: the clause is no question of its own
    result = ask("how big was the rebate for customers after the restrictions ended")
    assert result.text.startswith("The articles do not give a figure for") and refuses(result)


def test_a_part_gets_the_sentence_on_what_it_asks_not_one_off_its_topic(ask):
    # his words on costs, not the quote after the sentence naming him
    result = ask("what was zhou xiaochuan's take on cutting costs, and what did zhu guangyao argue?")
    assert "little room to cut costs" in result.text and "dollar supremacy" in result.text
    # his words in another article, not a sentence on the market after the first one naming him
    result = ask("what did paul chan say gives hong kong the upper hand, and what does christopher hui call "
                 "stablecoins")
    assert "strategic advantage" in result.text and "not speculative" in result.text
    assert {"000_0a2cbb2d123f8d15.txt", "003_25a0fa9c7a387595.txt"} <= set(names(result))


@pytest.mark.parametrize("question, word", [
    ("Why did Hong Kong scrap its stablecoin licensing regime?", "scrap"),
    ("why did zhou xiaochuan endorse the yuan stablecoins", "endorse"),
])
def test_false_premise_is_named(ask, question, word):
    result = ask(question)
    assert result.abstained and result.text.startswith(REFUSAL) and f"“{word}”" in result.text


def test_a_date_or_a_clock_time_counts_nothing(ask):
    # the only figures on the fans are the match's date and kickoff times
    result = ask("how many fans made the trip from kingsport to millbrook")
    assert result.text.startswith("The articles do not give a figure") and refuses(result)


@pytest.mark.parametrize("question, refused", [
    ("how come kingsport city won their semi-final", True),  # Hartwell beat them
    ("why did port calder beat eastvale", True),  # the other way round
    ("why did kingsport prevail over hartwell", True),  # a win in other words
    ("why did hartwell beat kingsport in the semi", False),  # "came from behind twice to beat"
    ("how come the union voted against the three-year deal", True),  # they voted to ratify it
    ("why did the rvta board decide to lower the standard fare", True),  # it raised it
    ("when did local 412 members ratify the new contract", False),
    ("when did hollins park scrap its mobile phone ban", True),  # it banned them; nothing ended it
])
def test_who_won_how_a_vote_went_or_which_way_a_price_moved_is_read_as_the_articles_report_it(ask, question, refused):
    assert refuses(ask(question)) is refused


def test_a_state_a_why_was_question_ascribes_is_no_event_taken_for_granted(ask):
    # "skeptical" is in no article ("sceptical" and "vigilant" are): how the question sees him, no
    # event; a participle there still names one ("why was ... revoked")
    assert not ask("why was zhou skeptical that stablecoins would make payments cheaper").abstained
    result = ask("why was ant group's singapore stablecoin licence revoked?")
    assert result.abstained and "“revoked”" in result.text


def test_off_topic_is_refused(ask):
    result = ask("who won the 2024 us presidential election")
    assert result.abstained and result.citations == []


@pytest.mark.parametrize("question", ["beijng warning stablecoins", "Beijing warning stablecoins"])
def test_typos_and_case_get_the_same_answer(ask, question):
    assert names(ask(question))[0] == "004_f3017f71133a5652.txt"


def test_chinese_question_about_a_chinese_article(ask):
    result = ask("南岭到临江的高铁票价是多少？")
    assert set(names(result)) == {"a_chinese.txt"} and "198" in result.text


def test_chinese_question_about_an_english_article_uses_pinyin_names(ask):
    result = ask("周小川对稳定币说了什么？")
    assert "004_f3017f71133a5652.txt" in names(result) and "Zhou" in result.text


@pytest.mark.parametrize("sentence, goes_on", [
    ("In those schools, students slept an average of 34 minutes more per night.", True),
    ("Since then the snout has retreated about 1.4 kilometres in total.", True),
    ("At that stake the ice surface dropped by 4.2 metres.", True),
    ("In September the union voted on the deal.", False),
    ("That is the largest loss on record.", True),
])
def test_a_sentence_whose_opening_phrase_points_back_continues_the_one_before(sentence, goes_on):
    assert _continues(sentence) is goes_on


def test_quote_continues_the_sentence_naming_the_speaker(ask):
    result = ask("What did Wang Yongli warn about?")
    assert "strategic risk" in result.text


def test_news_quote_with_respond_with_is_not_taken_for_an_order(ask):
    result = ask("what did Zhu Guangyao urge China to do")
    assert "respond with a yuan-pegged digital alternative" in result.text


def test_quoted_text_is_tidied(ask):
    text = ask("how many homes will the clean heat grant help").text + ask(
        "by how much did hong kong's digital asset market grow in the first half of 2025").text
    assert "**" not in text and not re.search(r"\[\d+\]\.? \[\d+\]", text)  # no emphasis, no own footnotes
    assert "(Wire) -" not in ask("How many riders did the Riverton strike affect?").text  # no dateline


def test_pdf_sentence_wrapped_across_lines_is_quoted_whole(ask):
    result = ask("how long did the students sleep on a typical school night")
    assert names(result)[0] == "b_report.pdf"
    assert any(re.search(r"\d+ hours? and\s+\d+ minutes", c.text) for c in result.citations)


HALVES = ["seeds_heldout.jsonl", "extra_heldout.jsonl", "fresh_heldout.jsonl", "fresh4_heldout.jsonl",
          "fresh5_heldout.jsonl", "fresh6_heldout.jsonl", "fresh7_heldout.jsonl", "fresh8_heldout.jsonl",
          "fresh9_heldout.jsonl", "k9_compare_multihop_heldout.jsonl", "k9_number_now_heldout.jsonl",
          "k9_paraphrase_heldout.jsonl", "k9_refuse_heldout.jsonl"]


@pytest.mark.parametrize("name", HALVES)
def test_heldout_half_meets_its_measured_level(ask, name):
    """Never tuned on (bench/fit_weights.py reads the *_tune halves): the floor is what the
    current version scores, so that a change that makes answers worse fails here."""
    report = summary(run(load(DATA / name), ask))
    floor = HELDOUT_FLOOR[name]
    assert report["facts"]["rate"] >= floor["facts"], report
    assert report["abstain_ok"]["rate"] >= floor["abstain_ok"], report


# Measured at the end of the seventh session of 2026-12-05 (seeds 0.78 / 0.91, extra 0.58 / 0.93,
# fresh 0.71 / 0.90, fresh4 0.66 / 0.85, fresh5 0.77 / 0.88, fresh6 0.67 / 0.88, fresh7 0.76 / 0.84,
# fresh8 0.71 / 0.85, fresh9 0.60 / 0.83, k9_compare_multihop 0.70 / 0.95, k9_number_now 0.80 /
# 0.95, k9_paraphrase 0.70 / 0.95, k9_refuse 1.00 / 0.80), less 0.03 (one question in 30), or one
# question for the 20-question k9 files: file paths differ between indexes and break ties between
# equal scores apart.
HELDOUT_FLOOR = {"seeds_heldout.jsonl": {"facts": 0.75, "abstain_ok": 0.88},
                 "extra_heldout.jsonl": {"facts": 0.55, "abstain_ok": 0.90},
                 "fresh_heldout.jsonl": {"facts": 0.68, "abstain_ok": 0.87},
                 "fresh4_heldout.jsonl": {"facts": 0.63, "abstain_ok": 0.82},
                 "fresh5_heldout.jsonl": {"facts": 0.74, "abstain_ok": 0.85},
                 "fresh6_heldout.jsonl": {"facts": 0.64, "abstain_ok": 0.85},
                 "fresh7_heldout.jsonl": {"facts": 0.73, "abstain_ok": 0.81},
                 "fresh8_heldout.jsonl": {"facts": 0.68, "abstain_ok": 0.82},
                 "fresh9_heldout.jsonl": {"facts": 0.57, "abstain_ok": 0.80},
                 "k9_compare_multihop_heldout.jsonl": {"facts": 0.65, "abstain_ok": 0.90},
                 "k9_number_now_heldout.jsonl": {"facts": 0.75, "abstain_ok": 0.90},
                 "k9_paraphrase_heldout.jsonl": {"facts": 0.65, "abstain_ok": 0.90},
                 "k9_refuse_heldout.jsonl": {"facts": 0.87, "abstain_ok": 0.75}}


def test_when_prefers_the_day_the_event_happened(ask):
    result = ask("what day did the riverton bus strike begin")
    assert "Jan. 13" in result.sentences[0].text and "2011" not in result.sentences[0].text


def test_when_understands_an_idiom_for_the_event(ask):
    result = ask("when were the jd and ant stablecoin projects put on ice?")
    assert re.search(r"19 October 2025", result.text) and not refuses(result)
    assert re.search(r"halt|hold|stand down", result.text)


def test_who_holds_a_role_is_named(ask):
    result = ask("who is the boss of the transit workers' union")
    assert "Okafor" in result.text


def test_who_holds_a_role_now_comes_from_the_newest_article(ask):
    result = ask("who's in charge of the riverton transit authority these days?")
    assert "Raman" in result.text and result.text.startswith("As of 18 March 2025")


def test_compare_names_each_side_by_what_sets_it_apart(ask):
    result = ask("european central bank concerns versus the pboc's concerns on stablecoins")
    assert "European Central Bank" in result.text and "PBoC" in result.text


def test_an_answer_fills_in_the_part_its_first_sentences_leave_out(ask):
    result = ask("how fast did hong kong's digital asset market grow before the HKMA started taking stablecoin "
                 "issuer applications")
    assert re.search(r"233|26\.1", result.text) and "HKMA" in result.text and "August" in result.text


def test_who_holds_a_role_now_is_not_its_former_holder(ask):
    # "former PBoC governor Zhou Xiaochuan" is in the newest article; the governor is named in an older one
    result = ask("who runs the pboc these days")
    assert "Pan Gongsheng" in result.text and "Zhou" not in result.text


def test_when_an_event_was_only_sought_no_date_is_given_for_it(ask):
    # the firms lobbied "to seek authorization"; no article reports an approval, and the HK
    # Monetary "Authority" is no authorisation
    result = ask("when did the pboc approve the rmb stablecoin pilot")
    assert result.text.startswith("The articles do not report what the question takes for granted (“approve”)")
    assert refuses(result) and result.citations and result.missing == "premise"


def test_an_event_a_clause_takes_for_granted_that_no_article_reports_is_named(ask):
    # "resign" is in the articles (of someone else); nobody reports Richard Liu resigning
    result = ask("what did richard liu say when he resigned over the stablecoin halt")
    assert result.text.startswith("The articles do not report what the question takes for granted (“resigned”)")
    assert "Richard Liu" in result.text and refuses(result)


def test_an_event_reported_in_an_idiom_or_of_both_firms_is_no_false_premise(ask):
    # the articles: "both firms halted progress", "put their stablecoin ambitions on hold"
    for question in ("when did jd and ant put the stablecoin plans on ice",
                     "When was the report about Ant and JD halting their stablecoin plans"):
        result = ask(question)
        assert not refuses(result) and "19 October 2025" in result.text, question


def test_when_the_thing_named_is_no_event_asked_about(ask):
    # "the ban" is what was lifted: a sentence on the end of the restrictions dates it
    assert "28 October" in ask("when did northmere lift the ban").text
    # ... and so is the subject of a passive question ("the hosepipe ban ... lifted")
    assert "28 October" in ask("on which date was harlow's hosepipe ban lifted").text


@pytest.mark.parametrize("question, said", [
    # "measured since 1998", not "will return in October"
    ("since when has the glaciologist been taking measurements at fjellbreen", "1998"),
    # the sandbox sentence writes "Hong Kong Monetary Authority", never "HKMA": no false premise,
    # and it dates the sandbox, not August's applications
    ("when did the hkma set up a sandbox for stablecoin issuers", "sandbox"),
    # "Beijing turns cautious after Zhou Xiaochuan's warning" heads "Zhou ... urged restraint during a July forum"
    ("When did Zhou Xiaochuan caution against stablecoins?", "July"),
    # "Applications open on May 1, 2025" names no grant; the explainer's title does
    ("when can westmark homeowners begin applying for the heat pump grant", "May 1, 2025"),
    # "last": the time since which it has not happened again, not the next date on the subject
    ("when did hartwell last get their hands on the northern league cup", "since 1998"),
    ("when did riverton fares last go up", "since 2019"),
])
def test_when_is_answered_by_the_sentence_dating_the_event(ask, question, said):
    result = ask(question)
    assert said in result.sentences[0].text and not refuses(result)


def test_a_list_counts_only_the_thing_asked_for_not_its_modifier(ask):
    # "US dollar stablecoins such as USDT and USDC" lists stablecoins, not stablecoin licences
    result = ask("how many stablecoin licenses is jd going after")
    assert not result.text.startswith("The articles list") and "USDT" not in result.text


def test_how_many_of_a_thing_named_earlier_in_the_question_counts_a_list(ask):
    # "how many did it mention" counts nothing after "how many": the stablecoins asked about before
    result = ask("jd mentioned some dollar stablecoins that already dominate crypto. how many did it mention?")
    assert result.text.startswith("The articles list two:") and "USDC" in result.text and not refuses(result)


def test_called_off_asks_for_no_name(ask):
    assert not ask("when was the riverton walkout called off").text.startswith("The articles do not give the name")


def test_a_chinese_question_finds_an_english_sentence_by_its_words(ask):
    result = ask("Riverton罢工什么时候开始的？")  # when did the Riverton strike start
    assert "Jan. 13" in result.text and not refuses(result)


def test_how_many_gives_the_figure_of_what_is_counted(ask):
    assert ask("how many firms did beijing tell to stop").text.startswith("But multiple sources familiar "
                                                                           "with the matter said both firms")
    assert "1,150 people" in ask("once the kansas plant runs flat out how many people will work there").text


def test_how_many_people_counts_any_kind_of_person_not_what_they_did(ask):
    # "2,400 teachers" counts people; "took part" is what they did, not what is counted
    assert "2,400 teachers" in ask("how many ppl took part in the northbridge survey of schools").sentences[0].text
    # a kind of person counted in words ("two defenders") is no crowd
    assert "18,432" in ask("how many people turned up to watch hartwell play kingsport").sentences[0].text


@pytest.mark.parametrize("question, said", [
    ("how many cows are on gareth pryce's farm", "300-cow"),  # the figure written onto what it counts
    ("how many mm of rain did the harlow basin get in october", "214mm"),  # a unit written onto its figure
    ("on how many days was it over 25 degrees at the glacier in june", "eleven days"),  # a figure in words
])
def test_a_count_or_unit_written_onto_its_figure_or_in_words_is_found(ask, question, said):
    result = ask(question)
    assert said in result.sentences[0].text and not refuses(result)


@pytest.mark.parametrize("question", ["Wie lange braucht der Zug von Nanling nach Linjiang?",
                                      "combien de temps faut-il pour aller de Nanling à Linjiang en train ?"])
def test_a_name_in_pinyin_finds_an_article_in_chinese_in_any_language(ask, question):
    # "Nanling", "Linjiang": 南岭, 临江; the travel time between them, not to Haizhou
    assert "1小时35分钟" in ask(question).sentences[0].text


def test_shrinking_is_a_fall(ask):
    # no article writes "shrink": a glacier that "retreated 86 metres", whose ice "dropped", shrank
    result = ask("by how much did the fjellbreen glacier shrink over the summer")
    assert "86 metres" in result.text and not refuses(result)


def test_a_plural_ends_the_thing_counted(ask):
    # "how many regulators want ...": regulators are counted, and the two the articles list after
    # "regulators — including" answer it
    assert _counted("how many homes get power from brevik") == ["home"]
    assert _counted("how many weekday riders") == ["weekday", "rider"]
    result = ask("how many regulators want jd and ant to drop their stablecoin plans")
    assert result.text.startswith("The articles list two")


def test_a_count_asked_in_another_language_is_of_the_thing_it_names(ask):
    # "¿a cuántos hogares ...": homes counted ("about 18,000 homes"), not a household's savings
    assert "18,000 homes" in ask("¿a cuántos hogares da electricidad la central hidroeléctrica de Brevik?").text


def test_a_figure_is_of_the_thing_the_question_names_after_how_big(ask):
    # "Turnout was 88 percent" names only the turnout, not the vote; it leads all the same
    assert "88 percent" in ask("how large was the turnout when local 412 voted on the contract").sentences[0].text


def test_how_long_without_a_verb_of_time_is_answered_by_a_span(ask):
    # "how long was X": no "last" or "take", still a span ("49-day"), not a share of pupils at school
    assert "49-day" in ask("how long was the walkout by riverton transit staff").sentences[0].text


def test_when_prefers_the_sentence_with_the_figure_the_question_cites(ask):
    assert "38%" in ask("when was kestrel down at 38 percent of capacity").sentences[0].text


def test_when_takes_a_weekday_for_a_date(ask):
    # "... in the other semi-final on Friday" dates it; "a final ... on May 17" is another match
    assert "Friday" in ask("what day did eastvale knock out port calder").sentences[0].text
    # ... but not for a month asked ("sent Hartwell into the final on Saturday")
    assert "May 17" in ask("what month is the final between hartwell and eastvale").sentences[0].text


def test_when_a_thing_was_finished_is_dated_by_its_completion(ask):
    result = ask("when was the tarn pipeline finished")  # "... was completed on 2 September"
    assert "2 September" in result.sentences[0].text and not refuses(result)


@pytest.mark.parametrize("question, said", [
    ("when do riverton's higher fares come in", "July 1"),  # "voted ... to raise the fare ... from July 1"
    ("when is the corvane training programme starting", "January 2026"),  # "is expected to start in"
])
def test_when_of_what_lies_ahead_takes_a_planned_date(ask, question, said):
    result = ask(question)
    assert said in result.sentences[0].text and not refuses(result)


def test_what_the_present_holder_of_a_role_said(ask):
    # the newest article names only the "former PBoC governor"; the governor is named in an undated one
    result = ask("what had the current PBOC governor said about stablecoins")
    assert "Pan Gongsheng" in result.text and "Zhou" not in result.text


def test_who_is_answers_with_the_whole_name_not_a_namesake(ask):
    # a study's "Professor Miriam Okafor" ranks first by passage; the union's president is the one asked of
    result = ask("who is denise okafor")
    assert result.text.find("Denise Okafor") != -1 and "Miriam" not in result.text


def test_a_named_thing_asked_of_in_other_words_keeps_its_best_sentence(ask):
    # every word asked is in "levels were currently dropping"; the best sentence names Kestrel
    # Reservoir and gives its level in words of its own ("38% of capacity")
    result = ask("water level at kestrel reservoir")
    assert result.sentences[0].text.startswith("Kestrel Reservoir") and "38%" in result.text


def test_name_terms_are_those_the_articles_capitalise(corpus_index):
    keywords = corpus_index.keyword_index
    assert all(keywords.is_name_term(t) for t in ("kestrel", "hong", "kong", "jd"))
    assert not any(keywords.is_name_term(t) for t in ("level", "central", "stablecoin"))
    assert keywords.is_name_term("kestrel") and not keywords.is_name_term("level")  # the same on every call


def test_a_compared_side_from_another_subject_is_left_out(ask):
    result = ask("compare the bus strike pay offer and the final deal")
    assert "11 percent" in result.text and "Hartwell" not in result.text and "goal" not in result.text


def test_a_chinese_question_about_now_is_led_by_the_newest_article(ask):
    result = ask("蚂蚁集团现在还在做稳定币吗？")  # is Ant Group still doing stablecoins now?
    assert result.text.startswith("As of 19 October 2025")


def test_compare_takes_the_named_sides_and_a_synonym_of_the_articles_word(ask):
    result = ask("How did JD's pitch differ from Ant's?")  # "pitch": the articles say "proposal"
    assert not refuses(result)
    assert any("JD" in c.text for c in result.citations) and any("Ant" in c.text for c in result.citations)


def test_no_comment_boilerplate_answers_only_a_question_about_comments(ask):
    assert "did not respond" not in ask("who lobbied the pboc and what did they want").text
    assert "did not respond" not in ask("why did the PBoC step in").text
    assert ask("did the hkma comment on the halt").text.startswith("Neither the PBoC nor HKMA commented")


def test_how_much_adds_a_second_figure_only_from_the_same_article(ask):
    result = ask("how much did hk's digital asset market grow")
    assert "233%" in result.text and len({c.source for c in result.citations}) == 1


def test_how_many_counts_the_names_a_sentence_lists(ask):
    # "participants including Standard Chartered Bank, Animoca Brands, ..., JD Coinlink, and RD InnoTech"
    result = ask("how many participants does the article name in the HKMA stablecoin sandbox")
    assert result.text.startswith("The articles list five:") and "RD InnoTech" in result.text and not refuses(result)
    # ... but not how many of them are banks
    assert refuses(ask("how many banks took part in the hkma sandbox"))


def test_a_figure_must_be_of_the_thing_and_in_the_unit_asked(ask):
    # "38% of capacity" is no capacity in litres; "30 million litres a day" is a pipeline's
    assert ask("whats the total capacity of kestrel reservoir in litres").text.startswith(
        "The articles do not give a figure for")
    # "about 18,000 homes" counts homes, not salmon
    assert ask("how many salmon live in the river below fjellbreen").text.startswith(
        "The articles do not give a figure for")
    # "24/7" is in hours
    result = ask("how many hrs a day could yuan stablecoin transfers run")
    assert "24/7" in result.text and not refuses(result)
    # a possessive before the measured thing: "Corvane's annual revenue" (not given)
    result = ask("whats corvane's annual revenue")
    assert result.text.startswith("The articles do not give a figure for “whats corvane's annual revenue”.")


def test_how_big_asks_for_a_figure_of_the_thing_named(ask):
    # no article gives a compensation figure for the farmers; "how big" is not the topic
    result = ask("how big was the compensation the tarn farmers got for their suspended licences")
    assert result.text.startswith("The articles do not give a figure for “how big was the compensation")
    # of two measured words in a row, the last: the budget, not the grant
    assert "$340 million" in ask("how large is the clean heat grant budget").text


def test_a_price_or_a_payment_is_a_sum_of_money(ask):
    # "for the past six years" is no pay; "seven fines" alone is no fine's size
    result = ask("what salary does the rvta's interim boss priya raman get")
    assert result.text.startswith("The articles do not give a figure for") and refuses(result)
    result = ask("how much could you be fined for using a hosepipe during the harlow ban")
    assert re.search(r"£1,000|750 pounds", result.text) and not refuses(result)
    assert "198" in ask("南岭东站到临江南站的车票多少钱").text
    assert _asked_unit("how much did they pay for the site") == "money"
    assert _asked_unit("wie hoch ist der kurs der aktie") == "money"  # a quoted price
    # a count of fines, a share of the cost, a pay rise: no sum of money asked
    assert _asked_unit("how many fines were handed out") is None
    assert _asked_unit("what share of the cost does the grant cover") is None
    assert _asked_unit("how much of a pay rise did drivers get") is None


def test_what_time_asks_for_a_clock_time(ask):
    # the final's date (May 17) is given, not its kick-off time
    result = ask("what time does the northern league cup final kick off")
    assert result.text.startswith("The articles do not give a time for") and refuses(result)


def test_a_quote_comes_with_the_sentence_naming_its_speaker(ask):
    result = ask("what did the former PBoC governor warn about")
    assert "Zhou Xiaochuan" in result.text and "vigilant" in result.text


def test_an_idiom_or_how_come_takes_an_event_for_granted(ask):
    # the PBoC approved nothing ("lobbying ... to approve" is no approval); the council has yet to vote
    for question, said in (("how come the pboc signed off on JD's stablecoin", "signed off"),
                           ("why did ashcombe council vote down the phone ban", "vote down"),
                           # firms applied for licences; none was handed out
                           ("when did the hkma hand out its first stablecoin licences", "hand out")):
        result = ask(question)
        assert result.text.startswith(f"The articles do not report what the question takes for granted (“{said}”)")
        assert result.citations, question  # ... and what they do say
    assert refuses(ask("how come fjellbreen grew 86 metres this summer"))  # it retreated 86 metres


def test_who_did_what_the_articles_speak_of_only_as_sought_is_refused(ask):
    # firms plan or apply for stablecoin licences; no article says anyone was granted one
    for question, said in (("who got a hong kong stablecoin licence", "got"),
                           ("who has been awarded a licence to issue stablecoins in hk", "awarded")):
        result = ask(question)
        assert result.text.startswith(f"The articles do not report what the question takes for granted (“{said}”)")
        assert result.citations, question  # ... and what they do say
    # a win reported in other words ("Eastvale beat Port Calder"), a goal asked as a "winner"
    assert "Eastvale" in ask("who beat port calder").text
    assert "Tanaka" in ask("so who scored the winner for hartwell").text


def test_who_is_someone_keeps_to_sentences_on_them(ask):
    # Zhu Guangyao, a former vice-minister beside him in the article, is someone else; his quote stays
    result = ask("Who was Zhou Xiaochuan")
    assert "Zhou Xiaochuan" in result.text and "vigilant" in result.text and "Zhu" not in result.text


def test_a_walkout_is_a_strike_and_its_start_is_dated(ask):
    assert "Jan. 13" in ask("when did the walkout begin").text


def test_when_news_came_out_is_the_date_it_was_reported(ask):
    # "halting" names what the news was about; the question's verb is "come out"
    result = ask("when did word of the firms halting come out")
    assert result.text.startswith("Reported on 19 October 2025:") and not refuses(result)


def test_who_is_in_charge_now_names_the_present_holder(ask):
    result = ask("who is in charge at the transit authority now")
    assert "Priya Raman" in result.text and "interim general manager" in result.text


def test_a_chinese_question_is_matched_to_a_chinese_sentence_by_its_own_words(ask):
    # the English glosses of its words (second, rate, money) are for English sentences
    result = ask("南临高铁二等座多少钱")
    assert "198元" in result.text and not refuses(result)


def test_a_question_in_another_language_about_a_chinese_article_gets_its_figure(ask):
    # the question's Spanish words are not the article's: meaning decides what is on the subject
    result = ask("¿Cuánto tarda ahora el tren entre Nanling y Linjiang?")
    assert not refuses(result) and "小时" in result.text


def test_why_leads_with_the_reason_for_the_event_asked_about(ask):
    # "bring in" is imposing the ban; the sentence on lifting it (also with an "after") comes later
    result = ask("why did northmere bring in the hosepipe ban")
    assert result.sentences[0].text.startswith("Northmere Water will impose a hosepipe ban")
    assert "lowest June level" in result.sentences[0].text


def test_a_single_articles_timeline_has_room_for_four_events(ask):
    result = ask("walk me through the corvane battery plant schedule")
    assert len(result.text.splitlines()) == 4 and "2029" in result.text and set(names(result)) == {"b_release.txt"}


def test_a_timeline_in_another_language_takes_in_every_article_on_the_subject(ask):
    # "Vorhaben", "wurde": the question's German words no article uses do not count against an article
    result = ask("chronologie bitte: was wurde aus den yuan stablecoin vorhaben")
    assert "7 July 2025" in result.text and "19 October 2025" in result.text


def test_a_timeline_gives_an_undated_article_by_the_times_it_states_not_its_lead(ask):
    # "In closed-door discussions, Ant Group and JD have urged ...": an undated lead is no dated event,
    # and took the line of "Last year, the HKMA ... launched a sandbox"
    lines = ask("how did the offshore yuan stablecoin push unfold").text.splitlines()
    undated = [line.removeprefix("Undated: ") for line in lines if line.startswith("Undated: ")]
    assert undated and all(has_date(line) for line in undated)
    assert any("sandbox" in line for line in undated)


def test_a_timeline_keeps_an_undated_articles_time_as_undated(ask):
    # "Last year, the HKMA ... launched a sandbox", in an article with no date to count from
    result = ask("hong kong stablecoin sandbox and licensing: the history?")
    assert any(line.startswith("Undated: Last year") and "sandbox" in line for line in result.text.splitlines())


@pytest.mark.parametrize("sentence, gives_a_cause", [
    ("The board chair resigned on Friday, citing ill health.", True),
    ("The paper reported, citing sources familiar with the talks, that the deal was off.", False),  # who told
])
def test_citing_sources_is_no_reason(sentence, gives_a_cause):
    assert _fits("why", sentence) is gives_a_cause


@pytest.mark.parametrize("sentence, gives_a_cause", [
    ("The mayor questioned the plan, arguing that it would cost too much.", True),  # grounds of an act
    ("Its final cost ran over, which the council blamed on flooding during the works.", True),
    ("As the largest port on the coast, Dunmore is seen as the natural choice.", True),  # what it is says why
    ("She had argued that the port was well run.", False),  # what was argued, no reason for anything
    ("As of Monday, the port was open.", False),
])
def test_grounds_said_as_such_give_a_cause(sentence, gives_a_cause):
    assert _fits("why", sentence) is gives_a_cause


@pytest.mark.parametrize("question, lead", [
    # "Zhu had argued that ..." ranks higher but is no reason of Zhou's
    ("why isnt zhou xiaochuan convinced stablecoins will cut payment costs", "Zhou also questioned the actual need"),
    ("why did the river tarn pipeline go over budget", "Its final cost was 16.2 million pounds"),
])
def test_why_leads_with_a_reason_said_as_such_on_the_topic(ask, question, lead):
    assert ask(question).sentences[0].text.startswith(lead)


def test_why_leads_with_the_reason_under_a_heading_that_states_the_topic(ask):
    # the section "Beijing turns cautious after Zhou Xiaochuan's warning" opens with the reason asked for
    result = ask("how come beijing turned so cautious about stablecoins")
    assert result.sentences[0].text.startswith("Momentum shifted after former PBoC governor Zhou Xiaochuan")


def test_why_adds_another_reason_the_article_gives_as_such(ask):
    # "the ban was also needed because demand surged": ranked low, but a reason for the same event
    result = ask("why did northmere water impose the hosepipe ban on its customers")
    assert "lowest June level" in result.text and "demand surged" in result.text


def test_an_english_question_finds_an_article_in_chinese_by_pinyin_and_meaning(ask):
    # "nanling", "linjiang": 南岭, 临江 (not typos of English words); "railway": 铁路
    result = ask("nanling linjiang ticket price")
    assert "198元" in result.text and not refuses(result)


def test_compare_takes_the_owner_of_a_possessive_as_the_side(ask):
    # "zhou xiaochuan's view": Zhou is the side, his view the topic (not a sentence that says "viewed")
    result = ask("how did zhou xiaochuan's view on stablecoins differ from pan gongsheng's")
    assert "Zhou Xiaochuan" in result.text and "Pan Gongsheng" in result.text and "viewed" not in result.text


def test_a_sum_of_money_or_a_share_counts_no_people(ask):
    # "$340 million", "up to $12,000": no count of applicants
    result = ask("how many people have applied for the westmark heat pump grant so far")
    assert result.text.startswith(
        "The articles do not give a figure for “how many people have applied for the westmark heat pump grant so far”.")


def test_how_many_finds_the_figure_after_another_word_for_what_is_counted(ask):
    # "will employ about 1,150 people" answers "how many jobs", however low it ranks
    result = ask("how many jobs will the kansas battery plant bring")
    assert result.sentences[0].text.startswith("At full capacity, the Millbrook plant will employ about 1,150 people")


def test_step_in_is_an_intervention(ask):
    result = ask("when did beijing step in")
    assert result.text.startswith("Reported on 19 October 2025:") and "intervention from Beijing" in result.text


@pytest.mark.parametrize("question", ["¿Por qué se detuvo Ant?", "Warum hat Ant die Pläne gestoppt?",
                                      "Pourquoi JD a-t-il arrêté son projet?",
                                      # typed without accents; the reason for the halt leads, not the plans
                                      "pourquoi ant group a arrete ses stablecoins"])
def test_why_in_another_language_gets_the_halt_and_its_cause(ask, question):
    # the question's verb for the event is looked for in the articles' English too ("halted", "on hold")
    result = ask(question)
    assert re.search(r"on hold after a direct intervention|halted progress after", result.sentences[0].text)


def test_a_chinese_word_glossed_by_its_parts_finds_the_articles_other_form_of_them(ask):
    # 欧洲央行 is no dictionary word: 欧洲 "Europe" + 央行 "central bank"; the articles write "European"
    result = ask("欧洲央行怎么看美元稳定币")
    assert result.sentences[0].text.startswith("The European Central Bank has also raised alarms")


def test_a_chinese_question_uses_the_english_words_the_articles_write(ask):
    # 创始人: "founder" (not "initiator", which only shares a stem with "initiative"); 牌照: "licence",
    # written "license"; 稳定 + 币 (jieba splits it): "stablecoin"
    result = ask("京东创始人对稳定币牌照说了什么？")
    assert result.sentences[0].text.startswith("JD.com founder Richard Liu has also said")


def test_a_count_is_of_the_word_right_after_it(ask):
    # "Both firms plan stablecoin issuances": two firms, no count of stablecoins
    result = ask("how many stablecoins are pegged to the us dollar")
    assert result.text.startswith("The articles do not give a figure for") and refuses(result)


@pytest.mark.parametrize("question", ["did ant's blockchain pitch to the pboc end up going anywhere",
                                      "that stablecoin thing w/ jd and ant.. what happened with it"])
def test_an_outcome_question_is_answered_from_the_newest_article(ask, question):
    result = ask(question)
    assert result.text.startswith("As of 19 October 2025, the newest article on this reports:")


def test_a_start_from_a_month_is_a_date(ask):
    # "plans a follow-up study ... from September 2025": when it starts, stated
    result = ask("when does the eastbridge follow-up study start")
    assert not refuses(result) and "September 2025" in result.sentences[0].text


def test_a_figure_of_something_else_is_no_figure_of_what_is_measured(ask):
    # salaries and head counts are no revenue, whatever words come before "revenue"
    result = ask("what's corvane's expected annual revenue from the millbrook plant")
    assert result.text.startswith("The articles do not give a figure for") and refuses(result)


def test_a_count_asked_with_which_ones_gets_the_list(ask):
    # "including the People's Bank of China (PBoC) and the Cyberspace Administration of China (CAC)"
    result = ask("how many mainland regulators told ant and jd to stand down, and which ones")
    assert result.text.startswith("The articles list two:") and "Cyberspace Administration" in result.text


def test_the_owner_in_a_compared_side_is_the_side(ask):
    # "JD's pitch to the central bank ... Ant's": JD and Ant are the sides, not "pitch" or "central"
    result = ask("how was jd's pitch to the central bank different from ant's")
    assert result.sentences[0].text.startswith("JD.com pointed out") and "Trusple" in result.sentences[1].text


@pytest.mark.parametrize("question", ["How much did Ant invest in Trusple?",
                                      "how much did northmere pay out in rebates after the hosepipe ban",
                                      "what did richard liu say when he stepped down over the stablecoin halt"])
def test_an_amount_or_clause_taking_an_unreported_event_for_granted_is_refused(ask, question):
    # "how much did X invest": X investing is taken for granted; "when he stepped down": his resigning
    result = ask(question)
    assert refuses(result) and result.text.startswith("The articles do not report what the question takes")


def test_a_verb_that_measures_is_no_premise(ask):
    # no article uses "affect": the strike and its riders are what is asked about
    result = ask("How many weekday riders did the Riverton strike affect")
    assert "118,000" in result.text and not refuses(result)


def test_who_is_running_an_acronym_now_is_its_head(ask):
    result = ask("who's running the rvta at the moment")
    assert "Priya Raman" in result.sentences[0].text


def test_an_outcome_is_told_by_a_later_article_on_whom_the_thing_asked_names(ask):
    # the pitch (7 July, Trusple) and what came of it (19 October, on hold), both cited
    result = ask("ant pitched its own blockchain tech for the stablecoin payments. "
                 "did that pitch go anywhere in the end?")
    assert result.text.startswith("As of 19 October 2025, the newest article on this reports:")
    assert "on hold" in result.sentences[0].text and "Trusple" in result.sentences[1].text
    assert result.sentences[1].text.startswith("Earlier, on 7 July 2025:")


def test_why_answered_by_a_list_of_reasons_gets_each_item(ask):
    # "Three things came together. First, ... Second, ... And third, ...", across a passage boundary
    result = ask("why was the glacier melt so bad this summer")
    assert [s.text.split(",")[0] for s in result.sentences] == ["First", "Second", "And third"]


def test_how_long_gets_a_span_of_time_of_the_news_not_of_its_history(ask):
    # "49-day stoppage" over "the last major strike, in 2011, lasted nine days"; not "$4.2 million a day"
    result = ask("how long did the riverton strike last")
    assert result.sentences[0].text.startswith("The 49-day stoppage") and "a day" not in result.text


def test_how_long_in_english_finds_the_span_in_a_chinese_article(ask):
    result = ask("how long does the train take now between nanling and linjiang")
    assert "1小时35分钟" in result.sentences[0].text


def test_who_is_asks_for_a_present_holder_before_a_former_one(ask):
    # "PBOC Governor Pan Gongsheng" before "former PBoC governor Zhou Xiaochuan"
    assert "Pan Gongsheng" in ask("Who is the governor of the PBOC?").sentences[0].text


def test_a_figure_the_articles_say_is_not_known_is_not_given(ask):
    # "still calculating the total cost of the walkout": not the "$4.2 million a day" estimate
    result = ask("what was the total cost of the strike to downtown businesses")
    assert result.text.startswith("The articles do not give a figure for") and "still calculating" in result.text


def test_when_prefers_the_sentence_about_what_is_asked_to_one_mentioning_it(ask):
    # "The strike began ... and ended ... on March 3", not "the shuttles ... during the strike, ended on March 4"
    assert ask("when did the riverton strike end").sentences[0].text.startswith("The strike began on Jan. 13")


def test_an_exact_date_asked_is_not_given_by_a_month(ask):
    result = ask("exact date of the july forum where zhou xiaochuan warned abt stablecoins?")
    assert result.text.startswith("The articles do not give a date for") and "July financial forum" in result.text


def test_everyday_words_for_the_same_people_and_things_count_as_one(ask):
    # kids are the article's pupils, mobiles its phones
    result = ask("at that school where mobiles got banned all day, what do the kids put their phones in")
    assert "pouch" in result.text


def test_an_acronym_spelled_out_is_asked_about_whole(ask):
    # "ecb": the European Central Bank, not any central bank
    assert ask("what did the ecb say").sentences[0].text.startswith("The European Central Bank has also raised alarms")


def test_a_name_holding_the_word_asked_as_a_modifier_names_something_else(ask):
    # "Stablecoin and Virtual Asset Ordinance" names a law, not a stablecoin
    assert "Ordinance" not in ask("what's JD's planned hong kong dollar stablecoin called").text
    assert "Ordinance" in ask("what's the hk stablecoin ordinance called").text


def test_a_name_that_only_says_the_kind_names_none(ask):
    # "the RMB stablecoin", "US dollar stablecoins such as USDT": other stablecoins than the one asked
    assert not _names_near("the RMB stablecoin will be issued", "stablecoin", set(), itself=True)
    assert not _names_near("stablecoins pegged to offshore RMB", "stablecoin", set(), itself=True)
    assert _names_near("a forum, called the Lujiazui Forum, opened", "forum", set(), itself=True)
    assert _names_near("Priya Raman, the authority's deputy director, said", "director", set(), itself=True)
    result = ask("what's JD's planned hong kong dollar stablecoin called")
    assert result.text.startswith("The articles do not give the name") and refuses(result)


def test_an_owner_no_article_names_is_refused(ask):
    result = ask("whats huawei's view on an offshore yuan coin")
    assert result.abstained and "“huawei”" in result.text
    assert not refuses(ask("what was ant group's pitch to the pboc about its tech"))


def test_a_chinese_who_is_asks_a_name_beside_the_role(ask):
    # no sentence with "总工程师" (chief engineer) names anyone; "副市长陈晓梅" does
    result = ask("南临高铁项目的总工程师是谁")
    assert result.text.startswith("The articles do not name who that is") and refuses(result)
    result = ask("南岭的副市长是谁？")
    assert "陈晓梅" in result.text and not refuses(result)
    # an English article's word for the role is another: answered as any question
    assert "Paul Chan" in ask("香港财政司司长是谁").text


def test_a_time_counted_from_today_is_refused_without_news_from_then(ask):
    # every article is older than the weekend asked about; "right now" asks for the latest news
    result = ask("is the harlow hosepipe ban on this weekend")
    assert result.abstained and "of the time asked about (“this weekend”)" in result.text
    assert ask("今天南岭下雨吗").abstained
    assert not refuses(ask("who is running the riverton transit authority right now"))
    # ... but an article's own "last year" is its own time, which the asker echoes
    assert not refuses(ask("what did the hkma launch last year for stablecoin issuers"))
    # a year no sentence on it may be of: the cup semi-final is of 2025
    result = ask("who lifted the northern league cup in 2019")
    assert result.abstained and "(“2019”)" in result.text
    assert not refuses(ask("what did the hartwell striker okonjo do in the 2025 semi-final"))


def test_a_day_no_sentence_on_it_may_be_of_is_refused(ask):
    # the walkout began on Monday, Jan. 13: no sentence on it is of February 20th
    result = ask("how many riders were hit when the riverton walkout began on february 20th")
    assert result.abstained and "(“february 20th”)" in result.text
    # the day in other words ("the 13th of january"), or in Chinese, is the articles' own
    assert not refuses(ask("how many riders were hit when the riverton walkout began on the 13th of january"))
    assert not refuses(ask("what did the nanling high speed line do on 6月28日"))
    # an article of that day is of it ("the story on nov 3"), whatever its sentences say
    assert not refuses(ask("what did the harlow hosepipe story on nov 3 say about the ban"))
    # the ends of a span are seldom named: only the day something is dated to ("on ...") counts
    assert not refuses(ask("how did the kestrel reservoir level change between june 2 and october 30"))


def test_a_persons_name_asked_by_role_is_one_beside_the_role(ask):
    # "the referee" is spoken of, never named; "Kingsport manager Pete Varga" is
    result = ask("whats the referee's name from the kingsport game")
    assert result.text.startswith("The articles do not give the name") and refuses(result)
    result = ask("what was the kingsport manager's name")
    assert "Pete Varga" in result.text and not refuses(result)


def test_which_is_refused_when_the_sentences_on_it_name_none(ask):
    # "partner Hong Kong digital banks", "local digital banks": no article says which
    result = ask("which hk digital banks are the chinese tech firms teaming up with?")
    assert result.text.startswith("The articles do not name which hk digital banks") and refuses(result)


@pytest.mark.parametrize("question, wanted", [
    ("which firms were in the hkma sandbox", "Standard Chartered"),  # a list after "participants including"
    ("which team did hartwell beat in the semi", "Kingsport"),  # no sentence on it says "team": no telling
    ("which reservoir is northmere's largest", "reservoir"),  # "Kestrel Reservoir": the word asked in the name
    ("Which companies are lobbying China's central bank for offshore yuan stablecoins?", "JD"),
])
def test_which_is_answered_when_a_sentence_names_one(ask, question, wanted):
    result = ask(question)
    assert wanted in result.text and not refuses(result)


def test_a_score_is_of_the_match_asked(ask):
    # the final is yet to be played: the semi-final's "3-2" is no score of it
    result = ask("score of the cup final between hartwell and eastvale?")
    assert result.text.startswith("The articles do not give a score") and refuses(result)
    result = ask("what was the score in hartwell's semi against kingsport")
    assert "3-2" in result.text and not refuses(result)


@pytest.mark.parametrize("question, wanted", [
    ("the club that shifted a kickoff because of the bus strike - who did they beat in the semi?", "Kingsport"),
    ("the farmer near lower ashby - what did he spend on feed?", "22,000"),
    # the description fits a quote; its speaker is named in the sentence before
    ("the manager who would not sign a contract pushing the system into the red - what became of him?",
     "Haskell resigned"),
    # the sentence ranked first fits the description less than the one naming its subject
    ("the finance secretary who said the city had a strategic advantage - what does he want stablecoins to serve?",
     "real economy"),
])
def test_a_later_part_saying_they_is_asked_of_whom_the_first_parts_answer_names(ask, question, wanted):
    assert wanted in ask(question).text


def test_what_came_of_a_thing_is_told_even_when_an_undated_article_says_it_best(ask):
    # an undated article words the plan best; the dated one it came from leads to the later news
    # of its halt, and the best sentence answers the question's other part (the strategy)
    text = ask("jd said the offshore rmb coin fits which national strategy, and did it ever go anywhere?").text
    assert "on hold" in text and "Digital Silk Road" in text


def test_a_later_part_names_its_subject_in_the_pronouns_place():
    assert _said_of("how big is his herd", "Gareth Pryce") == "how big is Gareth Pryce's herd"
    assert _said_of("what happened to him after he left", "Martin Haskell") == \
        "what happened to Martin Haskell after he left"


def test_whom_a_who_part_names_is_not_a_name_it_gives_nor_a_month(corpus_index):
    keywords = corpus_index.keyword_index
    question = "who took over from martin haskell at the rvta"
    assert _named_in("General manager Martin Haskell resigned on Feb. 20, a day after the RVTA board voted.",
                     question, keywords) is None
    assert _named_in("The board has named Priya Raman as interim general manager.", question, keywords) == \
        "Priya Raman"
    # not asking who: the full name it gives is whom it asks about
    assert _named_in("Gareth Pryce, a dairy farmer, said he had lost silage.", "that farmer gareth pryce, "
                     "how big is his herd", keywords) == "Gareth Pryce"


def test_whom_a_part_names_is_not_its_description_nor_a_word_opening_a_sentence(corpus_index):
    keywords = corpus_index.keyword_index
    # the words the question gives before a full name describe the person
    assert _named_in("Last month, Kingsport Manager Pete Varga blamed the referee.", "who is the kingsport "
                     "manager", keywords) == "Pete Varga"
    # ... but a name of two words it gives in part stays whole
    assert _named_in("Hartwell Athletic said it would move its home match.", "hartwell moved a game",
                     keywords) == "Hartwell Athletic"
    # a word the articles never write capitalised inside a sentence only opens this one
    assert _named_in("Momentum faded after ex-governor Zhou Xiaochuan spoke.", "the ex governor who spoke",
                     keywords) == "Zhou Xiaochuan"


@pytest.mark.parametrize("question, wanted", [
    # "he" is whom the first part's answer names, not the title words before his name
    ("who is the head of the chinese central bank and what centre did he say would open in shanghai",
     "operation center"),
    # a described subject: the name in the sentence it fits, not the word opening that sentence
    ("the former central bank governor who spoke at a july forum, what did he say about retail payments",
     "little room"),
    # a later part with a topic of its own before its pronoun stands as it is ("offered them": corvane)
    ("how many people will corvane's plant employ, and what incentives has the state of kansas offered them",
     "85 million"),
])
def test_a_later_parts_pronoun_is_read_for_whom_it_stands(ask, question, wanted):
    result = ask(question)
    assert wanted in result.text and not refuses(result)


@pytest.mark.parametrize("question, wanted", [
    ("who runs the rvta now and what did she say at the depot", "win our riders back"),
    # the part's answer names him: no sentence must name the asked role and the fans at once
    ("who was named man of the match and what did he say about the fans", "home support"),
])
def test_a_later_part_is_asked_of_whom_a_who_parts_answer_names(ask, question, wanted):
    result = ask(question)
    assert wanted in result.text and not refuses(result)


def test_a_part_of_one_topic_word_is_searched_with_the_part_before(ask):
    # "how long did it last in total": the strike the first part asks about, and the mediator too
    text = ask("the riverton transit strike: who was the state mediator and how long did it last in total").text
    assert "Carla Jimenez" in text and re.search(r"49-day|seven weeks", text)


@pytest.mark.parametrize("question", [
    "how did northmere respond when kestrel sank below 30% and when was it granted",
    "what step did northmere take when kestrel fell below 30%, and when was it granted",
])
def test_a_part_of_one_topic_word_is_asked_of_what_the_part_befores_answer_names(ask, question):
    # "it" is the drought permit, which the first part's answer names and the question does not
    text = ask(question).text
    assert "drought permit" in text and "granted on 19 September" in text


@pytest.mark.parametrize("question", [
    "who stepped in after haskell quit the rvta, and what was her job before",
    "who did the rvta board pick after martin haskell left",
])
def test_a_who_answer_leads_with_someone_the_question_does_not_name(ask, question):
    # the best sentence names only Haskell, whom the question gives
    assert "Priya Raman" in ask(question).sentences[0].text


def test_a_later_part_asking_what_came_afterwards_is_told_by_the_newest_article(ask):
    # "later": after what the first part tells (the law, in July), so the October halt
    text = ask("what did hong kong's law require of issuers and what did the big tech firms later do").text
    assert "on hold" in text


def test_what_became_of_a_person_is_told_by_articles_on_them(ask):
    result = ask("what became of Martin Haskell?")
    assert "Haskell resigned" in result.text
    assert all("Haskell" in f"{c.text}" for c in result.citations)


def test_putting_up_fares_is_raising_them_and_why_is_answered(ask):
    assert "$2.50" in ask("why is riverton putting up its fares").text


def test_a_reason_in_the_sentence_before_leads_the_why_answer(ask):
    # "To help pay for it, the board voted to raise the fare": "it" is the $96 million contract
    result = ask("why are riverton's fares going up")
    assert result.sentences[0].text.startswith("The authority estimates the contract will cost $96 million")


@pytest.mark.parametrize("question", [
    # a Riverton article names an interim general manager; none names Ant Group's chief executive
    "who's ant group's chief executive",
    # an article on Ant names the PBOC's governor and the US president: neither runs Ant
    "who runs ant group?",
])
def test_who_holds_a_role_is_not_taken_from_another_subject(ask, question):
    result = ask(question)
    assert result.text.startswith("The articles do not name who that is") and result.missing == "name"


def test_who_holds_a_role_in_words_of_the_subject(ask):
    # "the authority's deputy director": the sentence is on the authority without naming it
    assert "Priya Raman" in ask("who is in charge of the riverton transit authority").sentences[0].text


def test_an_event_in_english_is_not_refused_for_a_chinese_article_that_reports_it(ask):
    # the article says 开通 ("opened"): no English word for it to find, so no false premise
    result = ask("when did the nanling to linjiang line open")
    assert "6月28日" in result.text and not refuses(result)


def test_firing_someone_no_article_reports_fired_is_a_false_premise(ask):
    result = ask("why did the transit authority fire denise okafor")
    assert result.abstained and "fire" in result.text


def test_a_clause_event_no_article_uses_is_a_false_premise(ask):
    # Haskell resigned after a vote of no confidence: no article says anyone was fired
    result = ask("who took over at the transit authority after the board fired haskell")
    assert result.abstained and "fired" in result.text


def test_a_clause_event_is_judged_of_the_clause_subject(ask):
    # the authority refused the union's demand; the mayor rejected nothing
    assert ask("what did the riverton drivers get after the mayor rejected the deal").missing == "premise"
    result = ask("what did the union do after the authority refused to go beyond 6 percent")
    assert not refuses(result) and "Jan. 10" in result.text


def test_an_event_is_reported_of_whom_the_sentence_names_before_it(ask):
    # "the HKMA ... launched a sandbox ... with participants including Standard Chartered Bank"
    assert ask("when did standard chartered launch the stablecoin sandbox").missing == "premise"
    result = ask("when did the hkma launch its stablecoin sandbox")
    assert not refuses(result) and result.missing != "premise"


def test_an_event_dated_to_a_year_no_report_of_it_gives_is_a_false_premise(ask):
    # the fare rise was voted on March 12 (2025), the first since 2019
    result = ask("why did the rvta raise the fare in 2023")
    assert result.missing == "premise" and "2023" in result.text and "March 12" in result.text
    assert not refuses(ask("why did the rvta raise the fare in 2025"))
    # asked in German: the articles date China's ban to 2021
    assert ask("warum hat china 2019 den kryptohandel verboten?").missing == "premise"


def test_an_acronym_is_the_actor_its_spelled_out_name_is(ask):
    # the article: "the Hong Kong Monetary Authority ... launched a sandbox"
    result = ask("why did the hkma launch a sandbox")
    assert not refuses(result) and "sandbox" in result.text


def test_an_actor_no_article_names_is_a_false_premise_not_a_typo(ask):
    # "huawei" is no misspelling of an indexed word: the articles never mention it
    result = ask("why did huawei and jd push the pboc for a yuan coin")
    assert result.abstained and "huawei" in result.text


def test_a_thing_with_synonyms_is_no_event_taken_for_granted(ask):
    # "law" has synonyms (ordinance) but is no event: the start is what the question takes for granted
    result = ask("when did hk's stablecoin law start applying")
    assert not result.abstained and not result.text.startswith("The articles do not report what the question takes")


def test_asked_for_the_story_itself_the_news_lead_tells_it(ask):
    # not the follow-up's quote that scores best: the strike story's own first sentence
    result = ask("anything on the riverton walkout?")
    assert result.sentences[0].text.startswith("Buses and light-rail trains across the Riverton region stood idle")


def test_a_timeline_gives_each_event_it_lists(ask):
    result = ask("millbrook battery plant timeline - construction start, first cells, full capacity")
    assert "third quarter of 2025" in result.text and "2029" in result.text


def test_a_compared_side_ends_where_the_question_on_both_begins(ask):
    # "ant: what did each bring ...": the sides are JD and Ant, not "each bring"
    result = ask("jd vs ant - what did each of them put forward in the joint proposal")
    assert "Trusple" in result.text


@pytest.mark.parametrize("question", ["best heat pump to get for a small flat?",
                                      "whats the top-rated football club in riverton"])
def test_advice_the_articles_do_not_give_is_refused(ask, question):
    assert ask(question).abstained


@pytest.mark.parametrize("text, figure", [("the Web3 economy", False), ("tunnelling under the A61", False),
                                          ("G7701次列车", False), ("共发送旅客3.2万人次", True),
                                          ("HK$26.1 billion", True), ("about 1,850 drivers", True),
                                          ("fares rose to RMB198", True)])
def test_a_digit_inside_a_name_is_no_figure(text, figure):
    assert has_figure(text) is figure


def test_a_size_no_sentence_gives_is_refused_though_a_name_holds_a_digit(ask):
    # the sentence on the offshore pool names "Web3": no figure of its size
    result = ask("how large is the offshore renminbi pool the coin is anchored to")
    assert refuses(result) and result.missing == "figure"


@pytest.mark.parametrize("question, date", [("which date does the hk licensing regime kick in", r"Aug\. 1"),
                                            ("on what date did the story on ant and jd halting their "
                                             "stablecoins come out", "19 October 2025")])
def test_what_date_is_answered_by_a_day_or_by_the_report_it_asks_of(ask, question, date):
    result = ask(question)
    assert not result.abstained and re.search(date, result.text)


@pytest.mark.parametrize("question", ["what was the e-cny trading at last week",
                                      "what did jd's hong kong dollar coin sell at on day one"])
def test_a_market_price_no_sentence_gives_is_refused(ask, question):
    result = ask(question)
    assert refuses(result) and result.missing in ("figure", None)


@pytest.mark.parametrize("question", ["how much is a business class seat on the nanling linjiang line",
                                      "南临高铁的一等座要多少钱"])
def test_a_price_of_another_class_is_no_price_of_the_class_asked(ask, question):
    # the article prices second class (二等座) only
    result = ask(question)
    assert refuses(result) and result.missing == "figure" and "198" in result.text


def test_a_price_of_the_class_asked_is_given(ask):
    result = ask("how much does a second-class seat from nanling to linjiang cost")
    assert not refuses(result) and "198" in result.text


def test_what_date_is_not_answered_by_the_article_date(ask):
    # the proposal's article is dated, the proposal is not
    assert ask("what date did ant and jd hand in their joint proposal").missing == "date"


@pytest.mark.parametrize("question", ["how can i get a usdc account in shanghai",
                                      "how do we get money back on a riverton monthly pass",
                                      "wie kann ich in hongkong einen stablecoin kaufen"])
def test_steps_news_never_gives_its_reader_are_refused(ask, question):
    assert ask(question).abstained


def test_steps_an_explainer_gives_its_reader_are_answered(ask):
    # the Westmark explainer speaks to its reader: "How do you apply?"
    assert not ask("how can a household apply for the clean heat grant").abstained
    assert not ask("how should i apply for westmark's clean heat grant").abstained


@pytest.mark.parametrize("question", ["ok so why did the rvta postpone the fare rise",
                                      "why was the eastbridge follow-up study delayed",
                                      "why did ashcombe council put off the phone ban vote",
                                      "warum wurde das kryptoverbot in china aufgehoben"])
def test_a_delay_or_a_lifting_no_article_reports_is_a_false_premise(ask, question):
    assert ask(question).missing == "premise"


def test_a_delay_and_a_lifting_the_articles_report_are_answered(ask):
    late = ask("why was the river tarn pipeline delayed")  # "completed ... about two weeks late"
    assert not refuses(late) and "two weeks late" in late.text
    lifted = ask("when was the hosepipe ban lifted")  # "the restrictions ended ... on 28 October"
    assert not refuses(lifted) and "28 October" in lifted.text


def test_an_event_named_as_a_noun_is_taken_for_granted_of_whom_it_says(ask):
    # no sentence reports Ant launching a yuan coin; the HKMA did launch its sandbox
    assert ask("what did the pboc say after ant's launch of its yuan coin").missing == "premise"
    assert not refuses(ask("what did the hkma say after the launch of its stablecoin sandbox"))


def test_an_event_reported_of_another_place_is_a_false_premise(ask):
    # Corvane chose a Kansas site: "chose Millbrook" does not report picking Texas
    assert ask("why did corvane pick texas for its new sodium-ion plant").missing == "premise"
    kansas = ask("why did corvane pick kansas for its new sodium-ion plant")
    assert not kansas.abstained and kansas.missing != "premise"


def test_an_order_given_by_others_is_a_false_premise(ask):
    # Beijing's regulators, not the HKMA, told JD and Ant to stand down
    result = ask("why did the hkma order jd and ant to shut down their stablecoin projects")
    assert result.missing == "premise" and "order" in result.text


def test_a_month_against_a_month_is_told_by_the_articles_of_those_months(ask):
    # no sentence of the October report says "October": its article's date does
    result = ask("how did the mood around jd and ant's yuan stablecoin push in july compare with october")
    assert "on hold" in result.text and "004_f3017f71133a5652.txt" in names(result) and len(set(names(result))) == 2


def test_a_compared_side_is_told_by_the_sentence_on_what_is_asked(ask):
    # June's side is Kestrel's level that month (by its article's date), not the ban announced in June
    result = ask("how full was kestrel in june compared with november")
    assert "38%" in result.text and "64%" in result.text


def test_a_compared_side_owned_in_the_question_is_that_side(ask):
    # "haskell's position": Haskell is a side (not "position"); what the union wanted the other
    result = ask("how did haskell's position differ from what the union wanted")
    assert "Haskell said" in result.text and "14 percent" in result.text


def test_sides_asked_of_one_by_one_are_compared(ask):
    result = ask("brody vs haskell after the walkout, how did each of them see it")
    assert "Brody said" in result.text and "Haskell said" in result.text


@pytest.mark.parametrize("question", ["what did brody say after the walkout? and how about haskell?",
                                      "brody's view of the walkout as opposed to haskell's"])
def test_a_second_side_set_against_the_first_or_asked_after_it_is_compared(ask, question):
    result = ask(question)
    assert "Brody said" in result.text and "Haskell said" in result.text


def test_sides_set_side_by_side_with_while_are_compared(ask):
    result = ask("compare: mayor brody wanted talks while manager haskell wanted what")
    assert result.text.index("Brody") < result.text.index("Haskell said")


def test_a_comparison_in_german_splits_its_sides_at_und(ask):
    result = ask("Unterschied zwischen Brody und Okafor beim Streik?")
    assert "Brody" in result.text and "Okafor" in result.text


def test_a_sentence_setting_one_side_against_the_other_speaks_for_each():
    assert _sets_against("China bans crypto on the mainland, while Hong Kong has embraced it", "kong", "mainland")
    assert not _sets_against("JD and Ant plan a coin in Hong Kong, but the mainland may object", "jd", "ant")


def test_the_newest_article_on_a_subject_holds_its_rarest_word_or_follows_one_that_does():
    def candidate(text, source, date):
        return SimpleNamespace(text=text, previous="", passage=SimpleNamespace(source=source, date=date, title=""))
    asked = SimpleNamespace(focus=terms("lumen bill"))
    undated = candidate("The senate passed the landmark Lumen bill last month.", "a", None)
    other = candidate("For many families heating is the biggest winter bill.", "b", "2025-04-01")
    assert not _on_subject(asked, [undated, other])(other)  # a "winter bill" is not the Lumen bill
    dated = candidate("The senate passed the landmark Lumen bill last month.", "a", "2025-05-01")
    later = candidate("Lawmakers have since put the bill on hold.", "c", "2025-09-01")
    assert _on_subject(asked, [dated, later])(later)  # a development, told in words of its own


def test_asked_what_a_side_thinks_its_speech_comes_first():
    def candidate(text, score):
        return SimpleNamespace(sentence=SimpleNamespace(text=text), passage=SimpleNamespace(date=None), score=score)
    move = candidate("Manager Ana Lind responded by bringing on two strikers.", 0.9)
    quote = candidate('"We were the better side," Lind said.', 0.6)
    def weigh(present):  # both hold the side's one term
        return float("lind" in present)

    def best(spoken):
        return min([move, quote], key=lambda c: _side_fit(c, ["lind"], ["varo"], ["lind"], weigh, spoken))
    assert best(spoken=True) is quote and best(spoken=False) is move


@pytest.mark.parametrize("question", [
    "marsh vs varga - what case did each manager make after the semi",  # a case made is a view
    "jd vs ant: what did each propose to the central bank",  # what was proposed, so told
])
def test_asked_what_a_side_argued_or_proposed_its_speech_comes_first(ask, question):
    result = ask(question)
    assert len({c.text for c in result.citations}) >= 2 and not refuses(result)
    assert re.search(r"Marsh said|JD\.com pointed out", result.text)
    assert re.search(r"was frustrated|he said|Ant Group proposed", result.text)


def test_a_thing_against_before_asks_how_it_changed(ask):
    # "vs before" names no second side: the sentence on the change itself answers
    result = ask("the monthly pass from july compared with before - whats the new price")
    assert "$80 to $88" in result.text


def test_stack_up_compares_and_one_is_no_side(ask):
    # "the 2011 one": 2011 is the side, "one" the strike it stands for; this strike's length is the other
    result = ask("how does the riverton strike stack up against the 2011 one")
    assert "49-day" in result.text and "2011" in result.text


def test_what_someone_was_told_is_an_instruction(ask):
    # "tell" is no topic word ("tell me about ..."); what the firms were told is what they were instructed
    result = ask("so what were jd and ant told by the regulators")
    assert "stand down" in result.sentences[0].text


def test_a_measure_word_is_no_class_of_seat():
    from qa.compose import _classes
    assert _classes("这座大桥是一座新桥") == set() and _classes("二等座票价198元") == {"2"}


def test_a_part_searched_with_the_part_before_borrows_its_topic_not_its_question_words(ask):
    # "how long did the walkout last" leans on the first part's topic, not on its "how many"
    assert "49-day" in ask("how many workers walked off the job in riverton, and how long did the walkout last?").text


def test_an_event_taken_for_granted_in_one_part_is_looked_for_with_that_parts_words(ask):
    # the whole question's search is drowned by the mayor's shuttles; the first part's finds the start
    result = ask("when did the riverton walkout begin, and what did the mayor set up to get riders downtown")
    assert "Jan. 13" in result.text and "shuttle" in result.text and not refuses(result)
    # ... and a part whose event no article reports still refuses the question
    assert refuses(ask("why did the mayor resign, and when did the strike begin"))


@pytest.mark.parametrize("question, other", [
    # an older article's plans ("plans to apply", "also plan to issue ... to test") give no reason
    # for the halt the newer one reports
    ("why did ant group put its stablecoin plans on ice", None),
    ("why did ant stop its stablecoin plans", None),
    # the other article's argument is a reason of JD's own
    ("why is jd so keen on a yuan stablecoin in hong kong", "made the case to the PBOC"),
])
def test_why_lets_another_article_in_only_with_a_reason(ask, question, other):
    result = ask(question)
    assert not re.search(r"plans to apply for a stablecoin license|also plan to issue", result.text)
    assert other is None or other in result.text


@pytest.mark.parametrize("question", ["compare what jd.com and ant group each told the central bank",
                                      "contrast the cases jd.com and ant group each put to the central bank"])
def test_a_compared_side_is_told_by_a_sentence_on_it_alone(ask, question):
    # "Ant Group and JD have urged ..." names JD.com's side by its short form: it is no sentence on
    # Ant alone, and Ant's own proposal is
    result = ask(question)
    assert "Ant Group proposed" in result.text and "Ant Group and JD have" not in result.text


@pytest.mark.parametrize("text, ends", [
    ("why did the mill shelve its expansion", True), ("the firms put their bids on hold", True),
    ("why have they given up on the tunnel", True), ("why is the council no longer funding it", True),
    ("why did the union hold talks", False), ("why did the board drop in on the depot", False),
    ("why did the city drop its bid", True),
    ("why did they back the plan", False),
])
def test_an_event_that_ends_what_it_governs_is_told(text, ends):
    # an older article's plan for what such an event ended is overtaken, no reason for it
    assert _says(_ENDS, text) is ends
