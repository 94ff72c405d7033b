"""The document camera (高拍仪) dialog: live preview, capture when the page is still.

Frames are read by `desk_app.core.scanning.camera.frames` on a plain thread (cv2.VideoCapture
blocks at the camera's frame rate); the thread keeps only the newest frame, scaled for the
preview, and a QTimer in the GUI thread shows it. Each captured page is cleaned (page detection
and perspective correction: `camera=True`) on a second thread and listed; "Keep as batch" hands
the pages to the scanning window, which stores them as one batch from the camera. The device is
a camera index ("0") or a file or stream path (a video file stands in for a camera in tests);
it comes from BRANCHDESK_CAMERA and can be changed in the dialog.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np
import shiboken6
from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DomainError
from desk_app.core.scanning import camera, service, sources
from desk_app.ui.scan_background import emitter
from desk_app.ui.scan_thumbs import make_thumb

PREVIEW_WIDTH = 640
CAMERA_DPI = 150  # until the page is found and measured (then the pipeline computes it)


def default_device() -> str:
    return os.environ.get("BRANCHDESK_CAMERA", "0")


def process_shot(image: np.ndarray, name: str) -> service.ProcessedFile:
    """One captured frame as a one-page file: the JPEG of the frame is kept as the original."""
    page = service.process_page(sources.SourcePage(image, CAMERA_DPI, name, 0), camera=True)
    original = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes()
    return service.ProcessedFile(name, original, "image/jpeg", (page,))


class _Bridge(QObject):
    processed = Signal(object)  # ProcessedFile
    failed = Signal(str)


class CameraDialog(QDialog):
    """Live preview of the document camera; pages are captured when still and cleaned off the GUI thread."""

    pages_kept = Signal(list)  # list[ProcessedFile], when the operator keeps the captured pages

    def __init__(self, device: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Document camera"))
        self.captured: list[service.ProcessedFile] = []
        self.frames_shown = 0
        self._lock = threading.Lock()
        self._latest: tuple[bytes, int, int, bool] | None = None
        self._fresh = False
        self._pending = 0
        self._ended = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="branchdesk-camera")
        self._finishing = False
        self._error = ""
        self._bridge = _Bridge(self)
        self._bridge.processed.connect(self._on_page_processed)
        self._bridge.failed.connect(self._on_failed)

        self.device_edit = QLineEdit(device)
        self.start_button = QPushButton(self.tr("&Start"))
        self.start_button.clicked.connect(self.start)
        dev = QHBoxLayout()
        dev.addWidget(self.device_edit, 1)
        dev.addWidget(self.start_button)
        device_label = QLabel(self.tr("&Device:"))
        device_label.setBuddy(self.device_edit)
        form = QFormLayout()
        form.addRow(device_label, dev)
        self.preview = QLabel(self.tr("No picture yet. Press Start."))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(QSize(480, 360))
        self.preview.setStyleSheet("background: #222; color: #ddd;")
        self.state_label = QLabel()
        self.shots = QListWidget()
        self.shots.setViewMode(QListWidget.ViewMode.IconMode)
        self.shots.setIconSize(QSize(64, 64))
        self.shots.setFixedHeight(100)
        self.shots.setFlow(QListWidget.Flow.LeftToRight)
        self.buttons = QDialogButtonBox()
        self.keep_button = self.buttons.addButton(self.tr("&Keep as batch"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_keep_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.state_label)
        layout.addWidget(self.shots)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(40)
        self.timer.timeout.connect(self._on_tick)

    # -- grabbing (plain thread) ------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._ended = False
        self._error = ""
        settings = camera.CameraSettings(device=self.device_edit.text().strip() or "0")
        self.state_label.setText(self.tr("Opening the camera…"))
        self._thread = threading.Thread(target=self._grab, args=(settings,), daemon=True,
                                        name="branchdesk-camera-grab")
        self._thread.start()
        self.timer.start()

    def _grab(self, settings: camera.CameraSettings) -> None:
        try:
            for f in camera.frames(settings):
                if self._stop.is_set() or not shiboken6.isValid(self._bridge):
                    break  # stopped, or the dialog was deleted without closing
                h, w = f.image.shape[:2]
                k = PREVIEW_WIDTH / w
                small = cv2.cvtColor(cv2.resize(f.image, (PREVIEW_WIDTH, int(h * k)), interpolation=cv2.INTER_AREA),
                                     cv2.COLOR_BGR2RGB)
                with self._lock:
                    self._latest = (small.tobytes(), small.shape[1], small.shape[0], f.still)
                    self._fresh = True
                    if f.captured:
                        self._pending += 1
                        n = self._pending + len(self.captured)
                if f.captured:
                    self._pool.submit(self._process, f.image.copy(), f"camera-{n:03d}.jpg")
        except DomainError as exc:
            emitter(self._bridge, "failed")(exc.message)
        finally:
            with self._lock:
                self._ended = True

    def _process(self, image: np.ndarray, name: str) -> None:
        try:
            emitter(self._bridge, "processed")(process_shot(image, name))
        except Exception as exc:  # noqa: BLE001 (reported in the dialog, the capture goes on)
            emitter(self._bridge, "failed")(str(exc))

    # -- the GUI side -----------------------------------------------------------------------------

    def _on_tick(self) -> None:
        with self._lock:
            latest, fresh, ended, pending = self._latest, self._fresh, self._ended, self._pending
            self._fresh = False
        if fresh and latest is not None:
            data, w, h, still = latest
            img = QImage(data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
            self.preview.setPixmap(QPixmap.fromImage(img).scaled(
                self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
            self.frames_shown += 1
            state = self.tr("Still") if still else self.tr("Moving…")
            self.state_label.setText(state + " · " + self.tr("%1 page(s) captured").replace(
                "%1", str(len(self.captured))))
        if ended and not fresh and not self._finishing:
            if not self._error:
                self.state_label.setText(self.tr("The camera stopped. %1 page(s) captured.").replace(
                    "%1", str(len(self.captured))))
            if pending == 0:
                self.timer.stop()
        if self._finishing and pending == 0:
            self.timer.stop()
            self.pages_kept.emit(list(self.captured))
            self.accept()

    def _on_page_processed(self, file: service.ProcessedFile) -> None:
        with self._lock:
            self._pending -= 1
        self.captured.append(file)
        pix = QPixmap()
        pix.loadFromData(make_thumb(file.pages[0].data))
        self.shots.addItem(QListWidgetItem(QIcon(pix), str(len(self.captured))))
        self.keep_button.setEnabled(True)

    def _on_failed(self, message: str) -> None:
        self._error = message
        self.state_label.setText(message)

    def _on_keep_clicked(self) -> None:
        """Stop the camera, wait (without blocking) for the pages still being cleaned, then hand them over."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)  # at most one frame read: no capture slips in after this
        self._finishing = True
        self.keep_button.setEnabled(False)
        self.state_label.setText(self.tr("Finishing the captured pages…"))
        self.timer.start()

    def stop(self) -> None:
        """Stop grabbing and cleaning (called when the dialog closes)."""
        self._stop.set()
        self.timer.stop()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._pool.shutdown(wait=True)

    def done(self, result: int) -> None:  # Qt override: every way of closing the dialog
        self.stop()
        super().done(result)
