"""The scanning window shows the new doubts as badges: a page the station would not turn or level
(a photograph) is listed with 方向待核对 and 纠偏待核对, in red like the other problems."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QColor

from desk_app.services import scanning
from desk_app.ui.scan_window import ScanWindow
from tests.scanning import helpers, synth

pytestmark = pytest.mark.scan_precondition


def test_orientation_and_deskew_doubts_are_badges_in_the_window(qtbot, demo_store, worker, actors, tmp_path):
    photo = str(helpers.png_file(tmp_path / "photo.png", synth.photo(200, np.random.default_rng(4)), 200))
    form = str(helpers.png_file(tmp_path / "form.png", synth.render(synth.form_pdf("insured_list"), 200), 200))
    window = ScanWindow(demo_store, worker, actors["scanner"])
    qtbot.addWidget(window)
    window.show()
    try:
        window.importer.import_files([photo, form])
        qtbot.waitUntil(lambda: window.strip.page_list.count() == 2, timeout=120_000)
        texts = [window.strip.page_list.item(i).text() for i in range(2)]
        assert "方向待核对" in texts[0] and "纠偏待核对" in texts[0], texts
        assert "待核对" not in texts[1], texts
        assert window.strip.page_list.item(0).foreground().color() == QColor("#b00020")
        pages = [p for b in scanning.batches(demo_store).recent for p in scanning.pages(demo_store, b.batch_id)]
        flags = next(p.qc_flags for p in pages if p.source_name == "photo.png")
        assert set(flags) >= {"orientation_unsure", "deskew_unsure"}
    finally:
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
