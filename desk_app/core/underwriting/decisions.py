"""The underwriting steps on a case, each in the caller's transaction: auto-underwriting after
validation, start, decide (within authority, never on a case the decider keyed or reconciled),
refer up; an accepted case is issued (承保) with its policy number in the same transaction.

Every decision is a UwDecision (who, authority level, org, why), the workflow's event and an audit
entry; a refusal is a DomainError raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desk_app.core import audit, users, workflow
from desk_app.core.errors import InvalidInput, NotFound, TransitionRefused
from desk_app.core.roles import Actor, Role
from desk_app.core.underwriting import assess, authority, numbering
from desk_app.core.underwriting.issues import raise_issues
from desk_app.core.underwriting.views import APPROVALS, DECISION_LABELS, DECISIONS, AutoOutcome, Decided
from desk_app.core.workflow import State
from desk_app.store.models import CaseEvent, EntryField, EntryPass, Proposal, UwDecision, UwIssue
from desk_app.store.types import utcnow

# The workflow action a decision takes: at the branch (核保) and at the provincial office (上报).
BRANCH_ACTION = {"standard": "issue", "loading": "issue", "exclusion": "issue", "decline": "decline",
                 "postpone": "postpone"}
PROVINCE_ACTION = {"standard": "ho_issue", "loading": "ho_issue", "exclusion": "ho_issue", "decline": "ho_decline",
                   "postpone": "ho_postpone"}
MAX_LOADING = Decimal("500")  # 加费 per cent: above this the case is declined, not loaded
AUTO_REASON = "自动核保：无核保问题，按标准体承保"
# Who keyed or reconciled a case, from its timeline (generated histories have no entry passes).
KEYING_ACTIONS = ("first_entry", "second_entry", "compare_match", "compare_differ", "reconcile")

# Called when a case is referred, in the referring transaction: (session, actor, proposal, the
# refer decision, now). The referral packet (PDF) registers itself here.
ReferralHook = Callable[[Session, Actor, Proposal, UwDecision, dt.datetime], None]
_REFERRAL_HOOKS: list[ReferralHook] = []


def on_referral(fn: ReferralHook) -> ReferralHook:
    """Register a step that runs whenever a case is referred up (e.g. building the referral packet)."""
    _REFERRAL_HOOKS.append(fn)
    return fn


def load_case(session: Session, proposal_id: str) -> Proposal:
    p = session.get(Proposal, proposal_id)
    if p is None or p.deleted:
        raise NotFound("找不到该案件，可能已被删除或不属于本机构。")
    return p


def keyed_or_reconciled_by(session: Session, proposal_id: str) -> set[str]:
    """Everyone who keyed (either pass of any round) or reconciled the case."""
    people = set(session.scalars(select(EntryPass.operator_id).where(EntryPass.proposal_id == proposal_id,
                                                                     EntryPass.deleted.is_(False))))
    people |= set(session.scalars(select(EntryField.decided_by).where(
        EntryField.proposal_id == proposal_id, EntryField.decided_by.is_not(None))))
    people |= set(session.scalars(select(CaseEvent.actor_id).where(
        CaseEvent.proposal_id == proposal_id, CaseEvent.action.in_(KEYING_ACTIONS))))
    return {p for p in people if p}


def segregation_refusal(session: Session, actor: Actor, proposal_id: str) -> str | None:
    if actor.user_id in keyed_or_reconciled_by(session, proposal_id):
        return "您录入或处理过本案的差异，不能核保本案，请由其他核保员处理。"
    return None


def _org(session: Session) -> str:
    return users.branch(session).branch_code


def _next_seq(session: Session, proposal_id: str) -> int:
    return (session.scalar(select(func.max(UwDecision.seq)).where(UwDecision.proposal_id == proposal_id)) or 0) + 1


def _record(session: Session, *, proposal: Proposal, actor: Actor, decision: str, reason: str, now: dt.datetime,
            loading_percent: Decimal | None = None, exclusion: str = "", level: int | None = None) -> UwDecision:
    row = UwDecision(proposal_id=proposal.id, seq=_next_seq(session, proposal.id), decision=decision,
                     loading_percent=loading_percent, exclusion=exclusion, reason=reason, actor_id=actor.user_id,
                     authority_level=actor.authority_level if level is None else level, org_code=_org(session),
                     at=now, branch_code=proposal.branch_code)
    session.add(row)
    session.flush()
    return row


def _issue_policy(session: Session, proposal: Proposal, actor: Actor, now: dt.datetime) -> str:
    return numbering.assign(session, proposal_id=proposal.id, org_code=_org(session), actor_id=actor.user_id,
                            now=now, branch_code=proposal.branch_code)


def open_for_authority(session: Session, proposal_id: str) -> list[authority.OpenIssue]:
    return [authority.OpenIssue(i.issue_type, i.amount) for i in assess.open_issues(session, proposal_id)]


def approval_refusal(session: Session, actor: Actor, proposal: Proposal) -> str | None:
    """Why `actor` may not accept this case at any terms (an open issue, or the case's size, above
    their authority), or None."""
    grants = authority.grants_of(session, actor.authority_level)
    why = authority.refusal(open_for_authority(session, proposal.id), grants, case_total=proposal.sum_insured_total)
    return f"不能承保本案：{why}" if why else None


# --- auto-underwriting ------------------------------------------------------------------------------

def after_validation(session: Session, *, actor: Actor, proposal_id: str, now: dt.datetime) -> AutoOutcome:
    """A case that just became VALIDATED: its issues raised and kept; with none it is accepted at
    standard terms at once (UwDecision auto_standard, 承保 with a policy number), as its validator."""
    proposal = load_case(session, proposal_id)
    raised = assess.assess(session, proposal=proposal, now=now)
    if raised:
        return AutoOutcome(len(raised), proposal.state, None)
    decision = _record(session, proposal=proposal, actor=actor, decision="auto_standard", reason=AUTO_REASON,
                       now=now, level=0)
    workflow.perform(session, actor=actor, proposal_id=proposal.id, action="auto_issue", reason=AUTO_REASON, now=now)
    policy_no = _issue_policy(session, proposal, actor, now)
    audit.record(session, actor=actor, action="uw.auto_standard", target_type="proposal", target_id=proposal.id,
                 detail={"case_no": proposal.case_no, "policy_no": policy_no, "decision_seq": decision.seq},
                 branch_code=proposal.branch_code, now=now)
    return AutoOutcome(0, proposal.state, policy_no)


@workflow.precondition("auto_issue")
def no_underwriting_issues(session: Session, proposal: Proposal, actor: Actor) -> str | None:
    """Auto-acceptance only for a case the underwriting rules raise nothing on, asked afresh."""
    raised = raise_issues(assess.facts_of(session, proposal, utcnow()))
    if raised:
        return f"本案有 {len(raised)} 项核保问题（{raised[0].message}），须人工核保。"
    return None


@workflow.precondition("issue")
@workflow.precondition("ho_issue")
def within_authority(session: Session, proposal: Proposal, actor: Actor) -> str | None:
    """The workflow's own guard: nobody issues a case with an open issue above their authority."""
    return approval_refusal(session, actor, proposal)


