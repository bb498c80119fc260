"""Multi-turn: follow-ups become standalone questions, by rule offline and by the LLM when set."""

import pytest
from fake_llm import FakeOpenAIServer

from qa.conversation import Assistant, is_follow_up, rule_rewrite
from qa.prompts import REWRITE_SYSTEM


@pytest.mark.parametrize("follow_up, previous, expected", [
    ("why?", "What did Ant Group halt?", "Why did Ant Group halt?"),
    ("and what did JD.com plan?", "Why did Ant halt its stablecoin plans?",
     "What did JD.com plan (stablecoin plans)?"),
    ("When did they announce it?", "Why did Ant Group halt its stablecoin plans?",
     "When did they announce it (Ant Group halt stablecoin plans)?"),
    ("What about Ant?", "What did JD.com plan for stablecoins?", "What about Ant (stablecoins)?"),
])
def test_rule_rewrite(follow_up, previous, expected):
    assert is_follow_up(follow_up)
    assert rule_rewrite(follow_up, previous) == expected


@pytest.mark.parametrize("question", ["Why did Ant halt?", "What did the PBOC say about stablecoins?"])
def test_standalone_questions_are_not_follow_ups(question):
    assert not is_follow_up(question)


def test_offline_follow_ups_answer_about_the_new_subject(seed_settings, seed_index):
    chat = Assistant(seed_settings, seed_index)
    first = chat.ask("Why did Ant Group halt its stablecoin plans?")
    second = chat.ask("and what did JD.com plan?")
    assert not first.abstained and not second.abstained
    assert "JD.com" in second.question and "stablecoin" in second.question
    assert "JD" in second.text and second.text != first.text
    third = chat.ask("why?")
    assert third.question.startswith("Why did JD.com plan") and not third.abstained
    assert [t.question for t in chat.turns] == ["Why did Ant Group halt its stablecoin plans?",
                                                "and what did JD.com plan?", "why?"]


def test_first_question_is_never_rewritten(seed_settings, seed_index):
    chat = Assistant(seed_settings, seed_index)
    assert chat.ask("Why?").question == "Why?"


def test_llm_rewrites_follow_ups_with_the_conversation(seed_settings, seed_index):
    with FakeOpenAIServer() as fake:
        def script(request):
            if request["messages"][0]["content"] == REWRITE_SYSTEM:
                return "What did JD.com plan for offshore yuan stablecoins in Hong Kong?"
            return "The articles do not say."

        fake.script = script
        settings = seed_settings.model_copy(update={"llm": "openai-like", "llm_url": fake.url,
                                                    "llm_model": "fake"})
        chat = Assistant(settings, seed_index)
        chat.ask("Why did Ant Group halt its stablecoin plans?")
        result = chat.ask("and what did JD.com plan?")
        rewrite = next(r for r in fake.requests if r["messages"][0]["content"] == REWRITE_SYSTEM)
        assert "Why did Ant Group halt its stablecoin plans?" in rewrite["messages"][1]["content"]
        assert result.question == "What did JD.com plan for offshore yuan stablecoins in Hong Kong?"


def test_rule_stands_in_when_the_llm_cannot_rewrite(seed_settings, seed_index):
    with FakeOpenAIServer() as fake:
        fake.status = 429
        settings = seed_settings.model_copy(update={"llm": "openai-like", "llm_url": fake.url,
                                                    "llm_model": "fake"})
        chat = Assistant(settings, seed_index)
        chat.ask("What did Ant Group halt?")
        result = chat.ask("why?")
        assert result.question == "Why did Ant Group halt?"
        assert result.note and "rate-limited" in result.note


@pytest.mark.parametrize("question", ["is ant still going ahead with its stablecoin?",
                                      "what did the pboc tell the firms about their plans",
                                      "and how do hong kong's stablecoin licences work?"])
def test_lower_case_question_with_a_pronoun_and_its_own_topic_stands_alone(question):
    assert not is_follow_up(question)
