"""The desk app's sync screens (pytest-qt, offscreen): status bar, sync window, enrolment, inbox,
and the main window's queues after a sync that pulled cases.

Sync runs against a real `sync-server` process; the GUI thread is checked never to do the work.
The screens are checked in Chinese, with the translation the app installs.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow
from sqlalchemy import text

from desk_app import clock
from desk_app.core.roles import Role
from desk_app.services import sync
from desk_app.store.models import SyncConflict
from desk_app.sync import conflicts, engine
from desk_app.ui.conflict_inbox import ConflictInboxDialog
from desk_app.ui.enrol_dialog import EnrolDialog
from desk_app.ui.i18n import install_translators
from desk_app.ui.main_window import MainWindow
from desk_app.ui.queue_model import COL_CASE_NO
from desk_app.ui.sync_dialog import SyncDialog
from desk_app.ui.sync_menu import install_sync
from desk_app.ui.sync_status import SyncRunner, SyncStatusWidget
from desk_app.ui.worker import DbWorker
from tests.e2e.world import Site, make_site
from tests.server.harness import branch_store, enrolment_code, free_port, new_server_db, running_server


@pytest.fixture(autouse=True)
def chinese(qapp: QApplication) -> None:
    """The translation the app installs at start (the windows' source texts are English)."""
    install_translators(qapp, "zh_CN")


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site("GD0101", branch_store(tmp_path / "a" / "branch.db", "GD0101", "广州分公司"))


@pytest.fixture
def worker() -> Iterator[DbWorker]:
    w = DbWorker()
    yield w
    w.shutdown(wait=True)
    w.deleteLater()


def case_numbers(window: MainWindow, role: Role) -> set[str]:
    model = window.queue_models[role]
    return {model.index(r, COL_CASE_NO).data() for r in range(model.rowCount())}


def test_status_bar_shows_pending_and_the_reason_of_a_failure(qtbot, site: Site, worker: DbWorker) -> None:
    with site.store.transaction() as s:
        s.execute(text("UPDATE sync_state SET server_url = :u, device_token = 'x', org_code = 'GD0101'"),
                  {"u": f"http://127.0.0.1:{free_port()}"})
    site.new_case(1)
    runner = SyncRunner(site.store, worker)
    widget = SyncStatusWidget(runner)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(runner.status_changed, timeout=10_000):
        runner.refresh_status()
    pending = sync.status(site.store).pending
    assert widget.pending_label.text() == f"待上传：{pending:,} 条" and pending > 0
    with qtbot.waitSignal(runner.failed, timeout=20_000) as blocker:
        assert runner.sync_now()
        assert not runner.sync_now(), "a second request while one runs is ignored"
    assert "无法连接" in blocker.args[0]
    assert "同步失败" in widget.failure_label.text() and "无法连接" in widget.failure_label.text()
    qtbot.waitUntil(lambda: "无法连接" in widget.failure_label.toolTip(), timeout=10_000)
    runner.shutdown()


def test_enrol_then_sync_window_shows_progress_and_success_off_the_gui_thread(qtbot, site: Site, worker: DbWorker,
                                                                               tmp_path: Path) -> None:
    db_url = new_server_db("sqlite", tmp_path, None)
    with running_server(db_url, tmp_path) as srv:
        dialog = EnrolDialog(site.store)
        qtbot.addWidget(dialog)
        dialog.server_edit.setText(srv.url)
        dialog.code_edit.setText("WRONG-CODE")
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: "注册码无效" in dialog.message.text(), timeout=10_000)
        dialog.code_edit.setText(enrolment_code(db_url, "GD0101"))
        with qtbot.waitSignal(dialog.enrolled, timeout=10_000) as got:
            dialog.buttons.accepted.emit()
        assert got.args == ["GD0101"]

        runner = SyncRunner(site.store, worker)
        threads: set[str] = set()
        runner.progress.connect(lambda *_: threads.add(threading.current_thread().name))
        win = SyncDialog(runner)
        qtbot.addWidget(win)
        stages: list[str] = []
        runner.progress.connect(lambda st, _d, _t: stages.append(st))
        gui = threading.current_thread().name
        orig = engine.sync_once
        worker_threads: list[str] = []

        def spy(store, **kw):  # noqa: ANN001, ANN202
            worker_threads.append(threading.current_thread().name)
            return orig(store, **kw)

        engine.sync_once = spy
        try:
            with qtbot.waitSignal(runner.finished, timeout=30_000):
                win.start_button.click()
        finally:
            engine.sync_once = orig
        # On the network thread: neither the GUI thread nor the database worker waits for the line.
        assert worker_threads and all(t != gui and t.startswith("branchdesk-net") for t in worker_threads)
        assert "push" in stages and win.stage_label.text() == "同步完成" and "上传" in win.result_label.text()
        assert sync.status(site.store).pending == 0
        runner.shutdown()


