"""Counter intake (新单受理): one proposal registered with its checklist, number and outcome.

`preview` tells the screen what the proposal needs (the checklist from core.checklist), what
refuses it (draft rules, the stationery number) and what the clerk must confirm (an effective
date already passed, an open case that looks like a duplicate). `accept_proposal` does the
whole intake in the caller's transaction: the case and its 受理 event (proposals.register_case),
the number marked used, the ticked checklist, deficiencies, and for a return the workflow's
`return_papers` step. Any refusal raises before the transaction commits, so nothing is changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.clock import branch_date
from desk_app.core import audit, checklist, stationery, text, workflow
from desk_app.core.checklist import ChecklistItem
from desk_app.core.errors import InvalidInput, TransitionRefused
from desk_app.core.identifiers import bank_account_warning
from desk_app.core.proposals import CaseDraft, normalise_draft, register_case, validate_draft
from desk_app.core.roles import Actor, Role
from desk_app.core.users import branch
from desk_app.store.models import (
    Deficiency,
    Intake,
    IntakeChecklistItem,
    Proposal,
    ProposalProduct,
)
from desk_app.store.types import utcnow

OUTCOMES = {"accept": "受理", "accept_with_deficiencies": "受理（登记缺件）", "return": "退件"}
RECORDED = {"accept": "accepted", "accept_with_deficiencies": "accepted_with_deficiencies", "return": "returned"}


@dataclass(frozen=True)
class Tick:
    """The clerk's answer for one checklist item."""

    code: str
    received: bool
    note: str = ""


@dataclass(frozen=True)
class IntakeRequest:
    draft: CaseDraft
    ticks: tuple[Tick, ...]
    outcome: str = "accept"  # accept / accept_with_deficiencies / return
    return_reasons: tuple[str, ...] = ()
    confirm_past_date: bool = False
    confirm_duplicates: bool = False
    # Every item of the checklist received (scripts); `ticks` then only adds notes.
    all_received: bool = False


@dataclass(frozen=True)
class IntakeWarning:
    code: str  # past_date / duplicate (both confirmed by the clerk) / bank_account (a note only)
    message: str


@dataclass(frozen=True)
class IntakePreview:
    checklist: tuple[ChecklistItem, ...]
    errors: tuple[str, ...]
    warnings: tuple[IntakeWarning, ...]
    duplicates: tuple[str, ...]  # case numbers


@dataclass(frozen=True)
class IntakeResult:
    proposal_id: str
    case_no: str
    proposal_no: str
    outcome: str  # accepted / accepted_with_deficiencies / returned
    deficiencies: tuple[str, ...]
    return_reasons: tuple[str, ...]


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)


def find_duplicates(session: Session, draft: CaseDraft) -> list[str]:
    """Case numbers of open cases of the same unit (credit code) and a same product whose cover overlaps."""
    if not draft.applicant_credit_code:
        return []
    codes = [line.product_code for line in draft.products]
    rows = session.execute(
        select(Proposal.case_no, Proposal.effective_date, Proposal.term_months).distinct()
        .join(ProposalProduct, ProposalProduct.proposal_id == Proposal.id)
        .where(Proposal.applicant_credit_code == draft.applicant_credit_code,
               ProposalProduct.product_code.in_(codes), Proposal.deleted.is_(False),
               Proposal.state.not_in([s.value for s in workflow.TERMINAL]))
        .order_by(Proposal.case_no)).all()
    start, end = draft.effective_date, _add_months(draft.effective_date, draft.term_months)
    return [case_no for case_no, eff, term in rows
            if eff is not None and eff < end and start < _add_months(eff, term)]


NOTE_LIMIT = 200

# How far from today an effective date may lie: further is a slip (a wrong year), not a plan.
EFFECTIVE_AHEAD_DAYS = 90
EFFECTIVE_BEHIND_DAYS = 365


def _date_window(effective: dt.date, today: dt.date) -> list[str]:
    if effective > today + dt.timedelta(days=EFFECTIVE_AHEAD_DAYS):
        return [f"生效日期 {effective:%Y-%m-%d} 距今超过 {EFFECTIVE_AHEAD_DAYS} 天，请核对年份和月份。"]
    if effective < today - dt.timedelta(days=EFFECTIVE_BEHIND_DAYS):
        return [f"生效日期 {effective:%Y-%m-%d} 已过去一年以上，不能受理，请核对。"]
    return []


