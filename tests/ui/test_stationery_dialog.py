"""The supervisor's stationery screen: range actions, refusals shown with nothing changed, reports."""

from __future__ import annotations

from sqlalchemy import func, select

from desk_app.store.models import StationeryNumber
from desk_app.ui.main_window import MainWindow


def open_dialog(qtbot, store, worker, actor):
    window = MainWindow(store, actor, worker=worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def states(store, prefix):
    with store.reading() as s:
        return dict(s.execute(select(StationeryNumber.state, func.count())
                              .where(StationeryNumber.number.like(prefix + "%"))
                              .group_by(StationeryNumber.state)).all())


def apply(qtbot, dialog, action, first, last, **fields):
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData(action))
    for edit, name in ((dialog.first_edit, "first"), (dialog.last_edit, "last")):
        edit.setText(first if name == "first" else last)
    for name, edit in (("batch", dialog.batch_edit), ("holder", dialog.holder_edit), ("reason", dialog.reason_edit)):
        edit.setText(fields.get(name, ""))
    before = dialog.result_label.text()
    qtbot.mouseClick(dialog.apply_button, qtbot_left())
    qtbot.waitUntil(lambda: dialog.result_label.text() != before and dialog.apply_button.isEnabled(), timeout=10_000)
    return dialog.result_label.text()


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_only_supervisors_see_the_screen(qtbot, demo_store, worker, actors):
    assert not open_dialog(qtbot, demo_store, worker, actors["clerk"]).stationery_action.isVisible()
    assert open_dialog(qtbot, demo_store, worker, actors["super"]).stationery_action.isEnabled()


def test_receive_issue_void_and_report(qtbot, demo_store, worker, actors):
    window = open_dialog(qtbot, demo_store, worker, actors["super"])
    dialog = window.open_stationery()
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.holder_edit.isVisible()  # only the fields the chosen action needs

    text = apply(qtbot, dialog, "receive", "T450000001", "T450000050", batch="HO-2026-77")
    assert "50" in text and states(demo_store, "T4500000") == {"in_stock": 50}
    assert "T450000001" in text

    text = apply(qtbot, dialog, "issue", "T450000001", "T450000010", holder="AG1003")
    assert states(demo_store, "T4500000") == {"in_stock": 40, "issued": 10}
    qtbot.waitUntil(lambda: any(dialog.ranges_table.item(r, 0).text() == "AG1003"
                                for r in range(dialog.ranges_table.rowCount())), timeout=10_000)

    refused = apply(qtbot, dialog, "void", "T450000011", "T450000020")
    assert "必须填写原因" in refused and states(demo_store, "T4500000") == {"in_stock": 40, "issued": 10}
    refused = apply(qtbot, dialog, "issue", "T450000005", "T450000012", holder="AG1004")
    assert states(demo_store, "T4500000") == {"in_stock": 40, "issued": 10}
    assert "已发放 6 个" in refused and "未做任何发放" in refused, refused

    apply(qtbot, dialog, "lost", "T450000009", "T450000010", reason="lost by agent")
    assert states(demo_store, "T4500000") == {"in_stock": 40, "issued": 8, "lost": 2}

    dialog.days_spin.setValue(0)
    qtbot.waitUntil(lambda: any(dialog.unused_table.item(r, 0).text() == "T450000001"
                                for r in range(dialog.unused_table.rowCount())), timeout=10_000)
