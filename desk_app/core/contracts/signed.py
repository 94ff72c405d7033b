"""The customer's signed receipt (回执) of the contract, and the queue of receipts not yet back.

A receipt comes back scanned (its QR code "receipt:<policy no>" read by the scanning station, which
hands the pages to core.receipt_scans in the batch's transaction) or is recorded by hand at the
counter; either moves the case from 缮制 PRINTED to 回执 RECEIPTED. The queue counts branch days
since the first print: a warning from 15 days, overdue from 19 (views.WARNING_DAYS / OVERDUE_DAYS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.clock import branch_date
from desk_app.core import receipt_scans, workflow
from desk_app.core.contracts.views import OVERDUE_DAYS, WARNING_DAYS, ReceiptQueueRow, ReceiptRecorded
from desk_app.core.errors import NotFound
from desk_app.core.roles import Actor
from desk_app.core.workflow import State
from desk_app.store.models import ContractPrint, PolicyNumber, Proposal


def mark(days: int) -> str:
    if days >= OVERDUE_DAYS:
        return "overdue"
    if days >= WARNING_DAYS:
        return "warning"
    return ""


def record(session: Session, *, actor: Actor, proposal_id: str, page_ids: Sequence[str] = (),
           now: dt.datetime) -> ReceiptRecorded:
    """The case's signed receipt received: 回执 RECEIPTED (the workflow checks role and state)."""
    p = session.get(Proposal, proposal_id)
    if p is None or p.deleted:
        raise NotFound("找不到该案件，可能已被删除或不属于本机构。")
    reason = f"回执扫描 {len(page_ids)} 页" if page_ids else "回执柜面签收"
    workflow.perform(session, actor=actor, proposal_id=proposal_id, action="receipt", reason=reason, now=now)
    policy = session.scalar(select(PolicyNumber.policy_no).where(PolicyNumber.proposal_id == proposal_id)) or ""
    return ReceiptRecorded(proposal_id, p.case_no, policy, tuple(page_ids))


@receipt_scans.recorder
def _scanned(session: Session, actor: Actor, proposal_id: str, page_ids: Sequence[str], now: dt.datetime) -> None:
    # A receipt scanned again (the case already past 缮制) is only stored with the case: the batch
    # must not fail over it.
    state = session.scalar(select(Proposal.state).where(Proposal.id == proposal_id))
    if state == State.PRINTED.value:
        record(session, actor=actor, proposal_id=proposal_id, page_ids=page_ids, now=now)


def resolve_policy(session: Session, policy_no: str) -> tuple[str, str] | None:
    """(proposal id, case number) of a policy number, for the scanning station's indexing."""
    row = session.execute(select(Proposal.id, Proposal.case_no).join(PolicyNumber, PolicyNumber.proposal_id == Proposal.id)
                          .where(func.upper(PolicyNumber.policy_no) == policy_no.strip().upper(),
                                 Proposal.deleted.is_(False))).first()
    return (row.id, row.case_no) if row else None


def queue(session: Session, *, now: dt.datetime) -> list[ReceiptQueueRow]:
    first = (select(ContractPrint.proposal_id, func.min(ContractPrint.printed_at).label("at"),
                    func.max(ContractPrint.policy_no).label("policy_no"))
             .where(ContractPrint.deleted.is_(False)).group_by(ContractPrint.proposal_id).subquery())
    rows = session.execute(
        select(Proposal.id, Proposal.case_no, first.c.policy_no, Proposal.applicant_name, first.c.at,
               Proposal.state_since)
        .outerjoin(first, first.c.proposal_id == Proposal.id)
        .where(Proposal.state == State.PRINTED.value, Proposal.deleted.is_(False))).all()
    today = branch_date(now)
    out = []
    for pid, case_no, policy, name, printed_at, since in rows:
        at = printed_at or since  # a printed case without a print row (older data): since it became PRINTED
        days = (today - branch_date(at)).days
        out.append(ReceiptQueueRow(pid, case_no, policy or "", name, at, days, mark(days)))
    out.sort(key=lambda r: (-r.days, r.case_no))
    return out
