"""The steps of a problem case that need a few words from the handler: reply, resolve, withdraw,
reopen, raise by hand. Each dialog calls one service through `ops.run`; a refusal stays in the
dialog as the service's one Chinese sentence (nothing was written), success closes it.

Keys: the first field has the focus, Enter is the dialog's action, Esc cancels; in the field
list of 解决 the arrows move and Space ticks a field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.forms import FormDef
from desk_app.core.problems.views import ItemSpec, ProblemView
from desk_app.core.roles import Actor
from desk_app.core.rules.engine import REGISTRY
from desk_app.services import problems
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.worker import DbWorker

ERROR_STYLE = "color: #b00020;"


class ActionDialog(QDialog):
    """A small form and an OK button that runs one service; `completed(value)` after it committed."""

    completed = Signal(object)

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker, self._actor = store, worker, actor
        self.form = QFormLayout()
        self.message_label = QLabel()
        self.message_label.setObjectName("actionMessage")
        self.message_label.setWordWrap(True)
        self.ok_button = QPushButton()
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._on_ok)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(cancel)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.body.addWidget(self.message_label)
        self.body.addLayout(buttons)

    def name(self, title: str, ok_text: str) -> None:
        """The dialog's title and its action button (after QDialog.__init__: tr() needs the object)."""
        self.setWindowTitle(title)
        self.ok_button.setText(ok_text)

    def reason_field(self, label: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName("reasonEdit")
        edit.setPlaceholderText(placeholder)
        edit.setMinimumWidth(360)
        self.form.addRow(label, edit)
        return edit

    def call(self) -> tuple[Callable[..., Any], dict[str, Any]]:
        """The service and its keyword arguments, from what was typed."""
        raise NotImplementedError

    def _on_ok(self) -> None:
        if not self.ok_button.isEnabled():
            return
        fn, kwargs = self.call()
        self.ok_button.setEnabled(False)
        self.message_label.setStyleSheet("")
        self.message_label.setText(self.tr("Working…"))
        ops.run(self._worker, fn, self._store, actor=self._actor, **kwargs, on_done=self._on_done,
                on_error=self.show_refusal, owner=self, initiator=self)

    def _on_done(self, value: object) -> None:
        self.completed.emit(value)
        self.accept()

    def show_refusal(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setText(message)

    def refusal(self) -> str:
        return self.message_label.text() if self.message_label.styleSheet() == ERROR_STYLE else ""


class ReasonDialog(ActionDialog):
    """撤件 and 重新打开: the problem case's number and a reason."""

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, problem_no: str, *, action: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(store, worker, actor, parent)
        if action == "withdraw":
            title, ok = self.tr("Withdraw %1"), self.tr("&Withdraw")
            hint = self.tr("Withdrawing ends the case and closes the problem case.")
        else:
            title, ok = self.tr("Reopen %1"), self.tr("Reopen (&B)")
            hint = self.tr(
                "The problem case's items are opened again; a case that has moved on comes back to problem cases.")
        self.name(title.replace("%1", problem_no), ok)
        self.problem_no, self.action = problem_no, action
        self.form.addRow(QLabel(hint))
        self.reason_edit = self.reason_field(self.tr("Wh&y:"), self.tr("Required"))
        self.reason_edit.setFocus()

    def call(self) -> tuple[Callable[..., Any], dict[str, Any]]:
        fn = problems.withdraw if self.action == "withdraw" else problems.reopen
        return fn, {"problem_no": self.problem_no, "reason": self.reason_edit.text().strip()}


class ReplyDialog(ActionDialog):
    """登记回复 by hand: what the agent answered (the scanned reply registers itself by its QR code)."""

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, problem_no: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(store, worker, actor, parent)
        self.name(self.tr("Record reply %1").replace("%1", problem_no), self.tr("Re&gister"))
        self.problem_no = problem_no
        self.form.addRow(QLabel(self.tr(
            "A scanned reply page registers itself by the notice's QR code; record a phone or spoken reply here.")))
        self.note_edit = self.reason_field(
            self.tr("Repl&y:"), self.tr("e.g. the agent phoned: the premium total should be 12,600.00 yuan"))
        self.note_edit.setFocus()

    def call(self) -> tuple[Callable[..., Any], dict[str, Any]]:
        return problems.record_reply, {"problem_no": self.problem_no, "note": self.note_edit.text().strip()}


class ResolveDialog(ActionDialog):
    """解决: tick the fields first and second entry key again (none: the rules run again now), and why."""

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, problem: ProblemView, form: FormDef | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(store, worker, actor, parent)
        self.name(self.tr("Resolve %1").replace("%1", problem.problem_no), self.tr("Resolve (&J)"))
        self.problem_no = problem.problem_no
        self.fields_list = QListWidget()
        self.fields_list.setObjectName("reentryFields")
        self.fields_list.setMinimumHeight(220)
        named = {i.field_key for i in problem.items if i.field_key and i.status == "open"}
        for field in form.fields if form is not None else ():
            item = QListWidgetItem(f"{field.label}（{field.key}）")
            item.setData(Qt.ItemDataRole.UserRole, field.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # The fields the open items name are ticked already: the usual case is re-keying just those.
            item.setCheckState(Qt.CheckState.Checked if field.key in named else Qt.CheckState.Unchecked)
            self.fields_list.addItem(item)
        self.fields_list.setCurrentRow(0)
        fields_label = QLabel(self.tr("Fie&lds to key again:"))
        fields_label.setBuddy(self.fields_list)
        self.body.insertWidget(0, fields_label)
        self.body.insertWidget(1, QLabel(self.tr(
            "Space ticks a field; with no field ticked the rules check the case again at once.")))
        self.body.insertWidget(2, self.fields_list, 1)
        self.reason_edit = self.reason_field(
            self.tr("Wh&y:"), self.tr("Required, e.g. the agent's reply corrects the premium"))
        # The list first, then the reason, then 解决: Tab walks them in the order they are filled.
        QWidget.setTabOrder(self.fields_list, self.reason_edit)
        QWidget.setTabOrder(self.reason_edit, self.ok_button)
        self.fields_list.setFocus()
        self.resize(520, 520)

    def chosen_fields(self) -> list[str]:
        out = []
        for i in range(self.fields_list.count()):
            item = self.fields_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def call(self) -> tuple[Callable[..., Any], dict[str, Any]]:
        return problems.resolve, {"problem_no": self.problem_no, "fields": self.chosen_fields(),
                                  "reason": self.reason_edit.text().strip()}


class RaiseDialog(ActionDialog):
    """手工提问题件: items (code, description, field) added one by one, then raised together."""

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, proposal_id: str, case_no: str,
                 form: FormDef | None, parent: QWidget | None = None) -> None:
        super().__init__(store, worker, actor, parent)
        self.name(self.tr("Raise a problem case by hand: %1").replace("%1", case_no), self.tr("Submi&t"))
        self.proposal_id = proposal_id
        self.code_combo = QComboBox()
        self.code_combo.addItem(self.tr("MANUAL raised by hand"), "MANUAL")
        for code, rule in sorted(REGISTRY.items()):
            self.code_combo.addItem(f"{code} {rule.title}", code)
        self.desc_edit = QLineEdit()
        self.desc_edit.setObjectName("itemDescription")
        self.desc_edit.setPlaceholderText(self.tr("What the agent is to correct"))
        self.desc_edit.installEventFilter(self)  # Enter there adds the item, not raises the case
        self.field_combo = QComboBox()
        self.field_combo.addItem(self.tr("(no field)"), None)
        for field in form.fields if form is not None else ():
            self.field_combo.addItem(field.label, field.key)
        self.add_button = QPushButton(self.tr("Add &item"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._add_item)
        self.items_tree = QTreeWidget()
        self.items_tree.setObjectName("raiseItems")
        self.items_tree.setRootIsDecorated(False)
        self.items_tree.setHeaderLabels([self.tr("Code"), self.tr("Description"), self.tr("Field")])
        self.items_tree.setMinimumHeight(140)
        remove = QPushButton(self.tr("Re&move selected"))
        remove.setAutoDefault(False)
        remove.clicked.connect(self._remove_item)
        self.form.addRow(self.tr("Code (&K):"), self.code_combo)
        self.form.addRow(self.tr("D&escription:"), self.desc_edit)
        self.form.addRow(self.tr("Field (&Z):"), self.field_combo)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        row.addWidget(remove)
        self.form.addRow(row)
        self.form.addRow(self.items_tree)
        self.reason_edit = self.reason_field(self.tr("Wh&y:"), self.tr("Optional"))
        self.items: list[ItemSpec] = []
        self.desc_edit.setFocus()
        self.resize(620, 480)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if (watched is self.desc_edit and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._add_item()
            return True
        return super().eventFilter(watched, event)

    def _add_item(self) -> None:
        text = self.desc_edit.text().strip()
        if not text:
            self.show_refusal(self.tr("First write what this item asks the agent to correct."))
            return
        spec = ItemSpec(self.code_combo.currentData(), text, self.field_combo.currentData(), "manual")
        self.items.append(spec)
        self.items_tree.addTopLevelItem(QTreeWidgetItem([spec.code, spec.description,
                                                         self.field_combo.currentText() if spec.field_key else "—"]))
        self.desc_edit.clear()
        self.message_label.setText("")
        self.desc_edit.setFocus()

    def _remove_item(self) -> None:
        row = self.items_tree.indexOfTopLevelItem(self.items_tree.currentItem())
        if row >= 0:
            self.items_tree.takeTopLevelItem(row)
            del self.items[row]

    def call(self) -> tuple[Callable[..., Any], dict[str, Any]]:
        items: Sequence[ItemSpec] = list(self.items)
        return problems.raise_problem, {"proposal_id": self.proposal_id, "items": items,
                                        "reason": self.reason_edit.text().strip()}
