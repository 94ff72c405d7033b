"""Reading scanner files into page images, refusing bad files before they are decoded.

Every size check happens on the header: PIL opens lazily (only the header is read), and a PDF
page's size comes from its MediaBox before it is rendered. A file that cannot be read raises
`UnreadableFile` with a message for the operator (one Chinese sentence); nothing is stored for
it. The imaging libraries' own warnings (PIL's DecompressionBombWarning for a page our size
check refuses anyway, "Corrupt EXIF data" and the like) are silenced while a file is read: the
operator sees our sentence, never a library's English line.

Pages are yielded one at a time (`iter_pages`): a long PDF or TIFF is never held decoded whole.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import struct
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import cv2
import numpy as np
from PIL import Image

from desk_app.core.scanning.unreadable import UnreadableFile, open_error

__all__ = ["UnreadableFile", "open_error", "SourcePage", "iter_pages", "read_pages", "page_count"]

# The largest page we accept: A3 at 600 dpi is ~7,000 x 9,900 px (70 MP); allow some margin.
MAX_PIXELS = 100_000_000
MAX_SIDE = 20_000
PDF_DPI = 300
# PIL's own bomb guard stays on: Image.open refuses more than twice this many pixels from the
# header alone (our message then gives the count); between 1x and 2x our own check refuses.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass(frozen=True)
class SourcePage:
    """One page image of a source file, in BGR (colour kept for the seal check)."""

    image: np.ndarray
    dpi: int
    source_name: str
    source_page: int  # 0-based page within the file


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """No Python warning of the imaging libraries reaches the terminal while a file is read."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


@contextlib.contextmanager
def native_stderr() -> Iterator[list[str]]:
    """What C libraries (libjpeg, libpng inside OpenCV) print on stderr meanwhile, taken off the
    terminal and handed back as lines. Process-wide while it lasts (one image decode, ~10 ms)."""
    lines: list[str] = []
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all (a windowed program): nothing would reach a terminal
        yield lines
        return
    try:
        with tempfile.TemporaryFile() as tmp:
            os.dup2(tmp.fileno(), 2)
            try:
                yield lines
            finally:
                os.dup2(saved, 2)
                tmp.seek(0)
                lines.extend(tmp.read().decode("utf-8", "replace").splitlines())
    finally:
        os.close(saved)


TOO_LARGE = "，已拒绝且未解码，请以不超过 600 dpi 重新扫描。"


def _check_size(name: str, width: float, height: float) -> None:
    if width <= 0 or height <= 0:
        raise UnreadableFile(f"文件“{name}”的页面尺寸无效。")
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise UnreadableFile(f"文件“{name}”的图像过大（{int(width)}×{int(height)} 像素）{TOO_LARGE}")


def _dpi_of(img: Image.Image, default: int) -> int:
    dpi = img.info.get("dpi")
    try:
        value = int(round(float(dpi[0]))) if dpi else 0
    except (TypeError, ValueError):
        value = 0
    return value if 50 <= value <= 1200 else default


def _to_bgr(img: Image.Image) -> np.ndarray:
    if img.mode in ("1", "L", "I;16", "I"):
        arr = np.asarray(img.convert("L"))
        return np.repeat(arr[:, :, None], 3, axis=2)
    rgb = np.asarray(img.convert("RGB"))
    return np.ascontiguousarray(rgb[:, :, ::-1])


def _open_image(name: str, data: bytes | BinaryIO) -> Image.Image:
    try:
        img = Image.open(io.BytesIO(data) if isinstance(data, bytes) else data)  # header only
    except Image.DecompressionBombError as exc:
        m = re.search(r"\((\d+) pixels\)", str(exc))
        count = f"（{int(m.group(1)) / 1e6:,.0f} 百万像素）" if m else ""
        raise UnreadableFile(f"文件“{name}”的图像过大{count}{TOO_LARGE}") from None
    except DAMAGED:
        raise UnreadableFile(f"文件“{name}”不是可识别的图像（JPEG、PNG、TIFF 或 PDF）。") from None
    if img.format not in ("JPEG", "PNG", "TIFF", "BMP"):
        raise UnreadableFile(f"文件“{name}”的格式 {img.format} 不受支持。")
    return img


# What PIL raises on a damaged file is not only OSError: a TIFF cut short fails with KeyError
# or TypeError while its page directory is walked. Any of them means "damaged", never a crash.
DAMAGED = (OSError, ValueError, SyntaxError, EOFError, KeyError, TypeError, IndexError, struct.error)


def _frames(name: str, img: Image.Image) -> int:
    try:
        return int(getattr(img, "n_frames", 1))
    except DAMAGED:
        raise UnreadableFile(f"文件“{name}”已损坏或不完整，无法读取。") from None


