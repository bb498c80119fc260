"""Seed QA: answers about news articles, citing exact passages.

    from qa import answer
    r = answer("Why did Ant halt its stablecoin plans?")
"""

from qa.errors import InputFileError, QuestionError, SeedQAError, StoreError
from qa.conversation import Assistant
from qa.pipeline import REFUSAL, AnswerStream, answer, open_index, stream
from qa.settings import Settings
from qa.types import Answer, AnswerSentence, Citation

__all__ = ["REFUSAL", "Answer", "AnswerStream", "Assistant", "AnswerSentence", "Citation", "InputFileError", "QuestionError",
           "SeedQAError", "Settings", "StoreError", "answer", "open_index", "stream"]
