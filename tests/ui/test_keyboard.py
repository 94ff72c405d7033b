"""Keyboard only: unique Alt shortcuts per window, the first queue row selected, Tab leaving the
checklist for the confirmations, Enter doing the default action and Esc cancelling, Ctrl+W and
Ctrl+Q never discarding typed work without asking."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QWidget

from desk_app.core.demo import DEMO_PASSWORD
from desk_app.core.roles import Role
from desk_app.ui.intake_widget import IntakeWidget
from desk_app.ui.login_dialog import LoginDialog
from desk_app.ui.main_window import MainWindow
from desk_app.ui.stationery_dialog import StationeryDialog
from tests.ui.test_privacy_ui import PHONE, _individual_case

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonics(top: QWidget) -> Counter[str]:
    """Alt letters of what is on screen in `top`: menus, buttons, group boxes, labels with a buddy."""
    texts = []
    if hasattr(top, "menuBar"):
        texts += [a.text() for a in top.menuBar().actions() if a.isVisible()]
    for w in top.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QLabel) and w.buddy() is not None:
            texts.append(w.text())
    return Counter(m.group(1).lower() for t in texts for m in MNEMONIC.finditer(t.replace("&&", "")))


def duplicates(top: QWidget) -> list[str]:
    return [k for k, n in mnemonics(top).items() if n > 1]


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def type_text(widget, text: str) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def open_window(qtbot, store, worker, actor) -> MainWindow:
    window = MainWindow(store, actor, worker=worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    return window


def test_main_window_first_row_selected_enter_opens_and_alt_keys_unique(qtbot, demo_store, worker, actors):
    window = open_window(qtbot, demo_store, worker, actors["clerk"])
    view = window.queue_views[Role.COUNTER_CLERK]
    qtbot.waitUntil(lambda: view.currentIndex().isValid(), timeout=10_000)
    assert view.currentIndex().row() == 0
    view.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1
    with qtbot.waitSignal(window.case_opened, timeout=10_000):
        press(qtbot, Qt.Key.Key_Return)
    assert duplicates(window) == []


def test_scanning_window_alt_keys_are_unique(qtbot, demo_store, worker, actors):
    window = open_window(qtbot, demo_store, worker, actors["scanner"])
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    scan = window.tabs.currentWidget()
    assert scan.objectName() == "scanWindow"
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=10_000)
    assert duplicates(window) == []
    # Alt+Z zooms in (it was Alt+I, also 导入文件).
    zoom_in = next(b for b in scan.findChildren(QAbstractButton) if b.text().endswith("(&Z)") or b.text() == "&Zoom in")
    with qtbot.waitSignal(zoom_in.clicked, timeout=5_000):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)
    # Ctrl+W closes the scanning tab.
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.tabs.indexOf(scan) < 0, timeout=5_000)


def test_intake_tab_keys_tab_leaves_the_checklist_and_the_date_takes_one_tab(qtbot, demo_store, worker, actors):
    window = open_window(qtbot, demo_store, worker, actors["clerk"])
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    w = window.tabs.currentWidget()
    assert isinstance(w, IntakeWidget)
    qtbot.waitUntil(lambda: w.product_combo.count() > 0, timeout=10_000)
    assert duplicates(window) == []
    w.effective_edit.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is w.product_combo
    qtbot.keyClicks(w.proposal_no_edit, "T440100001")
    press(qtbot, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: w.checklist_table.rowCount() > 0, timeout=10_000)
    assert QApplication.focusWidget() is w.checklist_table
    w.confirm_dup_check.show()  # as after a duplicate warning
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is w.confirm_dup_check  # not the next cell of the checklist
    assert duplicates(window) == []
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(w.confirm_dup_check.isChecked, timeout=5_000)


def test_ctrl_q_and_ctrl_w_with_a_half_filled_intake_ask_and_keep_the_work(qtbot, demo_store, worker, actors):
    window = open_window(qtbot, demo_store, worker, actors["clerk"])
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    w = window.tabs.currentWidget()
    qtbot.waitUntil(lambda: w.product_combo.count() > 0, timeout=10_000)
    qtbot.keyClicks(w.proposal_no_edit, "T440100001")
    w.applicant_edit.setFocus()
    type_text(w.applicant_edit, "广州市天河科技有限公司")

    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.discard_box is not None and window.discard_box.isVisible(), timeout=5_000)
    assert "放弃" in window.discard_box.text()
    qtbot.keyClick(window.discard_box, Qt.Key.Key_Escape)  # Esc keeps working
    qtbot.waitUntil(lambda: not window.discard_box.isVisible(), timeout=5_000)
    assert window.isVisible()
    assert w.proposal_no_edit.text() == "T440100001" and w.applicant_edit.text() == "广州市天河科技有限公司"

    w.applicant_edit.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.discard_box is not None and window.discard_box.isVisible(), timeout=5_000)
    qtbot.keyClick(window.discard_box, Qt.Key.Key_Return)  # the default is to keep working
    qtbot.waitUntil(lambda: not window.discard_box.isVisible(), timeout=5_000)
    assert window.tabs.indexOf(w) >= 0 and w.applicant_edit.text() == "广州市天河科技有限公司"

    # Choosing 放弃 (Alt+D) closes the tab.
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.discard_box is not None and window.discard_box.isVisible(), timeout=5_000)
    window.discard_box.activateWindow()
    qtbot.waitUntil(window.discard_box.isActiveWindow, timeout=5_000)
    qtbot.keyClick(window.discard_box, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not any(isinstance(window.tabs.widget(i), IntakeWidget)
                                    for i in range(window.tabs.count())), timeout=5_000)


def test_unmask_dialog_enter_shows_esc_closes(qtbot, demo_store, worker, actors):
    pid = _individual_case(demo_store, actors)
    window = open_window(qtbot, demo_store, worker, actors["uw"])
    with qtbot.waitSignal(window.case_opened, timeout=10_000):
        window.open_case(pid)
    window.case_view.unmask_buttons["phone"].click()
    dialog = window.unmask_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.reason_edit.setFocus()
    type_text(dialog.reason_edit, "call back")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.value_label.isVisible, timeout=10_000)
    assert dialog.isVisible() and dialog.value_label.text() == PHONE
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_stationery_dialog_alt_keys_unique_and_esc_closes(qtbot, demo_store, worker, actors):
    dialog = StationeryDialog(demo_store, worker, actors["super"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert duplicates(dialog) == []
    assert dialog.apply_button.isDefault()  # Enter applies
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_login_enter_logs_in(qtbot, demo_store, worker):
    dialog = LoginDialog(demo_store, worker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    assert duplicates(dialog) == []
    qtbot.keyClicks(dialog.username_edit, "clerk")
    qtbot.keyClick(dialog.username_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.password_edit
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)


def test_lock_screen_esc_keeps_it_locked_enter_unlocks(qtbot, demo_store, worker, actors):
    window = open_window(qtbot, demo_store, worker, actors["clerk"])
    window.idle_lock.lock()
    dialog = window.idle_lock.dialog
    qtbot.waitExposed(dialog)
    assert not window.menuBar().isEnabled()
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Escape)
    assert window.idle_lock.is_locked
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    with qtbot.waitSignal(window.idle_lock.locked_changed, timeout=10_000):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert not window.idle_lock.is_locked and window.menuBar().isEnabled()
