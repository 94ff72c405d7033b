"""The counter intake screen (新单受理), keyboard-first.

A USB scanner types the proposal number like a keyboard and ends with Enter, which moves on to
the next field; every field is reached with Tab, every button has a shortcut. All database work
(lists, the material check, the intake itself with its receipt) runs on the DbWorker; the widget
keeps only frozen values from core.intake and the receipt's PDF bytes for printing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app import clock
from desk_app.core.intake import FormChoices, IntakePreview, IntakeRequest, Tick
from desk_app.core.proposals import (
    BUSINESS_SOURCES,
    BUSINESS_TYPES,
    SOURCE_INTERMEDIARY_KIND,
    CaseDraft,
    ProductLine,
)
from desk_app.core.receipts import PrintedPaper
from desk_app.core.roles import Actor
from desk_app.services import intake as intake_service
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.worker import DbWorker


def print_pdf(pdf: bytes, printer: QPrinter) -> None:
    """Paint each page of the PDF (rendered at 200 dpi) onto the printer."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    painter = QPainter(printer)
    try:
        for i in range(len(doc)):
            if i:
                printer.newPage()
            image = doc[i].render(scale=200 / 72).to_pil().convert("RGB")
            data = image.tobytes()
            qimage = QImage(data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888)
            target = painter.viewport()
            size = qimage.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(target.x(), target.y(), qimage.scaled(size))
    finally:
        painter.end()
        doc.close()


class OneStopDateEdit(QDateEdit):
    """A date field that Tab leaves at once (QDateEdit walks year, month and day first); the arrow
    keys and typing still move between the sections."""

    def focusNextPrevChild(self, next: bool) -> bool:  # Qt override
        return QWidget.focusNextPrevChild(self, next)


