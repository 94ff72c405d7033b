"""The database worker: one thread, results on the GUI thread, domain errors as their message."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QObject

from desk_app.core.errors import InvalidInput
from desk_app.ui.worker import DbWorker, unexpected_error_text


@pytest.fixture
def bare_worker():
    w = DbWorker()
    yield w
    w.shutdown(wait=True)


def test_result_arrives_on_the_gui_thread_and_jobs_run_in_one_thread_in_order(qtbot, bare_worker):
    job_threads: list[str] = []
    done: list[tuple[int, bool]] = []

    def job(i: int) -> int:
        job_threads.append(threading.current_thread().name)
        assert DbWorker.in_worker_thread()
        return i * 10

    for i in range(20):
        bare_worker.submit(job, i, on_done=lambda r: done.append((r, threading.current_thread() is
                                                                    threading.main_thread())))
    qtbot.waitUntil(lambda: len(done) == 20)
    assert [r for r, _ in done] == [i * 10 for i in range(20)]
    assert all(on_main for _, on_main in done)
    assert len(set(job_threads)) == 1 and job_threads[0] != threading.main_thread().name
    assert bare_worker.pending == 0


def test_domain_error_reaches_on_error_as_its_chinese_message(qtbot, bare_worker):
    errors: list[str] = []

    def refuse() -> None:
        raise InvalidInput("密码至少需要 8 位。")

    bare_worker.submit(refuse, on_done=lambda r: pytest.fail("must not succeed"), on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert errors == ["密码至少需要 8 位。"]


def test_a_bug_is_logged_with_traceback_and_reported_generically(qtbot, bare_worker, caplog):
    errors: list[str] = []

    def broken() -> None:
        raise ZeroDivisionError("secret detail")

    with caplog.at_level(logging.ERROR, logger="desk_app.ui.worker"):
        bare_worker.submit(broken, on_error=errors.append)
        qtbot.waitUntil(lambda: bool(errors))
    assert errors == [unexpected_error_text()]
    assert "secret detail" not in errors[0]
    assert "意外错误" in errors[0]  # the zh_CN translation is in force
    record = next(r for r in caplog.records if r.name == "desk_app.ui.worker")
    assert record.exc_info and record.exc_info[0] is ZeroDivisionError


def test_callbacks_of_a_deleted_owner_are_skipped(qtbot, bare_worker):
    import shiboken6

    owner = QObject()
    called: list[object] = []
    gate = threading.Event()
    bare_worker.submit(gate.wait, 5, on_done=called.append, owner=owner)
    shiboken6.delete(owner)
    gate.set()
    qtbot.waitUntil(lambda: bare_worker.pending == 0)
    assert called == []


def test_urgent_jobs_overtake_queued_ones_but_never_run_alongside(qtbot, bare_worker):
    gate = threading.Event()
    order: list[str] = []
    running = threading.Lock()

    def job(name: str) -> str:
        assert running.acquire(blocking=False), "two jobs at once"
        try:
            order.append(name)
            return name
        finally:
            running.release()

    bare_worker.submit(gate.wait, 5)  # occupies the worker while the others queue up
    for name in ("count-1", "count-2"):
        bare_worker.submit(job, name)
    bare_worker.submit(job, "open-case", urgent=True)
    bare_worker.submit(job, "count-3")
    bare_worker.submit(job, "next-page", urgent=True)
    gate.set()
    qtbot.waitUntil(lambda: bare_worker.pending == 0)
    assert order == ["open-case", "next-page", "count-1", "count-2", "count-3"]


def test_no_job_after_shutdown(bare_worker):
    bare_worker.shutdown()
    with pytest.raises(RuntimeError):
        bare_worker.submit(lambda: None)
