"""The standard proposal-form page drawn from its definition, and scans of it.

`render_form_page` draws one page of a form (resources/forms/*.json) as the printed paper looks:
the insurer's heading and the form's title, the four black registration squares, the proposal
number's Code128 in the barcode box, every field's label and box at its region, and the values
the applicant wrote in the boxes, in a slightly irregular hand (or typed). `simulate_scan` puts a
page through what a scanner does to it (skew, scale, shift, blur, noise). Both serve the tests
and the demo store, whose cases need real scanned pages of the form the operators key from; the
entry workstation registers such a page to the form (`desk_app.core.entry.registration`).

The barcode holds the proposal number alone, as the printed forms' barcodes do: the scanning
pipeline resolves a barcode's text as a case number or a proposal number
(`scanning.service.resolver`), so a rendered page imported by the scanning station is indexed to
its case as a proposal form. The form's code and version are printed in the footer.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from functools import lru_cache

import cv2
import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from desk_app.core.forms import FieldDef, FormDef
from desk_app.paths import resources_dir

PRINT_FONT = "uming.ttc"  # AR PL UMing, the Ming face of printed forms
HAND_FONT = "wqy-microhei.ttc"  # an even-stroke face: nearer a pen than the Ming's wedges
INSURER = "演示人寿保险股份有限公司"
DECLARATION = {
    "GROUP": ("投保声明：本投保单位已详细阅读并理解所投保险种的条款，特别是责任免除条款；本投保单中所填各项内容及"
              "被保险人清单均真实、完整，如有不实告知，保险人有权依法解除合同。本投保单位同意以本投保单作为订立保险合同的依据。",
              ("投保单位（公章）：", "法定代表人或经办人签字：")),
    "INDIVIDUAL": ("投保声明：本人已详细阅读并理解所投保险种的条款，特别是责任免除条款；本投保单所填各项内容均属实，"
                   "如有不实告知，保险人有权依法解除合同。本人同意以本投保单作为订立保险合同的依据。",
                   ("投保人签名：", "被保险人签名：")),
}
NOTE = "请用黑色或蓝色钢笔、签字笔以正楷填写，字迹清楚，不得涂改；带 * 者为必填项。"


@lru_cache(maxsize=128)
def _font(name: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resources_dir() / "fonts" / name), max(4, px), index=0)


class _Page:
    """Millimetre drawing on a PIL page at `dpi`."""

    def __init__(self, size_mm: tuple[float, float], dpi: int) -> None:
        self.k = dpi / 25.4
        self.img = Image.new("L", (round(size_mm[0] * self.k), round(size_mm[1] * self.k)), 255)
        self.draw = ImageDraw.Draw(self.img)

    def px(self, v: float) -> int:
        return round(v * self.k)

    def rect(self, x: float, y: float, w: float, h: float, *, fill: int | None = None, outline: int | None = None,
             width_mm: float = 0.25) -> None:
        self.draw.rectangle((self.px(x), self.px(y), self.px(x + w) - 1, self.px(y + h) - 1), fill=fill,
                            outline=outline, width=max(1, self.px(width_mm)))

    def line(self, x0: float, y0: float, x1: float, y1: float, width_mm: float = 0.25) -> None:
        self.draw.line((self.px(x0), self.px(y0), self.px(x1), self.px(y1)), fill=0, width=max(1, self.px(width_mm)))

    def text(self, x: float, y: float, s: str, size_mm: float, *, face: str = PRINT_FONT, anchor: str = "lm",
             fill: int = 0, bold: bool = False) -> float:
        """Draw `s` with its anchor at (x, y) mm; returns its width in mm."""
        font = _font(face, self.px(size_mm))
        self.draw.text((self.px(x), self.px(y)), s, font=font, fill=fill, anchor=anchor,
                       stroke_width=max(1, self.px(0.12)) if bold else 0, stroke_fill=fill)
        return font.getlength(s) / self.k

    def width(self, s: str, size_mm: float, face: str = PRINT_FONT) -> float:
        return _font(face, self.px(size_mm)).getlength(s) / self.k


def _wrap(page: _Page, text: str, size_mm: float, width_mm: float) -> list[str]:
    lines, line = [], ""
    for ch in text:
        if page.width(line + ch, size_mm) > width_mm:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


LABEL_MM = 3.3  # printed label size


def label_width_mm(f: FieldDef) -> float:
    """Width of a field's printed label cell (its `*`, the label and padding), in mm."""
    text = ("*" if f.required else "") + f.label
    return 3.6 + _font(PRINT_FONT, 100).getlength(text) * LABEL_MM / 100


