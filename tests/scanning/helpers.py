"""Files the scanning tests feed the station: good scans and the bad files scanners leave behind."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from tests.scanning import synth


def png_file(path: Path, img: np.ndarray, dpi: int) -> Path:
    Image.fromarray(np.ascontiguousarray(img[:, :, ::-1])).save(path, "PNG", dpi=(dpi, dpi))
    return path


def jpeg_bytes(img: np.ndarray, quality: int = 80) -> bytes:
    ok, enc = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return enc.tobytes()


def bomb_png(width: int = 35_000, height: int = 35_000) -> bytes:
    """A valid bilevel PNG of width x height white pixels: ~1.2 GB once decoded, ~150 KB on disk."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    comp = zlib.compressobj(9)
    body = b"".join(comp.compress(row) for _ in range(height)) + comp.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    for p in PdfReader(io.BytesIO(synth.form_pdf("proposal"))).pages:
        w.add_page(p)
    w.encrypt("secret")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def multipage_tiff(pages: list[np.ndarray], dpi: int) -> bytes:
    imgs = [Image.fromarray(np.ascontiguousarray(p[:, :, ::-1])).convert("L") for p in pages]
    buf = io.BytesIO()
    imgs[0].save(buf, "TIFF", save_all=True, append_images=imgs[1:], dpi=(dpi, dpi), compression="tiff_lzw")
    return buf.getvalue()


def camera_video(path: Path, case_nos: list[str]) -> str:
    """A video file standing in for the document camera: cover sheets of `case_nos` slid under
    it one after another, each held still, then taken away."""
    rng = np.random.default_rng(2)
    size = (1280, 960)
    desk = np.full((size[1], size[0], 3), 40, np.uint8)

    def shot(case_no: str) -> np.ndarray:
        img = synth.camera_shot(synth.render(synth.form_pdf("cover", case_no=case_no), 100), rng)
        h = size[1] - 40
        img = cv2.resize(img, (int(img.shape[1] * h / img.shape[0]), h))
        out = desk.copy()
        x = (size[0] - img.shape[1]) // 2
        out[20:20 + h, x:x + img.shape[1]] = img
        return out

    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, size)
    frames = [desk] * 5
    for case_no in case_nos:
        page = shot(case_no)
        frames += [np.roll(page, 300 - 60 * i, axis=1) for i in range(5)] + [page] * 12
        frames += [np.roll(page, 80 * i, axis=0) for i in range(1, 4)] + [desk] * 2
    for f in frames:
        writer.write(f)
    writer.release()
    return str(path)
