"""The few errors a user can cause; the CLI prints them as one line each."""


class SeedQAError(Exception):
    """Base of every error that is the user's input or environment, not a bug."""


class InputFileError(SeedQAError):
    """A file or folder that cannot be read as an article."""


class StoreError(SeedQAError):
    """The Chroma store is unreachable, locked or corrupt."""
