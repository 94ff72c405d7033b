"""Enrolling this PC with head office: the server address and the one-time code."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk_app.store.db import Store
from desk_app.sync import engine
from desk_app.sync.transport import SyncError

_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="branchdesk-enrol")


class EnrolDialog(QDialog):
    enrolled = Signal(str)    # organisation code
    _done = Signal(bool, str)

    def __init__(self, store: Store, parent: QWidget | None = None, *,
                 on_enrolled: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("注册到总公司")
        self._store = store
        self._on_enrolled = on_enrolled
        self.server_edit = QLineEdit()
        self.server_edit.setPlaceholderText("https://sync.example.com")
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        self.message = QLabel("请输入总公司提供的服务器地址和一次性注册码。")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow("服务器地址", self.server_edit)
        form.addRow("注册码", self.code_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("注册")
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

    def _on_accepted(self) -> None:
        server, code = self.server_edit.text().strip(), self.code_edit.text().strip()
        if not server or not code:
            self.message.setText("服务器地址和注册码都必须填写。")
            return
        self.buttons.setEnabled(False)
        self.message.setText("正在注册…")
        _pool.submit(self._job, server, code)

    def _job(self, server: str, code: str) -> None:
        try:
            resp = engine.enrol(self._store, server_url=server, code=code)
            ok, text = True, f"{resp.org_code} {resp.org_name}"
        except SyncError as exc:
            ok, text = False, exc.reason
        if shiboken6.isValid(self):
            self._done.emit(ok, text)

    def _on_done(self, ok: bool, text: str) -> None:
        self.buttons.setEnabled(True)
        if not ok:
            self.message.setText(text)
            return
        self.message.setText(f"已注册到：{text}")
        self.enrolled.emit(text.split(" ", 1)[0])
        if self._on_enrolled is not None:
            self._on_enrolled()
        self.accept()
