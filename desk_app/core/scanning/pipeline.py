"""The clean-up of one page image: pure functions on numpy arrays, every step recorded.

`clean_page(image, dpi, ...)` takes the decoded page (BGR) and returns a `CleanResult`: the
cleaned grayscale page and the list of steps with their values (page detection and perspective
correction for camera shots, scanner-border crop, orientation, deskew, blank check, quality
flags). Nothing here touches the original: re-running with `Overrides` (a forced rotation or
angle, say) redoes the page from the same input. `encode_page` writes the stored form.

Deskew is a projection-profile search on the ink pixels at reduced resolution (a coarse pass
over ±16°, then a fine pass around the best angle with a parabolic peak fit); text lines make
the row profile sharpest when they are level. It is not trusted (the page is left unlevelled
and flagged `deskew_unsure`) when the coarse peak is at the end of the search range, or when
the page is mostly photograph. Orientation (0/90/180/270) is then asked of a text-direction
model (`orientation`) on the levelled page at the analysis resolution; an answer it is not
sure of turns nothing and flags `orientation_unsure` for a person. Barcodes, read later on the
cleaned page, overrule it (`turn_by_barcodes`, applied by the service).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from desk_app.core.scanning import orientation
from desk_app.core.scanning.processed import Flag  # re-exported: the findings' vocabulary

WORK_DPI = 100.0  # resolution of the analysis (the stored page keeps the source resolution)
COARSE = np.arange(-16.0, 16.01, 0.5)
FINE_SPAN, FINE_STEP = 0.6, 0.04

STORAGE_FORMATS = ("jpeg", "png", "tiff")
MEDIA_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "tiff": "image/tiff"}


@dataclass(frozen=True)
class Overrides:
    """What the operator forced when redoing a page (None: decide automatically)."""

    rotation: int | None = None
    deskew_deg: float | None = None


@dataclass
class CleanResult:
    image: np.ndarray  # cleaned page, grayscale uint8
    dpi: int
    deskew_deg: float
    rotation: int  # clockwise degrees applied: 0, 90, 180, 270
    blank: bool
    flags: list[Flag] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)


def to_gray(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def analysis_gray(image: np.ndarray) -> np.ndarray:
    """The red channel: red seals and stamps all but vanish, so text lines decide skew and head."""
    return image if image.ndim == 2 else cv2.extractChannel(image, 2)  # ~3x a numpy strided copy


def _resize(gray: np.ndarray, scale: float) -> np.ndarray:
    if abs(scale - 1.0) < 1e-3:
        return gray
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def _ink(small: np.ndarray) -> np.ndarray:
    """Ink mask (uint8 0/1) of a small grayscale page: Otsu, but never lighter than mid-gray."""
    t, _ = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return (small < min(t, 160)).astype(np.uint8)


# --- camera: page detection and perspective -------------------------------------------------

def find_page_quad(gray: np.ndarray) -> np.ndarray | None:
    """Corners (tl, tr, br, bl) of the largest bright quadrilateral, or None."""
    scale = 800.0 / max(gray.shape)
    small = _resize(gray, min(1.0, scale))
    k = small.shape[1] / gray.shape[1]
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    c = max(contours, key=cv2.contourArea)
    if cv2.contourArea(c) < 0.2 * small.size:
        return None
    approx = cv2.approxPolyDP(c, 0.02 * cv2.arcLength(c, True), True)
    if len(approx) != 4:
        return None
    pts = approx.reshape(4, 2).astype(np.float32) / k
    s, d = pts.sum(1), np.diff(pts, axis=1).ravel()
    return np.array([pts[s.argmin()], pts[d.argmin()], pts[s.argmax()], pts[d.argmax()]], np.float32)


def correct_perspective(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    tl, tr, br, bl = quad
    w = int(round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))))
    h = int(round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))))
    # Edge lengths of a tilted shot misstate the aspect; paper is A-series (1:√2), so a shape
    # close to it is taken as it.
    for ratio in (math.sqrt(2), 1 / math.sqrt(2)):
        if abs(h / w - ratio) / ratio < 0.12:
            h = int(round(w * ratio))
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(quad, dst)
    return cv2.warpPerspective(image, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


# --- scanner border ---------------------------------------------------------------------------

def crop_dark_border(gray: np.ndarray) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """Cut the dark scanner bed around the paper: rows/columns that are mostly black."""
    dark = gray < 60
    rows, cols = dark.mean(1), dark.mean(0)
    top = 0
    while top < len(rows) // 4 and rows[top] > 0.6:
        top += 1
    bottom = len(rows)
    while bottom > 3 * len(rows) // 4 and rows[bottom - 1] > 0.6:
        bottom -= 1
    left = 0
    while left < len(cols) // 4 and cols[left] > 0.6:
        left += 1
    right = len(cols)
    while right > 3 * len(cols) // 4 and cols[right - 1] > 0.6:
        right -= 1
    return gray[top:bottom, left:right], (top, gray.shape[0] - bottom, left, gray.shape[1] - right)


# --- orientation and skew -----------------------------------------------------------------------

def _profile_score(xs: np.ndarray, ys: np.ndarray, deg: float, size: int) -> float:
    """Sharpness of the row profile of the ink points after rotating the page by `deg`."""
    a = np.deg2rad(deg)
    proj = ys * np.cos(a) - xs * np.sin(a)
    proj = proj - proj.min()
    hist = np.bincount(proj.astype(np.int32), minlength=size)
    return float(np.dot(hist, hist)) if len(hist) else 0.0


def _points(ink: np.ndarray, limit: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    ys, xs = np.nonzero(ink)
    if len(xs) > limit:
        pick = rng.choice(len(xs), limit, replace=False)
        xs, ys = xs[pick], ys[pick]
    return xs.astype(np.float32), ys.astype(np.float32)


def _best(xs: np.ndarray, ys: np.ndarray, angles: np.ndarray, size: int) -> tuple[float, float, np.ndarray]:
    scores = np.array([_profile_score(xs, ys, a, size) for a in angles])
    i = int(scores.argmax())
    best = float(angles[i])
    if 0 < i < len(angles) - 1:  # parabola through the peak and its neighbours
        y0, y1, y2 = scores[i - 1], scores[i], scores[i + 1]
        den = y0 - 2 * y1 + y2
        if den < 0:
            best += 0.5 * (y0 - y2) / den * float(angles[1] - angles[0])
    return best, float(scores[i]), scores


@dataclass(frozen=True)
class Skew:
    angle: float  # degrees, counter-clockwise positive (as cv2.getRotationMatrix2D), levels the text
    quarter: int  # 90 when the text runs vertically on the image (the profile's axis), else 0
    confidence: float  # peak of the fine pass over its median
    at_edge: bool  # the coarse peak is at the end of the search range: the true angle may lie beyond


def measure_skew(small: np.ndarray) -> Skew:
    """The skew of a page seen at WORK_DPI (see `estimate_skew`)."""
    rng = np.random.default_rng(0)
    ink_full = _ink(small)
    half = cv2.resize(small, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    xs, ys = _points(_ink(half), 20_000, rng)
    if len(xs) < 50:
        return Skew(0.0, 0, 0.0, False)
    size = int(np.hypot(*half.shape)) + 2
    a0, s0, _sc0 = _best(xs, ys, COARSE, size)
    a90, s90, _sc90 = _best(ys, xs, COARSE, size)  # columns as rows: the page turned a quarter
    quarter = 90 if s90 > s0 * 1.05 else 0
    coarse = a90 if quarter else a0
    at_edge = abs(coarse) >= COARSE[-1] - (COARSE[1] - COARSE[0]) / 2
    # Fine pass at the working resolution, around the coarse angle.
    xs, ys = _points(ink_full, 60_000, rng)
    if quarter:
        xs, ys = ys, xs
    size = int(np.hypot(*small.shape)) + 2
    fine = np.arange(coarse - FINE_SPAN, coarse + FINE_SPAN + 1e-6, FINE_STEP)
    angle, _s, scores = _best(xs, ys, fine, size)
    if quarter:  # measured on the transposed page: a mirror image, so the sign turns
        angle = -angle
    conf = float(scores.max() / max(np.median(scores), 1.0))
    # Python numbers, not numpy's: the page's values travel to the command's process, which
    # should not import numpy to read them back (and they are written to the store as JSON).
    return Skew(float(angle), quarter, conf, bool(at_edge))


def estimate_skew(small: np.ndarray) -> tuple[float, int, float]:
    """(skew angle in degrees, quarter turn 0/90, confidence) of a page seen at WORK_DPI.

    The angle is the rotation (counter-clockwise positive, as cv2.getRotationMatrix2D) that
    levels the text; the quarter turn says whether the text runs vertically on the image.
    """
    s = measure_skew(small)
    return s.angle, s.quarter, s.confidence


# A page is "mostly photograph" when this share of it is continuous tone: mid-grey pixels packed
# densely (text at WORK_DPI has mid-grey stroke edges, but white between strokes and lines).
PHOTO_SHARE = 0.4


def photo_share(small: np.ndarray) -> float:
    """Share of a page at WORK_DPI (margins excluded) that is continuous tone (photograph)."""
    h, w = small.shape
    inner = small[int(h * 0.03):int(h * 0.97), int(w * 0.03):int(w * 0.97)]
    mid = ((inner > 40) & (inner < 215)).astype(np.float32)
    dense = cv2.boxFilter(mid, -1, (9, 9))
    return float((dense > 0.7).mean())


def rotate(gray: np.ndarray, deg: float, quarter: int) -> np.ndarray:
    """Rotate by `quarter` clockwise quarter turns (degrees) and level by `deg` (ccw positive)."""
    out = gray
    if quarter == 90:
        out = cv2.rotate(out, cv2.ROTATE_90_CLOCKWISE)
    elif quarter == 180:
        out = cv2.rotate(out, cv2.ROTATE_180)
    elif quarter == 270:
        out = cv2.rotate(out, cv2.ROTATE_90_COUNTERCLOCKWISE)
    if abs(deg) >= 0.02:
        h, w = out.shape[:2]
        m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
        border = 255 if out.ndim == 2 else (255, 255, 255)
        out = cv2.warpAffine(out, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                             borderValue=border)
    return out


# --- blank and quality ---------------------------------------------------------------------------

def ink_fraction(small: np.ndarray, level: int = 140) -> float:
    """Share of the page at WORK_DPI (margins excluded) darker than `level`, specks removed."""
    h, w = small.shape
    inner = small[int(h * 0.05):int(h * 0.95), int(w * 0.05):int(w * 0.95)]
    ink = (inner < level).astype(np.uint8)
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    return float(ink.mean())


BLANK_INK = 0.002


def _darkest(gray: np.ndarray, share: float) -> float:
    """The grey level below which `share` of the pixels lie (a histogram, not a sort: ~1 ms)."""
    counts = cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel().cumsum()
    return float(np.searchsorted(counts, share * counts[-1]))


def quality_flags(gray: np.ndarray, dpi: float, *, blank: bool) -> list[Flag]:
    flags = []
    if dpi < 150:
        flags.append(Flag("low_resolution", f"分辨率 {dpi} dpi 低于 150 dpi，文字可能无法辨认"))
    h, w = gray.shape
    if min(h, w) / dpi < 3.5:  # narrower than a 9 cm slip
        flags.append(Flag("too_small", f"页面过小（{w / dpi * 25.4:.0f}×{h / dpi * 25.4:.0f} mm）"))
    small = _resize(gray, WORK_DPI * 2 / dpi)
    mean = float(small.mean())
    if mean < 110:
        flags.append(Flag("too_dark", f"页面过暗（平均亮度 {mean:.0f}）"))
    if not blank:
        p2 = _darkest(small, 0.01)
        if p2 > 150:
            flags.append(Flag("too_light", f"字迹过淡（最深处亮度 {p2:.0f}）"))
        lap = cv2.Laplacian(small, cv2.CV_32F)
        edges = cv2.dilate((small < 160).astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        sharp = float(np.abs(lap[edges]).mean()) if edges.any() else 0.0
        if sharp < 18:
            flags.append(Flag("blur", f"页面模糊（清晰度 {sharp:.0f}，应不低于 18）"))
    return flags


# --- the whole clean-up ---------------------------------------------------------------------------

def clean_page(image: np.ndarray, dpi: int, *, camera: bool = False, overrides: Overrides | None = None) -> CleanResult:
    """Clean one page (BGR or grayscale); the input is not modified."""
    ov = overrides or Overrides()
    steps: list[dict[str, Any]] = []
    doubts: list[Flag] = []
    gray = to_gray(image)
    if camera:
        quad = find_page_quad(gray)
        if quad is not None:
            gray = correct_perspective(gray, quad)
            image = correct_perspective(image, quad)
            width_in = 8.27 if gray.shape[0] >= gray.shape[1] else 11.69
            dpi = max(50, int(round(gray.shape[1] / width_in)))
            steps.append({"step": "perspective", "corners": quad.round(1).tolist(), "dpi": dpi})
        else:
            steps.append({"step": "perspective", "corners": None})
    gray, cut = crop_dark_border(gray)
    probe = analysis_gray(image)[cut[0]:image.shape[0] - cut[1], cut[2]:image.shape[1] - cut[3]]
    probe = _resize(probe, WORK_DPI / dpi)
    if any(cut):
        steps.append({"step": "border_crop", "top_bottom_left_right": list(cut)})
    if ov.rotation is not None or ov.deskew_deg is not None:
        quarter = ov.rotation or 0
        angle = ov.deskew_deg or 0.0
        gray = rotate(gray, angle, quarter)
        steps.append({"step": "rotate", "rotation": quarter, "deskew_deg": round(angle, 3), "forced": True})
    else:
        skew = measure_skew(probe)
        photo = photo_share(probe)
        angle = skew.angle
        trusted = not (skew.at_edge or photo >= PHOTO_SHARE)
        if not trusted:
            # Not trusted: an angle at the end of the search range may lie beyond it, and a
            # photograph has no text lines to level. The page is left as it is for a person.
            why = (f"纠偏角度 {skew.angle:+.1f}° 已到搜索范围（±{COARSE[-1]:.0f}°）的边缘" if skew.at_edge
                   else f"页面大部分是照片（{photo:.0%}），无法按文字行纠偏")
            doubts.append(Flag("deskew_unsure", f"{why}，未自动纠偏，请人工核对"))
            angle = 0.0
        steps.append({"step": "deskew", "deskew_deg": round(angle, 3), "measured_deg": round(skew.angle, 3),
                      "confidence": round(skew.confidence, 2), "at_edge": skew.at_edge,
                      "photo": round(photo, 3), "applied": trusted})
        turn = orientation.classify(rotate(probe, angle, 0))
        quarter = turn.rotation if turn.sure else 0
        if not turn.sure:
            doubts.append(Flag("orientation_unsure",
                               f"无法确定页面方向（把握 {turn.confidence:.0%}），未自动旋转，请人工核对"))
        steps.append({"step": "orientation", "rotation": quarter, "model_rotation": turn.rotation,
                      "confidence": round(turn.confidence, 3), "views_agree": turn.agree,
                      "profile_axis": skew.quarter})
        gray = rotate(gray, angle, quarter)
    small = _resize(gray, WORK_DPI / dpi)
    ink = ink_fraction(small)
    # Faint print (light grey, but darker than the show-through of a blank back) is not blank.
    faint = ink_fraction(small, 205) if ink < BLANK_INK else ink
    blank = faint < BLANK_INK
    steps.append({"step": "blank", "ink": round(ink, 5), "faint": round(faint, 5), "blank": blank})
    # A blank page has no way up and nothing to level: no doubt to raise about it.
    flags = ([] if blank else doubts) + quality_flags(gray, dpi, blank=blank)
    steps.append({"step": "quality", "flags": [f.code for f in flags]})
    return CleanResult(gray, dpi, round(angle, 3), quarter, blank, flags, steps)


def barcode_turn(orientations: list[int]) -> int | None:
    """The clockwise quarter turn that makes a page's barcodes upright (each code's orientation in
    clockwise degrees, as zxing-cpp reports it), or None when there is none or they disagree."""
    turns = {int(round(((360 - o) % 360) / 90.0)) % 4 * 90 for o in orientations}
    return turns.pop() if len(turns) == 1 else None


def upright_by_barcodes(result: CleanResult, orientations: list[int]) -> CleanResult:
    """The barcodes' word on which way up the page is, over the model's: the page turned so its
    codes are upright, and any orientation doubt settled. Unchanged when they disagree."""
    turn = barcode_turn(orientations)
    if turn is None:
        return result
    flags = [f for f in result.flags if f.code != "orientation_unsure"]
    if turn == 0 and len(flags) == len(result.flags):
        return result
    image = result.image
    if turn:
        image = cv2.rotate(image, {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180,
                                   270: cv2.ROTATE_90_COUNTERCLOCKWISE}[turn])
    rotation = (result.rotation + turn) % 360
    steps = [*result.steps, {"step": "orientation_barcode", "turn": turn, "rotation": rotation,
                             "codes": len(orientations)}]
    return CleanResult(image, result.dpi, result.deskew_deg, rotation, result.blank, flags, steps)


def encode_page(gray: np.ndarray, dpi: int, fmt: str = "jpeg", *, quality: int = 70) -> bytes:
    """The stored form of a cleaned page: grayscale JPEG, or bilevel PNG / TIFF G4, at `dpi`."""
    from PIL import Image

    if fmt == "jpeg":
        img = Image.fromarray(gray, "L")
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
        return buf.getvalue()
    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    img = Image.fromarray(bw, "L").convert("1", dither=Image.Dither.NONE)
    buf = io.BytesIO()
    if fmt == "png":
        img.save(buf, "PNG", optimize=True, dpi=(dpi, dpi))
    elif fmt == "tiff":
        img.save(buf, "TIFF", compression="group4", dpi=(dpi, dpi))
    else:
        raise ValueError(fmt)
    return buf.getvalue()
