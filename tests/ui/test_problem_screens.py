"""The problem-case screens as a handler and a supervisor use them: the queue's countdown and marks,
issuing a notice and resolving with fields to re-key by keyboard only, a refusal in the service's
words, the latest rule run with field labels. Real store, real services, real widgets."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from desk_app import clock
from desk_app.core.roles import Role
from desk_app.core.rules.engine import Finding, Severity
from desk_app.core.rules.runs import RunView
from desk_app.core.workflow import State
from desk_app.services import cases, problems
from desk_app.ui.main_window import MainWindow
from desk_app.ui.problem_actions import ReasonDialog, ResolveDialog
from desk_app.ui.problem_case import ProblemCaseWidget
from desk_app.ui.problem_notice import NoticeDialog
from desk_app.ui.problem_queue import COL_MARK, OVERDUE_COLOR, WARNING_COLOR, ProblemQueueWidget
from desk_app.ui.rule_results import RuleResultsDialog, RuleResultsPanel
from tests.ui.problem_cases import MOVABLE, cases_at, due_soon_and_overdue, next_wednesday_at_ten, raise_on


def type_text(widget, text: str) -> None:
    """Chinese into a widget as key events carrying the text (what an input method delivers)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _queue(qtbot, store, worker, actor) -> ProblemQueueWidget:
    widget = ProblemQueueWidget(store, worker, actor)
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.show()
    qtbot.waitUntil(lambda: worker.pending == 0 and len(widget.rows) > 0, timeout=10_000)
    return widget


def test_queue_marks_overdue_and_due_soon_in_words_and_colour_and_the_clock_ticks_without_reading(
        qtbot, demo_store, worker, actors):
    with clock.use(next_wednesday_at_ten()) as now_clock:
        made = due_soon_and_overdue(demo_store, actors["problem"])
        queue = _queue(qtbot, demo_store, worker, actors["super"])
        marks = queue.marks()
        overdue, soon = marks[made["overdue"].problem_no], marks[made["soon"].problem_no]
        later, unnoticed = marks[made["later"].problem_no], marks[made["unnoticed"].problem_no]
        assert overdue[0].startswith("超期 ") and overdue[1] == "已超期"
        assert soon == ("剩余 1 小时", "即将到期")
        assert later == ("剩余 5 工作日", "")
        assert unnoticed == ("—", "")
        # Sorted by due time: overdue, due soon, later, and those without a notice after them all.
        order = [r.problem_no for r in queue.rows]
        mine = [order.index(made[k].problem_no) for k in ("overdue", "soon", "later", "unnoticed")]
        assert mine == sorted(mine)
        assert all(r.countdown.due_at is None for r in queue.rows[mine[3]:])
        # The marks are coloured as well as worded.
        row_of = {r.problem_no: i for i, r in enumerate(queue.rows)}
        assert queue.table.item(row_of[made["overdue"].problem_no], COL_MARK).foreground().color() == OVERDUE_COLOR
        assert queue.table.item(row_of[made["soon"].problem_no], COL_MARK).foreground().color() == WARNING_COLOR
        words = [mark for _text, mark in marks.values()]
        assert f"已超期 {words.count('已超期')}，即将到期 {words.count('即将到期')}" in queue.summary_label.text()
        # Supervisors see where problems come from.
        assert queue.counts_box.isVisible()
        qtbot.waitUntil(lambda: queue.by_rule.rowCount() > 0, timeout=10_000)
        rules = [queue.by_rule.item(i, 0).text() for i in range(queue.by_rule.rowCount())]
        assert any(text.startswith("MANUAL") for text in rules)

        # Two working hours later: the once-a-minute tick turns the due-soon case overdue from the
        # due times it holds, with no read of the store.
        assert queue.timer.isActive() and queue.timer.interval() == 60_000
        later_clock = clock.Clock(now_clock.now() + dt.timedelta(hours=2), frozen=True)
        with clock.use(later_clock):
            queue.timer.timeout.emit()
            assert worker.pending == 0
            assert queue.marks()[made["soon"].problem_no][1] == "已超期"
            assert queue.marks()[made["later"].problem_no][0] == "剩余 4 工作日 5 小时"


