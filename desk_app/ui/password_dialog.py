"""The forced (or voluntary) password change: old password, new one twice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk_app.core.roles import Actor
from desk_app.services import users
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.worker import DbWorker


class ChangePasswordDialog(QDialog):
    """`actor` holds the updated Actor once accepted; a forced change cannot be skipped."""

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, *, forced: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker, self.actor = store, worker, actor
        self.setWindowTitle(self.tr("Change password"))
        self.setModal(True)
        self.setMinimumWidth(400)
        intro = QLabel(self.tr("This account still has its initial password. Choose your own before you start.")
                       if forced else self.tr("Choose a new password."))
        intro.setWordWrap(True)
        self.old_edit, self.new_edit, self.again_edit = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.old_edit, self.new_edit, self.again_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(128)
        form = QFormLayout()
        form.addRow(self.tr("Current password:"), self.old_edit)
        form.addRow(self.tr("New password:"), self.new_edit)
        form.addRow(self.tr("New password again:"), self.again_edit)
        self.error_label = QLabel()
        self.error_label.setObjectName("passwordError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Change password"))
        self.ok_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Log out") if forced else self.tr("Cancel"))
        self.ok_button.clicked.connect(self._on_ok_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.old_edit.setFocus()

    def _on_ok_clicked(self) -> None:
        if not self.ok_button.isEnabled():
            return
        if self.new_edit.text() != self.again_edit.text():
            self._show_error(self.tr("The two new passwords differ."))
            return
        self.ok_button.setEnabled(False)
        ops.run(self._worker, users.change_password, self._store, actor=self.actor, old_password=self.old_edit.text(),
                new_password=self.new_edit.text(), on_done=self._on_changed, on_error=self._on_refused, owner=self)

    def _on_changed(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _on_refused(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        self._show_error(message)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
