"""The operator's page edits the scanning window calls: move among the batch's live pages, rotate
from the kept original, rescan in place (the rescan becomes the original), the batch list and the
tray; refusals (a deleted page, the first page moved up, a many-page rescan) change nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk_app.core.errors import InvalidInput
from desk_app.core.scanning import service
from desk_app.services import scanning
from desk_app.store.models import Page, Proposal
from desk_app.sync.pages import SyncedPageFiles
from tests.scanning import helpers, synth

COLUMNS = ("proposal_id", "doc_type", "seq", "sha256", "original_sha256", "rotation", "deleted", "source_name")


def _row(store, page_id: str) -> tuple:
    with store.reading() as s:
        p = s.get(Page, page_id)
        return tuple(getattr(p, c) for c in COLUMNS)


@pytest.fixture
def batch(demo_store, actors):
    """Three pages of one batch: an orphan before the cover sheet, the cover of a case, a form."""
    with demo_store.reading() as s:
        case_no = s.scalars(select(Proposal.case_no).where(Proposal.state == "RECEIVED")
                            .order_by(Proposal.case_no)).first()
    pages = [synth.render(synth.form_pdf("insured_list", seal=False), 150),
             synth.render(synth.form_pdf("cover", case_no=case_no), 150),
             synth.render(synth.form_pdf("proposal"), 150)]
    files = [service.process_file(f"p{i}.jpg", helpers.jpeg_bytes(p, 85)) for i, p in enumerate(pages)]
    out = scanning.store_files(demo_store, actor=actors["scanner"], files=files).value
    return [o.page_id for o in out], case_no


def test_move_rotate_rescan_and_listings(demo_store, actors, batch):
    (orphan, cover, form), case_no = batch
    files, scanner = SyncedPageFiles(demo_store), actors["scanner"]
    with demo_store.reading() as s:
        batches = service.recent_batches(s)
        assert batches[0].page_count == 3 and batches[0].unindexed == 1 and batches[0].scanned_by == "扫描员 吴强"
        assert [o.page_id for o in service.tray_pages(s)] == [orphan]
        assert [o.page_id for o in service.batch_pages(s, batches[0].batch_id)] == [orphan, cover, form]

    with demo_store.transaction() as s:
        service.set_deleted(s, actor=scanner, page_id=cover, deleted=True)
        # Moving the form up skips the deleted cover: it lands before it, first among live pages.
        assert service.move_page(s, actor=scanner, page_id=form, step=-1) == [form, cover, orphan]
    with demo_store.reading() as s:
        live = service.batch_pages(s, batches[0].batch_id)
        every = service.batch_pages(s, batches[0].batch_id, include_deleted=True)
        assert [o.page_id for o in live] == [form, orphan]
        assert [(o.page_id, o.deleted) for o in every] == [(form, False), (cover, True), (orphan, False)]

    before = {p: _row(demo_store, p) for p in (orphan, cover, form)}
    for what, call in (("已在最前面", lambda s: service.move_page(s, actor=scanner, page_id=form, step=-1)),
                       ("不能调整顺序", lambda s: service.move_page(s, actor=scanner, page_id=cover, step=1)),
                       ("不能旋转", lambda s: service.rotate_page(s, files, actor=scanner, page_id=cover, quarter=90)),
                       ("不能重扫", lambda s: service.rescan_page(
                           s, files, actor=scanner, page_id=cover,
                           file=service.process_file("x.jpg", helpers.jpeg_bytes(synth.render(
                               synth.form_pdf("proposal"), 100)))))):
        with pytest.raises(InvalidInput) as err, demo_store.transaction() as s:
            call(s)
        assert what in err.value.message
    assert {p: _row(demo_store, p) for p in (orphan, cover, form)} == before  # refusals change nothing

    # Rotate from the kept original: a quarter right, then back left.
    with demo_store.transaction() as s:
        turned = service.rotate_page(s, files, actor=scanner, page_id=form, quarter=90)
    after = _row(demo_store, form)
    assert turned.rotation == (before[form][5] + 90) % 360 == after[5]
    assert after[3] != before[form][3] and after[4] == before[form][4] and after[2] == before[form][2]
    with demo_store.transaction() as s:
        service.rotate_page(s, files, actor=scanner, page_id=form, quarter=-90)
    assert _row(demo_store, form)[5] == before[form][5]

    # A many-page file is no rescan of one page.
    two = helpers.multipage_tiff([synth.render(synth.form_pdf("proposal"), 100)] * 2, 100)
    with pytest.raises(InvalidInput) as err, demo_store.transaction() as s:
        service.rescan_page(s, files, actor=scanner, page_id=orphan, file=service.process_file("two.tif", two))
    assert "有 2 页" in err.value.message and _row(demo_store, orphan) == before[orphan]

    # Rescan in place: the new file is the page's original; case, type, order stay.
    new_file = service.process_file("again.jpg", helpers.jpeg_bytes(synth.render(synth.form_pdf("blank"), 150)))
    with demo_store.transaction() as s:
        service.assign_pages(s, actor=scanner, page_ids=[orphan], case=case_no, doc_type="insured_list")
        service.rescan_page(s, files, actor=scanner, page_id=orphan, file=new_file)
    row = _row(demo_store, orphan)
    assert row[7] == "again.jpg" and row[4] != before[orphan][4] and row[3] != before[orphan][3]
    assert row[1:3] == ("insured_list", before[orphan][2]) and row[0] is not None
    assert files.get(row[4]) == new_file.original
    with demo_store.reading() as s:
        assert service.tray_pages(s) == [] and service.recent_batches(s)[0].unindexed == 0
