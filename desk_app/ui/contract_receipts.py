"""Receipts and archive (回执与归档), for counter clerks and supervisors.

Left, the receipt queue: printed cases waiting for the customer's signed receipt, longest waiting
first, with the days since printing; at 15 days a warning and at 19 days overdue, each marked in
words as well as colour (预警 on amber, 已超期 on red) so the marks survive a grey-scale print and
colour blindness. The days and marks come from the service, worked out from the app's clock. A
receipt is taken in by hand (the selected case) or by scanning it back (image/PDF files, indexed
by the receipt's QR).

Right, the archive: the case (its case or policy number typed or scanned, or picked from the
receipted cases), the box and the position (the next free one in the box is proposed), 归档; the
box's contents below, and its archive list (归档清单) as a PDF to print or save.

Keys: the queue has the focus; Alt+E records the selected case's receipt, Alt+Q scans receipt
files; Alt+A goes to the case field of the archive, Enter moves on to box and position, and Enter
on the position (or Alt+H) archives; Alt+X shows the box's list; Esc or Ctrl+W closes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.contracts.views import ArchivedCase, ArchiveListPaper, ReceiptQueueRow, ReceiptRecorded
from desk_app.core.queues import QueueRow
from desk_app.core.roles import Actor, Role
from desk_app.core.workflow import State
from desk_app.services import cases, contracts
from desk_app.services.changes import Changes
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.case_view import format_local_time
from desk_app.ui.contract_paper import ERROR_STYLE, PdfDialog, cell, table
from desk_app.ui.worker import DbWorker

# The receipt marks in the counter's words (domain words, like the stage names).
RECEIPT_MARK_LABELS = {"warning": "预警", "overdue": "已超期", "": ""}
MARK_COLOURS = {"warning": (QColor("#8a4b00"), QColor("#ffe0b2")), "overdue": (QColor("#b71c1c"), QColor("#ffcdd2"))}

(R_CASE, R_POLICY, R_APPLICANT, R_PRINTED, R_DAYS, R_MARK) = range(6)
R_WIDTHS = {R_CASE: 168, R_POLICY: 150, R_PRINTED: 118, R_DAYS: 44, R_MARK: 60}
(B_POS, B_CASE, B_POLICY, B_APPLICANT) = range(4)
B_WIDTHS = {B_POS: 44, B_CASE: 168, B_POLICY: 150}


class ReceiptArchiveWidget(QWidget):
    """The receipt queue and the archive (one tab)."""

    close_requested = Signal()
    loaded = Signal(int)  # the receipt queue was read (its length)
    archived = Signal(object)  # ArchivedCase
    received = Signal(object)  # a list of ReceiptRecorded

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptWindow")
        self._store, self._worker, self.actor = store, worker, actor
        self.rows: list[ReceiptQueueRow] = []
        self.box_rows: list[ArchivedCase] = []
        self.receipted: list[QueueRow] = []
        self._archive_case: tuple[str, str] | None = None  # (proposal id, what was typed)

        # -- the receipt queue
        self.queue = table([self.tr("Case no."), self.tr("Policy no."), self.tr("Applicant"), self.tr("Printed"),
                            self.tr("Days"), self.tr("Mark")], R_WIDTHS, R_APPLICANT, "receiptQueue")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("receiptSummary")
        self.receipt_button = QPushButton(self.tr("R&eceipt received"))
        self.receipt_button.setToolTip(self.tr("The selected case's signed receipt came back (by hand)"))
        self.receipt_button.clicked.connect(self.record_receipt)
        self.scan_button = QPushButton(self.tr("Scan receipt files… (&Q)"))
        self.scan_button.setToolTip(self.tr("Images or PDFs of signed receipts, matched by their QR code"))
        self.scan_button.clicked.connect(self._ask_scan)
        buttons = QHBoxLayout()
        buttons.addWidget(self.receipt_button)
        buttons.addWidget(self.scan_button)
        buttons.addStretch(1)
        receipt_box = QGroupBox(self.tr("Waiting for the signed receipt"))
        rl = QVBoxLayout(receipt_box)
        rl.addWidget(self.summary_label)
        rl.addWidget(self.queue, 1)
        rl.addLayout(buttons)

        # -- the archive
        self.case_edit = QLineEdit()
        self.case_edit.setObjectName("archiveCase")
        self.case_edit.setPlaceholderText(self.tr("Case, proposal or policy no."))
        self.case_edit.returnPressed.connect(self._find_archive_case)
        self.case_edit.textEdited.connect(lambda _t: self._set_archive_case(None))
        case_label = QLabel(self.tr("C&ase:"))
        case_label.setBuddy(self.case_edit)
        self.case_found = QLabel()
        self.case_found.setObjectName("archiveCaseFound")
        self.case_found.setWordWrap(True)
        self.box_edit = QLineEdit()
        self.box_edit.setObjectName("archiveBox")
        self.box_edit.setPlaceholderText(self.tr("e.g. 2026-12-001"))
        self.box_edit.editingFinished.connect(self.load_box)
        self.box_edit.returnPressed.connect(lambda: self.position_spin.setFocus())
        box_label = QLabel(self.tr("&Box:"))
        box_label.setBuddy(self.box_edit)
        self.position_spin = QSpinBox()
        self.position_spin.setObjectName("archivePosition")
        self.position_spin.setRange(1, 9999)
        self.position_spin.lineEdit().returnPressed.connect(self.archive)
        position_label = QLabel(self.tr("Pos&ition:"))
        position_label.setBuddy(self.position_spin)
        self.archive_button = QPushButton(self.tr("Arc&hive"))
        self.archive_button.setObjectName("archiveButton")
        self.archive_button.clicked.connect(self.archive)
        self.list_button = QPushButton(self.tr("Bo&x list…"))
        self.list_button.setToolTip(self.tr("The archive list of the box, to print or save as PDF"))
        self.list_button.clicked.connect(self.show_box_list)
        form = QFormLayout()
        form.addRow(case_label, self.case_edit)
        form.addRow("", self.case_found)
        form.addRow(box_label, self.box_edit)
        form.addRow(position_label, self.position_spin)
        archive_buttons = QHBoxLayout()
        archive_buttons.addWidget(self.archive_button)
        archive_buttons.addWidget(self.list_button)
        archive_buttons.addStretch(1)
        self.receipted_table = table([self.tr("Case no."), self.tr("Applicant"), self.tr("Receipted")],
                                     {0: 168, 2: 118}, 1, "receiptedCases")
        self.receipted_table.activated.connect(lambda index: self._pick_receipted(index.row()))
        self.box_table = table([self.tr("Pos."), self.tr("Case no."), self.tr("Policy no."), self.tr("Applicant")],
                               B_WIDTHS, B_APPLICANT, "boxContents")
        self.box_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        archive_box = QGroupBox(self.tr("Archive"))
        al = QVBoxLayout(archive_box)
        al.addLayout(form)
        al.addLayout(archive_buttons)
        al.addWidget(QLabel(self.tr("Receipted, to archive (Enter picks):")))
        al.addWidget(self.receipted_table, 1)
        self.box_caption = QLabel(self.tr("In the box:"))
        al.addWidget(self.box_caption)
        al.addWidget(self.box_table, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(receipt_box)
        split.addWidget(archive_box)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        self.status_label = QLabel()
        self.status_label.setObjectName("receiptStatus")
        self.status_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)
        self.setFocusProxy(self.queue)
        # The receipt is taken in at the counter; a supervisor watches the queue and archives.
        for button in (self.receipt_button, self.scan_button):
            button.setVisible(actor.has(Role.COUNTER_CLERK))
        ops.bus().changed.connect(self._on_changes)
        self.refresh()

    # -- reading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        ops.read(self._worker, contracts.receipt_queue, self._store, owner=self, urgent=True,
                 on_done=self._on_queue, on_error=self.say_error)
        # The receipted cases wait in the counter clerk's queue (回执); its first page is enough here.
        ops.read(self._worker, cases.queue_page, self._store, Role.COUNTER_CLERK, owner=self,
                 on_done=self._on_receipted, on_error=self.say_error)
        if self.box_edit.text().strip():
            self.load_box()

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if initiator is not self and (changes.cases or changes.queues):
            self.refresh()

    def _on_queue(self, rows: list[ReceiptQueueRow]) -> None:
        current = self.current_row()
        self.rows = list(rows)
        self.queue.setRowCount(len(rows))
        bold = QFont(self.queue.font())
        bold.setBold(True)
        warning = overdue = 0
        for i, r in enumerate(rows):
            word = RECEIPT_MARK_LABELS.get(r.mark, r.mark)
            days = self.tr("%1 days since printing").replace("%1", str(r.days))
            for col, text, tip in ((R_CASE, r.case_no, None), (R_POLICY, r.policy_no, None),
                                   (R_APPLICANT, r.applicant_name, None),
                                   (R_PRINTED, format_local_time(r.printed_at), None),
                                   (R_DAYS, str(r.days), days), (R_MARK, word, f"{word} — {days}" if word else days)):
                self.queue.setItem(i, col, cell(text, tip))
            self.queue.item(i, R_DAYS).setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if r.mark in MARK_COLOURS:
                warning += r.mark == "warning"
                overdue += r.mark == "overdue"
                fg, bg = MARK_COLOURS[r.mark]
                for col in (R_DAYS, R_MARK):
                    item = self.queue.item(i, col)
                    item.setForeground(QBrush(fg))
                    item.setBackground(QBrush(bg))
                    item.setFont(bold)
        self.summary_label.setText(self.tr("%1 waiting: %2 overdue (19 days), %3 warning (15 days)")
                                   .replace("%1", str(len(rows))).replace("%2", str(overdue))
                                   .replace("%3", str(warning)))
        row = next((i for i, r in enumerate(rows) if current and r.proposal_id == current.proposal_id),
                   0 if rows else -1)
        if row >= 0:
            self.queue.setCurrentCell(row, R_CASE)
        self.receipt_button.setEnabled(bool(rows))
        self.loaded.emit(len(rows))

    def _on_receipted(self, rows: list[QueueRow]) -> None:
        self.receipted = [r for r in rows if r.state == State.RECEIPTED]
        self.receipted_table.setRowCount(len(self.receipted))
        for i, r in enumerate(self.receipted):
            self.receipted_table.setItem(i, 0, cell(r.case_no))
            self.receipted_table.setItem(i, 1, cell(r.applicant_name))
            self.receipted_table.setItem(i, 2, cell(format_local_time(r.state_since)))

    def current_row(self) -> ReceiptQueueRow | None:
        row = self.queue.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def marks(self) -> dict[str, tuple[int, str]]:
        """Case no. -> (days, mark word) as shown (for tests)."""
        return {r.case_no: (int(self.queue.item(i, R_DAYS).text()), self.queue.item(i, R_MARK).text())
                for i, r in enumerate(self.rows)}

    # -- receipts ---------------------------------------------------------------------------

    def record_receipt(self) -> None:
        row = self.current_row()
        if row is None:
            return
        ops.run(self._worker, contracts.record_receipt, self._store, actor=self.actor, proposal_id=row.proposal_id,
                owner=self, initiator=self, on_done=lambda r: self._on_received([r]), on_error=self.say_error)

    def _ask_scan(self) -> None:
        paths, _f = QFileDialog.getOpenFileNames(self, self.tr("Signed receipts"), "",
                                                 self.tr("Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)"))
        if paths:
            self.scan_files([Path(p) for p in paths])

    def scan_files(self, paths: list[Path]) -> None:
        self.say(self.tr("Reading %1 files…").replace("%1", str(len(paths))))
        ops.run(self._worker, contracts.scan_receipt, self._store, actor=self.actor, paths=paths, owner=self,
                initiator=self, on_done=self._on_received, on_error=self.say_error)

    def _on_received(self, recorded: list[ReceiptRecorded]) -> None:
        names = "、".join(r.policy_no or r.case_no for r in recorded)
        self.say(self.tr("Receipt taken in: %1").replace("%1", names) if recorded
                 else self.tr("No receipt was recognised in those files."))
        self.received.emit(recorded)
        self.refresh()

    # -- archive ----------------------------------------------------------------------------

    def _pick_receipted(self, row: int) -> None:
        if 0 <= row < len(self.receipted):
            r = self.receipted[row]
            self.case_edit.setText(r.case_no)
            self._set_archive_case((r.proposal_id, r.case_no), f"{r.case_no} {r.applicant_name}")
            self.box_edit.setFocus()

    def _set_archive_case(self, case: tuple[str, str] | None, text: str = "") -> None:
        self._archive_case = case
        self.case_found.setStyleSheet("")
        self.case_found.setText(text)

    def _find_archive_case(self) -> None:
        text = self.case_edit.text().strip()
        if not text:
            return

        def found(proposal_id: str) -> None:
            self._set_archive_case((proposal_id, text), self.tr("Found: %1").replace("%1", text))
            self.box_edit.setFocus()

        def missing(message: str) -> None:
            self._set_archive_case(None)
            self.case_found.setStyleSheet(ERROR_STYLE)
            self.case_found.setText(message)

        ops.read(self._worker, contracts.find_case, self._store, text, owner=self, urgent=True,
                 on_done=found, on_error=missing)

    def load_box(self) -> None:
        box = self.box_edit.text().strip()
        if not box:
            return
        ops.read(self._worker, contracts.archive_box, self._store, box_no=box, owner=self,
                 on_done=lambda rows: self._on_box(box, rows), on_error=self.say_error)

    def _on_box(self, box: str, rows: list[ArchivedCase]) -> None:
        self.box_rows = list(rows)
        self.box_caption.setText(self.tr("In box %1: %2 files").replace("%1", box).replace("%2", str(len(rows))))
        self.box_table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for col, text in ((B_POS, str(r.position)), (B_CASE, r.case_no), (B_POLICY, r.policy_no),
                              (B_APPLICANT, r.applicant_name)):
                self.box_table.setItem(i, col, cell(text))
        # The next free position is proposed (the clerk may type another).
        self.position_spin.setValue(max((r.position for r in rows), default=0) + 1)

    def archive(self) -> None:
        box = self.box_edit.text().strip()
        if self._archive_case is None:
            if self.case_edit.text().strip():
                self._find_archive_case()
            else:
                self.say_error(self.tr("Type or scan the case to archive first."))
                self.case_edit.setFocus()
            return
        if not box:
            self.say_error(self.tr("Type the box number first."))
            self.box_edit.setFocus()
            return
        proposal_id = self._archive_case[0]

        def done(a: ArchivedCase) -> None:
            self.say(self.tr("%1 archived in box %2 at position %3.").replace("%1", a.policy_no or a.case_no)
                     .replace("%2", a.box_no).replace("%3", str(a.position)))
            self.case_edit.clear()
            self._set_archive_case(None)
            self.case_edit.setFocus()
            self.archived.emit(a)
            self.refresh()

        ops.run(self._worker, contracts.archive, self._store, actor=self.actor, proposal_id=proposal_id, box_no=box,
                position=self.position_spin.value(), owner=self, initiator=self, on_done=done,
                on_error=self.say_error)

    def show_box_list(self) -> None:
        box = self.box_edit.text().strip()
        if not box:
            self.say_error(self.tr("Type the box number first."))
            self.box_edit.setFocus()
            return

        def made(paper: ArchiveListPaper) -> None:
            self.list_dialog = PdfDialog(self.tr("Archive list of box %1").replace("%1", paper.box_no), paper.pdf,
                                         f"archive-{paper.box_no}.pdf", self)
            self.list_dialog.open()

        ops.read(self._worker, contracts.archive_list, self._store, box_no=box, owner=self, on_done=made,
                 on_error=self.say_error)

    # -- messages ---------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.status_label.setStyleSheet("")
        self.status_label.setText(text)

    def say_error(self, message: str) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE)
        self.status_label.setText(message)

    def refusal(self) -> str:
        return self.status_label.text() if self.status_label.styleSheet() == ERROR_STYLE else ""

    def keyPressEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.close_requested.emit()
            return
        super().keyPressEvent(event)
