"""Synthetic scanned pages for the scanning tests and bench/scan.py (seeded, no files needed).

Forms are drawn with reportlab (the UMing font the receipts use), rendered with pypdfium2 at the
asked resolution, then put through what scanners and cameras do to paper: a known skew, a quarter
or half turn, a perspective warp, blur, noise and JPEG compression.
"""

from __future__ import annotations

import io
import math

import cv2
import numpy as np
import pypdfium2 as pdfium
from reportlab.graphics.barcode import code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from desk_app.core import receipts

W, H = A4
LINES = ["投保单位名称：广州市天河科技有限公司", "统一社会信用代码：91440101MA59XXXX0K", "单位性质：有限责任公司",
         "行业类别：I65 软件和信息技术服务业", "经营区域：广东省广州市", "联系人：陈晓红  联系电话：13800138000",
         "业务来源：直销", "投保日期：2026年11月30日  生效日期：2026年12月1日", "险种代码 GTL01 团体定期寿险 保额 100,000 元",
         "险种代码 GAC01 团体意外伤害保险 保额 300,000 元", "保费合计：人民币陆仟元整（6,000.00 元）",
         "特别约定：无", "被保险人健康告知：逐项填写，均为否"]


def draw_seal(c: canvas.Canvas, cx: float, cy: float, r: float = 21 * mm, text: str = "广州市天河科技有限公司") -> None:
    """A round unit seal: red ring, red star, the unit name around the top."""
    c.saveState()
    c.setStrokeColorRGB(0.86, 0.08, 0.1)
    c.setFillColorRGB(0.86, 0.08, 0.1)
    c.setLineWidth(1.3 * mm)
    c.circle(cx, cy, r, stroke=1, fill=0)
    pts = []
    for k in range(10):
        rad = (r * 0.3) if k % 2 == 0 else (r * 0.12)
        a = math.pi / 2 + k * math.pi / 5
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    p = c.beginPath()
    p.moveTo(*pts[0])
    for q in pts[1:]:
        p.lineTo(*q)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    c.setFont(receipts._font(), 11)
    n = len(text)
    for i, ch in enumerate(text):
        a = math.radians(210 - i * 240 / max(n - 1, 1))
        c.saveState()
        c.translate(cx + (r - 5 * mm) * math.cos(a), cy + (r - 5 * mm) * math.sin(a))
        c.rotate(math.degrees(a) - 90)
        c.drawCentredString(0, -1.5 * mm, ch)
        c.restoreState()
    c.drawCentredString(cx, cy - r * 0.6, "合同专用章")
    c.restoreState()


def _proposal_page(c: canvas.Canvas, proposal_no: str, seal: bool, barcode: bool = True) -> None:
    font = receipts._font()
    c.setFont(font, 22)
    c.drawString(20 * mm, H - 30 * mm, "团体保险投保单")
    if barcode:
        _proposal_barcode(c, proposal_no)
    c.setFont(font, 9)
    c.drawRightString(W - 20 * mm, H - 39 * mm, f"投保单号 {proposal_no}")
    c.setLineWidth(0.6)
    c.line(20 * mm, H - 44 * mm, W - 20 * mm, H - 44 * mm)
    y = H - 56 * mm
    c.setFont(font, 11)
    for line in LINES:
        c.drawString(22 * mm, y, line)
        c.line(20 * mm, y - 3 * mm, W - 20 * mm, y - 3 * mm)
        y -= 10 * mm
    c.setFont(font, 11)
    c.drawString(22 * mm, 60 * mm, "投保单位（公章）：")
    c.drawString(110 * mm, 60 * mm, "法定代表人签章：")
    if seal:
        draw_seal(c, 60 * mm, 52 * mm)


def _proposal_barcode(c: canvas.Canvas, proposal_no: str) -> None:
    """The proposal number's Code128, top right (as the printed forms carry it)."""
    bar = code128.Code128(proposal_no, barHeight=12 * mm, barWidth=0.33 * mm, humanReadable=False)
    bar.drawOn(c, W - 20 * mm - bar.width, H - 34 * mm)


def _insured_page(c: canvas.Canvas, page_no: int, seal: bool, barcode: str | None = None) -> None:
    font = receipts._font()
    c.setFont(font, 20)
    c.drawString(20 * mm, H - 30 * mm, f"被保险人清单（第 {page_no} 页）")
    if barcode:
        _proposal_barcode(c, barcode)
    c.setFont(font, 10)
    y = H - 45 * mm
    cols = [20, 35, 65, 120, 150, 190]
    heads = ["序号", "姓名", "身份证号码", "职业类别", "保额"]
    for x, t in zip(cols, heads, strict=False):
        c.drawString((x + 1) * mm, y + 2 * mm, t)
    for i in range(22):
        y -= 8 * mm
        c.line(20 * mm, y + 7 * mm, 190 * mm, y + 7 * mm)
        vals = [str(i + 1), ["张伟", "王芳", "李娜", "刘洋", "陈静"][i % 5], f"44010119{80 + i % 20}0101{i:03d}X",
                f"{1 + i % 4} 类", "100,000"]
        for x, t in zip(cols, vals, strict=False):
            c.drawString((x + 1) * mm, y + 2 * mm, t)
    c.drawString(120 * mm, 40 * mm, "投保单位（公章）：")
    if seal:
        draw_seal(c, 160 * mm, 36 * mm)


