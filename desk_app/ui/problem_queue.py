"""The problem-case queue (问题件): every problem case by due time, with its countdown in working time.

Rows are read once on the worker (`services.problems.queue_page`); the countdown and the warning and
overdue marks are then worked out from each row's due time and the app's clock, once a minute, by
a QTimer: a tick reads nothing from the store. Marks are words as well as colours (已超期 in red,
即将到期 in amber) so they read on a grey-scale print and to the colour-blind.

Keys: arrows move, Enter opens, F5 reads again (the main window's 刷新, which calls `refresh`); typing a case or problem number while the table
has the focus goes to the search line, which keeps only the rows it matches (Enter there opens
the first match, Down goes back to the table). Supervisors also see the open cases counted by agent
and by rule, to see where the problems come from.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app import clock
from desk_app.core.problems.clock import countdown
from desk_app.core.problems.views import (
    ACTIVE,
    MARK_LABELS,
    STATUS_LABELS,
    Countdown,
    ProblemCounts,
    QueuePage,
    QueueRow,
)
from desk_app.core.roles import Actor, Role
from desk_app.core.worktime import HOURS_PER_DAY
from desk_app.services import problems
from desk_app.services.changes import Changes
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.case_view import format_local_time
from desk_app.ui.worker import DbWorker

OVERDUE_COLOR = QColor("#c62828")
WARNING_COLOR = QColor("#b26a00")
WARNING_BACKGROUND = QColor("#fff3e0")
OVERDUE_BACKGROUND = QColor("#ffebee")
TICK_MS = 60_000
# A branch has tens of problem cases open, a few hundred at worst: one read, searched in memory.
QUEUE_LIMIT = 2000

(COL_PROBLEM_NO, COL_CASE_NO, COL_APPLICANT, COL_AGENT, COL_STATUS, COL_ITEMS, COL_DUE, COL_LEFT,
 COL_MARK) = range(9)
COLUMN_WIDTHS = {COL_PROBLEM_NO: 176, COL_CASE_NO: 160, COL_APPLICANT: 180, COL_AGENT: 110, COL_STATUS: 72,
                 COL_ITEMS: 48, COL_DUE: 128, COL_LEFT: 140, COL_MARK: 72}
ProblemIdRole = Qt.ItemDataRole.UserRole + 1


def _item(text: str, tooltip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(text if tooltip is None else tooltip)
    return item


class ProblemQueueWidget(QWidget):
    """Problem cases by due time; `open_requested(problem_no)` when one is opened."""

    open_requested = Signal(str)
    # The rows were read (their number), for tests and a "loading" hint.
    loaded = Signal(int)

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker, self.actor = store, worker, actor
        self.rows: list[QueueRow] = []
        self._request = 0

        self.status_combo = QComboBox()
        self.status_combo.setObjectName("problemStatus")
        self.status_combo.addItem(self.tr("Active (not closed)"), "active")
        for code in ("open", "noticed", "replied", "resolved", "withdrawn"):
            self.status_combo.addItem(STATUS_LABELS[code], code)  # the core's labels, already Chinese
        self.status_combo.addItem(self.tr("All"), "all")
        self.status_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        status_label = QLabel(self.tr("S&tatus:"))
        status_label.setBuddy(self.status_combo)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("problemSearch")
        self.search_edit.setPlaceholderText(self.tr("Case or problem number"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._apply_search)
        self.search_edit.returnPressed.connect(self._open_first_match)
        self.search_edit.installEventFilter(self)
        search_label = QLabel(self.tr("Look &up:"))
        search_label.setBuddy(self.search_edit)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("problemSummary")
        bar = QHBoxLayout()
        bar.addWidget(status_label)
        bar.addWidget(self.status_combo)
        bar.addSpacing(12)
        bar.addWidget(search_label)
        bar.addWidget(self.search_edit, 1)
        bar.addSpacing(12)
        bar.addWidget(self.summary_label)

        self.table = QTableWidget(0, 9)
        self.table.setObjectName("problemTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Problem no."), self.tr("Case no."), self.tr("Applicant"), self.tr("Agent"), self.tr("Status"),
            self.tr("Items"), self.tr("Due"), self.tr("Left (working time)"), self.tr("Mark")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        head = self.table.horizontalHeader()
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col, width in COLUMN_WIDTHS.items():
            head.resizeSection(col, width)
        head.setSectionResizeMode(COL_APPLICANT, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        self.table.installEventFilter(self)

        # Where problems come from: open cases by agent and by rule (supervisors).
        self.by_agent = self._count_table(self.tr("Agent"))
        self.by_agent.setObjectName("problemsByAgent")
        self.by_rule = self._count_table(self.tr("Rule/problem code"))
        self.by_rule.setObjectName("problemsByRule")
        self.counts_box = QGroupBox(self.tr("Where active problem cases come from"))
        cl = QVBoxLayout(self.counts_box)
        cl.addWidget(QLabel(self.tr("By agent")))
        cl.addWidget(self.by_agent, 1)
        cl.addWidget(QLabel(self.tr("By rule")))
        cl.addWidget(self.by_rule, 1)
        self.counts_box.setVisible(actor.has(Role.SUPERVISOR))

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.counts_box)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        self.status_label = QLabel()
        self.status_label.setObjectName("problemQueueStatus")
        self.status_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        ops.bus().changed.connect(self._on_changes)
        self.refresh()

    def _count_table(self, what: str) -> QTableWidget:
        table = QTableWidget(0, 2)
        table.setHorizontalHeaderLabels([what, self.tr("Cases")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setMinimumWidth(200)
        head = table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        return table

    # -- reading ----------------------------------------------------------------------------

    def status_filter(self) -> str:
        return self.status_combo.currentData()

    def refresh(self) -> None:
        """Read the queue (and the counts, for supervisors) again; an older read still on its way is dropped."""
        self._request += 1
        request = self._request
        closed = self.status_filter() not in ACTIVE + ("active",)
        ops.read(self._worker, problems.queue_page, self._store, include_closed=closed, limit=QUEUE_LIMIT,
                 owner=self, urgent=True, on_done=lambda page: self._on_loaded(request, page),
                 on_error=self._say_error)
        if self.counts_box.isVisible() or self.actor.has(Role.SUPERVISOR):
            ops.read(self._worker, problems.counts, self._store, owner=self, on_done=self._on_counts,
                     on_error=self._say_error)

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.problems or changes.cases:
            self.refresh()

    def _say_error(self, message: str) -> None:
        self.status_label.setStyleSheet("color: #b00020;")
        self.status_label.setText(message)

    def _on_loaded(self, request: int, page: QueuePage) -> None:
        if request != self._request:
            return
        wanted = self.status_filter()
        rows = [r for r in page.rows if wanted in ("all", r.status) or wanted == "active" and r.status in ACTIVE]
        current = self.current_problem_id()
        # Soonest due first; those without a due time (no notice yet) after them, oldest raised first.
        far = dt.datetime.max.replace(tzinfo=dt.UTC)
        self.rows = sorted(rows, key=lambda r: (_aware(r.countdown.due_at) or far, _aware(r.raised_at), r.problem_no))
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            agent = " ".join(x for x in (row.agent_code, row.agent_name) if x) or "—"
            due_at = row.countdown.due_at
            due = format_local_time(due_at) if due_at is not None else self.tr("No notice yet")
            cells = ((COL_PROBLEM_NO, row.problem_no, None), (COL_CASE_NO, row.case_no, None),
                     (COL_APPLICANT, row.applicant_name, None), (COL_AGENT, agent, None),
                     (COL_STATUS, row.status_label, None), (COL_ITEMS, str(row.items), None),
                     (COL_DUE, due, None))
            for col, text, tip in cells:
                self.table.setItem(i, col, _item(text, tip))
            self.table.item(i, COL_PROBLEM_NO).setData(ProblemIdRole, row.problem_id)
            self.table.setItem(i, COL_LEFT, _item(""))
            self.table.setItem(i, COL_MARK, _item(""))
        self.tick()
        self._apply_search(self.search_edit.text())
        self._select(current)
        self.loaded.emit(len(self.rows))

    def _on_counts(self, counts: ProblemCounts) -> None:
        for table, pairs in ((self.by_agent, counts.by_agent), (self.by_rule, counts.by_rule)):
            table.setRowCount(len(pairs))
            for i, c in enumerate(pairs):
                table.setItem(i, 0, _item(" ".join(x for x in (c.key, c.label) if x)))
                count = _item(f"{c.active:,}", self.tr("%1 active, %2 in all").replace("%1", str(c.active)).replace("%2", str(c.total)))
                count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(i, 1, count)

    # -- the clock --------------------------------------------------------------------------

    def tick(self) -> None:
        """Work the countdowns and marks out again from the due times and the clock (no store read)."""
        now = clock.now()
        overdue = warning = 0
        bold = QFont(self.table.font())
        bold.setBold(True)
        for i, row in enumerate(self.rows):
            c = countdown(_aware(row.countdown.due_at), now, closed=row.status not in ACTIVE)
            left, mark = self.table.item(i, COL_LEFT), self.table.item(i, COL_MARK)
            text = countdown_text(c)
            left.setText(text)
            left.setToolTip(text)
            if c.mark == "overdue":
                overdue += 1
                colour, background, word = OVERDUE_COLOR, OVERDUE_BACKGROUND, MARK_LABELS["overdue"]
            elif c.mark == "warning":
                warning += 1
                colour, background, word = WARNING_COLOR, WARNING_BACKGROUND, MARK_LABELS["warning"]
            else:
                colour, background, word = None, None, ""
            mark.setText(word)
            mark.setToolTip(word)
            for item in (left, mark):
                item.setForeground(QBrush(colour) if colour else QBrush())
                item.setBackground(QBrush(background) if background else QBrush())
                item.setFont(bold if colour else self.table.font())
        self.summary_label.setText(self.tr("%1 cases: %2 overdue, %3 due soon").replace("%1", str(len(self.rows)))
                                   .replace("%2", str(overdue)).replace("%3", str(warning)))

    # -- keys and search --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.KeyPress:
            key = event  # PySide hands the filter the QKeyEvent itself
            if watched is self.table and self._types_into_search(key):
                self.search_edit.setFocus()
                self.search_edit.insert(key.text())
                return True
            if watched is self.search_edit and key.key() == Qt.Key.Key_Down:
                self.table.setFocus()
                self._select_first_visible()
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _types_into_search(event: QKeyEvent) -> bool:
        text = event.text()
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier in (
            Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        return bool(plain and text and text.isprintable() and not text.isspace())

    def _apply_search(self, text: str) -> None:
        needle = text.strip().upper()
        for i, row in enumerate(self.rows):
            hit = not needle or needle in row.case_no.upper() or needle in row.problem_no.upper()
            self.table.setRowHidden(i, not hit)
        if needle:
            self._select_first_visible()

    def visible_rows(self) -> list[QueueRow]:
        return [row for i, row in enumerate(self.rows) if not self.table.isRowHidden(i)]

    def _select_first_visible(self) -> None:
        for i in range(len(self.rows)):
            if not self.table.isRowHidden(i):
                self.table.setCurrentCell(i, COL_PROBLEM_NO)
                return

    def _select(self, problem_id: str | None) -> None:
        for i, row in enumerate(self.rows):
            if row.problem_id == problem_id and not self.table.isRowHidden(i):
                self.table.setCurrentCell(i, COL_PROBLEM_NO)
                return
        if not self.table.currentIndex().isValid() or self.table.isRowHidden(self.table.currentRow()):
            self._select_first_visible()

    def _open_first_match(self) -> None:
        visible = [i for i in range(len(self.rows)) if not self.table.isRowHidden(i)]
        if visible:
            self._open_row(visible[0])

    def current_problem_id(self) -> str | None:
        row = self.table.currentRow()
        return self.rows[row].problem_id if 0 <= row < len(self.rows) else None

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.open_requested.emit(self.rows[row].problem_no)

    # -- for tests and screenshots ----------------------------------------------------------

    def marks(self) -> dict[str, tuple[str, str]]:
        """Problem no. -> (countdown text, mark word) as shown."""
        return {row.problem_no: (self.table.item(i, COL_LEFT).text(), self.table.item(i, COL_MARK).text())
                for i, row in enumerate(self.rows)}


def _span(hours: float) -> str:
    """Working hours as working days (7.5 h) and hours; minutes under an hour."""
    if hours < 1:
        return f"{max(1, int(hours * 60))} 分钟"
    days, rest = divmod(hours, HOURS_PER_DAY)
    whole = int(rest)
    if days >= 1:
        return f"{int(days)} 工作日 {whole} 小时" if whole else f"{int(days)} 工作日"
    return f"{whole} 小时"


def countdown_text(c: Countdown) -> str:
    """剩余 2 工作日 3 小时 / 超期 4 小时 / 已到期 (past the due time but no working hour since)."""
    if c.remaining_hours is None:
        return "—"
    if c.mark == "overdue":
        over = -c.remaining_hours
        return f"超期 {_span(over)}" if over >= 1 / 60 else "已到期"
    return f"剩余 {_span(c.remaining_hours)}" if c.remaining_hours >= 1 / 60 else "即将到期"


def _aware(at: dt.datetime | None) -> dt.datetime | None:
    if at is not None and at.tzinfo is None:
        return at.replace(tzinfo=dt.UTC)
    return at
