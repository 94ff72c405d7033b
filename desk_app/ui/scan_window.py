"""The scanning station's window: batches, the unindexed tray, the page strip, the viewer.

Image work runs off the GUI thread (imports in a spawn-started process pool driven from a plain
Python thread, the camera in `scan_camera`), store reads and writes on the one database worker
(`scan_jobs`); the GUI thread only receives results by signal, so the window stays responsive
through a 200-page batch. Left: the unindexed tray and recent batches (`scan_batches`); middle:
the selected batch's pages as thumbnails with case, document type and QC badges; right: the
viewer (Ctrl+wheel or +/- zoom, drag to pan, fit) and the case's completeness line.

Keys on the page strip: 1–9 document type, Delete delete (recoverable), Ctrl+U restore,
Ctrl+Up/Ctrl+Down move, Ctrl+L/Ctrl+R rotate left/right, Alt+K assign to a case by number.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
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
from desk_app.store.db import Store
from desk_app.ui import scan_jobs
from desk_app.ui.scan_batches import TRAY, BatchPanel
from desk_app.ui.scan_camera import CameraDialog, default_device
from desk_app.ui.scan_jobs import THUMB, ShownPage
from desk_app.ui.scan_viewer import PageViewer
from desk_app.ui.worker import DbWorker

CTRL = Qt.KeyboardModifier.ControlModifier


class _Bridge(QObject):
    progress = Signal(int, int)
    processed = Signal(object, object)
    rescanned = Signal(object, object)


class ScanWindow(QWidget):
    """Batch import and camera, batch list and tray, thumbnail strip with QC badges, viewer, page edits."""

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker, self._actor = store, worker, actor
        self.format = "jpeg"
        self.camera_device = default_device()
        self._pages: dict[str, ShownPage] = {}  # the pages listed now, by id
        self._thumbs: dict[str, bytes] = {}  # sha256 -> thumbnail PNG
        self._images: dict[str, bytes] = {}  # sha256 -> stored page file
        self._view: str | None = None  # the batch shown, None: the unindexed tray
        self._load_seq = 0
        self._keep_current: str | None = None
        self._errors: list[str] = []
        self._bridge = _Bridge(self)
        self._bridge.progress.connect(self._on_progress_changed)
        self._bridge.processed.connect(self._on_batch_processed)
        self._bridge.rescanned.connect(self._on_rescan_processed)

        self.import_button = QPushButton(self.tr("&Import files…"))
        self.import_button.clicked.connect(self._on_import_clicked)
        self.camera_button = QPushButton(self.tr("Document &camera…"))
        self.camera_button.clicked.connect(self.open_camera)
        self.case_edit = QLineEdit()
        self.case_edit.setPlaceholderText(self.tr("Case or proposal number (pages before the first cover sheet)"))
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m files"))
        self.progress.setValue(0)
        self.status = QLabel(self.tr("Scan or import a batch. Keys 1–9 set the document type, Delete removes."))
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        for w, stretch in ((self.import_button, 0), (self.camera_button, 0), (self.case_edit, 1), (self.progress, 1)):
            top.addWidget(w, stretch)

        self.batches = BatchPanel(store, worker)
        self.batches.selected.connect(self.show_batch)
        self.batches.failed.connect(lambda m: self._say(m, error=True))

        self.page_list = QListWidget()
        self.page_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.page_list.setIconSize(QSize(THUMB, THUMB))
        self.page_list.setGridSize(QSize(THUMB + 40, THUMB + 78))
        self.page_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.page_list.setMovement(QListWidget.Movement.Static)
        self.page_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.page_list.setWordWrap(True)
        self.page_list.currentItemChanged.connect(self._on_current_page_changed)
        self.page_list.installEventFilter(self)
        self.show_deleted = QCheckBox(self.tr("Show &deleted"))
        self.show_deleted.toggled.connect(lambda _on: self.reload_pages())
        tools, tools2 = QHBoxLayout(), QHBoxLayout()  # two rows: the strip is narrower than the buttons
        strip_label = QLabel(self.tr("&Pages"))
        strip_label.setBuddy(self.page_list)
        tools.addWidget(strip_label)
        self.tool_buttons: dict[str, QPushButton] = {}
        for key, text, tip, slot in (
            ("up", self.tr("Move up"), "Ctrl+Up", lambda: self.move_current(-1)),
            ("down", self.tr("Move down"), "Ctrl+Down", lambda: self.move_current(1)),
            ("left", self.tr("Rotate left"), "Ctrl+L", lambda: self.rotate_current(-90)),
            ("right", self.tr("Rotate right"), "Ctrl+R", lambda: self.rotate_current(90)),
            ("delete", self.tr("Delete"), "Delete", self.delete_selected),
            ("restore", self.tr("Restore"), "Ctrl+U", self.restore_selected),
            ("rescan", self.tr("Re&scan…"), "Alt+S", lambda: self.rescan_current()),
        ):
            b = QPushButton(text)
            b.setToolTip(tip)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            b.clicked.connect(slot)
            self.tool_buttons[key] = b
            (tools if key in ("up", "down", "left", "right") else tools2).addWidget(b)
        tools.addStretch(1)
        tools2.addStretch(1)
        tools2.addWidget(self.show_deleted)
        self.assign_edit = QLineEdit()
        self.assign_edit.setPlaceholderText(self.tr("Case number or proposal number"))
        self.assign_edit.returnPressed.connect(lambda: self.assign_selected_to_case())
        assign_label = QLabel(self.tr("Assign to case (&K):"))
        assign_label.setBuddy(self.assign_edit)
        self.assign_button = QPushButton(self.tr("&Assign"))
        self.assign_button.clicked.connect(lambda: self.assign_selected_to_case())
        assign = QHBoxLayout()
        assign.addWidget(assign_label)
        assign.addWidget(self.assign_edit, 1)
        assign.addWidget(self.assign_button)
        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.addLayout(tools)
        ml.addLayout(tools2)
        ml.addWidget(self.page_list, 1)
        ml.addLayout(assign)

        self.viewer = PageViewer()
        view_bar = QHBoxLayout()
        for text, slot in ((self.tr("&Fit"), self.viewer.fit), (self.tr("Zoom &in"), lambda: self.viewer.zoom_by(1.25)),
                           (self.tr("Zoom &out"), lambda: self.viewer.zoom_by(0.8))):
            b = QPushButton(text)
            b.clicked.connect(slot)
            view_bar.addWidget(b)
        view_bar.addStretch(1)
        self.case_line = QLabel()
        self.case_line.setWordWrap(True)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(view_bar)
        rl.addWidget(self.viewer, 1)
        rl.addWidget(self.case_line)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.batches.setMinimumWidth(210)
        middle.setMinimumWidth(380)
        split.addWidget(self.batches)
        split.addWidget(middle)
        split.addWidget(right)
        split.setSizes([230, 470, 600])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        self.batches.reload(select=TRAY)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setText(text)

    def _on_job_failed(self, message: str) -> None:
        self.import_button.setEnabled(True)
        self._say(message, error=True)

    # -- import and camera ------------------------------------------------------------------------

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
        self._say(self.tr("Processing %1 file(s)…").replace("%1", str(len(paths))))
        b = self._bridge
        threading.Thread(target=scan_jobs.process_files, daemon=True,
                         args=(list(paths), self.format, scan_jobs.emitter(b, "progress"),
                               scan_jobs.emitter(b, "processed"))).start()

    def _on_progress_changed(self, done: int, total: int) -> None:
        self.progress.setValue(done)

    def _on_batch_processed(self, files: list, errors: list[str]) -> None:
        self._errors = errors
        if not files:
            self.import_button.setEnabled(True)
            self._say("\n".join(errors), error=True)
            return
        self.store_files(files, "file")

    def store_files(self, files: list[service.ProcessedFile], source: str) -> None:
        self._worker.submit(scan_jobs.store_job, self._store, self._actor, files, self.case_edit.text().strip(),
                            source, on_done=self._on_batch_stored, on_error=self._on_job_failed, owner=self)

    def _on_batch_stored(self, pages: list[ShownPage]) -> None:
        self.import_button.setEnabled(True)
        for p in pages:
            self._thumbs[p.outcome.sha256] = p.thumb
            if p.image is not None:
                self._images[p.outcome.sha256] = p.image
        blank = sum(p.outcome.blank for p in pages)
        text = self.tr("%1 page(s) stored.").replace("%1", str(len(pages)))
        if blank:
            text += " " + self.tr("%1 blank page(s) set aside (Show deleted lists them).").replace("%1", str(blank))
        if self._errors:
            text += " " + " ".join(self._errors)
        self._say(text, error=bool(self._errors))
        self._errors = []
        if pages:
            self._keep_current = None
            self.batches.reload(select=pages[0].outcome.batch_id)

    def open_camera(self) -> CameraDialog:
        """The document camera dialog; the pages kept are stored as one batch from the camera."""
        dialog = CameraDialog(self.camera_device, self)
        dialog.pages_kept.connect(lambda files: self.store_files(files, "camera"))
        dialog.finished.connect(lambda _r: setattr(self, "camera_device", dialog.device_edit.text().strip()))
        dialog.open()
        return dialog

    # -- showing a batch or the tray ------------------------------------------------------------------

    def show_batch(self, batch_id: str | None) -> None:
        self._view = batch_id
        self._keep_current = None
        self.reload_pages()

    def reload_pages(self) -> None:
        self._load_seq += 1
        seq = self._load_seq
        self._worker.submit(scan_jobs.pages_job, self._store, self._view, self.show_deleted.isChecked(),
                            dict(self._thumbs), on_done=lambda pages: self._on_pages_loaded(seq, pages),
                            on_error=self._on_job_failed, owner=self, urgent=True)

    def _on_pages_loaded(self, seq: int, pages: list[ShownPage]) -> None:
        if seq != self._load_seq:
            return  # a newer view was asked for meanwhile
        keep = self._keep_current or self.current_page_id()
        self.page_list.blockSignals(True)
        self.page_list.clear()
        self._pages = {}
        for p in pages:
            self._pages[p.outcome.page_id] = p
            self._thumbs[p.outcome.sha256] = p.thumb
            if p.image is not None:
                self._images[p.outcome.sha256] = p.image
            item = QListWidgetItem(self._label(p.outcome))
            pix = QPixmap()
            pix.loadFromData(p.thumb)
            item.setIcon(QIcon(pix))
            item.setData(Qt.ItemDataRole.UserRole, p.outcome.page_id)
            item.setToolTip(f"{p.outcome.source_name} · {p.outcome.source_page + 1}")
            if p.outcome.deleted:
                item.setForeground(QBrush(QColor("#888888")))
            elif self._badges(p.outcome, problems_only=True):
                item.setForeground(QBrush(QColor("#b00020")))
            self.page_list.addItem(item)
        ids = [p.outcome.page_id for p in pages]
        self.page_list.blockSignals(False)
        if ids:
            self.page_list.setCurrentRow(ids.index(keep) if keep in ids else 0)
        else:
            self.viewer.clear()
            self._set_case_line(self.tr("No pages here."))

    def _badges(self, o: service.PageOutcome, *, problems_only: bool = False) -> list[str]:
        labels = {"blur": self.tr("Blurred"), "too_dark": self.tr("Too dark"), "too_light": self.tr("Too light"),
                  "too_small": self.tr("Too small"), "low_resolution": self.tr("Low resolution"),
                  "orientation_unsure": self.tr("Check orientation"), "deskew_unsure": self.tr("Check skew")}
        badges = [labels.get(f, f) for f in o.qc_flags]
        if o.blank:
            badges.append(self.tr("Blank"))
        doc = service.DOC_TYPE_BY_CODE.get(o.doc_type or "")
        if doc is not None and doc.seal_required and not o.seal_found and not o.blank:
            badges.append(self.tr("Seal missing"))
        if problems_only:
            return badges
        if o.seal_found:
            badges.append(self.tr("Seal"))
        if o.deleted:
            badges.append(self.tr("Deleted"))
        return badges

    def _label(self, o: service.PageOutcome) -> str:
        doc = service.DOC_TYPE_BY_CODE[o.doc_type].label if o.doc_type in service.DOC_TYPE_BY_CODE else (
            self.tr("Cover sheet") if o.doc_type == service.COVER_SHEET else self.tr("No type"))
        badges = self._badges(o)
        case = o.case_no or self.tr("Unindexed")
        return f"{case}\n{doc}" + (f"\n[{' '.join(badges)}]" if badges else "")

    # -- the current page: viewer and case line ---------------------------------------------------------

    def current_page_id(self) -> str | None:
        item = self.page_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def selected_page_ids(self) -> list[str]:
        ids = [i.data(Qt.ItemDataRole.UserRole) for i in self.page_list.selectedItems()]
        current = self.current_page_id()
        return ids or ([current] if current else [])

    def _on_current_page_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        page = self._pages[current.data(Qt.ItemDataRole.UserRole)]
        sha = page.outcome.sha256
        if sha in self._images:
            self.viewer.show_image(self._images[sha])
        else:
            self._worker.submit(scan_jobs.image_job, self._store, sha, on_done=self._on_image_loaded,
                                on_error=self._on_job_failed, owner=self, urgent=True)
        self._refresh_case_line(page.outcome.proposal_id)

    def _on_image_loaded(self, result: tuple[str, bytes]) -> None:
        sha, data = result
        self._images[sha] = data
        page = self._pages.get(self.current_page_id() or "")
        if page is not None and page.outcome.sha256 == sha:
            self.viewer.show_image(data)

    def _refresh_case_line(self, proposal_id: str | None) -> None:
        if proposal_id is None:
            self._set_case_line(self.tr("This page has no case yet: type its case or proposal number below "
                                        "and press Enter."))
            return
        self._worker.submit(scan_jobs.case_line_job, self._store, proposal_id, on_done=self._on_case_line,
                            on_error=self._on_job_failed, owner=self)

    def _on_case_line(self, line: scan_jobs.CaseLine) -> None:
        page = self._pages.get(self.current_page_id() or "")
        if page is None or page.outcome.proposal_id != line.scan.proposal_id:
            return
        label = {d.code: d.label for d in service.DOC_TYPES}
        s = line.scan
        have = "、".join(self.tr("%1 %2 p.").replace("%1", d.label).replace("%2", str(s.pages_by_type[d.code]))
                        for d in service.DOC_TYPES if d.code in s.pages_by_type) or self.tr("no typed pages")
        parts = [self.tr("Case %1: %2.").replace("%1", line.case_no).replace("%2", have)]
        if s.missing_types:
            parts.append(self.tr("Missing: %1.").replace("%1", "、".join(label[t] for t in s.missing_types)))
        for t, (n, want) in sorted(s.short.items()):
            parts.append(self.tr("Short: %1 has %2 of %3 pages.").replace("%1", label[t]).replace("%2", str(n))
                         .replace("%3", str(want)))
        for t, nums in sorted(s.unsealed.items()):
            parts.append(self.tr("No seal: %1 page %2.").replace("%1", label[t]).replace(
                "%2", "、".join(str(n) for n in nums)))
        if s.complete and not s.short and not s.unsealed:
            parts.append(self.tr("Required documents complete."))
        elif s.complete:
            parts.append(self.tr("Required documents present."))
        self._set_case_line(" ".join(parts), bad=bool(s.missing_types or s.short or s.unsealed))

    def _set_case_line(self, text: str, *, bad: bool | None = None) -> None:
        """The completeness line: red with something missing, green when complete, plain otherwise."""
        self.case_line.setText(text)
        self.case_line.setStyleSheet("" if bad is None else "color: #b00020;" if bad else "color: #1b5e20;")

    # -- the operator's edits ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self.page_list and event.type() == QEvent.Type.KeyPress and self._handle_key(event):
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key, mods, text = event.key(), event.modifiers(), event.text()
        ctrl = mods & CTRL
        types = {d.shortcut: d.code for d in service.DOC_TYPES}
        actions = {Qt.Key.Key_Up: lambda: self.move_current(-1), Qt.Key.Key_Down: lambda: self.move_current(1),
                   Qt.Key.Key_L: lambda: self.rotate_current(-90), Qt.Key.Key_R: lambda: self.rotate_current(90),
                   Qt.Key.Key_U: self.restore_selected}
        if ctrl and key in actions:
            actions[key]()
        elif not ctrl and text in types and self.selected_page_ids():
            self.set_doc_type(self.selected_page_ids(), types[text])
        elif key == Qt.Key.Key_Delete and not ctrl:
            self.delete_selected()
        elif text == "+":
            self.viewer.zoom_by(1.25)
        elif text == "-":
            self.viewer.zoom_by(0.8)
        else:
            return False
        return True

    def _edited(self, message: str, *, keep: str | None = None) -> None:
        """After a change: say what was done, list the pages and the batches again."""
        self._say(message)
        self._keep_current = keep or self.current_page_id()
        self.reload_pages()
        self.batches.reload()

    def _submit(self, fn: object, *args: object, done: object) -> None:
        self._worker.submit(fn, self._store, self._actor, *args, on_done=done, on_error=self._on_job_failed,
                            owner=self)

    def set_doc_type(self, page_ids: list[str], doc_type: str) -> None:
        label = service.DOC_TYPE_BY_CODE[doc_type].label
        self._submit(scan_jobs.doc_type_job, page_ids, doc_type, done=lambda _r: self._edited(
            self.tr("%1 page(s) typed as %2.").replace("%1", str(len(page_ids))).replace("%2", label)))

    def delete_selected(self) -> None:
        ids = self.selected_page_ids()
        if ids:
            self._submit(scan_jobs.deleted_job, ids, True, done=lambda _r: self._edited(
                self.tr("%1 page(s) removed (they can be restored).").replace("%1", str(len(ids)))))

    def restore_selected(self) -> None:
        ids = self.selected_page_ids()
        if ids:
            self._submit(scan_jobs.deleted_job, ids, False, done=lambda _r: self._edited(
                self.tr("%1 page(s) restored.").replace("%1", str(len(ids)))))

    def move_current(self, step: int) -> None:
        page_id = self.current_page_id()
        if page_id:
            self._submit(scan_jobs.move_job, page_id, step, done=lambda _r: self._edited(
                self.tr("Page moved up.") if step < 0 else self.tr("Page moved down."), keep=page_id))

    def rotate_current(self, quarter: int) -> None:
        page_id = self.current_page_id()
        if page_id:
            self._say(self.tr("Rotating the page…"))
            self._submit(scan_jobs.rotate_job, page_id, quarter, done=lambda p: self._on_page_redone(
                p, self.tr("Page rotated left.") if quarter < 0 else self.tr("Page rotated right.")))

    def _on_page_redone(self, page: ShownPage, message: str) -> None:
        self._thumbs[page.outcome.sha256] = page.thumb
        if page.image is not None:
            self._images[page.outcome.sha256] = page.image
        self._edited(message, keep=page.outcome.page_id)
        if self.current_page_id() == page.outcome.page_id and page.image is not None:
            self.viewer.show_image(page.image)

    def rescan_current(self, path: str | None = None) -> None:
        """Replace the current page by a new scan of it (a one-page file), processed off the GUI thread."""
        page_id = self.current_page_id()
        if not page_id:
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Rescan the page from a file"), "",
                                                  self.tr("Scans (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)"))
            if not path:
                return
        self._say(self.tr("Processing the rescan…"))
        rescanned = scan_jobs.emitter(self._bridge, "rescanned")
        threading.Thread(target=scan_jobs.process_files,
                         args=([path], self.format, lambda _d, _t: None,
                               lambda files, errors: rescanned((page_id, files), errors)),
                         daemon=True).start()

    def _on_rescan_processed(self, job: tuple[str, list], errors: list[str]) -> None:
        page_id, files = job
        if errors or not files:
            self._say(" ".join(errors), error=True)
            return
        self._submit(scan_jobs.rescan_job, page_id, files[0], done=lambda p: self._on_page_redone(
            p, self.tr("Page replaced by the rescan.")))

    def assign_selected_to_case(self, number: str | None = None) -> None:
        """Put the selected pages in the case named by its case or proposal number."""
        number = (number if number is not None else self.assign_edit.text()).strip()
        ids = self.selected_page_ids()
        if not ids:
            self._say(self.tr("Select the pages to assign first."), error=True)
            return
        if not number:
            self._say(self.tr("Type a case number or proposal number."), error=True)
            return
        self._submit(scan_jobs.assign_case_job, ids, number, done=lambda case_no: self._on_assigned(ids, case_no))

    def _on_assigned(self, ids: list[str], case_no: str) -> None:
        self.assign_edit.clear()
        self._edited(self.tr("%1 page(s) assigned to case %2.").replace("%1", str(len(ids))).replace("%2", case_no))

    def status_is_error(self) -> bool:
        return "b00020" in self.status.styleSheet()
