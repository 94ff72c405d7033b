"""The contract screens as a preparer, a supervisor and a counter clerk use them: preview and print by
keyboard, a batch with progress, a reprint refused until a supervisor approves it, the verify box's
verdicts, the receipt queue's marks. Real store, real services, real widgets; printing goes to PDF
files through the printer path, never to a real printer."""

from __future__ import annotations

import datetime as dt

import pypdfium2
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk_app import clock
from desk_app.core.workflow import State
from desk_app.services import cases
from desk_app.ui.contract_receipts import MARK_COLOURS, R_MARK, ReceiptArchiveWidget
from desk_app.ui.contract_reprint import ReprintApprovalDialog, ReprintRequestDialog
from desk_app.ui.contract_verify import VERDICT_LABELS, VerifyWidget
from desk_app.ui.contract_window import ContractWindow
from tests.ui.contract_cases import issued, print_at, qr_text
from tests.ui.test_keyboard import open_window, press, type_text

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _pages(path) -> int:
    doc = pypdfium2.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def _ready(qtbot, worker, widget: ContractWindow) -> None:
    qtbot.waitUntil(lambda: worker.pending == 0 and widget.preview is not None, timeout=20_000)


def test_preparer_previews_and_prints_a_contract_by_keyboard(qtbot, demo_store, worker, actors, tmp_path):
    issued(demo_store)
    window = open_window(qtbot, demo_store, worker, actors["printer"])
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL_SHIFT)
    tab = window.tabs.currentWidget()
    assert isinstance(tab, ContractWindow)
    _ready(qtbot, worker, tab)
    assert QApplication.focusWidget() is tab.case_table
    first = tab.current_case()
    assert first is not None and first.state == State.ISSUED
    assert tab.preview.pages == len(tab.preview_view.page_labels) > 0
    # Down previews the next case.
    press(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: worker.pending == 0 and tab.preview is not None
                    and tab.preview.proposal_id == tab.cases[1].proposal_id, timeout=20_000)
    case = tab.current_case()
    tab.print_target = tmp_path / "contract.pdf"
    with qtbot.waitSignal(tab.printed, timeout=20_000) as printed:
        press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    contract = printed.args[0]
    assert contract.proposal_id == case.proposal_id and contract.print_seq == 1
    assert _pages(tab.print_target) == contract.pages == tab.preview.pages
    assert tab.refusal() == ""
    # Printed: the case left the list of cases to print, and moved to 缮制 PRINTED.
    qtbot.waitUntil(lambda: worker.pending == 0 and case.proposal_id not in [c.proposal_id for c in tab.cases],
                    timeout=10_000)
    assert cases.case_detail(demo_store, case.proposal_id).state == State.PRINTED
    # Its print log: who, pages, "PDF file" (no printer named: printed to a file).
    tab.open_case(case.proposal_id)
    qtbot.waitUntil(lambda: worker.pending == 0 and tab.current_proposal_id() == case.proposal_id
                    and len(tab.log_rows) == 1, timeout=20_000)
    assert tab.showing() == State.PRINTED
    row = tab.log_rows[0]
    assert (row.print_seq, row.pages, row.printed_by) == (1, contract.pages, actors["printer"].display_name)
    # Esc closes the tab.
    tab.case_table.setFocus()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.tabs.indexOf(tab) < 0, timeout=5_000)


