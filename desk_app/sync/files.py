"""Page files of a store, by content hash: always the store's encrypted file folder.

There is deliberately no plaintext fallback: a store opened without its secret exists only
while `open_store` converts an old plaintext file, and page images must never be written in
clear (issue 6). `EncryptedFileStore` writes atomically, so a file at its address is whole.
"""

from __future__ import annotations

from typing import Protocol

from desk_app.store.db import Store


class PageFiles(Protocol):
    def exists(self, digest: str) -> bool: ...
    def put(self, data: bytes) -> str: ...
    def get(self, digest: str) -> bytes: ...


def page_files(store: Store) -> PageFiles:
    if store.files is None:
        raise RuntimeError("page files need an encrypted store (open it with open_store)")
    return store.files
