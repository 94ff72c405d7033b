"""Finding a red unit seal (公章) on a page: red ink mask, then a round or oval shape of seal size.

Red has two hue ranges in OpenCV's HSV (0–10 and 170–180). The red pixels are closed into
solid shapes; a shape is a seal when its outline is round or oval (ellipse fit, circularity),
its size is that of a seal (about 30–60 mm across at the page's resolution) and red ink runs
along its rim (a ring, not a red-filled blob or a red line of text).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

WORK_DPI = 50.0
MIN_MM, MAX_MM = 25.0, 65.0


@dataclass(frozen=True)
class Seal:
    cx_mm: float
    cy_mm: float
    width_mm: float
    height_mm: float
    circularity: float


def red_mask(bgr: np.ndarray) -> np.ndarray:
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    low = cv2.inRange(hsv, (0, 70, 60), (10, 255, 255))
    high = cv2.inRange(hsv, (170, 70, 60), (180, 255, 255))
    return cv2.bitwise_or(low, high)


def find_seals(bgr: np.ndarray, dpi: float) -> list[Seal]:
    """Every seal-like red shape on a colour page (an empty list for grayscale input)."""
    if bgr.ndim != 3:
        return []
    k = WORK_DPI / dpi
    small = cv2.resize(bgr, None, fx=k, fy=k, interpolation=cv2.INTER_AREA) if k < 1 else bgr
    px_per_mm = small.shape[1] / (bgr.shape[1] / dpi * 25.4)
    mask = red_mask(small)
    if cv2.countNonZero(mask) < (MIN_MM * px_per_mm) ** 2 * 0.05:
        return []
    r = max(1, int(round(3 * px_per_mm)))
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (r, r)))
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    found = []
    for c in contours:
        if len(c) < 5:
            continue
        (cx, cy), (ew, eh), _ang = cv2.fitEllipse(c)
        major, minor = max(ew, eh) / px_per_mm, min(ew, eh) / px_per_mm
        if not (MIN_MM <= major <= MAX_MM and minor >= MIN_MM * 0.6 and minor / major > 0.55):
            continue
        filled = np.zeros_like(mask)
        cv2.drawContours(filled, [c], -1, 255, -1)
        area = cv2.countNonZero(filled)
        per = cv2.arcLength(c, True)
        circ = 4 * math.pi * area / (per * per) if per else 0.0
        if circ < 0.7:
            continue
        # Ink along the rim: a band just inside the outline must be mostly red.
        band = cv2.erode(filled, np.ones((max(2, r // 2),) * 2, np.uint8))
        rim = cv2.subtract(filled, band)
        rim_red = cv2.countNonZero(cv2.bitwise_and(rim, mask)) / max(1, cv2.countNonZero(rim))
        if rim_red < 0.45:
            continue
        found.append(Seal(cx / px_per_mm, cy / px_per_mm, major, minor, round(circ, 3)))
    return found
