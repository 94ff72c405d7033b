"""The underwriting workbench as its users work it, on the demo store through the real services:
an underwriter accepts a case with an exclusion by keyboard; a decision above authority is refused
with the service's sentence and the referral is offered with its reason, and referring moves the
case to 上报; the provincial office reads the packet and decides the referred case; a supervisor
gives an underwriter a level."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk_app.core.roles import Role
from desk_app.core.workflow import State
from desk_app.services import referral
from desk_app.ui.uw_dialogs import PacketDialog, ReferDialog
from desk_app.ui.uw_window import UnderwritingWidget
from tests.ui.test_keyboard import open_window, press, type_text
from tests.ui.uw_cases import actor, case_at, case_view

ALT = Qt.KeyboardModifier.AltModifier
LEVEL_2_LIMIT = Decimal("2000000")
LEVEL_1_LIMIT = Decimal("500000")


def pick(qtbot, window, tab: UnderwritingWidget, key: Qt.Key, decision: str) -> None:
    """Alt+letter: the button clicks itself a moment later (Qt animates a mnemonic's click)."""
    qtbot.keyClick(window, key, ALT)
    qtbot.waitUntil(lambda: tab.decision.decision() == decision, timeout=5_000)


def _open(qtbot, window, pid: str) -> UnderwritingWidget:
    tab = window.open_underwriting(pid)
    qtbot.waitUntil(lambda: tab.summary is not None and tab.detail is not None, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    return tab


def test_underwriter_accepts_with_an_exclusion_by_keyboard(qtbot, demo_store, worker, actors):
    pid = case_at(demo_store, State.UNDERWRITING, up_to=LEVEL_2_LIMIT)
    window = open_window(qtbot, demo_store, worker, actors["uw"])
    tab = _open(qtbot, window, pid)
    assert tab.decision.confirm_button.isEnabled()
    assert tab.facts.texts()["applicant"] == tab.detail.applicant_name
    # Alt+X picks 除外 and puts the cursor in its wording; Enter goes on to the reason; Enter records.
    pick(qtbot, window, tab, Qt.Key.Key_X, "exclusion")
    assert QApplication.focusWidget() is tab.decision.exclusion_edit
    type_text(tab.decision.exclusion_edit, "既往症高血压及其并发症除外")
    press(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is tab.decision.reason_edit
    type_text(tab.decision.reason_edit, "体检报告示高血压")
    with qtbot.waitSignal(tab.decided, timeout=10_000) as decided:
        press(qtbot, Qt.Key.Key_Return)
    assert decided.args[0] == "exclusion"
    qtbot.waitUntil(lambda: tab.summary.state == State.ISSUED and worker.pending == 0, timeout=10_000)
    view = case_view(demo_store, actors["uw"], pid)
    last = view.decisions[-1]
    assert (last.decision, last.exclusion, last.reason) == ("exclusion", "既往症高血压及其并发症除外", "体检报告示高血压")
    assert view.policy_no and view.policy_no in tab.status_label.text()
    assert not tab.status_is_error()
    # Decided: the panel is not offered again on an issued case.
    assert not tab.decision.confirm_button.isEnabled()


def test_above_authority_is_refused_and_referral_offered_with_the_refusal(qtbot, demo_store, worker, actors):
    # The supervisor gives the underwriter level 1 (up to 500,000) in the authority dialog.
    sup = open_window(qtbot, demo_store, worker, actors["super"])
    assert sup.authority_action.isVisible()
    dialog = sup.open_authority()
    qtbot.waitUntil(lambda: dialog.level_of("uw") != "" and dialog.level_combo.count() > 1, timeout=10_000)
    assert dialog.level_of("uw").startswith("2")
    dialog.table.setCurrentItem(dialog.table.findItems("uw", Qt.MatchFlag.MatchExactly, 0)[0])
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData(1))
    dialog.assign_button.click()
    qtbot.waitUntil(lambda: dialog.level_of("uw").startswith("1"), timeout=10_000)
    dialog.reject()
    sup.close()

    uw = actor(demo_store, "uw")
    assert uw.authority_level == 1
    pid = case_at(demo_store, State.UNDERWRITING, above=LEVEL_1_LIMIT, up_to=LEVEL_2_LIMIT)
    window = open_window(qtbot, demo_store, worker, uw)
    tab = _open(qtbot, window, pid)
    # The workbench says so before anyone tries: the case's size is above the level's limit.
    assert any(row[5] == tab.tr("above") for row in tab.issue_rows())
    pick(qtbot, window, tab, Qt.Key.Key_S, "standard")
    type_text(tab.decision.reason_edit, "资料齐全")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(tab.dialog, ReferDialog) and tab.dialog.isVisible(), timeout=10_000)
    refer = tab.dialog
    refusal = tab.status_label.text()
    assert tab.status_is_error() and "权限" in refusal
    assert refer.refusal_label.text() == refusal
    assert refusal.removeprefix("不能承保本案：") in refer.reason_edit.text()
    assert case_view(demo_store, uw, pid).state == State.UNDERWRITING  # nothing written
    # Enter refers, with the reason as prefilled.
    with qtbot.waitSignal(tab.decided, timeout=10_000):
        qtbot.keyClick(refer.reason_edit, Qt.Key.Key_Return)
    view = case_view(demo_store, uw, pid)
    assert view.state == State.REFERRED
    assert view.decisions[-1].decision == "refer"
    assert view.decisions[-1].reason == refer.reason_edit.text()
    qtbot.waitUntil(lambda: tab.summary.state == State.REFERRED, timeout=10_000)
    assert not tab.decision.confirm_button.isEnabled()


def test_province_reads_the_packet_and_decides_a_referred_case(qtbot, demo_store, worker, actors):
    # A case referred by the branch's underwriter (the referral makes its packet).
    pid = case_at(demo_store, State.UNDERWRITING, up_to=LEVEL_2_LIMIT)
    from desk_app.services import underwriting

    underwriting.refer(demo_store, actor=actors["uw"], proposal_id=pid, reason="健康告知异常，超出本级权限")
    if referral.packet_info(demo_store, pid) is None:  # the packet hook is uw-referral's to register
        referral.make_packet(demo_store, actor=actors["uw"], proposal_id=pid)
    province = actors["province"]
    assert province.has(Role.HEAD_OFFICE)
    window = open_window(qtbot, demo_store, worker, province)
    tab = _open(qtbot, window, pid)
    assert tab.province_mode()
    assert tab.decision.radios["approve"].isVisible() and not tab.decision.radios["loading"].isVisible()
    assert not tab.decision.refer_button.isVisible()
    assert "健康告知异常" in tab.facts.texts()["decisions"]
    # The referral packet, page by page.
    qtbot.keyClick(window, Qt.Key.Key_W, ALT)
    qtbot.waitUntil(lambda: isinstance(tab.dialog, PacketDialog), timeout=20_000)
    assert len(tab.dialog.page_labels) >= 1
    tab.dialog.accept()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    # 省公司核保通过: Alt+S, the reason, Enter.
    pick(qtbot, window, tab, Qt.Key.Key_S, "approve")
    type_text(tab.decision.reason_edit, "省公司同意按标准体承保")
    with qtbot.waitSignal(tab.decided, timeout=10_000):
        press(qtbot, Qt.Key.Key_Return)
    view = case_view(demo_store, province, pid)
    assert view.state == State.ISSUED and view.policy_no
    assert view.decisions[-1].actor_name == province.display_name


def test_province_declines_and_a_missing_reason_is_the_services_sentence(qtbot, demo_store, worker, actors):
    pid = case_at(demo_store, State.REFERRED)
    window = open_window(qtbot, demo_store, worker, actors["province"])
    tab = _open(qtbot, window, pid)
    pick(qtbot, window, tab, Qt.Key.Key_E, "decline")
    press(qtbot, Qt.Key.Key_Return)  # no reason
    qtbot.waitUntil(lambda: tab.status_is_error() and worker.pending == 0, timeout=10_000)
    assert case_view(demo_store, actors["province"], pid).state == State.REFERRED
    assert tab.dialog is None  # the province is never offered a referral
    type_text(tab.decision.reason_edit, "职业风险过高")
    with qtbot.waitSignal(tab.decided, timeout=10_000):
        press(qtbot, Qt.Key.Key_Return)
    assert case_view(demo_store, actors["province"], pid).state == State.DECLINED
