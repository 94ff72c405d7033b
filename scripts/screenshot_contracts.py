"""Screenshots of the contract screens at 1366x768 (runs headless): a demo store in a temporary
folder whose issued cases get their policy numbers; one printed 20 days ago, reprinted after a
supervisor approved; others printed 16 and 3 days ago (the receipt queue's marks); one receipted
and archived in a box. Then the preparer's tab (a batch report and the print log), the reprint
request and the supervisor's approval list, the verify box on an older print's QR text, the
receipts and archive tab, and the box's archive list.

    .venv/bin/python scripts/screenshot_contracts.py [folder]     (default /tmp/contractshots)
"""

from __future__ import annotations

import datetime as dt
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

from PySide6.QtCore import QCoreApplication, QSize  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desk_app import clock  # noqa: E402
from desk_app.core import demo, users, workflow  # noqa: E402
from desk_app.services import contracts  # noqa: E402
from desk_app.store.migrate import open_store  # noqa: E402
from desk_app.ui.fonts import install_fonts  # noqa: E402
from desk_app.ui.i18n import install_translators  # noqa: E402
from desk_app.ui.main_window import MainWindow  # noqa: E402
from desk_app.ui.worker import DbWorker  # noqa: E402
from tests.ui.contract_cases import issued, print_at, qr_text  # noqa: E402
from tests.ui.fitcheck import SCREENS, check_fits  # noqa: E402


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not finish loading")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def settle(worker: DbWorker) -> None:
    for _ in range(30):
        QCoreApplication.processEvents()
        time.sleep(0.01)
    wait_for(lambda: worker.pending == 0)
    for _ in range(10):
        QCoreApplication.processEvents()


def shot(widget: QWidget, out: Path, name: str) -> None:
    problems = check_fits(widget, "1366x768")
    widget.grab().save(str(out / f"{name}.png"))
    print(out / f"{name}.png", "fits" if not problems else "\n  ".join(["DOES NOT FIT:", *problems]))


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/contractshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    app.setStyle("Fusion")
    install_fonts(app)
    install_translators(app, "zh_CN")
    tmp = Path(tempfile.mkdtemp(prefix="shot-"))
    store = open_store(tmp / "branch.db")
    with workflow.preconditions_waived("finish_scan"), store.transaction() as s:
        demo.create_demo(s, cases_per_state=6, force_password_change=False)
    with store.reading() as s:
        actor = {u: users.actor_for(s, u) for u in ("printer", "super", "clerk")}
    ids = issued(store)
    now = clock.now()
    first = print_at(store, actor["printer"], ids[0], now - dt.timedelta(days=20))
    request = contracts.request_reprint(store, actor=actor["printer"], proposal_id=ids[0],
                                        reason="客户所持合同被水浸湿，字迹模糊").value
    contracts.approve_reprint(store, actor=actor["super"], request_id=request.request_id, note="同意重印")
    contracts.reprint_contract(store, actor=actor["printer"], proposal_id=ids[0], printer="HP LaserJet M404 柜面二")
    print_at(store, actor["printer"], ids[1], now - dt.timedelta(days=16))
    print_at(store, actor["printer"], ids[2], now - dt.timedelta(days=3))
    contracts.request_reprint(store, actor=actor["printer"], proposal_id=ids[2], reason="打印机卡纸，第 2 页缺损")
    archived = print_at(store, actor["printer"], ids[3], now - dt.timedelta(days=10))
    contracts.record_receipt(store, actor=actor["clerk"], proposal_id=ids[3])
    contracts.archive(store, actor=actor["clerk"], proposal_id=ids[3], box_no="GZ-2026-12-01", position=1)

    worker = DbWorker()
    window = MainWindow(store, actor["super"], worker=worker)
    window.show()
    window.resize(SCREENS["1366x768"])
    settle(worker)

    tab = window.open_contracts()
    wait_for(lambda: tab.preview is not None)
    settle(worker)
    shot(window, out, "contract_window")
    tab.open_case(ids[0])
    wait_for(lambda: tab.current_proposal_id() == ids[0] and len(tab.log_rows) == 2)
    settle(worker)
    shot(window, out, "contract_window_printed")
    tab.request_reprint()
    settle(worker)
    shot(tab.reprint_dialog, out, "reprint_request")
    tab.reprint_dialog.reject()
    approvals = window.open_reprint_approvals()
    wait_for(lambda: bool(approvals.requests))
    settle(worker)
    shot(approvals, out, "reprint_approvals")
    approvals.reject()

    verify = window.open_verify()
    verify.scan_edit.setText(qr_text(first, page=1))
    verify.check_text()
    wait_for(lambda: verify.result is not None)
    settle(worker)
    shot(window, out, "verify_superseded")

    receipts = window.open_receipts()
    receipts.box_edit.setText("GZ-2026-12-01")
    receipts.load_box()
    wait_for(lambda: bool(receipts.rows) and bool(receipts.box_rows))
    settle(worker)
    shot(window, out, "receipts_archive")
    receipts.show_box_list()
    wait_for(lambda: getattr(receipts, "list_dialog", None) is not None)
    settle(worker)
    receipts.list_dialog.resize(QSize(700, 640))
    shot(receipts.list_dialog, out, "archive_list")
    print("archived", archived.policy_no)
    worker.shutdown(wait=True)


if __name__ == "__main__":
    main()