class IntakeWidget(QWidget):
    """One proposal at a time: fill, check materials, then accept, accept with deficiencies or return."""

    # (IntakeResult, PrintedPaper) after the intake committed.
    intake_done = Signal(object)
    # The file or printer name the paper went to.
    printed = Signal(str)
    failed = Signal(str)

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._worker = worker
        self._actor = actor
        self._choices: FormChoices | None = None
        self._preview: IntakePreview | None = None
        self._draft: CaseDraft | None = None
        self._lines: list[ProductLine] = []
        self.paper: PrintedPaper | None = None
        self._taken_in = False  # set once the intake committed: nothing typed is left to lose
        # Test hook and "save as PDF": when set, printing writes this file instead of opening a dialog.
        self.print_target: str | None = None
        self._build()
        ops.read(self._worker, intake_service.form_choices, store, on_done=self._on_choices_loaded,
                 on_error=self._show_error, owner=self)

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.proposal_no_edit = QLineEdit()
        self.proposal_no_edit.setPlaceholderText(self.tr("Scan or type the pre-printed number"))
        self.proposal_no_edit.returnPressed.connect(self.focusNextChild)
        self.business_type_combo = QComboBox()
        for code, label in BUSINESS_TYPES.items():
            self.business_type_combo.addItem(label, code)
        self.source_combo = QComboBox()
        for code, label in BUSINESS_SOURCES.items():
            self.source_combo.addItem(label, code)
        self.source_combo.currentIndexChanged.connect(self._on_source_changed)
        self.intermediary_combo = QComboBox()
        self.commission_edit = QLineEdit()
        self.commission_edit.setPlaceholderText(self.tr("e.g. 0.05"))
        self.agent_combo = QComboBox()
        self.applicant_edit = QLineEdit()
        self.credit_code_edit = QLineEdit()
        self.credit_code_edit.setMaxLength(18)
        self.industry_combo = QComboBox()
        self.industry_combo.setPlaceholderText(self.tr("Choose the industry"))
        self.insured_spin = QSpinBox()
        self.insured_spin.setRange(1, 100_000)
        self.effective_edit = OneStopDateEdit(QDate(clock.today() + dt.timedelta(days=1)))
        self.effective_edit.setDisplayFormat("yyyy-MM-dd")
        self.product_combo = QComboBox()
        self.product_combo.currentIndexChanged.connect(self._on_product_changed)
        self.level_combo = QComboBox()
        self.sum_edit = QLineEdit()
        self.premium_edit = QLineEdit()
        self.add_line_button = QPushButton(self.tr("&Add product"))
        self.add_line_button.clicked.connect(self._on_add_line)
        self.add_line_button.setAutoDefault(True)
        self.lines_list = QListWidget()
        self.lines_list.setMaximumHeight(70)
        self.lines_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        # Combos as wide as their longest item: "GAC01 团体意外伤害保险" is never cut.
        for combo in (self.business_type_combo, self.source_combo, self.intermediary_combo, self.agent_combo,
                      self.industry_combo, self.product_combo, self.level_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Proposal number"), self.proposal_no_edit)
        form.addRow(self.tr("Business type"), self.business_type_combo)
        form.addRow(self.tr("Business source"), self.source_combo)
        form.addRow(self.tr("Intermediary"), self.intermediary_combo)
        form.addRow(self.tr("Commission ratio"), self.commission_edit)
        form.addRow(self.tr("Agent"), self.agent_combo)
        form.addRow(self.tr("Applicant unit"), self.applicant_edit)
        form.addRow(self.tr("Credit code"), self.credit_code_edit)
        form.addRow(self.tr("Industry"), self.industry_combo)
        form.addRow(self.tr("Insured persons"), self.insured_spin)
        form.addRow(self.tr("Effective date"), self.effective_edit)
        form.addRow(self.tr("Product"), self.product_combo)
        form.addRow(self.tr("Benefit level"), self.level_combo)
        amounts = QHBoxLayout()
        for w in (self.sum_edit, self.premium_edit, self.add_line_button):
            amounts.addWidget(w)
        self.sum_edit.setPlaceholderText(self.tr("Sum insured"))
        self.premium_edit.setPlaceholderText(self.tr("Premium"))
        # Room for the largest amounts a counter types, whatever the font.
        amount_width = self.sum_edit.fontMetrics().horizontalAdvance("99,999,999.00") + 16
        self.sum_edit.setMinimumWidth(amount_width)
        self.premium_edit.setMinimumWidth(amount_width)
        form.addRow(self.tr("Amounts"), amounts)
        form.addRow("", self.lines_list)

        self.check_button = QPushButton(self.tr("C&heck materials"))
        self.check_button.clicked.connect(self._on_check)
        self.all_received_button = QPushButton(self.tr("All rece&ived"))
        self.all_received_button.clicked.connect(self._on_all_received)
        self.checklist_table = QTableWidget(0, 3)
        self.checklist_table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Received"), self.tr("Note")])
        self.checklist_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.checklist_table.verticalHeader().hide()
        # Tab leaves the list (arrows move inside it, Space ticks): the confirmations below are reachable.
        self.checklist_table.setTabKeyNavigation(False)
        self.checklist_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("color: #b45309;")
        self.confirm_past_check = QCheckBox(self.tr("Effective date already passed: confir&med"))
        self.confirm_dup_check = QCheckBox(self.tr("Not a d&uplicate: confirmed"))
        self.reasons_edit = QPlainTextEdit()
        self.reasons_edit.setPlaceholderText(self.tr("Return reasons, one per line"))
        self.reasons_edit.setMaximumHeight(60)
        self.reasons_edit.setTabChangesFocus(True)
        self.accept_button = QPushButton(self.tr("Acce&pt"))
        self.deficient_button = QPushButton(self.tr("Accept with &deficiencies"))
        self.return_button = QPushButton(self.tr("&Return papers"))
        self.print_button = QPushButton(self.tr("Prin&t paper"))
        self.print_button.setEnabled(False)
        self.accept_button.clicked.connect(lambda: self._submit("accept"))
        self.deficient_button.clicked.connect(lambda: self._submit("accept_with_deficiencies"))
        self.return_button.clicked.connect(lambda: self._submit("return"))
        self.print_button.clicked.connect(self._on_print)
        self.result_label = QLabel()
        self.result_label.setObjectName("intakeResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        right = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.all_received_button)
        right.addLayout(row)
        right.addWidget(self.checklist_table, 1)
        right.addWidget(self.warnings_label)
        right.addWidget(self.confirm_past_check)
        right.addWidget(self.confirm_dup_check)
        right.addWidget(self.reasons_edit)
        buttons = QHBoxLayout()
        for b in (self.accept_button, self.deficient_button, self.return_button, self.print_button):
            buttons.addWidget(b)
        right.addLayout(buttons)
        right.addWidget(self.result_label)
        layout = QHBoxLayout(self)
        layout.addLayout(form, 3)
        layout.addLayout(right, 4)
        self.confirm_past_check.hide()
        self.confirm_dup_check.hide()
        QShortcut(QKeySequence("F4"), self, self._on_check)
        QShortcut(QKeySequence("F6"), self, self._on_all_received)
        QShortcut(QKeySequence("Ctrl+Return"), self, lambda: self._submit("accept"))
        QShortcut(QKeySequence("Ctrl+D"), self, lambda: self._submit("accept_with_deficiencies"))
        QShortcut(QKeySequence("Ctrl+P"), self, self._on_print)
        self._on_source_changed()

    # -- lists ------------------------------------------------------------------------------

    def _on_choices_loaded(self, choices: FormChoices) -> None:
        self._choices = choices
        self.agent_combo.clear()
        for code, name in choices.agents:
            self.agent_combo.addItem(f"{code} {name}", code)
        self.industry_combo.clear()
        for code, name in choices.industries:
            self.industry_combo.addItem(f"{code} {name}", code)
        # Required for group business and never defaulted: the clerk chooses (Down, or type the code).
        self.industry_combo.setCurrentIndex(-1)
        self.product_combo.clear()
        for code, name, _bt in choices.products:
            self.product_combo.addItem(f"{code} {name}", code)
        self._on_source_changed()
        self.proposal_no_edit.setFocus()

    def _on_product_changed(self) -> None:
        self.level_combo.clear()
        code = self.product_combo.currentData()
        for product, level, desc in (self._choices.levels if self._choices else ()):
            if product == code:
                self.level_combo.addItem(f"{level} {desc}", level)

    def _on_source_changed(self) -> None:
        kind = SOURCE_INTERMEDIARY_KIND.get(self.source_combo.currentData())
        self.intermediary_combo.clear()
        for code, name, k in (self._choices.intermediaries if self._choices else ()):
            if k == kind:
                self.intermediary_combo.addItem(f"{code} {name}", code)
        self.intermediary_combo.setEnabled(bool(kind))
        self.commission_edit.setEnabled(bool(kind))

    def _on_add_line(self) -> None:
        try:
            line = ProductLine(self.product_combo.currentData(), self.level_combo.currentData() or "",
                               Decimal(self.sum_edit.text().replace(",", "")),
                               Decimal(self.premium_edit.text().replace(",", "")))
        except InvalidOperation:
            self._show_error(self.tr("Sum insured and premium must be amounts in yuan."))
            return
        self._lines.append(line)
        self.lines_list.addItem(f"{line.product_code} {line.benefit_level}  "
                                f"{line.sum_insured:,.2f} / {line.premium:,.2f}")
        self.sum_edit.clear()
        self.premium_edit.clear()

    # -- check and submit -------------------------------------------------------------------

    def draft(self) -> CaseDraft | None:
        kind = SOURCE_INTERMEDIARY_KIND.get(self.source_combo.currentData())
        try:
            ratio = Decimal(self.commission_edit.text()) if kind and self.commission_edit.text().strip() else None
        except InvalidOperation:
            self._show_error(self.tr("The commission ratio must be a decimal such as 0.05."))
            return None
        eff = self.effective_edit.date().toPython()
        assert isinstance(eff, dt.date)
        group = self.business_type_combo.currentData() == "GROUP"
        return CaseDraft(
            proposal_no=self.proposal_no_edit.text().strip().upper(),
            business_type=self.business_type_combo.currentData(), applicant_name=self.applicant_edit.text(),
            business_source=self.source_combo.currentData(), effective_date=eff,
            proposal_date=eff - dt.timedelta(days=1), products=tuple(self._lines),
            premium_total=sum((ln.premium for ln in self._lines), Decimal("0")),
            applicant_credit_code=self.credit_code_edit.text().strip().upper() or None,
            industry_code=self.industry_combo.currentData() if group else None,
            intermediary_code=self.intermediary_combo.currentData() if kind else None, commission_ratio=ratio,
            agent_code=self.agent_combo.currentData(), insured_count=self.insured_spin.value())

    def _on_check(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        self._draft = draft
        ops.read(self._worker, intake_service.preview, self._store, draft, on_done=self._on_preview,
                 on_error=self._show_error, owner=self)

    def _on_preview(self, pv: IntakePreview) -> None:
        self._preview = pv
        self.checklist_table.setRowCount(len(pv.checklist))
        for row, item in enumerate(pv.checklist):
            label = QTableWidgetItem(item.label)
            label.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            label.setData(Qt.ItemDataRole.UserRole, item.code)
            label.setToolTip(item.label)
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            tick.setCheckState(Qt.CheckState.Unchecked)
            self.checklist_table.setItem(row, 0, label)
            self.checklist_table.setItem(row, 1, tick)
            self.checklist_table.setItem(row, 2, QTableWidgetItem(""))
        lines = list(pv.errors) + [w.message for w in pv.warnings]
        self.warnings_label.setText("\n".join(lines))
        codes = {w.code for w in pv.warnings}
        self.confirm_past_check.setVisible("past_date" in codes)
        self.confirm_dup_check.setVisible("duplicate" in codes)
        if self.checklist_table.rowCount():
            self.checklist_table.setFocus()
            self.checklist_table.setCurrentCell(0, 1)

    def _on_all_received(self) -> None:
        for row in range(self.checklist_table.rowCount()):
            self.checklist_table.item(row, 1).setCheckState(Qt.CheckState.Checked)

    def ticks(self) -> tuple[Tick, ...]:
        out = []
        for row in range(self.checklist_table.rowCount()):
            code = self.checklist_table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            received = self.checklist_table.item(row, 1).checkState() == Qt.CheckState.Checked
            out.append(Tick(code, received, self.checklist_table.item(row, 2).text().strip()))
        return tuple(out)

    def _submit(self, outcome: str) -> None:
        draft = self.draft()
        if draft is None:
            return
        if self._preview is None or draft != self._draft:
            self._show_error(self.tr("Check the materials (F4) before deciding."))
            return
        reasons = tuple(r for r in self.reasons_edit.toPlainText().splitlines() if r.strip())
        request = IntakeRequest(draft, self.ticks(), outcome, reasons, self.confirm_past_check.isChecked(),
                                self.confirm_dup_check.isChecked())
        for b in (self.accept_button, self.deficient_button, self.return_button):
            b.setEnabled(False)
        ops.run(self._worker, intake_service.take_in, self._store, actor=self._actor, request=request,
                on_done=self._on_done, on_error=self._on_submit_failed, owner=self, initiator=self)

    def _on_submit_failed(self, message: str) -> None:
        for b in (self.accept_button, self.deficient_button, self.return_button):
            b.setEnabled(True)
        self._show_error(message)

    def has_unsaved_work(self) -> bool:
        """Anything typed that is not yet taken in (closing would lose it)."""
        if self._taken_in:
            return False
        texts = (self.proposal_no_edit, self.commission_edit, self.applicant_edit, self.credit_code_edit,
                 self.sum_edit, self.premium_edit)
        return bool(self._lines or any(e.text().strip() for e in texts) or self.reasons_edit.toPlainText().strip())

    def _on_done(self, taken: intake_service.TakenIn) -> None:
        result, paper = taken.result, taken.paper
        self._taken_in = True
        self.paper = paper
        labels = {"accepted": self.tr("Accepted"), "accepted_with_deficiencies": self.tr("Accepted, papers missing"),
                  "returned": self.tr("Papers returned")}
        self.result_label.setStyleSheet("color: #166534;")
        self.result_label.setText(self.tr("%1: case %2").replace("%1", labels[result.outcome])
                                  .replace("%2", result.case_no))
        self.print_button.setEnabled(True)
        self.print_button.setFocus()
        self.intake_done.emit((result, paper))

    def _show_error(self, message: str) -> None:
        self.result_label.setStyleSheet("color: #b91c1c;")
        self.result_label.setText(message)
        self.failed.emit(message)

    # -- printing ---------------------------------------------------------------------------

    def _on_print(self) -> None:
        if self.paper is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.print_target:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(self.print_target)
            where = self.print_target
        else:
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QPrintDialog.DialogCode.Accepted:
                return
            where = printer.printerName() or printer.outputFileName()
        print_pdf(self.paper.pdf, printer)
        self.printed.emit(where)

