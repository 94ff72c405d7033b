"""From the log-in dialog to a case's timeline, as the counter clerk does it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desk_app.core import queues
from desk_app.core.demo import DEMO_PASSWORD
from desk_app.core.roles import Role
from desk_app.core.workflow import State
from desk_app.ui.login_dialog import LoginDialog
from desk_app.ui.main_window import MainWindow
from desk_app.ui.queue_model import COL_AGE, COL_CASE_NO, COL_OVERDUE, COL_STAGE


def open_window(qtbot, store, worker, actor) -> MainWindow:
    window = MainWindow(store, actor, worker=worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def wait_loaded(qtbot, window: MainWindow, role: Role) -> None:
    model = window.queue_models[role]
    qtbot.waitUntil(lambda: model.total is not None and model.exhausted and not model.fetching, timeout=10_000)


def test_clerk_logs_in_sees_the_queue_and_opens_a_case(qtbot, demo_store, worker):
    dialog = LoginDialog(demo_store, worker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.username_edit, "clerk")
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    window = open_window(qtbot, demo_store, worker, dialog.actor)
    assert list(window.queue_models) == [Role.COUNTER_CLERK]
    wait_loaded(qtbot, window, Role.COUNTER_CLERK)

    with demo_store.reading() as session:
        expected_count = queues.queue_count(session, Role.COUNTER_CLERK)
        expected = queues.queue_page(session, Role.COUNTER_CLERK, limit=1000)
    model = window.queue_models[Role.COUNTER_CLERK]
    view = window.queue_views[Role.COUNTER_CLERK]
    assert expected_count > 0
    assert model.rowCount() == expected_count == len(expected)
    assert window.tabs.tabText(0) == f"柜面受理员 ({expected_count})"
    assert model.headerData(COL_CASE_NO, Qt.Orientation.Horizontal) == "案件号"
    for row, case in enumerate(expected):
        assert model.index(row, COL_CASE_NO).data() == case.case_no
        assert model.index(row, COL_STAGE).data() == case.state.label
        assert model.index(row, COL_AGE).data() == f"{case.age_hours:.1f}"
        assert model.index(row, COL_OVERDUE).data() == ("超时" if case.overdue else "")
    assert {model.index(r, COL_STAGE).data() for r in range(model.rowCount())} == {"受理", "缮制", "回执"}

    status = " ".join(w.text() for w in window.statusBar().findChildren(QLabel))
    assert "柜员 周晓梅" in status and "柜面受理员" in status
    qtbot.waitUntil(lambda: "广州分公司业务处理中心" in window.branch_label.text())
    assert "GD0101" in window.branch_label.text()
    assert str(demo_store.path) in window.store_label.text()

    # Enter on a row opens it; pick a printed case, whose history is long.
    printed = next(r for r in range(model.rowCount()) if model.row_at(r).state is State.PRINTED)
    view.setFocus()
    view.setCurrentIndex(model.index(printed, 0))
    with qtbot.waitSignal(window.case_opened, timeout=10_000) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    detail = opened.args[0]
    assert detail.case_no == model.row_at(printed).case_no
    assert window.case_view.title_label.text() == f"案件 {detail.case_no}"
    assert window.case_view.state_label.text() == "缮制"
    rows = window.case_view.timeline_rows()
    actions = [r[1] for r in rows]
    assert actions == ["受理", "扫描完成", "初录完成", "二录完成", "比对一致", "校验通过", "开始核保",
                       "核保通过（承保）", "合同缮制"]
    assert rows[0][2] == "受理" and rows[1][2] == "受理 → 扫描"
    assert rows[0][3] == "柜员 周晓梅" and rows[-1][3] == "缮制员 罗敏"
    money = window.case_view.fields["sum_insured"].text()
    assert money.endswith(" 元") and "," in money


def test_double_click_opens_a_case_and_f5_refreshes(qtbot, demo_store, worker, actors):
    window = open_window(qtbot, demo_store, worker, actors["uw"])
    wait_loaded(qtbot, window, Role.UNDERWRITER)
    model = window.queue_models[Role.UNDERWRITER]
    view = window.queue_views[Role.UNDERWRITER]
    assert model.rowCount() > 0
    rect = view.visualRect(model.index(0, 1))
    # A real double-click is a click then a double-click event; QTest's mouseDClick alone
    # sends no first release, and the view then ignores the double-click. An underwriter's case
    # opens in the underwriting workbench.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    bench = window.tabs.currentWidget()
    assert bench.objectName() == "uwWindow"
    qtbot.waitUntil(lambda: bench.summary is not None, timeout=10_000)
    assert bench.summary.proposal_id == model.row_at(0).proposal_id
    window.tabs.setCurrentIndex(0)

    # A case moved on elsewhere (another desk) shows after F5, not before.
    from desk_app.core import workflow

    first = model.row_at(0)
    with demo_store.transaction() as session:
        if first.state is State.VALIDATED:
            workflow.perform(session, actor=actors["uw"], proposal_id=first.proposal_id,
                             action="start_underwriting")
        else:
            workflow.perform(session, actor=actors["uw"], proposal_id=first.proposal_id,
                             action="refer", reason="保额较大")
    before = model.rowCount()
    with qtbot.waitSignal(bench.shown, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    wait_loaded(qtbot, window, Role.UNDERWRITER)
    if first.state is State.VALIDATED:
        assert model.rowCount() == before
        assert bench.state_badge.text() == "核保"
    else:
        assert model.rowCount() == before - 1
        assert bench.state_badge.text() == "上报"


def test_supervisor_and_admin_see_their_queues(qtbot, demo_store, worker, actors):
    window = open_window(qtbot, demo_store, worker, actors["admin"])
    # admin holds ADMIN (no queue) and SUPERVISOR: one tab, the supervisor's.
    assert list(window.queue_models) == [Role.SUPERVISOR]
    wait_loaded(qtbot, window, Role.SUPERVISOR)
    with demo_store.reading() as session:
        assert window.queue_models[Role.SUPERVISOR].rowCount() == queues.queue_count(session, Role.SUPERVISOR)


def test_a_scanned_case_leaves_the_scanning_queue_without_a_refresh(qtbot, demo_store, worker, actors, tmp_path):
    """In the scanning tab, a stack is imported and its insured list typed (key 2): the case is
    complete (扫描 SCANNED), and the operator's queue and stage counts follow by the change bus, no F5."""
    from tests.scanning.test_service import received_case, stack

    # Chosen (or taken in at the counter) before the queue is read, so the queue's count includes it.
    _pid, case_no, proposal_no, _insured = received_case(demo_store, max_insured=25)
    window = open_window(qtbot, demo_store, worker, actors["scanner"])
    role = Role.SCANNING_OPERATOR
    wait_loaded(qtbot, window, role)
    model, label = window.queue_models[role], window.stage_labels[role]
    before = model.total
    assert f"{before:,}" in label.text()
    path = tmp_path / "stack.tif"
    path.write_bytes(stack(case_no, proposal_no, 1))  # cover, proposal form, one insured-list page
    scanning_tab = window.open_scanning()
    strip = scanning_tab.strip.page_list
    scanning_tab.importer.import_files([str(path)])
    qtbot.waitUntil(lambda: strip.count() == 3, timeout=120_000)
    assert model.total == before  # stored, but the insured list is not typed yet: still to scan
    strip.setCurrentRow(2)
    qtbot.keyClick(strip, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: model.total == before - 1 and not model.fetching, timeout=30_000)
    qtbot.waitUntil(lambda: f"{before - 1:,}" in label.text(), timeout=10_000)
    assert case_no not in [model.index(r, COL_CASE_NO).data() for r in range(model.rowCount())]
    assert "被保险人清单" in strip.item(2).text()


def test_ctrl_shift_i_opens_the_insured_list_of_the_selected_case(qtbot, demo_store, worker, actors):
    """The counter clerk selects a case in the queue and opens its insured list by keyboard alone."""
    window = open_window(qtbot, demo_store, worker, actors["clerk"])
    wait_loaded(qtbot, window, Role.COUNTER_CLERK)
    model, view = window.queue_models[Role.COUNTER_CLERK], window.queue_views[Role.COUNTER_CLERK]
    received = next(r for r in range(model.rowCount()) if model.row_at(r).state is State.RECEIVED)
    view.setFocus()
    view.setCurrentIndex(model.index(received, 0))
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(window, "insured_dialog", None) is not None and window.insured_dialog.isVisible())
    assert model.row_at(received).case_no in window.insured_dialog.windowTitle()
    window.insured_dialog.close()


def test_roles_without_the_insured_list_do_not_see_it(qtbot, demo_store, worker, actors):
    window = open_window(qtbot, demo_store, worker, actors["uw"])
    assert not window.insured_action.isVisible() and not window.insured_action.isEnabled()
