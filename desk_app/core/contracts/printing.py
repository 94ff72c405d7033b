"""Printing a contract and controlling its reprints.

The first print of an issued case is print 1 and moves the case to 缮制 PRINTED (the workflow's
print_contract, by a contract preparer). Any later print is a reprint: it needs a ReprintRequest
with a reason, approved by a supervisor who did not ask for it, and not yet used; the print uses
it and is the next sequence. Every print's PDF goes to the encrypted file store, and its row is the
print log (who, when, pages, printer, copies).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.core import audit, workflow
from desk_app.core.contracts import content, render
from desk_app.core.contracts.views import (
    ContractCase,
    ContractPreview,
    PrintedContract,
    PrintLogRow,
    ReprintRequestView,
)
from desk_app.core.errors import InvalidInput, NotFound, TransitionRefused
from desk_app.core.roles import Actor, Role
from desk_app.core.workflow import State
from desk_app.store.models import CaseEvent, ContractPrint, PolicyNumber, Proposal, ReprintRequest, User

# A contract can be printed again once printed, until the file is archived and after (a lost copy).
REPRINTABLE = (State.PRINTED.value, State.RECEIPTED.value, State.ARCHIVED.value)
MAX_COPIES = 20


class FileSink(Protocol):
    def put(self, data: bytes) -> str: ...


def _proposal(session: Session, proposal_id: str) -> Proposal:
    p = session.get(Proposal, proposal_id)
    if p is None or p.deleted:
        raise NotFound("找不到该案件，可能已被删除或不属于本机构。")
    return p


def latest_print(session: Session, proposal_id: str) -> ContractPrint | None:
    return session.scalar(select(ContractPrint).where(ContractPrint.proposal_id == proposal_id,
                                                      ContractPrint.deleted.is_(False))
                          .order_by(ContractPrint.print_seq.desc()).limit(1))


def _check_print_args(printer: str, copies: int) -> None:
    if not 1 <= copies <= MAX_COPIES:
        raise InvalidInput(f"打印份数必须在 1 到 {MAX_COPIES} 份之间。")
    if len(printer) > 120:
        raise InvalidInput("打印机名称过长。")


def _print(session: Session, files: FileSink | None, *, actor: Actor, proposal: Proposal, seq: int, printer: str,
           copies: int, reprint_id: str | None, now: dt.datetime) -> PrintedContract:
    data = content.contract_data(session, proposal.id)
    digest_of_content = content.content_hash(data)
    out = render.render(data, content_hash=digest_of_content, print_seq=seq)
    digest = files.put(out.pdf) if files is not None else hashlib.sha256(out.pdf).hexdigest()
    row = ContractPrint(proposal_id=proposal.id, policy_no=data.policy_no, print_seq=seq,
                        content_hash=digest_of_content, pdf_digest=digest, pages=out.pages, printer=printer.strip(),
                        copies=copies, reprint_id=reprint_id, printed_by=actor.user_id, printed_at=now,
                        branch_code=proposal.branch_code, created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="contract.reprint" if reprint_id else "contract.print",
                 target_type="proposal", target_id=proposal.id,
                 detail={"case_no": proposal.case_no, "policy_no": data.policy_no, "print_seq": seq,
                         "pages": out.pages, "printer": row.printer, "copies": copies,
                         "content_hash": digest_of_content},
                 branch_code=proposal.branch_code, now=now)
    return PrintedContract(row.id, proposal.id, proposal.case_no, data.policy_no, seq, digest_of_content, digest,
                           out.pages, row.printer, copies, now, out.pdf)


def print_first(session: Session, files: FileSink | None, *, actor: Actor, proposal_id: str, printer: str = "",
                copies: int = 1, now: dt.datetime) -> PrintedContract:
    """The original print: the case at 承保 ISSUED with its policy number; the case to PRINTED."""
    _check_print_args(printer, copies)
    p = _proposal(session, proposal_id)
    if latest_print(session, proposal_id) is not None:
        raise TransitionRefused("该合同已打印过，重打须先提出申请并经业务主管批准。")
    content.policy_row(session, proposal_id)  # refused before anything when it has no policy number
    workflow.perform(session, actor=actor, proposal_id=proposal_id, action="print_contract", now=now)
    return _print(session, files, actor=actor, proposal=p, seq=1, printer=printer, copies=copies, reprint_id=None,
                  now=now)


def reprint(session: Session, files: FileSink | None, *, actor: Actor, proposal_id: str, printer: str = "",
            copies: int = 1, now: dt.datetime) -> PrintedContract:
    """A reprint on the case's approved, unused request: the next sequence, the request used."""
    _check_print_args(printer, copies)
    if not (actor.has(Role.CONTRACT_PREPARER) or actor.has(Role.SUPERVISOR)):
        raise TransitionRefused("只有缮制员或业务主管可以重打合同。")
    p = _proposal(session, proposal_id)
    last = latest_print(session, proposal_id)
    if last is None or p.state not in REPRINTABLE:
        raise TransitionRefused("该合同尚未打印，请先打印正本。")
    req = session.scalar(select(ReprintRequest).where(
        ReprintRequest.proposal_id == proposal_id, ReprintRequest.status == "approved",
        ReprintRequest.deleted.is_(False)).order_by(ReprintRequest.requested_at).limit(1))
    if req is None:
        raise TransitionRefused("重打合同须有经业务主管批准且尚未使用的重打申请。")
    req.status = "used"
    req.updated_at = now
    return _print(session, files, actor=actor, proposal=p, seq=last.print_seq + 1, printer=printer, copies=copies,
                  reprint_id=req.id, now=now)


