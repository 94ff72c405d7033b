"""Scanning station actions and reads: files through the clean-up pipeline into pages of their
cases, the operator's page edits, and what the scanning window lists.

Each action owns its transaction and returns `Done(value, Changes)`; each read opens one read
snapshot and returns frozen values (the core's `PageOutcome`, `BatchInfo`, `CaseScan`), never a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desk_app.core import proposals, receipt_scans, replies
from desk_app.core.roles import Actor
from desk_app.core.scanning import service
from desk_app.core.scanning.processed import ProcessedFile
from desk_app.core.scanning.service import BatchInfo, CaseScan, PageOutcome
from desk_app.services.changes import Changes, Done
from desk_app.services.scan_files import (  # noqa: F401 (re-exported: the files' half of scanning)
    MAX_SCAN_FILE_BYTES,
    Processing,
    begin_processing,
    process_files,
    read_scan_file,
)
from desk_app.store.db import Store
from desk_app.store.models import Proposal
from desk_app.sync.pages import SyncedPageFiles

# Replies scanned behind a problem notice are recorded by the problem-case work, signed receipts by
# the contract work: both are loaded only when a batch holds such pages (neither is needed to
# store an ordinary page; importing them costs a one-page import about 60 ms here).
replies.recorder_in("desk_app.core.problems.lifecycle")
receipt_scans.recorder_in("desk_app.core.contracts.signed")

# Storing or typing pages can complete a case (扫描 SCANNED: the queues move); every write is
# carried by sync.
TOUCHED = Changes(cases=True, queues=True, pages=True, sync=True)
# Edits that re-check the case's scan deficiencies but never move it to another stage.
REDONE = Changes(cases=True, pages=True, sync=True)


@dataclass(frozen=True)
class Imported:
    pages: list[PageOutcome]
    errors: list[str]  # one Chinese sentence per file that could not be read


def store_files(store: Store, *, actor: Actor, files: Sequence[ProcessedFile], case: str | None = None,
                source: str = "file") -> Done[list[PageOutcome]]:
    """Processed files as pages of their cases (indexed by cover sheet or barcode; pages before
    the first cover go to `case`, a case or proposal number), in one transaction."""
    if not files:
        return Done([])
    with store.transaction() as session:
        out = service.store_batch(session, SyncedPageFiles(store), actor=actor, files=list(files), case=case,
                                  source=source)
    return Done(out, TOUCHED)


def import_files(store: Store, *, actor: Actor, paths: Sequence[Path], fmt: str = "jpeg", workers: int = 2,
                 case: str | None = None, processing: Processing | None = None) -> Done[Imported]:
    """`scan import`: the files through the pipeline, then stored; the readable ones are kept even
    when others are refused (each refusal is reported). `processing`: the same files already on
    their way (`begin_processing`); `paths`, `fmt` and `workers` are then its own."""
    if processing is not None:
        files, errors = processing.result()
    else:
        files, errors = process_files(paths, fmt=fmt, workers=workers, one_page_here=True)
    stored = store_files(store, actor=actor, files=files, case=case)
    return Done(Imported(stored.value, errors), stored.changes)


def import_hot_file(store: Store, *, actor: Actor, name: str, data: bytes, digest: str,
                    fmt: str = "png") -> Done[list[PageOutcome] | None]:
    """One file the hot folder found complete: imported once by its sha256 (None when it was
    already, e.g. after a crash between the commit and the move to done/).

    Refuses an unreadable file with its Chinese reason (DomainError), changing nothing."""
    label = f"{name} sha256:{digest}"
    with store.reading() as session:
        if service.already_imported(session, label):
            return Done(None)
    from desk_app.core.scanning import processing

    processed = processing.process_file(name, data, fmt=fmt)  # the slow part, outside the write lock
    with store.transaction() as session:
        if service.already_imported(session, label):
            return Done(None)
        out = service.store_batch(session, SyncedPageFiles(store), actor=actor, files=[processed],
                                  source="hot_folder", label=label)
    return Done(out, TOUCHED)


# --- the operator's page edits ---------------------------------------------------------------------

def set_doc_type(store: Store, *, actor: Actor, page_ids: Sequence[str], doc_type: str) -> Done[None]:
    """Type pages (keys 1–9); a case whose required documents are then all there becomes 扫描."""
    with store.transaction() as session:
        service.assign_pages(session, actor=actor, page_ids=page_ids, doc_type=doc_type)
    return Done(None, TOUCHED)


def assign_to_case(store: Store, *, actor: Actor, page_ids: Sequence[str], case: str) -> Done[str]:
    """Put pages in the case named by its case or proposal number; returns the case number.

    An unknown number is refused (NotFound) before anything changes."""
    with store.transaction() as session:
        proposal_id = proposals.find_case(session, case)
        service.assign_pages(session, actor=actor, page_ids=page_ids, case=case)
        case_no = session.get(Proposal, proposal_id).case_no
    return Done(case_no, TOUCHED)


def set_deleted(store: Store, *, actor: Actor, page_ids: Sequence[str], deleted: bool) -> Done[None]:
    """Delete pages (recoverable tombstones) or restore them, all or none."""
    with store.transaction() as session:
        for page_id in page_ids:
            service.set_deleted(session, actor=actor, page_id=page_id, deleted=deleted)
    return Done(None, REDONE)


def move_page(store: Store, *, actor: Actor, page_id: str, step: int) -> Done[list[str]]:
    """Move a page up (-1) or down (+1) in its batch; returns the batch's page ids in order."""
    with store.transaction() as session:
        order = service.move_page(session, actor=actor, page_id=page_id, step=step)
    return Done(order, Changes(pages=True, sync=True))


