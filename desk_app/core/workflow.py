"""The case workflow of DOMAIN.md as an explicit state machine.

A case's state is its newest CaseEvent's `to_state`; `Proposal.state` is only a projection
kept for indexed queues and is written here, with the event, and nowhere else. Every step
checks the actor's role, segregation of duties and the step's preconditions, then writes the
event and an audit entry in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.core import audit
from desk_app.core.completeness import scanning_complete
from desk_app.core.errors import NotFound, TransitionRefused
from desk_app.core.roles import Actor, Role
from desk_app.store.models import AuthorityLevel, CaseEvent, Proposal, User
from desk_app.store.types import utcnow


class State(StrEnum):
    RECEIVED = "RECEIVED"
    RETURNED = "RETURNED"
    SCANNED = "SCANNED"
    FIRST_ENTERED = "FIRST_ENTERED"
    SECOND_ENTERED = "SECOND_ENTERED"
    RECONCILE = "RECONCILE"
    COMPARED = "COMPARED"
    PROBLEM = "PROBLEM"
    VALIDATED = "VALIDATED"
    UNDERWRITING = "UNDERWRITING"
    REFERRED = "REFERRED"
    ISSUED = "ISSUED"
    PRINTED = "PRINTED"
    RECEIPTED = "RECEIPTED"
    ARCHIVED = "ARCHIVED"
    DECLINED = "DECLINED"
    POSTPONED = "POSTPONED"
    WITHDRAWN = "WITHDRAWN"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS: dict[State, str] = {
    State.RECEIVED: "受理",
    State.RETURNED: "退件",
    State.SCANNED: "扫描",
    State.FIRST_ENTERED: "初录",
    State.SECOND_ENTERED: "二录",
    State.RECONCILE: "差异处理",
    State.COMPARED: "比对",
    State.PROBLEM: "问题件",
    State.VALIDATED: "校验",
    State.UNDERWRITING: "核保",
    State.REFERRED: "上报",
    State.ISSUED: "承保",
    State.PRINTED: "缮制",
    State.RECEIPTED: "回执",
    State.ARCHIVED: "归档",
    State.DECLINED: "拒保",
    State.POSTPONED: "延期",
    State.WITHDRAWN: "撤件",
}

TERMINAL = frozenset({State.RETURNED, State.ARCHIVED, State.DECLINED, State.POSTPONED, State.WITHDRAWN})
BEFORE_ISSUE = frozenset(
    {
        State.RECEIVED,
        State.SCANNED,
        State.FIRST_ENTERED,
        State.SECOND_ENTERED,
        State.RECONCILE,
        State.COMPARED,
        State.PROBLEM,
        State.VALIDATED,
        State.UNDERWRITING,
        State.REFERRED,
    }
)


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: frozenset[State]
    target: State
    roles: frozenset[Role]
    needs_reason: bool = False


def _a(name: str, label: str, sources: Iterable[State], target: State, roles: Iterable[Role],
       needs_reason: bool = False) -> Action:
    return Action(name, label, frozenset(sources), target, frozenset(roles), needs_reason)


R = Role
S = State
ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        # `receive` creates the case; it has no source state (see start_case).
        _a("receive", "受理", [], S.RECEIVED, [R.COUNTER_CLERK]),
        _a("return_papers", "退件", [S.RECEIVED], S.RETURNED, [R.COUNTER_CLERK], needs_reason=True),
        _a("finish_scan", "扫描完成", [S.RECEIVED], S.SCANNED, [R.SCANNING_OPERATOR]),
        _a("first_entry", "初录完成", [S.SCANNED], S.FIRST_ENTERED, [R.ENTRY_OPERATOR]),
        _a("second_entry", "二录完成", [S.FIRST_ENTERED], S.SECOND_ENTERED, [R.ENTRY_OPERATOR]),
        _a("compare_match", "比对一致", [S.SECOND_ENTERED], S.COMPARED, [R.ENTRY_OPERATOR]),
        _a("compare_differ", "比对有差异", [S.SECOND_ENTERED], S.RECONCILE, [R.ENTRY_OPERATOR]),
        # An entry operator C (neither A nor B, see refusal) settles differences too (issue #13).
        _a("reconcile", "差异处理完成", [S.RECONCILE], S.COMPARED, [R.PROBLEM_HANDLER, R.SUPERVISOR, R.ENTRY_OPERATOR]),
        # Validation runs by itself when a case is compared, as whoever compared it (a supervisor may
        # reconcile): see core.problems.validation.
        _a("validate", "校验通过", [S.COMPARED], S.VALIDATED, [R.ENTRY_OPERATOR, R.PROBLEM_HANDLER, R.SUPERVISOR]),
        _a("raise_problem", "转问题件", [S.COMPARED, S.VALIDATED, S.UNDERWRITING], S.PROBLEM,
           [R.ENTRY_OPERATOR, R.PROBLEM_HANDLER, R.UNDERWRITER, R.SUPERVISOR], needs_reason=True),
        _a("resolve_problem", "问题件解决", [S.PROBLEM], S.VALIDATED, [R.PROBLEM_HANDLER], needs_reason=True),
        _a("send_back", "退回重扫/重录", [S.PROBLEM], S.SCANNED, [R.PROBLEM_HANDLER], needs_reason=True),
        # Partial re-entry: a problem case's changed fields go through first and second entry again
        # (core.entry.rounds opens the new round with only those fields).
        _a("reenter", "部分重录", [S.PROBLEM, S.COMPARED, S.VALIDATED], S.SCANNED, [R.PROBLEM_HANDLER, R.SUPERVISOR],
           needs_reason=True),
        # Auto-underwriting: a validated case with no underwriting issue is accepted at standard terms
        # in the transaction that validated it, as its validator (core.underwriting.decisions, which
        # registers the precondition "no underwriting issues").
        _a("auto_issue", "自动核保通过（承保）", [S.VALIDATED], S.ISSUED,
           [R.ENTRY_OPERATOR, R.PROBLEM_HANDLER, R.SUPERVISOR]),
        _a("start_underwriting", "开始核保", [S.VALIDATED], S.UNDERWRITING, [R.UNDERWRITER]),
        _a("refer", "上报省公司", [S.UNDERWRITING], S.REFERRED, [R.UNDERWRITER], needs_reason=True),
        _a("issue", "核保通过（承保）", [S.UNDERWRITING], S.ISSUED, [R.UNDERWRITER]),
        _a("decline", "拒保", [S.UNDERWRITING], S.DECLINED, [R.UNDERWRITER], needs_reason=True),
        _a("postpone", "延期", [S.UNDERWRITING], S.POSTPONED, [R.UNDERWRITER], needs_reason=True),
        _a("ho_issue", "省公司核保通过", [S.REFERRED], S.ISSUED, [R.HEAD_OFFICE]),
        _a("ho_decline", "省公司拒保", [S.REFERRED], S.DECLINED, [R.HEAD_OFFICE], needs_reason=True),
        _a("ho_postpone", "省公司延期", [S.REFERRED], S.POSTPONED, [R.HEAD_OFFICE], needs_reason=True),
        _a("print_contract", "合同缮制", [S.ISSUED], S.PRINTED, [R.CONTRACT_PREPARER]),
        # The signed receipt comes back at the counter, or scanned (its QR code) at the scanning station.
        _a("receipt", "回执签收", [S.PRINTED], S.RECEIPTED, [R.COUNTER_CLERK, R.SCANNING_OPERATOR]),
        _a("archive", "归档", [S.RECEIPTED], S.ARCHIVED, [R.COUNTER_CLERK, R.SUPERVISOR]),
        # A problem handler withdraws only a case with a problem case open (the problem case's 撤件):
        # a precondition of core.problems.lifecycle.
        _a("withdraw", "撤件", BEFORE_ISSUE, S.WITHDRAWN, [R.COUNTER_CLERK, R.SUPERVISOR, R.PROBLEM_HANDLER],
           needs_reason=True),
    ]
}

# Underwriting decisions are bounded by the decider's authority (权限).
AUTHORITY_BOUND = frozenset({"issue", "decline", "postpone"})

# Preconditions later stages add (e.g. scanning: every required document has pages).
# Each returns None when satisfied, or the Chinese reason it is not.
Precondition = Callable[[Session, Proposal, Actor], "str | None"]
_PRECONDITIONS: dict[str, list[Precondition]] = {}


def precondition(action: str) -> Callable[[Precondition], Precondition]:
    """Register a check that must pass before `action` is allowed."""
    if action not in ACTIONS:
        raise KeyError(action)

    def deco(fn: Precondition) -> Precondition:
        _PRECONDITIONS.setdefault(action, []).append(fn)
        return fn

    return deco


@dataclass(frozen=True)
class EventView:
    seq: int
    action: str
    action_label: str
    from_state: State | None
    to_state: State
    actor_id: str
    actor_name: str
    at: dt.datetime
    reason: str


def derive_state(events: Iterable[CaseEvent]) -> State:
    """The state a history leads to: the last event's target, after checking the chain is unbroken."""
    state: State | None = None
    for ev in sorted(events, key=lambda e: e.seq):
        if (State(ev.from_state) if ev.from_state else None) != state:
            raise ValueError(f"event {ev.seq} starts from {ev.from_state}, history was at {state}")
        state = State(ev.to_state)
    if state is None:
        raise ValueError("a case without events has no state")
    return state


