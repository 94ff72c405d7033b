"""The 问题件通知书 once issued: its pages on screen, then printed (Qt's print dialog) or saved as PDF.

The notice is issued by the service before this dialog opens (the print job and the due time are
recorded then); the dialog only shows the PDF it returned, page by page rendered to images with
pypdfium2 as the scanning import renders PDFs, and sends it to a printer the way intake prints its
receipts (`intake_widget.print_pdf`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.problems.views import NoticePaper
from desk_app.ui.case_view import format_local_time
from desk_app.ui.intake_widget import print_pdf

PREVIEW_DPI = 96


def render_pages(pdf: bytes, dpi: int = PREVIEW_DPI) -> list[QImage]:
    """Each page of a PDF as an image (a copy Qt owns: pypdfium2's buffer goes away with the page)."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        out = []
        for i in range(len(doc)):
            image = doc[i].render(scale=dpi / 72).to_pil().convert("RGB")
            data = image.tobytes()
            out.append(QImage(data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888).copy())
        return out
    finally:
        doc.close()


class NoticeDialog(QDialog):
    """Preview of an issued notice; Ctrl+P prints, Ctrl+S saves, Esc closes."""

    def __init__(self, paper: NoticePaper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paper = paper
        self.setWindowTitle(self.tr("Problem notice %1").replace("%1", paper.problem_no))
        self.info_label = QLabel(
            self.tr("Copy %1 recorded; reply due %2. Print it for the agent, or save it as PDF.")
            .replace("%1", str(paper.copy_no)).replace("%2", format_local_time(paper.due_at)))
        self.info_label.setObjectName("noticeInfo")
        self.info_label.setWordWrap(True)

        pages = QWidget()
        pl = QVBoxLayout(pages)
        pl.setSpacing(12)
        self.page_labels: list[QLabel] = []
        for image in render_pages(paper.pdf):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border: 1px solid #9e9e9e; background: white;")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            pl.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        self.scroll = QScrollArea()
        self.scroll.setWidget(pages)
        self.scroll.setWidgetResizable(True)
        self.scroll.setStyleSheet("QScrollArea { background: #eceff1; }")

        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_notice)
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.clicked.connect(self._ask_save)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_notice)
        QShortcut(QKeySequence("Ctrl+S"), self, self._ask_save)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.info_label)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        # An A4 page at 96 dpi is 794 px wide: the dialog shows one page's width and part of its height.
        width = max((label.pixmap().width() for label in self.page_labels), default=600)
        self.resize(min(width + 80, 960), 660)

    def print_notice(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the problem notice"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_pdf(self.paper.pdf, printer)
            self.status_label.setText(self.tr("Sent to the printer: %1").replace("%1", printer.printerName() or
                                                                  printer.outputFileName()))

    def _ask_save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), f"{self.paper.problem_no}.pdf",
                                                    self.tr("PDF files (*.pdf)"))
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        path.write_bytes(self.paper.pdf)
        self.status_label.setText(self.tr("Saved: %1").replace("%1", str(path)))