def test_install_sync_adds_the_status_widget_and_menu(qtbot, site: Site, worker: DbWorker) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    runner = install_sync(window, site.store, worker, interval_ms=3_600_000)
    assert window.statusBar().findChild(SyncStatusWidget, "syncStatus") is not None
    titles = [a.text() for a in window.menuBar().actions()]
    assert "同步(&Y)" in titles
    qtbot.waitUntil(lambda: "待上传" in window.findChild(SyncStatusWidget).pending_label.text()
                    and "…" not in window.findChild(SyncStatusWidget).pending_label.text(), timeout=10_000)
    runner.shutdown()


def test_conflict_inbox_lists_unread_conflicts_and_marks_them_read(qtbot, site: Site, worker: DbWorker) -> None:
    with site.store.transaction() as s:
        s.add(SyncConflict(id="c1", branch_code="GD0101", table_name="proposals", row_id="p1", case_id="p1",
                           losing_org="GD0101", losing_payload=json.dumps({"state": "WITHDRAWN"}),
                           winning_org="GD", winning_payload=json.dumps({"state": "ISSUED"}),
                           rule="上报案件的决定属于上级机构", created_at=clock.now().isoformat(timespec="seconds")))
    dialog = ConflictInboxDialog(site.store, worker, "super")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    assert "WITHDRAWN" in dialog.table.item(0, 3).text() and "ISSUED" in dialog.table.item(0, 4).text()
    with qtbot.waitSignal(dialog.loaded, timeout=10_000) as got:
        dialog.seen_button.click()
    assert got.args == [0]
    assert conflicts.list_conflicts(site.store) == []
    assert conflicts.list_conflicts(site.store, include_seen=True)[0].seen_at is not None


def test_a_sync_that_pulled_cases_shows_them_in_the_queue_without_a_refresh(qtbot, tmp_path: Path,
                                                                             worker: DbWorker) -> None:
    """A branch refers a case; the province's window syncs and its queue lists the case, no F5."""
    db_url = new_server_db("sqlite", tmp_path, None)
    with running_server(db_url, tmp_path) as srv:
        branch = make_site(tmp_path, srv.url, db_url, "GD0101", "广州分公司")
        prov = make_site(tmp_path, srv.url, db_url, "GD", "广东省分公司", province=True)
        window = MainWindow(prov.store, prov.actor("prov"), worker=worker)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        model = window.queue_models[Role.HEAD_OFFICE]
        qtbot.waitUntil(lambda: model.total == 0 and not model.fetching, timeout=10_000)

        referred = [branch.new_case(1, refer=True), branch.new_case(2, refer=True)]
        branch.sync()
        expected = {detail_case_no(branch, pid) for pid in referred}

        with qtbot.waitSignal(window.sync_runner.finished, timeout=30_000) as done:
            window.findChild(SyncStatusWidget, "syncStatus").sync_button.click()
        assert done.args[0].pulled > 0
        qtbot.waitUntil(lambda: case_numbers(window, Role.HEAD_OFFICE) == expected, timeout=10_000)
        qtbot.waitUntil(lambda: model.total == 2, timeout=10_000)  # the count is a read of its own
        stages = window.stage_labels[Role.HEAD_OFFICE]
        qtbot.waitUntil(lambda: "上报&nbsp;2<" in stages.text(), timeout=10_000)
        window.close()


def detail_case_no(site: Site, proposal_id: str) -> str:
    with site.store.reading() as s:
        return s.execute(text("SELECT case_no FROM proposals WHERE id = :i"), {"i": proposal_id}).scalar_one()
