"""Seeing one personal number in full: a reason is asked, the unmask is recorded in the audit log."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk_app.core.privacy import PersonalField
from desk_app.core.roles import Actor
from desk_app.services import cases
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.worker import DbWorker


class UnmaskDialog(QDialog):
    def __init__(self, store: Store, worker: DbWorker, actor: Actor, proposal_id: str, field: PersonalField,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._args = (store, actor, proposal_id, field)
        self._worker = worker
        self.setWindowTitle(self.tr("View in full"))
        self.setModal(True)
        self.setMinimumWidth(380)
        note = QLabel(self.tr("Viewing %1 in full is recorded with your name and reason.").replace("%1", field.label))
        note.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("Reason, e.g. telephone call-back to the customer"))
        self.value_label = QLabel()
        self.value_label.setObjectName("unmaskedValue")
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value_label.setStyleSheet("font-size: 18px;")
        self.value_label.hide()
        self.error_label = QLabel()
        self.error_label.setObjectName("unmaskError")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.show_button = buttons.addButton(self.tr("Show"), QDialogButtonBox.ButtonRole.ActionRole)
        # Enter in the reason field shows the value; only Esc or the Close button closes.
        for b in buttons.buttons():
            b.setAutoDefault(False)
        self.show_button.setAutoDefault(True)
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self._on_show_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (note, self.reason_edit, self.value_label, self.error_label, buttons):
            layout.addWidget(w)

    def _on_show_clicked(self) -> None:
        store, actor, proposal_id, field = self._args
        self.show_button.setEnabled(False)
        ops.run(self._worker, cases.unmask, store, actor=actor, proposal_id=proposal_id, field=field,
                reason=self.reason_edit.text(), on_done=self._on_value, on_error=self._on_refused, owner=self)

    def _on_value(self, value: str) -> None:
        self.error_label.hide()
        self.value_label.setText(value)
        self.value_label.show()
        self.reason_edit.setReadOnly(True)

    def _on_refused(self, message: str) -> None:
        self.show_button.setEnabled(True)
        self.error_label.setText(message)
        self.error_label.show()
