"""The lazily fetched queue model over a few thousand cases: pages, count, order, formatting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from desk_app.core import demo, queues
from desk_app.core.roles import Role
from desk_app.store.migrate import open_store
from desk_app.ui.main_window import make_queue_view
from desk_app.ui.queue_model import (
    COL_AGE,
    COL_APPLICANT,
    COL_BUSINESS_TYPE,
    COL_CASE_NO,
    COL_OVERDUE,
    COL_PROPOSAL_NO,
    COL_STAGE,
    OVERDUE_COLOR,
    CaseQueueTableModel,
    ProposalIdRole,
)

BULK = 3_000
PAGE = 250


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """A demo branch plus a few thousand cases, built once: these tests only read it."""
    store = open_store(tmp_path_factory.mktemp("bulk") / "branch.db")
    with store.transaction() as session:
        demo.create_demo(session, cases_per_state=0)
        demo.bulk_cases(session, n=BULK, seed=11)
    yield store
    store.close()


def fetch_page(qtbot, model: CaseQueueTableModel) -> None:
    with qtbot.waitSignal(model.page_loaded, timeout=10_000):
        model.fetchMore(QModelIndex())


def test_pages_arrive_in_order_until_the_queue_is_exhausted(qtbot, big_store, worker):
    model = CaseQueueTableModel(big_store, worker, Role.SUPERVISOR, page_size=PAGE, first_page_size=PAGE,
                                ahead=PAGE)
    with big_store.reading() as session:
        total = queues.queue_count(session, Role.SUPERVISOR)
    assert total > 3 * PAGE  # else the test would not page at all
    # The first page is asked for at once, the count after it; with no view scrolled yet, one more
    # page is read ahead (fewer than `ahead` rows followed row 0) and then reading stops.
    qtbot.waitUntil(lambda: model.total is not None and not model.fetching, timeout=10_000)
    assert model.total == total
    assert model.rowCount() == 2 * PAGE and model.canFetchMore(QModelIndex())

    fetch_page(qtbot, model)
    assert model.rowCount() == 3 * PAGE
    # A second request while one is in flight is not sent twice.
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert worker.pending == 1
    qtbot.waitUntil(lambda: not model.fetching)
    assert model.rowCount() == 4 * PAGE

    while model.canFetchMore(QModelIndex()):
        fetch_page(qtbot, model)
    assert model.rowCount() == total
    rows = model.rows()
    keys = [r.cursor for r in rows]
    assert keys == sorted(keys), "oldest first, by (state_since, id)"
    assert len({r.proposal_id for r in rows}) == total, "no case fetched twice"
    assert model.index(0, COL_CASE_NO).data() == rows[0].case_no
    assert model.index(total - 1, COL_PROPOSAL_NO).data() == rows[-1].proposal_no
    assert model.index(5, 0).data(ProposalIdRole) == rows[5].proposal_id


def test_cells_overdue_marks_and_headers(qtbot, big_store, worker):
    model = CaseQueueTableModel(big_store, worker, Role.SUPERVISOR, page_size=PAGE, first_page_size=PAGE)
    qtbot.waitUntil(lambda: model.rowCount() == PAGE, timeout=10_000)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["案件号", "投保单号", "投保单位", "业务类型", "环节", "等待(工时)", "超时"]
    overdue = [r for r in range(model.rowCount()) if model.row_at(r).overdue]
    on_time = [r for r in range(model.rowCount()) if not model.row_at(r).overdue]
    # The oldest cases of a 20-day spread are overdue at every stage.
    assert overdue and model.row_at(0).overdue
    r = overdue[0]
    assert model.index(r, COL_OVERDUE).data() == "超时"
    assert model.index(r, COL_STAGE).data() == model.row_at(r).state.label
    assert model.index(r, COL_BUSINESS_TYPE).data() == "团险"
    assert model.index(r, COL_APPLICANT).data() == model.row_at(r).applicant_name
    assert model.index(r, COL_AGE).data() == f"{model.row_at(r).age_hours:.1f}"
    assert model.index(r, 0).data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOR
    assert model.index(r, COL_OVERDUE).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(r, COL_AGE).data(Qt.ItemDataRole.FontRole).bold()
    if on_time:
        assert model.index(on_time[0], COL_OVERDUE).data() == ""
        assert model.index(on_time[0], 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_a_view_pulls_pages_as_it_scrolls(qtbot, big_store, worker):
    model = CaseQueueTableModel(big_store, worker, Role.SUPERVISOR, page_size=PAGE, first_page_size=PAGE)
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(800, 400)
    view.setModel(model)
    view.show()
    qtbot.waitUntil(lambda: model.rowCount() == PAGE, timeout=10_000)
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() >= 2 * PAGE, timeout=10_000)
    assert not model.exhausted


def test_refresh_drops_a_page_requested_before_it(qtbot, big_store, worker):
    model = CaseQueueTableModel(big_store, worker, Role.SUPERVISOR, page_size=PAGE, first_page_size=PAGE,
                                ahead=0)
    assert model.fetching  # the first page is in flight ...
    model.refresh()  # ... and now belongs to the old generation
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=10_000)
    # Had the stale page been kept, the fresh first page would follow it (2 * PAGE rows).
    assert model.rowCount() == PAGE
    keys = [r.cursor for r in model.rows()]
    assert keys == sorted(keys) and len(set(keys)) == PAGE


def test_cells_are_formatted_on_arrival(qtbot, big_store, worker):
    model = CaseQueueTableModel(big_store, worker, Role.SUPERVISOR, page_size=PAGE, first_page_size=PAGE)
    qtbot.waitUntil(lambda: model.rowCount() == PAGE, timeout=10_000)
    row = model.row_at(0)
    assert [model.index(0, c).data() for c in range(model.columnCount())][:5] == [
        row.case_no, row.proposal_no, row.applicant_name, "团险", row.state.label]


def test_the_first_page_only_fills_the_screen_and_full_pages_follow(qtbot, big_store, worker):
    model = CaseQueueTableModel(big_store, worker, Role.SUPERVISOR, page_size=PAGE, first_page_size=40,
                                ahead=0)
    qtbot.waitUntil(lambda: model.rowCount() == 40 and not model.fetching, timeout=10_000)
    assert not model.exhausted
    fetch_page(qtbot, model)
    assert model.rowCount() == 40 + PAGE
    with big_store.reading() as session:
        expected = queues.queue_page(session, Role.SUPERVISOR, limit=40 + PAGE)
    assert [r.proposal_id for r in model.rows()] == [r.proposal_id for r in expected]


def test_pages_are_read_ahead_of_the_view_and_appended_before_it_gets_there(qtbot, big_store, worker):
    model = CaseQueueTableModel(big_store, worker, Role.SUPERVISOR, page_size=PAGE, first_page_size=40)
    view = make_queue_view(model)
    qtbot.addWidget(view)
    view.resize(800, 400)
    view.show()
    # At the top: the first page, then pages until `ahead` rows follow the last row shown.
    qtbot.waitUntil(lambda: model.rowCount() > model.ahead and worker.pending == 0, timeout=10_000)
    assert model.rowCount() == 40 + 2 * PAGE
    # Scrolling (as a frame does) neither inserts rows nor waits: it only starts the next read
    # once fewer than `ahead` rows follow what is shown.
    bar = view.verticalScrollBar()
    shown = view.viewport().height() // view.verticalHeader().defaultSectionSize()
    bar.setValue(bar.value() + (model.rowCount() - model.ahead - shown + 10) * view.verticalHeader().defaultSectionSize())
    assert model.rowCount() == 40 + 2 * PAGE
    assert model.fetching and worker.pending == 1
    # The page is appended when it arrives, while the view is still a page and more above the end.
    qtbot.waitUntil(lambda: not model.fetching, timeout=10_000)
    assert model.rowCount() == 40 + 3 * PAGE
    assert view.rowAt(view.viewport().height() - 1) < model.rowCount() - model.ahead
    keys = [r.cursor for r in model.rows()]
    assert keys == sorted(keys) and len(set(keys)) == model.rowCount()
    # A view that jumps to the end still gets the next page, appended on arrival.
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() >= 40 + 4 * PAGE, timeout=10_000)
    assert not model.exhausted


def test_cells_align_and_tell_the_whole_applicant(qtbot, big_store, worker):
    model = CaseQueueTableModel(big_store, worker, Role.SUPERVISOR, page_size=PAGE, first_page_size=PAGE)
    qtbot.waitUntil(lambda: model.rowCount() == PAGE, timeout=10_000)
    align = Qt.ItemDataRole.TextAlignmentRole
    assert Qt.AlignmentFlag(model.index(0, COL_AGE).data(align)) & Qt.AlignmentFlag.AlignRight
    assert Qt.AlignmentFlag(model.index(0, COL_OVERDUE).data(align)) & Qt.AlignmentFlag.AlignHCenter
    assert model.index(0, COL_APPLICANT).data(Qt.ItemDataRole.ToolTipRole) == model.row_at(0).applicant_name
    assert model.index(0, COL_CASE_NO).data(Qt.ItemDataRole.ToolTipRole) is None
    assert not model.index(0, COL_CASE_NO).flags() & Qt.ItemFlag.ItemIsEditable
    assert model.headerData(3, Qt.Orientation.Vertical) == 4


def test_cells_leave_no_python_wrapper_behind_when_a_refresh_deletes_them(qtbot, big_store, worker):
    """The model makes its cells itself: an item made in Python (or cloned there) kept its wrapper
    after a refresh deleted it, and a later Qt object at the same address came back to Python as
    that stale QStandardItem (a scroll bar without `setValue`, then a crash)."""
    from PySide6.QtGui import QStandardItem
    from shiboken6 import Shiboken

    def item_wrappers() -> int:
        return sum(isinstance(w, QStandardItem) for w in Shiboken.getAllValidWrappers())

    before = item_wrappers()
    model = CaseQueueTableModel(big_store, worker, Role.SUPERVISOR, page_size=PAGE, first_page_size=PAGE,
                                ahead=PAGE)
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE and not model.fetching, timeout=10_000)
    assert model.index(2 * PAGE - 1, COL_CASE_NO).data() == model.row_at(2 * PAGE - 1).case_no
    assert item_wrappers() - before <= 1  # the item prototype, which the model keeps
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE and not model.fetching, timeout=10_000)
    assert item_wrappers() - before <= 1
