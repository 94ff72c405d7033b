"""The log-in dialog: user name and password, checked by `users.login` on the database worker.

The refusal message comes from the core as it is ("用户名或密码错误。再错 4 次账户将被锁定。"),
so the clerk sees how many tries are left before the account locks.

At start-up the dialog is shown before the store is open (`desk_app.ui.app`): it is then given a
`StoreSource`, called on the worker, and a log-in typed early simply waits there behind the open.
Nothing of the store or the core is imported here, so showing the dialog costs only Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Union

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.ui import ops
from desk_app.ui.worker import DbWorker

if TYPE_CHECKING:
    from desk_app.core.roles import Actor
    from desk_app.store.db import Store

# An open store, or a function giving it (called on the database worker, never the GUI thread).
StoreSource = Union["Store", Callable[[], "Store"]]


def _login(source: StoreSource, username: str, password: str) -> Actor:
    # Worker thread. Imported here: the services pull in SQLAlchemy and the core, which the
    # dialog does not need to be painted (by the time anyone submits, the store's open has
    # loaded them on this thread anyway).
    from desk_app.services import users

    store = source() if callable(source) else source
    return users.login(store, username=username, password=password)


class LoginDialog(QDialog):
    """Asks who is at the desk; `actor` holds the logged-in user once the dialog is accepted."""

    # Emitted when the dialog first becomes visible (the cold-start benchmark waits for it).
    shown = Signal()

    def __init__(self, store: StoreSource, worker: DbWorker, *, branch_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._worker = worker
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("BranchDesk - Log in"))
        self.setModal(True)
        self.setMinimumWidth(380)

        title = QLabel(self.tr("BranchDesk processing centre"))
        title.setObjectName("loginTitle")
        font = title.font()
        font.setPointSize(font.pointSize() + 5)
        font.setBold(True)
        title.setFont(font)
        self.branch_label = QLabel(branch_name)
        self.branch_label.setVisible(bool(branch_name))
        self.branch_label.setStyleSheet("color: #555;")

        self.username_edit = QLineEdit()
        self.username_edit.setPlaceholderText(self.tr("e.g. clerk"))
        self.username_edit.setMaxLength(40)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(128)

        form = QFormLayout()
        form.addRow(self.tr("User name:"), self.username_edit)
        form.addRow(self.tr("Password:"), self.password_edit)

        self.error_label = QLabel()
        self.error_label.setObjectName("loginError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.login_button = QPushButton(self.tr("Log in"))
        # The default button: Enter in either field logs in.
        self.login_button.setDefault(True)
        self.login_button.setAutoDefault(True)
        self.login_button.clicked.connect(self._on_login_clicked)
        buttons = QDialogButtonBox()
        buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Exit"))
        self.cancel_button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.branch_label)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

        self.username_edit.setFocus()
        self._shown_once = False

    # -- behaviour ---------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return not self.login_button.isEnabled()

    def _on_login_clicked(self) -> None:
        if self.busy:
            return
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not username or not password:
            self._show_error(self.tr("Please enter your user name and password."))
            (self.username_edit if not username else self.password_edit).setFocus()
            return
        self._set_busy(True)
        ops.read(self._worker, _login, self._store, username, password, on_done=self._on_login_done,
                 on_error=self._on_login_refused, owner=self, urgent=True)

    def _on_login_done(self, actor: Actor) -> None:
        self._set_busy(False)
        self.actor = actor
        self.password_edit.clear()
        self.accept()

    def _on_login_refused(self, message: str) -> None:
        self._set_busy(False)
        self._show_error(message)
        self.password_edit.clear()
        self.password_edit.setFocus()

    def set_branch_name(self, branch_name: str) -> None:
        """Show the branch once it is known (read with the store, after the dialog appeared)."""
        self.branch_label.setText(branch_name)
        self.branch_label.setVisible(bool(branch_name))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _set_busy(self, busy: bool) -> None:
        self.login_button.setEnabled(not busy)
        self.login_button.setText(self.tr("Logging in…") if busy else self.tr("Log in"))
        self.username_edit.setReadOnly(busy)
        self.password_edit.setReadOnly(busy)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.shown.emit()
