"""Entry operators' figures (录入员统计), for supervisors and training: per operator, and per
operator and field, over a date range: cases keyed, keystrokes, differences, and how often the
operator's value was the one kept (`services.entry.operator_figures`)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app import clock
from desk_app.core import forms
from desk_app.core.roles import Actor
from desk_app.services import entry
from desk_app.store.db import Store
from desk_app.ui.entry_jobs import Jobs
from desk_app.ui.worker import DbWorker


def _label_of(key: str | None) -> str:
    if key is None:
        return ""
    for form in forms.all_forms().values():
        if key in form.keys:
            return form.field(key).label
    return key


class FiguresDialog(QDialog):
    """The figures table over a date range; Enter reads it again."""

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker, self._actor = store, worker, actor
        self._jobs = Jobs(worker)
        self.setObjectName("entryFigures")
        self.setWindowTitle(self.tr("Entry operators' figures"))
        self.resize(900, 560)
        today = clock.today()
        self.since_edit = QDateEdit(QDate(today.year, today.month, 1))
        self.until_edit = QDateEdit(QDate(today.year, today.month, today.day))
        for e in (self.since_edit, self.until_edit):
            e.setCalendarPopup(True)
            e.setDisplayFormat("yyyy-MM-dd")
        self.by_field = QCheckBox(self.tr("Per &field"))
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.reload)
        self.by_field.toggled.connect(self.reload)
        since_label, until_label = QLabel(self.tr("F&rom:")), QLabel(self.tr("&To:"))
        since_label.setBuddy(self.since_edit)
        until_label.setBuddy(self.until_edit)
        bar = QHBoxLayout()
        for w in (since_label, self.since_edit, until_label, self.until_edit, self.by_field):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.show_button)

        self.table = QTableWidget(0, 9)
        self.table.setObjectName("figuresTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Operator"), self.tr("Field"), self.tr("Cases"), self.tr("Fields keyed"), self.tr("Keystrokes"),
            self.tr("Keystrokes/hour"), self.tr("Differences"), self.tr("Kept"), self.tr("Kept %")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setWordWrap(True)
        close = QPushButton(self.tr("&Close"))
        close.clicked.connect(self.reject)
        foot = QHBoxLayout()
        foot.addWidget(self.message, 1)
        foot.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(foot)
        self.reload()

    def period(self) -> tuple[dt.date, dt.date]:
        return self.since_edit.date().toPython(), self.until_edit.date().toPython()  # type: ignore[return-value]

    def reload(self) -> None:
        since, until = self.period()
        self.message.setText(self.tr("Reading…"))
        self._jobs.read(entry.operator_figures, self._store, actor=self._actor, since=since, until=until,
                 by_field=self.by_field.isChecked(), owner=self, on_done=self._show, on_error=self._refused)

    def _refused(self, message: str) -> None:
        self.table.setRowCount(0)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(message)

    def _show(self, rows: list[entry.OperatorFigure]) -> None:
        self.message.setStyleSheet("")
        self.table.setRowCount(len(rows))
        for i, f in enumerate(rows):
            per_hour = f"{f.keystrokes / (f.active_minutes / 60):,.0f}" if f.active_minutes else ""
            rate = f"{f.kept_rate * 100:.0f}%" if f.kept_rate is not None else ""
            cells = [f.display_name or f.username, _label_of(f.field_key) or self.tr("all fields"),
                     f"{f.cases:,}", f"{f.fields_keyed:,}", f"{f.keystrokes:,}", per_hour,
                     f"{f.differences:,}", f"{f.kept:,}", rate]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, col, item)
        self.message.setText(self.tr("%1 rows.").replace("%1", str(len(rows))) if rows
                             else self.tr("No entry work in this period."))
