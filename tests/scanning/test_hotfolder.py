"""The hot folder: a file written slowly in pieces is imported once, whole; bad files go to failed/."""

from __future__ import annotations

import hashlib
import os

from sqlalchemy import func, select

from desk_app.core.scanning import hotfolder
from desk_app.services.scanning import import_hot_file
from desk_app.store.models import Page, ScanBatch
from desk_app.sync.pages import page_files
from tests.scanning import helpers, synth
from tests.scanning.test_service import received_case, stack


def handler(store, actor):
    """The command line's hot-folder handler: the real service, printing nothing."""
    def handle(name: str, data: bytes, digest: str) -> bool:
        return import_hot_file(store, actor=actor, name=name, data=data, digest=digest).value is not None
    return handle


def test_slow_writer_file_imported_once_and_whole(demo_store, actors, tmp_path):
    """A scanner writing a file in eight pieces, a poll between each: nothing is taken while the
    file keeps changing, even with long pauses shorter than the settle time; it is taken once,
    whole, when it has stood still for the settle time. Time is the monotonic reading handed to
    the poll, so the outcome does not depend on the machine's speed."""
    _pid, case_no, proposal_no, _ = received_case(demo_store)
    data = stack(case_no, proposal_no, 2)
    folder = tmp_path / "hot"
    folder.mkdir()
    target = folder / "scan0001.tif"
    state = hotfolder.FolderState()
    handle = handler(demo_store, actors["scanner"])
    settle, clock_s, taken = 2.0, 1000.0, []
    step = len(data) // 8 + 1
    with open(target, "wb") as f:
        for i in range(0, len(data), step):
            f.write(data[i:i + step])
            f.flush()
            os.utime(target, ns=(int(clock_s * 1e9), int(clock_s * 1e9)))  # each piece a new mtime
            taken += hotfolder.poll_once(folder, state, handle, settle=settle, now=clock_s)
            clock_s += settle * 0.9  # a pause, but shorter than the settle time
            taken += hotfolder.poll_once(folder, state, handle, settle=settle, now=clock_s)
            clock_s += 0.05
    assert taken == [] and target.exists()
    taken += hotfolder.poll_once(folder, state, handle, settle=settle, now=clock_s + settle)
    for k in range(5):  # more rounds: nothing left to take
        taken += hotfolder.poll_once(folder, state, handle, settle=0.0, now=clock_s + settle + k)
    assert taken == [hotfolder.Taken("scan0001.tif", "done")]
    assert (folder / "done" / "scan0001.tif").read_bytes() == data and not target.exists()
    with demo_store.reading() as s:
        assert s.scalar(select(func.count()).select_from(ScanBatch)
                        .where(ScanBatch.source == "hot_folder")) == 1
        pages = s.scalars(select(Page).where(Page.source_name == "scan0001.tif")).all()
        assert len(pages) == 4
        assert {p.original_sha256 for p in pages} == {hashlib.sha256(data).hexdigest()}
    assert page_files(demo_store).get(pages[0].original_sha256) == data


def test_same_file_after_a_crash_before_the_move_is_not_imported_again(demo_store, actors, tmp_path):
    folder = tmp_path / "hot"
    folder.mkdir()
    data = helpers.jpeg_bytes(synth.render(synth.form_pdf("insured_list"), 150))
    handle = handler(demo_store, actors["scanner"])
    (folder / "a.jpg").write_bytes(data)
    state = hotfolder.FolderState()
    hotfolder.ready_files(folder, state, settle=0)
    assert hotfolder.poll_once(folder, state, handle, settle=0) == [hotfolder.Taken("a.jpg", "done")]
    (folder / "a.jpg").write_bytes(data)  # as if the move had not happened
    hotfolder.ready_files(folder, state, settle=0)
    assert hotfolder.poll_once(folder, state, handle, settle=0) == [hotfolder.Taken("a.jpg", "already")]
    with demo_store.reading() as s:
        assert s.scalar(select(func.count()).select_from(Page).where(Page.source_name == "a.jpg")) == 1