def _image_pages(name: str, data: bytes, default_dpi: int, pages: range | None = None) -> Iterator[SourcePage]:
    img = _open_image(name, data)
    frames = _frames(name, img)
    if pages is not None and 0 not in pages and frames == 1:
        return
    if img.format in ("JPEG", "PNG") and frames == 1:
        # Size checked on the header; then OpenCV's decoder (libjpeg-turbo), 2-3x faster than PIL's.
        _check_size(name, *img.size)
        # Cut short (a scanner that stopped writing): no end marker. OpenCV would decode what is
        # there and fill the rest grey, with only a libjpeg/libpng line on stderr to say so.
        if img.format == "JPEG" and not data.rstrip(b"\0")[-2:] == b"\xff\xd9":
            raise UnreadableFile(f"文件“{name}”第 1 页已损坏或不完整，无法读取。")
        if img.format == "PNG" and b"IEND" not in data[-64:]:
            raise UnreadableFile(f"文件“{name}”第 1 页已损坏或不完整，无法读取。")
        with native_stderr() as said:
            arr = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
        # libjpeg fills what it could not decode with grey and says only this on stderr.
        damaged = any("premature end of data segment" in line for line in said)
        if arr is None or damaged or arr.shape[1] != img.size[0] or arr.shape[0] != img.size[1]:
            raise UnreadableFile(f"文件“{name}”第 1 页已损坏或不完整，无法读取。")
        yield SourcePage(arr, _dpi_of(img, default_dpi), name, 0)
        return
    for i in range(frames)[pages.start:pages.stop] if pages is not None else range(frames):
        try:
            img.seek(i)
            _check_size(name, *img.size)
            img.load()
            arr = _to_bgr(img)
        except UnreadableFile:
            raise
        except Image.DecompressionBombError:
            raise UnreadableFile(f"文件“{name}”的图像过大{TOO_LARGE}") from None
        except DAMAGED:
            raise UnreadableFile(f"文件“{name}”第 {i + 1} 页已损坏或不完整，无法读取。") from None
        taken = [arr]  # handed over, not kept (see _pdf_pages)
        del arr
        yield SourcePage(taken.pop(), _dpi_of(img, default_dpi), name, i)


def _open_pdf(name: str, data: bytes | BinaryIO):  # noqa: ANN202 - a pypdfium2 PdfDocument
    """The PDF in `data`, or in an open file (pdfium then reads only the objects it needs)."""
    import pypdfium2 as pdfium

    if isinstance(data, bytes):
        tail = data[-1024:]
    else:
        size = data.seek(0, os.SEEK_END)
        data.seek(max(0, size - 1024))
        tail = data.read()
        data.seek(0)
    # A PDF cut short has no %%EOF at its end; pdfium would rebuild what it can and show fewer
    # pages, or blank ones, as if the file were whole.
    if b"%%EOF" not in tail:
        raise UnreadableFile(f"文件“{name}”不是完整的 PDF（文件不完整，可能仍在写入或写入中断），无法读取。")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc)
        if "password" in text.lower():
            raise UnreadableFile(f"文件“{name}”是加密的 PDF，无法读取，请扫描为未加密的文件。") from None
        raise UnreadableFile(f"文件“{name}”不是完整的 PDF，无法读取。") from None
    if len(pdf) == 0:
        pdf.close()
        raise UnreadableFile(f"文件“{name}”是没有页面的 PDF。")
    return pdf


def _pdf_pages(name: str, data: bytes | BinaryIO, dpi: int, pages: range | None = None) -> Iterator[SourcePage]:
    pdf = _open_pdf(name, data)
    try:
        scale = dpi / 72.0
        for i in range(len(pdf))[pages.start:pages.stop] if pages is not None else range(len(pdf)):
            page = pdf[i]
            try:
                w, h = page.get_size()
                _check_size(name, w * scale, h * scale)
                # BGR, into a buffer Python allocates: the array is a view of it and keeps it
                # alive after pdfium's bitmap handle is closed (no second copy of the page).
                bitmap = page.render(scale=scale, grayscale=False)
                arr = bitmap.to_numpy()
                if arr.ndim != 3 or arr.shape[2] != 3:
                    arr = np.array(arr[:, :, :3]) if arr.ndim == 3 else cv2.cvtColor(arr, cv2.COLOR_GRAY2BGR)
                bitmap.close()
                del bitmap
            finally:
                page.close()
            # Handed over, not kept: the page is freed as soon as its consumer lets it go.
            taken = [arr]
            del arr
            yield SourcePage(taken.pop(), dpi, name, i)
    finally:
        pdf.close()


def iter_pages(name: str, data: bytes | BinaryIO, *, default_dpi: int = 300,
               pages: range | None = None) -> Iterator[SourcePage]:
    """Every page of one file (JPEG, PNG, multi-page TIFF, PDF), or only `pages` (0-based), one
    decoded page at a time; UnreadableFile (at the first page or the page that fails).

    `data` is the file's bytes, or the file open for reading: a PDF is then read from it as its
    pages need (a worker rendering ten pages of a 100-page PDF does not hold the whole file)."""
    if not isinstance(data, bytes):
        head = data.read(5)
        data.seek(0)
        if head != b"%PDF-":
            data = data.read()
    if not data:
        raise UnreadableFile(f"文件“{name}”是空文件。")
    if isinstance(data, bytes) and data[:5] != b"%PDF-":
        it = _image_pages(name, data, default_dpi, pages)
    else:
        it = _pdf_pages(name, data, PDF_DPI, pages)
    while True:
        with quiet():
            taken = [next(it, None)]
        if taken[0] is None:
            return
        # Yielded without a reference left here: the consumer's `del` frees the page.
        yield taken.pop()


def read_pages(name: str, data: bytes, *, default_dpi: int = 300, pages: range | None = None) -> list[SourcePage]:
    """Every page of one file, or only `pages` (0-based), all decoded; see `iter_pages`."""
    return list(iter_pages(name, data, default_dpi=default_dpi, pages=pages))


def page_count(name: str, data: bytes | BinaryIO) -> int:
    """How many pages a file (its bytes, or the file open for reading) has, from its header or page
    tree (nothing decoded); the refusals of read_pages that need no decoding (empty, not an image,
    encrypted or broken PDF) come here first."""
    head = data[:5] if isinstance(data, bytes) else data.read(5)
    if not isinstance(data, bytes):
        data.seek(0)
    if not head:
        raise UnreadableFile(f"文件“{name}”是空文件。")
    with quiet():
        if head == b"%PDF-":
            pdf = _open_pdf(name, data)
            try:
                return len(pdf)
            finally:
                pdf.close()
        return _frames(name, _open_image(name, data))
