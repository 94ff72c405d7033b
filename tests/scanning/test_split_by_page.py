"""Long files are split by page across the worker processes: the same pages, in order, as one
process gives, and a file with one bad page is refused whole."""

from __future__ import annotations

import hashlib
import io
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest
from pypdf import PdfReader, PdfWriter

from desk_app.core.scanning import processing, service, sources
from tests.scanning import helpers, synth


def test_job_ranges_cover_every_page_once_and_keep_both_workers_busy() -> None:
    for n in (1, 2, 3, 7, 40, 201):
        ranges = service.job_ranges(n, 2)
        assert [i for r in ranges for i in r] == list(range(n))
        assert all(len(r) >= 2 for r in ranges[:-1])
        if n >= 8:
            assert len(ranges) >= 4  # at least two jobs for each of the two workers
    assert len(service.job_ranges(201, 2)) <= 9


def pdf_of(kinds: list[str]) -> bytes:
    writer = PdfWriter()
    for kind in kinds:
        writer.append(PdfReader(io.BytesIO(synth.form_pdf(kind))))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def summary(f: service.ProcessedFile) -> list[tuple]:
    return [(p.source_page, p.rotation, round(p.deskew_deg, 3), p.blank, p.seal_found,
             hashlib.sha256(p.data).hexdigest()) for p in f.pages]


def test_a_long_pdf_and_tiff_split_by_page_give_the_pages_one_process_gives() -> None:
    kinds = ["cover", "proposal", "insured_list", "blank", "insured_list", "proposal", "cover"]
    pdf = pdf_of(kinds)
    rng = np.random.default_rng(2)
    tiff = helpers.multipage_tiff([synth.skew(synth.render(synth.form_pdf(k), 150), float(rng.uniform(-3, 3)))
                                   for k in kinds[:5]], 150)
    files = [("long.pdf", pdf), ("stack.tif", tiff)]
    serial = [service.process_file(n, d) for n, d in files]
    with ProcessPoolExecutor(2, mp_context=mp.get_context("spawn"), initializer=service.worker_init) as pool:
        split = list(service.process_in_pool(pool, files, workers=2))
    assert [len(f.pages) for f in split] == [7, 5]
    for a, b in zip(serial, split, strict=True):
        assert b.name == a.name and b.original == a.original and b.original_media_type == a.original_media_type
        assert summary(b) == summary(a)


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
def test_a_bad_page_refuses_the_whole_file_and_the_others_go_on() -> None:
    page = synth.render(synth.form_pdf("proposal"), 100)
    good = helpers.multipage_tiff([page] * 4, 100)
    broken = good[: len(good) - 2000]  # the last page's strips cut off
    with pytest.raises(sources.UnreadableFile):
        service.process_file("broken.tif", broken)
    with ProcessPoolExecutor(2, mp_context=mp.get_context("spawn"), initializer=service.worker_init) as pool:
        out = list(service.process_in_pool(pool, [("broken.tif", broken), ("good.tif", good), ("empty.pdf", b"")],
                                           workers=2))
    assert isinstance(out[0], sources.UnreadableFile) and "broken.tif" in out[0].message
    assert isinstance(out[1], service.ProcessedFile) and len(out[1].pages) == 4
    assert isinstance(out[2], sources.UnreadableFile) and "空文件" in out[2].message


class RecordingPool(ProcessPoolExecutor):
    """A real spawned pool that also keeps what each job was sent."""

    def __init__(self, workers: int) -> None:
        super().__init__(workers, mp_context=mp.get_context("spawn"), initializer=processing.worker_init)
        self.sent: list[tuple] = []

    def submit(self, fn, /, *args, **kwargs):
        self.sent.append((fn, args))
        return super().submit(fn, *args, **kwargs)


def test_the_processes_get_the_files_path_and_a_page_range_never_its_bytes(tmp_path) -> None:
    from desk_app.services.scanning import process_files

    kinds = ["cover", "proposal", "insured_list", "blank", "insured_list", "proposal", "cover", "proposal"]
    path = tmp_path / "batch.pdf"
    path.write_bytes(pdf_of(kinds))
    serial = service.process_file("batch.pdf", path.read_bytes())
    with RecordingPool(2) as pool:
        ref = processing.FileRef.of(path, path.stat())
        (split,) = list(processing.process_in_pool(pool, [("batch.pdf", ref)], workers=2))
    assert split.original == path.read_bytes() and summary(split) == summary(serial)
    assert all(fn is processing.process_pages for fn, _args in pool.sent)
    sent = [args for _fn, args in pool.sent]
    assert all(name == "batch.pdf" and r == ref and isinstance(pages, range) for name, r, pages in sent)
    assert [i for _n, _r, pages in sent for i in pages] == list(range(len(kinds))), "each page once"
    assert len(sent) >= 4  # both processes kept busy
    assert not any(isinstance(a, bytes | bytearray) for args in sent for a in args)
    # And so through the service the command line and the window call.
    done, errors = process_files([path], workers=2)
    assert errors == [] and summary(done[0]) == summary(serial) and done[0].original == path.read_bytes()


def test_a_file_changed_after_it_was_read_is_refused_not_mixed(tmp_path) -> None:
    path = tmp_path / "batch.pdf"
    path.write_bytes(pdf_of(["cover", "proposal", "insured_list"]))
    ref = processing.FileRef.of(path, path.stat())
    path.write_bytes(pdf_of(["proposal", "insured_list", "cover", "blank"]))  # rewritten by the scanner
    with pytest.raises(sources.UnreadableFile, match="被修改"):
        processing.process_pages("batch.pdf", ref, range(0, 2))
    with RecordingPool(2) as pool:
        (out,) = list(processing.process_in_pool(pool, [("batch.pdf", ref)], workers=2))
    assert isinstance(out, sources.UnreadableFile) and "batch.pdf" in out.message and "被修改" in out.message


def test_the_pool_processes_import_the_imaging_half_only() -> None:
    """A pool process imports numpy, OpenCV and the orientation model, not SQLAlchemy and the store."""
    files = [("long.pdf", pdf_of(["cover", "proposal", "insured_list", "proposal"]))]
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn"), initializer=processing.worker_init) as pool:
        (done,) = list(processing.process_in_pool(pool, files, workers=1))
        loaded = pool.submit(eval, "sorted(m for m in __import__('sys').modules if m.split('.')[0] in "
                                   "('sqlalchemy', 'desk_app', 'cv2', 'onnxruntime'))").result()
    assert len(done.pages) == 4
    assert "cv2" in loaded and "onnxruntime" in loaded and "desk_app.core.scanning.processing" in loaded
    assert not [m for m in loaded if m.startswith(("sqlalchemy", "desk_app.store", "desk_app.core.scanning.service"))]


def test_the_store_side_imports_no_imaging() -> None:
    """Storing and listing pages needs SQLAlchemy, not numpy, OpenCV or onnxruntime: a command can
    import those on one thread while it opens the store on another (and a worker imports them only)."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, desk_app.services.scanning, desk_app.core.scanning.service as s; s.BatchInfo; "
            "print(sorted(m for m in ('numpy', 'cv2', 'onnxruntime', 'PIL', 'zxingcpp') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2]).stdout
    assert out.strip() == "[]"
