"""What a person sees of the privacy rules: forced password change, idle lock, masked numbers."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select, update

from desk_app.core import proposals
from desk_app.core.demo import DEMO_PASSWORD
from desk_app.store.models import AuditEntry, Policy, User
from desk_app.ui.app import StartupController
from desk_app.ui.main_window import MainWindow
from desk_app.ui.password_dialog import ChangePasswordDialog
from tests.factories import good_draft

ID_NO, PHONE, BANK = "11010519491231002X", "13812345678", "6222021234567890128"


def type_text(qtbot, widget, text):
    qtbot.keyClicks(widget, text)  # ASCII only: Chinese goes through QKeyEvent text, never keyClicks


def open_window(qtbot, store, worker, actor) -> MainWindow:
    window = MainWindow(store, actor, worker=worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_demo_account_must_change_its_password_before_the_main_window(qtbot, demo_path):
    from desk_app.store.migrate import open_store

    store = open_store(demo_path)
    with store.transaction() as s:
        s.scalar(select(User).where(User.username == "clerk")).must_change_password = True
    store.close()
    controller = StartupController(demo_path.parent)
    controller.start()
    try:
        qtbot.waitUntil(lambda: controller.login_dialog is not None and controller.login_dialog.isVisible(),
                        timeout=20_000)
        type_text(qtbot, controller.login_dialog.username_edit, "clerk")
        type_text(qtbot, controller.login_dialog.password_edit, DEMO_PASSWORD)
        qtbot.keyClick(controller.login_dialog.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: controller.password_dialog is not None and controller.password_dialog.isVisible(),
                        timeout=10_000)
        dialog: ChangePasswordDialog = controller.password_dialog
        assert controller.main_window is None
        type_text(qtbot, dialog.old_edit, DEMO_PASSWORD)
        type_text(qtbot, dialog.new_edit, "short1")
        type_text(qtbot, dialog.again_edit, "short1")
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: dialog.error_label.isVisible())
        assert "密码至少需要" in dialog.error_label.text() and controller.main_window is None
        for edit in (dialog.new_edit, dialog.again_edit):
            edit.clear()
            type_text(qtbot, edit, "MyOwnPass42")
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: controller.main_window is not None and controller.main_window.isVisible(),
                        timeout=10_000)
        assert not controller.main_window.actor.must_change_password
        # Let the window's first reads finish before the worker goes away under it.
        qtbot.waitUntil(lambda: controller.worker.pending == 0, timeout=20_000)
    finally:
        for w in (controller.login_dialog, controller.password_dialog, controller.main_window):
            if w is not None:
                w.close()
                w.deleteLater()
        # Deleted now, so no timer of theirs can fire after the worker has shut down.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        controller.close()


def test_idle_lock_covers_the_window_keeps_typed_text_and_unlocks_with_the_password(qtbot, demo_store, worker,
                                                                                   actors):
    window = open_window(qtbot, demo_store, worker, actors["clerk"])
    # A half-typed field somewhere in the window's content.
    draft = QLineEdit(window.case_view)
    type_text(qtbot, draft, "T44009")
    lock = window.idle_lock
    lock.idle_seconds = 0.0
    lock._on_timer_timeout()
    assert lock.is_locked and lock._stack.currentIndex() == 1
    dialog = lock.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.reject()  # Esc does not unlock
    assert lock.is_locked
    type_text(qtbot, dialog.password_edit, "wrong-pass1")
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    # The tries left before the account locks, as at the log-in (demo policy: 5).
    assert lock.is_locked and "再错 4 次" in dialog.error_label.text(), dialog.error_label.text()
    type_text(qtbot, dialog.password_edit, DEMO_PASSWORD)
    with qtbot.waitSignal(lock.locked_changed, timeout=10_000) as changed:
        dialog.unlock_button.click()
    assert changed.args == [False] and not lock.is_locked and lock._stack.currentIndex() == 0
    assert draft.text() == "T44009"


def test_policy_sets_the_idle_minutes(qtbot, demo_store, worker, actors):
    # Not the default (10 minutes, which the lock starts with): 7 can only come from the policy.
    with demo_store.transaction() as s:
        s.execute(update(Policy).where(Policy.key == "idle_lock_minutes").values(value="7"))
    window = open_window(qtbot, demo_store, worker, actors["clerk"])
    qtbot.waitUntil(lambda: window.idle_lock.idle_seconds == 7 * 60.0, timeout=10_000)


def _individual_case(store, actors) -> str:
    draft = good_draft(
        business_type="INDIVIDUAL", applicant_name="王小明", applicant_credit_code=None, industry_code=None,
        products=(proposals.ProductLine("ITL01", "A", proposals.Decimal("500000"), proposals.Decimal("1500")),),
        premium_total=proposals.Decimal("1500"), insured_count=1, applicant_id_no=ID_NO, contact_name="王小明",
        contact_phone=PHONE, payer_bank_account=BANK)
    with store.transaction() as s:
        return proposals.register_case(s, actor=actors["clerk"], draft=draft).proposal_id


def test_case_view_masks_for_every_role_and_only_unmask_roles_get_the_button(qtbot, demo_store, worker, actors):
    pid = _individual_case(demo_store, actors)
    allowed = {"clerk", "problem", "uw", "super", "admin", "province"}
    for name, actor in actors.items():
        window = open_window(qtbot, demo_store, worker, actor)
        with qtbot.waitSignal(window.case_opened, timeout=10_000):
            window.open_case(pid)
        f = window.case_view.fields
        assert (f["id_no"].text(), f["phone"].text(), f["bank"].text()) == (
            "1101**********002X", "138****5678", "6222***********0128"), name
        shown = window.case_view.grab()
        assert not shown.isNull()
        buttons = window.case_view.unmask_buttons
        assert all(b.isVisible() == (name in allowed) for b in buttons.values()), name
        window.close()


def test_unmask_asks_a_reason_shows_the_value_and_is_audited(qtbot, demo_store, worker, actors):
    pid = _individual_case(demo_store, actors)
    window = open_window(qtbot, demo_store, worker, actors["uw"])
    with qtbot.waitSignal(window.case_opened, timeout=10_000):
        window.open_case(pid)
    window.case_view.unmask_buttons["phone"].click()
    dialog = window.unmask_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.show_button.click()
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=10_000)
    assert "必须填写原因" in dialog.error_label.text() and not dialog.value_label.isVisible()
    type_text(qtbot, dialog.reason_edit, "call back")
    dialog.show_button.click()
    qtbot.waitUntil(dialog.value_label.isVisible, timeout=10_000)
    assert dialog.value_label.text() == PHONE
    with demo_store.reading() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "privacy.unmask")).one()
    assert entry.username == "uw" and entry.target_id == pid and "call back" in entry.detail
