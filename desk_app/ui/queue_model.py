"""The work queue of one role as a lazily fetched table model.

Pages come from `queues.queue_page` by keyset cursor (the last row's `(state_since, id)`), each
fetched on the database worker when the view scrolls near the end; rows are appended when the
page arrives. The next page is asked for while the view still paints rows a few screens before
the end of those fetched (`PREFETCH_ROWS`), so scrolling does not stop at the end to wait for it. Nothing is fetched twice and nothing is counted by scanning, so a queue of
100,000 cases opens as fast as a queue of ten. The model keeps frozen `QueueRow` values and
their pre-formatted cells only: no session, no ORM row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

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

# Ask for the next page when a painted row is this close to the end of the fetched rows: about
# four screens of paging down, longer than a page read on a 100,000-case store (bench/queue.py).
PREFETCH_ROWS = 120

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)


class CaseQueueTableModel(QAbstractTableModel):
    """Cases waiting for `role`, oldest first, fetched page by page as the view needs them."""

    # Total cases in the queue (not only those fetched yet); emitted after each count.
    count_changed = Signal(int)
    # A page arrived (number of rows added); for tests, benchmarks and a "loading" hint.
    page_loaded = Signal(int)
    # A page or count could not be read; the message is ready to show.
    load_failed = Signal(str)

    def __init__(self, store: Store, worker: DbWorker, role: Role, *, page_size: int = queues.PAGE_SIZE,
                 first_page_size: int = FIRST_PAGE_SIZE,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._worker = worker
        self.role = role
        self.page_size = page_size
        self.first_page_size = min(first_page_size, page_size)
        self._rows: list[QueueRow] = []
        # Cells are formatted once when a page arrives: data() runs for every painted cell.
        self._cells: list[tuple[str, ...]] = []
        self._total: int | None = None
        self._exhausted = False
        self._fetching = False
        # A painted row at or past this one asks for the next page (see multiData).
        self._prefetch_from = 0
        # Bumped by refresh(): a page that was requested before it is dropped when it arrives.
        self._generation = 0
        self._headers = (
            self.tr("Case no."), self.tr("Proposal no."), self.tr("Applicant"), self.tr("Business type"),
            self.tr("Stage"), self.tr("Waiting (working h)"), self.tr("Overdue"),
        )
        self._overdue_text = self.tr("Overdue")
        self._bold = QFont()
        self._bold.setBold(True)
        self._red = QBrush(OVERDUE_COLOR)
        self._role_handlers = {
            int(Qt.ItemDataRole.ForegroundRole): self._foreground,
            int(Qt.ItemDataRole.FontRole): self._font,
            int(Qt.ItemDataRole.TextAlignmentRole): self._alignment,
            int(Qt.ItemDataRole.ToolTipRole): self._tooltip,
            int(ProposalIdRole): self._proposal_id,
        }
        self._request_first_page()

    # -- state ------------------------------------------------------------------------------

    @property
    def total(self) -> int | None:
        """Cases in the queue per the last count, None until counted."""
        return self._total

    @property
    def fetching(self) -> bool:
        return self._fetching

    @property
    def exhausted(self) -> bool:
        """True once the last page has arrived."""
        return self._exhausted

    def row_at(self, row: int) -> QueueRow:
        return self._rows[row]

    def rows(self) -> tuple[QueueRow, ...]:
        return tuple(self._rows)

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < COLUMN_COUNT:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section == COL_AGE:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called about seven times per painted cell (once per role the delegate asks for), so
        # the display text is the first test and the other roles go through one dict lookup.
        row = index.row()
        if row < 0:
            return None
        if role == _DISPLAY:
            return self._cells[row][index.column()]
        handler = self._role_handlers.get(role)
        return handler(row, index.column()) if handler is not None else None

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan) -> None:  # noqa: N803 (Qt's name)
        # The delegate asks for all the roles of a cell it paints at once (font, alignment,
        # colours, check state, decoration, text): one call into Python per cell instead of
        # seven keeps a frame of the 100,000-case queue well under 16 ms.
        row = index.row()
        if row < 0 or row >= len(self._cells):
            return
        if row >= self._prefetch_from:
            self._prefetch()
        col = index.column()
        handlers = self._role_handlers
        for item in roleDataSpan:
            role = item.role()
            if role == _DISPLAY:
                item.setData(self._cells[row][col])
                continue
            handler = handlers.get(role)
            value = handler(row, col) if handler is not None else None
            if value is not None:
                item.setData(value)
            else:
                item.clearData()

    def _prefetch(self) -> None:
        # Painting rows near the end: read the next page now, before the view gets there. Once
        # per page: no painted row reaches the threshold again until the page arrives and sets it.
        self._prefetch_from = len(self._rows)
        self.fetchMore()

    def _foreground(self, row: int, col: int) -> QBrush | None:
        return self._red if self._rows[row].overdue else None

    def _font(self, row: int, col: int) -> QFont | None:
        # Bold on the marker and the hours only: a whole bold red row shouts over the queue.
        return self._bold if col in (COL_AGE, COL_OVERDUE) and self._rows[row].overdue else None

    def _alignment(self, row: int, col: int) -> int | None:
        if col == COL_AGE:
            return _RIGHT
        if col == COL_OVERDUE:
            return _CENTER
        return None

    def _tooltip(self, row: int, col: int) -> str | None:
        return self._rows[row].applicant_name if col == COL_APPLICANT else None

    def _proposal_id(self, row: int, col: int) -> str:
        return self._rows[row].proposal_id

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        # True while pages may remain, even while one is in flight: fetchMore then does nothing,
        # and the view asks again after the rows arrive.
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._fetching:
            return
        self._fetching = True
        after = self._rows[-1].cursor if self._rows else None
        limit = self.page_size if self._rows else self.first_page_size
        generation = self._generation
        ops.read(
            self._worker, cases.queue_page, self._store, self.role, after=after, limit=limit,
            on_done=lambda page: self._on_page_loaded(generation, limit, page),
            on_error=lambda message: self._on_load_failed(generation, message),
            # Someone is looking at the end of the list: ahead of counts still queued.
            owner=self, urgent=True,
        )

    # -- refresh ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Forget the fetched rows and start again from the oldest case (F5)."""
        self.beginResetModel()
        self._generation += 1
        self._rows.clear()
        self._cells.clear()
        self._prefetch_from = 0
        self._exhausted = False
        self._fetching = False
        self.endResetModel()
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
        self._fetching = False
        if len(page) < limit:
            self._exhausted = True
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self._cells.extend(self._format(r) for r in page)
            self.endInsertRows()
        self._prefetch_from = max(len(self._rows) - PREFETCH_ROWS, 0)
        self.page_loaded.emit(len(page))

    def _on_count_loaded(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self._total = total
        self.count_changed.emit(total)

    def _on_load_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        # Stop asking: a view would otherwise retry the failing page on every scroll.
        self._exhausted = True
        self.load_failed.emit(message)

    def _format(self, r: QueueRow) -> tuple[str, ...]:
        return (
            r.case_no,
            r.proposal_no,
            r.applicant_name,
            BUSINESS_TYPES.get(r.business_type, r.business_type),
            r.state.label,
            f"{r.age_hours:.1f}",
            self._overdue_text if r.overdue else "",
        )
