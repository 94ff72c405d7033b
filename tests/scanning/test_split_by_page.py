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

from desk_app.core.scanning import service, sources
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
