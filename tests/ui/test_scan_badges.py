"""The scanning window shows the new doubts as badges: a page the station would not turn or level
(a photograph) is listed with 方向待核对 and 纠偏待核对, in red like the other problems."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QColor

from desk_app.store.models import Page
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
        window.import_files([photo, form])
        qtbot.waitUntil(lambda: window.page_list.count() == 2, timeout=120_000)
        texts = [window.page_list.item(i).text() for i in range(2)]
        assert "方向待核对" in texts[0] and "纠偏待核对" in texts[0], texts
        assert "待核对" not in texts[1], texts
        assert window.page_list.item(0).foreground().color() == QColor("#b00020")
        with demo_store.reading() as s:
            flags = json.loads(s.query(Page).filter(Page.source_name == "photo.png").one().qc_flags)
        assert {code for code, _reason in flags} >= {"orientation_unsure", "deskew_unsure"}
    finally:
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
