"""The Gradio web app: a streamed chat whose answers link to their sources, a documents panel to
add and remove articles, and the same answering as the `/ask` API endpoint."""

from __future__ import annotations

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
CONCURRENCY = 4  # questions answered at once; the rest queue (one at a time for an in-process GGUF model)

# System fonts only: the UI must render with no internet (Gradio's themes default to web fonts).
THEME = gr.themes.Soft(font=["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "sans-serif"],
                       font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"])
CSS = """
.qa-abstained { border-left: 4px solid #9ca3af; padding: .4em .8em; font-style: italic; opacity: .9; }
.qa-lacks { font-style: italic; }
.qa-note { font-size: .85em; opacity: .8; margin-top: .5em; }
.qa-removed { font-size: .85em; margin-top: .5em; }
.qa-cited { font-size: .8em; opacity: .75; margin-top: .5em; }
.qa-rewrite { font-size: .8em; opacity: .7; margin-bottom: .3em; }
.qa-error { color: #b91c1c; }
a.qa-cite { text-decoration: none; font-weight: 600; }
.qa-sources { display: flex; flex-direction: column; gap: .8em; max-height: 620px; overflow-y: auto; }
.qa-source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .6em .8em; }
.qa-source header { font-weight: 600; }
.qa-meta { font-size: .8em; opacity: .75; margin: .2em 0 .4em; }
.qa-source blockquote { margin: 0; font-size: .9em; line-height: 1.45; }
.qa-source mark { background: #fde68a; color: #111827; padding: 0 .1em; border-radius: 2px; }
.qa-empty { opacity: .7; font-style: italic; }
.qa-draft { opacity: .6; }
"""


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

    def respond(question: str, history: list, chat: Assistant | None, mode: str, top_k: float):
        chat = chat or Assistant(settings, index)
        chat.settings = settings if mode != EXTRACTIVE else settings.model_copy(update={"llm": EXTRACTIVE})
        history = history + [{"role": "user", "content": question}]

        def reply(content: str) -> list:
            return history + [{"role": "assistant", "content": content}]

        yield reply(render.drafting("")), "", gr.skip(), chat
        try:
            answer_stream = chat.stream(question, int(top_k))
            text = ""
            for piece in answer_stream:
                text += piece
                yield reply(render.drafting(text)), "", gr.skip(), chat
            result = answer_stream.answer
        except SeedQAError as e:  # a bad question: said in the chat, never a traceback
            yield reply(f'<div class="qa-error">⚠ {render.plain(str(e))}</div>'), question, gr.skip(), chat
            return
        except Exception as e:  # noqa: BLE001 - a bug: said in the chat, the conversation stays
            message = describe_unexpected(e, log_unexpected(e, "chat"))
            yield (reply(f'<div class="qa-error">⚠ Could not answer: {render.plain(message)}. '
                         'The question is back in the box to try again.</div>'), question, gr.skip(), chat)
            return
        shown = render.answer_message(result)
        turn = chat.turns[-1]
        if turn.standalone != turn.question:
            shown = f'<div class="qa-rewrite">Answering: {render.plain(result.question)}</div>\n\n{shown}'
        yield reply(shown), "", render.sources_html(result, index), chat

    def add_files(files: list[str] | None, progress=gr.Progress()):
        if not files:
            return "Choose .txt, .md, .html or .pdf files first.", gr.skip(), gr.skip(), None
        try:
            lines = documents.add(index, settings, files, lambda share, what: progress(share, desc=what))
        except Exception as e:  # noqa: BLE001 - a bug: reported in the panel, nothing else lost
            lines = [f"✗ {describe_unexpected(e, log_unexpected(e, 'add documents'))}"]
        return "\n\n".join(lines), documents.table(index), gr.update(choices=documents.choices(index)), None

    def remove(source: str | None):
        if not source:
            return "Choose a document to remove.", gr.skip(), gr.skip()
        try:
            message = documents.remove(index, settings, source)
        except SeedQAError as e:
            message = f"✗ {e}"
        except Exception as e:  # noqa: BLE001 - a bug: reported in the panel
            message = f"✗ {describe_unexpected(e, log_unexpected(e, 'remove document'))}"
        return message, documents.table(index), gr.update(choices=documents.choices(index), value=None)

    def current_documents():
        # Another process (`qa index`, a second `qa serve`) may have changed the index.
        index.refresh()
        return documents.table(index), gr.update(choices=documents.choices(index), value=None)

    with gr.Blocks(title="Seed QA", analytics_enabled=False) as app:
        chat_state = gr.State(None)
        gr.Markdown("## Seed QA\nAnswers from the indexed news articles; every sentence cites its passage.")
        with gr.Row():
            mode = gr.Radio(modes, value=modes[0], label="Answer mode", visible=len(modes) > 1,
                            elem_id="mode")
            top_k = gr.Slider(1, 20, value=settings.top_k, step=1, label="Passages per question (top-k)")
            gr.Markdown(f"Mode: **{generator}** · embeddings: **{index.embed_model.model_name}**",
                        elem_id="status")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                chatbot = gr.Chatbot(label="Chat", height=520, elem_id="chat", sanitize_html=True,
                                     placeholder="Ask a question about the articles.")
                box = gr.Textbox(placeholder="Ask about the articles… (Enter to send)", show_label=False,
                                 elem_id="question", submit_btn=True)
                gr.Examples(EXAMPLES, inputs=box, label="Try")
            with gr.Column(scale=2, min_width=300):
                gr.Markdown("### Sources")
                sources = gr.HTML(render.sources_html(None, index), elem_id="sources")
        with gr.Accordion("Documents", open=False, elem_id="documents"):
            docs = gr.Dataframe(documents.table(index), headers=documents.HEADERS, interactive=False,
                                elem_id="doc-table")
            with gr.Row():
                with gr.Column():
                    upload = gr.File(label=f"Add articles (.txt .md .html .pdf, up to "
                                           f"{settings.max_upload_mb:g} MB each)",
                                     file_count="multiple", type="filepath", elem_id="upload")
                    add_button = gr.Button("Add to the corpus", variant="primary", elem_id="add")
                with gr.Column():
                    chosen = gr.Dropdown(documents.choices(index), label="Remove a document",
                                         value=None, elem_id="remove-choice", allow_custom_value=True)
                    remove_button = gr.Button("Remove from the index", elem_id="remove")
            status = gr.Markdown(elem_id="doc-status")

        box.submit(respond, [box, chatbot, chat_state, mode, top_k], [chatbot, box, sources, chat_state],
                   api_visibility="private", concurrency_limit=concurrency)
        chatbot.clear(lambda: None, None, chat_state)  # a cleared chat forgets its turns too
        # Callable by name (gradio_client) but not advertised: scripts can add and remove articles.
        add_button.click(add_files, [upload], [status, docs, chosen, upload], api_name="add_documents",
                         api_visibility="undocumented")
        remove_button.click(remove, [chosen], [status, docs, chosen], api_name="remove_document",
                            api_visibility="undocumented")
        gr.api(ask, api_name="ask", concurrency_limit=concurrency)
        app.load(current_documents, None, [docs, chosen], api_visibility="private")
    return app