def test_unreadable_file_moves_to_failed_with_its_reason(demo_store, actors, tmp_path):
    folder = tmp_path / "hot"
    folder.mkdir()
    (folder / "notes.jpg").write_text("不是图像\n", encoding="utf-8")
    (folder / "partial.tif.part").write_bytes(b"II*\x00")  # still being written: left alone
    state = hotfolder.FolderState()
    hotfolder.ready_files(folder, state, settle=0)
    taken = hotfolder.poll_once(folder, state, handler(demo_store, actors["scanner"]), settle=0)
    assert [t.outcome for t in taken] == ["failed"]
    assert "不是可识别的图像" in (folder / "failed" / "notes.jpg.reason.txt").read_text(encoding="utf-8")
    assert (folder / "partial.tif.part").exists()


def test_done_files_are_cleared_after_their_keep_days_and_failed_ones_stay(tmp_path):
    """The originals are in the encrypted page store: done/ must not become a plaintext archive."""
    folder = tmp_path / "hot"
    (folder / "done").mkdir(parents=True)
    (folder / "failed").mkdir()
    old, fresh, bad = folder / "done" / "old.jpg", folder / "done" / "fresh.jpg", folder / "failed" / "bad.jpg"
    for f in (old, fresh, bad):
        f.write_bytes(b"scan")
    now = fresh.stat().st_ctime  # the file system's clock, which time travel does not move
    assert hotfolder.purge_done(folder, keep_days=7, now=now) == []
    assert hotfolder.purge_done(folder, keep_days=7, now=now + 8 * 86400) == ["fresh.jpg", "old.jpg"]
    assert not old.exists() and not fresh.exists() and bad.exists()
    assert hotfolder.purge_done(tmp_path / "nowhere") == []


def test_empty_unreadable_and_cut_short_files_each_end_in_failed_once_with_a_reason(demo_store, actors, tmp_path):
    import os
    import sys

    folder = tmp_path / "hot"
    folder.mkdir()
    scan = synth.pdf_of(synth.render(synth.form_pdf("insured_list"), 100), 100)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "half.pdf").write_bytes(scan[: len(scan) // 2])  # the scanner stopped writing
    (folder / "cut.jpg").write_bytes(helpers.jpeg_bytes(synth.render(synth.form_pdf("cover"), 100))[:7000])
    if sys.platform.startswith("linux"):
        # A file the OS will not read even for root: a regular file (to stat) whose read fails (EIO).
        os.symlink("/proc/self/mem", folder / "unreadable.jpg")
    handle = handler(demo_store, actors["scanner"])
    state = hotfolder.FolderState()
    taken = []
    for _ in range(4):  # several passes: each file is taken, refused and reported once
        taken += hotfolder.poll_once(folder, state, handle, settle=0)
    reasons = {t.name: t.reason for t in taken}
    assert sorted(t.name for t in taken) == sorted(reasons) and {t.outcome for t in taken} == {"failed"}
    assert "空文件" in reasons.pop("empty.pdf")
    assert "不完整" in reasons.pop("half.pdf") and "不完整" in reasons.pop("cut.jpg")
    if sys.platform.startswith("linux"):
        assert reasons.pop("unreadable.jpg") == "无法读取文件“unreadable.jpg”（磁盘或网络读写出错），未导入。"
    assert reasons == {}
    assert sorted(p.name for p in folder.iterdir() if not p.is_dir()) == []
    for t in taken:
        assert (folder / "failed" / f"{t.name}.reason.txt").read_text(encoding="utf-8") == t.reason + "\n"
    with demo_store.reading() as s:
        assert s.scalar(select(func.count()).select_from(ScanBatch).where(ScanBatch.source == "hot_folder")) == 0


def test_an_empty_file_waits_longer_than_a_written_one(tmp_path):
    """A scanner may create its file before it writes the first page: an empty file is taken only
    after ten times the settle time."""
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "page.jpg").write_bytes(b"\xff\xd8\xff")
    state = hotfolder.FolderState()
    assert hotfolder.ready_files(tmp_path, state, settle=2, now=100.0) == []
    assert [p.name for p in hotfolder.ready_files(tmp_path, state, settle=2, now=102.0)] == ["page.jpg"]
    assert [p.name for p in hotfolder.ready_files(tmp_path, state, settle=2, now=119.0)] == ["page.jpg"]
    assert [p.name for p in hotfolder.ready_files(tmp_path, state, settle=2, now=120.0)] == ["empty.pdf", "page.jpg"]