def test_batch_of_ticked_cases_prints_each_with_progress_and_reports_each(qtbot, demo_store, worker, actors,
                                                                           tmp_path):
    issued(demo_store)
    window = open_window(qtbot, demo_store, worker, actors["printer"])
    tab = window.open_contracts()
    _ready(qtbot, worker, tab)
    n = min(3, len(tab.cases))
    for _ in range(n):
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_Down)
    assert len(tab.ticked_ids()) == n
    tab.batch_folder = tmp_path / "batch"
    with qtbot.waitSignal(tab.batch_finished, timeout=60_000) as finished:
        press(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert finished.args == [n, 0]
    assert tab.progress.value() == tab.progress.maximum() == n
    assert len(tab.batch_report()) == n and all("printed" in line or "已打印" in line for line in tab.batch_report())
    assert len(list((tmp_path / "batch").glob("*.pdf"))) == n


def test_reprint_is_refused_without_approval_and_prints_once_a_supervisor_approves(
        qtbot, demo_store, worker, actors, tmp_path):
    pid = issued(demo_store)[0]
    first = print_at(demo_store, actors["printer"], pid)
    window = open_window(qtbot, demo_store, worker, actors["printer"])
    tab = window.open_contracts(pid)
    qtbot.waitUntil(lambda: worker.pending == 0 and tab.current_proposal_id() == pid and tab.preview is not None,
                    timeout=20_000)
    assert tab.showing() == State.PRINTED
    tab.print_target = tmp_path / "reprint.pdf"
    # No approved request: the service refuses, and its sentence is shown; nothing was printed.
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.refusal() != "", timeout=20_000)
    assert not tab.print_target.exists()
    # The preparer asks (Alt+Q), with a reason typed in Chinese.
    # A button's Alt key clicks it a moment later (Qt animates the press).
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: getattr(tab, "reprint_dialog", None) is not None, timeout=5_000)
    dialog = tab.reprint_dialog
    assert isinstance(dialog, ReprintRequestDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    type_text(dialog.reason_edit, "客户合同污损")
    with qtbot.waitSignal(dialog.completed, timeout=20_000):
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    # Still refused: the request waits for a supervisor.
    tab.say("")
    window.activateWindow()  # the offscreen platform gives no window the focus back by itself
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    tab.case_table.setFocus()
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.refusal() != "", timeout=20_000)
    # The supervisor approves it in the list (Alt+A).
    approvals = ReprintApprovalDialog(demo_store, worker, actors["super"])
    qtbot.addWidget(approvals)
    approvals.show()
    qtbot.waitUntil(lambda: worker.pending == 0 and len(approvals.requests) == 1, timeout=20_000)
    assert approvals.requests[0].reason == "客户合同污损"
    with qtbot.waitSignal(approvals.decided, timeout=20_000) as decided:
        qtbot.keyClick(approvals, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert decided.args[0].status == "approved"
    approvals.close()
    # Now the reprint prints: print 2, the first superseded in the log.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    tab.case_table.setFocus()
    with qtbot.waitSignal(tab.printed, timeout=20_000) as printed:
        press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed.args[0].print_seq == 2 and printed.args[0].policy_no == first.policy_no
    assert tab.print_target.exists()
    qtbot.waitUntil(lambda: worker.pending == 0 and len(tab.log_rows) == 2, timeout=20_000)
    assert [r.current for r in tab.log_rows] == [False, True]


def test_supervisor_refuses_a_request_with_a_note_and_the_service_wants_one(qtbot, demo_store, worker, actors):
    from desk_app.services import contracts

    pid = issued(demo_store)[0]
    print_at(demo_store, actors["printer"], pid)
    contracts.request_reprint(demo_store, actor=actors["printer"], proposal_id=pid, reason="打印机卡纸")
    approvals = ReprintApprovalDialog(demo_store, worker, actors["super"])
    qtbot.addWidget(approvals)
    approvals.show()
    qtbot.waitUntil(lambda: worker.pending == 0 and len(approvals.requests) == 1, timeout=20_000)
    # Refusing without a note: the service's sentence stays in the dialog, the request stays pending.
    qtbot.keyClick(approvals, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: approvals.refusal() != "", timeout=20_000)
    assert len(approvals.requests) == 1
    type_text(approvals.note_edit, "原件可用")
    with qtbot.waitSignal(approvals.decided, timeout=20_000) as decided:
        qtbot.keyClick(approvals, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert decided.args[0].status == "refused"
    qtbot.waitUntil(lambda: worker.pending == 0 and approvals.requests == [], timeout=20_000)


def test_verify_box_says_current_for_the_latest_print_and_superseded_for_an_older_one(
        qtbot, demo_store, worker, actors, tmp_path):
    from desk_app.services import contracts

    pid = issued(demo_store)[0]
    first = print_at(demo_store, actors["printer"], pid)
    request = contracts.request_reprint(demo_store, actor=actors["printer"], proposal_id=pid, reason="合同遗失").value
    contracts.approve_reprint(demo_store, actor=actors["super"], request_id=request.request_id, note="同意")
    second = contracts.reprint_contract(demo_store, actor=actors["printer"], proposal_id=pid).value

    window = open_window(qtbot, demo_store, worker, actors["clerk"])
    qtbot.keyClick(window, Qt.Key.Key_V, CTRL_SHIFT)
    box = window.tabs.currentWidget()
    assert isinstance(box, VerifyWidget)
    assert QApplication.focusWidget() is box.scan_edit

    def scan(text: str):
        # A USB scanner types the text and presses Enter.
        type_text(box.scan_edit, text)
        with qtbot.waitSignal(box.verified, timeout=20_000) as got:
            qtbot.keyClick(box.scan_edit, Qt.Key.Key_Return)
        return got.args[0]

    latest = scan(qr_text(second, page=second.pages))
    assert box.verdict_label.text() == VERDICT_LABELS["current"] == "当前有效"
    assert "#2e7d32" in box.verdict_label.styleSheet()
    assert (latest.policy_no, latest.page, latest.print_seq) == (second.policy_no, second.pages, 2)
    assert box.fields["page"].text() == f"{second.pages} / {second.pages}"
    # The next scan replaces the text (it was selected after the check).
    older = scan(qr_text(first, page=1))
    assert box.verdict_label.text() == "已作废（旧版打印）"
    assert "#c62828" in box.verdict_label.styleSheet()
    assert (older.print_seq, older.latest_seq) == (1, 2)
    assert box.scan_edit.text() == qr_text(first, page=1)
    scan("not a contract")
    assert box.verdict_label.text() == "无法识别"
    # A PDF of the pages (as "open image or PDF" takes it): its QR codes are read.
    pdf = tmp_path / "copy.pdf"
    pdf.write_bytes(second.pdf)
    with qtbot.waitSignal(box.verified, timeout=60_000) as got:
        box.check_file(pdf)
    assert got.args[0].policy_no == second.policy_no and box.verdict_label.text() == "当前有效"
    assert box.history.count() == 4


def test_receipt_queue_marks_warning_at_15_and_overdue_at_19_days_in_words_and_colour(
        qtbot, demo_store, worker, actors):
    ids = issued(demo_store)
    assert len(ids) >= 3
    now = clock.now()
    ages = {ids[0]: 20, ids[1]: 16, ids[2]: 3}
    printed = {pid: print_at(demo_store, actors["printer"], pid, now - dt.timedelta(days=days))
               for pid, days in ages.items()}
    window = open_window(qtbot, demo_store, worker, actors["clerk"])
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)
    tab = window.tabs.currentWidget()
    assert isinstance(tab, ReceiptArchiveWidget)
    qtbot.waitUntil(lambda: worker.pending == 0 and len(tab.rows) >= 3, timeout=20_000)
    marks = tab.marks()
    case_no = {pid: p.case_no for pid, p in printed.items()}
    assert marks[case_no[ids[0]]] == (20, "已超期")
    assert marks[case_no[ids[1]]] == (16, "预警")
    assert marks[case_no[ids[2]]] == (3, "")
    # Longest waiting first; the overdue row's mark is red on pink, the warning's amber.
    assert [r.days for r in tab.rows] == sorted((r.days for r in tab.rows), reverse=True)
    row = {pid: next(i for i, r in enumerate(tab.rows) if r.case_no == case_no[pid]) for pid in ids[:3]}
    assert tab.queue.item(row[ids[0]], R_MARK).foreground().color() == MARK_COLOURS["overdue"][0]
    assert tab.queue.item(row[ids[1]], R_MARK).foreground().color() == MARK_COLOURS["warning"][0]
    assert tab.queue.item(row[ids[2]], R_MARK).foreground() != tab.queue.item(row[ids[1]], R_MARK).foreground()
    # The receipt of the overdue case comes back (Alt+E on the selected row): it leaves the queue.
    tab.queue.setFocus()
    tab.queue.setCurrentCell(row[ids[0]], 0)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: worker.pending == 0 and case_no[ids[0]] not in tab.marks(), timeout=20_000)
    assert cases.case_detail(demo_store, ids[0]).state == State.RECEIPTED


