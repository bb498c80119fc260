"""Errors a user can cause; `qa` prints each as one line and exits non-zero."""

from index.errors import InputFileError, SeedQAError, StoreError


class QuestionError(SeedQAError):
    """A question that cannot be asked: empty, or too long."""


__all__ = ["InputFileError", "QuestionError", "SeedQAError", "StoreError"]
