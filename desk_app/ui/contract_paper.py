"""Contract PDFs on screen and on paper: the page previews, the printer chosen in Qt's print dialog
(printer and copies), or a PDF file instead of a printer.

Shared by the contract preparer's tab (`contract_window`), the reprint and the archive list. The
pages are rendered with pypdfium2 like the problem notice (`problem_notice.render_pages`); printing
paints them onto the QPrinter like intake prints its receipts (`intake_widget.print_pdf`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.ui.intake_widget import print_pdf
from desk_app.ui.problem_notice import render_pages

ERROR_STYLE = "color: #b00020;"

# A4 at 72 dpi is 595 px wide: the preview beside the case list and the print log at 1366×768.
PREVIEW_DPI = 72


def cell(text: str, tooltip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(text if tooltip is None else tooltip)
    return item


def table(headers: Sequence[str], widths: dict[int, int], stretch: int, name: str) -> QTableWidget:
    view = QTableWidget(0, len(headers))
    view.setObjectName(name)
    view.setHorizontalHeaderLabels(list(headers))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    head = view.horizontalHeader()
    head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for col, width in widths.items():
        head.resizeSection(col, width)
    head.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


@dataclass(frozen=True)
class Destination:
    """Where a print goes: a printer chosen in the dialog, or a PDF file (`printer` "" then)."""

    qprinter: QPrinter
    printer: str  # the printer's name, as the print log records it; "" for a file
    copies: int
    file: Path | None = None


def choose_destination(parent: QWidget, title: str, doc_name: str, *,
                       to_file: Path | None = None) -> Destination | None:
    """Qt's print dialog (printer and copies); `to_file` skips it and writes that PDF file instead.
    None when the dialog was cancelled."""
    qprinter = QPrinter(QPrinter.PrinterMode.HighResolution)
    qprinter.setDocName(doc_name)
    if to_file is not None:
        qprinter.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        qprinter.setOutputFileName(str(to_file))
        return Destination(qprinter, "", 1, to_file)
    dialog = QPrintDialog(qprinter, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if qprinter.outputFormat() == QPrinter.OutputFormat.PdfFormat and qprinter.outputFileName():
        return Destination(qprinter, "", max(1, qprinter.copyCount()), Path(qprinter.outputFileName()))
    return Destination(qprinter, qprinter.printerName(), max(1, qprinter.copyCount()))


def send(pdf: bytes, destination: Destination, *, file: Path | None = None) -> str:
    """Paint the PDF's pages onto the destination's printer (the printer repeats the copies); with
    `file`, onto that PDF file instead (a batch gives each contract its own). Where it went."""
    qprinter = destination.qprinter
    if file is not None:
        qprinter.setOutputFileName(str(file))
    # A printer that cannot repeat copies itself gets one job per copy (a file needs one).
    repeat = 1 if destination.file or file or qprinter.supportsMultipleCopies() else destination.copies
    for _ in range(repeat):
        print_pdf(pdf, qprinter)
    return str(file or destination.file or destination.printer)


def save_pdf(pdf: bytes, path: Path) -> str:
    """The PDF's own bytes to a file (its fonts and QR codes stay vector), for "save as PDF"."""
    path.write_bytes(pdf)
    return str(path)


class PagePreview(QScrollArea):
    """The pages of a PDF one under the other, each framed like paper on a grey desk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contractPreview")
        self.setWidgetResizable(True)
        self.setStyleSheet("QScrollArea { background: #eceff1; }")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Page Up/Down scroll it
        self.page_labels: list[QLabel] = []
        self.clear()

    def clear(self, text: str = "") -> None:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setSpacing(10)
        note = QLabel(text)
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(note, 1)
        self.page_labels = []
        self.setWidget(holder)

    def show_pdf(self, pdf: bytes, dpi: int = PREVIEW_DPI) -> int:
        """Render every page; the number of pages."""
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setSpacing(10)
        self.page_labels = []
        for image in render_pages(pdf, dpi):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border: 1px solid #9e9e9e; background: white;")
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        layout.addStretch(1)
        self.setWidget(holder)
        return len(self.page_labels)


class PdfDialog(QDialog):
    """A PDF made for paper (the archive list of a box): its pages, Ctrl+P prints, Ctrl+S saves."""

    def __init__(self, title: str, pdf: bytes, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf, self.file_name = pdf, file_name
        self.setWindowTitle(title)
        self.preview = PagePreview()
        self.preview.show_pdf(pdf)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(lambda: self.print_to())
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.clicked.connect(self._ask_save)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        QShortcut(QKeySequence("Ctrl+P"), self, lambda: self.print_to())
        QShortcut(QKeySequence("Ctrl+S"), self, self._ask_save)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self.resize(700, 640)

    def print_to(self, file: Path | None = None) -> None:
        destination = choose_destination(self, self.windowTitle(), self.file_name, to_file=file)
        if destination is not None:
            where = send(self.pdf, destination)
            self.status_label.setText(self.tr("Sent to %1").replace("%1", where))

    def _ask_save(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), self.file_name, self.tr("PDF files (*.pdf)"))
        if path:
            self.status_label.setText(self.tr("Saved: %1").replace("%1", save_pdf(self.pdf, Path(path))))
