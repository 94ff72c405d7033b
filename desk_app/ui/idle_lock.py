"""Locking an idle window: after N idle minutes (head-office policy) the window's content is
covered and the user's password is asked again. Nothing is closed or reset underneath, so a
half-typed form is still there after unlocking.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QMainWindow,
    QMenuBar,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.roles import Actor
from desk_app.services import users
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.worker import DbWorker

USER_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
              QEvent.Type.InputMethod}


class UnlockDialog(QDialog):
    unlocked = Signal()

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker, self._actor = store, worker, actor
        self.setWindowTitle(self.tr("Locked"))
        self.setModal(True)
        label = QLabel(self.tr("The window was locked after a period without use. "
                               "Enter the password of %1 to continue.").replace("%1", actor.display_name))
        label.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setObjectName("unlockError")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton(self.tr("Unlock"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance("M") * 28)
        layout = QVBoxLayout(self)
        # The dialog follows its contents: a refusal shown below grows it instead of squashing the text.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addWidget(label)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def reject(self) -> None:  # Esc must not unlock
        return

    def _on_unlock_clicked(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        self.unlock_button.setEnabled(False)
        ops.read(self._worker, users.verify_password, self._store, actor=self._actor, password=self.password_edit.text(),
                 on_done=self._on_checked, on_error=self._on_failed, owner=self, urgent=True)

    def _on_checked(self, _ok: bool) -> None:
        # A wrong password arrives at _on_failed as the service's refusal, with the tries left.
        self.unlock_button.setEnabled(True)
        self.password_edit.clear()
        self.error_label.hide()
        self.unlocked.emit()
        self.accept()

    def _on_failed(self, message: str) -> None:
        self.unlock_button.setEnabled(True)
        self.password_edit.clear()
        self.error_label.setText(message)
        self.error_label.show()


class IdleLock(QObject):
    """Watches user input application-wide and locks `window` after the policy's idle minutes."""

    locked_changed = Signal(bool)

    def __init__(self, window: QMainWindow, store: Store, worker: DbWorker, actor: Actor) -> None:
        super().__init__(window)
        self._window, self._store, self._worker, self._actor = window, store, worker, actor
        self.idle_seconds = 10 * 60.0
        self._last_input = time.monotonic()
        self.dialog: UnlockDialog | None = None
        # The central widget moves into a stack with a blank cover page; it is never destroyed.
        self._content = window.takeCentralWidget()
        self._stack = QStackedWidget()
        self._stack.addWidget(self._content)
        cover = QLabel(self.tr("Locked"))
        cover.setObjectName("lockCover")
        cover.setStyleSheet("font-size: 28px; color: #777;")
        cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack.addWidget(cover)
        window.setCentralWidget(self._stack)
        self._timer = QTimer(self)
        self._timer.setInterval(15_000)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        ops.read(worker, users.idle_lock_minutes, store, on_done=self._on_policy_loaded, owner=self)

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def _on_policy_loaded(self, minutes: int) -> None:
        self.idle_seconds = minutes * 60.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() in USER_INPUT and not self.is_locked:
            self._last_input = time.monotonic()
        return False

    def _on_timer_timeout(self) -> None:
        if not self.is_locked and time.monotonic() - self._last_input >= self.idle_seconds:
            self.lock()

    def lock(self) -> None:
        if self.is_locked:
            return
        self._stack.setCurrentIndex(1)
        self._set_chrome_enabled(False)
        self.dialog = UnlockDialog(self._store, self._worker, self._actor, self._window)
        self.dialog.unlocked.connect(self._on_unlocked)
        self.dialog.open()
        self.locked_changed.emit(True)

    def _set_chrome_enabled(self, enabled: bool) -> None:
        """The menu bar and the toolbars: nothing behind the lock may be used."""
        for bar in (*self._window.findChildren(QMenuBar), *self._window.findChildren(QToolBar)):
            bar.setEnabled(enabled)
        for action in self._window.actions():  # window-wide shortcuts such as Ctrl+N
            action.setEnabled(enabled and action.isVisible())

    def _on_unlocked(self) -> None:
        self._stack.setCurrentIndex(0)
        self._set_chrome_enabled(True)
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self._last_input = time.monotonic()
        self.locked_changed.emit(False)
