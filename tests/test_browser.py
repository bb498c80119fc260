"""The web UI in a real browser: Playwright drives Debian's chromium (headless) against `qa serve`
run as a user runs it. Screenshots land in tests/artifacts/."""

import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from servers import free_port, running

pytestmark = pytest.mark.slow  # end to end: `make test-slow`

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
LOCAL = ("http://127.0.0.1", "data:", "blob:")
NEW_ARTICLE = ("Harbour Bank pilots offshore yuan stablecoin in Macau\n2025-11-02\n\n"
               "Harbour Bank said on Sunday it had started a pilot of an offshore yuan stablecoin called "
               "HarbourCoin in Macau, with 12 merchants taking part in the first phase. The bank said the "
               "pilot would run until March 2026 and that HarbourCoin is backed one to one by yuan deposits.\n")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("browser")
    shutil.copytree(ROOT / "seeds", base / "corpus")
    port = free_port()
    env = {**os.environ, "QA_INDEX_DIR": str(base / "index"), "QA_CORPUS_DIR": str(base / "corpus")}
    with running([sys.executable, "-m", "qa.cli", "serve", "--port", str(port)],
                 ready="Running on local URL", env=env):
        yield f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Debian's chromium: apt-get install chromium (make test does)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.outside_requests = []  # anything fetched from beyond this machine
    page.on("request", lambda r: r.url.startswith(LOCAL) or page.outside_requests.append(r.url))
    page.goto(app_url)
    yield page
    context.close()


AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}


def ask(page: Page, question: str) -> None:
    """Type a question, send it, and wait for the checked answer."""
    expect(page.locator("#question textarea")).to_be_visible(timeout=60_000)  # the app has rendered
    expect(page.locator("#chat")).to_be_attached()  # ... the chat too: the observer below needs it
    done_before = page.locator("#chat .qa-answer").count()
    page.evaluate("""() => {  // count renders of the unchecked draft: proof that it streamed
        window.drafts = 0;
        const chat = document.querySelector('#chat');
        new MutationObserver(() => { if (chat.innerText.includes('▍')) window.drafts++; })
            .observe(chat, {subtree: true, childList: true, characterData: true});
    }""")
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")
    expect(page.locator("#chat .qa-answer")).to_have_count(done_before + 1, timeout=120_000)


def answers(page: Page):
    return page.locator("#chat .qa-answer")


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_streamed_answer_links_to_its_october_source(page):
    ask(page, "Why did Ant halt?")
    assert page.evaluate("window.drafts") > 0, "the answer appeared without streaming"
    answer = answers(page).last
    expect(answer.locator("a.qa-cite").first).to_have_text("[1]")
    first = answer.locator(".qa-source").first
    expect(first).to_contain_text("[1]")
    expect(first).to_contain_text("October 2025")
    expect(first).to_contain_text("Ant Group, JD.com Halt Stablecoin Projects After Beijing Warning")
    expect(first.locator("mark").first).not_to_be_empty()
    # A citation says what it cites before it is clicked.
    assert "Halt Stablecoin Projects" in answer.locator("a.qa-cite").first.get_attribute("title")
    shot(page, "answer-light")
    assert page.outside_requests == []


def test_each_answer_keeps_its_own_sources(page):
    ask(page, "Why did Ant halt?")
    ask(page, "Which companies are lobbying for offshore yuan stablecoins?")
    first, second = answers(page).nth(0), answers(page).nth(1)
    ids = page.evaluate("[...document.querySelectorAll('#chat .qa-anchor')].map(a => a.id)")
    assert len(ids) == len(set(ids)) >= 2, "anchors are unique across answers"
    link = first.locator("a.qa-cite").first
    link.click()
    card = page.locator(".qa-jumped")
    expect(card).to_have_count(1)
    assert first.locator(".qa-jumped").count() == 1 and second.locator(".qa-jumped").count() == 0
    cited = " ".join(link.get_attribute("title").split())  # "Title, date: “the cited sentence”"
    assert any(" ".join(m.split()) in cited for m in card.locator("mark").all_inner_texts())
    expect(card).to_be_in_viewport()
    shot(page, "older-citation-opened")
    # keyboard: from the card back to its answer
    page.keyboard.press("Enter")
    expect(first).to_be_in_viewport()


def test_a_card_opens_the_whole_article_at_the_cited_sentence(page):
    ask(page, "Why did Ant halt?")
    card = answers(page).last.locator(".qa-source").first
    cited = card.locator("mark").first.inner_text()
    card.get_by_role("link", name="whole article").click()
    expect(page.locator("#article mark")).to_be_in_viewport(timeout=30_000)
    expect(page.locator("#article h2")).to_have_text("Ant Group, JD.com Halt Stablecoin Projects After Beijing Warning")
    assert " ".join(cited.split()) in " ".join(page.locator("#article").inner_text().split())
    shot(page, "whole-article")
    page.locator("#close-article").click()
    expect(page.locator("#article-panel")).to_be_hidden()


