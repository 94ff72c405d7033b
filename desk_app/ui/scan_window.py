"""The scanning station's window: the import bar on top; left the unindexed tray and recent
batches (`scan_batches`), middle the page strip and its edits (`scan_strip`), right the viewer
(`scan_viewer`) and the case's completeness line (`scan_case_line`).

Image work runs off the GUI thread (`scan_background`, the camera in `scan_camera`), store reads
and writes are `services.scanning` calls on the one database worker (`ops`). The window refreshes
from the change bus: whatever changed pages (an import, an edit here, a sync) lists the batches
and the strip again, so no action reloads by hand.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from desk_app.core.roles import Actor
from desk_app.services import scanning
from desk_app.services.changes import Changes
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.scan_batches import TRAY, BatchPanel
from desk_app.ui.scan_case_line import CaseLine
from desk_app.ui.scan_import import ImportBar
from desk_app.ui.scan_strip import PageStrip
from desk_app.ui.scan_thumbs import ShownPage
from desk_app.ui.scan_viewer import PageViewer
from desk_app.ui.worker import DbWorker


class ScanWindow(QWidget):
    """Import and camera, batch list and tray, page strip with QC badges, viewer, completeness line."""

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker = store, worker
        self._images: dict[str, bytes] = {}  # sha256 -> stored page file, for the viewer

        self.importer = ImportBar(store, worker, actor)
        self.importer.said.connect(self._say)
        self.importer.stored.connect(self._on_batch_stored)
        self.status = QLabel(self.tr("Scan or import a batch. Keys 1–9 set the document type, Delete removes."))
        self.status.setWordWrap(True)

        self.batches = BatchPanel(store, worker)
        self.batches.failed.connect(lambda m: self._say(m, True))
        self.strip = PageStrip(store, worker, actor)
        self.strip.said.connect(self._say)
        self.strip.current_changed.connect(self._on_current_page_changed)
        self.batches.selected.connect(self.strip.show_batch)

        self.viewer = PageViewer()
        self.strip.zoom.connect(self.viewer.zoom_by)
        view_bar = QHBoxLayout()
        for text, slot in ((self.tr("Fi&t"), self.viewer.fit), (self.tr("&Zoom in"), lambda: self.viewer.zoom_by(1.25)),
                           (self.tr("Zoom &out"), lambda: self.viewer.zoom_by(0.8))):
            b = QPushButton(text)
            b.clicked.connect(slot)
            view_bar.addWidget(b)
        view_bar.addStretch(1)
        self.case_line = CaseLine(store, worker)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(view_bar)
        rl.addWidget(self.viewer, 1)
        rl.addWidget(self.case_line)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.batches.setMinimumWidth(210)
        self.strip.setMinimumWidth(380)
        split.addWidget(self.batches)
        split.addWidget(self.strip)
        split.addWidget(right)
        split.setSizes([230, 470, 600])

        layout = QVBoxLayout(self)
        layout.addWidget(self.importer)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        ops.bus().changed.connect(self._on_changes)
        self.batches.reload(select=TRAY)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setText(text)

    def status_is_error(self) -> bool:
        return "b00020" in self.status.styleSheet()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override: page keys typed beside the strip
        if not self.strip.handle_key(event):
            super().keyPressEvent(event)

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        """Pages changed (here, in another view, by a sync): the batch counts and the strip again."""
        if changes.pages:
            self.batches.reload()
            self.strip.reload()

    def _on_batch_stored(self, pages: list[ShownPage]) -> None:
        """A new batch from the import bar: its thumbnails are at hand, and it becomes the one shown."""
        self.strip.remember(pages)
        self._images.update({p.outcome.sha256: p.image for p in pages if p.image is not None})
        self.batches.reload(select=pages[0].outcome.batch_id)

    def _on_current_page_changed(self, page: ShownPage | None) -> None:
        self.case_line.show_page(page.outcome if page is not None else None)
        if page is None:
            self.viewer.clear()
            return
        if page.image is not None:
            self._images[page.outcome.sha256] = page.image
        sha = page.outcome.sha256
        if sha in self._images:
            self.viewer.show_image(self._images[sha])
        else:
            ops.read(self._worker, scanning.page_image, self._store, sha, owner=self, urgent=True,
                     on_done=lambda data: self._on_image_loaded(sha, data), on_error=lambda m: self._say(m, True))

    def _on_image_loaded(self, sha: str, data: bytes) -> None:
        self._images[sha] = data
        page = self.strip.current_page()
        if page is not None and page.outcome.sha256 == sha:
            self.viewer.show_image(data)
