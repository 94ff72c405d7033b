"""UI test set-up: bundled fonts and the Chinese translation once, a database worker per test.

Any Qt warning fails a UI test (qutebrowser's `qt_log_level_fail = WARNING`), applied here to
tests/ui only because the project's pytest options are shared with the other packages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desk_app.store.db import Store
from desk_app.ui.fonts import install_fonts
from desk_app.ui.i18n import install_translators
from desk_app.ui.worker import DbWorker

HERE = Path(__file__).resolve().parent

# Qt warnings that are not ours to fix; each says why.
QT_LOG_IGNORE = (
    # The offscreen platform plugin (headless tests) cannot pass size hints to a window manager.
    r"This plugin does not support propagateSizeHints\(\)",
    # ... nor raise a window above others (start-up raises the log-in dialog for real desktops).
    r"This plugin does not support raise\(\)",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*QT_LOG_IGNORE))


@pytest.fixture(scope="session", autouse=True)
def ui_app(qapp: QApplication) -> QApplication:
    """The test QApplication set up like `run_gui` does (style, fonts, zh_CN translation)."""
    qapp.setStyle("Fusion")
    install_fonts(qapp)
    install_translators(qapp, "zh_CN")
    return qapp


@pytest.fixture
def worker(demo_store: Store) -> Iterator[DbWorker]:
    """A database worker; torn down (its jobs finished) before the demo store closes."""
    w = DbWorker()
    yield w
    w.shutdown(wait=True)
    w.deleteLater()
