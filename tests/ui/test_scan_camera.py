"""The document camera in the scanning window, with a video file as the camera: the preview shows
live frames, each page laid down is captured once when still, cleaned as a camera shot off the GUI
thread, and the pages kept become a camera batch indexed by their cover sheets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from sqlalchemy import select

from desk_app.store.models import Page, Proposal, ScanBatch
from desk_app.ui.scan_window import ScanWindow
from tests.scanning import helpers

pytestmark = pytest.mark.scan_precondition


def test_camera_preview_capture_and_camera_batch(qtbot, demo_store, worker, actors, tmp_path):
    with demo_store.reading() as s:
        cases = s.execute(select(Proposal.id, Proposal.case_no).where(Proposal.state == "RECEIVED")
                          .order_by(Proposal.case_no).limit(2)).all()
    device = helpers.camera_video(tmp_path / "camera.avi", [c for _id, c in cases])
    window = ScanWindow(demo_store, worker, actors["scanner"])
    qtbot.addWidget(window)
    window.resize(1400, 820)
    window.show()
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=10_000)
    dialog = window.importer.open_camera()
    dialog.device_edit.setText(device)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialog.captured) == 2 and "已停止" in dialog.state_label.text(), timeout=60_000)
    assert dialog.frames_shown > 0 and not dialog.preview.pixmap().isNull()
    assert dialog.shots.count() == 2 and dialog.keep_button.isEnabled()
    dialog.grab().save(str(tmp_path / "camera.png"))
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.strip.page_list.count() == 2 and bool(window.batches.current_key()), timeout=30_000)
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=10_000)
    assert window.importer.camera_device == device
    texts = [window.strip.page_list.item(i).text() for i in range(2)]
    assert [c in t for (_id, c), t in zip(cases, texts, strict=True)] == [True, True]
    assert "高拍仪" in window.batches.batch_list.currentItem().text()
    with demo_store.reading() as s:
        batch = s.get(ScanBatch, window.batches.current_key())
        pages = s.scalars(select(Page).where(Page.batch_id == batch.id).order_by(Page.seq)).all()
        assert batch.source == "camera" and batch.page_count == 2
        assert [p.proposal_id for p in pages] == [i for i, _c in cases]
        assert all('"perspective"' in p.steps and '"corners": null' not in p.steps for p in pages)
        first = pages[0].id
    # A camera page is redone as a camera shot (page found again) when it is rotated.
    window.strip.page_list.setCurrentRow(0)
    qtbot.keyClick(window.strip.page_list, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "页面已向右旋转" in window.status.text(), timeout=30_000)
    with demo_store.reading() as s:
        p = s.get(Page, first)
        assert p.rotation == 90 and '"corners": null' not in p.steps and '"forced": true' in p.steps
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=10_000)
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_unknown_camera_device_is_a_clear_message(qtbot, demo_store, worker, actors, tmp_path):
    window = ScanWindow(demo_store, worker, actors["scanner"])
    qtbot.addWidget(window)
    dialog = window.importer.open_camera()
    dialog.device_edit.setText(str(tmp_path / "none.avi"))
    dialog.start()
    qtbot.waitUntil(lambda: "无法打开文档摄像头" in dialog.state_label.text(), timeout=10_000)
    qtbot.waitUntil(lambda: not dialog.timer.isActive(), timeout=10_000)
    assert "无法打开文档摄像头" in dialog.state_label.text()  # the message stays
    assert dialog.captured == [] and not dialog.keep_button.isEnabled()
    dialog.reject()
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=10_000)
    with demo_store.reading() as s:
        assert s.scalars(select(ScanBatch).where(ScanBatch.source == "camera")).first() is None
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
