"""The Gradio web app: a chat whose answers show their sources, over the same `answer()`."""

from __future__ import annotations

import html
from pathlib import Path

import gradio as gr

from qa.pipeline import answer, open_index
from qa.settings import Settings
from qa.types import Answer

EXAMPLES = ["Why did Ant halt?", "Which companies are lobbying China's central bank for offshore "
            "yuan stablecoins?", "What is the latest status of JD.com's stablecoin plans?",
            "蚂蚁集团为什么暂停稳定币计划？"]


def sources_markdown(result: Answer) -> str:
    if result.abstained:
        return "_No source holds the answer, so none is cited._"
    blocks = []
    for c in result.citations:
        blocks.append(f"**[{c.n}] {html.escape(c.title)}**  \n{c.date or 'undated'} · "
                      f"`{Path(c.source).name}` · characters {c.start}–{c.end}  \n"
                      f"> {html.escape(' '.join(c.text.split()))}")
    return "\n\n".join(blocks)


def build(settings: Settings) -> gr.Blocks:
    index = open_index(settings)

    def ask(question: str) -> dict:
        return answer(question, settings=settings, index=index).to_dict()

    def chat(question: str, history: list):
        history = history + [{"role": "user", "content": question}]
        try:
            result = answer(question, settings=settings, index=index)
        except Exception as e:  # shown in the chat as a message, never as a traceback
            history.append({"role": "assistant", "content": f"⚠️ {e}"})
            yield history, "", ""
            return
        shown = ""
        for sentence in result.sentences or [None]:
            shown = result.text if sentence is None else f"{shown} {sentence.text}".strip()
            content = f"*{shown}*" if result.abstained else shown
            yield history + [{"role": "assistant", "content": content}], "", sources_markdown(result)

    docs = [[d.title, d.date or "", Path(d.source).name, d.chunks] for d in index.documents()]
    with gr.Blocks(title="Seed QA") as app:
        gr.Markdown("## Seed QA\nAnswers from the indexed news articles, every sentence cited. "
                    f"Mode: **{settings.llm}** · embeddings: **{index.embed_model.model_name}**")
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="Chat", height=480)
                box = gr.Textbox(placeholder="Ask about the articles…", show_label=False)
                gr.Examples(EXAMPLES, inputs=box)
            with gr.Column(scale=2):
                sources = gr.Markdown(label="Sources", value="_Sources appear here._")
        with gr.Accordion("Indexed documents", open=False):
            gr.Dataframe(docs, headers=["title", "date", "file", "chunks"], interactive=False)
        box.submit(chat, [box, chatbot], [chatbot, box, sources], api_name=False)
        gr.api(ask, api_name="ask")
    return app


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    build(settings).launch(server_name=host, server_port=port, show_error=False)
