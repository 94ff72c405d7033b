"""The scanning station's services, as the window and the command line call them: each action
commits on its own and says what it changed; a refused action changes nothing; the reads give
the window plain values (batches, pages, page files, a case's completeness)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk_app.core.errors import InvalidInput, NotFound
from desk_app.core.scanning import service
from desk_app.services import scanning
from desk_app.services.changes import Changes
from desk_app.store.models import Page, Proposal
from tests.scanning import helpers, synth
from tests.scanning.test_service import received_case


def _pages(store) -> dict[str, tuple]:
    with store.reading() as s:
        return {p.id: (p.proposal_id, p.doc_type, p.seq, p.sha256, p.deleted) for p in s.scalars(select(Page))}


def test_process_files_reports_each_file_and_keeps_the_readable_ones(tmp_path):
    good = helpers.png_file(tmp_path / "form.png", synth.render(synth.form_pdf("proposal"), 150), 150)
    (tmp_path / "bad.jpg").write_text("不是图像", encoding="utf-8")
    ticks: list[tuple[int, int]] = []
    files, errors = scanning.process_files([good, tmp_path / "bad.jpg", tmp_path / "missing.png"], workers=2,
                                           progress=lambda done, total: ticks.append((done, total)))
    assert [f.name for f in files] == ["form.png"] and len(files[0].pages) == 1
    assert len(errors) == 2 and any("missing.png" in e for e in errors) and any("bad.jpg" in e for e in errors)
    assert len(ticks) == 3 and ticks[-1] == (3, 3)


@pytest.fixture
def stored(demo_store, actors):
    """A batch: a page before the cover sheet (to the tray), the cover of a case, its proposal form."""
    pid, case_no, _proposal_no, _n = received_case(demo_store)
    images = [synth.render(synth.form_pdf("insured_list", seal=False), 150),
              synth.render(synth.form_pdf("cover", case_no=case_no), 150),
              synth.render(synth.form_pdf("proposal"), 150)]
    files = [service.process_file(f"p{i}.jpg", helpers.jpeg_bytes(img, 85)) for i, img in enumerate(images)]
    done = scanning.store_files(demo_store, actor=actors["scanner"], files=files)
    assert done.changes.pages and done.changes.queues
    return pid, case_no, files, done.value


def test_reads_for_the_window(demo_store, stored):
    pid, case_no, files, (orphan, cover, form) = stored
    listed = scanning.batches(demo_store)
    assert listed.unindexed == 1 and listed.recent[0].page_count == 3 and listed.recent[0].unindexed == 1
    assert [o.page_id for o in scanning.pages(demo_store, None)] == [orphan.page_id]
    assert [o.page_id for o in scanning.pages(demo_store, orphan.batch_id)] == [orphan.page_id, cover.page_id,
                                                                               form.page_id]
    assert scanning.page_image(demo_store, form.sha256) == files[2].pages[0].data
    line = scanning.case_completeness(demo_store, pid)
    assert (line.case_no, line.state, line.scan.proposal_id) == (case_no, "RECEIVED", pid)
    assert line.scan.missing_types and not line.scan.complete


def test_typing_and_assigning_complete_the_case_and_say_the_queues_changed(demo_store, actors, stored):
    pid, case_no, _files, (orphan, _cover, form) = stored
    scanner = actors["scanner"]
    done = scanning.set_doc_type(demo_store, actor=scanner, page_ids=[form.page_id], doc_type="proposal_form")
    assert done.changes == Changes(cases=True, queues=True, pages=True, sync=True)
    before = _pages(demo_store)
    with pytest.raises(NotFound):
        scanning.assign_to_case(demo_store, actor=scanner, page_ids=[orphan.page_id], case="GZ9999NOSUCHCASE")
    assert _pages(demo_store) == before
    assert scanning.assign_to_case(demo_store, actor=scanner, page_ids=[orphan.page_id], case=case_no).value == case_no
    scanning.set_doc_type(demo_store, actor=scanner, page_ids=[orphan.page_id], doc_type="insured_list")
    assert scanning.batches(demo_store).unindexed == 0
    with demo_store.reading() as s:
        assert s.get(Proposal, pid).state == "SCANNED"  # every required type has pages: finish_scan ran


def test_page_edits_commit_whole_or_not_at_all(demo_store, actors, stored):
    _pid, _case_no, _files, (orphan, cover, form) = stored
    scanner = actors["scanner"]
    before = _pages(demo_store)
    # One unknown page among the deleted: nothing is deleted.
    with pytest.raises(NotFound):
        scanning.set_deleted(demo_store, actor=scanner, page_ids=[orphan.page_id, "no-such-page"], deleted=True)
    assert _pages(demo_store) == before
    with pytest.raises(InvalidInput):
        scanning.move_page(demo_store, actor=scanner, page_id=orphan.page_id, step=-1)
    assert _pages(demo_store) == before

    moved = scanning.move_page(demo_store, actor=scanner, page_id=form.page_id, step=-1)
    assert moved.value == [orphan.page_id, form.page_id, cover.page_id] and moved.changes.pages
    assert not moved.changes.queues
    turned = scanning.rotate_page(demo_store, actor=scanner, page_id=form.page_id, quarter=90)
    assert turned.value.rotation == (form.rotation + 90) % 360 and turned.value.sha256 != form.sha256
    assert turned.changes.pages and turned.changes.cases and not turned.changes.queues
    assert _pages(demo_store)[form.page_id][3] == turned.value.sha256
    deleted = scanning.set_deleted(demo_store, actor=scanner, page_ids=[orphan.page_id], deleted=True)
    assert deleted.changes.pages and _pages(demo_store)[orphan.page_id][4]
    assert scanning.pages(demo_store, None) == ()


def test_rescan_replaces_the_page_in_place(demo_store, actors, stored):
    pid, _case_no, _files, (_orphan, cover, form) = stored
    rescan = service.process_file("again.jpg", helpers.jpeg_bytes(synth.render(synth.form_pdf("proposal"), 150), 90))
    before = _pages(demo_store)[form.page_id]
    done = scanning.rescan_page(demo_store, actor=actors["scanner"], page_id=form.page_id, file=rescan)
    after = _pages(demo_store)[form.page_id]
    assert done.value.source_name == "again.jpg" and after[3] == done.value.sha256 != before[3]
    assert after[:3] == before[:3]  # case, type and order stay
    assert scanning.page_image(demo_store, done.value.sha256) == rescan.pages[0].data
    two = service.process_file("two.tif", helpers.multipage_tiff(
        [synth.render(synth.form_pdf("proposal"), 100)] * 2, 100))
    with pytest.raises(InvalidInput):
        scanning.rescan_page(demo_store, actor=actors["scanner"], page_id=cover.page_id, file=two)
    assert _pages(demo_store)[form.page_id] == after
