"""Reprint control (重印): the preparer asks with a reason; a supervisor approves or refuses with a note.

A reprint prints only on an approved request: the preparer's 重印 runs `reprint_contract`, which
refuses otherwise, and the contract tab shows that sentence. The supervisor's list reads the pending
requests (`reprint_requests(status="pending")`); approving or refusing is one service each, and a
refusal from the service (one's own request, a decided one) stays in the dialog in its words.

Keys: the request dialog opens on its reason, Enter asks, Esc cancels. The approval list opens on the
table: arrows move, Tab goes to the note, Alt+A approves, Alt+U refuses, Esc closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.contracts.views import ContractCase, ReprintRequestView
from desk_app.core.roles import Actor
from desk_app.services import contracts
from desk_app.services.changes import Changes
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.case_view import format_local_time
from desk_app.ui.contract_paper import ERROR_STYLE, cell, table
from desk_app.ui.problem_actions import ActionDialog
from desk_app.ui.worker import DbWorker

(COL_CASE, COL_POLICY, COL_REASON, COL_BY, COL_AT) = range(5)
WIDTHS = {COL_CASE: 168, COL_POLICY: 150, COL_BY: 80, COL_AT: 124}


class ReprintRequestDialog(ActionDialog):
    """Ask for a reprint of the case's contract: the reason (a pending request for a supervisor)."""

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, case: ContractCase,
                 parent: QWidget | None = None) -> None:
        super().__init__(store, worker, actor, parent)
        self.case = case
        self.name(self.tr("Request a reprint of %1").replace("%1", case.policy_no or case.case_no),
                  self.tr("&Request"))
        hint = QLabel(self.tr("A reprint is marked as a copy on every page and prints only after a "
                              "supervisor approves it. The earlier print becomes invalid."))
        hint.setWordWrap(True)
        self.body.insertWidget(0, hint)
        self.reason_edit = self.reason_field(self.tr("Reason:"), self.tr("e.g. the customer's copy was damaged"))
        self.reason_edit.setFocus()

    def call(self) -> tuple[Callable[..., Any], dict[str, Any]]:
        return contracts.request_reprint, {"proposal_id": self.case.proposal_id, "reason": self.reason_edit.text()}


class ReprintApprovalDialog(QDialog):
    """The supervisor's list of pending reprint requests, each approved or refused with a note."""

    # A request was decided (ReprintRequestView).
    decided = Signal(object)
    loaded = Signal(int)

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker, self.actor = store, worker, actor
        self.requests: list[ReprintRequestView] = []
        self.setWindowTitle(self.tr("Reprint requests waiting for approval"))
        self.table = table([self.tr("Case no."), self.tr("Policy no."), self.tr("Reason"), self.tr("Asked by"),
                            self.tr("Asked at")], WIDTHS, COL_REASON, "reprintRequests")
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("decisionNote")
        self.note_edit.setPlaceholderText(self.tr("Note (required to refuse)"))
        note_label = QLabel(self.tr("&Note:"))
        note_label.setBuddy(self.note_edit)
        self.approve_button = QPushButton(self.tr("&Approve"))
        self.approve_button.clicked.connect(lambda: self.decide(approve=True))
        self.refuse_button = QPushButton(self.tr("Ref&use"))
        self.refuse_button.clicked.connect(lambda: self.decide(approve=False))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        close.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(note_label)
        row.addWidget(self.note_edit, 1)
        row.addWidget(self.approve_button)
        row.addWidget(self.refuse_button)
        row.addWidget(close)
        self.message_label = QLabel()
        self.message_label.setObjectName("approvalMessage")
        self.message_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message_label)
        self.resize(900, 420)
        self.table.setFocus()
        ops.bus().changed.connect(self._on_changes)
        self.refresh()

    def refresh(self) -> None:
        ops.read(self._worker, contracts.reprint_requests, self._store, status="pending", owner=self, urgent=True,
                 on_done=self._on_loaded, on_error=self._say_error)

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if initiator is not self and changes.cases:
            self.refresh()

    def _on_loaded(self, rows: list[ReprintRequestView]) -> None:
        current = self.current_request()
        self.requests = list(rows)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for col, text in ((COL_CASE, r.case_no), (COL_POLICY, r.policy_no), (COL_REASON, r.reason),
                              (COL_BY, r.requested_by), (COL_AT, format_local_time(r.requested_at))):
                self.table.setItem(i, col, cell(text))
        row = next((i for i, r in enumerate(rows) if current and r.request_id == current.request_id), 0)
        if rows:
            self.table.setCurrentCell(row, COL_CASE)
        elif not self.message_label.text():
            self.message_label.setText(self.tr("No reprint request is waiting."))
        for button in (self.approve_button, self.refuse_button):
            button.setEnabled(bool(rows))
        self.loaded.emit(len(rows))

    def current_request(self) -> ReprintRequestView | None:
        row = self.table.currentRow()
        return self.requests[row] if 0 <= row < len(self.requests) else None

    def decide(self, *, approve: bool) -> None:
        request = self.current_request()
        if request is None:
            return
        fn = contracts.approve_reprint if approve else contracts.refuse_reprint
        for button in (self.approve_button, self.refuse_button):
            button.setEnabled(False)

        def done(view: ReprintRequestView) -> None:
            word = self.tr("approved") if approve else self.tr("refused")
            self.message_label.setStyleSheet("")
            self.message_label.setText(self.tr("Reprint of %1 %2.").replace("%1", view.policy_no or view.case_no)
                                       .replace("%2", word))
            self.note_edit.clear()
            self.decided.emit(view)
            self.refresh()

        ops.run(self._worker, fn, self._store, actor=self.actor, request_id=request.request_id,
                note=self.note_edit.text().strip(), owner=self, initiator=self, on_done=done,
                on_error=self._say_error)

    def _say_error(self, message: str) -> None:
        for button in (self.approve_button, self.refuse_button):
            button.setEnabled(bool(self.requests))
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setText(message)

    def refusal(self) -> str:
        return self.message_label.text() if self.message_label.styleSheet() == ERROR_STYLE else ""

    def keyPressEvent(self, event) -> None:  # noqa: ANN001 - Qt override: Enter in the table is no approval
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self.note_edit.setFocus()
            return
        super().keyPressEvent(event)
