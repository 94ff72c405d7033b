"""A counter clerk does a whole intake with the keyboard only, then prints the receipt."""

from __future__ import annotations

import io
import re

import pypdf
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desk_app.core.demo import demo_credit_code
from desk_app.core.roles import Role
from desk_app.store.models import StationeryNumber
from desk_app.ui.main_window import MainWindow
from desk_app.ui.queue_model import COL_CASE_NO


def type_text(widget, text: str) -> None:
    """Key events with their text, one per character (keyClicks aborts on non-Latin text)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def case_numbers(model) -> set[str]:
    return {model.index(r, COL_CASE_NO).data() for r in range(model.rowCount())}


def received_count(stage_text: str) -> int:
    """The 受理 figure of a queue's stage line ("受理&nbsp;1,234 ...")."""
    return int(re.search(r"受理(?:&nbsp;|\s)+([\d,]+)", stage_text).group(1).replace(",", ""))


def key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_keyboard_only_intake_and_print(qtbot, demo_store, worker, actors, tmp_path):
    import random

    window = MainWindow(demo_store, actors["clerk"], worker=worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    w = window.tabs.currentWidget()
    assert w.__class__.__name__ == "IntakeWidget"
    qtbot.waitUntil(lambda: w.agent_combo.count() > 0, timeout=10_000)
    w.print_target = str(tmp_path / "printed.pdf")
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.proposal_no_edit, timeout=5_000)

    # The scanner types the number and Enter; Enter moves on to the business type.
    qtbot.keyClicks(w.proposal_no_edit, "T440100001")
    key(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is w.business_type_combo  # 团险 already chosen
    key(qtbot, Qt.Key.Key_Tab)  # business source: 直销 already chosen
    key(qtbot, Qt.Key.Key_Tab)  # intermediary and commission are disabled for direct business: skipped
    assert QApplication.focusWidget() is w.agent_combo  # AG1001 is the first
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is w.applicant_edit
    type_text(w.applicant_edit, "广州市天河科技有限公司")
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), demo_credit_code(random.Random(1)))
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is w.industry_combo and w.industry_combo.currentIndex() == -1  # not defaulted
    key(qtbot, Qt.Key.Key_Down)  # the first class, chosen
    assert w.industry_combo.currentIndex() == 0
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is w.insured_spin
    qtbot.keyClick(w.insured_spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(w.insured_spin, "20")
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is w.effective_edit  # tomorrow; Tab walks year, month, day
    for _ in range(4):
        if QApplication.focusWidget() is not w.effective_edit:
            break
        key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is w.product_combo
    key(qtbot, Qt.Key.Key_Tab)  # level A
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "100000")
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "300")
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is w.add_line_button
    key(qtbot, Qt.Key.Key_Space)
    assert w.lines_list.count() == 1, (w.result_label.text(), w.sum_edit.text(), w.premium_edit.text(), QApplication.focusWidget())

    key(qtbot, Qt.Key.Key_F4)  # check materials
    qtbot.waitUntil(lambda: w.checklist_table.rowCount() > 0, timeout=10_000)
    assert w.warnings_label.text() == ""
    key(qtbot, Qt.Key.Key_F6)  # all received
    # The insured list is not here yet: untick it with the space bar, and accept with deficiencies.
    row = next(r for r in range(w.checklist_table.rowCount())
               if w.checklist_table.item(r, 0).data(Qt.ItemDataRole.UserRole) == "insured_list")
    w.checklist_table.setFocus()
    w.checklist_table.setCurrentCell(row, 1)
    qtbot.keyClick(w.checklist_table, Qt.Key.Key_Space)
    assert w.ticks()[row].received is False
    clerk_queue = window.queue_models[Role.COUNTER_CLERK]
    stages = window.stage_labels[Role.COUNTER_CLERK]
    qtbot.waitUntil(lambda: "受理" in stages.text(), timeout=10_000)
    received_before = received_count(stages.text())
    with qtbot.waitSignal(w.intake_done, timeout=10_000) as done:
        key(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    result, paper = done.args[0]
    assert result.outcome == "accepted_with_deficiencies"
    # The queue and the stage counts show the new case without F5: the intake announced its changes.
    qtbot.waitUntil(lambda: result.case_no in case_numbers(clerk_queue), timeout=10_000)
    qtbot.waitUntil(lambda: received_count(stages.text()) == received_before + 1, timeout=10_000)
    assert result.case_no in w.result_label.text()
    with demo_store.reading() as s:
        assert s.scalar(select(StationeryNumber.state).where(StationeryNumber.number == "T440100001")) == "used"

    with qtbot.waitSignal(w.printed, timeout=20_000):
        key(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    printed = (tmp_path / "printed.pdf").read_bytes()
    assert printed.startswith(b"%PDF") and len(pypdf.PdfReader(io.BytesIO(printed)).pages) == 1
    assert "受理回执" in pypdf.PdfReader(io.BytesIO(paper.pdf)).pages[0].extract_text()


def test_refusal_shows_the_chinese_message(qtbot, demo_store, worker, actors):
    window = MainWindow(demo_store, actors["clerk"], worker=worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    w = window.open_intake()
    qtbot.waitUntil(lambda: w.agent_combo.count() > 0, timeout=10_000)
    w.proposal_no_edit.setText("T440100101")  # issued to AG1002, the agent chosen is AG1001
    qtbot.keyClick(w, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: "不是本单业务员" in w.warnings_label.text(), timeout=10_000)


def test_industry_starts_empty_and_is_asked_for(qtbot, demo_store, worker, actors):
    window = MainWindow(demo_store, actors["clerk"], worker=worker)
    qtbot.addWidget(window)
    w = window.open_intake()
    qtbot.waitUntil(lambda: w.industry_combo.count() > 0, timeout=10_000)
    assert w.industry_combo.currentIndex() == -1 and w.industry_combo.currentData() is None
    assert w.industry_combo.placeholderText() == "请选择行业类别"
    w.business_type_combo.setCurrentIndex(w.business_type_combo.findData("GROUP"))
    w.proposal_no_edit.setText("T440100001")
    w._on_check()
    qtbot.waitUntil(lambda: "行业类别" in w.warnings_label.text(), timeout=10_000)
    assert "团险必须填写行业类别" in w.warnings_label.text()
