"""The Gradio web app: a streamed chat whose answers link to their sources, a documents panel to
add and remove articles, and the same answering as the `/ask` API endpoint."""

from __future__ import annotations

import secrets

import gradio as gr

from qa.conversation import Assistant
from qa.errors import SeedQAError, describe_unexpected, log_unexpected
from qa.llms import describe
from qa.pipeline import answer, open_index
from qa.settings import Settings
from ui import documents, render

EXAMPLES = ["Why did Ant halt?", "Which companies are lobbying China's central bank for offshore "
            "yuan stablecoins?", "What is the latest status of JD.com's stablecoin plans?",
            "蚂蚁集团为什么暂停稳定币计划？"]
EXTRACTIVE = "extractive"
CHAT_KEY = "seed-qa-chat"  # where the browser keeps the conversation (gr.BrowserState)
CONCURRENCY = 4  # questions answered at once; the rest queue (one at a time for an in-process GGUF model)

# System fonts only: the UI must render with no internet (Gradio's themes default to web fonts).
THEME = gr.themes.Soft(font=["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "sans-serif"],
                       font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"])
CSS = """
.qa-answer { line-height: 1.5; }
.qa-abstained { border-left: 4px solid #6b7280; padding: .4em .8em; font-style: italic; }
.qa-lacks { font-style: italic; }
.qa-note, .qa-removed { font-size: .9em; margin-top: .5em; }
.qa-rewrite { font-size: .9em; margin-bottom: .3em; color: var(--body-text-color-subdued); }
.qa-error { color: #b91c1c; }
.dark .qa-error { color: #fca5a5; }
a.qa-cite, a.qa-cite:visited { color: #3730a3; text-decoration: underline; font-weight: 600; white-space: nowrap; }
.dark a.qa-cite, .dark a.qa-cite:visited { color: #c7d2fe; }
a.qa-cite:hover, a.qa-cite:focus { text-decoration-thickness: 2px; }
footer .show-api, footer a { color: #4b5563 !important; }
.dark footer .show-api, .dark footer a { color: #d1d5db !important; }
.qa-sources { display: flex; flex-direction: column; gap: .5em; margin-top: .8em; }
.qa-source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .4em .7em;
             scroll-margin-top: 4em; }
.qa-jumped { outline: 3px solid var(--color-accent); }
a.qa-back, a.qa-back:visited, a.qa-open, a.qa-open:visited {
  color: var(--body-text-color); text-decoration: underline; font-weight: 400; font-size: .9em;
  margin-left: .5em; white-space: nowrap; }
.qa-card-head { font-weight: 600; font-size: .9em; }
.qa-meta { font-weight: 400; }
.qa-gone-note { display: none; font-weight: 400; font-style: italic; }
.qa-gone { opacity: .75; } .qa-gone .qa-gone-note { display: inline; }
.qa-source blockquote { margin: .3em 0 0; padding: 0; border: 0; font-size: .9em; line-height: 1.45; }
.qa-source mark { background: #fde68a; color: #111827; padding: 0 .1em; border-radius: 2px; }
.qa-draft { color: var(--body-text-color-subdued); }
#title h1 { margin: 0; }
.qa-hidden { display: none !important; }
.qa-article p { margin: 0 0 .7em; line-height: 1.55; }
.qa-article mark { background: #fde68a; color: #111827; }
.qa-timeline { list-style: none; margin: 0; padding: 0 0 0 1em; border-left: 3px solid var(--border-color-primary); }
.qa-timeline li { margin: 0 0 .5em; position: relative; }
.qa-timeline li::before { content: ""; position: absolute; left: -1.45em; top: .45em; width: .6em; height: .6em;
                          border-radius: 50%; background: var(--color-accent); }
.qa-timeline time { display: inline-block; min-width: 9em; font-variant-numeric: tabular-nums; }
.qa-timeline .qa-open { margin-left: 0; font-size: 1em; }
#corpus { font-size: .95em; margin-top: -.6em; }
#chat { height: min(62vh, 640px) !important; }
@media (max-width: 640px) { #chat { height: 58vh !important; } #title h1 { font-size: 1.3em; margin: 0; } }
"""
# In the browser: the chat's copy buttons put clean text on the clipboard (the answer, then its
# sources as footnotes), never the message's HTML; a citation opens its card under the same answer
# wherever the chat is scrolled (caught before the chat's own handling of links), and the card's
# link leads back. No // comments inside: the page may join the script's lines.
HEAD = r"""<script>
(() => {
  const clip = navigator.clipboard;
  if (!clip || !clip.writeText) return;
  const write = clip.writeText.bind(clip);
  const clean = (text) => {
    if (!/class="qa-/.test(text)) return text;
    const doc = new DOMParser().parseFromString(text.replace(/<br\s*\/?>/g, "\n"), "text/html");
    doc.querySelectorAll(".qa-sources").forEach((list) => {
      const notes = [...list.querySelectorAll(".qa-source")].map((card) => {
        const head = card.querySelector(".qa-card-head").cloneNode(true);
        head.querySelectorAll("a, .qa-gone-note").forEach((el) => el.remove());
        const quoted = [...card.querySelectorAll("mark")].map((mark) => mark.textContent).join(" … ");
        return `${head.textContent.trim()}: ${quoted}`;
      });
      list.replaceWith(doc.createTextNode("\n\n" + notes.join("\n")));
    });
    doc.querySelectorAll(".qa-answer, .qa-note, .qa-removed").forEach((el) => el.append(doc.createTextNode("\n")));
    return doc.body.textContent.replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
  };
  clip.writeText = (text) => write(clean(String(text)));
})();
document.addEventListener("click", (event) => {
  const opener = event.target.closest && event.target.closest("a.qa-open");
  if (opener) {
    event.preventDefault();
    window.qaOpenLink = opener.hash;
    document.querySelector("#open-article").click();
    return;
  }
  const link = event.target.closest && event.target.closest("a.qa-cite, a.qa-back");
  if (!link) return;
  const target = document.getElementById(link.hash.slice(1));
  if (!target) return;
  event.preventDefault();
  const card = target.closest(".qa-source") || target;
  document.querySelectorAll(".qa-jumped").forEach((el) => el.classList.remove("qa-jumped"));
  if (link.classList.contains("qa-cite")) card.classList.add("qa-jumped");
  card.scrollIntoView({block: "center"});
  (card.querySelector("a.qa-back") || link).focus({preventScroll: true});
}, true);
</script>"""
# The article is shown once the page has drawn it: then the cited sentence is scrolled to.
SHOW_ARTICLE = """() => {
  let tries = 0;
  const show = () => {
    const mark = document.getElementById("qa-article-mark");
    if (!mark || !mark.offsetParent) { if (tries++ < 120) requestAnimationFrame(show); return; }
    mark.scrollIntoView({block: "center"});
  };
  show();
}"""
# The newest message is brought into view, even when the reader had scrolled up to an older one.
SHOW_NEWEST = """() => {
  const chat = document.querySelector("#chat [role=log], #chat .bubble-wrap") || document.querySelector("#chat");
  const last = [...document.querySelectorAll("#chat .message-row, #chat .message")].pop();
  if (last) last.scrollIntoView({block: "start"}); else if (chat) chat.scrollTop = chat.scrollHeight;
}"""


def _text(message: dict) -> str:
    """A chat message's text: the chat hands its messages over as lists of parts."""
    content = message["content"]
    return content if isinstance(content, str) else "".join(p.get("text", "") for p in content)


def _saved(history: list, chat: Assistant) -> list:
    """What the browser keeps across reloads: the chat as shown, and each turn's question and
    answer text (enough to understand the next follow-up)."""
    return [history, [(t.question, t.answer.text) for t in chat.turns]]


def build(settings: Settings) -> gr.Blocks:
    index = open_index(settings)
    generator = describe(settings)
    concurrency = 1 if settings.llm == "llamacpp" else CONCURRENCY
    modes = [generator, EXTRACTIVE] if generator != EXTRACTIVE else [EXTRACTIVE]

    def ask(question: str) -> dict:
        """Answer one question from the indexed articles; the Answer as JSON (see README)."""
        try:
            return answer(question, settings=settings, index=index).to_dict()
        except SeedQAError as e:
            raise gr.Error(str(e), print_exception=False) from None  # the message reaches the client
        except Exception as e:  # noqa: BLE001 - a bug: a one-line error for the client, details logged
            raise gr.Error(describe_unexpected(e, log_unexpected(e, "/ask")), print_exception=False) from None

    def respond(question: str, history: list, chat: Assistant | None, saved: list, mode: str, top_k: float):
        """Answer in the chat, streamed; the conversation is saved in the browser once answered."""
        if not question or not question.strip():  # Enter in an empty box: nothing to ask
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        chat = chat or _restored(saved)
        chat.settings = settings if mode != EXTRACTIVE else settings.model_copy(update={"llm": EXTRACTIVE})
        history = history + [{"role": "user", "content": question}]

        def reply(content: str) -> list:
            return history + [{"role": "assistant", "content": content}]

        yield reply(render.drafting("")), "", chat, gr.skip()
        try:
            answer_stream = chat.stream(question, int(top_k))
            text = ""
            for piece in answer_stream:
                text += piece
                yield reply(render.drafting(text)), "", chat, gr.skip()
            result = answer_stream.answer
        except SeedQAError as e:  # a bad question: said in the chat, never a traceback
            yield reply(render.error(str(e))), question, chat, gr.skip()
            return
        except Exception as e:  # noqa: BLE001 - a bug: said in the chat, the conversation stays
            message = describe_unexpected(e, log_unexpected(e, "chat"))
            yield (reply(render.error(f"Could not answer: {message}. The question is back in the box to try "
                                      "again.")), question, chat, gr.skip())
            return
        turn = chat.turns[-1]
        asked_as = result.question if turn.standalone != turn.question else None
        done = reply(render.answer_message(result, secrets.token_hex(4), index, asked_as))
        yield done, "", chat, _saved(done, chat)

    def restore(saved: list):
        """The conversation as it was before the page was reloaded."""
        return (saved[0] if saved else []), _restored(saved)

    def _restored(saved: list) -> Assistant:
        chat = Assistant(settings, index)
        for question, reply_text in (saved[1] if saved else []):
            chat.remember(question, reply_text)
        return chat

    def trimmed(history: list, chat: Assistant | None, keep: int):
        """The conversation up to message `keep` (a user message), as shown and as remembered."""
        chat = chat or Assistant(settings, index)
        asked = sum(m["role"] == "user" for m in history[:keep])
        del chat.turns[asked:]
        history = history[:keep]
        return history, chat, _saved(history, chat)

    def back_to_last_question(history: list, chat: Assistant | None):
        """Undo and retry: the conversation before the last question, that question in the box."""
        at = max((i for i, m in enumerate(history) if m["role"] == "user"), default=0)
        return *trimmed(history, chat, at), _text(history[at]) if history else ""

    def edit(history: list, chat: Assistant | None, edited: gr.EditData):
        return *trimmed(history, chat, edited.index), edited.value

    def picked(example: gr.SelectData) -> str:
        return example.value["text"]

    def add_files(files: list[str] | None, progress=gr.Progress()):  # noqa: B008 - Gradio's own idiom
        if not files:
            return "Choose .txt, .md, .html or .pdf files first.", None, gr.skip(), gr.skip(), gr.skip()
        try:
            lines = documents.add(index, settings, files, lambda share, what: progress(share, desc=what))
        except Exception as e:  # noqa: BLE001 - a bug: reported in the panel, nothing else lost
            lines = [f"✗ {describe_unexpected(e, log_unexpected(e, 'add documents'))}"]
        return "\n\n".join(lines), None, *corpus_views()

    def remove_document(source: str) -> str:
        """Take one indexed document out of the index (its file is kept aside, never deleted)."""
        try:
            return documents.remove(index, settings, source)
        except SeedQAError as e:
            return f"✗ {e}"
        except Exception as e:  # noqa: BLE001 - a bug: reported in the panel
            return f"✗ {describe_unexpected(e, log_unexpected(e, 'remove document'))}"

    def pick_row(picked: gr.SelectData):
        """A row of the documents table chosen: ask before removing it."""
        listed = index.documents()
        row = picked.index[0] if isinstance(picked.index, (list, tuple)) else picked.index
        if not 0 <= row < len(listed):
            return None, gr.update(visible=False), ""
        doc = listed[row]
        return doc.source, gr.update(visible=True), f"Remove “{render.plain(doc.title)}” from the index?"

    def remove_chosen(source: str | None, history: list):
        if not source:
            return "Choose a document in the table first.", gr.skip(), None, gr.update(visible=False), \
                gr.skip(), gr.skip(), gr.skip()
        message = remove_document(source)
        # Answers already given stay, with the cards of the removed document marked as such.
        history = [{**m, "content": render.mark_removed(_text(m), source)} if m["role"] == "assistant" else m
                   for m in history]
        return message, history, None, gr.update(visible=False), *corpus_views()

    def corpus_views():
        """The documents table, the line saying what the index holds, and the articles by date."""
        return documents.table(index), render.corpus_summary(index), render.articles_timeline(index)

    def current_documents():
        # Another process (`qa index`, a second `qa serve`) may have changed the index.
        index.refresh()
        return corpus_views()

    with gr.Blocks(title="Seed QA", analytics_enabled=False) as app:
        chat_state = gr.State(None)
        saved = gr.BrowserState([], storage_key=CHAT_KEY)
        gr.Markdown("# Seed QA", elem_id="title")
        corpus = gr.Markdown(render.corpus_summary(index), elem_id="corpus")
        chatbot = gr.Chatbot(label="Chat", show_label=False, elem_id="chat", autoscroll=False, sanitize_html=True,
                             latex_delimiters=[],
                             placeholder="Ask about the indexed news articles: every sentence of an answer "
                                         "cites the passage it comes from.",
                             examples=[{"text": e} for e in EXAMPLES], editable="user",
                             buttons=["copy", "copy_all"])
        box = gr.Textbox(placeholder="Ask about the articles… (Enter to send)", show_label=False,
                         elem_id="question", submit_btn="Send", stop_btn="Stop", max_lines=6)
        # The whole article a source card quotes, opened from the card's link (see HEAD).
        open_link = gr.Textbox(elem_id="open-link", elem_classes="qa-hidden", show_label=False, container=False)
        open_button = gr.Button("Open the article", elem_id="open-article", elem_classes="qa-hidden")
        with gr.Column(visible=False, elem_id="article-panel") as article_panel:
            close_article = gr.Button("Close the article", size="sm", elem_id="close-article")
            article = gr.HTML(elem_id="article")
        with gr.Accordion("Articles by date", open=False, elem_id="timeline"):
            timeline = gr.HTML(render.articles_timeline(index))
        with gr.Accordion("Documents", open=False, elem_id="documents"):
            gr.Markdown("Choose a row to remove its document.", elem_id="doc-help")
            docs = gr.Dataframe(documents.table(index), headers=documents.HEADERS, interactive=False,
                                elem_id="doc-table", wrap=True, column_widths=["45%", "18%", "27%", "10%"])
            chosen = gr.State(None)
            with gr.Row(visible=False, elem_id="remove-confirm") as confirm:
                question = gr.Markdown(elem_id="remove-question")
                remove_button = gr.Button("Remove", variant="stop", elem_id="remove", scale=0)
                cancel_button = gr.Button("Cancel", elem_id="remove-cancel", scale=0)
            upload = gr.File(label=f"Add articles (.txt .md .html .pdf, up to {settings.max_upload_mb:g} MB each)",
                             file_count="multiple", type="filepath", elem_id="upload")
            add_button = gr.Button("Add to the corpus", variant="primary", elem_id="add")
            status = gr.Markdown(elem_id="doc-status")
        with gr.Accordion("Settings", open=False, elem_id="settings"):
            mode = gr.Radio(modes, value=modes[0], label="Answer mode", visible=len(modes) > 1, elem_id="mode")
            top_k = gr.Slider(1, 20, value=settings.top_k, step=1, label="Passages per question (top-k)")
            gr.Markdown(f"Generator: **{generator}** · embeddings: **{index.embed_model.model_name}**",
                        elem_id="status")

        ask_inputs = [box, chatbot, chat_state, saved, mode, top_k]
        ask_outputs = [chatbot, box, chat_state, saved]
        # A question sent while another is answered waits its turn rather than being dropped.
        asking = dict(fn=respond, inputs=ask_inputs, outputs=ask_outputs, api_visibility="private",
                      trigger_mode="always_last", concurrency_limit=concurrency)
        submitted = box.submit(**asking)
        submitted.then(None, js=SHOW_NEWEST)
        box.stop(None, cancels=[submitted])
        chatbot.example_select(picked, None, box, api_visibility="private").then(**asking).then(None, js=SHOW_NEWEST)
        chatbot.retry(back_to_last_question, [chatbot, chat_state], [chatbot, chat_state, saved, box],
                      api_visibility="private").then(**asking)
        chatbot.undo(back_to_last_question, [chatbot, chat_state], [chatbot, chat_state, saved, box],
                     api_visibility="private")
        chatbot.edit(edit, [chatbot, chat_state], [chatbot, chat_state, saved, box],
                     api_visibility="private").then(**asking)
        # A cleared chat forgets its turns, here and in the browser: the browser's copy at once, so
        # that a reload right after Clear does not bring back what the server has not yet emptied.
        chatbot.clear(lambda: (None, []), None, [chat_state, saved], api_visibility="private",
                      js=f"() => {{ localStorage.removeItem({CHAT_KEY!r}); }}")
        # Callable by name (gradio_client) but not advertised: scripts can add and remove articles.
        views = [docs, corpus, timeline]
        add_button.click(add_files, [upload], [status, upload, *views], api_name="add_documents",
                         api_visibility="undocumented", show_progress_on=[status])
        docs.select(pick_row, None, [chosen, confirm, question], api_visibility="private")
        remove_button.click(remove_chosen, [chosen, chatbot], [status, chatbot, chosen, confirm, *views],
                            api_visibility="private", show_progress_on=[status])
        cancel_button.click(lambda: (None, gr.update(visible=False)), None, [chosen, confirm],
                            api_visibility="private")
        gr.api(remove_document, api_name="remove_document", api_visibility="undocumented")
        open_button.click(lambda link: (render.article_view(index, link), gr.update(visible=True)), open_link,
                          [article, article_panel], js="(link) => window.qaOpenLink || ''",
                          api_visibility="private").then(None, js=SHOW_ARTICLE)
        close_article.click(lambda: gr.update(visible=False), None, article_panel, api_visibility="private")
        gr.api(ask, api_name="ask", concurrency_limit=concurrency)
        app.load(current_documents, None, views, api_visibility="private")
        app.load(restore, saved, [chatbot, chat_state], api_visibility="private")
    return app