def test_clerk_archives_a_receipted_case_in_a_box_and_gets_its_list(qtbot, demo_store, worker, actors):
    from desk_app.services import contracts

    pid = issued(demo_store)[0]
    p = print_at(demo_store, actors["printer"], pid)
    contracts.record_receipt(demo_store, actor=actors["clerk"], proposal_id=pid)
    window = open_window(qtbot, demo_store, worker, actors["clerk"])
    tab = window.open_receipts()
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=20_000)
    qtbot.keyClick(tab, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is tab.case_edit
    type_text(tab.case_edit, p.policy_no)
    qtbot.keyClick(tab.case_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.box_edit, timeout=20_000)
    type_text(tab.box_edit, "B-2026-01")
    qtbot.keyClick(tab.box_edit, Qt.Key.Key_Return)
    spin = (tab.position_spin, tab.position_spin.lineEdit())
    qtbot.waitUntil(lambda: worker.pending == 0 and QApplication.focusWidget() in spin, timeout=20_000)
    assert tab.position_spin.value() == 1  # the box is empty: the first position is proposed
    with qtbot.waitSignal(tab.archived, timeout=20_000) as archived:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert (archived.args[0].box_no, archived.args[0].position) == ("B-2026-01", 1)
    assert cases.case_detail(demo_store, pid).state == State.ARCHIVED
    qtbot.waitUntil(lambda: worker.pending == 0 and len(tab.box_rows) == 1, timeout=20_000)
    qtbot.keyClick(tab, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: getattr(tab, "list_dialog", None) is not None and tab.list_dialog.isVisible(),
                    timeout=20_000)
    assert len(tab.list_dialog.preview.page_labels) >= 1
    tab.list_dialog.close()
