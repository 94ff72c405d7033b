"""Page files: the one place that knows where a scanned page's image lives and how sync carries it.

A store's page files sit in its encrypted, content-addressed folder (`page_files`): there is
deliberately no plaintext fallback: a store opened without its secret exists only while
`open_store` converts an old plaintext file, and page images must never be written in clear
(issue 6). `EncryptedFileStore` writes atomically, so a file at its address is whole.

`add_page_file` stores a file and records its page blob row, which sync uploads; `SyncedPageFiles`
is the scanning core's `PageFiles` (`desk_app.core.scanning.service`, which imports nothing of sync)
made of the two, handed to it by the services, the benches and the tests.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desk_app.store.db import Store
from desk_app.store.filestore import EncryptedFileStore
from desk_app.store.models import PageBlob


def page_files(store: Store) -> EncryptedFileStore:
    """The store's page files, by content hash (sync reads, checks and writes them here too)."""
    if store.files is None:
        raise RuntimeError("page files need an encrypted store (open it with open_store)")
    return store.files


def add_page_file(session: Session, store: Store, *, data: bytes, branch_code: str,
                  proposal_id: str | None = None, media_type: str = "image/png") -> PageBlob:
    """Store the file first (atomic), then its row in the caller's transaction.

    If the transaction rolls back the file stays as an unreferenced orphan, which is harmless;
    the opposite (a row without its file) cannot happen.
    """
    digest = page_files(store).put(data)
    row = PageBlob(sha256=digest, size=len(data), proposal_id=proposal_id, media_type=media_type,
                   branch_code=branch_code)
    session.add(row)
    session.flush()
    return row


class SyncedPageFiles:
    """The scanning core's PageFiles for one store: files stored and read as sync keeps them."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, session: Session, *, data: bytes, branch_code: str, proposal_id: str | None,
            media_type: str) -> PageBlob:
        return add_page_file(session, self._store, data=data, branch_code=branch_code,
                             proposal_id=proposal_id, media_type=media_type)

    def get(self, digest: str) -> bytes:
        return page_files(self._store).get(digest)