def _load(session: Session, proposal_id: str) -> Proposal:
    proposal = session.get(Proposal, proposal_id)
    if proposal is None or proposal.deleted:
        raise NotFound("找不到该案件，可能已被删除或不属于本机构。")
    return proposal


def _events(session: Session, proposal_id: str) -> list[CaseEvent]:
    return list(session.scalars(select(CaseEvent).where(CaseEvent.proposal_id == proposal_id).order_by(CaseEvent.seq)))


def _last_actor(events: list[CaseEvent], action: str) -> str | None:
    for ev in reversed(events):
        if ev.action == action:
            return ev.actor_id
    return None


def authority_limit(session: Session, level: int) -> Decimal | None:
    row = session.scalar(select(AuthorityLevel).where(AuthorityLevel.level == level))
    return row.max_sum_insured if row else None


def refusal(session: Session, actor: Actor, proposal: Proposal, events: list[CaseEvent],
            action: Action, reason: str) -> str | None:
    """Why `actor` may not take `action` on this case now, or None if they may."""
    state = State(proposal.state)
    if not actor.roles & action.roles:
        roles = "、".join(r.label for r in sorted(action.roles))
        return f"您没有“{action.label}”的权限，此操作需要{roles}角色。"
    if state not in action.sources:
        return f"案件当前处于“{state.label}”环节，不能执行“{action.label}”。"
    if action.needs_reason and not reason.strip():
        return f"“{action.label}”必须填写原因。"
    if action.name == "second_entry" and _last_actor(events, "first_entry") == actor.user_id:
        return "二录必须由初录以外的录入员完成，您已做过本案的初录。"
    if action.name == "reconcile" and not actor.has(Role.SUPERVISOR):
        keyed = {_last_actor(events, "first_entry"), _last_actor(events, "second_entry")}
        if actor.user_id in keyed:
            return "差异处理不能由本案的初录或二录人员完成（业务主管除外）。"
    if action.name in AUTHORITY_BOUND:
        limit = authority_limit(session, actor.authority_level)
        if limit is None:
            return "您没有核保权限级别，不能作核保决定，请上报。"
        if proposal.sum_insured_total > limit:
            return (
                f"本案总保额 {proposal.sum_insured_total:,.2f} 元超出您的核保权限"
                f"（{limit:,.2f} 元），请上报省公司。"
            )
    for check in _PRECONDITIONS.get(action.name, []):
        why = check(session, proposal, actor)
        if why:
            return why
    return None


