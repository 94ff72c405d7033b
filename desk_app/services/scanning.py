"""Scanning station actions: files through the clean-up pipeline into pages of their cases."""

from __future__ import annotations

from desk_app.core.roles import Actor
from desk_app.core.scanning import service
from desk_app.core.scanning.service import PageOutcome
from desk_app.scanfiles import SyncedPageFiles
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store

TOUCHED = Changes(cases=True, queues=True, pages=True, sync=True)


def import_hot_file(store: Store, *, actor: Actor, name: str, data: bytes, digest: str,
                    fmt: str = "png") -> Done[list[PageOutcome] | None]:
    """One file the hot folder found complete: imported once by its sha256 (None when it was
    already, e.g. after a crash between the commit and the move to done/).

    Refuses an unreadable file with its Chinese reason (DomainError), changing nothing."""
    label = f"{name} sha256:{digest}"
    with store.reading() as session:
        if service.already_imported(session, label):
            return Done(None)
    processed = service.process_file(name, data, fmt=fmt)  # the slow part, outside the write lock
    with store.transaction() as session:
        if service.already_imported(session, label):
            return Done(None)
        out = service.store_batch(session, SyncedPageFiles(store), actor=actor, files=[processed],
                                  source="hot_folder", label=label)
    return Done(out, TOUCHED)
