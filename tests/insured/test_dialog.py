"""The insured-list dialog, keyboard only: a path typed and Enter, the columns' fields chosen with
Tab and the arrow keys, Ctrl+Return to import, refused rows listed by row, column and reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk_app.ui.insured_dialog import InsuredListDialog
from tests.insured.helpers import HEADER, case_in, counts, people, set_figures, write_xlsx


def open_dialog(qtbot, store, worker, actor, case) -> InsuredListDialog:
    dialog = InsuredListDialog(store, worker, actor, case.proposal_id, case.case_no)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    return dialog


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def read_file(qtbot, dialog, path) -> None:
    assert QApplication.focusWidget() is dialog.path_edit  # where the dialog starts
    qtbot.keyClicks(dialog.path_edit, str(path))  # an ASCII path: keyClicks is fine for it
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled() or "red" in dialog.status_label.styleSheet()
                    or "#b00020" in dialog.status_label.styleSheet(), timeout=10_000)


def fitted(store, n, state="RECEIVED"):
    case = case_in(store, state)
    return set_figures(store, case, count=n, premium_total=case.premium_each * n)


def test_a_column_named_oddly_is_mapped_with_the_keyboard_and_imported(qtbot, demo_store, worker, actors, tmp_path):
    case = fitted(demo_store, 4)
    header = ["序号", "员工名", *HEADER[2:]]
    path = write_xlsx(tmp_path / "list.xlsx", people(case), header=header)
    dialog = open_dialog(qtbot, demo_store, worker, actors["clerk"], case)
    read_file(qtbot, dialog, path)
    assert dialog.preview_table.rowCount() == 4 and dialog.preview_table.item(0, 1).text() == "测试00001"
    combo_b = dialog.column_combos[1]
    assert combo_b.currentData() == "" and dialog.column_combos[2].currentData() == "id_no"
    for _ in range(20):
        if QApplication.focusWidget() is combo_b:
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is combo_b
    press(qtbot, Qt.Key.Key_Down)
    assert combo_b.currentData() == "name" and dialog.mapping()["name"] == "B"
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "#1b5e20" in dialog.status_label.styleSheet(), timeout=15_000)
    assert "4" in dialog.status_label.text()
    qtbot.waitUntil(lambda: dialog.history_table.rowCount() == 1, timeout=10_000)
    assert dialog.history_table.item(0, 1).text() == "list.xlsx"


def test_refused_rows_are_listed_and_nothing_is_stored(qtbot, demo_store, worker, actors, tmp_path):
    case = fitted(demo_store, 5)
    rows = people(case)
    rows[2][HEADER.index("性别")] = "女" if rows[2][HEADER.index("性别")] == "男" else "男"
    rows[4][HEADER.index("职业代码")] = "Q99"
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    before = counts(demo_store)
    dialog = open_dialog(qtbot, demo_store, worker, actors["entry1"], case)
    read_file(qtbot, dialog, path)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.issues_table.rowCount() == 2, timeout=15_000)
    cells = [[dialog.issues_table.item(r, c).text() for c in range(4)] for r in range(2)]
    assert cells[0][:2] == ["6", "性别（D）"] and "与身份证号码不符" in cells[0][3]
    assert cells[1][:2] == ["8", "职业代码（G）"] and "Q99" in cells[1][3]
    assert QApplication.focusWidget() is dialog.issues_table  # the list is where the eyes go next
    assert counts(demo_store) == before


def test_a_file_that_is_no_list_says_why(qtbot, demo_store, worker, actors, tmp_path):
    case = fitted(demo_store, 5)
    path = tmp_path / "scan.xlsx"
    path.write_bytes(b"%PDF-1.4\n\x00\x01binary")
    dialog = open_dialog(qtbot, demo_store, worker, actors["clerk"], case)
    read_file(qtbot, dialog, path)
    assert "不是电子表格" in dialog.status_label.text() and not dialog.import_button.isEnabled()
