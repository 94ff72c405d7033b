"""Screenshots of the entry workstation and reconciliation at 1366x768 (runs headless):
a demo store in a temporary folder, a group case scanned with its filled-in form, entry1 keying
half of it (one value with a failing check), then a case with two differing fields as the
supervisor reconciles it.

    .venv/bin/python scripts/screenshot_entry.py [folder]     (default /tmp/entryshots)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp(prefix="shot-keyring-"))
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desk_app.core import demo, users, workflow  # noqa: E402
from desk_app.store.migrate import open_store  # noqa: E402
from desk_app.ui.fonts import install_fonts  # noqa: E402
from desk_app.ui.i18n import install_translators  # noqa: E402
from desk_app.ui.main_window import MainWindow  # noqa: E402
from tests.entry.helpers import key_pass  # noqa: E402
from tests.ui.entry_cases import scanned_group_case  # noqa: E402


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not finish loading")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/entryshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    app.setStyle("Fusion")
    install_fonts(app)
    install_translators(app, "zh_CN")
    tmp = Path(tempfile.mkdtemp(prefix="shot-"))
    store = open_store(tmp / "branch.db")
    with workflow.preconditions_waived("finish_scan"), store.transaction() as s:
        demo.create_demo(s, cases_per_state=2, force_password_change=False)
    with store.reading() as s:
        actor = {u: users.actor_for(s, u) for u in ("scanner", "entry1", "entry2", "super")}
    pid, _no, values = scanned_group_case(store, actor["scanner"], tmp, 0)
    pid2, _no2, values2 = scanned_group_case(store, actor["scanner"], tmp, 1)
    key_pass(store, actor["entry1"], pid2, values2)
    key_pass(store, actor["entry2"], pid2, dict(values2, contact_phone="13900139000", employee_count="21"))

    window = MainWindow(store, actor["entry1"])
    window.show()
    window.resize(1366, 768 - 40 - 30)
    tab = window.open_entry(pid)
    wait_for(lambda: tab.image.has_image())
    form = tab.current_form()
    for k in form.keyed_fields[:12]:
        form.edits[k].setText(values[k] if k != "contact_id_no" else "110101199003070000")
        form.commit(k)
    form.focus_field("contact_phone")
    wait_for(lambda: window._worker.pending == 0)
    wait_for(lambda: "contact_id_no" in form.marks(), 10)
    app.processEvents()
    window.grab().save(str(out / "entry.png"))
    window.close()

    boss = MainWindow(store, actor["super"])
    boss.show()
    boss.resize(1366, 768 - 40 - 30)
    rec = boss.open_reconcile(pid2)
    wait_for(lambda: rec.image.region is not None)
    app.processEvents()
    boss.grab().save(str(out / "reconcile.png"))
    dialog = boss.open_figures()
    wait_for(lambda: dialog.table.rowCount() > 0)
    app.processEvents()
    dialog.grab().save(str(out / "figures.png"))
    boss.close()
    store.close()
    print(out)


if __name__ == "__main__":
    main()
