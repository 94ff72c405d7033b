"""Recording a scanned page's file so sync carries it (for the scanning pipeline to call)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desk_app.store.db import Store
from desk_app.store.models import PageBlob
from desk_app.sync.files import page_files


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
