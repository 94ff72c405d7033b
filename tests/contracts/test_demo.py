"""The demo store's contract stages carry real prints, receipt waits and archive entries."""

from __future__ import annotations

from sqlalchemy import func, select

from desk_app.core.contracts import payload
from desk_app.core.workflow import State
from desk_app.services import contracts
from desk_app.store.models import ArchiveEntry, ContractPrint, PolicyNumber, Proposal


def test_demo_has_printed_receipted_and_archived_cases_with_their_prints(demo_store):
    with demo_store.reading() as session:
        by_state = dict(session.execute(select(Proposal.state, func.count()).group_by(Proposal.state)).all())
        unprinted = session.scalar(select(func.count()).select_from(Proposal).where(
            Proposal.state.in_([State.PRINTED.value, State.RECEIPTED.value, State.ARCHIVED.value]),
            Proposal.id.not_in(select(ContractPrint.proposal_id))))
        issued_without_policy = session.scalar(select(func.count()).select_from(Proposal).where(
            Proposal.state == State.ISSUED.value, Proposal.id.not_in(select(PolicyNumber.proposal_id))))
        archived = session.scalar(select(func.count()).select_from(ArchiveEntry))
        row = session.scalars(select(ContractPrint).order_by(ContractPrint.printed_at.desc())).first()
    assert all(by_state.get(s.value, 0) for s in (State.ISSUED, State.PRINTED, State.RECEIPTED, State.ARCHIVED))
    assert unprinted == 0 and issued_without_policy == 0
    assert archived == by_state[State.ARCHIVED.value]
    marks = {r.mark for r in contracts.receipt_queue(demo_store)}
    assert {"warning", "overdue"} <= marks
    code = payload.page_payload(row.policy_no, 1, row.pages, 1, row.content_hash)
    assert contracts.verify(demo_store, code).status == contracts.CURRENT
    assert contracts.print_queue(demo_store)
