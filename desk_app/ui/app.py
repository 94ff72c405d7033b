"""Starting the GUI: fonts, translation, log-in, the store (opened on the worker meanwhile), main window.

`run_gui` is what `desk-app gui` calls. The start-up steps are a small state machine in
`StartupController` so tests can drive them without running `app.exec()`.

The log-in dialog appears first, from Qt alone; the store (SQLAlchemy, alembic, the core,
migrations, the key, a bounded quick_check) is opened on the database worker while the person
types. A log-in submitted early waits on the worker behind that open (the worker is serial). A
store that cannot be used replaces the dialog with a message box (exit code 2); a recovery key
made by the open is shown over the dialog, which cannot be used until it has been acknowledged.

BRANCHDESK_EXIT_WHEN_LOGIN_SHOWN=1 makes the app print "login-shown <seconds since process
start>" as soon as the log-in dialog is visible, then "store-ready <seconds>" once the store has
been opened and checked behind it (a log-in could go through from then on), and quit with 0
(bench/queue.py's cold start).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desk_app.paths import store_path
from desk_app.ui import ops
from desk_app.ui.fonts import install_fonts
from desk_app.ui.i18n import install_translators
from desk_app.ui.login_dialog import LoginDialog
from desk_app.ui.worker import DbWorker

if TYPE_CHECKING:
    # Not imported at run time before the log-in: they load SQLAlchemy and the core, which the
    # worker imports while the dialog is on screen (tests/ui/test_gui_startup.py checks this).
    from desk_app.core.roles import Actor
    from desk_app.services.setup import BranchLabel
    from desk_app.store.db import Store
    from desk_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# The fallback "process start" where /proc is absent (the imports above are then not counted).
_T0 = time.perf_counter()

EXIT_OK = 0
EXIT_REFUSED = 2


def seconds_since_process_start() -> float:
    """Wall seconds since this process was started (Linux /proc), else since this module loaded."""
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            # Field 22 counts clock ticks since boot; the command name (field 2) may hold spaces.
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as f:
            uptime = float(f.read().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _T0


def freeze_startup_objects() -> None:
    """Move everything alive after start-up out of the garbage collector's reach.

    The imported libraries (SQLAlchemy, alembic, Qt wrappers) leave hundreds of thousands of
    long-lived objects; a full collection walking them took 90-120 ms in bench/queue.py, i.e.
    a visibly stuck frame while scrolling. Frozen objects are never scanned again; only what
    the session creates later is.
    """
    gc.collect()
    gc.freeze()


# How long a thread may keep the GIL while another waits for it (CPython's default is 5 ms).
GIL_SWITCH_INTERVAL_S = 0.0005


def favour_the_gui_thread() -> None:
    """Let the GUI thread win the GIL back from the database worker within half a millisecond.

    Every return from Qt into the GUI thread's Python (an event handler, a slot, a model's
    fetchMore) takes the GIL again; while the worker turns a page of the queue into rows (pure
    Python), each could wait up to CPython's default 5 ms switch interval. The worker's SQLite
    calls release the GIL anyway. (On the shared bench machine its effect on the frame figures
    was within the noise; the queue's painting itself no longer calls Python.)
    """
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)


class StoreOpening:
    """The store of a data folder, opened once on the database worker by whichever job needs it first.

    The open job and a log-in submitted early both run on the serial worker; whichever comes
    first opens the store (`services.setup.open_existing`) and the other gets the same result,
    or the same refusal. Only the worker calls `get`; the GUI thread reads `store` afterwards.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._lock = threading.Lock()
        self._done = False
        self._result: tuple[Store | None, BranchLabel | None] = (None, None)
        self._error: BaseException | None = None

    def get(self) -> tuple[Store | None, BranchLabel | None]:
        """Open and check the store (first call), or give what the first call got."""
        with self._lock:
            if not self._done:
                # Imported on the worker thread: this is the bulk of start-up's import time.
                from desk_app.services import setup

                try:
                    self._result = setup.open_existing(self.data_dir)
                except BaseException as exc:
                    self._error = exc
                self._done = True
            if self._error is not None:
                raise self._error
            return self._result

    def store_for_login(self) -> Store:
        store = self.get()[0]
        if store is None:
            from desk_app.errors import Refusal

            raise Refusal("数据库尚未建立。")
        return store

    @property
    def store(self) -> Store | None:
        """The opened store, None if not opened (yet) or refused."""
        return self._result[0] if self._done else None


class StartupController(QObject):
    """Open the store, log in, show the main window; `finished(exit code)` when the app should end."""

    finished = Signal(int)

    def __init__(self, data_dir: Path, *, worker: DbWorker | None = None,
                 exit_when_login_shown: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.worker = worker or DbWorker(self)
        self.exit_when_login_shown = exit_when_login_shown
        self.opening = StoreOpening(self.data_dir)
        self.store: Store | None = None
        self.login_dialog: LoginDialog | None = None
        self.main_window: MainWindow | None = None  # imported after log-in (start-up time)
        self.message_box: QMessageBox | None = None
        self.password_dialog: QDialog | None = None
        self._open_submitted = False
        # True once the store has been opened, checked, has a branch and any new recovery key
        # has been acknowledged: only then may a log-in lead on to the main window.
        self.store_ready = False
        self._logged_in: Actor | None = None

    def start(self) -> None:
        path = store_path(self.data_dir)
        if not path.exists() or path.stat().st_size == 0:
            # Known without opening anything: no log-in at all, the message box instead.
            self._refuse_no_branch()
            return
        self.login_dialog = LoginDialog(self.opening.store_for_login, self.worker)
        self.login_dialog.accepted.connect(self._on_login_accepted)
        self.login_dialog.rejected.connect(lambda: self.finished.emit(EXIT_OK))
        self.login_dialog.shown.connect(self._on_login_shown)
        self.login_dialog.show()
        self.login_dialog.raise_()
        self.login_dialog.activateWindow()

    def _on_login_shown(self) -> None:
        if self.exit_when_login_shown:
            print(f"login-shown {seconds_since_process_start():.3f}", flush=True)
        # On the next turn of the event loop, so the dialog's first paint is not slowed by the
        # worker's imports competing for the GIL.
        QTimer.singleShot(0, self, self.open_store)

    def open_store(self) -> None:
        """Open and check the store on the worker (once); its result decides what the dialog may do."""
        if self._open_submitted:
            return
        self._open_submitted = True
        ops.read(self.worker, self.opening.get, on_done=self._on_store_opened,
                 on_error=self._on_store_failed, urgent=True)

    def _on_store_opened(self, result: tuple[Store | None, BranchLabel | None]) -> None:
        self.store, branch = result
        if self._store_done_for_benchmark():
            return
        if branch is None:
            self._refuse_no_branch()
            return
        if self.login_dialog is not None:
            self.login_dialog.set_branch_name(str(branch))
        recovery = getattr(self.store, "new_recovery_key", None)
        if recovery:
            # Opening converted an old unencrypted store and made its secret just now: this is
            # the only time its recovery key can be shown, and nobody gets in before it was seen.
            if self.login_dialog is not None:
                self.login_dialog.setEnabled(False)
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("BranchDesk"), self.tr(
                "The database has been encrypted. Write down this recovery key and keep it somewhere safe: "
                "if this computer's key store is lost, only this key opens the data.\n\n%1").replace("%1", recovery),
                QMessageBox.StandardButton.Ok)
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.finished.connect(lambda _r: self._on_store_ready())
            self.message_box = box
            box.open()
            return
        self._on_store_ready()

    def _on_store_ready(self) -> None:
        self.store_ready = True
        if self.login_dialog is not None:
            self.login_dialog.setEnabled(True)
        if self._logged_in is not None:
            self._continue_after_login(self._logged_in)

    def _refuse_no_branch(self) -> None:
        self._refuse(self.tr(
            "This computer's database has no branch yet.\n\n"
            "To try BranchDesk with demonstration data, run:\n    desk-app demo\n"
            "To set up a real branch, run:\n    desk-app init --branch CODE --branch-name NAME --admin USER\n\n"
            "Database: %1").replace("%1", str(store_path(self.data_dir))))

    def _on_store_failed(self, message: str) -> None:
        if self._store_done_for_benchmark():
            return
        self._refuse(self.tr("The database cannot be opened.\n\n%1").replace("%1", message))

    def _refuse(self, text: str) -> None:
        # The message box replaces the log-in: nobody may log in to a store that cannot be used.
        if self.login_dialog is not None:
            self.login_dialog.hide()
            self.login_dialog.deleteLater()
            self.login_dialog = None
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("BranchDesk"), text, QMessageBox.StandardButton.Ok)
        box.setObjectName("startupRefusal")
        box.finished.connect(lambda _r: self.finished.emit(EXIT_REFUSED))
        self.message_box = box
        box.open()

    def _store_done_for_benchmark(self) -> bool:
        """In the cold-start benchmark: report the open's end and quit (True), else False."""
        if not self.exit_when_login_shown:
            return False
        print(f"store-ready {seconds_since_process_start():.3f}", flush=True)
        QTimer.singleShot(0, lambda: self.finished.emit(EXIT_OK))
        return True

    def _on_login_accepted(self) -> None:
        assert self.login_dialog is not None
        actor: Actor | None = self.login_dialog.actor
        assert actor is not None
        if not self.store_ready:
            # The log-in ran on the worker right after the open, whose result (a recovery key
            # to acknowledge, a refusal) has not been handled yet: go on once it has.
            self._logged_in = actor
            return
        self._continue_after_login(actor)

    def _continue_after_login(self, actor: Actor) -> None:
        self._logged_in = None
        assert self.login_dialog is not None and self.store is not None
        if actor.must_change_password:
            from desk_app.ui.password_dialog import ChangePasswordDialog

            self.password_dialog = ChangePasswordDialog(self.store, self.worker, actor, forced=True)
            self.password_dialog.accepted.connect(lambda: self._show_main_window(self.password_dialog.actor))
            self.password_dialog.rejected.connect(lambda: self.finished.emit(EXIT_OK))
            self.login_dialog.hide()
            self.password_dialog.open()
            return
        self._show_main_window(actor)

    def _show_main_window(self, actor: Actor) -> None:
        # Imported here: the main window's modules are not needed to show the log-in dialog,
        # and every millisecond before it counts in the cold start.
        from desk_app.ui.main_window import MainWindow

        assert self.login_dialog is not None and self.store is not None
        self.main_window = MainWindow(self.store, actor, worker=self.worker)
        self.main_window.closed.connect(lambda: self.finished.emit(EXIT_OK))
        self.main_window.show()
        self.login_dialog.deleteLater()
        self.login_dialog = None
        freeze_startup_objects()

    def close(self) -> None:
        """Let queued database work finish, then release the store."""
        self.worker.shutdown(wait=True)
        # From the opening, not self.store: the open may have finished after the event loop
        # stopped (the cold-start benchmark quits as soon as the dialog is shown).
        store = self.opening.store
        if store is not None:
            store.close()


def _install_excepthook() -> None:
    # An exception escaping a slot must be logged with its trace, not vanish in stderr noise.
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: object) -> None:
        log.critical("uncaught exception", exc_info=(kind, value, tb))  # type: ignore[arg-type]
        if previous is not sys.__excepthook__:
            previous(kind, value, tb)  # type: ignore[arg-type]

    sys.excepthook = hook


def run_gui(data_dir: Path) -> int:
    """Run the desk GUI on the store in `data_dir`; returns the process exit code."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    _install_excepthook()
    favour_the_gui_thread()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("BranchDesk")
    app.setOrganizationName("BranchDesk")
    app.setStyle("Fusion")
    install_fonts(app)
    install_translators(app)
    # Windows come and go (log-in, then the main window); the controller decides when to quit.
    app.setQuitOnLastWindowClosed(False)
    controller = StartupController(
        data_dir, exit_when_login_shown=os.environ.get("BRANCHDESK_EXIT_WHEN_LOGIN_SHOWN") == "1")
    controller.finished.connect(app.exit)
    QTimer.singleShot(0, controller.start)
    code = app.exec()
    controller.close()
    return code
