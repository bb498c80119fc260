"""Seed QA: answers about news articles, citing exact passages.

    from qa import answer
    r = answer("Why did Ant halt its stablecoin plans?")
"""

from importlib import import_module

# Names are loaded on first use: `qa --help` and input errors must not wait for the models.
_WHERE = {"REFUSAL": "qa.types", "Answer": "qa.types", "AnswerSentence": "qa.types", "Citation": "qa.types",
          "AnswerStream": "qa.pipeline", "answer": "qa.pipeline", "open_index": "qa.pipeline",
          "stream": "qa.pipeline", "Assistant": "qa.conversation", "Settings": "qa.settings",
          "InputFileError": "qa.errors", "QuestionError": "qa.errors", "SeedQAError": "qa.errors",
          "StoreError": "qa.errors"}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'qa' has no attribute {name!r}")
    return getattr(import_module(_WHERE[name]), name)
