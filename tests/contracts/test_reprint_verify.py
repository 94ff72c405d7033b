"""Reprint control and verifying paper pages: a reprint needs an approved request and is marked a
copy on every page; an older print's page is superseded."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from desk_app.core.contracts import payload
from desk_app.core.errors import DomainError, TransitionRefused
from desk_app.core.workflow import State
from desk_app.services import contracts
from desk_app.store.models import ContractPrint, Proposal
from tests.contracts.conftest import issued_case


def _page_payload(p: contracts.PrintedContract, page: int) -> str:
    return payload.page_payload(p.policy_no, page, p.pages, p.print_seq, p.content_hash)


def test_reprint_needs_an_approved_request_and_is_marked_on_every_page(demo_store, actors, tmp_path):
    pid = issued_case(demo_store)
    first = contracts.print_contract(demo_store, actor=actors["printer"], proposal_id=pid).value
    assert first.print_seq == 1
    with demo_store.reading() as session:
        assert session.get(Proposal, pid).state == State.PRINTED.value
    # printing again, or reprinting without an approved request, is refused; nothing written
    with pytest.raises(TransitionRefused, match="重打"):
        contracts.print_contract(demo_store, actor=actors["printer"], proposal_id=pid)
    with pytest.raises(TransitionRefused, match="批准"):
        contracts.reprint_contract(demo_store, actor=actors["printer"], proposal_id=pid)
    req = contracts.request_reprint(demo_store, actor=actors["printer"], proposal_id=pid, reason="客户遗失合同").value
    assert req.status == "pending"
    with pytest.raises(TransitionRefused):  # still pending
        contracts.reprint_contract(demo_store, actor=actors["printer"], proposal_id=pid)
    with pytest.raises(TransitionRefused, match="业务主管"):
        contracts.approve_reprint(demo_store, actor=actors["printer"], request_id=req.request_id)
    approved = contracts.approve_reprint(demo_store, actor=actors["super"], request_id=req.request_id).value
    assert approved.status == "approved" and approved.decided_by
    second = contracts.reprint_contract(demo_store, actor=actors["printer"], proposal_id=pid, printer="P2").value
    assert second.print_seq == 2 and second.content_hash == first.content_hash
    for page in PdfReader(io.BytesIO(second.pdf)).pages:
        assert "副本 / 第 2 次打印" in page.extract_text()
    assert "副本" not in PdfReader(io.BytesIO(first.pdf)).pages[0].extract_text()
    # the request is used: a third print needs a new one
    with pytest.raises(TransitionRefused):
        contracts.reprint_contract(demo_store, actor=actors["printer"], proposal_id=pid)
    log = contracts.print_log(demo_store, proposal_id=pid)
    assert [(r.print_seq, r.current, r.reprint_reason) for r in log] == [(1, False, ""), (2, True, "客户遗失合同")]
    assert log[1].approved_by and log[1].printer == "P2"

    # verify: a typed payload of print 1 is superseded, of print 2 current
    old = contracts.verify(demo_store, _page_payload(first, 1))
    assert old.status == contracts.SUPERSEDED and old.latest_seq == 2
    assert contracts.verify(demo_store, _page_payload(second, 2)).status == contracts.CURRENT
    # a page of the older print, as an image file
    png = tmp_path / "old.png"
    pdfium.PdfDocument(first.pdf)[0].render(scale=150 / 72).to_pil().save(png)
    seen = contracts.verify(demo_store, png)
    assert (seen.status, seen.page, seen.print_seq) == (contracts.SUPERSEDED, 1, 1)
    # a PDF of the current print
    pdf = tmp_path / "new.pdf"
    pdf.write_bytes(second.pdf)
    assert contracts.verify(demo_store, str(pdf)).status == contracts.CURRENT


def test_the_requester_may_not_approve_and_a_refusal_needs_a_reason(demo_store, actors):
    pid = issued_case(demo_store)
    contracts.print_contract(demo_store, actor=actors["printer"], proposal_id=pid)
    req = contracts.request_reprint(demo_store, actor=actors["admin"], proposal_id=pid, reason="装订错误").value
    with pytest.raises(TransitionRefused, match="自己"):
        contracts.approve_reprint(demo_store, actor=actors["admin"], request_id=req.request_id)
    with pytest.raises(DomainError):
        contracts.refuse_reprint(demo_store, actor=actors["super"], request_id=req.request_id, note=" ")
    refused = contracts.refuse_reprint(demo_store, actor=actors["super"], request_id=req.request_id,
                                       note="原合同完好").value
    assert refused.status == "refused"
    with pytest.raises(TransitionRefused):
        contracts.reprint_contract(demo_store, actor=actors["printer"], proposal_id=pid)
    with demo_store.reading() as session:
        assert session.scalar(select(ContractPrint.print_seq).where(ContractPrint.proposal_id == pid)
                              .order_by(ContractPrint.print_seq.desc())) == 1


def test_content_changed_after_print_supersedes_it_and_unknown_codes_are_unknown(demo_store, actors):
    pid = issued_case(demo_store)
    printed = contracts.print_contract(demo_store, actor=actors["printer"], proposal_id=pid).value
    code = _page_payload(printed, 1)
    assert contracts.verify(demo_store, code).status == contracts.CURRENT
    with demo_store.transaction() as session:
        session.get(Proposal, pid).special_agreements = "保险费分两期交清"
    v = contracts.verify(demo_store, code)
    assert v.status == contracts.SUPERSEDED and v.content_changed
    forged = code[:-4] + ("0000" if not code.endswith("0000") else "1111")
    assert contracts.verify(demo_store, forged).status == contracts.UNKNOWN
    assert contracts.verify(demo_store, "hello").status == contracts.UNKNOWN
    assert contracts.verify(demo_store, payload.page_payload("GD0101209900001", 1, 3, 1, "a" * 64)).status == \
        contracts.UNKNOWN


def test_batch_prints_each_case_in_its_own_transaction(demo_store, actors):
    ok1, ok2 = issued_case(demo_store, skip=0), issued_case(demo_store, skip=1)
    with demo_store.reading() as session:
        not_issued = session.scalar(select(Proposal.id).where(Proposal.state == State.RECEIVED.value))
    seen = []
    result = contracts.print_batch(demo_store, actor=actors["printer"], proposal_ids=[ok1, not_issued, ok2],
                                   progress=lambda done, total, item: seen.append((done, total))).value
    assert (result.printed, result.failed) == (2, 1)
    assert result.items[1].printed is None and "承保" in result.items[1].error
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert {c.proposal_id for c in contracts.print_queue(demo_store)}.isdisjoint({ok1, ok2})
