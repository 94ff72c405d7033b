"""Referral up (上报), the parts the branch's referral and the provincial office's desk share.

- `with_packet`: the referral's packet, made in the referral's transaction (services call it right
  after core.underwriting.decisions.refer);
- `remake_packet`: a later copy of a referred case's packet (the pages were rescanned, say);
- `referred_cases`: the provincial office's queue: the REFERRED cases of its branches, with the
  branch, the referral reason and the packet's file.

Which store decides: the provincial office decides a referred case through the general decision
(decisions.decide with a HEAD_OFFICE actor); its rows on the case carry the case's branch_code
(head office accepts them: the case is shared with the organisations above its branch) and its
own organisation in UwDecision.org_code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core.errors import NotFound, TransitionRefused
from desk_app.core.queues import STAGE_SLA_HOURS
from desk_app.core.roles import Actor, Role
from desk_app.core.underwriting import referral_packet as packet
from desk_app.core.workflow import State
from desk_app.core.worktime import working_hours_between
from desk_app.store.models import CaseEvent, PrintJob, Proposal, User

REFERRED = State.REFERRED.value


def with_packet(session: Session, files: packet.PacketFiles, *, actor: Actor, proposal_id: str,
                now: dt.datetime) -> packet.ReferralPacket:
    """The packet of a case just referred (its state REFERRED in this transaction)."""
    proposal = session.get(Proposal, proposal_id)
    if proposal is None or proposal.state != REFERRED:
        raise TransitionRefused("只有已上报的案件才生成上报材料。")
    return packet.issue(session, files, actor=actor, proposal_id=proposal_id, now=now)


def remake_packet(session: Session, files: packet.PacketFiles, *, actor: Actor, proposal_id: str,
                  now: dt.datetime) -> packet.ReferralPacket:
    """A new copy of a referred case's packet, by an underwriter or supervisor of its branch."""
    proposal = session.get(Proposal, proposal_id)
    if proposal is None or proposal.deleted:
        raise NotFound("找不到该案件，可能已被删除或不属于本机构。")
    if not actor.roles & {Role.UNDERWRITER, Role.SUPERVISOR}:
        raise TransitionRefused("只有核保员或业务主管可以重新生成上报材料。")
    if proposal.state != REFERRED:
        raise TransitionRefused(f"案件当前处于“{State(proposal.state).label}”环节，只有上报中的案件可以重新生成上报材料。")
    if actor.branch_code and actor.branch_code != proposal.branch_code:
        raise TransitionRefused("上报材料由案件所属分公司生成。")
    return packet.issue(session, files, actor=actor, proposal_id=proposal_id, now=now)


@dataclass(frozen=True)
class ReferredRow:
    proposal_id: str
    case_no: str
    branch_code: str
    applicant_name: str
    business_type: str
    sum_insured_total: Decimal
    premium_total: Decimal
    insured_count: int
    referred_at: dt.datetime
    referred_by: str
    reason: str
    age_hours: float
    overdue: bool
    packet_digest: str | None  # the newest packet's file (None: none made)


def referred_cases(session: Session, *, actor: Actor, now: dt.datetime) -> list[ReferredRow]:
    """The REFERRED cases this store holds, oldest referral first (the provincial office's queue).

    A province holds few of them at a time (the branches' above-authority cases), so this reads
    them whole; the branch-side queue of every role pages through core.queues."""
    if not actor.has(Role.HEAD_OFFICE):
        return []
    cases = list(session.scalars(select(Proposal).where(Proposal.state == REFERRED, Proposal.deleted.is_(False))
                                 .order_by(Proposal.state_since, Proposal.id)))
    if not cases:
        return []
    ids = [p.id for p in cases]
    refer: dict[str, tuple[str, str]] = {}
    for pid, reason, name in session.execute(
            select(CaseEvent.proposal_id, CaseEvent.reason, User.display_name)
            .join(User, User.id == CaseEvent.actor_id)
            .where(CaseEvent.proposal_id.in_(ids), CaseEvent.action == "refer").order_by(CaseEvent.seq)):
        refer[pid] = (reason, name)  # the newest referral wins
    digests: dict[str, str] = {}
    for pid, digest in session.execute(
            select(PrintJob.proposal_id, PrintJob.pdf_digest)
            .where(PrintJob.proposal_id.in_(ids), PrintJob.kind == packet.KIND, PrintJob.deleted.is_(False))
            .order_by(PrintJob.copy_no)):
        digests[pid] = digest
    sla = STAGE_SLA_HOURS.get(State.REFERRED, float("inf"))
    out = []
    for p in cases:
        reason, name = refer.get(p.id, ("", ""))
        age = working_hours_between(p.state_since, now)
        out.append(ReferredRow(p.id, p.case_no, p.branch_code, p.applicant_name, p.business_type,
                               p.sum_insured_total, p.premium_total, p.insured_count, p.state_since, name, reason,
                               age, age > sla, digests.get(p.id)))
    return out
