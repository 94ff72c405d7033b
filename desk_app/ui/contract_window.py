"""The contract preparer's tab (合同缮制): the cases waiting for their contract, its preview, printing
one or a batch, reprints after approval, and each case's print log.

Left, the cases: 承保 ISSUED waiting for their first print, or (the 显示 choice) those printed
already, for a reprint. A tick (Space) puts a case in the batch. Right, the contract of the current
case as the service draws it (`services.contracts.preview`, nothing recorded), and below it
the case's print log (who, when, which print, pages, printer).

Printing asks Qt's print dialog for the printer and the copies first, then records the print
(`print_contract`, or `reprint_contract` for a printed case: refused without an approved request, and the
window shows the service's sentence), then paints the PDF the service returned onto the printer.
A batch asks once and prints its cases one after another, one worker job each, so the progress bar
moves and each case is reported printed or failed with its reason.

Keys: arrows move, Space ticks, Ctrl+P prints, Ctrl+S saves as PDF, Ctrl+B prints the ticked cases,
F5 (the main window's) reads again, Esc or Ctrl+W closes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.contracts.views import ContractCase, ContractPreview, PrintedContract, PrintLogRow
from desk_app.core.proposals import BUSINESS_TYPES
from desk_app.core.roles import Actor, Role
from desk_app.core.workflow import State
from desk_app.services import contracts
from desk_app.services.changes import Changes
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.case_view import format_local_time
from desk_app.ui.contract_paper import (
    ERROR_STYLE,
    Destination,
    PagePreview,
    cell,
    choose_destination,
    save_pdf,
    send,
    table,
)
from desk_app.ui.contract_reprint import ReprintRequestDialog
from desk_app.ui.worker import DbWorker

DONE_COLOR = QColor("#2e7d32")
FAILED_COLOR = QColor("#c62828")
CaseIdRole = Qt.ItemDataRole.UserRole + 1

(COL_TICK, COL_CASE_NO, COL_POLICY_NO, COL_APPLICANT, COL_TYPE, COL_PRINTS) = range(6)
CASE_WIDTHS = {COL_TICK: 28, COL_CASE_NO: 168, COL_POLICY_NO: 150, COL_TYPE: 44, COL_PRINTS: 40}
(LOG_SEQ, LOG_WHEN, LOG_WHO, LOG_PAGES, LOG_PRINTER, LOG_COPIES, LOG_REASON, LOG_STATE) = range(8)
LOG_WIDTHS = {LOG_SEQ: 60, LOG_WHEN: 120, LOG_WHO: 90, LOG_PAGES: 44, LOG_PRINTER: 110, LOG_COPIES: 48,
              LOG_STATE: 90}


@dataclass
class Batch:
    """A batch on its way: the cases left, where they go, what became of each."""

    cases: list[ContractCase]
    destination: Destination
    folder: Path | None
    done: list[tuple[ContractCase, str]] = field(default_factory=list)  # (case, "" or the refusal)


class ContractWindow(QWidget):
    """The 缮制 tab; `open_case(proposal_id)` shows that case's contract."""

    close_requested = Signal()
    # The case list was read (its length).
    loaded = Signal(int)
    # The current case's preview and log are on screen (ContractPreview or None when it failed).
    previewed = Signal(object)
    # One contract went to the printer or the file (PrintedContract).
    printed = Signal(object)
    # A batch finished: (printed, failed).
    batch_finished = Signal(int, int)

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contractWindow")
        self._store, self._worker, self.actor = store, worker, actor
        self.cases: list[ContractCase] = []
        self.preview: ContractPreview | None = None
        self.log_rows: list[PrintLogRow] = []
        self.batch: Batch | None = None
        self.may_print = actor.has(Role.CONTRACT_PREPARER)
        self._wanted: str | None = None  # the case to select when the list is read
        self._preview_request = 0
        # Test hooks and unattended runs: when set, one print goes to this PDF file and a batch into
        # this folder (one file per case) through the printer path, without the print dialog.
        self.print_target: Path | None = None
        self.batch_folder: Path | None = None
        self._build()
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(150)  # moving through the list with the arrows renders the last
        self._preview_timer.timeout.connect(self._load_preview)
        ops.bus().changed.connect(self._on_changes)
        self.refresh()

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.show_combo = QComboBox()
        self.show_combo.setObjectName("contractShow")
        self.show_combo.addItem(self.tr("Waiting to print (issued)"), State.ISSUED.value)
        self.show_combo.addItem(self.tr("Printed (for a reprint)"), State.PRINTED.value)
        self.show_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        show_label = QLabel(self.tr("Sho&w:"))
        show_label.setBuddy(self.show_combo)
        self.count_label = QLabel()
        self.count_label.setObjectName("contractCount")
        top = QHBoxLayout()
        top.addWidget(show_label)
        top.addWidget(self.show_combo, 1)
        top.addWidget(self.count_label)

        self.case_table = table(["", self.tr("Case no."), self.tr("Policy no."), self.tr("Applicant"),
                                 self.tr("Type"), self.tr("Prints")], CASE_WIDTHS, COL_APPLICANT, "contractCases")
        self.case_table.currentCellChanged.connect(lambda *_a: self._preview_timer.start())
        self.case_table.itemChanged.connect(lambda _i: self._update_batch_button())
        self.case_table.installEventFilter(self)

        self.batch_button = QPushButton(self.tr("Print tic&ked"))
        self.batch_button.setObjectName("batchPrint")
        self.batch_button.setToolTip(self.tr("Print every ticked case (Space ticks; Ctrl+B)"))
        self.batch_button.clicked.connect(self.print_batch)
        self.progress = QProgressBar()
        self.progress.setObjectName("batchProgress")
        self.progress.setFormat("")  # "%v / %m" while a batch runs
        self.progress.setValue(0)
        self.progress.setMaximum(1)
        batch_row = QHBoxLayout()
        batch_row.addWidget(self.batch_button)
        batch_row.addWidget(self.progress, 1)
        self.batch_list = QListWidget()
        self.batch_list.setObjectName("batchResults")
        self.batch_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.batch_list.setMaximumHeight(110)
        self.batch_box = batch_box = QGroupBox(self.tr("Batch"))
        bl = QVBoxLayout(batch_box)
        bl.addLayout(batch_row)
        bl.addWidget(self.batch_list)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(top)
        ll.addWidget(self.case_table, 1)
        ll.addWidget(batch_box)

        self.preview_view = PagePreview()
        self.preview_view.clear(self.tr("Choose a case to see its contract."))
        self.case_label = QLabel()
        self.case_label.setObjectName("contractCase")
        self.case_label.setWordWrap(True)
        self.print_button = QPushButton(self.tr("Pr&int…"))
        self.print_button.setObjectName("printContract")
        self.print_button.setToolTip(self.tr("Choose the printer and copies, then print (Ctrl+P)"))
        self.print_button.clicked.connect(lambda: self.print_current())
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.setToolTip(self.tr("Record the print and save it as a PDF file (Ctrl+S)"))
        self.save_button.clicked.connect(self._ask_save)
        self.request_button = QPushButton(self.tr("Re&quest reprint…"))
        self.request_button.setObjectName("requestReprint")
        self.request_button.clicked.connect(self.request_reprint)
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.request_button)
        actions.addStretch(1)

        self.log_table = table([self.tr("Print"), self.tr("When"), self.tr("By"), self.tr("Pages"),
                                self.tr("Printer"), self.tr("Copies"), self.tr("Reason"), self.tr("Valid")],
                               LOG_WIDTHS, LOG_REASON, "printLog")
        self.log_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        log_box = QGroupBox(self.tr("Print log"))
        lb = QVBoxLayout(log_box)
        lb.addWidget(self.log_table)

        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(self.preview_view)
        right_split.addWidget(log_box)
        right_split.setStretchFactor(0, 3)
        right_split.setStretchFactor(1, 1)
        right_split.setSizes([440, 140])  # the contract gets the height; the log a few lines
        right_split.setChildrenCollapsible(False)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.case_label)
        rl.addWidget(right_split, 1)
        rl.addLayout(actions)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        # The cases with whole case and policy numbers; an A4 page at 72 dpi (595 px) beside them.
        split.setSizes([660, 680])
        split.setChildrenCollapsible(False)

        self.status_label = QLabel()
        self.status_label.setObjectName("contractStatus")
        self.status_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)

        # Only while the focus is in this tab: other tabs and dialogs keep their own Ctrl+P and Esc.
        for keys, slot in (("Ctrl+P", lambda: self.print_current()), ("Ctrl+S", self._ask_save),
                           ("Ctrl+B", self.print_batch), ("Escape", self.close_requested.emit)):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.setFocusProxy(self.case_table)
        self._update_actions()

    # -- reading ----------------------------------------------------------------------------

    def showing(self) -> State:
        return State(self.show_combo.currentData())

    def refresh(self) -> None:
        ops.read(self._worker, contracts.print_queue, self._store, include_printed=True, owner=self, urgent=True, on_done=self._on_cases, on_error=self.say_error)

    def open_case(self, proposal_id: str) -> None:
        """Show this case (the list is read again; a printed case switches the list to printed)."""
        self._wanted = proposal_id
        self.refresh()

    def _on_cases(self, rows: list[ContractCase]) -> None:
        wanted = self._wanted or self.current_proposal_id()
        old_row = self.case_table.currentRow()
        if self._wanted:
            # A case opened from the queue shows among the cases of its own stage.
            state = next((r.state for r in rows if r.proposal_id == self._wanted), None)
            index = self.show_combo.findData(state)
            if index >= 0 and index != self.show_combo.currentIndex():
                self.show_combo.blockSignals(True)
                self.show_combo.setCurrentIndex(index)
                self.show_combo.blockSignals(False)
        self._wanted = None
        # Batches are of first prints: the printed cases' list gets the height instead.
        self.batch_box.setVisible(self.showing() == State.ISSUED or self.batch is not None)
        ticked = set(self.ticked_ids())
        self.cases = [r for r in rows if r.state == self.showing().value]
        self.case_table.blockSignals(True)
        self.case_table.setRowCount(len(self.cases))
        for i, c in enumerate(self.cases):
            tick = cell("")
            tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            tick.setCheckState(Qt.CheckState.Checked if c.proposal_id in ticked else Qt.CheckState.Unchecked)
            tick.setToolTip(self.tr("Space ticks the case for a batch"))
            tick.setData(CaseIdRole, c.proposal_id)
            self.case_table.setItem(i, COL_TICK, tick)
            self.case_table.setItem(i, COL_CASE_NO, cell(c.case_no))
            self.case_table.setItem(i, COL_POLICY_NO, cell(c.policy_no or "—"))
            self.case_table.setItem(i, COL_APPLICANT, cell(c.applicant_name))
            kind = BUSINESS_TYPES.get(c.business_type, c.business_type)
            self.case_table.setItem(i, COL_TYPE, cell(kind, f"{kind}，{c.insured_count} 人"))
            self.case_table.setItem(i, COL_PRINTS, cell(str(c.prints)))
        self.case_table.blockSignals(False)
        self.count_label.setText(self.tr("%1 cases").replace("%1", f"{len(self.cases):,}"))
        # The same case, else (it was printed and left the list) the one that took its place.
        row = next((i for i, c in enumerate(self.cases) if c.proposal_id == wanted),
                   min(max(old_row, 0), len(self.cases) - 1))
        if row >= 0:
            self.case_table.setCurrentCell(row, COL_CASE_NO)
        else:
            self.preview = None
            self.preview_view.clear(self.tr("No case here."))
            self._show_log([])
        self._preview_timer.start()
        self._update_actions()
        self.loaded.emit(len(self.cases))

    def current_case(self) -> ContractCase | None:
        row = self.case_table.currentRow()
        return self.cases[row] if 0 <= row < len(self.cases) else None

    def current_proposal_id(self) -> str | None:
        case = self.current_case()
        return case.proposal_id if case else None

    def hideEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        # A preview still waiting for its moment is not read once the tab is gone (the window closed,
        # perhaps its worker shut down); showing the tab again reads it.
        self._preview_timer.stop()
        super().hideEvent(event)

    def showEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        super().showEvent(event)
        if self.preview is None and self.current_case() is not None:
            self._preview_timer.start()

    def _load_preview(self) -> None:
        case = self.current_case()
        if case is None or not self.isVisible():
            return
        self._preview_request += 1
        request = self._preview_request
        self.case_label.setText(self.tr("%1 — %2 — policy %3").replace("%1", case.case_no)
                                .replace("%2", case.applicant_name).replace("%3", case.policy_no or "—"))
        self.preview_view.clear(self.tr("Drawing the contract…"))
        ops.read(self._worker, contracts.preview, self._store, proposal_id=case.proposal_id, owner=self,
                 urgent=True, on_done=lambda p: self._on_preview(request, p),
                 on_error=lambda m: self._on_preview_failed(request, m))
        ops.read(self._worker, contracts.print_log, self._store, proposal_id=case.proposal_id, owner=self,
                 on_done=lambda rows: self._on_log(request, rows), on_error=self.say_error)

    def _on_preview(self, request: int, preview: ContractPreview) -> None:
        if request != self._preview_request:
            return
        self.preview = preview
        self.preview_view.show_pdf(preview.pdf)
        self._update_actions()
        self.previewed.emit(preview)

    def _on_preview_failed(self, request: int, message: str) -> None:
        if request != self._preview_request:
            return
        self.preview = None
        self.preview_view.clear(message)
        self._update_actions()
        self.previewed.emit(None)

    def _on_log(self, request: int, rows: list[PrintLogRow]) -> None:
        if request == self._preview_request:
            self._show_log(rows)

    def _show_log(self, rows: list[PrintLogRow]) -> None:
        self.log_rows = list(rows)
        self.log_table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            seq = self.tr("Original") if r.print_seq == 1 else self.tr("Copy %1").replace("%1", str(r.print_seq))
            reason = r.reprint_reason or "—"
            valid = self.tr("Current") if r.current else self.tr("Superseded")
            valid_tip = self.tr("%1; reprint approved by %2").replace("%1", valid).replace("%2", r.approved_by) \
                if r.approved_by else valid
            for col, text, tip in ((LOG_SEQ, seq, None), (LOG_WHEN, format_local_time(r.printed_at), None),
                                   (LOG_WHO, r.printed_by, None), (LOG_PAGES, str(r.pages), None),
                                   (LOG_PRINTER, r.printer or self.tr("PDF file"), None),
                                   (LOG_COPIES, str(r.copies), None), (LOG_REASON, reason, None),
                                   (LOG_STATE, valid, valid_tip)):
                self.log_table.setItem(i, col, cell(text, tip))
            colour = DONE_COLOR if r.current else FAILED_COLOR
            self.log_table.item(i, LOG_STATE).setForeground(QBrush(colour))

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if initiator is self or self.batch is not None:
            return  # this window reads again itself, once the print went out
        if changes.cases or changes.queues:
            self.refresh()

    # -- printing one -----------------------------------------------------------------------

    def _update_actions(self) -> None:
        case = self.current_case()
        printed = case is not None and case.state != State.ISSUED.value
        # Only a preparer prints (a supervisor watches the log and approves reprints elsewhere).
        busy = self.batch is not None or not self.may_print
        self.print_button.setEnabled(case is not None and not busy)
        self.save_button.setEnabled(case is not None and not busy)
        self.print_button.setText(self.tr("Repr&int…") if printed else self.tr("Pr&int…"))
        self.request_button.setEnabled(printed and not busy)
        self._update_batch_button()

    def _update_batch_button(self) -> None:
        n = len(self.ticked_ids())
        self.batch_button.setEnabled(n > 0 and self.batch is None and self.showing() == State.ISSUED and self.may_print)
        self.batch_button.setText(self.tr("Print tic&ked (%1)").replace("%1", str(n)) if n
                                  else self.tr("Print tic&ked"))

    def print_current(self, *, to_file: Path | None = None) -> None:
        """Choose the printer (or `to_file`, else the test hook), record the print, then print it."""
        case = self.current_case()
        if case is None or self.batch is not None or not self.may_print:
            return
        reprint = case.state != State.ISSUED.value
        title = self.tr("Reprint contract %1") if reprint else self.tr("Print contract %1")
        destination = choose_destination(self, title.replace("%1", case.policy_no or case.case_no),
                                         case.policy_no or case.case_no, to_file=to_file or self.print_target)
        if destination is None:
            return
        self._record(case, destination, reprint, lambda p: send(p.pdf, destination))

    def _ask_save(self) -> None:
        case = self.current_case()
        if case is None or self.batch is not None or not self.may_print:
            return
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Save the contract as PDF"),
                                               f"{case.policy_no or case.case_no}.pdf", self.tr("PDF files (*.pdf)"))
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        """Record the print (to a file: no printer) and write the contract's PDF there."""
        case = self.current_case()
        if case is None:
            return
        reprint = case.state != State.ISSUED.value
        self._record(case, None, reprint, lambda p: save_pdf(p.pdf, path))

    def _record(self, case: ContractCase, destination: Destination | None, reprint: bool, output) -> None:  # noqa: ANN001
        printer = destination.printer if destination else ""
        copies = destination.copies if destination else 1
        fn = contracts.reprint_contract if reprint else contracts.print_contract
        self.say(self.tr("Recording the print…"))
        self.print_button.setEnabled(False)

        def done(printed: PrintedContract) -> None:
            try:
                where = output(printed)
            except OSError as exc:
                self.say_error(self.tr("The print was recorded but could not be written: %1").replace("%1", str(exc)))
            else:
                what = self.tr("Original") if printed.print_seq == 1 else \
                    self.tr("Copy %1").replace("%1", str(printed.print_seq))
                self.say(self.tr("%1 of %2 printed (%3 pages) to %4").replace("%1", what)
                         .replace("%2", printed.policy_no).replace("%3", str(printed.pages)).replace("%4", where))
                self.printed.emit(printed)
            self.refresh()

        def refused(message: str) -> None:
            self.say_error(message)
            self._update_actions()

        ops.run(self._worker, fn, self._store, actor=self.actor, proposal_id=case.proposal_id, printer=printer,
                copies=copies, owner=self, initiator=self, on_done=done, on_error=refused)

    def request_reprint(self) -> None:
        case = self.current_case()
        if case is None or case.state == State.ISSUED.value:
            return
        self.reprint_dialog = ReprintRequestDialog(self._store, self._worker, self.actor, case, self)
        self.reprint_dialog.completed.connect(
            lambda _v: self.say(self.tr("Reprint requested; it prints once a supervisor approves it.")))
        self.reprint_dialog.open()

    # -- batch ------------------------------------------------------------------------------

    def ticked_ids(self) -> list[str]:
        out = []
        for i in range(self.case_table.rowCount()):
            item = self.case_table.item(i, COL_TICK)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(CaseIdRole))
        return out

    def tick(self, row: int, on: bool | None = None) -> None:
        item = self.case_table.item(row, COL_TICK)
        if item is None:
            return
        if on is None:
            on = item.checkState() != Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001 - Qt override
        from PySide6.QtCore import QEvent

        if watched is self.case_table and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Space and not event.modifiers():
                self.tick(self.case_table.currentRow())
                return True
            if event.key() == Qt.Key.Key_A and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
                on = len(self.ticked_ids()) < len(self.cases)
                for i in range(len(self.cases)):
                    self.tick(i, on)
                return True
        return super().eventFilter(watched, event)

    def print_batch(self) -> None:
        """The ticked cases, one after another, to one printer chosen once (or into `batch_folder`)."""
        ids = set(self.ticked_ids())
        cases = [c for c in self.cases if c.proposal_id in ids]
        if not cases or self.batch is not None or self.showing() != State.ISSUED or not self.may_print:
            return
        folder = self.batch_folder
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        destination = choose_destination(self, self.tr("Print %1 contracts").replace("%1", str(len(cases))),
                                         self.tr("Contracts"), to_file=folder / "batch.pdf" if folder else None)
        if destination is None:
            return
        self.batch = Batch(cases, destination, folder)
        self.batch_list.clear()
        self.progress.setMaximum(len(cases))
        self.progress.setValue(0)
        self.progress.setFormat("%v / %m")
        self._update_actions()
        self.say(self.tr("Printing %1 contracts…").replace("%1", str(len(cases))))
        self._next_in_batch()

    def _next_in_batch(self) -> None:
        batch = self.batch
        if batch is None:
            return
        if len(batch.done) == len(batch.cases):
            self._finish_batch()
            return
        case = batch.cases[len(batch.done)]

        def done(printed: PrintedContract) -> None:
            try:
                file = batch.folder / f"{printed.policy_no or case.case_no}.pdf" if batch.folder else None
                send(printed.pdf, batch.destination, file=file)
            except OSError as exc:
                self._batch_step(case, str(exc))
            else:
                self._batch_step(case, "")

        ops.run(self._worker, contracts.print_contract, self._store, actor=self.actor, proposal_id=case.proposal_id,
                printer=batch.destination.printer, copies=batch.destination.copies, owner=self, initiator=self,
                on_done=done, on_error=lambda message: self._batch_step(case, message))

    def _batch_step(self, case: ContractCase, error: str) -> None:
        batch = self.batch
        if batch is None:
            return
        batch.done.append((case, error))
        if error:
            item = QListWidgetItem(self.tr("%1 failed: %2").replace("%1", case.case_no).replace("%2", error))
            item.setForeground(QBrush(FAILED_COLOR))
        else:
            item = QListWidgetItem(self.tr("%1 printed").replace("%1", case.case_no))
            item.setForeground(QBrush(DONE_COLOR))
        item.setToolTip(item.text())
        self.batch_list.addItem(item)
        self.batch_list.scrollToBottom()
        self.progress.setValue(len(batch.done))
        self._next_in_batch()

    def _finish_batch(self) -> None:
        batch = self.batch
        assert batch is not None
        self.batch = None
        failed = sum(1 for _c, e in batch.done if e)
        printed = len(batch.done) - failed
        text = self.tr("Batch finished: %1 printed, %2 failed.").replace("%1", str(printed)).replace("%2", str(failed))
        (self.say_error if failed else self.say)(text)
        self.refresh()
        self.batch_finished.emit(printed, failed)

    # -- messages ---------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.status_label.setStyleSheet("")
        self.status_label.setText(text)

    def say_error(self, message: str) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE)
        self.status_label.setText(message)

    def refusal(self) -> str:
        return self.status_label.text() if self.status_label.styleSheet() == ERROR_STYLE else ""

    def batch_report(self) -> list[str]:
        return [self.batch_list.item(i).text() for i in range(self.batch_list.count())]