def test_articles_on_a_line_of_dates_open_the_whole_article(page):
    expect(page.locator("#question textarea")).to_be_visible(timeout=60_000)
    page.locator("#timeline").get_by_text("Articles by date").first.click()
    dates = page.locator("#timeline time").all_inner_texts()
    assert dates[:3] == ["7 July 2025", "26 August 2025", "19 October 2025"] and dates[3:] == ["undated"] * 2
    page.locator("#timeline").get_by_role("link", name=re.compile("Halt Stablecoin Projects")).click()
    expect(page.locator("#article h2")).to_have_text("Ant Group, JD.com Halt Stablecoin Projects After Beijing Warning",
                                                     timeout=30_000)
    shot(page, "articles-by-date")


def test_new_answer_comes_into_view_after_scrolling_up(page):
    ask(page, "Why did Ant halt?")
    ask(page, "What did Zhou Xiaochuan warn about?")
    page.evaluate("""() => { for (const el of document.querySelectorAll('#chat, #chat *'))
                               if (el.scrollHeight > el.clientHeight + 5) el.scrollTop = 0; window.scrollTo(0, 0); }""")
    expect(answers(page).last).not_to_be_in_viewport()
    ask(page, "When did the Hong Kong stablecoin law take effect?")
    expect(answers(page).last).to_be_in_viewport()
    shot(page, "newest-answer-in-view")


def test_empty_enter_sends_nothing(page):
    expect(page.locator("#question textarea")).to_be_visible(timeout=60_000)
    page.locator("#question textarea").press("Enter")
    page.locator("#question textarea").fill("Why did Ant halt?")
    page.locator("#question textarea").press("Enter")
    expect(answers(page)).to_have_count(1, timeout=120_000)
    # the only messages are that question and its answer: the empty Enter added nothing
    assert page.locator("#chat .qa-error").count() == 0
    assert page.get_by_text("Why did Ant halt?", exact=True).count() == 1


def test_undo_and_retry(page):
    ask(page, "Why did Ant halt?")
    page.locator("#chat").get_by_role("button", name="Undo").click()
    expect(answers(page)).to_have_count(0)
    expect(page.locator("#question textarea")).to_have_value("Why did Ant halt?")  # back in the box
    page.locator("#question textarea").press("Enter")
    expect(answers(page)).to_have_count(1, timeout=120_000)
    first = answers(page).first.locator(".qa-body").inner_text()
    page.locator("#chat").get_by_role("button", name="Retry").click()
    expect(answers(page)).to_have_count(1, timeout=120_000)  # answered again, in place
    expect(answers(page).first.locator(".qa-body")).to_have_text(first)


def test_editing_a_question_answers_it_anew(page):
    ask(page, "Why did Ant halt?")
    page.locator("#chat").get_by_role("button", name="Edit").click()
    page.locator("#chat textarea").fill("Who is Zhou Xiaochuan?")
    page.locator("#chat").get_by_role("button", name="Submit").click()
    expect(answers(page).first.locator(".qa-sources")).to_contain_text("Zhou", timeout=120_000)
    expect(answers(page)).to_have_count(1)  # the edited question replaced the first, with its answer
    expect(page.locator("#chat")).not_to_contain_text("Why did Ant halt?")


def test_example_click_sends(page):
    expect(page.locator("#question textarea")).to_be_visible(timeout=60_000)
    page.locator("#chat").get_by_text("Why did Ant halt?").click()
    expect(answers(page)).to_have_count(1, timeout=120_000)
    expect(answers(page).first.locator(".qa-source").first).to_be_visible()


def test_reload_keeps_the_conversation_and_clear_forgets_it(page):
    ask(page, "Why did Ant halt?")
    text = answers(page).first.locator(".qa-body").inner_text()
    page.reload()
    expect(answers(page)).to_have_count(1, timeout=60_000)
    assert answers(page).first.locator(".qa-body").inner_text() == text
    shot(page, "after-reload")
    ask(page, "and what did JD.com plan?")  # a follow-up still knows what came before the reload
    expect(page.locator("#chat .qa-rewrite").last).to_contain_text("JD.com plan")
    page.locator("#chat").get_by_role("button", name="Clear").click()
    expect(page.locator("#chat .qa-source")).to_have_count(0)
    page.reload()
    expect(page.locator("#question textarea")).to_be_visible(timeout=60_000)
    expect(page.locator("#chat .qa-answer")).to_have_count(0)


