"""The web app on a real Gradio server, called through its `/ask` API endpoint."""

import socket

import pytest
from gradio_client import Client

from qa import answer
from ui.app import build


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(seed_settings, seed_index):
    app = build(seed_settings)
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    app.close()


def test_ask_endpoint_returns_the_answer_json(server, seed_settings, seed_index):
    question = "Why did Ant halt?"
    got = Client(server, verbose=False).predict(question, api_name="/ask")
    assert got == answer(question, settings=seed_settings, index=seed_index).to_dict()
    assert got["citations"] and got["citations"][0]["source"].endswith("004_f3017f71133a5652.txt")


def test_ask_endpoint_abstains(server):
    got = Client(server, verbose=False).predict("Who is the CEO of Tesla?", api_name="/ask")
    assert got["abstained"] is True and got["citations"] == []
