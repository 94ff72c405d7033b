"""Who records pages of one kind scanned at the station, registered by the work that owns them.

The scanning station must not import the problem-case or contract work (they import the
station's own modules), so that work registers a recorder with `core.replies` or
`core.receipt_scans`. The station only names the module that registers it (`load_from`), which
is imported the first time such a page is scanned: a scan import that meets none does not load
that work on its start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

F = TypeVar("F", bound=Callable[..., None])


class Recorders(Generic[F]):
    def __init__(self) -> None:
        self._recorders: list[F] = []
        self._modules: list[str] = []

    def load_from(self, module: str) -> None:
        """Name a module that registers a recorder when imported (imported when first needed)."""
        if module not in self._modules:
            self._modules.append(module)

    def register(self, fn: F) -> F:
        """Register a recorder (once; usable as a decorator)."""
        if fn not in self._recorders:
            self._recorders.append(fn)
        return fn

    def __iter__(self) -> Iterator[F]:
        for module in self._modules:
            importlib.import_module(module)
        return iter(list(self._recorders))
