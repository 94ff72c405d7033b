"""The entry workstation as operators use it: keyboard only, the image following the field,
blind second entry, reconciliation by keyboard, the supervisor's figures."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from desk_app.core.forms import FieldType
from desk_app.core.roles import Actor
from desk_app.services import entry
from desk_app.ui.entry_figures import FiguresDialog
from desk_app.ui.entry_window import EntryWindow
from desk_app.ui.reconcile_window import ReconcileWindow
from tests.entry.helpers import state_of
from tests.ui.entry_cases import scanned_group_case, third_operator
from tests.ui.test_keyboard import duplicates

pytestmark = pytest.mark.scan_precondition  # cases reach 扫描 with their pages, as in the app


def type_chars(widget: QWidget, text: str) -> None:
    """Each character as the keyboard (or an IME committing one character) sends it."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def commit_ime(widget: QWidget, text: str) -> None:
    """A Chinese word committed by the input method, as pinyin input does."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def key(qtbot, k, mod=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), k, mod)


def keyed_text(ftype: FieldType, value: str) -> str:
    """What the operator types for a value: dates without their dashes (the mask has them)."""
    return value.replace("-", "") if ftype == FieldType.DATE else value


def open_window(qtbot, store, worker, actor: Actor) -> EntryWindow:
    window = EntryWindow(store, worker, actor)
    qtbot.addWidget(window)
    window.resize(1366, 690)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    return window


def open_case(qtbot, window: EntryWindow, pid: str) -> entry.EntryTask:
    with qtbot.waitSignal(window.image_shown, timeout=20_000):
        window.open_case(pid)
    assert window.task is not None and window.task.proposal_id == pid
    return window.task


def key_form(qtbot, window: EntryWindow, values: dict[str, str], *, check_image: bool = True) -> None:
    """Key every field of the round from the first, moving with Enter (Tab on every third)."""
    form = window.current_form()
    for i, k in enumerate(form.keyed_fields):
        edit = form.edits[k]
        assert QApplication.focusWidget() is edit, f"focus on {QApplication.focusWidget()} instead of {k}"
        if check_image:
            region = window.image.region_rect(k)
            assert region is not None and region.width() > 0
            # The image shows the whole of the focused field's box, zoomed in on it (not the page).
            visible = window.image.visible_scene_rect()
            assert visible.contains(region), k
            assert visible.width() < region.width() * 1.3 or visible.height() < region.height() * 4, k
            assert window.image.region == region
        value = values.get(k, "")
        if value and not value.isascii():
            commit_ime(edit, value[:2])  # a word from the IME, the rest key by key
            type_chars(edit, value[2:])
        elif value:
            type_chars(edit, keyed_text(edit.field.type, value))
        assert edit.value() == value, (k, edit.value(), value)
        key(qtbot, Qt.Key.Key_Tab if i % 3 == 2 else Qt.Key.Key_Return)
    # The last field wraps round to the first: Tab never leaves the form.
    assert QApplication.focusWidget() is form.edits[form.keyed_fields[0]]


@pytest.fixture
def case(demo_store, actors, tmp_path):
    return scanned_group_case(demo_store, actors["scanner"], tmp_path)


def test_first_entry_by_keyboard_with_the_image_following_the_field(qtbot, demo_store, worker, actors, case):
    pid, case_no, values = case
    # The operator's figures before: the demo's history is keyed by the same operators.
    before = next(f for f in entry.operator_figures(demo_store, actor=actors["super"]) if f.username == "entry1")
    window = open_window(qtbot, demo_store, worker, actors["entry1"])
    task = open_case(qtbot, window, pid)
    assert task.pass_no == 1
    assert case_no in window.case_label.text() and window.pass_label.text() == "初录"
    assert window.image.page is not None and window.image.page.registered
    form = window.current_form()
    # Required fields are marked on their labels, from the form definition.
    assert form.labels["applicant_name"].text().endswith("*")
    assert not form.labels["contact_id_no"].text().endswith("*")
    key_form(qtbot, window, values)
    # Shift+Tab goes back, from the first field round to the last.
    key(qtbot, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is form.edits[form.keyed_fields[-1]]
    assert form.keystrokes() == 0  # every field's count went with its save
    with qtbot.waitSignal(window.submitted, timeout=20_000) as sent:
        key(qtbot, Qt.Key.Key_F8)
    assert sent.args[0].pass_no == 1 and sent.args[0].comparison is None
    assert state_of(demo_store, pid) == "FIRST_ENTERED"
    # What was saved is what the paper says, and the keystrokes were counted.
    figures = entry.operator_figures(demo_store, actor=actors["super"])
    mine = next(f for f in figures if f.username == "entry1")
    assert mine.cases - before.cases == 1
    assert mine.keystrokes - before.keystrokes >= sum(len(v) for v in values.values()) - 20


def test_marks_show_inline_and_never_block_typing(qtbot, demo_store, worker, actors, case):
    pid, _case_no, _values = case
    window = open_window(qtbot, demo_store, worker, actors["entry1"])
    open_case(qtbot, window, pid)
    form = window.current_form()
    form.focus_field("contact_id_no")
    edit = form.edits["contact_id_no"]
    type_chars(edit, "110101199003070000")  # a wrong check digit
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "contact_id_no" in form.marks(), timeout=10_000)
    severity, message = form.marks()["contact_id_no"]
    assert severity == "error" and form.mark_labels["contact_id_no"].isVisible()
    assert message == form.mark_labels["contact_id_no"].text()
    assert edit.property("mark") == "error"
    # Typing goes on in the next field meanwhile; back in the marked one, it can be corrected.
    assert QApplication.focusWidget() is form.edits["contact_phone"]
    type_chars(form.edits["contact_phone"], "13800138000")
    assert form.edits["contact_phone"].value() == "13800138000"


def test_second_entry_is_blind_and_its_outcome_is_shown(qtbot, demo_store, worker, actors, case):
    pid, case_no, values = case
    from tests.entry.helpers import key_pass

    key_pass(demo_store, actors["entry1"], pid, values)
    window = open_window(qtbot, demo_store, worker, actors["entry2"])
    task = open_case(qtbot, window, pid)
    assert task.pass_no == 2 and window.pass_label.text() == "二录"
    # Nothing of A's pass anywhere on B's screen.
    shown = [w.text() for w in window.findChildren(QLineEdit)] + [w.text() for w in window.findChildren(QLabel)]
    for k, v in values.items():
        if len(v) > 2 and v not in case_no:
            assert not any(v in text for text in shown), k
    assert all(window.current_form().edits[k].value() == "" for k in task.fields)
    # B keys one field differently from A.
    second = dict(values, contact_phone="13900139000")
    key_form(qtbot, window, second, check_image=False)
    with qtbot.waitSignal(window.submitted, timeout=20_000) as sent:
        key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    done = sent.args[0]
    assert (done.comparison, done.differing) == ("differ", 1)
    assert case_no in window.status.text() and "1" in window.status.text()
    assert state_of(demo_store, pid) == "RECONCILE"
    # Ctrl+Enter went on to the next case (none with pages for B: the pool's next, or none).
    qtbot.waitUntil(lambda: not window._busy, timeout=20_000)


def test_next_case_opens_from_the_pool_with_its_image(qtbot, demo_store, worker, actors, tmp_path):
    # Two scanned cases assigned to entry1 (assigned passes come first in the pool).
    first = scanned_group_case(demo_store, actors["scanner"], tmp_path, 0)
    second = scanned_group_case(demo_store, actors["scanner"], tmp_path, 1)
    for pid, _no, _v in (first, second):
        entry.assign(demo_store, actor=actors["super"], proposal_id=pid, pass_no=1, username="entry1")
    window = open_window(qtbot, demo_store, worker, actors["entry1"])
    with qtbot.waitSignal(window.image_shown, timeout=20_000):
        qtbot.keyClick(window, Qt.Key.Key_F8)  # no case on screen: F8 takes the next
    shown = window.task.proposal_id
    assert shown in (first[0], second[0])
    other = second[0] if shown == first[0] else first[0]
    # The other case's pages are read ahead while this one is keyed.
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=20_000)
    assert len(window.cache.keys()) == 2
    key_form(qtbot, window, first[2], check_image=False)
    with qtbot.waitSignal(window.task_shown, timeout=20_000):
        key(qtbot, Qt.Key.Key_F8)
    assert window.task.proposal_id == other
    assert window.image.has_image()  # from the cache: shown with the form, no read
    assert QApplication.focusWidget() is window.current_form().edits["applicant_name"]


def _reconcile_ready(demo_store, actors, case):
    from tests.entry.helpers import key_pass

    pid, _case_no, values = case
    key_pass(demo_store, actors["entry1"], pid, values)
    key_pass(demo_store, actors["entry2"], pid, dict(values, contact_phone="13900139000", employee_count="21"))
    assert state_of(demo_store, pid) == "RECONCILE"
    return pid


def open_reconcile(qtbot, store, worker, actor) -> ReconcileWindow:
    window = ReconcileWindow(store, worker, actor)
    qtbot.addWidget(window)
    window.resize(1366, 690)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    return window


def test_reconciliation_by_keyboard(qtbot, demo_store, worker, actors, case):
    pid = _reconcile_ready(demo_store, actors, case)
    c = third_operator(demo_store)
    window = open_reconcile(qtbot, demo_store, worker, c)
    with qtbot.waitSignal(window.comparison_shown, timeout=20_000):
        window.open_case(pid)
    assert window.fields.count() == 2
    assert QApplication.focusWidget() is window.fields
    assert window.current_key() == "employee_count"
    assert window.first.value.text() == "20" and window.second.value.text() == "21"
    qtbot.waitUntil(lambda: window.image.region is not None, timeout=20_000)
    assert window.image.visible_scene_rect().contains(window.image.region_rect("employee_count"))
    key(qtbot, Qt.Key.Key_1)  # the first entry's 20
    assert window.current_key() == "contact_phone"
    assert window.first.value.text() == "13800138000"
    key(qtbot, Qt.Key.Key_3)  # key a third value
    assert QApplication.focusWidget() is window.third_edit
    type_chars(window.third_edit, "13800138000")
    key(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.fields
    with qtbot.waitSignal(window.reconciled, timeout=20_000) as done:
        key(qtbot, Qt.Key.Key_F8)
    assert done.args[0].differing == ()
    # Compared, then validated at once: the rules stop it (no insured list imported: R016).
    assert state_of(demo_store, pid) == "PROBLEM"
    kept = {f.field_key: (f.outcome, f.settled_value) for f in done.args[0].fields}
    assert kept["employee_count"] == ("first", "20") and kept["contact_phone"] == ("third", "13800138000")


def test_reconciliation_refused_to_who_keyed_a_pass(qtbot, demo_store, worker, actors, case):
    pid = _reconcile_ready(demo_store, actors, case)
    window = open_reconcile(qtbot, demo_store, worker, actors["entry1"])
    window.open_case(pid)
    qtbot.waitUntil(window.status_is_error, timeout=20_000)
    assert "录入过本案" in window.status.text()
    assert window.fields.count() == 0 and window.first.value.text() in ("", "—")


def test_figures_dialog_shows_the_operators(qtbot, demo_store, worker, actors, case):
    from tests.entry.helpers import key_pass

    pid, _no, values = case
    key_pass(demo_store, actors["entry1"], pid, values)
    dialog = FiguresDialog(demo_store, worker, actors["super"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=10_000)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "录入员 孙丽" in names
    dialog.by_field.setChecked(True)
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 10, timeout=10_000)
    assert any(dialog.table.item(r, 1).text() == "投保单位名称" for r in range(dialog.table.rowCount()))


def test_entry_and_reconcile_alt_keys_are_unique(qtbot, demo_store, worker, actors, case):
    window = open_window(qtbot, demo_store, worker, actors["entry1"])
    open_case(qtbot, window, case[0])
    assert duplicates(window) == []
    rec = open_reconcile(qtbot, demo_store, worker, actors["super"])
    assert duplicates(rec) == []


def test_region_rect_is_in_page_pixels(qtbot, demo_store, worker, actors, case):
    window = open_window(qtbot, demo_store, worker, actors["entry1"])
    open_case(qtbot, window, case[0])
    page = window.image.page
    rect = window.image.region_rect("applicant_name")
    assert QRectF(0, 0, page.image.width(), page.image.height()).contains(rect)


def test_main_window_opens_a_queued_case_in_the_entry_tab_and_esc_asks(qtbot, demo_store, worker, actors, case):
    from desk_app.core.roles import Role
    from desk_app.ui.main_window import MainWindow

    pid = case[0]
    window = MainWindow(demo_store, actors["entry1"], worker=worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    model, view = window.queue_models[Role.ENTRY_OPERATOR], window.queue_views[Role.ENTRY_OPERATOR]
    qtbot.waitUntil(lambda: any(r.proposal_id == pid for r in model.rows()), timeout=10_000)
    row = next(i for i, r in enumerate(model.rows()) if r.proposal_id == pid)
    view.setCurrentIndex(model.index(row, 0))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    tab = window.tabs.currentWidget()
    assert isinstance(tab, EntryWindow)
    qtbot.waitUntil(lambda: tab.task is not None and tab.task.proposal_id == pid, timeout=20_000)
    type_chars(QApplication.focusWidget(), "广州")
    key(qtbot, Qt.Key.Key_Escape)  # typed work: asks, and Esc on the question keeps it
    qtbot.waitUntil(lambda: window.discard_box is not None and window.discard_box.isVisible(), timeout=5_000)
    qtbot.keyClick(window.discard_box, Qt.Key.Key_Escape)
    assert window.tabs.indexOf(tab) >= 0
    # Closing: the field being keyed is saved first, then nothing more goes to the worker.
    window._quit_discarding()
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=10_000)
    with demo_store.reading() as s:
        from desk_app.core.entry import passes

        assert passes.values_of(s, tab.task.pass_id)["applicant_name"] == "广州"
