"""The conflict inbox: what lost when two organisations changed the same thing, for a supervisor.

Reading the list and marking conflicts read go through the one database worker; the list reads
itself again whenever an action (a sync, marking read) says the conflicts changed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.services import sync
from desk_app.services.changes import Changes
from desk_app.store.db import Store
from desk_app.sync.conflicts import ConflictLine
from desk_app.ui import ops
from desk_app.ui.worker import DbWorker


class ConflictInboxDialog(QDialog):
    loaded = Signal(int)

    def __init__(self, store: Store, worker: DbWorker, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Conflict inbox"))
        self._store, self._worker, self._username = store, worker, username
        self._lines: list[ConflictLine] = []
        columns = (self.tr("Time"), self.tr("Record"), self.tr("Rule"), self.tr("Change not taken"),
                   self.tr("Change taken"))
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels(list(columns))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel(self.tr("No conflicts to read."))
        self.seen_button = QPushButton(self.tr("Mark as read"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("When two places change the same record at once, one change is taken by "
                                     "the rules of docs/sync.md; the other is kept here and is not lost.")))
        for w in (self.table, self.empty, self.seen_button, buttons):
            lay.addWidget(w)
        self.seen_button.clicked.connect(self._on_seen_clicked)
        ops.bus().changed.connect(self._on_changes)
        self.resize(900, 400)
        self.reload()

    def reload(self) -> None:
        ops.read(self._worker, sync.list_conflicts, self._store, on_done=self._on_rows,
                 on_error=self._on_failed, owner=self)

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.conflicts:
            self.reload()

    def _on_rows(self, lines: list[ConflictLine]) -> None:
        self._lines = lines
        self.table.setRowCount(len(lines))
        for r, c in enumerate(lines):
            for col, value in enumerate((c.created_at[:19], f"{c.table} {c.row_id[:8]}", c.rule,
                                         f"{c.losing_org}：{c.losing}", c.winning)):
                self.table.setItem(r, col, QTableWidgetItem(value))
        self.empty.setVisible(not lines)
        self.loaded.emit(len(lines))

    def _on_failed(self, message: str) -> None:
        self.empty.setText(message)
        self.empty.setVisible(True)

    def _on_seen_clicked(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}) or range(len(self._lines))
        ids = [self._lines[r].conflict_id for r in rows]
        if ids:
            # The change it announces (conflicts) makes this inbox, and the status bar, read again.
            ops.run(self._worker, sync.mark_conflicts_seen, self._store, ids, username=self._username,
                    on_error=self._on_failed, owner=self, initiator=self)
