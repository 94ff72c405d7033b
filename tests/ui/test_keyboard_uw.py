"""Keyboard only on the underwriting workbench: Enter on a case of the underwriting (or referred)
queue opens it, Ctrl+Shift+U opens the selected one, Alt letters are unique in the window, F8
records, Esc closes the workbench and Ctrl+W too; the action is not offered to other roles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk_app.core.roles import Role
from desk_app.ui.uw_window import UnderwritingWidget
from tests.ui.test_keyboard import duplicates, open_window, press

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.mark.parametrize(("username", "role"), [("uw", Role.UNDERWRITER), ("province", Role.HEAD_OFFICE)])
def test_workbench_by_keyboard_with_unique_alt_keys(qtbot, demo_store, worker, actors, username, role):
    window = open_window(qtbot, demo_store, worker, actors[username])
    assert window.underwriting_action.isVisible()
    view = window.queue_views[role]
    qtbot.waitUntil(lambda: view.currentIndex().isValid() and worker.pending == 0, timeout=10_000)
    view.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    tab = window.tabs.currentWidget()
    assert isinstance(tab, UnderwritingWidget)
    qtbot.waitUntil(lambda: tab.summary is not None and tab.detail is not None and worker.pending == 0,
                    timeout=10_000)
    assert duplicates(window) == []
    assert tab.decision.province == (role == Role.HEAD_OFFICE)
    # F8 without a decision picked says so and records nothing.
    tab.decision.reason_edit.setFocus()
    press(qtbot, Qt.Key.Key_F8)
    assert tab.status_is_error()
    # Esc closes the workbench; Ctrl+Shift+U opens the queue's selected case again; Ctrl+W closes it.
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.tabs.indexOf(tab) < 0, timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_U, CTRL_SHIFT)
    again = window.tabs.currentWidget()
    assert isinstance(again, UnderwritingWidget)
    qtbot.waitUntil(lambda: again.summary is not None and worker.pending == 0, timeout=10_000)
    assert duplicates(window) == []
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.tabs.indexOf(again) < 0, timeout=5_000)


def test_workbench_is_not_offered_to_other_roles(qtbot, demo_store, worker, actors):
    window = open_window(qtbot, demo_store, worker, actors["clerk"])
    assert not window.underwriting_action.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_U, CTRL_SHIFT)
    assert not isinstance(window.tabs.currentWidget(), UnderwritingWidget)
