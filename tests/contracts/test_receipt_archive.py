"""The signed receipt (回执): its clock, recorded by hand or scanned back; then the archive."""

from __future__ import annotations

import datetime as dt
import io

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from desk_app import clock
from desk_app.core.errors import DomainError, TransitionRefused
from desk_app.core.workflow import State
from desk_app.services import contracts
from desk_app.store.models import Page, Proposal
from tests.contracts.conftest import issued_case


def _state(store, pid):
    with store.reading() as session:
        return session.get(Proposal, pid).state


def test_receipt_queue_warns_at_15_days_and_is_overdue_at_19(demo_store, actors):
    pid = issued_case(demo_store)
    day = clock.today()
    with clock.use(clock.Clock.at_branch(day, dt.time(17, 30))):
        contracts.print_contract(demo_store, actor=actors["printer"], proposal_id=pid)

    def row_on(d: dt.date):
        with clock.use(clock.Clock.at_branch(d, dt.time(9, 0))):
            return next(r for r in contracts.receipt_queue(demo_store) if r.proposal_id == pid)

    assert (row_on(day + dt.timedelta(days=14)).days, row_on(day + dt.timedelta(days=14)).mark) == (14, "")
    assert row_on(day + dt.timedelta(days=15)).mark == "warning"
    assert row_on(day + dt.timedelta(days=18)).mark == "warning"
    assert row_on(day + dt.timedelta(days=19)).mark == "overdue"
    queue = contracts.receipt_queue(demo_store)
    assert [r.days for r in queue] == sorted((r.days for r in queue), reverse=True)
    # recorded by hand at the counter: out of the queue
    with pytest.raises(TransitionRefused):
        contracts.record_receipt(demo_store, actor=actors["printer"], proposal_id=pid)
    contracts.record_receipt(demo_store, actor=actors["clerk"], proposal_id=pid)
    assert _state(demo_store, pid) == State.RECEIPTED.value
    assert pid not in {r.proposal_id for r in contracts.receipt_queue(demo_store)}


def test_signed_receipt_scanned_back_moves_the_case_to_receipted(demo_store, actors, tmp_path):
    pid = issued_case(demo_store)
    printed = contracts.print_contract(demo_store, actor=actors["printer"], proposal_id=pid).value
    doc = pdfium.PdfDocument(printed.pdf)
    scan = tmp_path / "receipt.png"
    doc[len(doc) - 1].render(scale=200 / 72, grayscale=True).to_pil().save(scan)
    # a page without the receipt's code is refused, nothing stored
    other = tmp_path / "first.png"
    doc[0].render(scale=200 / 72, grayscale=True).to_pil().save(other)
    with pytest.raises(DomainError, match="回执"):
        contracts.scan_receipt(demo_store, actor=actors["scanner"], paths=[other])
    done = contracts.scan_receipt(demo_store, actor=actors["scanner"], paths=[scan]).value
    assert [(r.proposal_id, r.policy_no) for r in done] == [(pid, printed.policy_no)]
    assert _state(demo_store, pid) == State.RECEIPTED.value
    with demo_store.reading() as session:
        kinds = session.scalars(select(Page.doc_type).where(Page.proposal_id == pid)).all()
    assert "contract_receipt" in kinds


def test_archive_assigns_a_unique_position_and_lists_the_box(demo_store, actors):
    a, b = issued_case(demo_store, skip=0), issued_case(demo_store, skip=1)
    for pid in (a, b):
        contracts.print_contract(demo_store, actor=actors["printer"], proposal_id=pid)
    with pytest.raises(TransitionRefused):  # not receipted yet
        contracts.archive(demo_store, actor=actors["clerk"], proposal_id=a, box_no="B-2026-01", position=1)
    for pid in (a, b):
        contracts.record_receipt(demo_store, actor=actors["clerk"], proposal_id=pid)
    filed = contracts.archive(demo_store, actor=actors["clerk"], proposal_id=a, box_no="b-2026-01", position=1).value
    assert (filed.box_no, filed.position) == ("B-2026-01", 1)
    assert _state(demo_store, a) == State.ARCHIVED.value
    with pytest.raises(TransitionRefused, match="已存放"):
        contracts.archive(demo_store, actor=actors["clerk"], proposal_id=b, box_no="B-2026-01", position=1)
    assert _state(demo_store, b) == State.RECEIPTED.value
    contracts.archive(demo_store, actor=actors["super"], proposal_id=b, box_no="B-2026-01", position=2)
    paper = contracts.archive_list(demo_store, box_no="B-2026-01")
    assert [e.position for e in paper.entries] == [1, 2]
    text = PdfReader(io.BytesIO(paper.pdf)).pages[0].extract_text()
    assert all(e.case_no in text and e.policy_no in text for e in paper.entries)
