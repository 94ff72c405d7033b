"""Logging in through the real dialog: success, refusals with the tries left, Chinese input."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from desk_app.core.demo import DEMO_PASSWORD
from desk_app.ui.login_dialog import LoginDialog


@pytest.fixture
def dialog(qtbot, demo_store, worker):
    d = LoginDialog(demo_store, worker, branch_name="GD0101 广州分公司业务处理中心")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def type_chinese(edit: QLineEdit, text: str) -> None:
    """Commit text as an input method does (qtbot.keyClicks with CJK text aborts the process)."""
    edit.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def log_in(qtbot, d: LoginDialog, username: str, password: str) -> None:
    d.username_edit.clear()
    qtbot.keyClicks(d.username_edit, username)
    qtbot.keyClicks(d.password_edit, password)
    qtbot.keyClick(d.password_edit, Qt.Key.Key_Return)


def test_clerk_logs_in_with_enter(qtbot, dialog):
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        log_in(qtbot, dialog, "clerk", DEMO_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.username == "clerk"
    assert dialog.actor.display_name == "柜员 周晓梅"
    assert dialog.password_edit.text() == ""  # the password does not linger in the widget


def test_wrong_password_shows_the_refusal_and_the_tries_left(qtbot, dialog):
    log_in(qtbot, dialog, "uw", "wrong-password1")
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and not dialog.busy, timeout=10_000)
    assert dialog.error_label.text() == "用户名或密码错误。再错 4 次账户将被锁定。"
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.password_edit.text() == "" and dialog.password_edit.hasFocus()

    qtbot.keyClicks(dialog.password_edit, "still-wrong2")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "3 次" in dialog.error_label.text(), timeout=10_000)
    assert dialog.error_label.text() == "用户名或密码错误。再错 3 次账户将被锁定。"
    assert dialog.actor is None


def test_unknown_chinese_user_name_is_refused(qtbot, dialog):
    type_chinese(dialog.username_edit, "周晓梅")
    assert dialog.username_edit.text() == "周晓梅"
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and not dialog.busy, timeout=10_000)
    assert dialog.error_label.text() == "用户名或密码错误。"


def test_empty_fields_are_refused_without_asking_the_database(qtbot, dialog, worker):
    qtbot.keyClick(dialog.username_edit, Qt.Key.Key_Return)
    assert worker.pending == 0
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "请输入用户名和密码。"