# --- reprint requests ----------------------------------------------------------------------------------

def request(session: Session, *, actor: Actor, proposal_id: str, reason: str, now: dt.datetime) -> ReprintRequest:
    if not (actor.roles & {Role.CONTRACT_PREPARER, Role.SUPERVISOR, Role.COUNTER_CLERK}):
        raise TransitionRefused("只有缮制员、柜面受理员或业务主管可以申请重打合同。")
    if not reason.strip():
        raise InvalidInput("申请重打合同必须填写原因。")
    p = _proposal(session, proposal_id)
    if latest_print(session, proposal_id) is None or p.state not in REPRINTABLE:
        raise TransitionRefused("该合同尚未打印，不能申请重打。")
    open_one = session.scalar(select(ReprintRequest.status).where(
        ReprintRequest.proposal_id == proposal_id, ReprintRequest.status.in_(("pending", "approved")),
        ReprintRequest.deleted.is_(False)).limit(1))
    if open_one is not None:
        raise TransitionRefused("该合同已有待审批或已批准未使用的重打申请。")
    req = ReprintRequest(proposal_id=proposal_id, reason=reason.strip(), status="pending", requested_by=actor.user_id,
                         requested_at=now, branch_code=p.branch_code, created_at=now, updated_at=now)
    session.add(req)
    session.flush()
    audit.record(session, actor=actor, action="contract.reprint_request", target_type="proposal",
                 target_id=proposal_id, detail={"case_no": p.case_no, "reason": req.reason, "request_id": req.id},
                 branch_code=p.branch_code, now=now)
    return req


def decide(session: Session, *, actor: Actor, request_id: str, approve: bool, note: str,
           now: dt.datetime) -> ReprintRequest:
    req = session.get(ReprintRequest, request_id)
    if req is None or req.deleted:
        raise NotFound("找不到该重打申请。")
    if not actor.has(Role.SUPERVISOR):
        raise TransitionRefused("重打申请须由业务主管审批。")
    if req.requested_by == actor.user_id:
        raise TransitionRefused("不能审批自己提出的重打申请，请由另一位业务主管审批。")
    if req.status != "pending":
        raise TransitionRefused(f"该重打申请{STATUS_LABELS[req.status]}，不能再审批。")
    if not approve and not note.strip():
        raise InvalidInput("拒绝重打申请必须说明原因。")
    req.status = "approved" if approve else "refused"
    req.decided_by, req.decided_at, req.decision_note, req.updated_at = actor.user_id, now, note.strip(), now
    session.flush()
    audit.record(session, actor=actor, action="contract.reprint_" + ("approve" if approve else "refuse"),
                 target_type="proposal", target_id=req.proposal_id,
                 detail={"request_id": req.id, "note": req.decision_note}, branch_code=req.branch_code, now=now)
    return req


STATUS_LABELS = {"pending": "待审批", "approved": "已批准", "refused": "已拒绝", "used": "已使用"}


def _names(session: Session, ids: set[str]) -> dict[str, str]:
    ids.discard("")
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())


