"""Render the main window for the docs: docs/screenshot-main.png (runs headless).

Builds a demo store in a temporary folder, logs in as the supervisor "super" (whose queue holds
every open stage), opens a case and grabs the 1280x800 window offscreen:

    .venv/bin/python scripts/screenshot.py [output.png]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desk_app.core import demo  # noqa: E402
from desk_app.core.roles import Role  # noqa: E402
from desk_app.core.workflow import State  # noqa: E402
from desk_app.services import users as user_service
from desk_app.store.migrate import open_store  # noqa: E402
from desk_app.ui.fonts import install_fonts  # noqa: E402
from desk_app.ui.i18n import install_translators  # noqa: E402
from desk_app.ui.main_window import MainWindow  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "docs" / "screenshot-main.png"


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not finish loading")
        QCoreApplication.processEvents()
        time.sleep(0.005)


def make_app() -> QApplication:
    """The application as the desk app sets it up: Fusion style, bundled fonts, zh_CN."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    install_fonts(app)
    install_translators(app)
    return app


def save_grab(widget: QWidget, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(out)):
        raise OSError(f"cannot write {out}")


def main(out: Path = DEFAULT_OUT) -> int:
    make_app()
    with tempfile.TemporaryDirectory(prefix="branchdesk-shot-") as tmp:
        store = open_store(Path(tmp) / "branch.db")
        with store.transaction() as session:
            demo.create_demo(session, cases_per_state=6)
        actor = user_service.login(store, username="super", password=demo.DEMO_PASSWORD)
        window = MainWindow(store, actor)
        window.resize(1280, 800)
        window.show()
        model = window.queue_models[Role.SUPERVISOR]
        wait_for(lambda: model.total is not None and model.rowCount() > 0 and not model.fetching)
        # A case held as a problem: its timeline shows the whole path and a reason.
        row = next((r for r in range(model.rowCount()) if model.row_at(r).state is State.PROBLEM), 0)
        view = window.queue_views[Role.SUPERVISOR]
        view.selectRow(row)
        view.scrollTo(model.index(row, 0))
        opened: list[object] = []
        window.case_opened.connect(opened.append)
        window.open_case(model.row_at(row).proposal_id)
        wait_for(lambda: bool(opened) and "机构：GD0101 " in window.branch_label.text())
        for _ in range(5):
            QCoreApplication.processEvents()
        save_grab(window, out)
        window.close()
        store.close()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT))
