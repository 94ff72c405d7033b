"""The scanning window's page strip: a batch's (or the unindexed tray's) pages as thumbnails with
case, document type and QC badges, and the operator's edits of them.

Every edit is one `services.scanning` action run by `ops.run`; the strip is listed again when
the change bus says pages changed (by this strip or any other view), so it never reloads by hand.

Keys on the strip: 1–9 document type, Delete delete (recoverable), Ctrl+U restore, Ctrl+Up/Down
move, Ctrl+L/Ctrl+R rotate left/right; Alt+K reaches "assign to a case by number".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.roles import Actor
from desk_app.core.scanning.service import (
    COVER_SHEET,
    DOC_TYPE_BY_CODE,
    DOC_TYPES,
    PageOutcome,
    ProcessedFile,
)
from desk_app.services import scanning
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.scan_background import emitter, process_in_background
from desk_app.ui.scan_thumbs import THUMB, ShownPage, strip_pages
from desk_app.ui.worker import DbWorker

CTRL = Qt.KeyboardModifier.ControlModifier


class _Bridge(QObject):
    rescanned = Signal(object, object, object)


class PageStrip(QWidget):
    """The pages of the batch shown, their tools, and "assign to case"."""

    current_changed = Signal(object)  # the current ShownPage, or None when the strip is empty
    said = Signal(str, bool)  # a message for the status line, and whether it is an error
    zoom = Signal(float)  # +/- typed on the strip, for the viewer

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker, self._actor = store, worker, actor
        self.format = "jpeg"
        self._view: str | None = None  # the batch shown, None: the unindexed tray
        self._pages: dict[str, ShownPage] = {}  # the pages listed now, by id
        self._thumbs: dict[str, bytes] = {}  # sha256 -> thumbnail PNG
        self._load_seq = 0
        self._bridge = _Bridge(self)
        self._bridge.rescanned.connect(self._on_rescan_processed)

        self.page_list = QListWidget()
        self.page_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.page_list.setIconSize(QSize(THUMB, THUMB))
        self.page_list.setGridSize(QSize(THUMB + 40, THUMB + 78))
        self.page_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.page_list.setMovement(QListWidget.Movement.Static)
        self.page_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.page_list.setWordWrap(True)
        self.page_list.currentItemChanged.connect(self._on_current_item_changed)
        self.page_list.installEventFilter(self)
        self.show_deleted = QCheckBox(self.tr("Show &deleted"))
        self.show_deleted.toggled.connect(lambda _on: self.reload())
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addLayout(tools2)
        layout.addWidget(self.page_list, 1)
        layout.addLayout(assign)

    # -- listing ------------------------------------------------------------------------------------

    def show_batch(self, batch_id: str | None) -> None:
        """List a batch's pages, or (None) the unindexed tray's."""
        self._view = batch_id
        self.reload()

    def remember(self, pages: list[ShownPage]) -> None:
        """Thumbnails made elsewhere (at import), so listing the pages does not make them again."""
        for p in pages:
            self._thumbs[p.outcome.sha256] = p.thumb

    def reload(self) -> None:
        """List the pages again (the current page stays current when it is still listed)."""
        self._load_seq += 1
        seq = self._load_seq
        ops.read(self._worker, strip_pages, self._store, self._view, self.show_deleted.isChecked(),
                 dict(self._thumbs), on_done=lambda pages: self._on_pages_loaded(seq, pages),
                 on_error=self._on_failed, owner=self, urgent=True)

    def _on_pages_loaded(self, seq: int, pages: list[ShownPage]) -> None:
        if seq != self._load_seq:
            return  # a newer view was asked for meanwhile
        keep = self.current_page_id()
        self.page_list.blockSignals(True)
        self.page_list.clear()
        self._pages = {}
        for p in pages:
            self._pages[p.outcome.page_id] = p
            self._thumbs[p.outcome.sha256] = p.thumb
            item = QListWidgetItem(self.label(p.outcome))
            pix = QPixmap()
            pix.loadFromData(p.thumb)
            item.setIcon(QIcon(pix))
            item.setData(Qt.ItemDataRole.UserRole, p.outcome.page_id)
            item.setToolTip(f"{p.outcome.source_name} · {p.outcome.source_page + 1}")
            if p.outcome.deleted:
                item.setForeground(QBrush(QColor("#888888")))
            elif self.badges(p.outcome, problems_only=True):
                item.setForeground(QBrush(QColor("#b00020")))
            self.page_list.addItem(item)
        ids = [p.outcome.page_id for p in pages]
        self.page_list.blockSignals(False)
        if ids:
            self.page_list.setCurrentRow(ids.index(keep) if keep in ids else 0)
        else:
            self.current_changed.emit(None)

    def badges(self, o: PageOutcome, *, problems_only: bool = False) -> list[str]:
        labels = {"blur": self.tr("Blurred"), "too_dark": self.tr("Too dark"), "too_light": self.tr("Too light"),
                  "too_small": self.tr("Too small"), "low_resolution": self.tr("Low resolution"),
                  "orientation_unsure": self.tr("Check orientation"), "deskew_unsure": self.tr("Check skew")}
        badges = [labels.get(f, f) for f in o.qc_flags]
        if o.blank:
            badges.append(self.tr("Blank"))
        doc = DOC_TYPE_BY_CODE.get(o.doc_type or "")
        if doc is not None and doc.seal_required and not o.seal_found and not o.blank:
            badges.append(self.tr("Seal missing"))
        if problems_only:
            return badges
        if o.seal_found:
            badges.append(self.tr("Seal"))
        if o.deleted:
            badges.append(self.tr("Deleted"))
        return badges

    def label(self, o: PageOutcome) -> str:
        doc = DOC_TYPE_BY_CODE[o.doc_type].label if o.doc_type in DOC_TYPE_BY_CODE else (
            self.tr("Cover sheet") if o.doc_type == COVER_SHEET else self.tr("No type"))
        badges = self.badges(o)
        case = o.case_no or self.tr("Unindexed")
        return f"{case}\n{doc}" + (f"\n[{' '.join(badges)}]" if badges else "")

    # -- the current page and the selection ---------------------------------------------------------

    def current_page_id(self) -> str | None:
        item = self.page_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def current_page(self) -> ShownPage | None:
        return self._pages.get(self.current_page_id() or "")

    def selected_page_ids(self) -> list[str]:
        ids = [i.data(Qt.ItemDataRole.UserRole) for i in self.page_list.selectedItems()]
        current = self.current_page_id()
        return ids or ([current] if current else [])

    def _on_current_item_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.current_changed.emit(self._pages[current.data(Qt.ItemDataRole.UserRole)])

    # -- keys -----------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self.page_list and event.type() == QEvent.Type.KeyPress and self.handle_key(event):
            return True
        return super().eventFilter(watched, event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """A page key typed on the strip (or on the window around it); False when it is none."""
        key, mods, text = event.key(), event.modifiers(), event.text()
        ctrl = mods & CTRL
        types = {d.shortcut: d.code for d in DOC_TYPES}
        actions = {Qt.Key.Key_Up: lambda: self.move_current(-1), Qt.Key.Key_Down: lambda: self.move_current(1),
                   Qt.Key.Key_L: lambda: self.rotate_current(-90), Qt.Key.Key_R: lambda: self.rotate_current(90),
                   Qt.Key.Key_U: self.restore_selected}
        if ctrl and key in actions:
            actions[key]()
        elif not ctrl and text in types and self.selected_page_ids():
            self.set_doc_type(self.selected_page_ids(), types[text])
        elif key == Qt.Key.Key_Delete and not ctrl:
            self.delete_selected()
        elif text in ("+", "-"):
            self.zoom.emit(1.25 if text == "+" else 0.8)
        else:
            return False
        return True

    # -- the operator's edits: one service action each --------------------------------------------------

    def _run(self, action: Callable[..., Any], *args: Any, done: Callable[[Any], None], **kwargs: Any) -> None:
        ops.run(self._worker, action, self._store, *args, actor=self._actor, on_done=done,
                on_error=self._on_failed, owner=self, initiator=self, **kwargs)

    def _on_failed(self, message: str) -> None:
        self.said.emit(message, True)

    def _say(self, message: str) -> Callable[[Any], None]:
        return lambda _value: self.said.emit(message, False)

    def set_doc_type(self, page_ids: list[str], doc_type: str) -> None:
        label = DOC_TYPE_BY_CODE[doc_type].label
        self._run(scanning.set_doc_type, page_ids=page_ids, doc_type=doc_type, done=self._say(
            self.tr("%1 page(s) typed as %2.").replace("%1", str(len(page_ids))).replace("%2", label)))

    def delete_selected(self) -> None:
        ids = self.selected_page_ids()
        if ids:
            self._run(scanning.set_deleted, page_ids=ids, deleted=True, done=self._say(
                self.tr("%1 page(s) removed (they can be restored).").replace("%1", str(len(ids)))))

    def restore_selected(self) -> None:
        ids = self.selected_page_ids()
        if ids:
            self._run(scanning.set_deleted, page_ids=ids, deleted=False, done=self._say(
                self.tr("%1 page(s) restored.").replace("%1", str(len(ids)))))

    def move_current(self, step: int) -> None:
        page_id = self.current_page_id()
        if page_id:
            self._run(scanning.move_page, page_id=page_id, step=step, done=self._say(
                self.tr("Page moved up.") if step < 0 else self.tr("Page moved down.")))

    def rotate_current(self, quarter: int) -> None:
        page_id = self.current_page_id()
        if page_id:
            self.said.emit(self.tr("Rotating the page…"), False)
            self._run(scanning.rotate_page, page_id=page_id, quarter=quarter, done=self._say(
                self.tr("Page rotated left.") if quarter < 0 else self.tr("Page rotated right.")))

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
        self.said.emit(self.tr("Processing the rescan…"), False)
        rescanned = emitter(self._bridge, "rescanned")
        process_in_background([path], self.format, progress=lambda _d, _t: None,
                              done=lambda files, errors, _made: rescanned(page_id, files, errors))

    def _on_rescan_processed(self, page_id: str, files: list[ProcessedFile], errors: list[str]) -> None:
        if errors or not files:
            self.said.emit(" ".join(errors), True)
            return
        self._run(scanning.rescan_page, page_id=page_id, file=files[0],
                  done=self._say(self.tr("Page replaced by the rescan.")))

    def assign_selected_to_case(self, number: str | None = None) -> None:
        """Put the selected pages in the case named by its case or proposal number."""
        number = (number if number is not None else self.assign_edit.text()).strip()
        ids = self.selected_page_ids()
        if not ids:
            self.said.emit(self.tr("Select the pages to assign first."), True)
            return
        if not number:
            self.said.emit(self.tr("Type a case number or proposal number."), True)
            return
        self._run(scanning.assign_to_case, page_ids=ids, case=number,
                  done=lambda case_no: self._on_assigned(ids, case_no))

    def _on_assigned(self, ids: list[str], case_no: str) -> None:
        self.assign_edit.clear()
        self.said.emit(self.tr("%1 page(s) assigned to case %2.").replace("%1", str(len(ids)))
                       .replace("%2", case_no), False)
