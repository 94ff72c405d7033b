"""How a window runs a service: on the one database worker, and what it changed told to every view.

Anki's CollectionOp / QueryOp, in small: `run(worker, service_fn, *args)` calls a desk_app.services
action (which owns its transaction and returns `Done(value, changes)`) on the DbWorker; when it
succeeds, `bus().changed` fires once with the `Changes` and the initiator, then `on_done(value)`
runs. Views subscribe to the bus and refresh only what the changes touch (the queues after an
intake, the sync status after a sync), so nothing waits for F5. `read(...)` is a query: no changes.

Network work (sync, enrolment) must not hold the database worker for seconds: `run_network`
runs it on the one network thread, with the same result delivery and fan-out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal

from desk_app.services.changes import Changes, Done
from desk_app.ui.worker import DbWorker, DoneCallback, ErrorCallback, unexpected_error_text

log = logging.getLogger(__name__)


class ChangeBus(QObject):
    """The one application signal: (Changes, initiator or None) after an action committed."""

    changed = Signal(object, object)


_bus: ChangeBus | None = None


def bus() -> ChangeBus:
    """The application's change bus (made on first use, in the GUI thread)."""
    global _bus
    if _bus is None or not shiboken6.isValid(_bus):
        _bus = ChangeBus()
    return _bus


def announce(changes: Changes, initiator: object = None) -> None:
    if changes.any():
        bus().changed.emit(changes, initiator)


def run(worker: DbWorker, fn: Callable[..., Done[Any]], *args: Any, on_done: DoneCallback | None = None,
        on_error: ErrorCallback | None = None, owner: QObject | None = None, initiator: object = None,
        **kwargs: Any) -> int:
    """Run a service action on the database worker; announce its changes, then `on_done(value)`.

    The changes are announced even when `owner` is gone by then (the other views still need them)."""
    def alive() -> bool:
        return owner is None or shiboken6.isValid(owner)

    def deliver(done: Done[Any]) -> None:
        announce(done.changes, initiator)
        if alive() and on_done is not None:
            on_done(done.value)

    def refused(message: str) -> None:
        if alive() and on_error is not None:
            on_error(message)

    return worker.submit(partial(fn, *args, **kwargs), on_done=deliver, on_error=refused)


def read(worker: DbWorker, fn: Callable[..., Any], *args: Any, on_done: DoneCallback | None = None,
         on_error: ErrorCallback | None = None, owner: QObject | None = None, urgent: bool = False,
         **kwargs: Any) -> int:
    """Run a service query on the database worker; `on_done(value)` in the GUI thread."""
    return worker.submit(partial(fn, *args, **kwargs), on_done=on_done, on_error=on_error, owner=owner,
                         urgent=urgent)


class _NetworkBridge(QObject):
    finished = Signal(object, bool, object)  # callback pair, ok, value or message


_net_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="branchdesk-net")
_net_bridge: _NetworkBridge | None = None


def run_network(fn: Callable[..., Any], *args: Any, on_done: DoneCallback | None = None,
                on_error: ErrorCallback | None = None, owner: QObject | None = None, initiator: object = None,
                **kwargs: Any) -> None:
    """Run a service that talks to head office on the network thread (one call at a time); a
    `Done` result's changes are announced like `run`'s. Errors with a reason (SyncError,
    DomainError) reach `on_error` as their Chinese text."""
    global _net_bridge
    if _net_bridge is None or not shiboken6.isValid(_net_bridge):
        _net_bridge = _NetworkBridge()
        _net_bridge.finished.connect(_network_finished, Qt.ConnectionType.QueuedConnection)
    bridge = _net_bridge
    callbacks = (on_done, on_error, owner, initiator)

    def job() -> None:
        try:
            value, ok = fn(*args, **kwargs), True
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the window as a message
            reason = getattr(exc, "reason", None) or getattr(exc, "message", None)
            if reason is None:
                log.exception("network job %s failed", getattr(fn, "__qualname__", fn))
            value, ok = reason, False
        if shiboken6.isValid(bridge):
            bridge.finished.emit(callbacks, ok, value)

    _net_pool.submit(job)


def wait_network(timeout: float | None = 120) -> None:
    """Block until the network thread has finished what was handed to it (a window closing with
    a sync on its way: the store must outlive it). Results still arrive later by the event loop."""
    _net_pool.submit(lambda: None).result(timeout)


def _network_finished(callbacks: tuple[Any, ...], ok: bool, value: Any) -> None:
    on_done, on_error, owner, initiator = callbacks
    alive = owner is None or shiboken6.isValid(owner)
    if ok:
        if isinstance(value, Done):
            announce(value.changes, initiator)
            value = value.value
        if alive and on_done is not None:
            on_done(value)
    elif alive and on_error is not None:
        on_error(value if value is not None else unexpected_error_text())
