"""Every window fits the branch PCs' screens (1366×768; 1920×1080 at 125 % and 150 %) with no
text cut inside a label, button, combo or field. See tests/ui/fitcheck.py for how."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from desk_app import clock
from desk_app.core.demo import DEMO_PASSWORD
from desk_app.ui.login_dialog import LoginDialog
from desk_app.ui.main_window import MainWindow
from desk_app.ui.stationery_dialog import StationeryDialog
from desk_app.ui.sync_status import SyncStatusWidget
from tests.ui.fitcheck import SCREENS, check_fits

SIZES = list(SCREENS)


def _main(qtbot, demo_store, worker, actor, size: str) -> MainWindow:
    window = MainWindow(demo_store, actor, worker=worker)
    qtbot.addWidget(window)
    # Never larger than the screen it opens on (offscreen: 800×600).
    avail = window.screen().availableGeometry()
    assert window.width() <= max(avail.width(), window.minimumSizeHint().width())
    assert window.height() <= max(avail.height(), window.minimumSizeHint().height())
    window.show()
    qtbot.waitExposed(window)
    window.resize(SCREENS[size])  # maximised on that screen
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=10_000)
    return window


@pytest.mark.parametrize("size", SIZES)
def test_main_window_fits(qtbot, demo_store, worker, actors, size):
    window = _main(qtbot, demo_store, worker, actors["clerk"], size)
    # The longest status the bar shows: a sync failure with its reason.
    window.findChild(SyncStatusWidget).failure_label.setText("同步失败：无法连接总公司服务器（连接超时，30 秒内没有应答），稍后将自动重试")
    problems = check_fits(window, size)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES)
def test_intake_tab_fits(qtbot, demo_store, worker, actors, size):
    window = _main(qtbot, demo_store, worker, actors["clerk"], size)
    intake = window.open_intake()
    qtbot.waitUntil(lambda: intake.product_combo.count() > 0, timeout=10_000)
    intake.business_type_combo.setCurrentIndex(intake.business_type_combo.findData("GROUP"))
    intake.proposal_no_edit.setText("T440100001")
    intake._on_check()
    qtbot.waitUntil(lambda: intake.checklist_table.rowCount() > 0, timeout=10_000)
    problems = check_fits(window, size)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES)
def test_scanning_tab_fits(qtbot, demo_store, worker, actors, size):
    window = _main(qtbot, demo_store, worker, actors["scanner"], size)
    window.open_scanning()
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=10_000)
    problems = check_fits(window, size)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES)
def test_stationery_dialog_fits(qtbot, demo_store, worker, actors, size):
    dialog = StationeryDialog(demo_store, worker, actors["super"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=10_000)
    problems = check_fits(dialog, size)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES)
def test_login_dialog_fits_after_a_wrong_password(qtbot, demo_store, worker, size):
    dialog = LoginDialog(demo_store, worker, branch_name="GD0101 广州分公司业务处理中心")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.username_edit, "clerk")
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD + "x")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    problems = check_fits(dialog, size)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES)
def test_lock_screen_fits_after_a_wrong_password(qtbot, demo_store, worker, actors, size):
    window = _main(qtbot, demo_store, worker, actors["clerk"], size)
    window.idle_lock.lock()
    dialog = window.idle_lock.dialog
    qtbot.waitExposed(dialog)
    dialog.password_edit.setText("wrong")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    problems = check_fits(dialog, size)
    assert not problems, "\n".join(problems)
    # Behind the lock nothing of the window can be used.
    assert not window.menuBar().isEnabled()
    assert not window.findChild(QToolBar, "mainToolBar").isEnabled()


@pytest.mark.scan_precondition
@pytest.mark.parametrize("size", SIZES)
def test_entry_tab_fits(qtbot, demo_store, worker, actors, size, tmp_path):
    from tests.ui.entry_cases import scanned_group_case

    pid, _no, _values = scanned_group_case(demo_store, actors["scanner"], tmp_path)
    window = _main(qtbot, demo_store, worker, actors["entry1"], size)
    tab = window.open_entry(pid)
    qtbot.waitUntil(lambda: tab.image.has_image(), timeout=20_000)
    # The longest mark a field shows, under a half-width field.
    form = tab.current_form()
    form._show_mark("contact_id_no", ("error", "身份证号码校验位不正确：按前 17 位计算应为 X，请核对投保单。"))
    problems = check_fits(window, size)
    assert not problems, "\n".join(problems)


@pytest.mark.scan_precondition
@pytest.mark.parametrize("size", SIZES)
def test_reconcile_tab_fits(qtbot, demo_store, worker, actors, size, tmp_path):
    from tests.entry.helpers import key_pass
    from tests.ui.entry_cases import scanned_group_case

    pid, _no, values = scanned_group_case(demo_store, actors["scanner"], tmp_path)
    key_pass(demo_store, actors["entry1"], pid, values)
    key_pass(demo_store, actors["entry2"], pid, dict(values, contact_id_no="110101199003070000", insured_count="21"))
    window = _main(qtbot, demo_store, worker, actors["super"], size)
    tab = window.open_reconcile(pid)
    qtbot.waitUntil(lambda: tab.image.region is not None, timeout=20_000)
    problems = check_fits(window, size)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES)
def test_problem_queue_tab_fits(qtbot, demo_store, worker, actors, size):
    # The supervisor's: the queue and the counts by agent and by rule beside it.
    window = _main(qtbot, demo_store, worker, actors["super"], size)
    queue = window.open_problems()
    qtbot.waitUntil(lambda: len(queue.rows) > 0 and worker.pending == 0, timeout=10_000)
    problems = check_fits(window, size)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES)
def test_entry_figures_dialog_fits(qtbot, demo_store, worker, actors, size):
    window = _main(qtbot, demo_store, worker, actors["super"], size)
    dialog = window.open_figures()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=10_000)
    problems = check_fits(dialog, size)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES)
def test_problem_case_tab_and_its_dialogs_fit(qtbot, demo_store, worker, actors, size):
    window = _main(qtbot, demo_store, worker, actors["problem"], size)
    queue = window.open_problems()
    qtbot.waitUntil(lambda: len(queue.rows) > 0 and worker.pending == 0, timeout=10_000)
    case = window.open_problem(queue.rows[0].problem_no)
    qtbot.waitUntil(lambda: case.detail is not None and worker.pending == 0, timeout=10_000)
    problems = check_fits(window, size)
    assert not problems, "\n".join(problems)
    for open_dialog in (case.resolve, case.raise_by_hand, case.withdraw):
        dialog = open_dialog()
        qtbot.waitExposed(dialog)
        problems = check_fits(dialog, size)
        assert not problems, f"{type(dialog).__name__}:\n" + "\n".join(problems)
        dialog.reject()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("username", ["uw", "province"])
def test_underwriting_tab_fits(qtbot, demo_store, worker, actors, size, username):
    from desk_app.core.workflow import State
    from tests.ui.uw_cases import case_at

    window = _main(qtbot, demo_store, worker, actors[username], size)
    pid = case_at(demo_store, State.REFERRED if username == "province" else State.UNDERWRITING)
    tab = window.open_underwriting(pid)
    qtbot.waitUntil(lambda: tab.summary is not None and tab.detail is not None and worker.pending == 0,
                    timeout=10_000)
    # The longest line the status shows: a refusal naming a figure and a limit.
    tab.say("不能承保本案：“总保额超限”金额 51,600,000.00 元超出您的核保权限（二级核保权限，上限 2,000,000.00 元），"
            "请上报省公司。", error=True)
    problems = check_fits(window, size)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES)
def test_authority_dialog_fits(qtbot, demo_store, worker, actors, size):
    window = _main(qtbot, demo_store, worker, actors["super"], size)
    dialog = window.open_authority()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.level_combo.count() > 1 and worker.pending == 0, timeout=10_000)
    problems = check_fits(dialog, size)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES)
def test_contract_tabs_and_dialogs_fit(qtbot, demo_store, worker, actors, size, tmp_path):
    """The contract tab with a printed case's log, a batch's report and a refusal; the verify box with a
    verdict; the receipt queue with its marks; the reprint request and approval dialogs; a box's list."""
    from desk_app.services import contracts
    from tests.ui.contract_cases import issued, print_at, qr_text

    ids = issued(demo_store)
    first = print_at(demo_store, actors["printer"], ids[0], clock.now() - dt.timedelta(days=20))
    request = contracts.request_reprint(demo_store, actor=actors["printer"], proposal_id=ids[0],
                                        reason="客户所持合同被水浸湿，字迹模糊无法辨认，申请重新打印一份").value
    window = _main(qtbot, demo_store, worker, actors["super"], size)
    tab = window.open_contracts(ids[0])
    qtbot.waitUntil(lambda: worker.pending == 0 and tab.preview is not None and bool(tab.log_rows), timeout=20_000)
    tab.say_error("该案件没有经业务主管批准的重印申请，不能重印；请先提交重印申请并等待批准。")
    tab.batch_list.addItem("C4401202612020001 failed: 该案件尚未承保出单，没有保单号，不能缮制合同。")
    problems = check_fits(window, size)
    assert not problems, "ContractWindow:\n" + "\n".join(problems)
    dialog = window.open_reprint_approvals()
    qtbot.waitUntil(lambda: worker.pending == 0 and bool(dialog.requests), timeout=20_000)
    assert dialog.requests[0].request_id == request.request_id
    problems = check_fits(dialog, size)
    assert not problems, "ReprintApprovalDialog:\n" + "\n".join(problems)
    dialog.reject()
    tab.show_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: worker.pending == 0 and tab.current_case() is not None, timeout=20_000)
    tab.request_reprint()
    problems = check_fits(tab.reprint_dialog, size)
    assert not problems, "ReprintRequestDialog:\n" + "\n".join(problems)
    tab.reprint_dialog.reject()

    verify = window.open_verify()
    verify.scan_edit.setText(qr_text(first))
    with qtbot.waitSignal(verify.verified, timeout=20_000):
        verify.check_text()
    problems = check_fits(window, size)
    assert not problems, "VerifyWidget:\n" + "\n".join(problems)

    receipts = window.open_receipts()
    qtbot.waitUntil(lambda: worker.pending == 0 and bool(receipts.rows), timeout=20_000)
    receipts.say_error("该案件不在回执阶段（当前：缮制），不能归档；请先登记回执。")
    problems = check_fits(window, size)
    assert not problems, "ReceiptArchiveWidget:\n" + "\n".join(problems)
