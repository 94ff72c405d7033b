"""The underwriting workbench's dialogs: referring a case up (上报省公司), and the referral packet.

`ReferDialog` calls the referral service with a reason; opened after a decision above authority
was refused, it shows that refusal and starts the reason from it, so the underwriter refers in two
keys (Alt+H, Enter). `PacketDialog` shows the referral packet's PDF page by page (rendered on the
worker with pypdfium2, as the problem notice is) for the provincial office to read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desk_app.core.roles import Actor
from desk_app.services import underwriting
from desk_app.store.db import Store
from desk_app.ui.problem_actions import ActionDialog
from desk_app.ui.problem_notice import render_pages
from desk_app.ui.worker import DbWorker


def referral_reason(refusal: str) -> str:
    """The reason a referral starts from after a refused decision: the refusal itself, which names
    the figure and the limit it exceeded."""
    refusal = refusal.strip().removeprefix("不能承保本案：")
    return f"超出本人核保权限：{refusal}" if refusal else ""


class ReferDialog(ActionDialog):
    """上报省公司 with a reason (prefilled after a refusal); `completed` after the case is REFERRED."""

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, proposal_id: str, case_no: str, *,
                 refusal: str = "", parent: QWidget | None = None) -> None:
        super().__init__(store, worker, actor, parent)
        self.name(self.tr("Refer case %1 to head office").replace("%1", case_no), self.tr("Refer to &head office"))
        self.proposal_id = proposal_id
        self.refusal_label = QLabel(refusal)
        self.refusal_label.setObjectName("referRefusal")
        self.refusal_label.setWordWrap(True)
        self.refusal_label.setStyleSheet("color: #b00020;")
        self.refusal_label.setVisible(bool(refusal))
        self.form.addRow(self.refusal_label)
        hint = QLabel(self.tr("The case goes to the provincial office with its referral packet "
                              "(the case, its rule results and issues, and its page images)."))
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.reason_edit = self.reason_field(self.tr("Rea&son:"), self.tr("Required"))
        self.reason_edit.setText(referral_reason(refusal))
        self.reason_edit.returnPressed.connect(self._on_ok)
        self.reason_edit.setFocus()
        self.resize(560, self.sizeHint().height())

    def call(self) -> tuple[Callable[..., Any], dict[str, Any]]:
        return underwriting.refer, {"proposal_id": self.proposal_id, "reason": self.reason_edit.text().strip()}


def packet_pages(pdf: bytes) -> list[QImage]:
    """For the worker: the packet's pages as images (QImage, not QPixmap, may be made off the GUI thread)."""
    return render_pages(pdf)


class PacketDialog(QDialog):
    """The referral packet's pages, scrolled; Esc closes. The pages are given already rendered."""

    def __init__(self, case_no: str, pages: list[QImage], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Referral packet %1").replace("%1", case_no))
        self.info_label = QLabel(self.tr("%1 pages: the case, its rule results and issues, its page images.")
                                 .replace("%1", str(len(pages))))
        self.info_label.setObjectName("packetInfo")
        self.info_label.setWordWrap(True)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setSpacing(12)
        self.page_labels: list[QLabel] = []
        for image in pages:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border: 1px solid #9e9e9e; background: white;")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("packetPages")
        self.scroll.setWidget(holder)
        self.scroll.setWidgetResizable(True)
        self.scroll.setStyleSheet("QScrollArea { background: #eceff1; }")
        close = QPushButton(self.tr("Close"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        # PgUp/PgDn page through it whatever has the focus.
        bar = self.scroll.verticalScrollBar()
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, lambda: bar.setValue(bar.value() + bar.pageStep()))
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, lambda: bar.setValue(bar.value() - bar.pageStep()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.info_label, 1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        width = max((label.pixmap().width() for label in self.page_labels), default=600)
        self.resize(min(width + 80, 960), 640)
