"""The scanning window: a batch is processed off the GUI thread, listed with case and badges,
typed by key and deleted; the event loop keeps running while the pages are processed."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from sqlalchemy import select

from desk_app.store.models import Page, Proposal
from desk_app.ui.scan_window import ScanWindow
from tests.scanning import helpers, synth


def test_import_batch_index_type_and_delete(qtbot, demo_store, worker, actors, tmp_path):
    with demo_store.reading() as s:
        case_no = s.scalars(select(Proposal.case_no).where(Proposal.state == "RECEIVED")
                            .order_by(Proposal.case_no)).first()
    paths = [str(helpers.png_file(tmp_path / "p1.png", synth.render(synth.form_pdf("cover", case_no=case_no), 200), 200)),
             str(helpers.png_file(tmp_path / "p2.png", synth.render(synth.form_pdf("insured_list"), 200), 200)),
             str(helpers.png_file(tmp_path / "p3.png", synth.render(synth.form_pdf("blank"), 200), 200))]
    (tmp_path / "bad.jpg").write_text("不是图像", encoding="utf-8")
    window = ScanWindow(demo_store, worker, actors["scanner"])
    qtbot.addWidget(window)
    window.show()
    ticks = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    window.import_files([*paths, str(tmp_path / "bad.jpg")])
    qtbot.waitUntil(lambda: window.page_list.count() == 3, timeout=120_000)
    timer.stop()
    assert len(ticks) > 10  # the GUI thread kept running its event loop meanwhile
    assert window.progress.value() == window.progress.maximum() == 4
    texts = [window.page_list.item(i).text() for i in range(3)]
    assert all(case_no in t for t in texts)
    assert "封面" in texts[0] and "空白" in texts[2]
    assert "bad.jpg" in window.status.text()
    assert window.viewer.has_image()

    window.page_list.setCurrentRow(1)
    window.page_list.item(1).setSelected(True)
    qtbot.keyClick(window, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: "被保险人清单" in window.page_list.item(1).text(), timeout=10_000)
    page_id = window.page_list.item(1).data(Qt.ItemDataRole.UserRole)
    with demo_store.reading() as s:
        assert s.get(Page, page_id).doc_type == "insured_list"
    qtbot.keyClick(window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.page_list.count() == 2, timeout=10_000)
    with demo_store.reading() as s:
        assert s.get(Page, page_id).deleted
