"""The main window: one work-queue tab per role the user holds, the opened case beside it.

All reads go through the database worker; the window keeps only frozen values (the Actor,
queue rows in the models, the opened CaseDetail) and the Store handle it passes to jobs.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabBar,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.core import queues
from desk_app.core.privacy import PersonalField, can_unmask
from desk_app.core.proposals import CaseDetail
from desk_app.core.roles import Actor, Role
from desk_app.core.workflow import State
from desk_app.services import cases, setup
from desk_app.services.changes import Changes
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.case_view import CaseViewWidget
from desk_app.ui.fit import ElidedLabel, fit_to_screen
from desk_app.ui.idle_lock import IdleLock
from desk_app.ui.intake_widget import IntakeWidget
from desk_app.ui.queue_model import (
    COL_AGE,
    COL_APPLICANT,
    COL_BUSINESS_TYPE,
    COL_CASE_NO,
    COL_OVERDUE,
    COL_PROPOSAL_NO,
    COL_STAGE,
    CaseQueueTableModel,
    ProposalIdRole,
)
from desk_app.ui.stationery_dialog import StationeryDialog
from desk_app.ui.sync_menu import install_sync
from desk_app.ui.unmask_dialog import UnmaskDialog
from desk_app.ui.worker import DbWorker

ROW_HEIGHT = 26
COLUMN_WIDTHS = {COL_CASE_NO: 168, COL_PROPOSAL_NO: 100, COL_APPLICANT: 200, COL_BUSINESS_TYPE: 62,
                 COL_STAGE: 72, COL_AGE: 84, COL_OVERDUE: 44}


class QueueView(QTableView):
    """A queue's table: every scroll tells its model the last row shown, so that the model reads
    and appends the next pages while they are still out of sight (never in the frame that
    reaches them)."""

    def verticalScrollbarValueChanged(self, value: int) -> None:  # noqa: N802 (Qt's name)
        super().verticalScrollbarValueChanged(value)
        model = self.model()
        if isinstance(model, CaseQueueTableModel):
            last = self.rowAt(self.viewport().height() - 1)
            model.show_to(model.rowCount() - 1 if last < 0 else last)


def make_queue_view(model: CaseQueueTableModel) -> QTableView:
    """A table over a queue model, set up so that its cost does not grow with the queue."""
    view = QueueView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.setSortingEnabled(False)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    # Fixed row heights and column widths: nothing is measured from content, so a view over
    # 100,000 rows lays out in constant time.
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(ROW_HEIGHT)
    rows.hide()
    head = view.horizontalHeader()
    head.setHighlightSections(False)
    head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for col, width in COLUMN_WIDTHS.items():
        head.resizeSection(col, width)
    head.setSectionResizeMode(COL_APPLICANT, QHeaderView.ResizeMode.Stretch)
    return view


class MainWindow(QMainWindow):
    """The desk of one logged-in user."""

    # The case shown on the right changed (after it was read on the worker).
    case_opened = Signal(object)
    # The window was closed by the user (the app quits then).
    closed = Signal()

    def __init__(self, store: Store, actor: Actor, *, worker: DbWorker | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.actor = actor
        self._owns_worker = worker is None
        self._worker = worker or DbWorker(self)
        self._case_request = 0
        self._open_case_id: str | None = None
        self._quit_confirmed = False  # the clerk chose to quit although an intake had typed data
        self.discard_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("BranchDesk - %1").replace("%1", actor.display_name))
        fit_to_screen(self, QSize(1280, 800))

        self.tabs = QTabWidget()
        self.tabs.setObjectName("queueTabs")
        self.tabs.setDocumentMode(True)
        # Intake and scanning tabs get a close button (queue tabs none, see _add_closable_tab).
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.queue_models: dict[Role, CaseQueueTableModel] = {}
        self.queue_views: dict[Role, QTableView] = {}
        # One line per tab saying how many cases wait at each stage of that queue.
        self.stage_labels: dict[Role, QLabel] = {}
        for role in queues.queue_roles(actor.roles):
            self._add_queue_tab(role)
        if not self.queue_models:
            empty = QLabel(self.tr("None of your roles has a work queue."))
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._add_fixed_tab(empty, self.tr("No queue"))

        self.case_view = CaseViewWidget()
        # The opened case belongs beside the queues; intake and scanning tabs get the whole width.
        self.tabs.currentChanged.connect(self._on_tab_changed)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.case_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([730, 550])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        self.case_view.set_unmask_allowed(can_unmask(actor))
        self.case_view.unmask_requested.connect(self._on_unmask_requested)

        self._build_actions()
        self._build_status_bar()
        # After the central widget exists: the lock covers it without destroying it.
        self.idle_lock = IdleLock(self, store, self._worker, actor)
        self.sync_runner = install_sync(self, store, self._worker)
        ops.read(self._worker, setup.branch_label, store, on_done=self._on_branch_loaded,
                 on_error=self._on_branch_failed, owner=self)
        # What another action changed (an intake, a scan, a sync that pulled cases) is shown at once.
        ops.bus().changed.connect(self._on_changes)
        # After the models' first pages and counts: the least urgent read goes last.
        QTimer.singleShot(0, self, self._load_stage_counts)

    # -- construction -----------------------------------------------------------------------

    def _add_queue_tab(self, role: Role) -> None:
        model = CaseQueueTableModel(self._store, self._worker, role, parent=self)
        view = make_queue_view(model)
        view.setObjectName(f"queue_{role.value}")
        # activated = double-click (or single click where the style says so) and Enter/Return.
        view.activated.connect(self._on_queue_activated)
        model.count_changed.connect(lambda n, r=role: self._on_queue_count_changed(r, n))
        model.load_failed.connect(self._on_queue_load_failed)
        # The first row is selected as soon as there is one: Down and Enter work from the start.
        model.rowsInserted.connect(lambda *_a, r=role: self._select_first_row(r))
        model.modelReset.connect(lambda r=role: self._select_first_row(r))
        stages = QLabel()
        stages.setObjectName(f"stages_{role.value}")
        stages.setWordWrap(True)
        stages.setTextFormat(Qt.TextFormat.RichText)
        stages.setStyleSheet("color: #455a64; padding: 4px 6px;")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(stages)
        layout.addWidget(view, 1)
        self.queue_models[role] = model
        self.queue_views[role] = view
        self.stage_labels[role] = stages
        self._add_fixed_tab(page, role.label)

    def _build_actions(self) -> None:
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcuts([QKeySequence("F5"), QKeySequence("Ctrl+R")])
        self.refresh_action.setStatusTip(self.tr("Read the queues again from the database"))
        self.refresh_action.triggered.connect(self._on_refresh_triggered)

        self.open_action = QAction(self.tr("&Open case"), self)
        self.open_action.setStatusTip(self.tr("Open the selected case"))
        self.open_action.triggered.connect(self._on_open_triggered)

        # Counter intake (新单受理) opens in a tab of its own, for counter clerks.
        self.intake_action = QAction(self.tr("&New intake"), self)
        self.intake_action.setShortcut(QKeySequence("Ctrl+N"))
        self.intake_action.setVisible(self.actor.has(Role.COUNTER_CLERK))
        self.intake_action.setEnabled(self.actor.has(Role.COUNTER_CLERK))
        self.intake_action.triggered.connect(self.open_intake)
        self.addAction(self.intake_action)  # the shortcut works wherever the focus is in the window

        # The scanning station (扫描) opens in a tab of its own, for scanning operators.
        self.scan_action = QAction(self.tr("S&canning station"), self)
        self.scan_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.scan_action.setVisible(self.actor.has(Role.SCANNING_OPERATOR))
        self.scan_action.setEnabled(self.actor.has(Role.SCANNING_OPERATOR))
        self.scan_action.triggered.connect(self.open_scanning)
        self.addAction(self.scan_action)

        # Stationery control (单证) is the supervisor's.
        self.stationery_action = QAction(self.tr("&Stationery…"), self)
        self.stationery_action.setVisible(self.actor.has(Role.SUPERVISOR))
        self.stationery_action.setEnabled(self.actor.has(Role.SUPERVISOR))
        self.stationery_action.triggered.connect(self.open_stationery)

        self.close_tab_action = QAction(self.tr("&Close tab"), self)
        self.close_tab_action.setShortcut(QKeySequence("Ctrl+W"))
        self.close_tab_action.triggered.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        self.addAction(self.close_tab_action)

        self.quit_action = QAction(self.tr("E&xit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)

        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        file_menu.addAction(self.close_tab_action)
        file_menu.addAction(self.quit_action)
        case_menu = menu.addMenu(self.tr("&Case"))
        case_menu.addAction(self.open_action)
        case_menu.addAction(self.intake_action)
        case_menu.addAction(self.scan_action)
        case_menu.addAction(self.stationery_action)
        view_menu = menu.addMenu(self.tr("&View"))
        view_menu.addAction(self.refresh_action)

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.refresh_action)
        toolbar.addAction(self.open_action)
        toolbar.addAction(self.intake_action)
        toolbar.addAction(self.scan_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        roles = "、".join(r.label for r in sorted(self.actor.roles))
        self.user_label = QLabel(self.tr("User: %1 (%2)").replace("%1", self.actor.display_name).replace("%2", roles))
        self.branch_label = QLabel(self.tr("Branch: %1").replace("%1", self.actor.branch_code or "…"))
        # The path is long: elided in the middle, whole in the tooltip.
        self.store_label = ElidedLabel(self.tr("Database: %1").replace("%1", str(self._store.path)),
                                       mode=Qt.TextElideMode.ElideMiddle)
        self.busy_label = QLabel()
        for label in (self.busy_label, self.user_label, self.branch_label, self.store_label):
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(label, 1 if label is self.store_label else 0)
        self._worker.busy_changed.connect(self._on_worker_busy_changed)

    # -- queues -----------------------------------------------------------------------------

    def current_role(self) -> Role | None:
        view = self.tabs.currentWidget()
        for role, v in self.queue_views.items():
            if v.parentWidget() is view:
                return role
        return None

    def _select_first_row(self, role: Role) -> None:
        view, model = self.queue_views[role], self.queue_models[role]
        if not view.currentIndex().isValid() and model.rowCount() > 0:
            view.setCurrentIndex(model.index(0, 0))

    def _on_tab_changed(self, _index: int) -> None:
        page = self.tabs.currentWidget()
        is_queue = page is None or not isinstance(page, IntakeWidget) and page.objectName() != "scanWindow"
        self.case_view.setVisible(is_queue)

    def _on_queue_count_changed(self, role: Role, total: int) -> None:
        index = self.tabs.indexOf(self.queue_views[role].parentWidget())
        self.tabs.setTabText(index, f"{role.label} ({total:,})")

    def _load_stage_counts(self) -> None:
        if self.stage_labels:
            ops.read(self._worker, cases.stage_counts, self._store, on_done=self._on_stage_counts_loaded,
                     on_error=self._on_queue_load_failed, owner=self)

    def _on_stage_counts_loaded(self, counts: dict[State, int]) -> None:
        for role, label in self.stage_labels.items():
            # <nobr>: Qt may break between any two Chinese characters, but never inside "回执 6".
            parts = [f"<nobr>{html.escape(state.label)}&nbsp;{counts.get(state, 0):,}</nobr>"
                     for state in queues.QUEUE_STATES[role]]
            label.setText(html.escape(self.tr("By stage: %1")).replace("%1", "&nbsp;&nbsp; ".join(parts)))

    def _on_queue_load_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)

    def _on_refresh_triggered(self) -> None:
        self._on_changes(Changes(cases=True, queues=True), None)

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        """Refresh what an action touched: the queues and their counts, the opened case."""
        if changes.queues or changes.cases:
            for model in self.queue_models.values():
                model.refresh()
            QTimer.singleShot(0, self, self._load_stage_counts)
        if changes.cases and self._open_case_id is not None:
            self.open_case(self._open_case_id)

    def _on_worker_busy_changed(self, pending: int) -> None:
        self.busy_label.setText(self.tr("Reading…") if pending else "")

    # -- the opened case --------------------------------------------------------------------

    def _on_queue_activated(self, index: QModelIndex) -> None:
        proposal_id = index.data(ProposalIdRole)
        if proposal_id:
            self.open_case(proposal_id)

    def _on_open_triggered(self) -> None:
        role = self.current_role()
        if role is None:
            return
        index = self.queue_views[role].currentIndex()
        if index.isValid():
            self._on_queue_activated(index)

    def open_case(self, proposal_id: str) -> None:
        """Read the case on the worker and show it; a later request supersedes this one."""
        self._case_request += 1
        request = self._case_request
        self._open_case_id = proposal_id
        if self.case_view.detail is None or self.case_view.detail.proposal_id != proposal_id:
            self.case_view.show_loading()
        ops.read(self._worker, cases.case_detail, self._store, proposal_id,
                 on_done=lambda detail: self._on_case_loaded(request, detail),
                 on_error=lambda message: self._on_case_failed(request, message), owner=self, urgent=True)

    def _on_case_loaded(self, request: int, detail: CaseDetail) -> None:
        if request != self._case_request:
            return
        self.case_view.show_case(detail)
        self.case_opened.emit(detail)

    def _on_case_failed(self, request: int, message: str) -> None:
        if request != self._case_request:
            return
        self._open_case_id = None
        self.case_view.show_message(message)

    def _on_unmask_requested(self, field: PersonalField) -> None:
        if self._open_case_id is None:
            return
        self.unmask_dialog = UnmaskDialog(self._store, self._worker, self.actor, self._open_case_id, field, self)
        self.unmask_dialog.open()

    def open_intake(self) -> IntakeWidget:
        """A new intake tab (one per proposal at the counter), focused on the number field."""
        widget = IntakeWidget(self._store, self._worker, self.actor)
        self.tabs.setCurrentIndex(self.tabs.addTab(widget, self.tr("New intake")))
        self.tabs.setTabToolTip(self.tabs.indexOf(widget), self.tr("Close with Ctrl+W"))
        widget.proposal_no_edit.setFocus()
        return widget

    def open_scanning(self) -> QWidget:
        """The scanning station in a tab (imported here: it brings opencv and the pipeline)."""
        from desk_app.ui.scan_window import ScanWindow

        widget = ScanWindow(self._store, self._worker, self.actor)
        widget.setObjectName("scanWindow")
        self.tabs.setCurrentIndex(self.tabs.addTab(widget, self.tr("Scanning")))
        self.tabs.setTabToolTip(self.tabs.indexOf(widget), self.tr("Close with Ctrl+W"))
        return widget

    def open_stationery(self) -> StationeryDialog:
        self.stationery_dialog = StationeryDialog(self._store, self._worker, self.actor, self)
        self.stationery_dialog.open()
        return self.stationery_dialog

    # -- branch and closing -----------------------------------------------------------------

    def _on_branch_loaded(self, branch: setup.BranchLabel) -> None:
        self.branch_label.setText(self.tr("Branch: %1").replace("%1", str(branch)))

    def _on_branch_failed(self, message: str) -> None:
        self.branch_label.setText(message)

    def _add_fixed_tab(self, page: QWidget, label: str) -> None:
        """A tab without a close button (queues stay as long as the window)."""
        index = self.tabs.addTab(page, label)
        bar = self.tabs.tabBar()
        for side in (QTabBar.ButtonPosition.LeftSide, QTabBar.ButtonPosition.RightSide):
            if bar.tabButton(index, side) is not None:
                bar.setTabButton(index, side, None)

    def _unsaved_intakes(self) -> list[IntakeWidget]:
        return [w for i in range(self.tabs.count())
                if isinstance(w := self.tabs.widget(i), IntakeWidget) and w.has_unsaved_work()]

    def _ask_discard(self, text: str, on_discard: Callable[[], None]) -> None:
        """Ask (window-modal, not blocking); `on_discard` runs only if the clerk chooses to discard.
        The default button, Enter and Esc keep the work."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unsaved intake"), text, parent=self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        discard = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep working"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.finished.connect(lambda _r: on_discard() if box.clickedButton() is discard else None)
        box.finished.connect(box.deleteLater)
        self.discard_box = box
        box.open()

    def close_tab(self, index: int) -> None:
        """Close an intake or scanning tab (never a queue); typed work is discarded only when confirmed."""
        widget = self.tabs.widget(index)
        if widget is None or not self._is_closable(widget):
            return
        if isinstance(widget, IntakeWidget) and widget.has_unsaved_work():
            self.tabs.setCurrentIndex(index)
            self._ask_discard(self.tr("This intake has typed data that was not taken in. "
                                      "Close the tab and discard it?"), lambda: self._remove_tab(widget))
            return
        self._remove_tab(widget)

    def _remove_tab(self, widget: QWidget) -> None:
        index = self.tabs.indexOf(widget)
        if index >= 0:
            self.tabs.removeTab(index)
            widget.deleteLater()

    def _quit_discarding(self) -> None:
        self._quit_confirmed = True
        self.close()

    def _is_closable(self, widget: QWidget) -> bool:
        return isinstance(widget, IntakeWidget) or widget.objectName() == "scanWindow"

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        unsaved = self._unsaved_intakes()
        if unsaved and not self._quit_confirmed:
            event.ignore()
            self.tabs.setCurrentWidget(unsaved[0])
            self._ask_discard(self.tr("Intakes with typed data not yet taken in: %1. Quit and discard them?")
                              .replace("%1", str(len(unsaved))), self._quit_discarding)
            return
        super().closeEvent(event)
        if event.isAccepted():
            # A closed window no longer follows changes (its worker may be shut down next).
            ops.bus().changed.disconnect(self._on_changes)
            self.sync_runner.shutdown()
            if self._owns_worker:
                self._worker.shutdown(wait=True)
            self.closed.emit()
