"""The scanning window: a batch is processed off the GUI thread and listed with its batch; blank
backs are set aside (shown with "显示已删除"), pages are typed by key, deleted and restored; the
unindexed tray takes a case number (an unknown one is refused, nothing changes); pages are moved,
rotated from their original and rescanned in place; QC badges and the case's completeness line
are on screen. Every step is checked in the database and on screen."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from sqlalchemy import select

from desk_app.store.models import Page, Proposal, ScanBatch
from desk_app.ui.scan_window import ScanWindow
from tests.scanning import helpers, synth

pytestmark = pytest.mark.scan_precondition


def _received_cases(store, n: int = 2) -> list[tuple[str, str]]:
    with store.reading() as s:
        rows = s.scalars(select(Proposal).where(Proposal.state == "RECEIVED").order_by(Proposal.case_no)).all()
        return [(p.id, p.case_no) for p in rows[:n]]


def _png(tmp_path, name: str, img: np.ndarray, dpi: int = 200) -> str:
    return str(helpers.png_file(tmp_path / name, img, dpi))


def _page(store, page_id: str) -> dict:
    with store.reading() as s:
        p = s.get(Page, page_id)
        return {c: getattr(p, c) for c in ("proposal_id", "doc_type", "seq", "sha256", "original_sha256", "rotation",
                                            "deleted", "width", "height", "qc_flags", "source_name")}


def _close(window) -> None:
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _texts(window) -> list[str]:
    return [window.strip.page_list.item(i).text() for i in range(window.strip.page_list.count())]


def _ids(window) -> list[str]:
    return [window.strip.page_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.strip.page_list.count())]


def _settled(qtbot, window, worker) -> None:
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=30_000)


def test_batch_list_blank_backs_types_delete_restore_and_the_tray(qtbot, demo_store, worker, actors, tmp_path):
    (pid, case_no), = _received_cases(demo_store, 1)
    paths = [_png(tmp_path, "p0.png", synth.render(synth.form_pdf("insured_list", seal=False), 200)),  # before the cover
             _png(tmp_path, "p1.png", synth.render(synth.form_pdf("cover", case_no=case_no), 200)),
             _png(tmp_path, "p2.png", synth.render(synth.form_pdf("insured_list"), 200)),
             _png(tmp_path, "p3.png", synth.render(synth.form_pdf("blank"), 200))]
    (tmp_path / "bad.jpg").write_text("不是图像", encoding="utf-8")
    window = ScanWindow(demo_store, worker, actors["scanner"])
    qtbot.addWidget(window)
    window.resize(1400, 820)
    window.show()
    _settled(qtbot, window, worker)
    assert window.batches.batch_list.item(0).text() == "未索引页面（0）"
    ticks = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    window.importer.import_files([*paths, str(tmp_path / "bad.jpg")])
    qtbot.waitUntil(lambda: window.strip.page_list.count() == 3 and window.batches.batch_list.count() == 2, timeout=120_000)
    timer.stop()
    _settled(qtbot, window, worker)
    assert len(ticks) > 10  # the GUI thread kept running its event loop meanwhile
    assert window.importer.progress.value() == window.importer.progress.maximum() == 5
    assert "bad.jpg" in window.status.text() and "1 页空白页已移除" in window.status.text()
    # The new batch is selected and listed under the tray; its unindexed page is counted.
    batches = window.batches.batch_list
    assert batches.currentRow() == 1 and "4 页" in batches.item(1).text() and "1 页未索引" in batches.item(1).text()
    assert batches.item(0).text() == "未索引页面（1）"
    texts = _texts(window)
    assert texts[0].startswith("未索引") and all(case_no in t for t in texts[1:]) and "封面" in texts[1]
    assert window.viewer.has_image()
    # Case completeness under the viewer for a page of the case (the cover is the current page here).
    window.strip.page_list.setCurrentRow(1)
    qtbot.waitUntil(lambda: case_no in window.case_line.text(), timeout=10_000)
    assert "缺少：投保单、被保险人清单" in window.case_line.text()

    # The blank back is set aside: shown (grey, "已删除") only with the toggle.
    window.strip.show_deleted.setChecked(True)
    qtbot.waitUntil(lambda: window.strip.page_list.count() == 4, timeout=10_000)
    assert "空白" in _texts(window)[3] and "已删除" in _texts(window)[3]
    window.strip.show_deleted.setChecked(False)
    qtbot.waitUntil(lambda: window.strip.page_list.count() == 3, timeout=10_000)

    # Key 2 types the selected page as the insured list; the completeness line follows.
    window.strip.page_list.setCurrentRow(2)
    page_id = _ids(window)[2]
    qtbot.keyClick(window.strip.page_list, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: "被保险人清单" in _texts(window)[2], timeout=10_000)
    assert _page(demo_store, page_id)["doc_type"] == "insured_list"
    qtbot.waitUntil(lambda: "被保险人清单 1 页" in window.case_line.text(), timeout=10_000)
    assert "缺少：投保单。" in window.case_line.text()

    # Delete: gone from the strip, kept in the store; shown again with the toggle and restored by Ctrl+U.
    qtbot.keyClick(window.strip.page_list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.strip.page_list.count() == 2, timeout=10_000)
    assert _page(demo_store, page_id)["deleted"]
    window.strip.show_deleted.setChecked(True)
    qtbot.waitUntil(lambda: window.strip.page_list.count() == 4, timeout=10_000)
    window.strip.page_list.setCurrentRow(_ids(window).index(page_id))
    assert "已删除" in window.strip.page_list.currentItem().text()
    qtbot.keyClick(window.strip.page_list, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已删除" not in _texts(window)[_ids(window).index(page_id)], timeout=10_000)
    assert not _page(demo_store, page_id)["deleted"]
    # Rotating a deleted page is refused, and nothing changes.
    blank_id = _ids(window)[3]
    before = _page(demo_store, blank_id)
    window.strip.page_list.setCurrentRow(3)
    qtbot.keyClick(window.strip.page_list, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.status_is_error(), timeout=10_000)
    assert "该页已删除，不能旋转" in window.status.text()
    assert _page(demo_store, blank_id) == before
    window.strip.show_deleted.setChecked(False)

    # The unindexed tray: the page before the cover sheet waits there.
    batches.setCurrentRow(0)
    qtbot.waitUntil(lambda: window.strip.page_list.count() == 1, timeout=10_000)
    orphan = _ids(window)[0]
    window.strip.page_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: "尚未归入案件" in window.case_line.text(), timeout=10_000)
    # An unknown number is refused in Chinese, nothing changes.
    window.strip.assign_edit.setFocus()
    qtbot.keyClicks(window.strip.assign_edit, "GZ9999NOSUCHCASE")
    qtbot.keyClick(window.strip.assign_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "找不到" in window.status.text(), timeout=10_000)
    assert window.status_is_error()
    assert "找不到案件号或投保单号为“GZ9999NOSUCHCASE”的案件" in window.status.text()
    assert _page(demo_store, orphan)["proposal_id"] is None and window.strip.page_list.count() == 1
    # The case number puts it in the case: it leaves the tray.
    window.strip.assign_edit.clear()
    qtbot.keyClicks(window.strip.assign_edit, case_no)
    qtbot.keyClick(window.strip.assign_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.strip.page_list.count() == 0, timeout=10_000)
    assert _page(demo_store, orphan)["proposal_id"] == pid
    assert f"已归入案件 {case_no}" in window.status.text()
    qtbot.waitUntil(lambda: batches.item(0).text() == "未索引页面（0）", timeout=10_000)
    _settled(qtbot, window, worker)
    window.grab().save(str(tmp_path / "scan.png"))
    _close(window)


def test_move_rotate_rescan_badges_and_completeness(qtbot, demo_store, worker, actors, tmp_path):
    with demo_store.reading() as s:  # a group case whose insured list needs more than one page
        pid, case_no, insured = s.execute(select(Proposal.id, Proposal.case_no, Proposal.insured_count).where(
            Proposal.state == "RECEIVED", Proposal.business_type == "GROUP", Proposal.insured_count > 25)
            .order_by(Proposal.case_no)).first()
    rng = np.random.default_rng(5)
    form = synth.render(synth.form_pdf("proposal"), 200)
    unsealed = synth.render(synth.form_pdf("proposal", seal=False), 200)
    blurred = synth.degrade(synth.render(synth.form_pdf("insured_list"), 200), rng, blur=4.0)
    paths = [_png(tmp_path, "a.png", form), _png(tmp_path, "b.png", unsealed), _png(tmp_path, "c.png", blurred)]
    window = ScanWindow(demo_store, worker, actors["scanner"])
    qtbot.addWidget(window)
    window.resize(1400, 820)
    window.show()
    window.importer.case_edit.setText(case_no)  # no cover sheet: the pages go to the case typed here
    window.importer.import_files(paths)
    qtbot.waitUntil(lambda: window.strip.page_list.count() == 3 and bool(window.batches.current_key()), timeout=120_000)
    _settled(qtbot, window, worker)
    a, b, c = _ids(window)
    assert "模糊" in _texts(window)[2]  # QC badge
    for row in (0, 1):
        window.strip.page_list.setCurrentRow(row)
        qtbot.keyClick(window.strip.page_list, Qt.Key.Key_1)
        _settled(qtbot, window, worker)
    assert "有公章" in _texts(window)[0] and "缺章" in _texts(window)[1] and "缺章" not in _texts(window)[0]
    qtbot.waitUntil(lambda: "缺章：投保单 第 2 页" in window.case_line.text(), timeout=10_000)
    assert "缺少：被保险人清单" in window.case_line.text()

    # Ctrl+Down moves the current page down: the order changes on screen and in the store.
    window.strip.page_list.setCurrentRow(0)
    qtbot.keyClick(window.strip.page_list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _ids(window) == [b, a, c], timeout=10_000)
    assert [_page(demo_store, x)["seq"] for x in (b, a, c)] == [1, 2, 3]
    assert window.strip.current_page_id() == a
    # Ctrl+Up on the first page is refused; nothing moves.
    window.strip.page_list.setCurrentRow(0)
    qtbot.keyClick(window.strip.page_list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.status_is_error(), timeout=10_000)
    assert "已在最前面" in window.status.text() and _ids(window) == [b, a, c]

    # Ctrl+R turns the page right, redone from the kept original: a new image, same original.
    window.strip.page_list.setCurrentRow(1)
    before = _page(demo_store, a)
    qtbot.keyClick(window.strip.page_list, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _page(demo_store, a)["sha256"] != before["sha256"], timeout=30_000)
    _settled(qtbot, window, worker)
    after = _page(demo_store, a)
    assert after["rotation"] == (before["rotation"] + 90) % 360
    assert (after["width"], after["height"]) == (before["height"], before["width"])
    assert after["original_sha256"] == before["original_sha256"] and after["seq"] == before["seq"]
    assert window.status.text() == "页面已向右旋转。" and window.strip.current_page_id() == a
    # Ctrl+L turns it back.
    qtbot.keyClick(window.strip.page_list, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _page(demo_store, a)["rotation"] == before["rotation"], timeout=30_000)
    _settled(qtbot, window, worker)

    # Rescan in place: the unsealed form replaced by a sealed scan keeps case, type and order.
    window.strip.page_list.setCurrentRow(0)
    old = _page(demo_store, b)
    window.strip.rescan_current(_png(tmp_path, "b-again.png", form))
    qtbot.waitUntil(lambda: _page(demo_store, b)["sha256"] != old["sha256"], timeout=60_000)
    _settled(qtbot, window, worker)
    new = _page(demo_store, b)
    assert new["original_sha256"] != old["original_sha256"] and new["source_name"] == "b-again.png"
    assert (new["proposal_id"], new["doc_type"], new["seq"]) == (pid, "proposal_form", 1)
    assert "缺章" not in _texts(window)[0] and "有公章" in _texts(window)[0]
    qtbot.waitUntil(lambda: "缺章" not in window.case_line.text(), timeout=10_000)

    # Typing the blurred page as the insured list completes the required types: the case is 扫描
    # SCANNED (finish_scan, its precondition met), and the line flags the short insured list.
    window.strip.page_list.setCurrentRow(2)
    qtbot.keyClick(window.strip.page_list, Qt.Key.Key_2)
    want = -(-insured // 25)
    qtbot.waitUntil(lambda: f"页数不足：被保险人清单 已扫描 1 页，应有 {want} 页" in window.case_line.text(),
                    timeout=10_000)
    assert "缺少" not in window.case_line.text() and "必需单证已齐" in window.case_line.text()
    with demo_store.reading() as s:
        assert s.get(Proposal, pid).state == "SCANNED"
    window.grab().save(str(tmp_path / "scan2.png"))
    with demo_store.reading() as s:
        assert s.scalar(select(ScanBatch.source).where(ScanBatch.id == window.batches.current_key())) == "file"
        assert "blur" in [code for code, _reason in json.loads(s.get(Page, c).qc_flags)]
    _close(window)


def test_the_window_lists_what_another_view_stored(qtbot, demo_store, worker, actors):
    """A batch stored elsewhere (another tab, through the same services and ops) reaches the
    scanning window by the change bus: its batch list and tray count follow without a reload."""
    from desk_app.core.scanning import service
    from desk_app.services import scanning
    from desk_app.ui import ops

    window = ScanWindow(demo_store, worker, actors["scanner"])
    qtbot.addWidget(window)
    window.show()
    _settled(qtbot, window, worker)
    assert window.batches.batch_list.count() == 1 and window.strip.page_list.count() == 0
    orphan = service.process_file("orphan.jpg", helpers.jpeg_bytes(synth.render(synth.form_pdf("proposal"), 150)))
    ops.run(worker, scanning.store_files, demo_store, actor=actors["scanner"], files=[orphan])
    qtbot.waitUntil(lambda: window.batches.batch_list.count() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: window.batches.batch_list.item(0).text() == "未索引页面（1）", timeout=10_000)
    qtbot.waitUntil(lambda: window.strip.page_list.count() == 1, timeout=10_000)  # the tray, shown
    assert _texts(window)[0].startswith("未索引")
    _close(window)
