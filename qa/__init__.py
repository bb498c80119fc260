"""Seed QA: answers about news articles, citing exact passages.

    from qa import answer
    r = answer("Why did Ant halt its stablecoin plans?")
"""

from qa.errors import InputFileError, QuestionError, SeedQAError, StoreError
from qa.pipeline import REFUSAL, answer, open_index
from qa.settings import Settings
from qa.types import Answer, AnswerSentence, Citation

__all__ = ["REFUSAL", "Answer", "AnswerSentence", "Citation", "InputFileError", "QuestionError",
           "SeedQAError", "Settings", "StoreError", "answer", "open_index"]
