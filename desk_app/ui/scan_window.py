"""The scanning station's window: import a batch, watch it being processed, check and index pages.

Image work runs in worker processes (a spawn-started pool driven from a plain Python thread),
store writes on the one database worker; the GUI thread only receives results by signal, so
the window stays responsive through a 200-page batch. Pages are listed as thumbnails with their
case, document type and QC badges; the viewer zooms (Ctrl+wheel, +/-), pans (drag) and fits.
Keys 1–9 give the selected pages a document type, Delete removes them (recoverable).
"""

from __future__ import annotations

import multiprocessing as mp
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QKeyEvent, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.roles import Actor
from desk_app.core.scanning import service
from desk_app.scanfiles import SyncedPageFiles
from desk_app.store.db import Store
from desk_app.ui.worker import DbWorker

THUMB = 120


@dataclass(frozen=True)
class ShownPage:
    """A stored page as the window shows it (plain values, no ORM row)."""

    outcome: service.PageOutcome
    thumb: bytes  # PNG
    image: bytes  # the stored page file


def _thumb(data: bytes) -> bytes:
    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if img is None:  # TIFF G4: OpenCV reads it too, but keep a blank tile rather than fail
        img = np.full((THUMB, THUMB), 255, np.uint8)
    k = THUMB / max(img.shape)
    small = cv2.resize(img, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    return cv2.imencode(".png", small)[1].tobytes()


def _process_job(paths: list[str], fmt: str, progress: Signal, done: Signal) -> None:
    """Plain thread: decode and clean the files in 2 processes, reporting per file."""
    files, errors = [], []
    with ProcessPoolExecutor(2, mp_context=mp.get_context("spawn"), initializer=service.worker_init) as pool:
        futures = [pool.submit(service.process_file, Path(p).name, Path(p).read_bytes(), fmt=fmt) for p in paths]
        for i, f in enumerate(futures, start=1):
            try:
                files.append(f.result())
            except service.sources.UnreadableFile as exc:
                errors.append(exc.message)
            except OSError as exc:
                errors.append(str(exc))
            progress.emit(i, len(paths))
    done.emit(files, errors)


def _store_job(store: Store, actor: Actor, files: list, case: str | None) -> list[ShownPage]:
    with store.transaction() as session:
        out = service.store_batch(session, SyncedPageFiles(store), actor=actor, files=files, case=case or None)
    by_key = {(f.name, p.source_page): p.data for f in files for p in f.pages}
    return [ShownPage(o, _thumb(by_key[(o.source_name, o.source_page)]), by_key[(o.source_name, o.source_page)])
            for o in out]


def _assign_job(store: Store, actor: Actor, page_ids: list[str], doc_type: str) -> None:
    with store.transaction() as session:
        service.assign_pages(session, actor=actor, page_ids=page_ids, doc_type=doc_type)


def _delete_job(store: Store, actor: Actor, page_ids: list[str]) -> None:
    with store.transaction() as session:
        for pid in page_ids:
            service.set_deleted(session, actor=actor, page_id=pid, deleted=True)


class _Bridge(QObject):
    progress = Signal(int, int)
    processed = Signal(object, object)


class PageViewer(QGraphicsView):
    """The large page: Ctrl+wheel or +/- zoom, drag to pan, F to fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.zoom = 1.0

    def show_image(self, data: bytes) -> None:
        img = QImage.fromData(data)
        self._item.setPixmap(QPixmap.fromImage(img))
        self.scene().setSceneRect(self._item.boundingRect())
        self.fit()

    def has_image(self) -> bool:
        return not self._item.pixmap().isNull()

    def fit(self) -> None:
        self.resetTransform()
        self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
        self.zoom = self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        self.scale(factor, factor)
        self.zoom = self.transform().m11()

    def wheelEvent(self, event: QWheelEvent) -> None:  # Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.25 if event.angleDelta().y() > 0 else 0.8)
        else:
            super().wheelEvent(event)


class ScanWindow(QWidget):
    """Batch import, thumbnail strip with QC badges, large viewer, document types by key."""

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker, self._actor = store, worker, actor
        self.format = "jpeg"
        self._pages: dict[str, ShownPage] = {}
        self._bridge = _Bridge(self)
        self._bridge.progress.connect(self._on_progress_changed)
        self._bridge.processed.connect(self._on_batch_processed)

        self.import_button = QPushButton(self.tr("&Import files…"))
        self.import_button.clicked.connect(self._on_import_clicked)
        self.case_edit = QLineEdit()
        self.case_edit.setPlaceholderText(self.tr("Case or proposal number (pages before the first cover sheet)"))
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m files"))
        self.progress.setValue(0)
        self.status = QLabel(self.tr("Scan or import a batch. Keys 1–9 set the document type, Delete removes."))
        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.case_edit, 1)
        top.addWidget(self.progress, 1)

        self.page_list = QListWidget()
        self.page_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.page_list.setIconSize(QSize(THUMB, THUMB))
        self.page_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.page_list.setMovement(QListWidget.Movement.Static)
        self.page_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.page_list.setWordWrap(True)
        self.page_list.currentItemChanged.connect(self._on_current_page_changed)
        self.viewer = PageViewer()
        fit = QPushButton(self.tr("&Fit"))
        fit.clicked.connect(self.viewer.fit)
        zoom_in = QPushButton(self.tr("Zoom &in"))
        zoom_in.clicked.connect(lambda: self.viewer.zoom_by(1.25))
        zoom_out = QPushButton(self.tr("Zoom &out"))
        zoom_out.clicked.connect(lambda: self.viewer.zoom_by(0.8))
        view_bar = QHBoxLayout()
        for b in (fit, zoom_in, zoom_out):
            view_bar.addWidget(b)
        view_bar.addStretch(1)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(view_bar)
        rl.addWidget(self.viewer, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.page_list)
        split.addWidget(right)
        split.setSizes([420, 700])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

    # -- import --------------------------------------------------------------------------------

    def _on_import_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import scanned files"), "",
                                                self.tr("Scans (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)"))
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[str]) -> None:
        """Process the files off the GUI thread, then store them as one batch."""
        self.import_button.setEnabled(False)
        self.progress.setRange(0, len(paths))
        self.progress.setValue(0)
        self.status.setText(self.tr("Processing %1 file(s)…").replace("%1", str(len(paths))))
        bridge = self._bridge
        threading.Thread(target=_process_job, args=(list(paths), self.format, bridge.progress, bridge.processed),
                         daemon=True).start()

    def _on_progress_changed(self, done: int, total: int) -> None:
        self.progress.setValue(done)

    def _on_batch_processed(self, files: list, errors: list[str]) -> None:
        self._errors = errors
        if not files:
            self.import_button.setEnabled(True)
            self.status.setText("\n".join(errors))
            return
        self._worker.submit(_store_job, self._store, self._actor, files, self.case_edit.text().strip(),
                            on_done=self._on_batch_stored, on_error=self._on_job_failed, owner=self)

    def _on_batch_stored(self, pages: list[ShownPage]) -> None:
        self.import_button.setEnabled(True)
        for p in pages:
            self._pages[p.outcome.page_id] = p
            item = QListWidgetItem(self._label(p.outcome))
            pix = QPixmap()
            pix.loadFromData(p.thumb)
            item.setIcon(QIcon(pix))
            item.setData(Qt.ItemDataRole.UserRole, p.outcome.page_id)
            if p.outcome.blank:
                item.setForeground(Qt.GlobalColor.gray)
            self.page_list.addItem(item)
        text = self.tr("%1 page(s) stored.").replace("%1", str(len(pages)))
        if self._errors:
            text += " " + " ".join(self._errors)
        self.status.setText(text)
        if self.page_list.currentRow() < 0 and self.page_list.count():
            self.page_list.setCurrentRow(0)

    def _label(self, o: service.PageOutcome) -> str:
        doc = service.DOC_TYPE_BY_CODE[o.doc_type].label if o.doc_type in service.DOC_TYPE_BY_CODE else (
            self.tr("Cover sheet") if o.doc_type == service.COVER_SHEET else self.tr("No type"))
        badges = []
        if o.blank:
            badges.append(self.tr("Blank"))
        if o.seal_found:
            badges.append(self.tr("Seal"))
        labels = {"blur": self.tr("Blurred"), "too_dark": self.tr("Too dark"), "too_light": self.tr("Too light"),
                  "too_small": self.tr("Too small"), "low_resolution": self.tr("Low resolution")}
        badges += [labels.get(f, f) for f in o.qc_flags]
        case = o.case_no or self.tr("Unindexed")
        return f"{case}\n{doc}" + (f"\n[{' '.join(badges)}]" if badges else "")

    def _on_job_failed(self, message: str) -> None:
        self.import_button.setEnabled(True)
        self.status.setText(message)

    # -- checking and indexing -----------------------------------------------------------------------

    def _on_current_page_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            page = self._pages[current.data(Qt.ItemDataRole.UserRole)]
            self.viewer.show_image(page.image)

    def selected_page_ids(self) -> list[str]:
        return [i.data(Qt.ItemDataRole.UserRole) for i in self.page_list.selectedItems()]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        text = event.text()
        ids = self.selected_page_ids()
        types = {d.shortcut: d.code for d in service.DOC_TYPES}
        if text in types and ids:
            self.set_doc_type(ids, types[text])
        elif event.key() == Qt.Key.Key_Delete and ids:
            self._worker.submit(_delete_job, self._store, self._actor, ids,
                                on_done=lambda _r: self._on_pages_deleted(ids), on_error=self._on_job_failed,
                                owner=self)
        elif text == "+":
            self.viewer.zoom_by(1.25)
        elif text == "-":
            self.viewer.zoom_by(0.8)
        else:
            super().keyPressEvent(event)

    def set_doc_type(self, page_ids: list[str], doc_type: str) -> None:
        self._worker.submit(_assign_job, self._store, self._actor, page_ids, doc_type,
                            on_done=lambda _r: self._on_doc_type_set(page_ids, doc_type),
                            on_error=self._on_job_failed, owner=self)

    def _on_doc_type_set(self, page_ids: list[str], doc_type: str) -> None:
        from dataclasses import replace

        for row in range(self.page_list.count()):
            item = self.page_list.item(row)
            pid = item.data(Qt.ItemDataRole.UserRole)
            if pid in page_ids:
                p = self._pages[pid]
                self._pages[pid] = replace(p, outcome=replace(p.outcome, doc_type=doc_type))
                item.setText(self._label(self._pages[pid].outcome))

    def _on_pages_deleted(self, page_ids: list[str]) -> None:
        for row in reversed(range(self.page_list.count())):
            if self.page_list.item(row).data(Qt.ItemDataRole.UserRole) in page_ids:
                self.page_list.takeItem(row)
        self.status.setText(self.tr("%1 page(s) removed (they can be restored).").replace("%1", str(len(page_ids))))