def value_box_mm(f: FieldDef) -> tuple[float, float, float, float]:
    """The part of a field's region the applicant writes in (right of the printed label), in mm."""
    x, y, w, h = f.region
    lw = min(label_width_mm(f), w * 0.6)
    return (x + lw, y, w - lw, h)


def _fields(form: FormDef, page: int) -> list[FieldDef]:
    return [f for f in form.fields if f.page == page]


def _draw_printed(p: _Page, form: FormDef, page: int, *, case_no: str, proposal_no: str) -> None:
    pw, ph = form.page_size_mm
    s = form.mark_size_mm
    for x, y in form.mark_corners_mm:
        p.rect(x, y, s, s, fill=0)
    p.text(20, 11.5, INSURER, 3.6)
    title = form.title + ("（续页）" if page > 1 else "")
    p.text(pw / 2, 21.0, " ".join(title), 7.5, face=HAND_FONT, anchor="mm", bold=True)
    p.text(15, 30.5, "投保单号：", 3.4)
    if proposal_no:
        p.text(15 + p.width("投保单号：", 3.4), 30.5, proposal_no, 3.6)
    if case_no:
        p.text(80, 30.5, f"案件号：{case_no}", 3.0)
    p.text(15, 36.5, NOTE, 2.7)

    fields = _fields(form, page)
    for f in fields:
        x, y, w, h = f.region
        lw = value_box_mm(f)[0] - x
        p.rect(x, y, lw, h, fill=236)
        p.rect(x, y, w, h, outline=0)
        p.line(x + lw, y, x + lw, y + h)
        label = ("*" if f.required else "") + f.label
        p.text(x + 1.8, y + h / 2, label, LABEL_MM)
    if fields:  # the table's heavier outer border
        left = min(f.region[0] for f in fields)
        top = min(f.region[1] for f in fields)
        right = max(f.region[0] + f.region[2] for f in fields)
        bottom = max(f.region[1] + f.region[3] for f in fields)
        p.rect(left, top, right - left, bottom - top, outline=0, width_mm=0.5)
    else:
        left, right, bottom = 15.0, pw - 15.0, 40.0

    text, signatures = DECLARATION.get(form.business_type, DECLARATION["GROUP"])
    if page == form.pages:
        y = bottom + 3.5
        for line in _wrap(p, text, 2.8, right - left - 2):
            p.text(left + 1, y, line, 2.8)
            y += 3.9
        # Signatures stay above the bottom marks' row (the page's last 16 mm).
        y = min(y + 3.5, ph - 24.0)
        p.text(left + 1, y, signatures[0], 3.3)
        p.text(left + 73, y, signatures[1], 3.3)
        p.text(right - 1, y, "日期：      年     月     日", 3.3, anchor="rm")

    p.text(20, ph - 12.0, f"{form.code}  第 {form.version} 版", 2.6, fill=60)
    p.text(pw / 2, ph - 12.0, f"第 {page} 页  共 {form.pages} 页", 2.8, anchor="mm")
    bx, by, bw, bh = form.barcode_mm
    if proposal_no and bw > 0:
        p.text(bx + bw / 2, by + bh - 2.0, proposal_no, 2.8, anchor="mm")


