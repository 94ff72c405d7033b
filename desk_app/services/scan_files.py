"""Scanner files through the image work, before anything is stored: read, checked, decoded and
cleaned, in this process, in a pool of processes split by page, or, for a command's single
page, in one process of its own started before the command has even imported the store.

This module imports neither SQLAlchemy nor the imaging libraries: the command line imports it
first and sets the page going while it loads the store side and checks the password
(`services.scanning` stores the result and re-exports these names).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import stat
import sys
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from desk_app.core.scanning.processed import FileRef, ProcessedFile
from desk_app.core.scanning.unreadable import UnreadableFile, open_error

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
    start cost about a second); the window keeps its image work out of the GUI process.

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
        if before_pool is not None and not before_pool():
            return [], []
        from concurrent.futures import ProcessPoolExecutor

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
            # work beside the threads of this process; a longer file processed here (--workers 1)
            # keeps them (17.6 s for 100 pages, not 19.4).
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


# --- a command's single file, in a process of its own ---------------------------------------------

MANY_PAGES = "many pages"  # the child's answer for a file of more than one page: the pool's work


def _one_file_child(conn: Connection, path: str, fmt: str, camera: bool) -> None:
    """In the spawned process: read the file, and process it if it has a single page.

    Sends the ProcessedFile, the UnreadableFile that refuses the file, or MANY_PAGES. Anything
    else going wrong sends nothing: the command then processes the file itself and meets it there."""
    try:
        try:
            data, _ref = _read_scan_file(Path(path))
            from desk_app.core.scanning import processing

            processing.worker_init()
            name = Path(path).name
            if processing.page_count(name, data) > 1:
                answer: ProcessedFile | UnreadableFile | str = MANY_PAGES
            else:
                answer = processing.process_file(name, data, fmt=fmt, camera=camera)
        except UnreadableFile as exc:
            answer = exc
        conn.send(answer)
    finally:
        conn.close()
    # Nothing of this process is wanted now: ending it without the interpreter's teardown (freeing
    # numpy's, OpenCV's and onnxruntime's modules one by one) spares the command waiting for it.
    sys.stderr.flush()
    os._exit(0)


class _OneFileProcess:
    """One scanner file processed in a process spawned at once: it imports the imaging libraries
    and cleans the page on the other core while the command imports SQLAlchemy and the models,
    opens the store and checks the password (all of which hold this process's interpreter lock,
    so a thread here could not overlap them)."""

    def __init__(self, path: Path | str, *, fmt: str, camera: bool) -> None:
        ctx = mp.get_context("spawn")
        self._conn, child_end = ctx.Pipe(duplex=False)
        self._process = ctx.Process(target=_one_file_child, args=(child_end, str(path), fmt, camera), daemon=True,
                                    name="branchdesk-scan-page")
        self._process.start()
        child_end.close()

    def answer(self) -> ProcessedFile | UnreadableFile | str | None:
        """What the process found (None when it ended without an answer)."""
        try:
            answer = self._conn.recv()
        except (EOFError, OSError):
            answer = None
        finally:
            self._conn.close()
        self._process.join()
        return answer

    def stop(self) -> None:
        self._conn.close()
        self._process.kill()
        self._process.join()


class Processing:
    """`process_files` started by `begin_processing` and collected by `result()`.

    A command's single file is handed to a process of its own at once (`_OneFileProcess`); other
    files are read, and a single page cleaned, on a thread. Files that need the pool wait for
    `result()` to start it, so that an import refused meanwhile (a wrong password) starts no pool
    and waits for none."""

    def __init__(self, paths: Sequence[Path | str], *, own_process: bool = False, **options: Any) -> None:
        self._paths = list(paths)
        self._options = options
        self._result: tuple[list[ProcessedFile], list[str]] | None = None
        self._error: BaseException | None = None
        self._go = threading.Event()
        self._abandoned = False
        self._one: _OneFileProcess | None = None
        self._thread: threading.Thread | None = None
        if own_process and len(self._paths) == 1:
            self._one = _OneFileProcess(self._paths[0], fmt=options.get("fmt", "jpeg"),
                                        camera=options.get("camera", False))
        else:
            self._thread = threading.Thread(target=self._run, daemon=True, name="branchdesk-scan-processing")
            self._thread.start()

    def _run(self) -> None:
        try:
            self._result = process_files(self._paths, before_pool=self._may_start_pool, **self._options)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller of result()
            self._error = exc

    def _may_start_pool(self) -> bool:
        self._go.wait()
        return not self._abandoned

    def result(self) -> tuple[list[ProcessedFile], list[str]]:
        """The processed files and the messages of the refused ones (waits for them)."""
        self._go.set()
        if self._one is not None:
            answer = self._one.answer()
            if isinstance(answer, ProcessedFile):
                return [answer], []
            if isinstance(answer, UnreadableFile):
                return [], [answer.message]
            # More than one page (the pool's work, now that the log-in succeeded), or the process
            # failed: the file is done here as any other, and any fault shows itself here.
            return process_files(self._paths, **self._options)
        assert self._thread is not None
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result

    def abandon(self) -> None:
        """Give up (the import was refused meanwhile): no pool is started, the single file's
        process is stopped; a page being processed on the thread is let finish (its decoding
        briefly takes stderr from the C libraries)."""
        self._abandoned = True
        self._go.set()
        if self._one is not None:
            self._one.stop()
        if self._thread is not None:
            self._thread.join()


def begin_processing(paths: Sequence[Path | str], *, fmt: str = "jpeg", workers: int = 2,
                     one_page_here: bool = False, own_process: bool = False) -> Processing:
    """Start processing the files and return at once: nothing is stored or shown until
    `services.scanning.import_files` gets the result.

    `own_process` (the command line): a single file goes at once to a process of its own, so its
    imaging imports and clean-up run on the other core while this process loads the store side
    and checks the operator's password. Otherwise the files are read, and a single page cleaned
    (`one_page_here`), on a thread."""
    return Processing(paths, own_process=own_process, fmt=fmt, workers=workers, one_page_here=one_page_here)