# --- manual underwriting ----------------------------------------------------------------------------

def _ensure_assessed(session: Session, proposal: Proposal, now: dt.datetime) -> None:
    """A validated case never assessed (validated before underwriting existed, or by another path)
    is assessed before anyone decides it, so no issue goes unseen."""
    if not assess.current_round(session, proposal.id) and not session.scalar(
            select(func.count()).select_from(UwDecision).where(UwDecision.proposal_id == proposal.id)):
        assess.assess(session, proposal=proposal, now=now)


def _take(session: Session, actor: Actor, proposal: Proposal, now: dt.datetime) -> None:
    """Checks every underwriting step shares, then 校验 → 核保 when the case still waits at 校验."""
    state = State(proposal.state)
    if state == State.REFERRED:
        if not actor.has(Role.HEAD_OFFICE):
            raise TransitionRefused("本案已上报省公司，由省公司核保人员决定。")
    elif not actor.has(Role.UNDERWRITER):
        raise TransitionRefused("您没有核保的权限，此操作需要核保员角色。")
    elif state not in (State.VALIDATED, State.UNDERWRITING):
        raise TransitionRefused(f"案件当前处于“{state.label}”环节，不能核保。")
    why = segregation_refusal(session, actor, proposal.id)
    if why:
        raise TransitionRefused(why)
    if state in (State.VALIDATED, State.UNDERWRITING):
        _ensure_assessed(session, proposal, now)
    if state == State.VALIDATED:
        workflow.perform(session, actor=actor, proposal_id=proposal.id, action="start_underwriting", now=now)


def start(session: Session, *, actor: Actor, proposal_id: str, now: dt.datetime) -> str:
    """The underwriter takes a validated case (校验 → 核保)."""
    proposal = load_case(session, proposal_id)
    if proposal.state != State.VALIDATED:
        raise TransitionRefused(f"案件当前处于“{State(proposal.state).label}”环节，只有校验通过的案件才能开始核保。")
    _take(session, actor, proposal, now)
    return proposal.state


def _percent(value: Decimal | str | None) -> Decimal:
    try:
        pct = Decimal(str(value)).normalize() if value is not None and str(value).strip() else None
    except InvalidOperation:
        pct = None
    if pct is None or not pct.is_finite() or pct <= 0 or pct > MAX_LOADING or pct.as_tuple().exponent < -2:
        raise InvalidInput(f"加费承保须填写加费比例（大于 0、不超过 {MAX_LOADING}% 的百分数，最多两位小数）。")
    return pct