def preview(session: Session, draft: CaseDraft, *, now: dt.datetime | None = None) -> IntakePreview:
    """Checklist, refusals and warnings of a draft, without writing anything."""
    now = now or utcnow()
    draft = normalise_draft(draft)
    errors = validate_draft(session, draft)
    if not errors:
        errors += _date_window(draft.effective_date, branch_date(now))
    why = stationery.usable_refusal(session, number=draft.proposal_no, agent_code=draft.agent_code)
    if why:
        errors.insert(0, why)
    try:
        items = tuple(checklist.checklist_for(session, draft))
    except InvalidInput as exc:
        errors.append(exc.message)
        items = ()
    warnings = []
    if draft.effective_date < branch_date(now):
        warnings.append(IntakeWarning("past_date", f"生效日期 {draft.effective_date:%Y-%m-%d} 已过，"
                                                   "须经确认后才能受理（确认将记录在案）。"))
    if draft.payer_bank_account and (note := bank_account_warning(draft.payer_bank_account)):
        warnings.append(IntakeWarning("bank_account", note))
    dups = find_duplicates(session, draft)
    if dups:
        warnings.append(IntakeWarning("duplicate", "疑似重复投保：同一单位、同一险种、保险期间重叠的未结案件 "
                                                   + "、".join(dups) + "。确认不是重复件后才能受理。"))
    return IntakePreview(items, tuple(errors), tuple(warnings), tuple(dups))


