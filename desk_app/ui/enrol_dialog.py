"""Enrolling this PC with head office: the server address and the one-time code.

The enrolment talks to head office, so it runs on the network thread (`ops.run_network`), never
on the GUI thread nor on the database worker.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk_app.services import sync
from desk_app.store.db import Store
from desk_app.ui import ops
from sync_server.protocol import EnrolResponse


class EnrolDialog(QDialog):
    enrolled = Signal(str)    # organisation code

    def __init__(self, store: Store, parent: QWidget | None = None, *,
                 on_enrolled: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Enrol with head office"))
        self._store = store
        self._on_enrolled = on_enrolled
        self.server_edit = QLineEdit()
        self.server_edit.setPlaceholderText("https://sync.example.com")
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        self.message = QLabel(self.tr("Enter the server address and the one-time enrolment code "
                                      "head office gave you."))
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Server address"), self.server_edit)
        form.addRow(self.tr("Enrolment code"), self.code_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Enrol"))
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)

    def _on_accepted(self) -> None:
        server, code = self.server_edit.text().strip(), self.code_edit.text().strip()
        if not server or not code:
            self.message.setText(self.tr("Both the server address and the enrolment code are required."))
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Enrolling…"))
        ops.run_network(sync.enrol, self._store, server_url=server, code=code,
                        on_done=self._on_enrolled_done, on_error=self._on_refused, owner=self, initiator=self)

    def _on_refused(self, reason: str) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(reason)

    def _on_enrolled_done(self, resp: EnrolResponse) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(self.tr("Enrolled with: %1 %2").replace("%1", resp.org_code)
                             .replace("%2", resp.org_name))
        self.enrolled.emit(resp.org_code)
        if self._on_enrolled is not None:
            self._on_enrolled()
        self.accept()
