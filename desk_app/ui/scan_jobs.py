"""The scanning window's work away from the GUI thread: database jobs and image processing.

The `*_job` functions run on the one DbWorker (they open their own unit of work and return plain
values, never ORM rows or widgets); `process_files` runs on a plain thread that drives a
spawn-started process pool, so the pipeline's OpenCV work never runs on the GUI thread.
Thumbnails are made here too (decoding a 300-dpi page takes tens of milliseconds).
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import shiboken6
from PySide6.QtCore import QObject

from desk_app.core.roles import Actor
from desk_app.core.scanning import service
from desk_app.scanfiles import SyncedPageFiles
from desk_app.store.db import Store

THUMB = 120
WORKERS = 2  # processes for the clean-up: the counter PCs have two cores


@dataclass(frozen=True)
class ShownPage:
    """A stored page as the window shows it (plain values, no ORM row)."""

    outcome: service.PageOutcome
    thumb: bytes  # PNG
    image: bytes | None = None  # the stored page file, when at hand (else loaded on demand)


@dataclass(frozen=True)
class CaseLine:
    """What the completeness line under the viewer says about the current page's case."""

    case_no: str
    state: str
    scan: service.CaseScan


def emitter(bridge: QObject, signal_name: str) -> Callable[..., None]:
    """A plain thread's way to signal the GUI: nothing is sent once the window (and its bridge) is gone."""

    def emit(*args: object) -> None:
        if shiboken6.isValid(bridge):
            getattr(bridge, signal_name).emit(*args)

    return emit


def make_thumb(data: bytes) -> bytes:
    # JPEG pages decode straight at 1/8 scale (libjpeg's DCT scaling: ~4x faster than a full
    # decode); a 300-dpi A4 page still comes out at ~310 px, more than the tile needs.
    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_REDUCED_GRAYSCALE_8)
    if img is not None and max(img.shape) < THUMB:  # a small image: decode it whole
        img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if img is None:  # an undecodable file: a blank tile rather than a failure
        img = np.full((THUMB, THUMB), 255, np.uint8)
    k = THUMB / max(img.shape)
    small = cv2.resize(img, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    return cv2.imencode(".png", small)[1].tobytes()


def process_files(paths: list[str], fmt: str, progress: Callable[[int, int], None],
                  done: Callable[[list, list], None], *, camera: bool = False) -> None:
    """Plain thread: decode and clean the files in 2 processes (split by page, so one long PDF
    uses both), reporting per file."""
    files, errors = [], []
    jobs = []
    for p in paths:
        try:
            jobs.append((Path(p).name, Path(p).read_bytes()))
        except OSError as exc:
            errors.append(service.sources.open_error(Path(p).name, exc))  # Chinese, not the OS's English
            progress(len(errors), len(paths))
    with ProcessPoolExecutor(WORKERS, mp_context=mp.get_context("spawn"), initializer=service.worker_init) as pool:
        for i, result in enumerate(service.process_in_pool(pool, jobs, workers=WORKERS, fmt=fmt, camera=camera),
                                   start=len(errors) + 1):
            if isinstance(result, service.sources.UnreadableFile):
                errors.append(result.message)
            else:
                files.append(result)
            progress(i, len(paths))
    done(files, errors)


def _shown(files: SyncedPageFiles, outcomes: Iterable[service.PageOutcome], thumbs: dict[str, bytes],
           images: dict[str, bytes] | None = None) -> list[ShownPage]:
    out = []
    for o in outcomes:
        image = (images or {}).get(o.sha256)
        thumb = thumbs.get(o.sha256)
        if thumb is None:
            image = image or files.get(o.sha256)
            thumb = make_thumb(image)
        out.append(ShownPage(o, thumb, image))
    return out


def store_job(store: Store, actor: Actor, files: list[service.ProcessedFile], case: str | None,
              source: str = "file") -> list[ShownPage]:
    with store.transaction() as session:
        out = service.store_batch(session, SyncedPageFiles(store), actor=actor, files=files, case=case or None,
                                  source=source)
    images = {p_out.sha256: p.data for f in files for p in f.pages
              for p_out in out if (p_out.source_name, p_out.source_page) == (f.name, p.source_page)}
    return _shown(SyncedPageFiles(store), out, {}, images)


def batches_job(store: Store, limit: int = 50) -> tuple[list[service.BatchInfo], int]:
    with store.reading() as session:
        return service.recent_batches(session, limit=limit), len(service.unindexed(session))


def pages_job(store: Store, batch_id: str | None, include_deleted: bool, thumbs: dict[str, bytes]) -> list[ShownPage]:
    """A batch's pages, or the unindexed tray's (batch_id None); thumbnails already made are reused."""
    with store.reading() as session:
        if batch_id is None:
            outcomes = service.tray_pages(session, include_deleted=include_deleted)
        else:
            outcomes = service.batch_pages(session, batch_id, include_deleted=include_deleted)
    return _shown(SyncedPageFiles(store), outcomes, thumbs)


def image_job(store: Store, sha256: str) -> tuple[str, bytes]:
    return sha256, SyncedPageFiles(store).get(sha256)


def case_line_job(store: Store, proposal_id: str) -> CaseLine:
    from desk_app.store.models import Proposal

    with store.reading() as session:
        p = session.get(Proposal, proposal_id)
        return CaseLine(p.case_no, p.state, service.case_scan(session, proposal_id))


def doc_type_job(store: Store, actor: Actor, page_ids: list[str], doc_type: str) -> None:
    with store.transaction() as session:
        service.assign_pages(session, actor=actor, page_ids=page_ids, doc_type=doc_type)


def assign_case_job(store: Store, actor: Actor, page_ids: list[str], case: str) -> str:
    """Put the pages in the case named by its case or proposal number; returns the case number."""
    from desk_app.core import proposals
    from desk_app.store.models import Proposal

    with store.transaction() as session:
        pid = proposals.find_case(session, case)  # refuses an unknown number before anything changes
        service.assign_pages(session, actor=actor, page_ids=page_ids, case=case)
        return session.get(Proposal, pid).case_no


def deleted_job(store: Store, actor: Actor, page_ids: list[str], deleted: bool) -> None:
    with store.transaction() as session:
        for pid in page_ids:
            service.set_deleted(session, actor=actor, page_id=pid, deleted=deleted)


def move_job(store: Store, actor: Actor, page_id: str, step: int) -> list[str]:
    with store.transaction() as session:
        return service.move_page(session, actor=actor, page_id=page_id, step=step)


def rotate_job(store: Store, actor: Actor, page_id: str, quarter: int) -> ShownPage:
    files = SyncedPageFiles(store)
    with store.transaction() as session:
        out = service.rotate_page(session, files, actor=actor, page_id=page_id, quarter=quarter)
    return _shown(files, [out], {})[0]


def rescan_job(store: Store, actor: Actor, page_id: str, file: service.ProcessedFile) -> ShownPage:
    files = SyncedPageFiles(store)
    with store.transaction() as session:
        out = service.rescan_page(session, files, actor=actor, page_id=page_id, file=file)
    return _shown(files, [out], {}, {out.sha256: file.pages[0].data})[0]
