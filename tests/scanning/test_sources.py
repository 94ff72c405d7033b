"""Reading scanner files: every format, and a clear refusal (nothing decoded) for bad files."""

from __future__ import annotations

import io
import re
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desk_app.core.scanning import sources
from tests.scanning import helpers, synth


def test_formats_jpeg_png_multipage_tiff_and_pdf(tmp_path) -> None:
    page = synth.render(synth.form_pdf("cover"), 200)
    jpg = sources.read_pages("a.jpg", helpers.jpeg_bytes(page))
    assert len(jpg) == 1 and jpg[0].image.shape == page.shape
    png = sources.read_pages("a.png", helpers.png_file(tmp_path / "a.png", page, 200).read_bytes())
    assert png[0].dpi == 200
    tif = sources.read_pages("a.tif", helpers.multipage_tiff([page, page[::-1]], 200))
    assert [p.source_page for p in tif] == [0, 1] and tif[0].dpi == 200
    pdf = sources.read_pages("a.pdf", synth.form_pdf("proposal"))
    assert len(pdf) == 1 and pdf[0].dpi == sources.PDF_DPI and abs(pdf[0].image.shape[1] - 2480) <= 1


@pytest.mark.parametrize("name, make, words", [
    ("empty.jpg", lambda: b"", "空文件"),
    ("notes.jpg", lambda: "这是一个文本文件，不是图像。\n".encode() * 20, "不是可识别的图像"),
    ("cut.jpg", lambda: helpers.jpeg_bytes(synth.render(synth.form_pdf("cover"), 100))[:6000], "已损坏或不完整"),
    ("header.pdf", lambda: b"%PDF-1.7\n", "不是完整的 PDF"),
    ("locked.pdf", helpers.encrypted_pdf, "加密"),
])
def test_bad_files_are_refused_with_a_reason(name, make, words) -> None:
    with pytest.raises(sources.UnreadableFile) as err:
        sources.read_pages(name, make())
    assert words in err.value.message and name in err.value.message


def test_decompression_bomb_refused_from_its_header_without_decoding() -> None:
    data = helpers.bomb_png()
    tracemalloc.start()
    t = time.perf_counter()
    with pytest.raises(sources.UnreadableFile) as err:
        sources.read_pages("bomb.png", data)
    elapsed = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "过大（1,225 百万像素）" in err.value.message and "未解码" in err.value.message
    assert peak < 20_000_000 + len(data) and elapsed < 1.0  # 1.2 GB of pixels were never made


def one_sentence(message: str) -> bool:
    """One Chinese sentence: a single full stop, at the end; no English words besides the file's
    name and format names (a library's warning would bring some)."""
    rest = re.sub(r"“[^”]*”", "", message)
    return (message.endswith("。") and message.count("。") == 1 and "\n" not in message
            and not re.search(r"[A-Za-z]{5,}", rest))


def corrupt_jpeg() -> bytes:
    """A whole JPEG (SOI to EOI) whose entropy-coded data is damaged: libjpeg decodes it with a
    grey fill and says "Corrupt JPEG data: premature end of data segment" on stderr."""
    data = bytearray(helpers.jpeg_bytes(synth.render(synth.form_pdf("cover"), 100)))
    sos = data.find(b"\xff\xda")
    for k in range(sos + 40, sos + 4000, 7):
        data[k] = 0xFF
    return bytes(data)


def cut_tiff() -> bytes:
    page = synth.render(synth.form_pdf("proposal"), 100)
    good = helpers.multipage_tiff([page] * 2, 100)
    return good[: len(good) - 2000]  # PIL warns "Corrupt EXIF data" on it


def test_refusals_are_one_chinese_sentence_and_no_library_speaks(capfd) -> None:
    """PIL's DecompressionBombWarning (a 121-MP PNG: above our limit, below PIL's error), its
    "Corrupt EXIF data", libjpeg's line on stderr: none reaches the terminal, each file gets our
    one sentence."""
    bad = {"big.png": helpers.bomb_png(11_000, 11_000), "corrupt.jpg": corrupt_jpeg(), "cut.tif": cut_tiff(),
           "bomb.png": helpers.bomb_png(), "empty.jpg": b"", "locked.pdf": helpers.encrypted_pdf(),
           "half.pdf": synth.form_pdf("proposal")[:-600], "cut.png": helpers.bomb_png(500, 500)[:-12]}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        messages = {}
        for name, data in bad.items():
            with pytest.raises(sources.UnreadableFile) as err:
                sources.read_pages(name, data)
            messages[name] = err.value.message
    out, errs = capfd.readouterr()
    assert [str(w.message) for w in caught] == [] and errs == "" and out == ""
    for name, message in messages.items():
        assert name in message and one_sentence(message), message
    assert "过大（11000×11000 像素）" in messages["big.png"]
    assert "已损坏或不完整" in messages["corrupt.jpg"]
    assert "不完整" in messages["half.pdf"] and "不完整" in messages["cut.png"]