def _code128(arr: np.ndarray, text: str, box_mm: tuple[float, float, float, float], k: float) -> None:
    """The Code128 of `text` across the barcode box (10-module quiet zones inside it), drawn with
    each pixel column's true coverage, so module edges between pixels come out as gray levels
    the way a scanner sees them rather than rounded to whole pixels."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.Code128)
    dark = np.asarray(code.to_image(scale=1, add_hrt=False, add_quiet_zones=False))[0] < 128
    bx, by, bw, bh = box_mm
    n = dark.size
    module = bw / (n + 20) * k  # pixels per module
    x0 = (bx + 10 * bw / (n + 20)) * k
    start = math.floor(x0)
    cols = math.ceil(x0 - start + n * module) + 1
    sub = 16
    pos = ((np.arange(cols * sub) + 0.5) / sub + start - x0) / module
    idx = np.clip(pos.astype(np.int64), 0, n - 1)
    cover = ((pos >= 0) & (pos < n) & dark[idx]).reshape(cols, sub).mean(axis=1)
    y0, y1 = round((by + 0.5) * k), round((by + bh - 4.2) * k)
    row = np.round(255 * (1 - cover)).astype(np.uint8)
    region = arr[y0:y1, start:start + cols]
    np.minimum(region, row[: region.shape[1]], out=region)


def _display(form: FormDef, f: FieldDef, value: str) -> str:
    """What the applicant writes for a value: a form-defined code as its label (企业, 无), else as keyed."""
    if f.ref and f.ref in form.choices:
        return form.choices[f.ref].get(value, value)
    return value


def _glyph(ch: str, face: str, px: int, angle: float) -> np.ndarray:
    font = _font(face, px)
    side = int(px * 1.6) + 4
    g = Image.new("L", (side, side), 0)
    ImageDraw.Draw(g).text((side / 2, side / 2), ch, font=font, fill=255, anchor="mm")
    if angle:
        g = g.rotate(angle, resample=Image.Resampling.BICUBIC)
    return np.asarray(g)


def _write(arr: np.ndarray, text: str, box_px: tuple[int, int, int, int], rng: random.Random, hand: bool) -> None:
    """Write `text` into the box: shrunk to fit, over two lines if it must, cut with … beyond that."""
    x0, y0, x1, y1 = box_px
    bw, bh = x1 - x0, y1 - y0
    face = HAND_FONT if hand else PRINT_FONT
    size = bh * (0.44 if hand else 0.38)
    pad = bh * (0.15 + (rng.uniform(0, 0.25) if hand else 0))
    room = bw - pad - bh * 0.1

    def length(s: str, px: float) -> float:
        return _font(face, int(px)).getlength(s) * (1.04 if hand else 1.0)

    lines = [text]
    if length(text, size) > room:
        size = max(bh * 0.26, size * room / length(text, size))
        if length(text, size) > room:  # two lines at the smallest size, the rest cut
            lines, line = [], ""
            for ch in text:
                if length(line + ch + "…", size) > room:
                    lines.append(line)
                    line = ""
                    if len(lines) == 2:
                        break
                line += ch
            else:
                lines.append(line)
            if len(lines) == 2 and sum(map(len, lines)) < len(text):
                lines[1] = lines[1][:-1] + "…"
    ink = np.zeros((bh, bw), np.float32)
    slope = rng.gauss(0, 0.015) if hand else 0.0
    for i, line in enumerate(lines):
        mid = bh * (i + 0.5) / len(lines)
        x = pad
        for ch in line:
            px = size * (1 + rng.gauss(0, 0.05)) if hand else size
            g = _glyph(ch, face, int(px), rng.gauss(0, 3.0) if hand else 0.0)
            adv = _font(face, int(px)).getlength(ch)
            cx = x + adv / 2
            cy = mid + slope * x + (rng.gauss(0, 0.04 * size) if hand else 0.0)
            gx, gy = round(cx - g.shape[1] / 2), round(cy - g.shape[0] / 2)
            sx0, sy0 = max(0, -gx), max(0, -gy)
            dx0, dy0 = max(0, gx), max(0, gy)
            dx1, dy1 = min(bw, gx + g.shape[1]), min(bh, gy + g.shape[0])
            if dx1 > dx0 and dy1 > dy0:
                sl = ink[dy0:dy1, dx0:dx1]
                np.maximum(sl, g[sy0:sy0 + dy1 - dy0, sx0:sx0 + dx1 - dx0], out=sl)
            x += adv * (1 + rng.gauss(0.04, 0.04) if hand else 1.0)
    pen = rng.uniform(20, 70) if hand else 0.0
    region = arr[y0:y1, x0:x1]
    written = 255 - ink * ((255 - pen) / 255)
    np.minimum(region, written.astype(np.uint8), out=region)


def render_form_page(form: FormDef, values: Mapping[str, str], *, page: int = 1, dpi: int = 200, case_no: str = "",
                     proposal_no: str = "", handwriting: bool = True, seed: int = 0) -> np.ndarray:
    """One page of the form as printed paper filled in (grayscale uint8, page size at `dpi`).

    `values` by field key (the keyed form: a form-defined code such as `enterprise` is written as
    its label 企业); fields without a value stay empty. Without a `proposal_no` the page has no
    barcode (the blank template registration matches against). `handwriting` writes the values
    with seeded jitter in size, slope, baseline and each character's angle; otherwise typed.
    """
    if not 1 <= page <= form.pages:
        raise ValueError(f"form {form.code} has no page {page}")
    p = _Page(form.page_size_mm, dpi)
    _draw_printed(p, form, page, case_no=case_no, proposal_no=proposal_no)
    arr = np.array(p.img)
    if proposal_no and form.barcode_mm[2] > 0:
        _code128(arr, proposal_no, form.barcode_mm, p.k)
    rng = random.Random(f"{form.code}:{page}:{seed}")
    for f in _fields(form, page):
        value = str(values.get(f.key) or "").strip()
        if not value:
            continue
        x, y, w, h = value_box_mm(f)
        inset = 0.6
        box = (p.px(x + inset), p.px(y + inset), p.px(x + w - inset), p.px(y + h - inset))
        _write(arr, _display(form, f, value), box, rng, handwriting)
    return arr


# --- scans ---------------------------------------------------------------------------------------

def scan_matrix(shape: tuple[int, ...], *, angle_deg: float = 0.0, scale: float = 1.0,
                shift_px: tuple[float, float] = (0, 0),
                canvas: tuple[int, int] | None = None) -> tuple[np.ndarray, tuple[int, int]]:
    """The 2x3 matrix `simulate_scan` applies to a page of `shape`, and its output (width, height).

    The page turns by `angle_deg` (counter-clockwise positive, as on screen) and scales by `scale`
    about its centre, which lands on the canvas's centre moved by `shift_px`. The canvas is
    `canvas`, or by default just large enough for the whole turned, scaled page (a scanner bed
    wider than the sheet); paper moved beyond it is lost, as on a cropped scan.
    """
    h, w = shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle_deg, scale)
    if canvas is None:
        corners = np.array([[0, 0, 1], [w, 0, 1], [w, h, 1], [0, h, 1]], np.float64) @ m.T
        span = corners.max(axis=0) - corners.min(axis=0)
        canvas = (math.ceil(span[0]), math.ceil(span[1]))
    m[:, 2] += (canvas[0] / 2 - w / 2 + shift_px[0], canvas[1] / 2 - h / 2 + shift_px[1])
    return m, canvas


def simulate_scan(img: np.ndarray, *, angle_deg: float = 0.0, scale: float = 1.0,
                  shift_px: tuple[float, float] = (0, 0), noise: float = 0.0, seed: int = 0, blur: float = 0.0,
                  canvas: tuple[int, int] | None = None) -> np.ndarray:
    """The page as a scanner returns it: turned, scaled, shifted (see `scan_matrix`), softened by
    `blur` (Gaussian sigma, pixels) and with Gaussian sensor `noise` (sigma, gray levels)."""
    m, size = scan_matrix(img.shape, angle_deg=angle_deg, scale=scale, shift_px=shift_px, canvas=canvas)
    border = 255 if img.ndim == 2 else (255, 255, 255)
    out = cv2.warpAffine(img, m, size, flags=cv2.INTER_LINEAR, borderValue=border)
    if blur:
        out = cv2.GaussianBlur(out, (0, 0), blur)
    if noise:
        n = np.random.default_rng(seed).normal(0.0, noise, out.shape)
        out = np.clip(out + n, 0, 255).astype(np.uint8)
    return out


def encode_png(arr: np.ndarray) -> bytes:
    ok, buf = cv2.imencode(".png", arr)
    if not ok:
        raise ValueError("PNG encoding failed")
    return buf.tobytes()


def encode_jpeg(arr: np.ndarray, quality: int = 85) -> bytes:
    ok, buf = cv2.imencode(".jpg", arr, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("JPEG encoding failed")
    return buf.tobytes()
