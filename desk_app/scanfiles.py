"""The scanning service's page files, as sync keeps them (the core must not import sync).

`desk_app.core.scanning.service` takes any object with `add` and `get`; this one stores through
`desk_app.sync.pages.add_page_file` (encrypted, content-addressed, atomic, a page blob row that
sync uploads) and reads back through the same file folder. The CLI, the window and the tests
hand it to the service.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desk_app.store.db import Store
from desk_app.store.models import PageBlob
from desk_app.sync.files import page_files
from desk_app.sync.pages import add_page_file


class SyncedPageFiles:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, session: Session, *, data: bytes, branch_code: str, proposal_id: str | None,
            media_type: str) -> PageBlob:
        return add_page_file(session, self._store, data=data, branch_code=branch_code,
                             proposal_id=proposal_id, media_type=media_type)

    def get(self, digest: str) -> bytes:
        return page_files(self._store).get(digest)
