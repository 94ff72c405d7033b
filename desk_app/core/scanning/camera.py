"""A document camera (or a video file standing in for one) as a page source.

Frames are read with cv2.VideoCapture from the configured device: a camera index ("0") or a
file/stream path. A page is captured when the picture is still: the mean difference between
consecutive frames (at reduced size) stays under `motion` for `still_frames` frames, and a
page-shaped quadrilateral is in view. After a capture nothing more is taken until the picture
moves again (the next page is laid down), so one page is captured once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from desk_app.core.errors import InvalidInput
from desk_app.core.scanning import pipeline


@dataclass(frozen=True)
class CameraSettings:
    device: str = "0"  # camera index or a file / stream URL
    still_frames: int = 6
    motion: float = 2.5  # mean absolute grey-level change between frames
    width: int | None = None
    height: int | None = None


def _open(settings: CameraSettings) -> cv2.VideoCapture:
    src: int | str = int(settings.device) if settings.device.isdigit() else settings.device
    cap = cv2.VideoCapture(src)
    if not cap.isOpened():
        raise InvalidInput(f"无法打开文档摄像头“{settings.device}”，请检查连接或设置。")
    if settings.width and settings.height:
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, settings.width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, settings.height)
    return cap


@dataclass(frozen=True)
class Frame:
    image: np.ndarray  # BGR, full resolution
    motion: float
    still: bool
    captured: bool


def frames(settings: CameraSettings) -> Iterator[Frame]:
    """Every frame (for the live preview), marking the ones captured as pages."""
    cap = _open(settings)
    try:
        prev: np.ndarray | None = None
        calm = 0
        armed = True  # a page may be captured (reset by motion after each capture)
        while True:
            ok, img = cap.read()
            if not ok:
                return
            small = cv2.resize(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY), (160, 120), interpolation=cv2.INTER_AREA)
            motion = float(np.mean(cv2.absdiff(small, prev))) if prev is not None else 255.0
            prev = small
            if motion < settings.motion:
                calm += 1
            else:
                calm = 0
                armed = True
            still = calm >= settings.still_frames
            captured = False
            if still and armed and pipeline.find_page_quad(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)) is not None:
                captured = True
                armed = False
            yield Frame(img, motion, still, captured)
    finally:
        cap.release()


def capture_pages(settings: CameraSettings, *, limit: int | None = None) -> list[np.ndarray]:
    """The pages captured until the source ends (or `limit` pages)."""
    out = []
    for f in frames(settings):
        if f.captured:
            out.append(f.image)
            if limit and len(out) >= limit:
                break
    return out