def accept_proposal(session: Session, *, actor: Actor, request: IntakeRequest,
                    now: dt.datetime | None = None) -> IntakeResult:
    """Register the proposal with its outcome in the caller's transaction; refusals write nothing.

    Raises TransitionRefused for a user who is not a counter clerk and InvalidInput (every reason,
    Chinese) for a draft or number that is refused, an unknown outcome or checklist code, missing
    materials with outcome `accept`, a return without reasons, or an unconfirmed warning.
    """
    if not actor.has(Role.COUNTER_CLERK):
        raise TransitionRefused("只有柜面受理员可以受理新单。")
    now = now or utcnow()
    draft = normalise_draft(request.draft)
    pv = preview(session, draft, now=now)
    errors = list(pv.errors)
    if request.outcome not in OUTCOMES:
        errors.append(f"未知的受理结果“{request.outcome}”。")
    needed = {item.code: item for item in pv.checklist}
    ticks = {t.code: t for t in request.ticks}
    if request.all_received:
        ticks = {code: Tick(code, True, ticks[code].note if code in ticks else "") for code in needed} | {
            c: t for c, t in ticks.items() if c not in needed}
    unknown = sorted(set(ticks) - set(needed))
    if unknown:
        errors.append("材料清单中没有这些项目：" + "、".join(text.shorten(u) for u in unknown[:5])
                      + ("等" if len(unknown) > 5 else ""))
    notes = [t.note for t in ticks.values()] + list(request.return_reasons)
    if any(len(n) > NOTE_LIMIT for n in notes) or len(request.return_reasons) > 20:
        errors.append(f"材料备注和退件原因每条最多 {NOTE_LIMIT} 个字，退件原因最多 20 条。")
    elif any(text.has_hidden_characters(n) for n in notes):
        errors.append("材料备注或退件原因中有看不见的控制字符，请删除后重新输入。")
    if errors:
        raise InvalidInput("\n".join(errors))
    warned = {w.code: w for w in pv.warnings}
    if "past_date" in warned and not request.confirm_past_date:
        raise InvalidInput(warned["past_date"].message)
    if "duplicate" in warned and not request.confirm_duplicates:
        raise InvalidInput(warned["duplicate"].message)
    missing = [item for item in pv.checklist if not (ticks.get(item.code) and ticks[item.code].received)]
    reasons = tuple(r.strip() for r in request.return_reasons if r.strip())
    if request.outcome == "accept" and missing:
        raise InvalidInput("以下材料未收到或检查未通过：" + "、".join(i.label for i in missing)
                           + "。请选择“受理并登记缺件”或“退件”。")
    if request.outcome == "return" and not reasons:
        reasons = tuple(f"缺少或不符合要求：{i.label}" for i in missing)
        if not reasons:
            raise InvalidInput("退件必须填写退件原因。")
    outcome = RECORDED[request.outcome]
    if outcome == "accepted_with_deficiencies" and not missing:
        outcome = "accepted"

    detail = register_case(session, actor=actor, draft=draft, now=now)
    stationery.mark_used(session, number=draft.proposal_no, agent_code=draft.agent_code,
                         proposal_id=detail.proposal_id, actor=actor, now=now)
    code = branch(session).branch_code
    rules = checklist.load_rules()
    common = {"branch_code": code, "created_at": now, "updated_at": now, "proposal_id": detail.proposal_id}
    session.add(Intake(**common, outcome=outcome, rules_version=rules.version, clerk_id=actor.user_id, at=now,
                       past_date_confirmed="past_date" in warned,
                       duplicates_confirmed="、".join(pv.duplicates) if "duplicate" in warned else "",
                       return_reasons="\n".join(reasons) if outcome == "returned" else ""))
    for item in pv.checklist:
        tick = ticks.get(item.code)
        session.add(IntakeChecklistItem(**common, code=item.code, label=item.label, kind=item.kind,
                                        received=bool(tick and tick.received), note=tick.note if tick else ""))
    deficiencies: tuple[str, ...] = ()
    if outcome == "accepted_with_deficiencies":
        for item in missing:
            tick = ticks.get(item.code)
            session.add(Deficiency(**common, code=item.code, label=item.label, note=tick.note if tick else "",
                                   status="open", raised_by=actor.user_id, raised_at=now))
        deficiencies = tuple(i.label for i in missing)
    session.flush()
    audit.record(session, actor=actor, action="intake.record", target_type="proposal",
                 target_id=detail.proposal_id,
                 detail={"case_no": detail.case_no, "proposal_no": draft.proposal_no, "outcome": outcome,
                         "stationery": "used", "deficiencies": [i.code for i in missing] if deficiencies else [],
                         "past_date_confirmed": "past_date" in warned, "duplicates": list(pv.duplicates)},
                 branch_code=code, now=now)
    if outcome == "returned":
        workflow.perform(session, actor=actor, proposal_id=detail.proposal_id, action="return_papers",
                         reason="；".join(reasons), now=now)
    return IntakeResult(detail.proposal_id, detail.case_no, detail.proposal_no, outcome, deficiencies,
                        reasons if outcome == "returned" else ())


@dataclass(frozen=True)
class FormChoices:
    """What the intake screen offers in its lists (reference data), as (code, label) pairs."""

    agents: tuple[tuple[str, str], ...]
    intermediaries: tuple[tuple[str, str, str], ...]  # code, name, kind
    products: tuple[tuple[str, str, str], ...]  # code, name, business type
    levels: tuple[tuple[str, str, str], ...]  # product code, level, description
    industries: tuple[tuple[str, str], ...]


def form_choices(session: Session) -> FormChoices:
    from desk_app.store.models import Agent, BenefitLevel, Intermediary, OccupationClass, Product

    def rows(stmt: Any) -> tuple[Any, ...]:
        return tuple(tuple(r) for r in session.execute(stmt).all())

    return FormChoices(
        rows(select(Agent.code, Agent.name).where(Agent.deleted.is_(False)).order_by(Agent.code)),
        rows(select(Intermediary.code, Intermediary.name, Intermediary.kind)
             .where(Intermediary.deleted.is_(False)).order_by(Intermediary.code)),
        rows(select(Product.code, Product.name, Product.business_type)
             .where(Product.deleted.is_(False)).order_by(Product.code)),
        rows(select(BenefitLevel.product_code, BenefitLevel.level, BenefitLevel.description)
             .where(BenefitLevel.deleted.is_(False)).order_by(BenefitLevel.product_code, BenefitLevel.level)),
        rows(select(OccupationClass.industry_code, OccupationClass.name)
             .where(OccupationClass.deleted.is_(False)).order_by(OccupationClass.industry_code)),
    )
