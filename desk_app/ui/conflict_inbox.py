"""The conflict inbox: what lost when two organisations changed the same thing, for a supervisor."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import shiboken6
from PySide6.QtCore import Qt, Signal
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

from desk_app.store.db import Store
from desk_app.sync import conflicts

COLUMNS = ("时间", "数据", "规则", "未采用的修改", "采用的修改")
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="branchdesk-inbox")


class ConflictInboxDialog(QDialog):
    loaded = Signal(int)
    _rows = Signal(object)

    def __init__(self, store: Store, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("冲突收件箱")
        self._store, self._username = store, username
        self._lines: list[conflicts.ConflictLine] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel("没有待查看的冲突。")
        self.seen_button = QPushButton("标记为已读")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("两处同时修改同一数据时，按 docs/sync.md 的规则采用一方；另一方的修改保存在这里，不会丢失。"))
        for w in (self.table, self.empty, self.seen_button, buttons):
            lay.addWidget(w)
        self.seen_button.clicked.connect(self._on_seen_clicked)
        self._rows.connect(self._on_rows, Qt.ConnectionType.QueuedConnection)
        self.resize(900, 400)
        self.reload()

    def reload(self) -> None:
        _pool.submit(self._load_job)

    def _load_job(self) -> None:
        lines = conflicts.list_conflicts(self._store)
        if shiboken6.isValid(self):
            self._rows.emit(lines)

    def _on_rows(self, lines: list[conflicts.ConflictLine]) -> None:
        self._lines = lines
        self.table.setRowCount(len(lines))
        for r, c in enumerate(lines):
            for col, value in enumerate((c.created_at[:19], f"{c.table} {c.row_id[:8]}", c.rule,
                                         f"{c.losing_org}：{c.losing}", c.winning)):
                self.table.setItem(r, col, QTableWidgetItem(value))
        self.empty.setVisible(not lines)
        self.loaded.emit(len(lines))

    def _on_seen_clicked(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}) or range(len(self._lines))
        ids = [self._lines[r].conflict_id for r in rows]
        if ids:
            _pool.submit(self._seen_job, ids)

    def _seen_job(self, ids: list[str]) -> None:
        conflicts.mark_seen(self._store, ids, username=self._username)
        self._load_job()