def test_open_error_is_chinese_not_the_systems_english(tmp_path) -> None:
    from desk_app.services.scanning import read_scan_file

    with pytest.raises(sources.UnreadableFile) as err:
        read_scan_file(tmp_path / "gone.jpg")
    assert err.value.message == "无法打开文件“gone.jpg”（文件不存在）。"


@pytest.mark.parametrize("what", ["dev_zero", "folder"])
def test_devices_and_folders_are_refused_before_anything_is_read(tmp_path, what) -> None:
    """`scan import /dev/zero` would read until memory runs out: refused at the stat."""
    from desk_app.services.scanning import process_files

    path = Path("/dev/zero") if what == "dev_zero" else tmp_path
    if not path.exists():
        pytest.skip("no /dev/zero here")
    done, errors = process_files([path], workers=1)
    assert done == [] and len(errors) == 1 and "不是普通文件" in errors[0], errors


def test_a_long_pdf_is_decoded_one_page_at_a_time() -> None:
    """Peak memory of a 6-page PDF stays near one page's, not six (at 300 dpi a page is 26 MB)."""
    from desk_app.core.scanning import service

    page = synth.render(synth.form_pdf("insured_list"), 100)
    imgs = [Image.fromarray(np.ascontiguousarray(page[:, :, ::-1]))] * 6
    buf = io.BytesIO()
    imgs[0].save(buf, "PDF", save_all=True, append_images=imgs[1:], resolution=100.0)
    pdf = buf.getvalue()
    one = 2480 * 3508 * 3  # one decoded A4 page at sources.PDF_DPI

    def peak_of(run) -> float:
        tracemalloc.start()
        try:
            result = run()
            return tracemalloc.get_traced_memory()[1] / one
        finally:
            tracemalloc.stop()
            del result

    assert peak_of(lambda: sources.read_pages("a.pdf", pdf)) > 6  # the check can see six pages
    assert peak_of(lambda: [p.source_page for p in sources.iter_pages("a.pdf", pdf)]) < 3.5
    done = None

    def process() -> None:
        nonlocal done
        done = service.process_file("a.pdf", pdf)

    assert peak_of(process) < 4.5
    assert done is not None and [p.source_page for p in done.pages] == list(range(6))


def test_pages_are_handed_over_not_kept_behind(tmp_path) -> None:
    """A page the caller lets go is freed before the next one is decoded: the reader keeps no
    reference to the page it yielded, from bytes or from the open file."""
    import gc
    import weakref

    page = synth.render(synth.form_pdf("proposal"), 100)
    imgs = [Image.fromarray(np.ascontiguousarray(page[:, :, ::-1]))] * 3
    path = tmp_path / "three.pdf"
    imgs[0].save(path, "PDF", save_all=True, append_images=imgs[1:], resolution=100.0)
    tiff = helpers.multipage_tiff([page] * 3, 100)
    gc.disable()  # freed by reference counting alone, not by a collection that happens to run
    try:
        with open(path, "rb") as f:
            for name, data in (("three.pdf", path.read_bytes()), ("three.pdf", f), ("three.tif", tiff)):
                seen = []
                for p in sources.iter_pages(name, data):
                    seen.append((p.source_page, weakref.ref(p), weakref.ref(p.image)))
                    del p
                    assert seen[-1][1]() is None and seen[-1][2]() is None, f"{name} page {seen[-1][0]} kept"
                assert [s[0] for s in seen] == [0, 1, 2]
    finally:
        gc.enable()


def test_a_pdf_read_from_its_open_file_gives_the_pages_its_bytes_give(tmp_path) -> None:
    page = synth.render(synth.form_pdf("insured_list"), 100)
    imgs = [Image.fromarray(np.ascontiguousarray(synth.quarter(page, t)[:, :, ::-1])) for t in (0, 90, 0)]
    path = tmp_path / "three.pdf"
    imgs[0].save(path, "PDF", save_all=True, append_images=imgs[1:], resolution=100.0)
    from_bytes = sources.read_pages("three.pdf", path.read_bytes(), pages=range(1, 3))
    with open(path, "rb") as f:
        assert sources.page_count("three.pdf", f) == 3
        from_file = sources.read_pages("three.pdf", f, pages=range(1, 3))
    assert [p.source_page for p in from_file] == [1, 2]
    for a, b in zip(from_bytes, from_file, strict=True):
        assert a.dpi == b.dpi and np.array_equal(a.image, b.image)
        assert b.image.flags.c_contiguous and b.image.shape[2] == 3
