"""The entry screens' calls to the database worker, dropped once it is shut down.

A case opening is a chain of jobs (take the pass, then read its pages, then read the next case's
pages ahead), each started from the previous one's result. When the app quits in the middle, the
worker is shut down before the chain ends; the rest of it is simply not asked for (nothing in it
writes: a field's draft is saved before the shutdown, see EntryWindow.prepare_close).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desk_app.ui import ops
from desk_app.ui.worker import DbWorker


class Jobs:
    def __init__(self, worker: DbWorker) -> None:
        self.worker = worker
        self.closed = False

    def read(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """`ops.read`, unless the worker is gone."""
        self._call(ops.read, fn, args, kwargs)

    def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """`ops.run`, unless the worker is gone."""
        self._call(ops.run, fn, args, kwargs)

    def _call(self, how: Callable[..., Any], fn: Callable[..., Any], args: tuple[Any, ...],
              kwargs: dict[str, Any]) -> None:
        if self.closed:
            return
        try:
            how(self.worker, fn, *args, **kwargs)
        except RuntimeError:  # "the database worker has been shut down": the app is quitting
            self.closed = True