def _append_event(session: Session, *, proposal: Proposal, action: Action, from_state: State | None,
                  actor: Actor, reason: str, now: dt.datetime, seq: int) -> CaseEvent:
    ev = CaseEvent(
        proposal_id=proposal.id, seq=seq, action=action.name,
        from_state=from_state.value if from_state else None, to_state=action.target.value,
        actor_id=actor.user_id, at=now, reason=reason.strip(), branch_code=proposal.branch_code,
    )
    session.add(ev)
    proposal.state = action.target.value
    proposal.state_since = now
    proposal.updated_at = now
    audit.record(
        session, actor=actor, action=f"case.{action.name}", target_type="proposal", target_id=proposal.id,
        detail={"case_no": proposal.case_no, "from": from_state.value if from_state else None,
                "to": action.target.value, "reason": reason.strip()},
        branch_code=proposal.branch_code, now=now,
    )
    session.flush()
    return ev


def start_case(session: Session, *, actor: Actor, proposal: Proposal, now: dt.datetime | None = None) -> CaseEvent:
    """Record the first event (受理) of a new case that the caller has added to the session."""
    action = ACTIONS["receive"]
    if not actor.roles & action.roles:
        raise TransitionRefused("只有柜面受理员可以受理新单。")
    now = now or utcnow()
    proposal.state = State.RECEIVED.value
    proposal.state_since = now
    session.add(proposal)
    session.flush()
    return _append_event(session, proposal=proposal, action=action, from_state=None, actor=actor,
                         reason="", now=now, seq=1)


