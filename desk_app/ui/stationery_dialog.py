"""The supervisor's stationery (单证) screen: receive, issue, void, report lost and destroy ranges;
the numbers each holder has in hand; numbers issued long ago and still unused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core import stationery
from desk_app.core.roles import Actor
from desk_app.services import stationery as stationery_service
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.case_view import format_local_time
from desk_app.ui.worker import DbWorker

# (action code, needs batch no., needs holder, needs reason)
ACTIONS = {
    "receive": (True, False, False),
    "issue": (False, True, False),
    "void": (False, False, True),
    "lost": (False, False, True),
    "destroy": (False, False, True),
}


class StationeryDialog(QDialog):
    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker, self._actor = store, worker, actor
        self.setWindowTitle(self.tr("Stationery"))
        self.resize(760, 620)

        self.action_combo = QComboBox()
        for code, label in (("receive", self.tr("Receive batch from head office")),
                            ("issue", self.tr("Issue range")), ("void", self.tr("Void range")),
                            ("lost", self.tr("Report range lost")), ("destroy", self.tr("Destroy range"))):
            self.action_combo.addItem(label, code)
        self.first_edit, self.last_edit = QLineEdit(), QLineEdit()
        self.first_edit.setPlaceholderText("T440100001")
        self.last_edit.setPlaceholderText("T440100100")
        self.batch_edit, self.holder_edit, self.reason_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.holder_edit.setPlaceholderText(self.tr("agent code, or * for the branch counter"))
        form = QFormLayout()
        form.addRow(self.tr("Action:"), self.action_combo)
        form.addRow(self.tr("First number:"), self.first_edit)
        form.addRow(self.tr("Last number:"), self.last_edit)
        form.addRow(self.tr("Batch no.:"), self.batch_edit)
        form.addRow(self.tr("Issue to:"), self.holder_edit)
        form.addRow(self.tr("Reason:"), self.reason_edit)
        self._form = form
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self._on_apply_clicked)
        self.result_label = QLabel()
        self.result_label.setObjectName("stationeryResult")
        self.result_label.setWordWrap(True)
        action_box = QGroupBox(self.tr("Range action"))
        lay = QVBoxLayout(action_box)
        lay.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.result_label, 1)
        row.addWidget(self.apply_button)
        lay.addLayout(row)

        self.ranges_table = QTableWidget(0, 4)
        self.ranges_table.setHorizontalHeaderLabels([self.tr("Holder"), self.tr("From"), self.tr("To"),
                                                     self.tr("Count")])
        ranges_box = QGroupBox(self.tr("Issued and unused, by holder"))
        QVBoxLayout(ranges_box).addWidget(self.ranges_table)

        self.days_spin = QSpinBox()
        self.days_spin.setRange(0, 3650)
        self.days_spin.setValue(30)
        self.days_spin.setSuffix(self.tr(" days"))
        self.days_spin.valueChanged.connect(self.refresh)
        self.unused_table = QTableWidget(0, 4)
        self.unused_table.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Holder"), self.tr("Issued"),
                                                     self.tr("Days")])
        unused_box = QGroupBox(self.tr("Issued but unused for more than"))
        ul = QVBoxLayout(unused_box)
        ul.addWidget(self.days_spin)
        ul.addWidget(self.unused_table)

        layout = QVBoxLayout(self)
        layout.addWidget(action_box)
        layout.addWidget(ranges_box, 1)
        layout.addWidget(unused_box, 1)
        self.action_combo.currentIndexChanged.connect(self._on_action_changed)
        self._on_action_changed()
        self.refresh()

    def _on_action_changed(self) -> None:
        needs_batch, needs_holder, needs_reason = ACTIONS[self.action_combo.currentData()]
        for edit, shown in ((self.batch_edit, needs_batch), (self.holder_edit, needs_holder),
                            (self.reason_edit, needs_reason)):
            self._form.setRowVisible(edit, shown)

    def _on_apply_clicked(self) -> None:
        if not self.apply_button.isEnabled():
            return
        self.apply_button.setEnabled(False)
        ops.run(self._worker, stationery_service.change_range, self._store, actor=self._actor,
                action=self.action_combo.currentData(), first=self.first_edit.text().strip(),
                last=self.last_edit.text().strip(), batch_no=self.batch_edit.text(), holder=self.holder_edit.text(),
                reason=self.reason_edit.text(), on_done=self._on_applied, on_error=self._on_refused, owner=self)

    def _on_applied(self, result: stationery.RangeResult) -> None:
        self.apply_button.setEnabled(True)
        self.result_label.setStyleSheet("color: #1b5e20;")
        self.result_label.setText(self.tr("Done: %1 numbers, %2 to %3.").replace("%1", str(result.count))
                                  .replace("%2", result.first).replace("%3", result.last))
        self.refresh()

    def _on_refused(self, message: str) -> None:
        self.apply_button.setEnabled(True)
        self.result_label.setStyleSheet("color: #b00020;")
        self.result_label.setText(message)

    def refresh(self) -> None:
        ops.read(self._worker, stationery_service.overview, self._store, older_than_days=self.days_spin.value(),
                 on_done=self._on_overview, on_error=self._on_refused, owner=self)

    def _on_overview(self, result: tuple[list[tuple[str, str, str, int]], list[stationery.UnusedNumber]]) -> None:
        ranges, unused = result
        self.ranges_table.setRowCount(len(ranges))
        for r, (holder, first, last, count) in enumerate(ranges):
            for c, text in enumerate((holder, first, last, f"{count:,}")):
                self.ranges_table.setItem(r, c, _item(text))
        self.unused_table.setRowCount(len(unused))
        for r, u in enumerate(unused):
            who = f"{u.holder} {u.holder_name}".strip()
            for c, text in enumerate((u.number, who, format_local_time(u.issued_at), str(u.days))):
                self.unused_table.setItem(r, c, _item(text))


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item
