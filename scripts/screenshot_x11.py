"""Screenshots at 1366×768 on a real X display (Xvfb), the app's bundled fonts only:
docs/screen-1366-main.png, docs/screen-1366-intake.png, docs/screen-1366-scan.png.

    Xvfb :9 -screen 0 1366x768x24 &
    DISPLAY=:9 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshot_x11.py

Each window opens as the app opens it (sized to the screen by itself); the shot is the whole
screen (`import -window root`, ImageMagick), so whatever does not fit would be cut off in it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

import cv2  # noqa: E402
from PySide6.QtCore import QCoreApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from desk_app.core import demo  # noqa: E402
from desk_app.core.roles import Role  # noqa: E402
from desk_app.services import users as user_service  # noqa: E402
from desk_app.store.migrate import open_store  # noqa: E402
from desk_app.store.models import Proposal  # noqa: E402
from desk_app.ui.main_window import MainWindow  # noqa: E402
from scripts.screenshot import make_app, wait_for  # noqa: E402
from tests.scanning import synth  # noqa: E402

DOCS = Path(__file__).resolve().parent.parent / "docs"


def settle(rounds: int = 40) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents()
        subprocess.run(["sleep", "0.02"], check=True)


def shoot(name: str) -> None:
    settle()
    out = DOCS / name
    subprocess.run(["import", "-window", "root", str(out)], check=True)
    print(f"wrote {out}")


def main() -> int:
    make_app()
    with tempfile.TemporaryDirectory(prefix="branchdesk-x11-") as tmp:
        store = open_store(Path(tmp) / "branch.db")
        with store.transaction() as s:
            demo.create_demo(s, cases_per_state=6, force_password_change=False)
        with store.reading() as s:
            case_no = s.scalars(select(Proposal.case_no).where(Proposal.state == "RECEIVED")
                                .order_by(Proposal.case_no)).first()

        clerk = user_service.login(store, username="clerk", password=demo.DEMO_PASSWORD)
        window = MainWindow(store, clerk)
        window.move(0, 0)
        window.show()
        model = window.queue_models[Role.COUNTER_CLERK]
        wait_for(lambda: model.total is not None and model.rowCount() > 0 and not model.fetching)
        opened: list[object] = []
        window.case_opened.connect(opened.append)
        window.open_case(model.row_at(0).proposal_id)
        wait_for(lambda: bool(opened))
        shoot("screen-1366-main.png")

        intake = window.open_intake()
        wait_for(lambda: intake.product_combo.count() > 0)
        intake.business_type_combo.setCurrentIndex(intake.business_type_combo.findData("GROUP"))
        intake.proposal_no_edit.setText("T440100001")
        intake.applicant_edit.setText("广州市天河科技有限公司")
        intake._on_check()
        wait_for(lambda: intake.checklist_table.rowCount() > 0)
        shoot("screen-1366-intake.png")
        window._quit_confirmed = True  # the shot's own typing: nothing to keep
        window.close()
        window.deleteLater()
        settle()

        scanner = user_service.login(store, username="scanner", password=demo.DEMO_PASSWORD)
        window = MainWindow(store, scanner)
        window.move(0, 0)
        window.show()
        scan = window.open_scanning()
        paths = []
        for i, pdf in enumerate([synth.form_pdf("cover", case_no=case_no), synth.form_pdf("proposal"),
                                 synth.form_pdf("insured_list", seal=False)]):
            path = Path(tmp) / f"scan{i:02d}.jpg"
            cv2.imwrite(str(path), synth.skew(synth.render(pdf, 200), 1.5 - i))
            paths.append(str(path))
        scan.importer.import_files(paths)
        wait_for(lambda: scan.strip.page_list.count() >= 3, timeout=120)
        scan.strip.page_list.setCurrentRow(1)
        wait_for(lambda: scan.viewer.has_image(), timeout=30)
        shoot("screen-1366-scan.png")
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
