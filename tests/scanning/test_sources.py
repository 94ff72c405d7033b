"""Reading scanner files: every format, and a clear refusal (nothing decoded) for bad files."""

from __future__ import annotations

import time
import tracemalloc

import pytest

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