def test_copy_puts_clean_text_with_footnotes(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(app_url)
    ask(page, "Why did Ant halt?")
    answers(page).last.hover()
    page.locator("#chat").get_by_role("button", name="Copy message").last.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    quoted = page.locator("#chat .qa-source mark").all_text_contents()  # one answer on the page
    context.close()
    assert "<" not in copied and "class=" not in copied
    assert "[1]" in copied and "Ant Group, JD.com Halt Stablecoin Projects After Beijing Warning" in copied
    # every cited sentence of a card, and none of the card's links or hidden notes
    assert quoted and all(q in copied for q in quoted)
    assert not any(s in copied for s in ("back to the answer", "whole article", "no longer indexed"))


def test_no_serious_accessibility_violations(page):
    ask(page, "Why did Ant halt?")
    page.add_script_tag(path=str(AXE))  # axe-core from npm, run inside the page: nothing is fetched
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_abstention_is_set_apart_not_an_error(page):
    ask(page, "Who is the CEO of Tesla?")
    expect(page.locator("#chat .qa-abstained")).to_contain_text("The articles do not say.")
    expect(page.locator("#chat .qa-error")).to_have_count(0)
    expect(answers(page).last.locator(".qa-source")).to_have_count(0)


def test_follow_up_is_answered_in_context(page):
    ask(page, "Why did Ant Group halt its stablecoin plans?")
    ask(page, "and what did JD.com plan?")
    expect(page.locator("#chat .qa-rewrite").last).to_contain_text("JD.com plan")
    expect(answers(page).last.locator(".qa-sources")).to_contain_text("JD")


def test_phone_and_dark(browser, app_url):
    for name, viewport, query in [("answer-dark", {"width": 1280, "height": 900}, "?__theme=dark"),
                                  ("answer-narrow", PHONE, "")]:
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(app_url + query)
        expect(page.locator("#question textarea")).to_be_visible(timeout=60_000)
        box = page.locator("#question").bounding_box()
        assert box["y"] + box["height"] <= viewport["height"], "the question box is on the first screen"
        ask(page, "Why did Ant halt?")
        card = answers(page).last.locator(".qa-source").first
        answers(page).last.locator("a.qa-cite").first.click()
        expect(card).to_be_in_viewport()  # the source opens in place
        # Nothing wider than the window: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1
        shot(page, name)
        context.close()


def open_documents(page: Page) -> None:
    page.locator("#documents").get_by_text("Documents").first.click()
    expect(page.locator("#doc-table")).to_be_visible()


def test_upload_ask_remove(page, tmp_path):
    article = tmp_path / "harbour.txt"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    expect(page.locator("#corpus")).to_contain_text("5 articles indexed")
    open_documents(page)
    page.locator("#upload input[type=file]").set_input_files(str(article))
    # The file list shows name and extension in separate spans: its accessible row name joins them.
    expect(page.locator("#upload").get_by_role("row", name=re.compile(r"harbour\.txt"))).to_be_visible()
    page.locator("#add").click()
    expect(page.locator("#doc-status")).to_contain_text("Added harbour.txt", timeout=120_000)
    expect(page.locator("#doc-table")).to_contain_text("Harbour Bank pilots")
    expect(page.locator("#corpus")).to_contain_text("6 articles indexed")

    ask(page, "What is HarbourCoin?")
    expect(answers(page).last.locator(".qa-source").first).to_contain_text("Harbour Bank pilots")
    shot(page, "uploaded-article-answer")

    expect(page.locator("#remove-confirm")).to_be_hidden()  # nothing is removed without asking
    page.locator("#doc-table").get_by_text("harbour.txt").click()
    expect(page.locator("#remove-question")).to_contain_text("Remove “Harbour Bank pilots")
    page.locator("#remove").click()
    expect(page.locator("#doc-status")).to_contain_text("Removed harbour.txt", timeout=120_000)
    expect(page.locator("#doc-table")).not_to_contain_text("Harbour Bank pilots")
    expect(page.locator("#corpus")).to_contain_text("5 articles indexed")
    # the answer given before stays, its card marked: it no longer points at an indexed passage
    expect(answers(page).last.locator(".qa-source.qa-gone")).to_contain_text("no longer indexed")

    ask(page, "What is HarbourCoin?")
    expect(answers(page).last.locator(".qa-abstained")).to_be_visible()
    expect(answers(page).last.locator(".qa-source")).to_have_count(0)


def test_refused_upload_shows_its_message(page, tmp_path):
    refused = tmp_path / "notes.exe"
    refused.write_bytes(b"MZ\x90\x00")
    open_documents(page)
    page.locator("#upload input[type=file]").set_input_files(str(refused))
    # the file's row, by its accessible name: the page shows the name and extension apart ("notes .exe")
    expect(page.locator("#upload").get_by_role("cell", name="notes.exe")).to_be_visible()
    page.locator("#add").click()
    expect(page.locator("#doc-status")).to_contain_text("Refused 'notes.exe': only .htm", timeout=60_000)
    shot(page, "refused-upload")
