"""Verify a paper contract page (核对): is it a page of the latest print of the contract as it stands?

A USB QR scanner is a keyboard: it types the page's QR text into the line and presses Enter. An
image or a PDF of the page can be opened instead. `services.contracts.verify` answers offline from
the store; the verdict shows in large letters, in colour AND in words (当前有效 on green, 已作废
（旧版打印） on red, 无法识别 on grey), so it reads from a step away and without colour vision; below
it which contract, page and print it is. After each check the line is selected again, so the next
scan replaces it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.contracts.views import CURRENT, SUPERSEDED, UNKNOWN, Verification
from desk_app.core.roles import Actor
from desk_app.services import contracts
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.case_view import format_local_time
from desk_app.ui.worker import DbWorker

# The verdicts in the words the counter says (domain words, like the stage names of core.workflow).
VERDICT_LABELS = {CURRENT: "当前有效", SUPERSEDED: "已作废（旧版打印）", UNKNOWN: "无法识别"}
VERDICT_STYLES = {
    CURRENT: "background: #2e7d32; color: white;",
    SUPERSEDED: "background: #c62828; color: white;",
    UNKNOWN: "background: #616161; color: white;",
}
IDLE_STYLE = "background: #eceff1; color: #455a64;"


class VerifyWidget(QWidget):
    """The verify box (one tab): scan or type a QR text, or open an image/PDF of the page."""

    close_requested = Signal()
    # A page was checked (Verification).
    verified = Signal(object)

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyWindow")
        self._store, self._worker, self.actor = store, worker, actor
        self.result: Verification | None = None
        self._request = 0

        self.scan_edit = QLineEdit()
        self.scan_edit.setObjectName("verifyScan")
        self.scan_edit.setPlaceholderText(self.tr("Scan the QR code of a contract page (or type its text)"))
        self.scan_edit.returnPressed.connect(self.check_text)
        scan_label = QLabel(self.tr("QR te&xt:"))
        scan_label.setBuddy(self.scan_edit)
        self.open_button = QPushButton(self.tr("Open i&mage or PDF…"))
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self._ask_file)
        top = QHBoxLayout()
        top.addWidget(scan_label)
        top.addWidget(self.scan_edit, 1)
        top.addWidget(self.open_button)

        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict_label.setWordWrap(True)
        big = QFont(self.font())
        big.setPointSize(30)
        big.setBold(True)
        self.verdict_label.setFont(big)
        self.verdict_label.setMinimumHeight(110)
        self.message_label = QLabel()
        self.message_label.setObjectName("verifyMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        medium = QFont(self.font())
        medium.setPointSize(14)
        self.message_label.setFont(medium)

        self.fields: dict[str, QLabel] = {}
        details = QGroupBox(self.tr("Which page"))
        form = QFormLayout(details)
        for key, label in (("policy", self.tr("Policy no.:")), ("case", self.tr("Case no.:")),
                           ("applicant", self.tr("Applicant:")), ("page", self.tr("Page:")),
                           ("print", self.tr("Print:")), ("latest", self.tr("Latest print:")),
                           ("printed", self.tr("Printed:"))):
            value = QLabel("—")
            value.setObjectName(f"verify_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            value.setFont(medium)
            form.addRow(label, value)
            self.fields[key] = value

        self.history = QListWidget()
        self.history.setObjectName("verifyHistory")
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        history_box = QGroupBox(self.tr("Checked so far"))
        hl = QVBoxLayout(history_box)
        hl.addWidget(self.history)
        lower = QHBoxLayout()
        lower.addWidget(details, 3)
        lower.addWidget(history_box, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.message_label)
        layout.addLayout(lower, 1)
        self.setFocusProxy(self.scan_edit)
        self._show_idle()

    def _show_idle(self) -> None:
        self.verdict_label.setStyleSheet(IDLE_STYLE)
        self.verdict_label.setText(self.tr("Scan a page"))
        self.message_label.setText(self.tr("The answer comes from this branch's records, without the network."))

    # -- checking ---------------------------------------------------------------------------

    def check_text(self) -> None:
        text = self.scan_edit.text().strip()
        if text:
            self._check(text, text)

    def _ask_file(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Open a contract page"), "",
                                               self.tr("Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)"))
        if path:
            self.check_file(Path(path))

    def check_file(self, path: Path) -> None:
        self._check(path, path.name)

    def _check(self, what: str | Path, shown: str) -> None:
        self._request += 1
        request = self._request
        self.verdict_label.setStyleSheet(IDLE_STYLE)
        self.verdict_label.setText(self.tr("Checking…"))
        ops.read(self._worker, contracts.verify, self._store, what, owner=self, urgent=True,
                 on_done=lambda v: self._on_verified(request, v, shown),
                 on_error=lambda m: self._on_failed(request, m))

    def _on_verified(self, request: int, v: Verification, shown: str) -> None:
        if request != self._request:
            return
        self.result = v
        word = VERDICT_LABELS.get(v.status, VERDICT_LABELS[UNKNOWN])
        self.verdict_label.setStyleSheet(VERDICT_STYLES.get(v.status, VERDICT_STYLES[UNKNOWN]))
        self.verdict_label.setText(word)
        self.message_label.setText(v.message)
        known = v.status != UNKNOWN
        self.fields["policy"].setText(v.policy_no or "—")
        self.fields["case"].setText(v.case_no or "—")
        self.fields["applicant"].setText(v.applicant_name or "—")
        self.fields["page"].setText(f"{v.page} / {v.pages}" if known and v.pages else "—")
        self.fields["print"].setText(self._print_name(v.print_seq) if known else "—")
        self.fields["latest"].setText(self._print_name(v.latest_seq) if known and v.latest_seq else "—")
        printed = " ".join(x for x in (format_local_time(v.printed_at) if v.printed_at else "", v.printed_by) if x)
        self.fields["printed"].setText(printed or "—")
        line = f"{word}  {v.policy_no or shown}" + (f"  {v.page}/{v.pages}" if known and v.pages else "")
        self.history.insertItem(0, line)
        self.history.item(0).setToolTip(v.message)
        self.scan_edit.selectAll()
        self.scan_edit.setFocus()
        self.verified.emit(v)

    def _print_name(self, seq: int) -> str:
        if seq <= 0:
            return "—"
        return self.tr("Original (print 1)") if seq == 1 else self.tr("Copy, print %1").replace("%1", str(seq))

    def _on_failed(self, request: int, message: str) -> None:
        if request != self._request:
            return
        self.result = None
        self.verdict_label.setStyleSheet(VERDICT_STYLES[UNKNOWN])
        self.verdict_label.setText(VERDICT_LABELS[UNKNOWN])
        self.message_label.setText(message)
        self.scan_edit.selectAll()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.close_requested.emit()
            return
        super().keyPressEvent(event)
