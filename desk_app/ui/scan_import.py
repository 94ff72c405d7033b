"""The scanning station's import bar: files or the document camera into one stored batch.

Files are cleaned off the GUI thread (`scan_background`), then stored by the
`services.scanning.store_files` action on the database worker; the pages before the first
cover sheet go to the case typed here. The stored pages come back with their thumbnails.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QProgressBar, QPushButton, QWidget

from desk_app.core.roles import Actor
from desk_app.core.scanning.service import PageOutcome, ProcessedFile
from desk_app.services import scanning
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.scan_background import emitter, process_in_background
from desk_app.ui.scan_camera import CameraDialog, default_device
from desk_app.ui.scan_thumbs import ShownPage, by_source, shown
from desk_app.ui.worker import DbWorker


class _Bridge(QObject):
    progress = Signal(int, int)
    processed = Signal(object, object, object)


class ImportBar(QWidget):
    """Import files…, Document camera…, the case for pages before a cover sheet, the progress."""

    stored = Signal(object)  # list[ShownPage] of the new batch (not empty)
    said = Signal(str, bool)  # a message for the status line, and whether it is an error

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker, self._actor = store, worker, actor
        self.format = "jpeg"
        self.camera_device = default_device()
        self._bridge = _Bridge(self)
        self._bridge.progress.connect(self._on_progress_changed)
        self._bridge.processed.connect(self._on_files_processed)

        self.import_button = QPushButton(self.tr("&Import files…"))
        self.import_button.clicked.connect(self._on_import_clicked)
        self.camera_button = QPushButton(self.tr("Document ca&mera…"))
        self.camera_button.clicked.connect(self.open_camera)
        self.case_edit = QLineEdit()
        self.case_edit.setPlaceholderText(self.tr("Case or proposal number (pages before the first cover sheet)"))
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m files"))
        self.progress.setValue(0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w, stretch in ((self.import_button, 0), (self.camera_button, 0), (self.case_edit, 1), (self.progress, 1)):
            layout.addWidget(w, stretch)

    def _on_import_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import scanned files"), "", self.tr("Scans (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)"))
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[str]) -> None:
        """Process the files off the GUI thread, then store them as one batch."""
        self.import_button.setEnabled(False)
        self.progress.setRange(0, len(paths))
        self.progress.setValue(0)
        self.said.emit(self.tr("Processing %1 file(s)…").replace("%1", str(len(paths))), False)
        process_in_background(paths, self.format, progress=emitter(self._bridge, "progress"),
                              done=emitter(self._bridge, "processed"))

    def _on_progress_changed(self, done: int, _total: int) -> None:
        self.progress.setValue(done)

    def _on_files_processed(self, files: list[ProcessedFile], errors: list[str],
                            made: dict[tuple[str, int], Any]) -> None:
        if not files:
            self.import_button.setEnabled(True)
            self.said.emit("\n".join(errors), True)
            return
        self._store_files(files, "file", errors, made)

    def open_camera(self) -> CameraDialog:
        """The document camera dialog; the pages kept are stored as one batch from the camera."""
        dialog = CameraDialog(self.camera_device, self)
        # The shots were cleaned one by one in the dialog; their thumbnails are few, made here.
        dialog.pages_kept.connect(lambda files: self._store_files(files, "camera", [], by_source(files)))
        dialog.finished.connect(lambda _r: setattr(self, "camera_device", dialog.device_edit.text().strip()))
        dialog.open()
        return dialog

    def _store_files(self, files: list[ProcessedFile], source: str, errors: list[str],
                     made: dict[tuple[str, int], Any]) -> None:
        ops.run(self._worker, scanning.store_files, self._store, actor=self._actor, files=files,
                case=self.case_edit.text().strip() or None, source=source, owner=self, initiator=self,
                on_done=lambda out: self._on_stored(out, errors, made), on_error=self._on_store_failed)

    def _on_store_failed(self, message: str) -> None:
        self.import_button.setEnabled(True)
        self.said.emit(message, True)

    def _on_stored(self, outcomes: list[PageOutcome], errors: list[str], made: dict[tuple[str, int], Any]) -> None:
        self.import_button.setEnabled(True)
        blank = sum(o.blank for o in outcomes)
        text = self.tr("%1 page(s) stored.").replace("%1", str(len(outcomes)))
        if blank:
            text += " " + self.tr("%1 blank page(s) set aside (Show deleted lists them).").replace("%1", str(blank))
        if errors:
            text += " " + " ".join(errors)
        self.said.emit(text, bool(errors))
        pages: list[ShownPage] = shown(outcomes, made)
        if pages:
            self.stored.emit(pages)
