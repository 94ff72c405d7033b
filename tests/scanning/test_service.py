"""Storing scanned pages: indexing by cover sheet and form barcode, the unindexed tray, seal
deficiencies, short documents, finish_scan, redo, delete/restore, encrypted content-addressed files."""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pytest
from sqlalchemy import func, select

from desk_app.core import workflow
from desk_app.core.errors import TransitionRefused
from desk_app.core.scanning import pipeline, service
from desk_app.services import scanning
from desk_app.store.models import Deficiency, Page, PageBlob, Proposal, SyncOutbox
from desk_app.sync.pages import SyncedPageFiles, page_files
from tests.scanning import helpers, synth


def received_case(store, min_insured: int = 1, max_insured: int = 60) -> tuple[str, str, str, int]:
    """A group case at the counter's stage with a head count in range: one of the demo's, else one
    taken in now through the counter's service (the demo's random head counts may all miss)."""
    with store.reading() as s:
        p = s.scalars(select(Proposal).where(Proposal.state == "RECEIVED", Proposal.business_type == "GROUP",
                                             Proposal.insured_count.between(min_insured, max_insured))
                      .order_by(Proposal.case_no)).first()
        if p is not None:
            return p.id, p.case_no, p.proposal_no, p.insured_count
    from desk_app.core import users
    from desk_app.services.intake import take_in
    from tests.intake.helpers import draft, request

    with store.reading() as s:
        clerk = users.actor_for(s, "clerk")
    n = max(min_insured, min(max_insured, 20))
    per_head = draft()
    lines = tuple(dataclasses.replace(line, sum_insured=line.sum_insured / per_head.insured_count * n,
                                      premium=line.premium / per_head.insured_count * n)
                  for line in per_head.products)
    d = draft(insured_count=n, products=lines, premium_total=sum(line.premium for line in lines))
    taken = take_in(store, actor=clerk, request=request(store, d), paper=False).value.result
    return taken.proposal_id, taken.case_no, taken.proposal_no, n


def stack(case_no: str, proposal_no: str, insured_pages: int, *, sealed: bool = True, dpi: int = 200,
          blank_backs: bool = False) -> bytes:
    """One multi-page TIFF as a duplex scanner writes it: cover, proposal form, insured list."""
    rng = np.random.default_rng(1)
    pages = [synth.render(synth.form_pdf("cover", case_no=case_no), dpi),
             synth.render(synth.form_pdf("proposal", proposal_no=proposal_no, seal=sealed), dpi)]
    pages += [synth.render(synth.form_pdf("insured_list", page_no=i + 1, seal=sealed or i > 0), dpi)
              for i in range(insured_pages)]
    if blank_backs:
        pages = [q for p in pages for q in (p, synth.render(synth.form_pdf("blank"), dpi))]
    pages = [synth.degrade(synth.skew(p, float(rng.uniform(-3, 3))), rng, noise=4) for p in pages]
    # Colour kept: a TIFF of RGB pages (the seal check needs the red).
    import io

    from PIL import Image

    imgs = [Image.fromarray(np.ascontiguousarray(p[:, :, ::-1])) for p in pages]
    buf = io.BytesIO()
    imgs[0].save(buf, "TIFF", save_all=True, append_images=imgs[1:], dpi=(dpi, dpi), compression="jpeg")
    return buf.getvalue()


def store_stack(store, actor, data: bytes, *, name: str = "scan.tif", case: str | None = None, fmt: str = "jpeg"):
    processed = service.process_file(name, data, fmt=fmt)
    return scanning.store_files(store, actor=actor, files=[processed], case=case).value


def test_cover_sheet_indexes_the_stack_and_the_case_becomes_scanned(demo_store, actors):
    pid, case_no, proposal_no, insured = received_case(demo_store, max_insured=25)
    out = store_stack(demo_store, actors["scanner"], stack(case_no, proposal_no, 1))
    assert [o.case_no for o in out] == [case_no] * 3
    assert [o.doc_type for o in out] == ["cover_sheet", "proposal_form", None]
    assert out[1].seal_found and out[2].seal_found
    # The operator types the insured list (key 2 in the window); the case is complete then.
    with demo_store.transaction() as s:
        assert s.get(Proposal, pid).state == "RECEIVED"
        service.assign_pages(s, actor=actors["scanner"], page_ids=[out[2].page_id], doc_type="insured_list")
    with demo_store.reading() as s:
        assert s.get(Proposal, pid).state == "SCANNED"
        assert [e.action for e in workflow.history(s, pid)][-1] == "finish_scan"
        assert s.scalar(select(func.count()).select_from(Deficiency).where(
            Deficiency.proposal_id == pid, Deficiency.status == "open", Deficiency.code.like("scan.%"))) == 0


def test_finish_scan_refused_for_everyone_until_required_types_have_pages(demo_store, actors):
    pid, case_no, proposal_no, _ = received_case(demo_store)
    with demo_store.transaction() as s, pytest.raises(TransitionRefused) as err:
        workflow.perform(s, actor=actors["scanner"], proposal_id=pid, action="finish_scan")
    assert "投保单" in err.value.message and "被保险人清单" in err.value.message


