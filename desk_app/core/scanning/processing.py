"""Processing scanner files: decode, clean up, read barcodes, check seals, encode; no store.

Pure and picklable, so callers run it in worker processes (`process_in_pool`, split by page) or
in their own (`process_file`). This module imports the imaging stack (numpy, OpenCV, PIL,
zxing-cpp, and onnxruntime when the first page is classified) and nothing of SQLAlchemy or the
store: a pool process that imports it to run `process_pages` pays for the images only, and a
command can import it on one thread while another opens the store.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future
from typing import BinaryIO

# numpy's OpenBLAS starts a thread per core at import, and idle they spin for work (a tenth of a
# one-page import's CPU samples); pages call no BLAS worth threads, and the pool's processes are
# the parallelism. Set before numpy is first imported here, and inherited by the pool.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from desk_app.core.scanning import indexing, pipeline, seal, sources  # noqa: E402
from desk_app.core.scanning.processed import FileRef, ProcessedFile, ProcessedPage  # noqa: E402, F401 (re-exported)
from desk_app.core.scanning.unreadable import UnreadableFile, open_error  # noqa: E402


def worker_init() -> None:
    """Initializer of a pool process: one OpenCV thread, the pool gives the parallelism.

    OpenCV would otherwise start a thread per core in every worker: 2 workers x 2 threads on
    2 cores spend their time taking the cores from each other.
    """
    import cv2

    cv2.setNumThreads(1)


def _trimmer() -> Callable[[], None]:
    """glibc's malloc_trim, or nothing where there is none (Windows, macOS, musl)."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return lambda: None
    trim.argtypes = [ctypes.c_size_t]
    return lambda: trim(0)


_trim: Callable[[], None] | None = None


def release_memory() -> None:
    """Give the memory freed by a processed page back to the system.

    A page's arrays are tens of megabytes; once glibc has seen one freed it serves the next ones
    from its heap, where what the page left behind stays resident: a pool process grew by about
    50 MB more than the page it was working on. Trimming after each page costs ~5 % of a page's time."""
    global _trim
    if _trim is None:
        _trim = _trimmer()
    _trim()


def process_page(sp: sources.SourcePage, *, fmt: str = "jpeg", camera: bool = False,
                 overrides: pipeline.Overrides | None = None) -> ProcessedPage:
    """Clean-up, barcodes, seal check and encoding of one page."""
    clean = pipeline.clean_page(sp.image, sp.dpi, camera=camera, overrides=overrides)
    forced = overrides is not None and overrides.rotation is not None
    doubt = any(f.code == "orientation_unsure" for f in clean.flags)
    codes = () if clean.blank else tuple(indexing.read_barcodes(clean.image, clean.dpi, any_turn=doubt))
    if codes and not forced:  # barcodes, when there are any, say which way up the page is
        clean = pipeline.upright_by_barcodes(clean, [b.orientation for b in codes])
    seals = [] if clean.blank else seal.find_seals(sp.image, sp.dpi)
    steps = [*clean.steps, {"step": "barcodes", "codes": [[b.format, b.text] for b in codes]},
             {"step": "seal", "found": len(seals), "shapes": [[round(s.width_mm, 1), round(s.height_mm, 1),
                                                              s.circularity] for s in seals]},
             {"step": "encode", "format": fmt}]
    data = pipeline.encode_page(clean.image, clean.dpi, fmt)
    h, w = clean.image.shape[:2]
    return ProcessedPage(sp.source_name, sp.source_page, data, pipeline.MEDIA_TYPES[fmt], w, h, clean.dpi,
                         clean.deskew_deg, clean.rotation, clean.blank, bool(seals), codes, tuple(clean.flags),
                         tuple(steps))


def _media_type(data: bytes) -> str:
    if data[:5] == b"%PDF-":
        return "application/pdf"
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    return "application/octet-stream"


def _process_all(name: str, data: bytes | BinaryIO, pages: range | None, *, fmt: str,
                 camera: bool) -> tuple[ProcessedPage, ...]:
    # One decoded page at a time, and what it used given back before the next is decoded.
    done = []
    for page in sources.iter_pages(name, data, pages=pages):
        done.append(process_page(page, fmt=fmt, camera=camera))
        del page
        release_memory()
    return tuple(done)


