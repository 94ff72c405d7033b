"""The work queue of one role as a lazily fetched table model.

Pages come from `queues.queue_page` by keyset cursor (the last row's `(state_since, id)`), each
fetched on the database worker; nothing is fetched twice and nothing is counted by scanning, so
a queue of 100,000 cases opens as fast as a queue of ten. The model keeps frozen `QueueRow`
values only: no session, no ORM row.

Painting must stay cheap and must not need Python: the cells are Qt items (QStandardItemModel),
made once when a page arrives, so the view paints them in C++ without the GIL. The model makes
them itself (from its item prototype, as `setItemData` fills a new row): an item made in Python
would leave a wrapper behind when the model deletes it (a refresh), and a later Qt object at the
same address came back to Python as that wrapper (a scroll bar as a QStandardItem; crashes).

Pages are read ahead of the view and appended as soon as they arrive, while the rows they add
are still out of sight: the view tells the model the last row it shows (`show_to`, on every
scroll, as `main_window.QueueView` does), and the model keeps at least `ahead` rows fetched
below it. A frame that scrolls therefore never inserts rows (200 appended rows and the read
started with them made the frame that reached the end of a page 10-18 ms); only a view that
jumps to the end faster than pages are read reaches it (`fetchMore`), and the page being read
is appended on arrival.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from desk_app.core import queues
from desk_app.core.proposals import BUSINESS_TYPES
from desk_app.core.queues import QueueRow
from desk_app.core.roles import Role
from desk_app.services import cases
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.worker import DbWorker

Index = QModelIndex | QPersistentModelIndex

COL_CASE_NO, COL_PROPOSAL_NO, COL_APPLICANT, COL_BUSINESS_TYPE, COL_STAGE, COL_AGE, COL_OVERDUE = range(7)
COLUMN_COUNT = 7
OVERDUE_COLOR = QColor("#c62828")

# The proposal id of a row, for views that open the case.
ProposalIdRole = Qt.ItemDataRole.UserRole + 1

# The first page only has to fill the screen (about 30 rows at 26 px); a small one comes back
# several times faster from a big queue, and full pages follow as the view scrolls.
FIRST_PAGE_SIZE = 60

_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_PROPOSAL_ID = int(ProposalIdRole)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_ALIGNMENT = {COL_AGE: int(_RIGHT), COL_OVERDUE: int(_CENTER)}


class CaseQueueTableModel(QStandardItemModel):
    """Cases waiting for `role`, oldest first, fetched page by page as the view needs them."""

    # Total cases in the queue (not only those fetched yet); emitted after each count.
    count_changed = Signal(int)
    # Rows were added to the model (their number); for tests, benchmarks and a "loading" hint.
    page_loaded = Signal(int)
    # A page or count could not be read; the message is ready to show.
    load_failed = Signal(str)

    def __init__(self, store: Store, worker: DbWorker, role: Role, *, page_size: int = queues.PAGE_SIZE,
                 first_page_size: int = FIRST_PAGE_SIZE, ahead: int | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(0, COLUMN_COUNT, parent)
        self._store = store
        self._worker = worker
        self.role = role
        self.page_size = page_size
        self.first_page_size = min(first_page_size, page_size)
        # Rows kept fetched below the last row the view shows: two pages, so the next page is
        # read while more than a page is still to be scrolled through.
        self.ahead = ahead if ahead is not None else 2 * page_size
        self._rows: list[QueueRow] = []
        # The last row the view shows (`show_to`); 0 before a view says so.
        self._shown_to = 0
        # The cursor and size of the page being read, None when no read is in flight.
        self._reading: tuple[tuple[object, str] | None, int] | None = None
        # The last page has been read (it was short).
        self._read_all = False
        self._total: int | None = None
        # Bumped by refresh(): a page that was requested before it is dropped when it arrives.
        self._generation = 0
        self.setHorizontalHeaderLabels([
            self.tr("Case no."), self.tr("Proposal no."), self.tr("Applicant"), self.tr("Business type"),
            self.tr("Stage"), self.tr("Waiting (working h)"), self.tr("Overdue"),
        ])
        self.setHeaderData(COL_AGE, Qt.Orientation.Horizontal, _RIGHT, Qt.ItemDataRole.TextAlignmentRole)
        self._overdue_text = self.tr("Overdue")
        self._bold = QFont()
        self._bold.setBold(True)
        self._red = QBrush(OVERDUE_COLOR)
        # Cells are made by the model (in C++) from this: read-only and selectable.
        prototype = QStandardItem()
        prototype.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
        self.setItemPrototype(prototype)
        self._request_first_page()

    # -- state ------------------------------------------------------------------------------

    @property
    def total(self) -> int | None:
        """Cases in the queue per the last count, None until counted."""
        return self._total

    @property
    def fetching(self) -> bool:
        """True while a page is being read (appended on arrival)."""
        return self._reading is not None

    @property
    def exhausted(self) -> bool:
        """True once every row of the queue is in the model."""
        return self._read_all and self._reading is None

    def row_at(self, row: int) -> QueueRow:
        return self._rows[row]

    def rows(self) -> tuple[QueueRow, ...]:
        return tuple(self._rows)

    # -- fetching ---------------------------------------------------------------------------

    def show_to(self, row: int) -> None:
        """The view shows rows up to `row`: read the next page if fewer than `ahead` rows follow it."""
        self._shown_to = max(0, row)
        self._read_ahead()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 (Qt's signature)
        # True while rows may remain, even while a page is in flight: fetchMore then does nothing,
        # the page is appended on arrival and the view asks again if it still needs more.
        return not parent.isValid() and not self.exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        # The view is at the end of the rows: the next page now, ahead of counts still queued.
        if parent.isValid() or self.exhausted:
            return
        self._shown_to = max(self._shown_to, self.rowCount() - 1)
        self._read(urgent=True)

    def _read_ahead(self, *, urgent: bool = True) -> None:
        if self.rowCount() - 1 - self._shown_to < self.ahead:
            self._read(urgent=urgent)

    def _read(self, *, urgent: bool) -> None:
        # A page that arrives while the window closes reads no further (the worker is shut down).
        if self._reading is not None or self._read_all or self._worker.closed:
            return
        after = self._rows[-1].cursor if self._rows else None
        limit = self.page_size if self._rows else self.first_page_size
        self._reading = (after, limit)
        generation = self._generation
        ops.read(
            self._worker, cases.queue_page, self._store, self.role, after=after, limit=limit,
            on_done=lambda page: self._on_page_loaded(generation, limit, page),
            on_error=lambda message: self._on_load_failed(generation, message),
            # Someone is looking at the end of the list, or soon will: ahead of counts still queued.
            owner=self, urgent=urgent,
        )

    # -- refresh ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Forget the fetched rows and start again from the oldest case (F5)."""
        self._generation += 1
        self._rows.clear()
        self._reading = None
        self._read_all = False
        self._shown_to = 0
        self.removeRows(0, self.rowCount())
        self._request_first_page()

    def _request_first_page(self) -> None:
        # The page the clerk looks at goes to the worker first; the count (a scan of the whole
        # queue) is queued on the next event-loop turn, i.e. behind the first pages of every
        # queue created or refreshed together (the tabs of one window), never ahead of them.
        self.fetchMore()
        QTimer.singleShot(0, self, self.refresh_count)

    def refresh_count(self) -> None:
        generation = self._generation
        ops.read(self._worker, cases.queue_count, self._store, self.role,
                 on_done=lambda n: self._on_count_loaded(generation, n),
                 on_error=lambda message: self._on_load_failed(generation, message), owner=self)

    # -- results (GUI thread) ---------------------------------------------------------------

    def _on_page_loaded(self, generation: int, limit: int, page: list[QueueRow]) -> None:
        if generation != self._generation:
            return
        self._reading = None
        if len(page) < limit:
            self._read_all = True
        first_page = not self._rows
        # Cells are made and appended now, below what the view shows, not when it gets there.
        start = self.rowCount()
        self._rows.extend(page)
        self.insertRows(start, len(page))
        for i, r in enumerate(page, start=start):
            for col, values in enumerate(self._cells(r)):
                self.setItemData(self.index(i, col), values)
        self.page_loaded.emit(len(page))
        # The first page's read-ahead waits behind the counts already queued (the tabs'
        # titles); later ones go first, the view is on its way to them.
        self._read_ahead(urgent=not first_page)

    def _on_count_loaded(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self._total = total
        self.count_changed.emit(total)

    def _on_load_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        if self._reading is not None:
            # Stop asking: a view would otherwise retry the failing page on every scroll.
            self._reading = None
            self._read_all = True
        self.load_failed.emit(message)

    def _cells(self, r: QueueRow) -> list[dict[int, object]]:
        """Each cell of the row as its values by role (one `setItemData` per cell)."""
        texts = (
            r.case_no,
            r.proposal_no,
            r.applicant_name,
            BUSINESS_TYPES.get(r.business_type, r.business_type),
            r.state.label,
            f"{r.age_hours:.1f}",
            self._overdue_text if r.overdue else "",
        )
        row: list[dict[int, object]] = []
        for col, text in enumerate(texts):
            cell: dict[int, object] = {_DISPLAY: text, _PROPOSAL_ID: r.proposal_id}
            if col in _ALIGNMENT:
                cell[_ALIGN] = _ALIGNMENT[col]
            if r.overdue:
                cell[_FOREGROUND] = self._red
                # Bold on the marker and the hours only: a whole bold red row shouts over the queue.
                if col in (COL_AGE, COL_OVERDUE):
                    cell[_FONT] = self._bold
            row.append(cell)
        row[COL_APPLICANT][_TOOLTIP] = r.applicant_name
        return row
