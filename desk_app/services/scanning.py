"""Scanning station actions and reads: files through the clean-up pipeline into pages of their
cases, the operator's page edits, and what the scanning window lists.

Each action owns its transaction and returns `Done(value, Changes)`; each read opens one read
snapshot and returns frozen values (the core's `PageOutcome`, `BatchInfo`, `CaseScan`), never a row.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import stat
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_app.core import proposals
from desk_app.core.contracts import signed  # noqa: F401  (records signed contract receipts scanned back)
from desk_app.core.problems import lifecycle  # noqa: F401  (records replies scanned behind a notice)
from desk_app.core.roles import Actor
from desk_app.core.scanning import service
from desk_app.core.scanning.service import BatchInfo, CaseScan, PageOutcome
from desk_app.core.scanning.unreadable import UnreadableFile, open_error
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store
from desk_app.store.models import Proposal
from desk_app.sync.pages import SyncedPageFiles

if TYPE_CHECKING:
    from desk_app.core.scanning.processing import FileRef, ProcessedFile

# Storing or typing pages can complete a case (扫描 SCANNED: the queues move); every write is
# carried by sync.
TOUCHED = Changes(cases=True, queues=True, pages=True, sync=True)
# Edits that re-check the case's scan deficiencies but never move it to another stage.
REDONE = Changes(cases=True, pages=True, sync=True)


@dataclass(frozen=True)
class Imported:
    pages: list[PageOutcome]
    errors: list[str]  # one Chinese sentence per file that could not be read


# A scanner's file is tens of megabytes at most (a 100-page 300-dpi PDF is about 150 MB): anything
# larger is a wrong file, and reading it whole would take the PC's memory first.
MAX_SCAN_FILE_BYTES = 512 * 1024 * 1024


def read_scan_file(path: Path) -> bytes:
    """A scanner's file, read whole only if it is a regular file of a plausible size: devices
    (/dev/zero), pipes and folders are refused before anything is read."""
    return _read_scan_file(path)[0]


def _read_scan_file(path: Path) -> tuple[bytes, FileRef | None]:
    """The file's bytes, and a reference by which a pool process can open it again (None when it
    changed while it was read)."""
    from desk_app.core.scanning.processing import FileRef

    try:
        info = os.stat(path)
    except OSError as exc:
        raise UnreadableFile(open_error(path.name, exc)) from None
    # Checked before opening: opening a pipe would wait for a writer, a folder cannot be read.
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile(f"“{path.name}”不是普通文件（是文件夹、设备或管道），未导入。")
    if info.st_size > MAX_SCAN_FILE_BYTES:
        raise UnreadableFile(
            f"文件“{path.name}”太大（{info.st_size / 2**20:,.0f} MB，最多 {MAX_SCAN_FILE_BYTES // 2**20} MB），未导入。")
    try:
        with open(path, "rb") as f:
            before = os.fstat(f.fileno())
            data = f.read(MAX_SCAN_FILE_BYTES + 1)
            after = os.fstat(f.fileno())
    except OSError as exc:
        raise UnreadableFile(open_error(path.name, exc)) from None
    if len(data) > MAX_SCAN_FILE_BYTES:
        raise UnreadableFile(f"文件“{path.name}”太大，未导入。")
    ref = FileRef.of(path, after)
    return data, ref if ref.matches(before) and ref.size == len(data) else None


def process_files(paths: Sequence[Path | str], *, fmt: str = "jpeg", workers: int = 2, camera: bool = False,
                  progress: Callable[[int, int], None] | None = None, one_page_here: bool = False,
                  before_pool: Callable[[], bool] | None = None) -> tuple[list[ProcessedFile], list[str]]:
    """Decode and clean every file (split by page over `workers` processes, so one long PDF or
    TIFF keeps both cores busy); unreadable files come back as their messages. No store work.

    The processes are sent each file's path and a page range, not its bytes: each opens the file
    and renders only its pages (a 100-page PDF is not copied into every job and every process),
    and this process reads the file again, checked unchanged, only once its pages are done.

    `one_page_here`: a single page in all is processed in this process, without the pool (whose
    start cost about a second); the command line asks for it, the window keeps its image work
    out of the GUI process.

    `before_pool()` is asked before the pool is started: False gives up (nothing processed).

    `progress(done, total)` is called once per file, from the calling thread."""
    from desk_app.core.scanning import processing

    def tick(done: int) -> None:
        if progress is not None:
            progress(done, len(paths))

    done: list[ProcessedFile] = []
    errors: list[str] = []
    read: list[tuple[str, bytes, FileRef | None]] = []
    for path in paths:
        try:
            data, ref = _read_scan_file(Path(path))
        except UnreadableFile as exc:
            errors.append(exc.message)
            tick(len(errors))
            continue
        read.append((Path(path).name, data, ref))
        del data
    one_page = one_page_here and bool(read) and not _more_than_one_page(read)
    if workers > 1 and read and not one_page:
        from concurrent.futures import ProcessPoolExecutor

        if before_pool is not None and not before_pool():
            return [], []

        # The processes open the files themselves; the bytes are not held meanwhile (a 100-page
        # PDF is tens of megabytes) but read again, checked unchanged, once a file's pages are done.
        jobs: list[tuple[str, bytes | FileRef]] = [(name, data if ref is None else ref) for name, data, ref in read]
        read.clear()
        # Spawned, never forked: the window's process runs Qt and the database worker, and a
        # forked copy of a threaded process can deadlock; spawn is also what Windows counters do.
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"),
                                 initializer=processing.worker_init) as pool:
            for i, r in enumerate(processing.process_in_pool(pool, jobs, workers=workers, fmt=fmt, camera=camera),
                                  start=len(errors) + 1):
                _sort(r, done, errors)
                tick(i)
    else:
        if one_page:
            # One page: one OpenCV thread, as in a pool's process. Its idle threads would spin for
            # work (2,900 sched_yield calls) beside the thread opening the store and the log-in;
            # a longer file processed here (--workers 1) keeps them (17.6 s for 100 pages, not 19.4).
            processing.worker_init()
        for i, (name, data, _ref) in enumerate(read, start=len(errors) + 1):
            try:
                _sort(processing.process_file(name, data, fmt=fmt, camera=camera), done, errors)
            except UnreadableFile as exc:
                errors.append(exc.message)
            tick(i)
    return done, errors


def _more_than_one_page(read: Sequence[tuple[str, bytes, FileRef | None]]) -> bool:
    # One page cannot be split over processes, and spawning the pool (each process importing
    # numpy and OpenCV) costs about a second.
    from desk_app.core.scanning import sources

    pages = 0
    for name, data, _ref in read:
        try:
            pages += sources.page_count(name, data)
        except UnreadableFile:
            continue  # refused with its message by process_file, wherever it runs
        if pages > 1:
            return True
    return False


def _sort(result: ProcessedFile | UnreadableFile, done: list[ProcessedFile], errors: list[str]) -> None:
    if isinstance(result, UnreadableFile):
        errors.append(result.message)
    else:
        done.append(result)


class Processing:
    """`process_files` running on a thread of its own, started by `begin_processing`.

    A single page is processed at once; files that need the pool wait for `result()` to start it,
    so that an import refused meanwhile (a wrong password) starts no process and waits for none."""

    def __init__(self, paths: Sequence[Path | str], **options: Any) -> None:
        self._result: tuple[list[ProcessedFile], list[str]] | None = None
        self._error: BaseException | None = None
        self._go = threading.Event()
        self._abandoned = False
        self._thread = threading.Thread(target=self._run, args=(list(paths), options), daemon=True,
                                        name="branchdesk-scan-processing")
        self._thread.start()

    def _run(self, paths: list[Path | str], options: dict[str, Any]) -> None:
        try:
            self._result = process_files(paths, before_pool=self._may_start_pool, **options)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller of result()
            self._error = exc

    def _may_start_pool(self) -> bool:
        self._go.wait()
        return not self._abandoned

    def result(self) -> tuple[list[ProcessedFile], list[str]]:
        """The processed files and the messages of the refused ones (waits for them)."""
        self._go.set()
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result

    def abandon(self) -> None:
        """Give up (the import was refused meanwhile): no pool is started; a page being processed
        here is let finish (its decoding briefly takes stderr from the C libraries)."""
        self._abandoned = True
        self._go.set()
        self._thread.join()


def begin_processing(paths: Sequence[Path | str], *, fmt: str = "jpeg", workers: int = 2,
                     one_page_here: bool = False) -> Processing:
    """Start `process_files` on a thread and return at once: the command line reads the files, and
    cleans a single page, while it opens the store and checks the operator's password (SQLite,
    argon2, OpenCV and onnxruntime run in C, without Python's lock). Nothing is stored or shown
    until `import_files` gets the result."""
    return Processing(paths, fmt=fmt, workers=workers, one_page_here=one_page_here)


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