def test_queue_type_to_search_and_enter_opens(qtbot, demo_store, worker, actors):
    with clock.use(next_wednesday_at_ten()):
        made = due_soon_and_overdue(demo_store, actors["problem"])
        queue = _queue(qtbot, demo_store, worker, actors["problem"])
        assert not queue.counts_box.isVisible()  # the counts are the supervisor's
        queue.activateWindow()
        queue.table.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is queue.table, timeout=5_000)
        wanted = made["later"].problem_no
        qtbot.keyClicks(queue.table, wanted[-6:])  # typed at the table: goes to the search line
        assert queue.search_edit.text() == wanted[-6:]
        assert [r.problem_no for r in queue.visible_rows()] == [wanted]
        with qtbot.waitSignal(queue.open_requested, timeout=5_000) as opened:
            press(qtbot, Qt.Key.Key_Return)
        assert opened.args == [wanted]
        # Down goes back to the table; Esc-free: clearing the search shows every row again.
        press(qtbot, Qt.Key.Key_Down)
        assert QApplication.focusWidget() is queue.table
        queue.search_edit.clear()
        assert len(queue.visible_rows()) == len(queue.rows) > 4
        # The status filter: closed ones are read when asked for.
        with qtbot.waitSignal(queue.loaded, timeout=10_000):
            queue.status_combo.setCurrentIndex(queue.status_combo.findData("noticed"))
        assert {r.status for r in queue.rows} == {"noticed"}


def test_handler_issues_the_notice_and_resolves_with_fields_to_rekey_keyboard_only(
        qtbot, demo_store, worker, actors, tmp_path):
    handler = actors["problem"]
    with clock.use(next_wednesday_at_ten()):
        proposal_id = cases_at(demo_store, State.COMPARED)[0]
        made = raise_on(demo_store, handler, proposal_id)
        window = MainWindow(demo_store, handler, worker=worker)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5_000)

        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        queue = window.tabs.currentWidget()
        assert isinstance(queue, ProblemQueueWidget)
        qtbot.waitUntil(lambda: queue.current_problem_id() is not None, timeout=10_000)
        assert QApplication.focusWidget() is queue.table
        assert queue.table.currentRow() == 0
        # The number typed at the table finds it; Enter opens it.
        qtbot.keyClicks(queue.table, made.problem_no[-6:])
        assert [r.problem_no for r in queue.visible_rows()] == [made.problem_no]
        press(qtbot, Qt.Key.Key_Return)
        case = window.tabs.currentWidget()
        assert isinstance(case, ProblemCaseWidget)
        qtbot.waitUntil(lambda: case.detail is not None and case.buttons["notice"].isEnabled(), timeout=10_000)
        assert case.item_rows()[0][:3] == ("MANUAL", "保费合计与费率表重算不符，请业务员核实", "保费合计（元）")

        # Alt+N: the notice is issued and shown for printing; Esc closes the preview.
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: isinstance(case.dialog, NoticeDialog) and case.dialog.isVisible(), timeout=20_000)
        notice = case.dialog
        assert notice.page_labels and not notice.page_labels[0].pixmap().isNull()
        notice.save_to(tmp_path / "notice.pdf")
        assert (tmp_path / "notice.pdf").read_bytes().startswith(b"%PDF")
        press(qtbot, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not notice.isVisible(), timeout=5_000)
        qtbot.waitUntil(lambda: case.problem.status == "noticed", timeout=10_000)
        window.activateWindow()  # the offscreen platform gives no window the focus back by itself
        qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
        assert case.step_rows()[-1][1] == "发出问题件通知书"

        # Alt+J: the form's fields, the one the item names already ticked; Down, Space ticks another.
        qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: isinstance(case.dialog, ResolveDialog) and case.dialog.isVisible(), timeout=5_000)
        dialog = case.dialog
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.fields_list, timeout=5_000)
        assert dialog.chosen_fields() == ["premium_total"]
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Space)
        assert dialog.chosen_fields() == ["applicant_credit_code", "premium_total"]
        press(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.reason_edit
        type_text(dialog.reason_edit, "业务员回复更正保费")
        with qtbot.waitSignal(case.acted, timeout=10_000) as acted:
            press(qtbot, Qt.Key.Key_Return)
        assert acted.args[0] == "resolve" and acted.args[1].reentry_round is not None
        assert "重新录入" in case.status_label.text() and not case.status_is_error()
        qtbot.waitUntil(lambda: case.problem.status == "resolved", timeout=10_000)
        assert case.buttons["reopen"].isEnabled() and not case.buttons["resolve"].isEnabled()

    view = problems.problem(demo_store, problem_no=made.problem_no)
    assert view.events[-1].action == "resolve" and view.events[-1].reason == "业务员回复更正保费"
    assert view.events[-1].detail["fields"] == ["applicant_credit_code", "premium_total"]
    assert cases.case_detail(demo_store, proposal_id).state == State.SCANNED  # back for the partial re-entry
    # Esc closes the case tab.
    case.setFocus()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.tabs.indexOf(case) < 0, timeout=5_000)


