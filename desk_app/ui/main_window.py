"""The main window: one work-queue tab per role the user holds, the opened case beside it.

All reads go through the database worker; the window keeps only frozen values (the Actor,
queue rows in the models, the opened CaseDetail) and the Store handle it passes to jobs.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

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
from desk_app.services import cases, problems, setup
from desk_app.services.changes import Changes
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.case_view import CaseViewWidget
from desk_app.ui.fit import ElidedLabel, fit_to_screen
from desk_app.ui.idle_lock import IdleLock
from desk_app.ui.intake_widget import IntakeWidget
from desk_app.ui.problem_case import ProblemCaseWidget
from desk_app.ui.problem_queue import ProblemQueueWidget
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
from desk_app.ui.rule_results import RuleResultsDialog
from desk_app.ui.stationery_dialog import StationeryDialog
from desk_app.ui.sync_menu import install_sync
from desk_app.ui.unmask_dialog import UnmaskDialog
from desk_app.ui.worker import DbWorker

if TYPE_CHECKING:
    from desk_app.ui.contract_receipts import ReceiptArchiveWidget
    from desk_app.ui.contract_reprint import ReprintApprovalDialog
    from desk_app.ui.contract_verify import VerifyWidget
    from desk_app.ui.contract_window import ContractWindow
    from desk_app.ui.entry_window import EntryWindow
    from desk_app.ui.reconcile_window import ReconcileWindow
    from desk_app.ui.uw_authority import AuthorityDialog
    from desk_app.ui.uw_window import UnderwritingWidget

# Tabs that close (Ctrl+W) besides intakes; the queues stay.
CLOSABLE_TABS = ("scanWindow", "entryWindow", "reconcileWindow", "problemQueue", "problemCase", "uwWindow",
                 "contractWindow", "verifyWindow", "receiptWindow")
# Who opens reconciliation (差异处理): the service decides per case (not one who keyed it).
RECONCILERS = frozenset({Role.ENTRY_OPERATOR, Role.PROBLEM_HANDLER, Role.SUPERVISOR})
ENTRY_STATES = (State.SCANNED, State.FIRST_ENTERED)
# Who may import a case's insured list (services.insured decides the stage).
INSURED_LIST_ROLES = frozenset({Role.COUNTER_CLERK, Role.ENTRY_OPERATOR, Role.PROBLEM_HANDLER, Role.SUPERVISOR})
# Who works the problem cases (问题件): handlers, and supervisors who watch where they come from.
PROBLEM_ROLES = frozenset({Role.PROBLEM_HANDLER, Role.SUPERVISOR})
# Who decides cases (核保): branch underwriters on 校验/核保, the provincial office on 上报.
UNDERWRITING_ROLES = frozenset({Role.UNDERWRITER, Role.HEAD_OFFICE})
UNDERWRITING_STATES = {Role.UNDERWRITER: (State.VALIDATED, State.UNDERWRITING), Role.HEAD_OFFICE: (State.REFERRED,)}
# Contract printing (合同缮制) for preparers, and supervisors who approve reprints and watch the log;
# verifying a paper copy for whoever hands contracts over; receipts and the archive at the counter.
CONTRACT_ROLES = frozenset({Role.CONTRACT_PREPARER, Role.SUPERVISOR})
VERIFY_ROLES = frozenset({Role.CONTRACT_PREPARER, Role.COUNTER_CLERK, Role.SUPERVISOR})
RECEIPT_ROLES = frozenset({Role.COUNTER_CLERK, Role.SUPERVISOR})

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
        self.case_view.rules_requested.connect(self.open_rule_results)

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

        # Double data entry (录入) in a tab of its own, for entry operators; reconciliation
        # (差异处理) for whoever may settle differences; the operators' figures for supervisors.
        self.entry_action = QAction(self.tr("&Data entry"), self)
        self.entry_action.setShortcut(QKeySequence("Ctrl+E"))
        self.entry_action.setVisible(self.actor.has(Role.ENTRY_OPERATOR))
        self.entry_action.setEnabled(self.actor.has(Role.ENTRY_OPERATOR))
        self.entry_action.triggered.connect(lambda: self.open_entry())
        self.addAction(self.entry_action)
        may_reconcile = bool(self.actor.roles & RECONCILERS)
        self.reconcile_action = QAction(self.tr("Reconci&liation"), self)
        self.reconcile_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.reconcile_action.setVisible(may_reconcile)
        self.reconcile_action.setEnabled(may_reconcile)
        self.reconcile_action.triggered.connect(lambda: self.open_reconcile())
        self.addAction(self.reconcile_action)
        self.figures_action = QAction(self.tr("Entry &figures…"), self)
        self.figures_action.setVisible(self.actor.has(Role.SUPERVISOR))
        self.figures_action.setEnabled(self.actor.has(Role.SUPERVISOR))
        self.figures_action.triggered.connect(self.open_figures)

        # The insured list (被保险人清单) of the selected or opened case, from intake until the
        # second entry ends (the service says when it is too late).
        may_import = bool(self.actor.roles & INSURED_LIST_ROLES)
        self.insured_action = QAction(self.tr("&Insured list…"), self)
        self.insured_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.insured_action.setStatusTip(self.tr("Import the insured list of the selected case"))
        self.insured_action.setVisible(may_import)
        self.insured_action.setEnabled(may_import)
        self.insured_action.triggered.connect(self.open_insured_list)
        self.addAction(self.insured_action)

        # Problem cases (问题件) in a tab of their own: the queue by due time, one case per tab.
        may_handle = bool(self.actor.roles & PROBLEM_ROLES)
        self.problems_action = QAction(self.tr("&Problem cases"), self)
        self.problems_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.problems_action.setStatusTip(self.tr("Problem cases by due time, with the working time left"))
        self.problems_action.setVisible(may_handle)
        self.problems_action.setEnabled(may_handle)
        self.problems_action.triggered.connect(lambda: self.open_problems())
        self.addAction(self.problems_action)

        # Underwriting (核保) in a tab of its own: the case selected in the underwriting queue (or the
        # provincial office's referred cases); the supervisor gives the underwriters their levels.
        may_underwrite = bool(self.actor.roles & UNDERWRITING_ROLES)
        self.underwriting_action = QAction(self.tr("&Underwriting"), self)
        self.underwriting_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.underwriting_action.setStatusTip(self.tr("Open the selected case of the underwriting queue"))
        self.underwriting_action.setVisible(may_underwrite)
        self.underwriting_action.setEnabled(may_underwrite)
        self.underwriting_action.triggered.connect(lambda: self.open_underwriting())
        self.addAction(self.underwriting_action)
        may_assign = bool(self.actor.roles & {Role.SUPERVISOR, Role.ADMIN})
        self.authority_action = QAction(self.tr("Underwriting &authority…"), self)
        self.authority_action.setVisible(may_assign)
        self.authority_action.setEnabled(may_assign)
        self.authority_action.triggered.connect(self.open_authority)

        # Contract printing, verifying a copy, receipts and archive: each a tab of its own.
        self.contracts_action = self._role_action(self.tr("Contract printin&g"), "Ctrl+Shift+C", CONTRACT_ROLES,
                                                  self.tr("Print the contracts of issued cases, reprints, print log"),
                                                  lambda: self.open_contracts())
        self.verify_action = self._role_action(self.tr("Verif&y copy"), "Ctrl+Shift+V", VERIFY_ROLES,
                                               self.tr("Check a paper contract page by its QR code"),
                                               self.open_verify)
        self.receipts_action = self._role_action(self.tr("Receip&ts and archive"), "Ctrl+Shift+R", RECEIPT_ROLES,
                                                 self.tr("Signed receipts waiting, and filing cases in boxes"),
                                                 self.open_receipts)
        self.approvals_action = self._role_action(self.tr("Reprint appro&vals…"), "Ctrl+Shift+A",
                                                  frozenset({Role.SUPERVISOR}),
                                                  self.tr("Approve or refuse the reprint requests"),
                                                  self.open_reprint_approvals)

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
        case_menu.addAction(self.entry_action)
        case_menu.addAction(self.reconcile_action)
        case_menu.addAction(self.insured_action)
        case_menu.addAction(self.problems_action)
        case_menu.addAction(self.underwriting_action)
        case_menu.addAction(self.authority_action)
        case_menu.addAction(self.contracts_action)
        case_menu.addAction(self.verify_action)
        case_menu.addAction(self.receipts_action)
        case_menu.addAction(self.approvals_action)
        case_menu.addAction(self.stationery_action)
        case_menu.addAction(self.figures_action)
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
        toolbar.addAction(self.entry_action)
        toolbar.addAction(self.reconcile_action)
        toolbar.addAction(self.problems_action)
        toolbar.addAction(self.underwriting_action)
        toolbar.addAction(self.contracts_action)
        toolbar.addAction(self.verify_action)
        toolbar.addAction(self.receipts_action)

    def _role_action(self, text: str, keys: str, roles: frozenset[Role], tip: str,
                     slot: Callable[[], object]) -> QAction:
        """An action with a window-wide shortcut, shown and enabled for the given roles only."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setStatusTip(tip)
        allowed = bool(self.actor.roles & roles)
        action.setVisible(allowed)
        action.setEnabled(allowed)
        action.triggered.connect(lambda: slot())
        self.addAction(action)
        return action

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
        is_queue = page is None or not self._is_closable(page)
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
        # F5 is the window's: the problem tabs read again too (a shortcut of their own would clash).
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            if isinstance(page, ProblemQueueWidget):
                page.refresh()
            elif isinstance(page, ProblemCaseWidget) or page.objectName() == "uwWindow":
                page.reload()  # type: ignore[attr-defined]
            elif page.objectName() in ("contractWindow", "receiptWindow"):
                page.refresh()  # type: ignore[attr-defined]

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
        if not proposal_id:
            return
        # A case waiting for entry opens in the entry workstation from the entry queue, one
        # waiting for reconciliation in the reconciliation tab, one at 问题件 in its problem case
        # from the handler's queue; any other in the case view.
        role = self.current_role()
        state = self.queue_models[role].row_at(index.row()).state if role is not None else None
        if role == Role.ENTRY_OPERATOR and state in ENTRY_STATES:
            self.open_entry(proposal_id)
        elif role in (Role.ENTRY_OPERATOR, Role.PROBLEM_HANDLER) and state == State.RECONCILE \
                and self.actor.roles & RECONCILERS:
            self.open_reconcile(proposal_id)
        elif role == Role.PROBLEM_HANDLER and state == State.PROBLEM:
            self.open_case_problem(proposal_id)
        elif role in UNDERWRITING_STATES and state in UNDERWRITING_STATES[role]:
            self.open_underwriting(proposal_id)
        elif role == Role.CONTRACT_PREPARER and state == State.ISSUED:
            self.open_contracts(proposal_id)
        else:
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

    def _tab_named(self, name: str) -> QWidget | None:
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).objectName() == name:
                return self.tabs.widget(i)
        return None

    def open_entry(self, proposal_id: str | None = None) -> EntryWindow:
        """The entry workstation (one tab): the case picked in the queue, else the next of the pool."""
        from desk_app.ui.entry_window import EntryWindow

        widget = self._tab_named("entryWindow")
        if not isinstance(widget, EntryWindow):
            widget = EntryWindow(self._store, self._worker, self.actor)
            widget.close_requested.connect(lambda w=widget: self.close_tab(self.tabs.indexOf(w)))
            self.tabs.addTab(widget, self.tr("Data entry"))
            self.tabs.setTabToolTip(self.tabs.indexOf(widget), self.tr("Close with Ctrl+W or Esc"))
            if proposal_id is None:
                widget.take_next()
        self.tabs.setCurrentWidget(widget)
        if proposal_id is not None:
            if widget.task is not None and widget.task.proposal_id == proposal_id:
                widget.current_form().focus_field(widget.current_form().current_key())
            elif widget.has_unsaved_work():
                # The pass on screen is submitted (F8) or closed first.
                widget.say(self.tr("Submit (F8) or close the case on screen before opening another."), error=True)
            else:
                widget.open_case(proposal_id)
        return widget

    def open_reconcile(self, proposal_id: str | None = None) -> ReconcileWindow:
        """Reconciliation (one tab): the case picked in the queue, else the longest waiting."""
        from desk_app.ui.reconcile_window import ReconcileWindow

        widget = self._tab_named("reconcileWindow")
        if not isinstance(widget, ReconcileWindow):
            widget = ReconcileWindow(self._store, self._worker, self.actor)
            widget.close_requested.connect(lambda w=widget: self.close_tab(self.tabs.indexOf(w)))
            self.tabs.addTab(widget, self.tr("Reconciliation"))
            self.tabs.setTabToolTip(self.tabs.indexOf(widget), self.tr("Close with Ctrl+W or Esc"))
        self.tabs.setCurrentWidget(widget)
        if proposal_id is not None:
            widget.open_case(proposal_id)
        elif widget.comparison is None:
            widget.open_next()
        widget.fields.setFocus()
        return widget

    def open_figures(self) -> QWidget:
        from desk_app.ui.entry_figures import FiguresDialog

        self.figures_dialog = FiguresDialog(self._store, self._worker, self.actor, self)
        self.figures_dialog.open()
        return self.figures_dialog

    def _selected_case(self) -> tuple[str, str] | None:
        """(proposal id, case number) of the row selected in the current queue, else of the opened case."""
        role = self.current_role()
        if role is not None:
            index = self.queue_views[role].currentIndex()
            if index.isValid() and index.data(ProposalIdRole):
                row = self.queue_models[role].row_at(index.row())
                return row.proposal_id, row.case_no
        detail = self.case_view.detail
        if detail is not None and detail.proposal_id == self._open_case_id:
            return detail.proposal_id, detail.case_no
        return None

    def open_insured_list(self) -> QWidget | None:
        from desk_app.ui.insured_dialog import InsuredListDialog

        case = self._selected_case()
        if case is None:
            self.statusBar().showMessage(self.tr("Select a case in a queue first."), 5000)
            return None
        self.insured_dialog = InsuredListDialog(self._store, self._worker, self.actor, case[0], case[1], self)
        self.insured_dialog.open()
        return self.insured_dialog

    def open_problems(self) -> ProblemQueueWidget:
        """The problem-case queue (one tab), focused on its table."""
        widget = self._tab_named("problemQueue")
        if not isinstance(widget, ProblemQueueWidget):
            widget = ProblemQueueWidget(self._store, self._worker, self.actor)
            widget.setObjectName("problemQueue")
            widget.open_requested.connect(self.open_problem)
            self.tabs.addTab(widget, self.tr("Problem cases"))
            self.tabs.setTabToolTip(self.tabs.indexOf(widget), self.tr("Close with Ctrl+W"))
        else:
            widget.refresh()
        self.tabs.setCurrentWidget(widget)
        widget.table.setFocus()
        return widget

    def open_problem(self, problem_no: str) -> ProblemCaseWidget:
        """One problem case in its tab (reused: the handler works one case at a time)."""
        widget = self._tab_named("problemCase")
        if not isinstance(widget, ProblemCaseWidget):
            widget = ProblemCaseWidget(self._store, self._worker, self.actor)
            widget.setObjectName("problemCase")
            widget.close_requested.connect(lambda w=widget: self.close_tab(self.tabs.indexOf(w)))
            widget.shown.connect(lambda view, w=widget: self.tabs.setTabText(
                self.tabs.indexOf(w), self.tr("Problem case %1").replace("%1", view.problem_no)))
            self.tabs.addTab(widget, self.tr("Problem cases"))
            self.tabs.setTabToolTip(self.tabs.indexOf(widget), self.tr("Close with Ctrl+W or Esc"))
        self.tabs.setCurrentWidget(widget)
        widget.open_problem(problem_no)
        widget.setFocus()
        return widget

    def open_underwriting(self, proposal_id: str | None = None) -> UnderwritingWidget | None:
        """The underwriting workbench (one tab) on the case given, else the one selected in the
        underwriting (or referred) queue."""
        from desk_app.ui.uw_window import UnderwritingWidget

        if proposal_id is None:
            proposal_id = self._selected_underwriting_case()
        widget = self._tab_named("uwWindow")
        if proposal_id is None and not isinstance(widget, UnderwritingWidget):
            self.statusBar().showMessage(self.tr("Select a case in the underwriting queue first."), 5000)
            return None
        if not isinstance(widget, UnderwritingWidget):
            widget = UnderwritingWidget(self._store, self._worker, self.actor)
            widget.setObjectName("uwWindow")
            widget.close_requested.connect(lambda w=widget: self.close_tab(self.tabs.indexOf(w)))
            widget.shown.connect(lambda _pid, w=widget: self.tabs.setTabText(
                self.tabs.indexOf(w), self.tr("Underwriting %1").replace("%1", w.summary.case_no)))
            self.tabs.addTab(widget, self.tr("Underwriting"))
            self.tabs.setTabToolTip(self.tabs.indexOf(widget), self.tr("Close with Ctrl+W or Esc"))
        self.tabs.setCurrentWidget(widget)
        if proposal_id is not None:
            widget.open_case(proposal_id)
        widget.decision.setFocus()
        return widget

    def _selected_underwriting_case(self) -> str | None:
        """The row selected in the current queue if it is an underwriting one, else in the first
        underwriting queue this user has."""
        current = self.current_role()
        roles = [current] if current in UNDERWRITING_STATES else []
        roles += [r for r in UNDERWRITING_STATES if r in self.queue_views and r not in roles]
        for role in roles:
            index = self.queue_views[role].currentIndex()
            if index.isValid() and index.data(ProposalIdRole):
                return index.data(ProposalIdRole)
        return None

    def open_authority(self) -> AuthorityDialog:
        from desk_app.ui.uw_authority import AuthorityDialog

        self.authority_dialog = AuthorityDialog(self._store, self._worker, self.actor, self)
        self.authority_dialog.open()
        return self.authority_dialog

    def open_case_problem(self, proposal_id: str) -> None:
        """The case's problem case still open (else its newest); the case view when it has none."""
        def opened(views: list) -> None:
            active = [v for v in views if v.active] or views
            if active:
                self.open_problem(active[0].problem_no)
            else:
                self.open_case(proposal_id)

        ops.read(self._worker, problems.case_problems, self._store, proposal_id=proposal_id, owner=self,
                 urgent=True, on_done=opened, on_error=self._on_queue_load_failed)

    def _closable_tab(self, name: str, make: Callable[[], QWidget], title: str) -> QWidget:
        """The tab of that name, made (with Esc and Ctrl+W closing it) the first time; made current."""
        widget = self._tab_named(name)
        if widget is None:
            widget = make()
            widget.close_requested.connect(lambda w=widget: self.close_tab(self.tabs.indexOf(w)))  # type: ignore[attr-defined]
            self.tabs.addTab(widget, title)
            self.tabs.setTabToolTip(self.tabs.indexOf(widget), self.tr("Close with Ctrl+W or Esc"))
        self.tabs.setCurrentWidget(widget)
        widget.setFocus()
        return widget

    def open_contracts(self, proposal_id: str | None = None) -> ContractWindow:
        """The contract printing tab (one), at the case picked in the preparer's queue if any."""
        from desk_app.ui.contract_window import ContractWindow

        existed = self._tab_named("contractWindow") is not None
        widget = self._closable_tab("contractWindow", lambda: ContractWindow(self._store, self._worker, self.actor),
                                    self.tr("Contracts"))
        assert isinstance(widget, ContractWindow)
        if proposal_id is not None:
            widget.open_case(proposal_id)
        elif existed:
            widget.refresh()
        return widget

    def open_verify(self) -> VerifyWidget:
        from desk_app.ui.contract_verify import VerifyWidget

        widget = self._closable_tab("verifyWindow", lambda: VerifyWidget(self._store, self._worker, self.actor),
                                    self.tr("Verify"))
        assert isinstance(widget, VerifyWidget)
        widget.scan_edit.selectAll()
        return widget

    def open_receipts(self) -> ReceiptArchiveWidget:
        from desk_app.ui.contract_receipts import ReceiptArchiveWidget

        widget = self._closable_tab("receiptWindow",
                                    lambda: ReceiptArchiveWidget(self._store, self._worker, self.actor),
                                    self.tr("Receipts"))
        assert isinstance(widget, ReceiptArchiveWidget)
        return widget

    def open_reprint_approvals(self) -> ReprintApprovalDialog:
        from desk_app.ui.contract_reprint import ReprintApprovalDialog

        old = getattr(self, "approvals_dialog", None)
        if old is not None:
            old.deleteLater()
        self.approvals_dialog = ReprintApprovalDialog(self._store, self._worker, self.actor, self)
        self.approvals_dialog.open()
        return self.approvals_dialog

    def open_rule_results(self) -> RuleResultsDialog | None:
        """Why the opened case stopped: its latest rule run (F7 in the case view)."""
        detail = self.case_view.detail
        if detail is None:
            return None
        old = getattr(self, "rules_dialog", None)
        if old is not None:
            old.deleteLater()
        self.rules_dialog = RuleResultsDialog(self._store, self._worker, detail.proposal_id, case_no=detail.case_no,
                                              business_type=detail.business_type, parent=self)
        self.rules_dialog.open()
        return self.rules_dialog

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

    def _unsaved_intakes(self) -> list[QWidget]:
        """Tabs with typed work: intakes not taken in, entry passes not submitted, reconciliation
        decisions not recorded."""
        return [w for i in range(self.tabs.count())
                if self._is_closable(w := self.tabs.widget(i)) and getattr(w, "has_unsaved_work", bool)()]

    def _ask_discard(self, text: str, on_discard: Callable[[], None], title: str | None = None) -> None:
        """Ask (window-modal, not blocking); `on_discard` runs only if the clerk chooses to discard.
        The default button, Enter and Esc keep the work."""
        box = QMessageBox(QMessageBox.Icon.Warning, title or self.tr("Unsaved intake"), text, parent=self)
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
        if widget.objectName() == "entryWindow" and widget.has_unsaved_work():  # type: ignore[attr-defined]
            self.tabs.setCurrentIndex(index)
            widget.prepare_close()  # type: ignore[attr-defined]
            self._ask_discard(self.tr("This case's entry is not submitted. The fields keyed so far are kept, "
                                      "and the case stays yours to finish. Close the tab?"),
                              lambda: self._remove_tab(widget), title=self.tr("Entry not submitted"))
            return
        if widget.objectName() == "reconcileWindow" and widget.has_unsaved_work():  # type: ignore[attr-defined]
            self.tabs.setCurrentIndex(index)
            self._ask_discard(self.tr("The decisions taken on this case are not recorded yet (F8 records them). "
                                      "Close the tab and discard them?"), lambda: self._remove_tab(widget),
                              title=self.tr("Decisions not recorded"))
            return
        self._remove_tab(widget)

    def _remove_tab(self, widget: QWidget) -> None:
        index = self.tabs.indexOf(widget)
        if widget.objectName() == "entryWindow":
            widget.prepare_close()  # type: ignore[attr-defined]
        if index >= 0:
            self.tabs.removeTab(index)
            widget.deleteLater()

    def _quit_discarding(self) -> None:
        self._quit_confirmed = True
        self.close()

    def _is_closable(self, widget: QWidget) -> bool:
        return isinstance(widget, IntakeWidget) or widget.objectName() in CLOSABLE_TABS

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        unsaved = self._unsaved_intakes()
        if unsaved and not self._quit_confirmed:
            event.ignore()
            self.tabs.setCurrentWidget(unsaved[0])
            text = (self.tr("Intakes with typed data not yet taken in: %1. Quit and discard them?")
                    if all(isinstance(w, IntakeWidget) for w in unsaved)
                    else self.tr("Tabs with typed work not yet saved or submitted: %1. Quit anyway?"))
            self._ask_discard(text.replace("%1", str(len(unsaved))), self._quit_discarding)
            return
        super().closeEvent(event)
        if event.isAccepted():
            # The field being keyed is saved; then the entry tab sends nothing more to the worker.
            for i in range(self.tabs.count()):
                if self.tabs.widget(i).objectName() == "entryWindow":
                    self.tabs.widget(i).prepare_close()  # type: ignore[attr-defined]
            # A closed window no longer follows changes (its worker may be shut down next).
            ops.bus().changed.disconnect(self._on_changes)
            self.sync_runner.shutdown()
            if self._owns_worker:
                self._worker.shutdown(wait=True)
            self.closed.emit()