def process_file(name: str, data: bytes, *, fmt: str = "jpeg", camera: bool = False) -> ProcessedFile:
    """Decode (refusing bad files, see sources) and process every page of one file, one decoded
    page at a time (a 100-page PDF is never held decoded whole)."""
    return ProcessedFile(name, data, _media_type(data), _process_all(name, data, None, fmt=fmt, camera=camera))


def job_ranges(n_pages: int, workers: int) -> list[range]:
    """A file's pages split for `workers` processes: about four jobs per worker, so a long PDF or
    TIFF keeps every core busy to its last page (one page's OpenCV calls do not speed up with
    threads here), at least 2 pages a job so short files are not sent out page by page."""
    size = max(2, math.ceil(n_pages / (4 * max(1, workers))))
    return [range(i, min(n_pages, i + size)) for i in range(0, n_pages, size)]


def _changed(name: str) -> UnreadableFile:
    return UnreadableFile(f"文件“{name}”在导入过程中被修改，未导入；请在扫描仪写完后重新导入。")


@contextlib.contextmanager
def _opened(name: str, ref: FileRef) -> Iterator[BinaryIO]:
    """The file of `ref`, open, refused if it is not the file the caller read (before and after use)."""
    try:
        f = open(ref.path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise UnreadableFile(open_error(name, exc)) from None
    with f:
        if not ref.matches(os.fstat(f.fileno())):
            raise _changed(name)
        yield f
        if not ref.matches(os.fstat(f.fileno())):
            raise _changed(name)


def read_file(name: str, ref: FileRef) -> bytes:
    """The whole file of `ref`, as the caller read it."""
    with _opened(name, ref) as f:
        data = f.read()
    if len(data) != ref.size:
        raise _changed(name)
    return data


def process_pages(name: str, data: bytes | FileRef, pages: range, *, fmt: str = "jpeg",
                  camera: bool = False) -> tuple[ProcessedPage, ...]:
    """Some pages of one file (a pool job): from its bytes, or read from the file itself."""
    if isinstance(data, bytes):
        return _process_all(name, data, pages, fmt=fmt, camera=camera)
    with _opened(name, data) as f:
        return _process_all(name, f, pages, fmt=fmt, camera=camera)


def page_count(name: str, data: bytes | FileRef) -> int:
    """How many pages a file has (see sources.page_count); a referenced file is read as it is needed."""
    if isinstance(data, bytes):
        return sources.page_count(name, data)
    with _opened(name, data) as f:
        return sources.page_count(name, f)


def process_in_pool(pool: Executor, files: Sequence[tuple[str, bytes | FileRef]], *, workers: int,
                    fmt: str = "jpeg", camera: bool = False) -> Iterator[ProcessedFile | sources.UnreadableFile]:
    """Every file split by page across the pool's processes; yields, in file order, each
    ProcessedFile or the UnreadableFile that refused it (no page of a refused file is kept).

    A file given by its `FileRef` instead of its bytes is opened by the jobs themselves: only the
    reference and a page range travel to the processes, and its bytes (the original the store
    keeps) are read again, checked unchanged, only once its pages are done."""
    plans: list[tuple[str, bytes | FileRef, list[Future[tuple[ProcessedPage, ...]]] | UnreadableFile]] = []
    for name, source in files:
        try:
            n = page_count(name, source)
        except UnreadableFile as exc:
            plans.append((name, source, exc))
            continue
        plans.append((name, source, [pool.submit(process_pages, name, source, r, fmt=fmt, camera=camera)
                                     for r in job_ranges(n, workers)]))
    for name, source, plan in plans:
        if isinstance(plan, UnreadableFile):
            yield plan
            continue
        try:
            pages = tuple(p for f in plan for p in f.result())
            data = source if isinstance(source, bytes) else read_file(name, source)
        except UnreadableFile as exc:
            for f in plan:
                f.cancel()
            yield exc
            continue
        yield ProcessedFile(name, data, _media_type(data), pages)