def perform(session: Session, *, actor: Actor, proposal_id: str, action: str, reason: str = "",
            now: dt.datetime | None = None) -> EventView:
    """Take one workflow step; raises TransitionRefused (nothing written) when not allowed."""
    act = ACTIONS.get(action)
    if act is None or action == "receive":
        raise TransitionRefused(f"未知的操作“{action}”。")
    proposal = _load(session, proposal_id)
    events = _events(session, proposal_id)
    if derive_state(events).value != proposal.state:
        # The projection disagrees with the record: a bug or an edited file; never act on it.
        raise TransitionRefused("案件状态与其历史记录不一致，请联系系统管理员。")
    why = refusal(session, actor, proposal, events, act, reason)
    if why:
        raise TransitionRefused(why)
    ev = _append_event(session, proposal=proposal, action=act, from_state=State(proposal.state), actor=actor,
                       reason=reason, now=now or utcnow(), seq=events[-1].seq + 1)
    return _view(ev, actor.display_name)


def allowed_actions(session: Session, *, actor: Actor, proposal_id: str) -> list[Action]:
    """The steps this actor could take on this case now (reasons are asked for later)."""
    proposal = _load(session, proposal_id)
    events = _events(session, proposal_id)
    return [
        a for name, a in ACTIONS.items()
        if name != "receive" and refusal(session, actor, proposal, events, a, "x" if a.needs_reason else "") is None
    ]


def history(session: Session, proposal_id: str) -> list[EventView]:
    """The case's timeline, oldest first."""
    rows = session.execute(
        select(CaseEvent, User.display_name)
        .join(User, User.id == CaseEvent.actor_id)
        .where(CaseEvent.proposal_id == proposal_id)
        .order_by(CaseEvent.seq)
    ).all()
    return [_view(ev, name) for ev, name in rows]


def _view(ev: CaseEvent, actor_name: str) -> EventView:
    label = ACTIONS[ev.action].label if ev.action in ACTIONS else ev.action
    return EventView(ev.seq, ev.action, label, State(ev.from_state) if ev.from_state else None,
                     State(ev.to_state), ev.actor_id, actor_name, ev.at, ev.reason)


@dataclass(frozen=True)
class StageSpan:
    state: State
    entered: dt.datetime
    left: dt.datetime | None

    def duration(self, now: dt.datetime) -> dt.timedelta:
        return (self.left or now) - self.entered


def stage_spans(session: Session, proposal_id: str) -> list[StageSpan]:
    """How long the case spent in each stage (the last span is open while the case waits)."""
    evs = history(session, proposal_id)
    return [
        StageSpan(ev.to_state, ev.at, evs[i + 1].at if i + 1 < len(evs) else None)
        for i, ev in enumerate(evs)
    ]


@dataclass(frozen=True)
class StageTurnaround:
    state: State
    cases: int
    mean_hours: float
    max_hours: float


def turnaround_by_stage(session: Session) -> list[StageTurnaround]:
    """Completed time per stage over all cases (作业时效), computed in SQL with LEAD()."""
    nxt = func.lead(CaseEvent.at).over(partition_by=CaseEvent.proposal_id, order_by=CaseEvent.seq)
    spans = select(CaseEvent.to_state.label("state"), CaseEvent.at.label("entered"), nxt.label("left")).subquery()
    hours = (func.julianday(spans.c.left) - func.julianday(spans.c.entered)) * 24.0
    rows = session.execute(
        select(spans.c.state, func.count(), func.avg(hours), func.max(hours))
        .where(spans.c.left.is_not(None))
        .group_by(spans.c.state)
    ).all()
    order = list(State)
    out = [StageTurnaround(State(s), n, float(avg or 0), float(mx or 0)) for s, n, avg, mx in rows]
    return sorted(out, key=lambda t: order.index(t.state))


def count_by_state(session: Session) -> dict[State, int]:
    rows = session.execute(
        select(Proposal.state, func.count()).where(Proposal.deleted.is_(False)).group_by(Proposal.state)
    ).all()
    return {State(s): n for s, n in rows}


@contextmanager
def preconditions_waived(action: str) -> Iterator[None]:
    """Run without the registered preconditions of `action`, then put them back.

    For demo data, benchmarks and tests that move cases along without the papers (a case taken
    through finish_scan with no scanned pages); never for a person's step.
    """
    saved = _PRECONDITIONS.pop(action, None)
    try:
        yield
    finally:
        if saved is not None:
            _PRECONDITIONS[action] = saved


# The stages' own preconditions, registered here so they hold wherever the workflow runs, not only
# after some other module happens to be imported (completeness imports no OpenCV).
precondition("finish_scan")(scanning_complete)
