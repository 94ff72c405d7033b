"""Background sync for the desk app: a runner on its own thread, and the status-bar widget.

Sync talks to the network, so it never runs on the GUI thread nor on the database worker the
windows read through (a slow line must not hold up a queue refresh): `SyncRunner` has its own
single-thread executor, results come back by queued signals. A timer starts a sync every few
minutes; "立即同步" starts one at once; a second request while one runs is ignored.

`install_sync(window, store)` is the one hook the main window calls.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QWidget

from desk_app.core.roles import Role
from desk_app.store.db import Store
from desk_app.sync import engine
from desk_app.sync.transport import SyncError

log = logging.getLogger(__name__)

SYNC_INTERVAL_MS = 5 * 60 * 1000
STATUS_INTERVAL_MS = 15 * 1000


class SyncRunner(QObject):
    """Runs `engine.sync_once` off the GUI thread; one at a time."""

    status_changed = Signal(object)      # engine.SyncStatus
    progress = Signal(str, int, int)     # stage, done, total
    started = Signal()
    finished = Signal(object)            # engine.SyncReport
    failed = Signal(str)                 # the reason, for the screen
    _done = Signal(bool, object)

    def __init__(self, store: Store, parent: QObject | None = None, *, interval_ms: int = SYNC_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._store = store
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="branchdesk-sync")
        self.running = False
        self._closed = False
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.sync_now)
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(STATUS_INTERVAL_MS)
        self.status_timer.timeout.connect(self.refresh_status)

    def start(self) -> None:
        self.timer.start()
        self.status_timer.start()
        self.refresh_status()

    def refresh_status(self) -> None:
        if not self._closed:
            self._pool.submit(self._status_job)

    def sync_now(self) -> bool:
        """Start a sync unless one is running; False when it was already running."""
        if self.running or self._closed:
            return False
        self.running = True
        self.started.emit()
        self._pool.submit(self._sync_job)
        return True

    # Worker thread below: only signals, no widgets.

    def _emit(self, signal: Any, *args: Any) -> None:
        if shiboken6.isValid(self):
            signal.emit(*args)

    def _status_job(self) -> None:
        try:
            self._emit(self.status_changed, engine.read_status(self._store))
        except Exception:
            log.exception("reading the sync status failed")

    def _sync_job(self) -> None:
        try:
            report = engine.sync_once(self._store, progress=lambda st, d, t: self._emit(self.progress, st, d, t))
            self._emit(self._done, True, report)
        except SyncError as exc:
            self._emit(self._done, False, exc.reason)
        except Exception:
            log.exception("sync failed")
            self._emit(self._done, False, "同步时发生意外错误，详情已写入日志，请联系系统管理员。")
        self._status_job()

    def _on_done(self, ok: bool, payload: object) -> None:
        self.running = False
        if ok:
            self.finished.emit(payload)
        else:
            self.failed.emit(str(payload))

    def shutdown(self) -> None:
        self._closed = True
        self.timer.stop()
        self.status_timer.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _local(value: Any) -> str:
    return value.astimezone().strftime("%m-%d %H:%M") if value is not None else "从未"


class SyncStatusWidget(QWidget):
    """Pending changes, last successful sync, and the reason of the last failure."""

    def __init__(self, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.pending_label = QLabel("待上传：…")
        self.success_label = QLabel("上次同步：…")
        self.failure_label = QLabel()
        self.failure_label.setStyleSheet("color: #b00020;")
        self.sync_button = QPushButton("立即同步")
        self.sync_button.setFlat(True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        for w in (self.pending_label, self.success_label, self.failure_label, self.sync_button):
            lay.addWidget(w)
        self.sync_button.clicked.connect(runner.sync_now)
        runner.status_changed.connect(self._on_status_changed)
        runner.started.connect(self._on_sync_started)
        runner.failed.connect(self._on_sync_failed)
        runner.finished.connect(lambda _r: self.sync_button.setEnabled(True))

    def _on_status_changed(self, st: engine.SyncStatus) -> None:
        self.pending_label.setText(f"待上传：{st.pending:,} 条")
        if not st.enrolled:
            self.success_label.setText("未注册到总公司")
        else:
            self.success_label.setText(f"上次同步：{_local(st.last_success_at)}")
        reason = st.last_failure_reason or ""
        self.failure_label.setText(f"同步失败：{reason}" if reason else "")
        self.failure_label.setToolTip(reason)
        if st.conflicts_unseen:
            self.success_label.setText(self.success_label.text() + f"（冲突待查看 {st.conflicts_unseen} 条）")

    def _on_sync_started(self) -> None:
        self.sync_button.setEnabled(False)
        self.success_label.setText("正在同步…")

    def _on_sync_failed(self, reason: str) -> None:
        self.sync_button.setEnabled(True)
        self.failure_label.setText(f"同步失败：{reason}")


def install_sync(window: QMainWindow, store: Store, *, interval_ms: int = SYNC_INTERVAL_MS) -> SyncRunner:
    """Wire sync into the main window: status-bar widget, a 同步 menu, the timer. Returns the runner."""
    from desk_app.ui.conflict_inbox import ConflictInboxDialog
    from desk_app.ui.enrol_dialog import EnrolDialog
    from desk_app.ui.sync_dialog import SyncDialog

    runner = SyncRunner(store, window, interval_ms=interval_ms)
    widget = SyncStatusWidget(runner)
    widget.setObjectName("syncStatus")
    window.statusBar().addPermanentWidget(widget)
    menu = window.menuBar().addMenu("同步")
    sync_action = QAction("同步…", window)
    sync_action.triggered.connect(lambda: SyncDialog(runner, window).open())
    enrol_action = QAction("注册到总公司…", window)
    enrol_action.triggered.connect(lambda: EnrolDialog(store, window, on_enrolled=runner.sync_now).open())
    menu.addAction(sync_action)
    menu.addAction(enrol_action)
    actor = getattr(window, "actor", None)
    if actor is None or actor.has(Role.SUPERVISOR) or actor.has(Role.ADMIN):
        inbox_action = QAction("冲突收件箱…", window)
        username = actor.username if actor else ""
        inbox_action.triggered.connect(lambda: ConflictInboxDialog(store, username, window).open())
        menu.addAction(inbox_action)
    window.destroyed.connect(runner.shutdown)
    runner.start()
    return runner
