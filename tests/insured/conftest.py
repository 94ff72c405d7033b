"""Insured-list tests: the demo store's users and cases, and a database worker for the dialog."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desk_app.store.db import Store


@pytest.fixture
def worker(demo_store: Store) -> Iterator[object]:
    from desk_app.ui.worker import DbWorker

    w = DbWorker()
    yield w
    w.shutdown(wait=True)
    w.deleteLater()
