"""Registration of a scanned form page to its form: where each field's region is on the image.

A form's regions are millimetres on the standard page (resources/forms/*.json); a stored page is
deskewed and upright (scanning.pipeline) but may be cropped, shifted or scanned at another
scale, and a page whose deskew was unsure may still lean a few degrees. `register` finds the
transform from form millimetres to the image's pixels:

1. `marks`: the four black squares printed near the corners (`marks_mm`), found as square blobs
   on a ~2 px/mm copy of the page, each then measured on the full image around its coarse place;
   a homography through their centres. With three (a corner cut off by a crop), `marks3`: the
   affine transform through them (a scanner does not add perspective).
2. `features`: ORB features of the page matched against the blank form rendered from its
   definition, a RANSAC homography (a page whose marks are gone: photocopied short, stamped over).
3. `scale`: the page's size and resolution alone, centred (a blank or foreign page): confidence
   near zero, so the workstation shows the whole page rather than a wrong crop.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from desk_app.core.entry.formimage import render_form_page
from desk_app.core.forms import FormDef

WORK_PX_PER_MM = 2.0  # the mark search's copy: ~50 dpi, an 8 mm mark is 16 px
FEATURE_DPI = 60  # ORB's copy: printed labels keep their corners; finer, matches crowd onto the rulings
MARK_RESIDUAL_MM = 1.5  # four centres further than this from an affine fit: one of them is not a mark
MIN_INLIERS = 20

Region = tuple[float, float, float, float]


@dataclass(frozen=True, eq=False)
class Registration:
    """Form millimetres -> image pixels of one page."""

    matrix: np.ndarray  # 3x3 homography, (x_mm, y_mm, 1) -> image pixels
    size: tuple[int, int]  # the image's (width, height) in pixels
    method: str  # "marks", "marks3", "features" or "scale"
    confidence: float  # 0..1: marks ~1, features ≤ 0.8, scale ≤ 0.05
    marks: int = 0  # registration marks found
    residual_mm: float = 0.0  # how far the marks' centres lie from an affine fit (marks only)

    def points(self, pts_mm: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
        """Pixel positions (N x 2, float) of points given in form millimetres."""
        pts = np.asarray(pts_mm, np.float64).reshape(-1, 1, 2)
        return cv2.perspectiveTransform(pts, self.matrix).reshape(-1, 2)

    def quad(self, region_mm: Region) -> np.ndarray:
        """The region's corners on the image (top-left, top-right, bottom-right, bottom-left; 4 x 2 float32)."""
        x, y, w, h = region_mm
        return self.points([(x, y), (x + w, y), (x + w, y + h), (x, y + h)]).astype(np.float32)

    def to_pixels(self, region_mm: Region) -> tuple[int, int, int, int]:
        """The bounding box (x, y, w, h) of the region on the image, clipped to the image
        (w or h 0 when the region lies outside it)."""
        q = self.quad(region_mm)
        width, height = self.size
        x0, y0 = np.clip(np.floor(q.min(axis=0)), 0, (width, height)).astype(int)
        x1, y1 = np.clip(np.ceil(q.max(axis=0)), 0, (width, height)).astype(int)
        return int(x0), int(y0), int(x1 - x0), int(y1 - y0)

    @property
    def px_per_mm(self) -> float:
        """The mean scale at the page's centre region (for zoom levels)."""
        c = self.points([(100, 140), (110, 140), (100, 150)])
        return float((np.linalg.norm(c[1] - c[0]) + np.linalg.norm(c[2] - c[0])) / 20)


def _gray(img: np.ndarray) -> np.ndarray:
    return img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)


def _scale_matrix(k: float, off: tuple[float, float]) -> np.ndarray:
    return np.array([[k, 0, off[0]], [0, k, off[1]], [0, 0, 1]], np.float64)


def _mark_centres_mm(form: FormDef) -> np.ndarray:
    s = form.mark_size_mm
    return np.array([(x + s / 2, y + s / 2) for x, y in form.mark_corners_mm], np.float64)


def _candidates(small: np.ndarray, side: float) -> np.ndarray:
    """Centroids of filled, square, mark-sized blobs on the small page (N x 2)."""
    t, _ = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = (small < min(t, 128)).astype(np.uint8)
    n, _labels, stats, centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return np.empty((0, 2))
    w, h, area = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_AREA]
    # ±5° of lean widens the box by 8 % and a 0.9–1.1 scale changes the side: room either way.
    ok = ((w >= 0.7 * side) & (w <= 1.45 * side) & (h >= 0.7 * side) & (h <= 1.45 * side)
          & (area >= 0.72 * w * h) & (area >= 0.45 * side * side) & (np.abs(w - h) <= 0.25 * np.maximum(w, h)))
    return centroids[1:][ok]


