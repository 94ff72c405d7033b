"""Background sync for the desk app: the runner that starts syncs, and the status-bar widget.

Sync talks to the network, so it never runs on the GUI thread nor on the database worker the
windows read through (a slow line must not hold up a queue refresh): `SyncRunner` hands
`services.sync.sync_now` to `ops.run_network`, the one network thread, and the changes a sync
made are announced on the change bus like any other action's (a pull that brought cases
refreshes the queues). The status itself is a read on the database worker. A timer starts a
sync every few minutes; "Sync now" starts one at once; a second request while one runs is ignored.

The menu and the windows around the runner are wired by `ui.sync_menu.install_sync`.
"""

from __future__ import annotations

import datetime as dt

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desk_app.services import sync
from desk_app.services.changes import Changes
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.fit import ElidedLabel
from desk_app.ui.worker import DbWorker

SYNC_INTERVAL_MS = 5 * 60 * 1000
STATUS_INTERVAL_MS = 15 * 1000


class SyncRunner(QObject):
    """Starts `services.sync.sync_now` on the network thread; one at a time."""

    status_changed = Signal(object)      # services.sync.SyncStatus
    progress = Signal(str, int, int)     # stage, done, total
    started = Signal()
    finished = Signal(object)            # services.sync.SyncReport
    failed = Signal(str)                 # the reason, for the screen

    def __init__(self, store: Store, worker: DbWorker, parent: QObject | None = None, *,
                 interval_ms: int = SYNC_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._store = store
        self._worker = worker
        self.running = False
        self._closed = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.sync_now)
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(STATUS_INTERVAL_MS)
        self.status_timer.timeout.connect(self.refresh_status)
        # Every write of the desk (an intake, a scan, marking conflicts read) adds to the outbox.
        ops.bus().changed.connect(self._on_changes)

    def start(self) -> None:
        self.timer.start()
        self.status_timer.start()
        self.refresh_status()

    def refresh_status(self) -> None:
        if not self._closed:
            ops.read(self._worker, sync.status, self._store, on_done=self.status_changed.emit, owner=self)

    def sync_now(self) -> bool:
        """Start a sync unless one is running; False when it was already running."""
        if self.running or self._closed:
            return False
        self.running = True
        self.started.emit()
        ops.run_network(sync.sync_now, self._store, progress=self._report_progress,
                        on_done=self._on_outcome, on_error=self._on_error, owner=self, initiator=self)
        return True

    def _report_progress(self, stage: str, done: int, total: int) -> None:
        # Network thread: only a signal (queued to the GUI thread), and only while this object lives.
        if shiboken6.isValid(self):
            self.progress.emit(stage, done, total)

    def _on_outcome(self, outcome: sync.SyncOutcome) -> None:
        self.running = False
        self.status_changed.emit(outcome.status)
        if outcome.ok:
            self.finished.emit(outcome.report)
        else:
            self.failed.emit(outcome.reason or "")

    def _on_error(self, message: str) -> None:
        # Not a refusal the engine recorded (that is an outcome): a bug, logged by ops.
        self.running = False
        self.failed.emit(message)
        self.refresh_status()

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        # Our own sync's outcome carries the status already.
        if initiator is not self and (changes.sync or changes.conflicts):
            self.refresh_status()

    def shutdown(self) -> None:
        """Stop the timers; a sync on its way is let finish (it commits in short steps)."""
        if self._closed:
            return
        self._closed = True
        if shiboken6.isValid(self):
            self.timer.stop()
            self.status_timer.stop()
            if self.running:
                ops.wait_network()


def _local(value: dt.datetime | None) -> str:
    if value is None:
        return QCoreApplication.translate("SyncStatusWidget", "never")
    return value.astimezone().strftime("%m-%d %H:%M")


class SyncStatusWidget(QWidget):
    """Pending changes, last successful sync, and the reason of the last failure."""

    def __init__(self, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.pending_label = QLabel(self.tr("To upload: …"))
        self.success_label = QLabel(self.tr("Last sync: …"))
        # The reason can be long: elided to the room left, the whole reason in its tooltip.
        self.failure_label = ElidedLabel()
        self.failure_label.setStyleSheet("color: #b00020;")
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setFlat(True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        for w in (self.pending_label, self.success_label, self.failure_label, self.sync_button):
            lay.addWidget(w, 1 if w is self.failure_label else 0)
        self.sync_button.clicked.connect(runner.sync_now)
        runner.status_changed.connect(self._on_status_changed)
        runner.started.connect(self._on_sync_started)
        runner.failed.connect(self._on_sync_failed)
        runner.finished.connect(self._on_sync_finished)

    def _on_status_changed(self, st: sync.SyncStatus) -> None:
        self.pending_label.setText(self.tr("To upload: %1").replace("%1", f"{st.pending:,}"))
        if not st.enrolled:
            self.success_label.setText(self.tr("Not enrolled with head office"))
        else:
            self.success_label.setText(self.tr("Last sync: %1").replace("%1", _local(st.last_success_at)))
        reason = st.last_failure_reason or ""
        self.failure_label.setText(self.tr("Sync failed: %1").replace("%1", reason) if reason else "")
        self.failure_label.setToolTip(reason)
        if st.conflicts_unseen:
            self.success_label.setText(self.success_label.text() + self.tr(" (%1 conflicts to read)")
                                       .replace("%1", str(st.conflicts_unseen)))

    def _on_sync_started(self) -> None:
        self.sync_button.setEnabled(False)
        self.success_label.setText(self.tr("Syncing…"))

    def _on_sync_finished(self, _report: object) -> None:
        self.sync_button.setEnabled(True)

    def _on_sync_failed(self, reason: str) -> None:
        self.sync_button.setEnabled(True)
        self.failure_label.setText(self.tr("Sync failed: %1").replace("%1", reason))
