"""Render the scanning window with a real batch for the docs: docs/screenshot-scan.png (headless).

A demo store, six pages made like a scanner's (a cover sheet of a received case, a sealed proposal
form, an insured list without its seal, a blank back), imported through the real pipeline:

    .venv/bin/python scripts/screenshot_scan.py [output.png]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cv2  # noqa: E402
from sqlalchemy import select  # noqa: E402

from desk_app.core import demo  # noqa: E402
from desk_app.services import users as user_service
from desk_app.store.migrate import open_store  # noqa: E402
from desk_app.store.models import Proposal  # noqa: E402
from desk_app.ui.scan_window import ScanWindow  # noqa: E402
from desk_app.ui.worker import DbWorker  # noqa: E402
from scripts.screenshot import make_app, save_grab, wait_for  # noqa: E402
from tests.scanning import synth  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "docs" / "screenshot-scan.png"


def main(out: Path = DEFAULT_OUT) -> int:
    app = make_app()
    with tempfile.TemporaryDirectory(prefix="branchdesk-shot-") as tmp:
        store = open_store(Path(tmp) / "branch.db")
        with store.transaction() as s:
            demo.create_demo(s, cases_per_state=3, force_password_change=False)
        with store.reading() as s:
            case_no = s.scalars(select(Proposal.case_no).where(Proposal.state == "RECEIVED")
                                .order_by(Proposal.case_no)).first()
        actor = user_service.login(store, username="scanner", password=demo.DEMO_PASSWORD)
        pages = [synth.form_pdf("cover", case_no=case_no), synth.form_pdf("proposal"),
                 synth.form_pdf("insured_list", seal=False), synth.form_pdf("blank")]
        paths = []
        for i, pdf in enumerate(pages):
            path = Path(tmp) / f"scan{i:02d}.jpg"
            cv2.imwrite(str(path), synth.skew(synth.render(pdf, 200), 1.5 - i))
            paths.append(str(path))
        worker = DbWorker()
        window = ScanWindow(store, worker, actor)
        window.resize(1400, 820)
        window.show()
        window.importer.import_files(paths)
        wait_for(lambda: window.strip.page_list.count() >= 3 and window.importer.progress.value() == len(paths), timeout=120)
        window.strip.page_list.setCurrentRow(1)
        wait_for(lambda: window.viewer.has_image(), timeout=30)
        for _ in range(20):
            app.processEvents()
        save_grab(window, out)
        window.close()
        worker.shutdown(wait=True)
        store.close()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT))
