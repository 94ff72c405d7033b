"""Scanning station actions: files through the clean-up pipeline into pages of their cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desk_app.core.roles import Actor
from desk_app.core.scanning import service, sources
from desk_app.core.scanning.service import PageOutcome, ProcessedFile
from desk_app.scanfiles import SyncedPageFiles
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store

TOUCHED = Changes(cases=True, queues=True, pages=True, sync=True)


@dataclass(frozen=True)
class Imported:
    pages: list[PageOutcome]
    errors: list[str]  # one Chinese sentence per file that could not be read


def process_files(paths: Sequence[Path], *, fmt: str = "jpeg", workers: int = 2) -> tuple[list[ProcessedFile], list[str]]:
    """Decode and clean every file (split by page over `workers` processes, so one long PDF or
    TIFF keeps both cores busy); unreadable files come back as their messages. No store work."""
    from concurrent.futures import ProcessPoolExecutor

    done: list[ProcessedFile] = []
    errors: list[str] = []
    jobs = []
    for path in paths:
        try:
            jobs.append((Path(path).name, Path(path).read_bytes()))
        except OSError as exc:
            errors.append(f"无法打开文件“{path}”：{exc.strerror}")
    if workers > 1 and jobs:
        with ProcessPoolExecutor(workers, initializer=service.worker_init) as pool:
            results = list(service.process_in_pool(pool, jobs, workers=workers, fmt=fmt))
    else:
        results = []
        for name, data in jobs:
            try:
                results.append(service.process_file(name, data, fmt=fmt))
            except sources.UnreadableFile as exc:
                results.append(exc)
    for r in results:
        if isinstance(r, sources.UnreadableFile):
            errors.append(r.message)
        else:
            done.append(r)
    return done, errors


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
                 case: str | None = None) -> Done[Imported]:
    """`scan import`: the files through the pipeline, then stored; the readable ones are kept even
    when others are refused (each refusal is reported)."""
    files, errors = process_files(paths, fmt=fmt, workers=workers)
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
    processed = service.process_file(name, data, fmt=fmt)  # the slow part, outside the write lock
    with store.transaction() as session:
        if service.already_imported(session, label):
            return Done(None)
        out = service.store_batch(session, SyncedPageFiles(store), actor=actor, files=[processed],
                                  source="hot_folder", label=label)
    return Done(out, TOUCHED)