def test_withdraw_without_a_reason_is_refused_in_the_services_words_and_nothing_changes(
        qtbot, demo_store, worker, actors):
    handler = actors["problem"]
    with clock.use(next_wednesday_at_ten()):
        made = raise_on(demo_store, handler, cases_at(demo_store, *MOVABLE)[0])
        case = ProblemCaseWidget(demo_store, worker, handler)
        qtbot.addWidget(case)
        case.show()
        case.open_problem(made.problem_no)
        qtbot.waitUntil(lambda: case.problem is not None and worker.pending == 0, timeout=10_000)
        dialog = case.withdraw()
        assert isinstance(dialog, ReasonDialog)
        qtbot.waitExposed(dialog)
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: dialog.refusal() != "", timeout=10_000)
        assert dialog.refusal() == "撤件必须填写原因。"
        assert dialog.isVisible() and dialog.ok_button.isEnabled()
        assert problems.problem(demo_store, problem_no=made.problem_no).status == "open"
        # A refusal of a step on the screen itself (not in a dialog) shows on its status line.
        case._on_refused("问题件 X 已解决，不能解决。")
        assert case.status_is_error() and case.status_label.text() == "问题件 X 已解决，不能解决。"
        dialog.reject()


def test_rule_results_show_code_severity_field_labels_and_message(qtbot, demo_store, worker, actors):
    panel = RuleResultsPanel()
    qtbot.addWidget(panel)
    run = RunView(2, clock.now(), actors["problem"].user_id, "2026.12-1", (
        Finding("R013", Severity.WARNING, ("payer_bank_account",), "缴费账号“123”不像银行账号，请核对。"),
        Finding("R008", Severity.BLOCKING, ("premium_total",), "保费合计 100.00 元，按费率表应为 120.00 元。"),
        Finding("R019", Severity.BLOCKING, ("applicant_id_no", "insured_id_no"), "身份证号校验位不符。"),
    ))
    panel.show_run(run, "GROUP")
    assert panel.rows() == [
        ("R008", "阻断", "保费合计（元）", "保费合计 100.00 元，按费率表应为 120.00 元。"),
        ("R019", "阻断", "投保人身份证号、被保险人身份证号", "身份证号校验位不符。"),
        ("R013", "提示", "缴费账号", "缴费账号“123”不像银行账号，请核对。"),
    ]
    assert "第 2 次检查" in panel.summary_label.text() and "阻断 2 条，提示 1 条" in panel.summary_label.text()
    panel.show_run(None)
    assert panel.rows() == [] and "没有运行过" in panel.summary_label.text()


def test_case_view_f7_opens_the_latest_rule_run(qtbot, demo_store, worker, actors):
    from desk_app.services import validation

    supervisor = actors["super"]
    proposal_id = cases_at(demo_store, State.COMPARED)[0]
    run = validation.check_case(demo_store, actor=supervisor, proposal_id=proposal_id).value
    window = MainWindow(demo_store, supervisor, worker=worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    with qtbot.waitSignal(window.case_opened, timeout=10_000):
        window.open_case(proposal_id)
    assert window.case_view.rules_button.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    dialog = window.rules_dialog
    assert isinstance(dialog, RuleResultsDialog)
    qtbot.waitUntil(lambda: dialog.panel.run is not None, timeout=10_000)
    assert dialog.panel.run.run_no == run.run_no
    assert len(dialog.panel.rows()) == len(run.findings)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)


def test_handlers_case_queue_opens_a_problem_case_at_its_problem_case(qtbot, demo_store, worker, actors):
    handler = actors["problem"]
    with clock.use(next_wednesday_at_ten()):
        proposal_id = cases_at(demo_store, State.VALIDATED)[0]
        made = raise_on(demo_store, handler, proposal_id)
        window = MainWindow(demo_store, handler, worker=worker)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        view, model = window.queue_views[Role.PROBLEM_HANDLER], window.queue_models[Role.PROBLEM_HANDLER]
        qtbot.waitUntil(lambda: any(model.row_at(r).proposal_id == proposal_id for r in range(model.rowCount())),
                        timeout=10_000)
        row = next(r for r in range(model.rowCount()) if model.row_at(r).proposal_id == proposal_id)
        view.setCurrentIndex(model.index(row, 0))
        view.activated.emit(model.index(row, 0))
        qtbot.waitUntil(lambda: isinstance(window.tabs.currentWidget(), ProblemCaseWidget), timeout=10_000)
        case = window.tabs.currentWidget()
        qtbot.waitUntil(lambda: case.problem is not None, timeout=10_000)
        assert case.problem.problem_no == made.problem_no
