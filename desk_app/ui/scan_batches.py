"""The scanning window's batch list: the unindexed tray first, then the newest batches.

Selecting an entry tells the window which pages to show (`selected`: a batch id, or None for
the tray of pages still without a case). The list is read on the database worker.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desk_app.core.scanning.service import BatchInfo
from desk_app.services import scanning
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.worker import DbWorker

TRAY = ""  # the tray's key in the list (batch ids are never empty)


class BatchPanel(QWidget):
    """The unindexed tray and the recent batches; keyboard: Up/Down in the list, Alt+B to reach it."""

    selected = Signal(object)  # batch id, or None for the unindexed tray
    failed = Signal(str)

    def __init__(self, store: Store, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker = store, worker
        self._want: str | None = TRAY
        self.batch_list = QListWidget()
        self.batch_list.setWordWrap(True)
        self.batch_list.currentItemChanged.connect(self._on_current_changed)
        caption = QLabel(self.tr("&Batches"))
        caption.setBuddy(self.batch_list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        layout.addWidget(self.batch_list, 1)

    def reload(self, select: str | None = None) -> None:
        """Read the list again; `select` a batch id (TRAY for the tray), else keep the current entry."""
        self._want = select if select is not None else self.current_key()
        ops.read(self._worker, scanning.batches, self._store, on_done=self._on_loaded, on_error=self.failed.emit,
                 owner=self)

    def current_key(self) -> str | None:
        item = self.batch_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _on_loaded(self, result: scanning.Batches) -> None:
        batches, waiting = result.recent, result.unindexed
        self.batch_list.blockSignals(True)
        before = self.current_key()
        self.batch_list.clear()
        tray = QListWidgetItem(self.tr("Unindexed pages (%1)").replace("%1", str(waiting)))
        tray.setData(Qt.ItemDataRole.UserRole, TRAY)
        font = QFont(tray.font())
        font.setBold(True)
        tray.setFont(font)
        self.batch_list.addItem(tray)
        for b in batches:
            item = QListWidgetItem(self._text(b))
            item.setData(Qt.ItemDataRole.UserRole, b.batch_id)
            item.setToolTip(b.label)
            self.batch_list.addItem(item)
        row = next((i for i in range(self.batch_list.count())
                    if self.batch_list.item(i).data(Qt.ItemDataRole.UserRole) == self._want), 0)
        self.batch_list.setCurrentRow(row)
        self.batch_list.blockSignals(False)
        if self.current_key() != before:
            self._on_current_changed(self.batch_list.currentItem(), None)

    def _text(self, b: BatchInfo) -> str:
        sources = {"file": self.tr("Files"), "hot_folder": self.tr("Hot folder"), "camera": self.tr("Document camera")}
        when = b.started_at
        if isinstance(when, dt.datetime):
            when = (when if when.tzinfo else when.replace(tzinfo=dt.UTC)).astimezone().strftime("%m-%d %H:%M")
        text = f"{when} {sources.get(b.source, b.source)} · " + self.tr("%1 page(s)").replace("%1", str(b.page_count))
        if b.unindexed:
            text += " · " + self.tr("%1 unindexed").replace("%1", str(b.unindexed))
        return text + "\n" + b.scanned_by

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            key = current.data(Qt.ItemDataRole.UserRole)
            self.selected.emit(None if key == TRAY else key)