def test_missing_seal_and_short_insured_list_become_deficiencies(demo_store, actors):
    pid, case_no, proposal_no, insured = received_case(demo_store, min_insured=26, max_insured=300)
    out = store_stack(demo_store, actors["scanner"], stack(case_no, proposal_no, 1, sealed=False))
    assert not out[1].seal_found and not out[2].seal_found
    with demo_store.transaction() as s:
        service.assign_pages(s, actor=actors["scanner"], page_ids=[out[2].page_id], doc_type="insured_list")
    with demo_store.reading() as s:
        defs = {d.code: d for d in s.scalars(select(Deficiency).where(Deficiency.proposal_id == pid))}
        assert defs["scan.seal.proposal_form"].label == "投保单未加盖单位公章"
        assert defs["scan.seal.insured_list"].note == "缺章页：第1页"
        want = math.ceil(insured / service.INSURED_ROWS_PER_PAGE)
        assert defs["scan.short.insured_list"].note == f"已扫描 1 页，应有 {want} 页"
        # Complete by type (so SCANNED), with the deficiencies open for the problem-case work.
        assert s.get(Proposal, pid).state == "SCANNED"
    # A rescan in place of the unsealed form resolves its deficiency.
    sealed = service.process_file("form.png", helpers.jpeg_bytes(
        synth.render(synth.form_pdf("proposal", proposal_no=proposal_no), 200)))
    with demo_store.transaction() as s:
        service.redo_page(s, SyncedPageFiles(demo_store), actor=actors["scanner"], page_id=out[1].page_id,
                          replacement=sealed.pages[0])
    with demo_store.reading() as s:
        d = s.scalar(select(Deficiency).where(Deficiency.proposal_id == pid,
                                              Deficiency.code == "scan.seal.proposal_form"))
        assert d.status == "resolved"
        page = s.get(Page, out[1].page_id)
        assert page.seal_found and page.seq == 2 and page.doc_type == "proposal_form"


def test_pages_without_a_case_go_to_the_unindexed_tray_and_are_assigned(demo_store, actors):
    pid, case_no, proposal_no, _ = received_case(demo_store)
    page = synth.render(synth.form_pdf("insured_list"), 200)
    out = store_stack(demo_store, actors["scanner"], helpers.jpeg_bytes(page), name="loose.jpg")
    assert out[0].case_no is None
    with demo_store.transaction() as s:
        assert out[0].page_id in service.unindexed(s)
        service.assign_pages(s, actor=actors["scanner"], page_ids=[out[0].page_id], case=case_no,
                             doc_type="insured_list")
    with demo_store.reading() as s:
        assert out[0].page_id not in service.unindexed(s)
        assert service.case_scan(s, pid).pages_by_type == {"insured_list": 1}


def test_given_case_and_blank_backs_dropped_but_recoverable(demo_store, actors):
    pid, case_no, proposal_no, _ = received_case(demo_store)
    data = stack(case_no, proposal_no, 1, blank_backs=True)
    out = store_stack(demo_store, actors["scanner"], data, case=proposal_no)
    assert [o.blank for o in out] == [False, True] * 3
    with demo_store.reading() as s:
        rows = s.scalars(select(Page).where(Page.proposal_id == pid).order_by(Page.seq)).all()
        assert [r.deleted for r in rows] == [False, True] * 3
    with demo_store.transaction() as s:
        service.set_deleted(s, actor=actors["scanner"], page_id=out[1].page_id, deleted=False)
    with demo_store.reading() as s:
        assert not s.get(Page, out[1].page_id).deleted


def test_files_are_encrypted_content_addressed_and_captured_for_sync(demo_store, actors):
    pid, case_no, proposal_no, _ = received_case(demo_store)
    data = stack(case_no, proposal_no, 1)
    out = store_stack(demo_store, actors["scanner"], data, fmt="tiff")
    files = page_files(demo_store)
    for o in out:
        stored = files.get(o.sha256)
        assert stored[:4] in (b"II*\x00", b"MM\x00*") and len(stored) == o.size
    root = demo_store.path.parent / "files"
    for f in root.rglob("*"):
        if f.is_file():
            head = f.read_bytes()[:8]
            assert not head.startswith((b"II*\x00", b"MM\x00*", b"\xff\xd8\xff", b"\x89PNG"))
    with demo_store.reading() as s:
        page = s.get(Page, out[0].page_id)
        blobs = {b.sha256 for b in s.scalars(select(PageBlob))}
        assert page.sha256 in blobs and page.original_sha256 in blobs
        assert files.get(page.original_sha256) == data  # the original, untouched
        outbox = {r.table_name for r in s.scalars(select(SyncOutbox).where(SyncOutbox.acked_at.is_(None)))}
        assert {"pages", "scan_batches", "page_blobs"} <= outbox
        steps = [st["step"] for st in json.loads(page.steps)]
        assert steps[:2] == ["deskew", "orientation"] and "seal" in steps and "barcodes" in steps


def test_redo_with_a_forced_rotation_from_the_original(demo_store, actors):
    pid, case_no, proposal_no, _ = received_case(demo_store)
    out = store_stack(demo_store, actors["scanner"], stack(case_no, proposal_no, 1))
    with demo_store.transaction() as s:
        r = service.redo_page(s, SyncedPageFiles(demo_store), actor=actors["scanner"], page_id=out[2].page_id,
                              overrides=pipeline.Overrides(rotation=90))
    assert r.rotation == 90 and r.sha256 != out[2].sha256
    with demo_store.reading() as s:
        page = s.get(Page, out[2].page_id)
        assert page.sha256 == r.sha256 and page.rotation == 90
        assert page.width > page.height  # turned a quarter: landscape now
