"""Start-up: store opened on the worker, refusals in a message box, log-in, main window, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desk_app.core.demo import DEMO_PASSWORD
from desk_app.store import keys, migrate
from desk_app.store.db import Store, raw_connect
from desk_app.ui.app import EXIT_OK, EXIT_REFUSED, StartupController, seconds_since_process_start

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def start(qtbot):
    controllers: list[StartupController] = []

    def make(data_dir: Path) -> StartupController:
        c = StartupController(data_dir)
        controllers.append(c)
        c.start()
        return c

    yield make
    for c in controllers:
        for w in (c.login_dialog, c.main_window, c.message_box):
            if w is not None:
                w.close()
                w.deleteLater()
        c.close()


def test_no_store_yet_tells_how_to_set_one_up_and_creates_nothing(qtbot, tmp_path, start):
    controller = start(tmp_path / "fresh")
    qtbot.waitUntil(lambda: controller.message_box is not None, timeout=20_000)
    assert "desk-app demo" in controller.message_box.text()
    assert controller.store is None and not (tmp_path / "fresh" / "branch.db").exists()


def test_a_store_without_branch_tells_how_to_set_one_up(qtbot, tmp_path, start):
    migrate.open_store(tmp_path / "empty" / "branch.db").close()
    controller = start(tmp_path / "empty")
    qtbot.waitUntil(lambda: controller.message_box is not None and controller.message_box.isVisible(),
                    timeout=20_000)
    text = controller.message_box.text()
    assert "尚未初始化机构" in text and "desk-app demo" in text and "desk-app init" in text
    assert controller.login_dialog is None
    with qtbot.waitSignal(controller.finished) as finished:
        controller.message_box.button(QMessageBox.StandardButton.Ok).click()
    assert finished.args == [EXIT_REFUSED]


def test_a_store_too_new_is_refused_with_its_message(qtbot, demo_path, start):
    # A real store as a newer BranchDesk would leave it: a schema revision this version does not know.
    conn = raw_connect(demo_path, keys.load_secret(demo_path.parent))
    conn.execute("UPDATE alembic_version SET version_num = 'f00dbeef'")
    conn.commit()
    conn.close()
    before = demo_path.read_bytes()
    controller = start(demo_path.parent)
    qtbot.waitUntil(lambda: controller.message_box is not None, timeout=10_000)
    assert "更新版本" in controller.message_box.text() and "f00dbeef" in controller.message_box.text()
    with qtbot.waitSignal(controller.finished) as finished:
        controller.message_box.done(0)
    assert finished.args == [EXIT_REFUSED]
    assert demo_path.read_bytes() == before


def test_a_new_recovery_key_is_shown_before_the_log_in(qtbot, tmp_path, start):
    """A plaintext store of an older version: opening it encrypts it and makes a new secret, whose
    recovery key the supervisor must see before anyone logs in."""
    from alembic import command

    from desk_app.core import users

    path = tmp_path / "old" / "branch.db"
    path.parent.mkdir()
    plain = Store(path, None)
    with plain.engine.begin() as conn:
        cfg = migrate.alembic_config(path)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with plain.transaction() as s:
        users.init_branch(s, branch_code="FS01", branch_name="佛山", admin_username="boss",
                          admin_password="Secret123")
    plain.close()
    controller = start(path.parent)
    qtbot.waitUntil(lambda: controller.message_box is not None, timeout=20_000)
    text = controller.message_box.text()
    assert "恢复密钥" in text and controller.store.new_recovery_key in text
    # The log-in is already on screen (it comes first), but cannot be used until the key was seen.
    assert not controller.login_dialog.isEnabled() and not controller.store_ready
    controller.message_box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: controller.login_dialog.isVisible() and controller.login_dialog.isEnabled())
    assert controller.store_ready


def test_log_in_then_main_window_then_close_ends_with_zero(qtbot, demo_path, start):
    controller = start(demo_path.parent)
    qtbot.waitUntil(lambda: controller.login_dialog is not None and controller.login_dialog.isVisible(),
                    timeout=20_000)
    dialog = controller.login_dialog
    # The branch is read with the store, after the dialog appeared.
    qtbot.waitUntil(lambda: "广州分公司业务处理中心" in dialog.branch_label.text(), timeout=20_000)
    qtbot.keyClicks(dialog.username_edit, "entry1")
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: controller.main_window is not None and controller.main_window.isVisible(),
                    timeout=10_000)
    assert controller.main_window.actor.username == "entry1"
    assert controller.main_window.tabs.tabText(0).startswith("录入员")
    with qtbot.waitSignal(controller.finished) as finished:
        controller.main_window.close()
    assert finished.args == [EXIT_OK]


def test_the_log_in_comes_first_and_a_log_in_typed_at_once_waits_for_the_store(qtbot, demo_path, start):
    controller = start(demo_path.parent)
    dialog = controller.login_dialog
    # Shown at once, before anything of the store has been read.
    assert dialog is not None and dialog.isVisible() and controller.store is None
    qtbot.keyClicks(dialog.username_edit, "entry1")
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: controller.main_window is not None and controller.main_window.isVisible(),
                    timeout=20_000)
    assert controller.store is not None and controller.store_ready
    assert controller.main_window.actor.username == "entry1"


def test_a_damaged_store_replaces_the_shown_log_in_with_the_refusal(qtbot, demo_path, start):
    demo_path.write_bytes(b"not a database at all" * 512)
    for extra in demo_path.parent.glob("branch.db-*"):
        extra.unlink()
    controller = start(demo_path.parent)
    assert controller.login_dialog is not None
    qtbot.waitUntil(lambda: controller.message_box is not None, timeout=20_000)
    assert controller.message_box.objectName() == "startupRefusal"
    assert controller.login_dialog is None and controller.store is None
    with qtbot.waitSignal(controller.finished) as finished:
        controller.message_box.done(0)
    assert finished.args == [EXIT_REFUSED]


def test_cold_start_hook_prints_and_exits(demo_path):
    env = dict(os.environ, BRANCHDESK_EXIT_WHEN_LOGIN_SHOWN="1", QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "desk_app.cli", "--data-dir", str(demo_path.parent), "gui"],
                          env=env, capture_output=True, text=True, timeout=60, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    (shown, shown_at), (ready, ready_at) = (line.split() for line in proc.stdout.splitlines())
    assert (shown, ready) == ("login-shown", "store-ready")
    # The log-in first, the store opened and checked behind it.
    assert 0 < float(shown_at) <= float(ready_at) < 30


def test_process_age_is_measured_from_process_start():
    age = seconds_since_process_start()
    assert 0 < age < 24 * 3600


def test_the_store_and_the_core_are_not_imported_to_show_the_log_in():
    """SQLAlchemy, alembic and the core load on the worker while the dialog is on screen."""
    code = ("import sys, desk_app.ui.app; "
            "sys.exit(any(m in sys.modules for m in ('sqlalchemy', 'alembic', 'desk_app.store.db', "
            "'desk_app.services.setup', 'desk_app.services.users')))")
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO, timeout=60).returncode == 0


def test_the_main_window_is_not_imported_before_log_in():
    """Its modules cost start-up time and are only needed after the log-in."""
    code = ("import sys, desk_app.ui.app; "
            "sys.exit('desk_app.ui.main_window' in sys.modules or 'desk_app.ui.case_view' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO, timeout=60).returncode == 0
