"""The referral round trip, branch → provincial office → branch, through a real `sync-server`
process over HTTP, with real encrypted stores on both desks.

At the branch two scanned group cases are keyed twice and validated; their total sum insured is
above the branch underwriter's authority, so the underwriter's approval is refused and they are
referred, each with its referral packet. The provincial office's desk sees them in its queue, reads
the packet (the branch's own bytes, its pages included), issues one and declines the other. Back at
the branch the first case is ISSUED under the province's decision and policy number, waiting for
contract printing; the second is DECLINED; the branch's own numbering goes on undisturbed.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from desk_app import clock
from desk_app.core.errors import TransitionRefused
from desk_app.core.roles import Role
from desk_app.core.scanning import service
from desk_app.services import cases, referral
from desk_app.services import underwriting as uw
from desk_app.store.models import Proposal, SyncConflict
from desk_app.sync.pages import SyncedPageFiles
from desk_app.sync.state import read_status
from tests.e2e.world import Site, make_site
from tests.problems.helpers import good_values, import_insured, key_pass, state_of
from tests.problems.test_full_loop import pdf_fonts
from tests.scanning import helpers, synth
from tests.server.harness import new_server_db, running_server


def scanned(site: Site, n: int) -> str:
    """A new case at the branch with its proposal form and insured list scanned, sealed (so SCANNED)."""
    pid = site.new_case(n)
    with site.store.reading() as s:
        case_no = s.get(Proposal, pid).case_no
    files = [service.process_file(f"{kind}.jpg", helpers.jpeg_bytes(synth.render(synth.form_pdf(kind, seal=True), 200)))
             for kind in ("proposal", "insured_list")]
    with site.store.transaction() as s:
        out = service.store_batch(s, SyncedPageFiles(site.store), actor=site.actor("scanner"), files=files,
                                  case=case_no)
        service.assign_pages(s, actor=site.actor("scanner"), page_ids=[out[0].page_id], doc_type="proposal_form")
        service.assign_pages(s, actor=site.actor("scanner"), page_ids=[out[1].page_id], doc_type="insured_list")
    assert state_of(site.store, pid) == "SCANNED"
    return pid


def keyed(site: Site, pid: str, employees: int) -> None:
    """Both entry passes of the case alike, its insured list imported: compared and validated."""
    import_insured(site.store, pid, site.actor("clerk").user_id, employees)
    values = good_values(employees)
    key_pass(site.store, site.actor("entry1"), pid, values)
    key_pass(site.store, site.actor("entry2"), pid, values)


def no_conflicts(site: Site) -> None:
    with site.store.reading() as s:
        refused = [(c.table_name, c.losing_org, c.rule, c.losing_payload[:300]) for c in s.scalars(select(SyncConflict))]
        assert refused == [], refused
    assert read_status(site.store).pending == 0


def test_a_referred_case_goes_up_is_decided_at_the_province_and_continues_at_the_branch(tmp_path: Path) -> None:
    db_url = new_server_db("sqlite", tmp_path, None)
    year = clock.today().year
    with running_server(db_url, tmp_path) as srv:
        a = make_site(tmp_path, srv.url, db_url, "GD0101", "广州分公司")
        prov = make_site(tmp_path, srv.url, db_url, "GD", "广东省分公司", province=True)
        underwriter, decider = a.actor("uw"), prov.actor("prov")

        # The branch: two cases of 20 employees at 400,000 a head (8,000,000 in all) keyed and
        # validated; the level-2 underwriter may approve up to 2,000,000 and must refer them.
        issued_pid, declined_pid = scanned(a, 1), scanned(a, 2)
        for pid in (issued_pid, declined_pid):
            keyed(a, pid, 20)
            assert state_of(a.store, pid) == "VALIDATED"
            with pytest.raises(TransitionRefused, match="超出您的核保权限"):
                uw.decide(a.store, actor=underwriter, proposal_id=pid, decision="standard", reason="同意")
            done = uw.refer(a.store, actor=underwriter, proposal_id=pid, reason="总保额 800 万元，超出分公司核保权限")
            assert done.value.state == "REFERRED"
        branch_packet = referral.referral_packet(a.store, issued_pid)
        assert branch_packet.startswith(b"%PDF")

        # The branch's own numbering: a small case (4 employees, 1,600,000) is accepted at once.
        small = a.new_case(3)
        a.step(small, "finish_scan")
        keyed(a, small, 4)
        own_no = uw.policy_number(a.store, proposal_id=small)
        assert state_of(a.store, small) == "ISSUED" and own_no == f"GD0101{year}0000001"

        a.sync()
        prov.sync()

        # The provincial office: the referred cases of its branch, with the reason and the packet.
        queue = referral.referred_queue(prov.store, actor=decider)
        assert {q.proposal_id for q in queue} == {issued_pid, declined_pid}
        assert all(q.branch_code == "GD0101" and q.has_packet and q.referred_by == "uw GD0101"
                   and "超出分公司核保权限" in q.reason for q in queue)
        assert {r.proposal_id for r in uw.queue(prov.store, actor=decider)} == {issued_pid, declined_pid}
        assert referral.referred_queue(prov.store, actor=prov.actor("clerk")) == []
        pdf = referral.referral_packet(prov.store, issued_pid)
        assert pdf == branch_packet, "the province reads the very packet the branch made"
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        for expected in ("核保上报材料", "总保额超限", "8,000,000.00", "超出分公司核保权限", "uw GD0101", "共 2 页"):
            assert expected in text, expected
        assert all(embedded for _name, embedded in pdf_fonts(pdf))
        doc = pdfium.PdfDocument(pdf)
        try:
            assert len(doc) >= 3
            image = doc[len(doc) - 1].render(scale=60 / 72, grayscale=True).to_pil()
        finally:
            doc.close()
        dark = float((np.asarray(image) < 128).mean())
        assert 0.005 < dark < 0.5, "the last page carries the scanned insured list"
        seen = uw.show(prov.store, actor=decider, proposal_id=issued_pid)
        assert seen.may_decide and not seen.refusal and [i.issue_type for i in seen.issues] == ["TOTAL_SUM"]

        # ...decides them: one issued at standard terms, one declined.
        out = uw.decide(prov.store, actor=decider, proposal_id=issued_pid, decision="standard",
                        reason="经省公司审核，同意按标准体承保").value
        assert out.state == "ISSUED" and out.policy_no == f"GD0101GD{year}0000001"
        declined = uw.decide(prov.store, actor=decider, proposal_id=declined_pid, decision="decline",
                             reason="行业风险集中，省公司不予承保").value
        assert declined.state == "DECLINED" and declined.policy_no is None
        assert referral.referred_queue(prov.store, actor=decider) == []

        for _ in range(2):
            prov.sync()
            a.sync()

        # Back at the branch: issued under the province's decision and number, then contract printing.
        assert state_of(a.store, issued_pid) == "ISSUED" and state_of(a.store, declined_pid) == "DECLINED"
        assert uw.policy_number(a.store, proposal_id=issued_pid) == out.policy_no
        case = uw.show(a.store, actor=underwriter, proposal_id=issued_pid)
        last = case.decisions[-1]
        assert (last.decision, last.org_code, last.actor_name, last.authority_level) == ("standard", "GD",
                                                                                         "省公司核保 GD", 4)
        assert [d.decision for d in case.decisions] == ["refer", "standard"]
        assert all(i.status == "approved" for i in case.issues)
        assert issued_pid in {r.proposal_id for r in cases.queue_page(a.store, Role.CONTRACT_PREPARER)}
        gone = uw.show(a.store, actor=underwriter, proposal_id=declined_pid)
        assert gone.decisions[-1].reason == "行业风险集中，省公司不予承保" and gone.policy_no is None
        # Its timeline holds the province's steps; the packet can still be read at the branch.
        assert a.events(issued_pid) == prov.events(issued_pid)
        assert a.events(issued_pid)[-1][1] == "ho_issue" and a.events(declined_pid)[-1][1] == "ho_decline"
        assert referral.referral_packet(a.store, declined_pid).startswith(b"%PDF")

        # The branch numbers on in its own scope; nothing was refused anywhere.
        nxt = a.new_case(4)
        a.step(nxt, "finish_scan")
        keyed(a, nxt, 4)
        assert uw.policy_number(a.store, proposal_id=nxt) == f"GD0101{year}0000002"
        a.sync()
        for site in (a, prov):
            no_conflicts(site)
