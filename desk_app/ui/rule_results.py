"""Why a case stopped: the findings of its latest run of the rules (code, 阻断/提示, fields, message).

`RuleResultsPanel` shows a `runs.RunView` (read on the worker by the caller); the problem-case
screen embeds it, and `RuleResultsDialog` reads the run itself for the case view (F7 there).
Field keys are shown by their labels on the case's proposal form; a key no form has (the insured
list's columns) is shown as it is rather than dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core import forms
from desk_app.core.rules.engine import Finding, Severity
from desk_app.core.rules.runs import RunView
from desk_app.services import problems
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.case_view import format_local_time
from desk_app.ui.worker import DbWorker

COL_CODE, COL_SEVERITY, COL_FIELDS, COL_MESSAGE = range(4)
BLOCKING_COLOR = QColor("#b00020")
WARNING_COLOR = QColor("#8a5a00")

# Fields the rules name that are not boxes on a proposal form (they come from the insured list).
EXTRA_LABELS = {
    "insured_id_no": "被保险人身份证号",
    "applicant_id_no": "投保人身份证号",
    "applicant_phone": "投保人电话",
    "insured_birth_date": "被保险人出生日期",
    "insured_gender": "被保险人性别",
}


def field_label(key: str, business_type: str | None = None) -> str:
    """The label of a field on the case's form (any form when the type is unknown), else the key."""
    defs = list(forms.all_forms().values())
    if business_type:
        defs.sort(key=lambda f: f.business_type != business_type)
    for form in defs:
        for field in form.fields:
            if field.key == key:
                return field.label
    return EXTRA_LABELS.get(key, key)


def field_labels(keys: Iterable[str], business_type: str | None = None) -> str:
    return "、".join(field_label(k, business_type) for k in keys)


class RuleResultsPanel(QWidget):
    """The latest run's findings, blocking ones first; a line above says when it ran and the tally."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run: RunView | None = None
        self.summary_label = QLabel(self.tr("Not checked yet."))
        self.summary_label.setObjectName("ruleSummary")
        self.summary_label.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("ruleFindings")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels([self.tr("Rule"), self.tr("Severity"), self.tr("Fields"), self.tr("Message")])
        head = self.tree.header()
        head.setStretchLastSection(True)
        head.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(COL_SEVERITY, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(COL_FIELDS, QHeaderView.ResizeMode.Interactive)
        head.resizeSection(COL_FIELDS, 130)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tree, 1)

    def show_run(self, run: RunView | None, business_type: str | None = None) -> None:
        self.run = run
        self.tree.clear()
        if run is None:
            self.summary_label.setText(self.tr("The rules have not been run on this case yet."))
            return
        verdict = self.tr("failed") if run.blocking else self.tr("passed")
        self.summary_label.setText(
            self.tr("Check %1, %2: %3 (%4 blocking, %5 warnings; rules version %6)")
            .replace("%1", str(run.run_no)).replace("%2", format_local_time(run.at)).replace("%3", verdict)
            .replace("%4", str(len(run.blocking))).replace("%5", str(len(run.warnings)))
            .replace("%6", run.rules_version))
        ordered = sorted(run.findings, key=lambda f: (f.severity is not Severity.BLOCKING, f.code))
        self.tree.addTopLevelItems([self._item(f, business_type) for f in ordered])

    def _item(self, finding: Finding, business_type: str | None) -> QTreeWidgetItem:
        blocking = finding.severity is Severity.BLOCKING
        labels = field_labels(finding.fields, business_type) or "—"
        item = QTreeWidgetItem([finding.code, self.tr("Blocking") if blocking else self.tr("Warning"), labels,
                                finding.message])
        item.setForeground(COL_SEVERITY, QBrush(BLOCKING_COLOR if blocking else WARNING_COLOR))
        font = item.font(COL_SEVERITY)
        font.setBold(blocking)
        item.setFont(COL_SEVERITY, font)
        item.setToolTip(COL_FIELDS, labels)
        item.setToolTip(COL_MESSAGE, finding.message)
        return item

    def rows(self) -> list[tuple[str, ...]]:
        """The texts as shown, row by row (for tests and copy)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            out.append(tuple(item.text(c) for c in range(self.tree.columnCount())))
        return out


class RuleResultsDialog(QDialog):
    """The latest rule run of one case, read on the worker; Esc or Enter closes it."""

    def __init__(self, store: Store, worker: DbWorker, proposal_id: str, *, case_no: str = "",
                 business_type: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rule check results %1").replace("%1", case_no).strip())
        self.resize(820, 420)
        self._business_type = business_type
        self.panel = RuleResultsPanel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.panel.summary_label.setText(self.tr("Reading…"))
        ops.read(worker, problems.latest_run, store, proposal_id=proposal_id, owner=self, urgent=True,
                 on_done=lambda run: self.panel.show_run(run, self._business_type),
                 on_error=self.panel.summary_label.setText)