def _cover_page(c: canvas.Canvas, case_no: str) -> None:
    font = receipts._font()
    c.setFont(font, 11)
    c.drawString(18 * mm, H - 16 * mm, "演示分公司 业务处理中心")
    c.setFont(font, 22)
    c.drawString(18 * mm, H - 30 * mm, "受理回执")
    receipts._barcodes(c, case_no, W - 18 * mm - 30 * mm, H - 16 * mm - 30 * mm)
    c.setFont(font, 11)
    y = H - 70 * mm
    for label in ("案件号 " + case_no, "投保单位 广州市天河科技有限公司", "业务类型 团险", "被保险人数 20 人"):
        c.drawString(18 * mm, y, label)
        y -= 8 * mm


def form_pdf(kind: str, *, seal: bool = True, case_no: str = "GZ0120261125000001",
             proposal_no: str = "T440099001", page_no: int = 1, barcode: bool | None = None) -> bytes:
    """One A4 page: kind is proposal / insured_list / cover / blank. `barcode`: the proposal
    number's Code128 at the top right (default: on the proposal form only)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True)
    if kind == "proposal":
        _proposal_page(c, proposal_no, seal, barcode is not False)
    elif kind == "insured_list":
        _insured_page(c, page_no, seal, proposal_no if barcode else None)
    elif kind == "cover":
        _cover_page(c, case_no)
    elif kind != "blank":
        raise ValueError(kind)
    c.showPage()
    c.save()
    return buf.getvalue()


def render(pdf: bytes, dpi: int) -> np.ndarray:
    """The page as a scanner would see it (BGR uint8)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        bmp = doc[0].render(scale=dpi / 72.0)
        return np.array(bmp.to_numpy()[:, :, :3])
    finally:
        doc.close()


def skew(img: np.ndarray, deg: float) -> np.ndarray:
    """Rotate by `deg` (counter-clockwise positive) about the centre, paper-white corners."""
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def quarter(img: np.ndarray, turn: int) -> np.ndarray:
    """Turn the page clockwise by 90/180/270 (what the pipeline must undo)."""
    codes = {90: cv2.ROTATE_90_COUNTERCLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_CLOCKWISE}
    return cv2.rotate(img, codes[turn]) if turn else img


def degrade(img: np.ndarray, rng: np.random.Generator, *, blur: float = 0.0, noise: float = 0.0,
            jpeg: int | None = None) -> np.ndarray:
    out = img
    if blur:
        out = cv2.GaussianBlur(out, (0, 0), blur)
    if noise:
        n = np.empty(out.shape, np.int16)
        cv2.setRNGSeed(int(rng.integers(1 << 30)))
        cv2.randn(n, 0, noise)
        out = np.clip(out.astype(np.int16) + n, 0, 255).astype(np.uint8)
    if jpeg:
        ok, enc = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, jpeg])
        out = cv2.imdecode(enc, cv2.IMREAD_COLOR)
    return out


def camera_shot(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The page photographed from above at an angle, lying on a dark desk."""
    h, w = img.shape[:2]
    pad = int(0.12 * w)
    canvas_ = np.full((h + 2 * pad, w + 2 * pad, 3), 40, np.uint8)
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    jit = rng.uniform(-0.06, 0.06, (4, 2)) * np.array([w, h])
    dst = (src + pad + jit).astype(np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(img, m, (canvas_.shape[1], canvas_.shape[0]), dst=canvas_,
                               borderMode=cv2.BORDER_TRANSPARENT)


def photo(dpi: int, rng: np.random.Generator) -> np.ndarray:
    """An A4 page that is all photograph (smooth colour fields and blobs, sensor noise): no text
    lines to level, no way up to read."""
    h, w = int(11.69 * dpi), int(8.27 * dpi)
    img = cv2.resize(rng.integers(0, 255, (12, 9, 3)).astype(np.uint8), (w, h), interpolation=cv2.INTER_CUBIC)
    for _ in range(30):
        colour = [int(v) for v in rng.integers(0, 255, 3)]
        cv2.circle(img, (int(rng.integers(w)), int(rng.integers(h))), int(rng.integers(w // 50, w // 5)), colour, -1)
    img = cv2.GaussianBlur(img, (0, 0), dpi / 60)
    return degrade(img, rng, noise=6)


def pdf_of(img: np.ndarray, dpi: int, quality: int = 80) -> bytes:
    """A scanner's PDF: the page image embedded as JPEG at `dpi`."""
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(img[:, :, ::-1])).save(buf, "PDF", resolution=float(dpi), quality=quality)
    return buf.getvalue()
