"""A referred case goes up with everything the branch holds on it: scanned pages (their batch,
scanner and files), deficiencies, not only the proposal and its events."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from desk_app.core.scanning import service
from desk_app.store.models import Deficiency, Page, PageBlob, Proposal, ScanBatch
from desk_app.sync.pages import SyncedPageFiles
from tests.e2e.world import UW_PATH, make_site
from tests.scanning import helpers, synth
from tests.server.harness import new_server_db, running_server


def count(site, model, pid: str) -> int:  # noqa: ANN001
    with site.store.reading() as s:
        col = model.proposal_id if hasattr(model, "proposal_id") else None
        return s.scalar(select(func.count()).select_from(model).where(col == pid)) if col is not None else \
            s.scalar(select(func.count()).select_from(model))


def test_a_scanned_case_referred_up_arrives_whole_at_the_province(tmp_path: Path) -> None:
    db_url = new_server_db("sqlite", tmp_path, None)
    with running_server(db_url, tmp_path) as srv:
        a = make_site(tmp_path, srv.url, db_url, "GD0101", "广州分公司")
        prov = make_site(tmp_path, srv.url, db_url, "GD", "广东省分公司", province=True)
        pid = a.new_case(1)
        with a.store.reading() as s:
            case_no = s.get(Proposal, pid).case_no
        files = [service.process_file(f"p{i}.jpg", helpers.jpeg_bytes(synth.render(synth.form_pdf(kind, seal=False), 150)))
                 for i, kind in enumerate(("proposal", "insured_list"))]
        with a.store.transaction() as s:
            out = service.store_batch(s, SyncedPageFiles(a.store), actor=a.actor("scanner"), files=files, case=case_no)
            ids = [o.page_id for o in out]
            service.assign_pages(s, actor=a.actor("scanner"), page_ids=ids[:1], doc_type="proposal_form")
            service.assign_pages(s, actor=a.actor("scanner"), page_ids=ids[1:], doc_type="insured_list")
        assert a.cases()[pid] == "SCANNED"  # typing the required documents finished the scan
        for step in [*UW_PATH[1:], "refer"]:
            a.step(pid, step, "保额超出分公司权限" if step == "refer" else "")
        a.sync()
        prov.sync()
        assert prov.cases().get(pid) == "REFERRED"
        assert count(prov, Page, pid) == count(a, Page, pid) == 2
        with prov.store.reading() as s:
            batch_ids = set(s.scalars(select(Page.batch_id).where(Page.proposal_id == pid)))
            assert batch_ids and all(s.get(ScanBatch, b) is not None for b in batch_ids)
            shas = list(s.scalars(select(Page.sha256).where(Page.proposal_id == pid)))
            assert all(s.scalar(select(func.count()).select_from(PageBlob).where(PageBlob.sha256 == h)) for h in shas)
        assert count(prov, Deficiency, pid) == count(a, Deficiency, pid)
