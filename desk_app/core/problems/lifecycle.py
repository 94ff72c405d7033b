"""A problem case's life: raised (by validation or by hand) → notice issued → reply received →
resolved (affected fields re-keyed, or the rules pass now) or withdrawn (撤件); a resolved one can
be reopened with a reason. Each step is a ProblemEvent (who, when, why, what) and an audit entry,
written in the caller's transaction; a refusal is a DomainError raised before anything is written.

A case has at most one problem case not yet closed (open, noticed or replied): what is found while
one is open is added to it. While one is open the case cannot be validated (a precondition of the
workflow's `validate` and `resolve_problem`, registered here).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from desk_app.clock import branch_date
from desk_app.core import audit, replies, workflow
from desk_app.core.entry import rounds
from desk_app.core.errors import InvalidInput, NotFound, TransitionRefused
from desk_app.core.forms import form_for
from desk_app.core.problems import checking, numbering
from desk_app.core.problems.clock import countdown
from desk_app.core.problems.views import (
    ACTION_LABELS,
    ACTIVE,
    STATUS_LABELS,
    ItemSpec,
    ProblemEventView,
    ProblemItemView,
    ProblemView,
    Resolution,
)
from desk_app.core.roles import Actor, Role
from desk_app.core.underwriting import decisions
from desk_app.core.workflow import State
from desk_app.store.base import new_id
from desk_app.store.models import (
    Agent,
    Deficiency,
    Page,
    ProblemCase,
    ProblemEvent,
    ProblemItem,
    Proposal,
    User,
)
from desk_app.store.types import utcnow

HANDLERS = frozenset({Role.PROBLEM_HANDLER, Role.SUPERVISOR})
RAISERS = HANDLERS | {Role.ENTRY_OPERATOR, Role.UNDERWRITER}
# Stages a case moves to 问题件 from when a problem case is raised (the workflow's raise_problem).
MOVES_TO_PROBLEM = workflow.ACTIONS["raise_problem"].sources
# Stages where a problem case may be raised and the case keeps its stage (entry not finished yet).
RAISED_IN_PLACE = frozenset({State.RECEIVED, State.SCANNED, State.FIRST_ENTERED, State.SECOND_ENTERED,
                             State.RECONCILE, State.PROBLEM})
REPLY_DOC_TYPE = replies.DOC_TYPE


def _require(actor: Actor, roles: frozenset[Role], what: str) -> None:
    if not actor.roles & roles:
        names = "、".join(r.label for r in sorted(roles))
        raise TransitionRefused(f"您没有{what}的权限，此操作需要{names}角色。")


def require_handler(actor: Actor, what: str) -> None:
    _require(actor, HANDLERS, what)


def _reason(reason: str, what: str) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidInput(f"{what}必须填写原因。")
    return reason.strip()


def find(session: Session, problem_no: str) -> ProblemCase:
    pc = session.scalar(select(ProblemCase).where(ProblemCase.problem_no == problem_no.strip(),
                                                  ProblemCase.deleted.is_(False)))
    if pc is None:
        raise NotFound(f"找不到问题件编号为“{problem_no.strip()}”的问题件。")
    return pc


def active_problem(session: Session, proposal_id: str) -> ProblemCase | None:
    return session.scalar(select(ProblemCase).where(
        ProblemCase.proposal_id == proposal_id, ProblemCase.status.in_(ACTIVE), ProblemCase.deleted.is_(False))
        .order_by(ProblemCase.raised_at.desc()).limit(1))


def ids_of_case(session: Session, proposal_id: str) -> list[str]:
    return list(session.scalars(select(ProblemCase.id).where(
        ProblemCase.proposal_id == proposal_id, ProblemCase.deleted.is_(False))
        .order_by(ProblemCase.raised_at.desc(), ProblemCase.problem_no.desc())))


def _case(session: Session, proposal_id: str) -> Proposal:
    p = session.get(Proposal, proposal_id)
    if p is None or p.deleted:
        raise NotFound("找不到该案件，可能已被删除或不属于本机构。")
    return p


def _event(session: Session, pc: ProblemCase, *, action: str, actor: Actor, now: dt.datetime, reason: str = "",
           detail: dict | None = None) -> None:
    seq = (session.scalar(select(func.max(ProblemEvent.seq)).where(ProblemEvent.problem_id == pc.id)) or 0) + 1
    body = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    session.add(ProblemEvent(problem_id=pc.id, proposal_id=pc.proposal_id, seq=seq, action=action,
                             actor_id=actor.user_id, at=now, reason=reason, detail=body, branch_code=pc.branch_code,
                             created_at=now, updated_at=now))
    pc.updated_at = now
    session.flush()
    audit.record(session, actor=actor, action=f"problem.{action}", target_type="problem_case", target_id=pc.id,
                 detail={"problem_no": pc.problem_no, "status": pc.status, "reason": reason, **(detail or {})},
                 branch_code=pc.branch_code, now=now)


def record_step(session: Session, pc: ProblemCase, *, action: str, actor: Actor, now: dt.datetime,
                reason: str = "", detail: dict | None = None) -> None:
    """A step of another module (the notice) recorded like the steps here."""
    _event(session, pc, action=action, actor=actor, now=now, reason=reason, detail=detail)


def _clean_items(proposal: Proposal, items: Sequence[ItemSpec]) -> list[ItemSpec]:
    form = form_for(proposal.business_type)
    out = []
    for it in items:
        code = (it.code or "").strip()
        text = (it.description or "").strip()
        key = (it.field_key or "").strip() or None
        if not code or not text:
            raise InvalidInput("问题件的每一项都要有代码和说明。")
        if len(code) > 40:
            raise InvalidInput(f"问题代码“{code[:40]}…”太长（最多 40 个字符）。")
        if key is not None and key not in form.keys:
            raise InvalidInput(f"表单“{form.title}”没有字段“{key}”。")
        if it.source not in ("rule", "deficiency", "scan_qc", "manual"):
            raise InvalidInput(f"未知的问题来源“{it.source}”。")
        out.append(ItemSpec(code, text, key, it.source))
    return out


def _agent_of(session: Session, proposal: Proposal) -> str | None:
    """Who the notice goes to: the agent code as keyed from the form, else as taken at the counter."""
    keyed = rounds.settled_values(session, proposal.id).get("agent_code", "").strip().upper()
    code = keyed if keyed and keyed != "无" else (proposal.agent_code or "")
    return code[:20] or None


def raise_case(session: Session, *, actor: Actor, proposal: Proposal, items: Sequence[ItemSpec], source: str,
               reason: str, now: dt.datetime) -> ProblemCase:
    """Open a problem case with these items, or add them to the case's one still open (items it
    already lists, open, are not listed twice). No workflow step: the callers decide that."""
    items = _clean_items(proposal, items)
    if not items:
        raise InvalidInput("问题件至少要有一项问题。")
    pc = active_problem(session, proposal.id)
    if pc is None:
        pc = ProblemCase(proposal_id=proposal.id, problem_no=numbering.next_problem_no(
            session, proposal.branch_code, branch_date(now)), status="open", source=source,
            raised_by=actor.user_id, raised_at=now, agent_code=_agent_of(session, proposal),
            branch_code=proposal.branch_code, created_at=now, updated_at=now)
        session.add(pc)
        session.flush()
        new = items
    else:
        have = set(session.execute(select(ProblemItem.code, ProblemItem.field_key, ProblemItem.description).where(
            ProblemItem.problem_id == pc.id, ProblemItem.status == "open", ProblemItem.deleted.is_(False))).all())
        new = [i for i in items if (i.code, i.field_key, i.description) not in have]
    if new:
        session.execute(insert(ProblemItem), [
            {"id": new_id(), "branch_code": pc.branch_code, "created_at": now, "updated_at": now, "deleted": False,
             "problem_id": pc.id, "proposal_id": proposal.id, "code": i.code, "description": i.description,
             "field_key": i.field_key, "source": i.source, "status": "open"} for i in new])
    _event(session, pc, action="raise", actor=actor, now=now, reason=reason,
           detail={"source": source, "items": [i.code for i in new]})
    return pc


def raise_by_hand(session: Session, *, actor: Actor, proposal_id: str, items: Sequence[ItemSpec], reason: str,
                  now: dt.datetime) -> ProblemCase:
    """A person raises a problem case at any stage before issue: a case at 比对/校验/核保 moves to
    问题件; earlier, it keeps its stage (its open problem case stops the validation later)."""
    _require(actor, RAISERS, "提出问题件")
    proposal = _case(session, proposal_id)
    state = State(proposal.state)
    if state not in MOVES_TO_PROBLEM and state not in RAISED_IN_PLACE:
        raise TransitionRefused(f"案件当前处于“{state.label}”环节，不能再提出问题件。")
    if not items:
        raise InvalidInput("问题件至少要有一项问题。")
    items = [ItemSpec(i.code, i.description, i.field_key, "manual") for i in items]
    why = reason.strip() if isinstance(reason, str) else ""
    pc = raise_case(session, actor=actor, proposal=proposal, items=items, source="manual", reason=why, now=now)
    if state in MOVES_TO_PROBLEM:
        workflow.perform(session, actor=actor, proposal_id=proposal.id, action="raise_problem",
                         reason=why or f"问题件 {pc.problem_no}：{items[0].description}", now=now)
    return pc


def _open(session: Session, problem_no: str, what: str) -> ProblemCase:
    pc = find(session, problem_no)
    if pc.status not in ACTIVE:
        raise TransitionRefused(f"问题件 {pc.problem_no} {STATUS_LABELS[pc.status]}，不能{what}。")
    return pc


def record_reply(session: Session, *, actor: Actor, problem_no: str, page_ids: Sequence[str] = (), note: str = "",
                 now: dt.datetime, via_scan: bool = False) -> ProblemCase:
    """The agent's reply: pages of the case (typed 问题件回复) and/or a note. From the scanning
    station (`via_scan`) the scanning operator records it; by hand, a problem handler."""
    if not via_scan:
        _require(actor, HANDLERS, "登记问题件回复")
    pc = _open(session, problem_no, "登记回复")
    note = note.strip() if isinstance(note, str) else ""
    ids = list(dict.fromkeys(page_ids))
    if not ids and not note:
        raise InvalidInput("登记回复须写明回复内容或选择已扫描的回复影像。")
    for page_id in ids:
        page = session.get(Page, page_id)
        if page is None or page.deleted or page.proposal_id != pc.proposal_id:
            raise InvalidInput("所选影像不是本案件的有效页面。")
        page.doc_type = REPLY_DOC_TYPE
    pc.status = "replied"
    pc.replied_at = now
    _event(session, pc, action="reply", actor=actor, now=now, reason=note,
           detail={"pages": ids, "via": "scan" if via_scan else "hand"})
    return pc


def _close_items(session: Session, pc: ProblemCase, now: dt.datetime) -> None:
    """The items resolved; the deficiencies they carried (materials received, seals present) too."""
    codes = list(session.scalars(select(ProblemItem.code).where(
        ProblemItem.problem_id == pc.id, ProblemItem.source.in_(("deficiency", "scan_qc")),
        ProblemItem.deleted.is_(False))))
    session.execute(update(ProblemItem).where(ProblemItem.problem_id == pc.id, ProblemItem.status == "open")
                    .values(status="resolved", updated_at=now))
    if codes:
        session.execute(update(Deficiency).where(Deficiency.proposal_id == pc.proposal_id,
                                                 Deficiency.code.in_(codes), Deficiency.status == "open")
                        .values(status="resolved", updated_at=now))


def resolve(session: Session, *, actor: Actor, problem_no: str, fields: Sequence[str], reason: str,
            now: dt.datetime) -> Resolution:
    """Close the problem case. With fields: a partial re-entry round of only those (case → 扫描, the
    rules run again when the round is compared). Without, on a case at 问题件: the rules run now and
    the case moves to 校验 when nothing blocks (refused otherwise: re-key or withdraw)."""
    _require(actor, HANDLERS, "处理问题件")
    why = _reason(reason, "问题件解决")
    pc = _open(session, problem_no, "解决")
    proposal = _case(session, pc.proposal_id)
    state = State(proposal.state)
    fields = list(fields)
    if fields and state not in workflow.ACTIONS["reenter"].sources:
        raise TransitionRefused(f"案件当前处于“{state.label}”环节，待比对完成后才能安排重录。")
    pc.status = "resolved"
    pc.closed_at = now
    _close_items(session, pc, now)
    _event(session, pc, action="resolve", actor=actor, now=now, reason=why, detail={"fields": fields})
    round_no = None
    run = None
    if fields:
        round_no = rounds.open_reentry(session, proposal=proposal, fields=fields, now=now)
        workflow.perform(session, actor=actor, proposal_id=proposal.id, action="reenter",
                         reason=f"问题件 {pc.problem_no}：{why}", now=now)
    elif state == State.PROBLEM:
        run = checking.run_rules(session, actor=actor, proposal=proposal, now=now)
        left = checking.rule_items(run) + checking.material_items(session, proposal.id)
        if left:
            raise TransitionRefused(f"校验仍未通过（共 {len(left)} 项）：{left[0].description}"
                                    "请选择需要重新录入的字段，或撤件。")
        workflow.perform(session, actor=actor, proposal_id=proposal.id, action="resolve_problem",
                         reason=f"问题件 {pc.problem_no}：{why}", now=now)
        # Validated again: underwriting as after any validation (issues, or accepted and issued).
        decisions.after_validation(session, actor=actor, proposal_id=proposal.id, now=now)
    return Resolution(view(session, pc.id, now=now), proposal.state, round_no, run)


def withdraw(session: Session, *, actor: Actor, problem_no: str, reason: str, now: dt.datetime) -> ProblemCase:
    """The case withdrawn (撤件) over its problem case: both closed."""
    _require(actor, HANDLERS, "撤件")
    why = _reason(reason, "撤件")
    pc = _open(session, problem_no, "撤件")
    # The case first, while its problem case is still open (what lets a problem handler withdraw it).
    workflow.perform(session, actor=actor, proposal_id=pc.proposal_id, action="withdraw",
                     reason=f"问题件 {pc.problem_no}：{why}", now=now)
    pc.status = "withdrawn"
    pc.closed_at = now
    _event(session, pc, action="withdraw", actor=actor, now=now, reason=why)
    return pc


def reopen(session: Session, *, actor: Actor, problem_no: str, reason: str, now: dt.datetime) -> ProblemCase:
    """A resolved problem case opened again (the fix did not hold): its items open again, and a case
    that moved on to 比对/校验/核保 comes back to 问题件."""
    _require(actor, HANDLERS, "重新打开问题件")
    why = _reason(reason, "重新打开问题件")
    pc = find(session, problem_no)
    if pc.status != "resolved":
        raise TransitionRefused(f"问题件 {pc.problem_no} {STATUS_LABELS[pc.status]}，只有已解决的问题件才能重新打开。")
    proposal = _case(session, pc.proposal_id)
    state = State(proposal.state)
    if state not in MOVES_TO_PROBLEM and state not in RAISED_IN_PLACE:
        raise TransitionRefused(f"案件当前处于“{state.label}”环节，不能重新打开问题件。")
    other = active_problem(session, pc.proposal_id)
    if other is not None:
        raise TransitionRefused(f"本案还有未结的问题件 {other.problem_no}，请在该问题件中处理。")
    pc.status = "open"
    pc.closed_at = None
    pc.reopened += 1
    session.execute(update(ProblemItem).where(ProblemItem.problem_id == pc.id).values(status="open", updated_at=now))
    _event(session, pc, action="reopen", actor=actor, now=now, reason=why)
    if state in MOVES_TO_PROBLEM:
        workflow.perform(session, actor=actor, proposal_id=proposal.id, action="raise_problem",
                         reason=f"问题件 {pc.problem_no} 重新打开：{why}", now=now)
    return pc


def view(session: Session, problem_id: str, *, now: dt.datetime | None = None) -> ProblemView:
    pc = session.get(ProblemCase, problem_id)
    if pc is None:
        raise NotFound("找不到该问题件。")
    p = _case(session, pc.proposal_id)
    form = form_for(p.business_type)
    labels = {f.key: f.label for f in form.fields}
    names = dict(session.execute(select(User.id, User.display_name)).all())
    agent = session.scalar(select(Agent.name).where(Agent.code == pc.agent_code)) if pc.agent_code else None
    items = tuple(ProblemItemView(i.id, i.code, i.description, i.field_key, labels.get(i.field_key or ""), i.source,
                                  i.status)
                  for i in session.scalars(select(ProblemItem).where(
                      ProblemItem.problem_id == pc.id, ProblemItem.deleted.is_(False))
                      .order_by(ProblemItem.created_at, ProblemItem.code)))
    events = tuple(ProblemEventView(e.seq, e.action, ACTION_LABELS.get(e.action, e.action), e.actor_id,
                                    names.get(e.actor_id, ""), e.at, e.reason, json.loads(e.detail or "{}"))
                   for e in session.scalars(select(ProblemEvent).where(ProblemEvent.problem_id == pc.id)
                                            .order_by(ProblemEvent.seq)))
    pages = tuple(dict.fromkeys(pid for e in events if e.action == "reply" for pid in e.detail.get("pages", [])))
    return ProblemView(
        pc.id, pc.problem_no, p.id, p.case_no, p.applicant_name, p.state, pc.status, pc.source, pc.agent_code,
        agent, names.get(pc.raised_by, ""), pc.raised_at, pc.noticed_at, pc.replied_at, pc.closed_at, pc.reopened,
        countdown(pc.due_at, now or utcnow(), closed=pc.status not in ACTIVE), items, events, pages)


@workflow.precondition("validate")
@workflow.precondition("resolve_problem")
def no_open_problem(session: Session, proposal: Proposal, actor: Actor) -> str | None:
    """A case with a problem case still open cannot pass validation."""
    pc = active_problem(session, proposal.id)
    if pc is not None:
        return f"本案有未结的问题件 {pc.problem_no}（{STATUS_LABELS[pc.status]}），须先解决才能校验通过。"
    return None


@replies.recorder
def scanned_reply(session: Session, actor: Actor, problem_no: str, page_ids: Sequence[str], now: dt.datetime) -> None:
    """Pages scanned behind a notice: the reply of a problem case still open; a closed one keeps
    the pages on the case with no new step."""
    pc = session.scalar(select(ProblemCase).where(ProblemCase.problem_no == problem_no,
                                                  ProblemCase.deleted.is_(False)))
    if pc is not None and pc.status in ACTIVE:
        record_reply(session, actor=actor, problem_no=problem_no, page_ids=page_ids, now=now, via_scan=True)


@workflow.precondition("withdraw")
def handler_withdraws_problem_cases(session: Session, proposal: Proposal, actor: Actor) -> str | None:
    """A problem handler (who is not also a counter clerk or supervisor) withdraws only a case
    with a problem case open: the 撤件 of that problem case."""
    if actor.roles & {Role.COUNTER_CLERK, Role.SUPERVISOR} or active_problem(session, proposal.id) is not None:
        return None
    return "问题件处理员只能对有未结问题件的案件撤件。"