def check_terms(decision: str, reason: str, loading_percent: Decimal | str | None,
                exclusion: str) -> tuple[Decimal | None, str, str]:
    """The decision's terms as given (refused with one sentence when they do not fit)."""
    if decision not in DECISIONS:
        raise InvalidInput("核保决定只能是 standard（标准体）、loading（加费）、exclusion（除外）、"
                           "postpone（延期）或 decline（拒保）。")
    reason, exclusion = (reason or "").strip(), (exclusion or "").strip()
    if decision in ("decline", "postpone") and not reason:
        raise InvalidInput(f"“{DECISION_LABELS[decision]}”必须填写原因。")
    pct = _percent(loading_percent) if decision == "loading" else None
    if decision != "loading" and loading_percent not in (None, ""):
        raise InvalidInput("只有加费承保才能填写加费比例。")
    if decision == "exclusion" and not exclusion:
        raise InvalidInput("除外承保须填写除外责任的内容。")
    if decision != "exclusion" and exclusion:
        raise InvalidInput("只有除外承保才能填写除外内容。")
    return pct, reason, exclusion


def decide(session: Session, *, actor: Actor, proposal_id: str, decision: str, reason: str = "",
           loading_percent: Decimal | str | None = None, exclusion: str = "",
           now: dt.datetime | None = None) -> Decided:
    """One decision on a case at 校验/核保 (an underwriter) or 上报 (the provincial office)."""
    now = now or utcnow()
    pct, reason, exclusion = check_terms(decision, reason, loading_percent, exclusion)
    proposal = load_case(session, proposal_id)
    referred = proposal.state == State.REFERRED
    _take(session, actor, proposal, now)
    grants = authority.grants_of(session, actor.authority_level)
    if decision in APPROVALS:
        why = approval_refusal(session, actor, proposal)
    else:  # declining or postponing approves nothing, but needs a level and the case's size within it
        size = authority.check([], grants, case_total=proposal.sum_insured_total)
        why = f"不能对本案作“{DECISION_LABELS[decision]}”决定：{size[0].message}" if size else None
    if why:
        raise TransitionRefused(why)
    action = (PROVINCE_ACTION if referred else BRANCH_ACTION)[decision]
    row = _record(session, proposal=proposal, actor=actor, decision=decision, reason=reason, now=now,
                  loading_percent=pct, exclusion=exclusion)
    status = "approved" if decision in APPROVALS else "declined" if decision == "decline" else None
    if status:
        session.execute(update(UwIssue).where(
            UwIssue.proposal_id == proposal.id, UwIssue.round == assess.current_round(session, proposal.id),
            UwIssue.status == "open").values(status=status, decided_by=actor.user_id, decided_at=now, updated_at=now))
    label = DECISION_LABELS[decision] + (f" {pct}%" if pct is not None else "") + (f"：{exclusion}" if exclusion else "")
    workflow.perform(session, actor=actor, proposal_id=proposal.id, action=action,
                     reason=f"{label}" + (f"；{reason}" if reason else ""), now=now)
    policy_no = _issue_policy(session, proposal, actor, now) if decision in APPROVALS else None
    audit.record(session, actor=actor, action=f"uw.{decision}", target_type="proposal", target_id=proposal.id,
                 detail={"case_no": proposal.case_no, "decision_seq": row.seq, "authority_level": row.authority_level,
                         "loading_percent": str(pct) if pct is not None else None, "exclusion": exclusion,
                         "reason": reason, "policy_no": policy_no},
                 branch_code=proposal.branch_code, now=now)
    return Decided(proposal.id, proposal.case_no, decision, row.seq, proposal.state, policy_no)


def refer(session: Session, *, actor: Actor, proposal_id: str, reason: str, now: dt.datetime | None = None) -> Decided:
    """Send the case up to the provincial office (上报) with the reason; the referral hooks run."""
    now = now or utcnow()
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("上报省公司必须填写原因。")
    proposal = load_case(session, proposal_id)
    if proposal.state == State.REFERRED:
        raise TransitionRefused("本案已上报省公司。")
    _take(session, actor, proposal, now)
    row = _record(session, proposal=proposal, actor=actor, decision="refer", reason=reason, now=now)
    workflow.perform(session, actor=actor, proposal_id=proposal.id, action="refer", reason=reason, now=now)
    audit.record(session, actor=actor, action="uw.refer", target_type="proposal", target_id=proposal.id,
                 detail={"case_no": proposal.case_no, "decision_seq": row.seq, "reason": reason},
                 branch_code=proposal.branch_code, now=now)
    for hook in _REFERRAL_HOOKS:
        hook(session, actor, proposal, row, now)
    return Decided(proposal.id, proposal.case_no, "refer", row.seq, proposal.state, None)
