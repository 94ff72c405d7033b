"""Keyboard only on the contract screens: Ctrl+Shift+C (contracts), Ctrl+Shift+V (verify), Ctrl+Shift+R
(receipts and archive) and Ctrl+Shift+A (reprint approvals) for their roles only, unique Alt letters
on every tab with the main window's, Enter on an issued case of the preparer's queue opens its
contract, Esc and Ctrl+W close."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk_app.core.roles import Role
from desk_app.ui.contract_receipts import ReceiptArchiveWidget
from desk_app.ui.contract_reprint import ReprintApprovalDialog
from desk_app.ui.contract_verify import VerifyWidget
from desk_app.ui.contract_window import ContractWindow
from tests.ui.contract_cases import issued
from tests.ui.test_keyboard import duplicates, open_window, press

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
TABS = {Qt.Key.Key_C: ContractWindow, Qt.Key.Key_V: VerifyWidget, Qt.Key.Key_R: ReceiptArchiveWidget}
OFFERED = {"printer": {ContractWindow, VerifyWidget}, "clerk": {VerifyWidget, ReceiptArchiveWidget},
           "super": {ContractWindow, VerifyWidget, ReceiptArchiveWidget}, "entry1": set()}


@pytest.mark.parametrize("username", list(OFFERED))
def test_contract_tabs_open_by_keyboard_for_their_roles_with_unique_alt_keys(qtbot, demo_store, worker, actors,
                                                                             username):
    window = open_window(qtbot, demo_store, worker, actors[username])
    for key, kind in TABS.items():
        before = window.tabs.count()
        qtbot.keyClick(window, key, CTRL_SHIFT)
        tab = window.tabs.currentWidget()
        if kind not in OFFERED[username]:
            assert window.tabs.count() == before and not isinstance(tab, kind)
            continue
        assert isinstance(tab, kind)
        qtbot.waitUntil(lambda: worker.pending == 0, timeout=20_000)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
        assert tab.isAncestorOf(QApplication.focusWidget()), QApplication.focusWidget()
        assert duplicates(window) == [], (kind.__name__, duplicates(window))
        if kind is ContractWindow:
            # Only the preparer prints; the supervisor sees the cases, the preview and the log.
            qtbot.waitUntil(lambda t=tab: t.preview is not None, timeout=20_000)
            assert tab.print_button.isEnabled() == (username == "printer")
        # Ctrl+W closes it.
        qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda t=tab: window.tabs.indexOf(t) < 0, timeout=5_000)
    assert window.approvals_action.isVisible() == (username == "super")


def test_enter_on_an_issued_case_of_the_preparers_queue_opens_its_contract(qtbot, demo_store, worker, actors):
    issued(demo_store)
    window = open_window(qtbot, demo_store, worker, actors["printer"])
    view = window.queue_views[Role.CONTRACT_PREPARER]
    qtbot.waitUntil(lambda: view.currentIndex().isValid(), timeout=10_000)
    view.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    wanted = window.queue_models[Role.CONTRACT_PREPARER].row_at(1).proposal_id
    press(qtbot, Qt.Key.Key_Return)
    tab = window.tabs.currentWidget()
    assert isinstance(tab, ContractWindow)
    qtbot.waitUntil(lambda: worker.pending == 0 and tab.preview is not None, timeout=20_000)
    assert tab.current_proposal_id() == wanted == tab.preview.proposal_id
    assert QApplication.focusWidget() is tab.case_table
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.tabs.indexOf(tab) < 0, timeout=5_000)


def test_supervisor_opens_the_reprint_approvals_by_keyboard(qtbot, demo_store, worker, actors):
    window = open_window(qtbot, demo_store, worker, actors["super"])
    qtbot.keyClick(window, Qt.Key.Key_A, CTRL_SHIFT)
    dialog = window.approvals_dialog
    assert isinstance(dialog, ReprintApprovalDialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and worker.pending == 0, timeout=10_000)
    assert duplicates(dialog) == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