def _refine(gray: np.ndarray, centre: np.ndarray, side: float) -> np.ndarray | None:
    """The mark's centroid measured on the full image, around its coarse centre."""
    r = int(side * 1.0) + 2
    cx, cy = int(round(centre[0])), int(round(centre[1]))
    x0, y0 = max(0, cx - r), max(0, cy - r)
    roi = gray[y0:cy + r, x0:cx + r]
    if roi.size == 0:
        return None
    _, ink = cv2.threshold(roi, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, labels, stats, cents = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return None
    i = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    a = stats[i]
    # A mark cut by the image's edge has a biased centre: not a mark to register by.
    if a[cv2.CC_STAT_LEFT] == 0 and x0 == 0 or a[cv2.CC_STAT_TOP] == 0 and y0 == 0 \
            or a[cv2.CC_STAT_LEFT] + a[cv2.CC_STAT_WIDTH] >= gray.shape[1] - x0 \
            or a[cv2.CC_STAT_TOP] + a[cv2.CC_STAT_HEIGHT] >= gray.shape[0] - y0:
        return None
    if a[cv2.CC_STAT_AREA] < 0.5 * side * side:
        return None
    return cents[i] + (x0, y0)


def _affine_residual(src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, float]:
    """Least-squares affine src -> dst and the largest residual, in dst units."""
    a = np.hstack([src, np.ones((len(src), 1))])
    sol, *_ = np.linalg.lstsq(a, dst, rcond=None)
    res = np.linalg.norm(a @ sol - dst, axis=1)
    return sol.T, float(res.max())


def _plausible(m: np.ndarray, k_guess: float) -> bool:
    """A transform a scanner could have made of the page: near the expected scale, no mirror, little shear."""
    a = m[:2, :2] / m[2, 2]
    sx, sy = np.linalg.norm(a[:, 0]), np.linalg.norm(a[:, 1])
    det = np.linalg.det(a)
    return (0.6 * k_guess < sx < 1.6 * k_guess and 0.6 * k_guess < sy < 1.6 * k_guess and det > 0
            and abs(sx - sy) < 0.1 * max(sx, sy) and abs(m[2, 0]) + abs(m[2, 1]) < 1e-3)


def _by_marks(gray: np.ndarray, form: FormDef, k_guess: float, off: tuple[float, float]) -> Registration | None:
    if form.mark_size_mm <= 0 or len(form.mark_corners_mm) < 3:
        return None
    f = min(1.0, WORK_PX_PER_MM / k_guess)
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else gray
    cands = _candidates(small, form.mark_size_mm * k_guess * f)
    if len(cands) < 3:
        return None
    centres_mm = _mark_centres_mm(form)
    expected = (centres_mm * k_guess + off) * f
    reach = 0.25 * min(form.page_size_mm) * k_guess * f
    found_mm, found_px, used = [], [], set()
    side = form.mark_size_mm * k_guess
    for c_mm, e in zip(centres_mm, expected, strict=True):
        d = np.linalg.norm(cands - e, axis=1)
        order = [int(i) for i in np.argsort(d) if d[i] < reach and int(i) not in used]
        if not order:
            continue
        used.add(order[0])
        fine = _refine(gray, cands[order[0]] / f, side)
        if fine is not None:
            found_mm.append(c_mm)
            found_px.append(fine)
    size = (gray.shape[1], gray.shape[0])
    src, dst = np.array(found_mm), np.array(found_px)
    if len(src) == 4:
        _aff, res = _affine_residual(src, dst)
        res_mm = res / k_guess
        if res_mm <= MARK_RESIDUAL_MM:
            m = cv2.getPerspectiveTransform(src.astype(np.float32), dst.astype(np.float32))
            if _plausible(m, k_guess):
                return Registration(m, size, "marks", round(max(0.5, 1.0 - res_mm / (2 * MARK_RESIDUAL_MM)), 3),
                                    4, round(res_mm, 3))
        # Four that do not fit: three always fit an affine exactly, so keep the three whose fit
        # looks most like a scanner's (even scale, square corners).
        best = min(range(4), key=lambda i: _distortion(_affine_residual(np.delete(src, i, 0), np.delete(dst, i, 0))[0]))
        src, dst = np.delete(src, best, 0), np.delete(dst, best, 0)
    if len(src) == 3:
        aff, _res = _affine_residual(src, dst)
        m = np.vstack([aff, [0, 0, 1]])
        if _plausible(m, k_guess):
            return Registration(m, size, "marks3", 0.7, 3)
    return None


def _distortion(aff: np.ndarray) -> float:
    a = aff[:, :2]
    sx, sy = np.linalg.norm(a[:, 0]), np.linalg.norm(a[:, 1])
    return abs(sx - sy) / max(sx, sy) + abs(float(a[:, 0] @ a[:, 1])) / (sx * sy)


_templates: dict[tuple[str, int, int], tuple[list, np.ndarray]] = {}
_templates_lock = threading.Lock()


def _orb() -> cv2.ORB:
    return cv2.ORB_create(nfeatures=2500, scaleFactor=1.2, nlevels=6, fastThreshold=12)


def _template_features(form: FormDef, page: int) -> tuple[list, np.ndarray]:
    key = (form.code, form.version, page)
    with _templates_lock:
        if key not in _templates:
            blank = render_form_page(form, {}, page=page, dpi=FEATURE_DPI)
            kps, desc = _orb().detectAndCompute(blank, None)
            _templates[key] = (kps, desc)
        return _templates[key]


def _by_features(gray: np.ndarray, form: FormDef, page: int, k_guess: float) -> Registration | None:
    t_kps, t_desc = _template_features(form, page)
    k_t = FEATURE_DPI / 25.4
    f = min(1.0, k_t / k_guess)
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else gray
    kps, desc = _orb().detectAndCompute(small, None)
    if desc is None or t_desc is None or len(kps) < MIN_INLIERS:
        return None
    pairs = cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(t_desc, desc, k=2)
    good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < 0.8 * p[1].distance]
    if len(good) < MIN_INLIERS:
        return None
    src = np.float32([t_kps[m.queryIdx].pt for m in good])
    dst = np.float32([kps[m.trainIdx].pt for m in good])
    # A similarity (turn, even scale, shift): what a scanner does to a page. A free homography
    # fitted to matches on a form's repeated boxes bends to wrong inliers.
    a, mask = cv2.estimateAffinePartial2D(src, dst, method=cv2.RANSAC, ransacReprojThreshold=2.0, maxIters=3000,
                                          confidence=0.995, refineIters=20)
    if a is None:
        return None
    inliers = int(mask.sum())
    # Inliers bunched in one band (a consensus along the rulings of one row) fix no scale.
    kept = src[mask.ravel() == 1]
    spread = (kept.max(axis=0) - kept.min(axis=0)) / k_t if inliers else np.zeros(2)
    if spread[0] < 0.35 * form.page_size_mm[0] or spread[1] < 0.35 * form.page_size_mm[1]:
        return None
    # form mm -> template px -> small scan px -> full scan px
    m = np.diag([1 / f, 1 / f, 1.0]) @ np.vstack([a, [0, 0, 1]]) @ np.diag([k_t, k_t, 1.0])
    if inliers < MIN_INLIERS or not _plausible(m, k_guess):
        return None
    conf = round(min(0.8, 0.2 + inliers / 250), 3)
    return Registration(m, (gray.shape[1], gray.shape[0]), "features", conf)


def register(page_img: np.ndarray, form: FormDef, page: int = 1, dpi: int | None = None) -> Registration:
    """The transform from the form's millimetres to this page image's pixels (see the module's
    docstring for the methods, tried in order). `dpi` is the image's resolution when known (a
    stored page's); without it the scale is guessed from the image's size. Never raises for a
    page that is not the form: it gets the `scale` fallback with confidence ≤ 0.05."""
    gray = _gray(page_img)
    height, width = gray.shape
    pw, ph = form.page_size_mm
    k_guess = dpi / 25.4 if dpi else (width / pw + height / ph) / 2
    off = ((width - pw * k_guess) / 2, (height - ph * k_guess) / 2)
    found = _by_marks(gray, form, k_guess, off) or _by_features(gray, form, page, k_guess)
    if found is not None:
        return found
    return Registration(_scale_matrix(k_guess, off), (width, height), "scale", 0.05 if dpi else 0.02)
