"""Sync in the main window: the status-bar widget, the Sync menu with its windows, the timer.

Apart from `sync_status` (the runner and the widget) so that the windows it opens may import
the runner without an import cycle.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from desk_app.core.roles import Role
from desk_app.store.db import Store
from desk_app.ui.conflict_inbox import ConflictInboxDialog
from desk_app.ui.enrol_dialog import EnrolDialog
from desk_app.ui.sync_dialog import SyncDialog
from desk_app.ui.sync_status import SYNC_INTERVAL_MS, SyncRunner, SyncStatusWidget
from desk_app.ui.worker import DbWorker


def install_sync(window: QMainWindow, store: Store, worker: DbWorker, *,
                 interval_ms: int = SYNC_INTERVAL_MS) -> SyncRunner:
    """Wire sync into the main window: status-bar widget, a Sync menu, the timer. Returns the runner."""
    runner = SyncRunner(store, worker, window, interval_ms=interval_ms)
    widget = SyncStatusWidget(runner)
    widget.setObjectName("syncStatus")
    window.statusBar().addPermanentWidget(widget)
    menu = window.menuBar().addMenu(QCoreApplication.translate("SyncMenu", "S&ync"))
    sync_action = QAction(QCoreApplication.translate("SyncMenu", "Sync…"), window)
    sync_action.triggered.connect(lambda: SyncDialog(runner, window).open())
    enrol_action = QAction(QCoreApplication.translate("SyncMenu", "Enrol with head office…"), window)
    enrol_action.triggered.connect(lambda: EnrolDialog(store, window, on_enrolled=runner.sync_now).open())
    menu.addAction(sync_action)
    menu.addAction(enrol_action)
    actor = getattr(window, "actor", None)
    if actor is None or actor.has(Role.SUPERVISOR) or actor.has(Role.ADMIN):
        inbox_action = QAction(QCoreApplication.translate("SyncMenu", "Conflict inbox…"), window)
        username = actor.username if actor else ""
        inbox_action.triggered.connect(lambda: ConflictInboxDialog(store, worker, username, window).open())
        menu.addAction(inbox_action)
    window.destroyed.connect(runner.shutdown)
    runner.start()
    return runner