def request_views(session: Session, rows: list[ReprintRequest]) -> list[ReprintRequestView]:
    pids = {r.proposal_id for r in rows}
    cases = dict(session.execute(select(Proposal.id, Proposal.case_no).where(Proposal.id.in_(pids))).all())
    policies = dict(session.execute(select(PolicyNumber.proposal_id, PolicyNumber.policy_no)
                                    .where(PolicyNumber.proposal_id.in_(pids))).all())
    names = _names(session, {r.requested_by for r in rows} | {r.decided_by or "" for r in rows})
    return [ReprintRequestView(r.id, r.proposal_id, cases.get(r.proposal_id, ""), policies.get(r.proposal_id, ""),
                               r.reason, r.status, names.get(r.requested_by, ""), r.requested_at,
                               names.get(r.decided_by or "", ""), r.decided_at, r.decision_note) for r in rows]


def requests(session: Session, *, proposal_id: str | None, status: str | None) -> list[ReprintRequestView]:
    q = select(ReprintRequest).where(ReprintRequest.deleted.is_(False))
    if proposal_id:
        q = q.where(ReprintRequest.proposal_id == proposal_id)
    if status:
        q = q.where(ReprintRequest.status == status)
    return request_views(session, list(session.scalars(q.order_by(ReprintRequest.requested_at.desc()).limit(500))))


# --- reads ---------------------------------------------------------------------------------------------

def log(session: Session, proposal_id: str) -> list[PrintLogRow]:
    _proposal(session, proposal_id)
    rows = list(session.scalars(select(ContractPrint).where(ContractPrint.proposal_id == proposal_id,
                                                            ContractPrint.deleted.is_(False))
                                .order_by(ContractPrint.print_seq)))
    if not rows:
        return []
    reqs = {r.id: r for r in session.scalars(select(ReprintRequest).where(ReprintRequest.proposal_id == proposal_id))}
    names = _names(session, {r.printed_by for r in rows} | {q.decided_by or "" for q in reqs.values()})
    now_hash = content.content_hash(content.contract_data(session, proposal_id))
    last = rows[-1].print_seq
    out = []
    for r in rows:
        req = reqs.get(r.reprint_id or "")
        out.append(PrintLogRow(r.id, r.policy_no, r.print_seq, r.content_hash, r.pages, r.printer, r.copies,
                               names.get(r.printed_by, ""), r.printed_at, req.reason if req else "",
                               names.get(req.decided_by or "", "") if req else "",
                               r.print_seq == last and r.content_hash == now_hash))
    return out


def queue(session: Session, *, include_printed: bool, limit: int) -> list[ContractCase]:
    states = [State.ISSUED.value] + ([State.PRINTED.value] if include_printed else [])
    prints = (select(ContractPrint.proposal_id, func.count().label("n")).where(ContractPrint.deleted.is_(False))
              .group_by(ContractPrint.proposal_id).subquery())
    issued = (select(CaseEvent.proposal_id, func.max(CaseEvent.at).label("at"))
              .where(CaseEvent.to_state == State.ISSUED.value).group_by(CaseEvent.proposal_id).subquery())
    rows = session.execute(
        select(Proposal.id, Proposal.case_no, PolicyNumber.policy_no, Proposal.applicant_name, Proposal.business_type,
               Proposal.insured_count, Proposal.state, issued.c.at, prints.c.n)
        .outerjoin(PolicyNumber, PolicyNumber.proposal_id == Proposal.id)
        .outerjoin(issued, issued.c.proposal_id == Proposal.id)
        .outerjoin(prints, prints.c.proposal_id == Proposal.id)
        .where(Proposal.state.in_(states), Proposal.deleted.is_(False))
        .order_by(issued.c.at, Proposal.case_no).limit(limit)).all()
    return [ContractCase(pid, case_no, pol or "", name, bt, n, st, at, prints or 0)
            for pid, case_no, pol, name, bt, n, st, at, prints in rows]


def preview(session: Session, proposal_id: str) -> ContractPreview:
    _proposal(session, proposal_id)
    data = content.contract_data(session, proposal_id)
    h = content.content_hash(data)
    last = latest_print(session, proposal_id)
    seq = (last.print_seq + 1) if last else 1
    out = render.render(data, content_hash=h, print_seq=seq, preview=True)
    return ContractPreview(proposal_id, data.policy_no, seq, h, out.pages, out.pdf)


def stored_print(session: Session, print_id: str) -> ContractPrint:
    row = session.get(ContractPrint, print_id)
    if row is None or row.deleted:
        raise NotFound("找不到该次合同打印记录。")
    return row