def rotate_page(store: Store, *, actor: Actor, page_id: str, quarter: int) -> Done[PageOutcome]:
    """Turn a page by a quarter (90 right, -90 left), redone from its kept original."""
    with store.transaction() as session:
        out = service.rotate_page(session, SyncedPageFiles(store), actor=actor, page_id=page_id, quarter=quarter)
    return Done(out, REDONE)


def rescan_page(store: Store, *, actor: Actor, page_id: str, file: ProcessedFile) -> Done[PageOutcome]:
    """Replace a page by a processed one-page rescan, in place (case, type and order stay)."""
    with store.transaction() as session:
        out = service.rescan_page(session, SyncedPageFiles(store), actor=actor, page_id=page_id, file=file)
    return Done(out, REDONE)


# --- reads for the scanning window -------------------------------------------------------------------

@dataclass(frozen=True)
class Batches:
    """The batch list: the newest batches, and how many pages wait in the unindexed tray."""

    recent: tuple[BatchInfo, ...]
    unindexed: int


@dataclass(frozen=True)
class CaseCompleteness:
    """A case's scan as the completeness line says it: number, stage and what is (not) there."""

    case_no: str
    state: str
    scan: CaseScan


def batches(store: Store, *, limit: int = 50) -> Batches:
    with store.reading() as session:
        return Batches(tuple(service.recent_batches(session, limit=limit)), len(service.unindexed(session)))


def pages(store: Store, batch_id: str | None, *, include_deleted: bool = False) -> tuple[PageOutcome, ...]:
    """A batch's pages in order, or (batch_id None) the unindexed tray's."""
    with store.reading() as session:
        if batch_id is None:
            return tuple(service.tray_pages(session, include_deleted=include_deleted))
        return tuple(service.batch_pages(session, batch_id, include_deleted=include_deleted))


def page_image(store: Store, sha256: str) -> bytes:
    """A stored page file (decrypted), by its hash."""
    return SyncedPageFiles(store).get(sha256)


def case_completeness(store: Store, proposal_id: str) -> CaseCompleteness:
    with store.reading() as session:
        p = session.get(Proposal, proposal_id)
        return CaseCompleteness(p.case_no, p.state, service.case_scan(session, proposal_id))
