"""The one serialised database worker of the GUI, with results delivered back on the GUI thread.

Every SQLite call of the windows runs here, one job at a time, on a single background thread
(Anki's taskman: `ThreadPoolExecutor(max_workers=1)`), so the GUI thread never waits on the
database and two jobs never race on the same file. A job's result, or its error, travels back
through a Qt signal whose receiver lives in the GUI thread; the queued connection makes Qt run
the callback there. Jobs must not touch widgets: they get plain arguments and return plain values.

Refusals (`desk_app.errors.Refusal`: bad input, a wrong step, a full disk) reach `on_error` as their
Chinese message, unchanged.
Anything else is a bug: it is logged with its traceback and `on_error` gets a generic message.

Jobs still waiting can be overtaken: `urgent=True` (opening a case, the first page of a queue)
runs before queued background reads such as counts, which take a second on a 100,000-case
store. A running job is never interrupted, so the wait is at most one job.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from desk_app.errors import Refusal

log = logging.getLogger(__name__)

DoneCallback = Callable[[Any], None]
ErrorCallback = Callable[[str], None]


def unexpected_error_text() -> str:
    """The message shown for a bug: the details are in the log, not in the dialog."""
    return QCoreApplication.translate(
        "DbWorker", "An unexpected error occurred. The details were written to the log; "
                    "please tell the system administrator.")


@dataclass
class _Job:
    on_done: DoneCallback | None
    on_error: ErrorCallback | None
    owner: QObject | None


class DbWorker(QObject):
    """Runs database jobs one after another off the GUI thread; create and use it in the GUI thread."""

    # (job id, succeeded, result or message). `object` so Python values cross the queue untouched.
    _job_finished = Signal(int, bool, object)
    # Number of jobs queued or running, for a busy indicator.
    busy_changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="branchdesk-db")
        self._jobs: dict[int, _Job] = {}
        self._ids = itertools.count(1)
        # (0 urgent / 1 normal, job id, fn, args); the executor runs one "take the next job"
        # per submission, so work stays serial while the order follows the priority.
        self._queue: list[tuple[int, int, Callable[..., Any], tuple[Any, ...]]] = []
        self._queue_lock = threading.Lock()
        self._closed = False
        # Explicitly queued: the signal is emitted from the worker thread, and the callbacks
        # must run in the thread this object lives in (the GUI thread), never in the worker.
        self._job_finished.connect(self._on_job_finished, Qt.ConnectionType.QueuedConnection)

    @property
    def closed(self) -> bool:
        """True once `shutdown` was called: `submit` refuses new jobs."""
        return self._closed

    @property
    def pending(self) -> int:
        """Jobs submitted whose callbacks have not run yet."""
        return len(self._jobs)

    def submit(self, fn: Callable[..., Any], *args: Any, on_done: DoneCallback | None = None,
               on_error: ErrorCallback | None = None, owner: QObject | None = None,
               urgent: bool = False) -> int:
        """Queue `fn(*args)`; `on_done(result)` or `on_error(message)` later runs in the GUI thread.

        With `owner`, the callbacks are skipped if that Qt object has been deleted meanwhile
        (a tab closed while its page was loading). `urgent` jobs overtake queued normal ones.
        Returns the job's id.
        """
        if self._closed:
            raise RuntimeError("the database worker has been shut down")
        job_id = next(self._ids)
        self._jobs[job_id] = _Job(on_done, on_error, owner)
        self.busy_changed.emit(len(self._jobs))
        with self._queue_lock:
            heapq.heappush(self._queue, (0 if urgent else 1, job_id, fn, args))
        self._executor.submit(self._run_next)
        return job_id

    def _run_next(self) -> None:
        # Worker thread: no widget or QObject of the GUI may be touched here.
        with self._queue_lock:
            _priority, job_id, fn, args = heapq.heappop(self._queue)
        self._run(job_id, fn, args)

    def _run(self, job_id: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        try:
            result = fn(*args)
        except Refusal as exc:
            self._emit(job_id, False, exc.message)
            return None
        except Exception:
            log.exception("database job %s failed", getattr(fn, "__qualname__", fn))
            self._emit(job_id, False, None)
            return None
        self._emit(job_id, True, result)
        return result

    def _emit(self, job_id: int, ok: bool, payload: Any) -> None:
        # The bridge may already be gone when the app quits with a job still running.
        if shiboken6.isValid(self):
            self._job_finished.emit(job_id, ok, payload)

    def _on_job_finished(self, job_id: int, ok: bool, payload: Any) -> None:
        job = self._jobs.pop(job_id, None)
        self.busy_changed.emit(len(self._jobs))
        if job is None:
            return
        if job.owner is not None and not shiboken6.isValid(job.owner):
            return
        if ok:
            if job.on_done is not None:
                job.on_done(payload)
            return
        message = payload if payload is not None else unexpected_error_text()
        if job.on_error is not None:
            job.on_error(message)
        else:
            log.warning("database job refused with no error handler: %s", message)

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop accepting jobs; with `wait`, let the running and queued ones finish first."""
        self._closed = True
        self._executor.shutdown(wait=wait, cancel_futures=not wait)

    @staticmethod
    def in_worker_thread() -> bool:
        """True inside a job (for assertions in tests and debug checks)."""
        return threading.current_thread().name.startswith("branchdesk-db")
