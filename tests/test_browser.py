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


def ask(page: Page, question: str) -> None:
    """Type a question, send it, and wait for the checked answer (its cited list or abstention)."""
    expect(page.locator("#question textarea")).to_be_visible(timeout=60_000)  # the app has rendered
    done_before = page.locator("#chat .qa-cited, #chat .qa-abstained").count()
    page.evaluate("""() => {  // count renders of the unchecked draft: proof that it streamed
        window.drafts = 0;
        const chat = document.querySelector('#chat');
        new MutationObserver(() => { if (chat.innerText.includes('▍')) window.drafts++; })
            .observe(chat, {subtree: true, childList: true, characterData: true});
    }""")
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")
    expect(page.locator("#chat .qa-cited, #chat .qa-abstained")).to_have_count(done_before + 1, timeout=120_000)


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_streamed_answer_links_to_its_october_source(page):
    ask(page, "Why did Ant halt?")
    assert page.evaluate("window.drafts") > 0, "the answer appeared without streaming"
    answer = page.locator("#chat .qa-cited").last.locator("xpath=..")
    expect(answer.locator("a.qa-cite").first).to_have_text("[1]")
    first = page.locator("#sources .qa-source").first
    expect(first).to_contain_text("[1]")
    expect(first).to_contain_text("October 2025")
    expect(first).to_contain_text("Ant Group, JD.com Halt Stablecoin Projects After Beijing Warning")
    expect(first.locator("mark")).not_to_be_empty()
    shot(page, "answer-light")
    assert page.outside_requests == []


def test_abstention_is_set_apart_not_an_error(page):
    ask(page, "Who is the CEO of Tesla?")
    expect(page.locator("#chat .qa-abstained")).to_contain_text("The articles do not say.")
    expect(page.locator("#chat .qa-error")).to_have_count(0)
    expect(page.locator("#sources")).to_contain_text("none is cited")


def test_follow_up_is_answered_in_context(page):
    ask(page, "Why did Ant Group halt its stablecoin plans?")
    ask(page, "and what did JD.com plan?")
    expect(page.locator("#chat .qa-rewrite").last).to_contain_text("JD.com plan")
    expect(page.locator("#sources")).to_contain_text("JD")


def test_dark_and_narrow(browser, app_url):
    for name, viewport, query in [("answer-dark", {"width": 1280, "height": 900}, "?__theme=dark"),
                                  ("answer-narrow", {"width": 390, "height": 844}, "")]:
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(app_url + query)
        ask(page, "Why did Ant halt?")
        expect(page.locator("#sources .qa-source").first).to_be_visible()
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
    open_documents(page)
    page.locator("#upload input[type=file]").set_input_files(str(article))
    # The file list shows name and extension in separate spans: its accessible row name joins them.
    expect(page.locator("#upload").get_by_role("row", name=re.compile(r"harbour\.txt"))).to_be_visible()
    page.locator("#add").click()
    expect(page.locator("#doc-status")).to_contain_text("Added harbour.txt", timeout=120_000)
    expect(page.locator("#doc-table")).to_contain_text("Harbour Bank pilots")

    ask(page, "What is HarbourCoin?")
    expect(page.locator("#sources .qa-source").first).to_contain_text("harbour.txt")
    shot(page, "uploaded-article-answer")

    expect(page.locator("#remove-choice input")).to_have_value("")  # nothing is removed by default
    page.locator("#remove-choice input").click()
    page.get_by_role("option", name="harbour.txt", exact=False).click()
    page.locator("#remove").click()
    expect(page.locator("#doc-status")).to_contain_text("Removed harbour.txt", timeout=120_000)
    expect(page.locator("#doc-table")).not_to_contain_text("Harbour Bank pilots")

    ask(page, "What is HarbourCoin?")
    expect(page.locator("#chat .qa-abstained").last).to_be_visible()
    expect(page.locator("#sources")).not_to_contain_text("harbour.txt")


def test_refused_upload_shows_its_message(page, tmp_path):
    refused = tmp_path / "notes.exe"
    refused.write_bytes(b"MZ\x90\x00")
    open_documents(page)
    page.locator("#upload input[type=file]").set_input_files(str(refused))
    expect(page.locator("#upload")).to_contain_text("notes.exe")
    page.locator("#add").click()
    expect(page.locator("#doc-status")).to_contain_text("Refused 'notes.exe': only .htm", timeout=60_000)
    shot(page, "refused-upload")
