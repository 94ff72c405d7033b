"""The one kind of error a person is shown: a refusal with one Chinese sentence, nothing changed.

Bad input and wrong steps (core.errors.DomainError), a store that cannot be opened or a key that
cannot be had (store.migrate, store.keys), a full or failing disk (store.errors.StorageFailure):
the window shows the sentence, the command line prints it and exits 2. Anything else is a bug,
logged with its traceback. Top-level, beside no layer, because every layer raises one.
"""

from __future__ import annotations


class Refusal(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
