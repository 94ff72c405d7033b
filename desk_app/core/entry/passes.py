"""Passes of entry: taking one (from the pool or an assignment), assigning, releasing, keying
values and submitting.

Segregation is checked when a pass is taken, assigned and submitted: the second pass of a round is
never keyed by the operator of its first pass (the pool does not offer it, opening and assigning
refuse it, and the workflow's second_entry step refuses it again). Blindness: a pass's values are
read and written only by its own operator; when a released or reassigned pass goes to another
operator, the previous operator's drafts are tombstoned so the newcomer starts from empty fields.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from sqlalchemy import case, func, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from desk_app.core import workflow
from desk_app.core.entry import compare
from desk_app.core.entry.rounds import SUBMITTED, current_round, form_of, get_pass, pass_fields, round_fields
from desk_app.core.errors import InvalidInput, NotFound, TransitionRefused
from desk_app.core.roles import Actor, Role
from desk_app.core.workflow import State
from desk_app.store.base import new_id
from desk_app.store.models import EntryPass, EntryValue, Proposal, User, UserRole

ASSIGNED, OPEN, RELEASED = "assigned", "open", "released"
HELD = (ASSIGNED, OPEN)
PASS_NAMES = {1: "初录", 2: "二录"}
STAGE_OF_PASS = {1: State.SCANNED, 2: State.FIRST_ENTERED}


def _require_operator(actor: Actor) -> None:
    if not actor.has(Role.ENTRY_OPERATOR):
        raise TransitionRefused("只有录入员可以录入投保单。")


def load_case(session: Session, proposal_id: str) -> Proposal:
    proposal = session.get(Proposal, proposal_id)
    if proposal is None or proposal.deleted:
        raise NotFound("找不到该案件，可能已被删除或不属于本机构。")
    return proposal


def pass_for_stage(proposal: Proposal) -> int:
    for pass_no, state in STAGE_OF_PASS.items():
        if proposal.state == state:
            return pass_no
    raise TransitionRefused(f"案件 {proposal.case_no} 当前处于“{State(proposal.state).label}”环节，不在录入环节。")


def _name(session: Session, user_id: str) -> str:
    return session.scalar(select(User.display_name).where(User.id == user_id)) or "其他录入员"


def segregation_refusal(session: Session, proposal: Proposal, round_no: int, pass_no: int, user_id: str) -> str | None:
    """Why `user_id` may not key this pass (None: may)."""
    other = get_pass(session, proposal.id, round_no, 3 - pass_no)
    if pass_no == 2:
        if other is None or other.status != SUBMITTED:
            return f"案件 {proposal.case_no} 的初录尚未完成，不能二录。"
        if other.operator_id == user_id:
            return "二录必须由初录以外的录入员完成，您已做过本案的初录。"
    elif other is not None and other.operator_id == user_id and other.status in HELD:
        return "您已被指派本案的二录，不能再做初录。"
    return None


def _hand_over(session: Session, row: EntryPass, user_id: str, now: dt.datetime) -> None:
    """The pass goes to another operator: the previous one's drafts are never shown to them."""
    session.execute(update(EntryValue).where(EntryValue.pass_id == row.id, EntryValue.deleted.is_(False))
                    .values(deleted=True, updated_at=now))
    row.operator_id = user_id
    row.keystrokes = 0
    row.active_ms = 0
    row.started_at = None


def take(session: Session, *, actor: Actor, proposal: Proposal, now: dt.datetime) -> EntryPass:
    """Open (or resume) the actor's pass of the case's current stage; refused if they may not key it."""
    _require_operator(actor)
    pass_no = pass_for_stage(proposal)
    round_no = current_round(session, proposal)
    why = segregation_refusal(session, proposal, round_no, pass_no, actor.user_id)
    if why:
        raise TransitionRefused(why)
    row = get_pass(session, proposal.id, round_no, pass_no)
    if row is None:
        form = form_of(proposal)
        row = EntryPass(proposal_id=proposal.id, round=round_no, pass_no=pass_no, form_code=form.code,
                        form_version=form.version, fields=json.dumps(round_fields(session, proposal.id, round_no, form)),
                        operator_id=actor.user_id, status=OPEN, started_at=now, branch_code=proposal.branch_code)
        session.add(row)
    elif row.status == SUBMITTED:
        raise TransitionRefused(f"案件 {proposal.case_no} 的{PASS_NAMES[pass_no]}已经提交。")
    elif row.operator_id != actor.user_id:
        if row.status != RELEASED:
            raise TransitionRefused(
                f"案件 {proposal.case_no} 的{PASS_NAMES[pass_no]}已由{_name(session, row.operator_id)}领取。")
        _hand_over(session, row, actor.user_id, now)
        row.assigned_by = None
    row.status = OPEN
    row.started_at = row.started_at or now
    session.flush()
    return row


def pool(session: Session, *, actor: Actor, batch: int = 50) -> Iterator[Proposal]:
    """Cases this operator could take: their own assigned or opened passes first (oldest first),
    then the shared pool oldest first (longest waiting at its stage)."""
    _require_operator(actor)
    stages = [s.value for s in STAGE_OF_PASS.values()]
    mine = session.scalars(
        select(Proposal).join(EntryPass, EntryPass.proposal_id == Proposal.id)
        .where(EntryPass.operator_id == actor.user_id, EntryPass.status.in_(HELD), EntryPass.deleted.is_(False),
               Proposal.state.in_(stages), Proposal.deleted.is_(False))
        .order_by(Proposal.state_since, Proposal.id)).unique().all()
    yield from mine
    after: tuple[dt.datetime, str] | None = None
    while True:
        q = select(Proposal).where(Proposal.state.in_(stages), Proposal.deleted.is_(False))
        if after is not None:
            q = q.where((Proposal.state_since > after[0])
                        | ((Proposal.state_since == after[0]) & (Proposal.id > after[1])))
        rows = session.scalars(q.order_by(Proposal.state_since, Proposal.id).limit(batch)).all()
        if not rows:
            return
        yield from rows
        after = (rows[-1].state_since, rows[-1].id)


def may_take(session: Session, actor: Actor, proposal: Proposal) -> bool:
    pass_no = pass_for_stage(proposal)
    round_no = current_round(session, proposal)
    if segregation_refusal(session, proposal, round_no, pass_no, actor.user_id):
        return False
    row = get_pass(session, proposal.id, round_no, pass_no)
    return row is None or row.status == RELEASED or (row.operator_id == actor.user_id and row.status in HELD)


def take_next(session: Session, *, actor: Actor, now: dt.datetime) -> EntryPass | None:
    for proposal in pool(session, actor=actor):
        if may_take(session, actor, proposal):
            return take(session, actor=actor, proposal=proposal, now=now)
    return None


def assign(session: Session, *, actor: Actor, proposal: Proposal, pass_no: int, username: str,
           now: dt.datetime) -> EntryPass:
    """A supervisor gives a pass of the case to an operator (taking it from whoever held it)."""
    if not actor.has(Role.SUPERVISOR):
        raise TransitionRefused("只有业务主管可以指派录入任务。")
    if pass_no not in PASS_NAMES:
        raise InvalidInput("录入遍次只能是 1（初录）或 2（二录）。")
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"找不到用户“{username}”。")
    roles = set(session.scalars(select(UserRole.role).where(UserRole.user_id == user.id, UserRole.deleted.is_(False))))
    if not user.active or Role.ENTRY_OPERATOR.value not in roles:
        raise InvalidInput(f"用户“{username}”不是录入员。")
    allowed = (State.SCANNED,) if pass_no == 1 else (State.SCANNED, State.FIRST_ENTERED)
    if proposal.state not in allowed:
        raise TransitionRefused(f"案件 {proposal.case_no} 当前处于“{State(proposal.state).label}”环节，"
                                f"不能指派{PASS_NAMES[pass_no]}。")
    round_no = current_round(session, proposal)
    other = get_pass(session, proposal.id, round_no, 3 - pass_no)
    if other is not None and other.operator_id == user.id and other.status != RELEASED:
        raise TransitionRefused(f"{user.display_name}已做（或已被指派）本案的{PASS_NAMES[3 - pass_no]}，"
                                f"不能再做{PASS_NAMES[pass_no]}。")
    row = get_pass(session, proposal.id, round_no, pass_no)
    if row is None:
        form = form_of(proposal)
        row = EntryPass(proposal_id=proposal.id, round=round_no, pass_no=pass_no, form_code=form.code,
                        form_version=form.version, fields=json.dumps(round_fields(session, proposal.id, round_no, form)),
                        operator_id=user.id, branch_code=proposal.branch_code)
        session.add(row)
    elif row.status == SUBMITTED:
        raise TransitionRefused(f"案件 {proposal.case_no} 的{PASS_NAMES[pass_no]}已经提交。")
    elif row.operator_id != user.id:
        _hand_over(session, row, user.id, now)
    row.status = ASSIGNED
    row.assigned_by = actor.user_id
    session.flush()
    return row


def own_pass(session: Session, actor: Actor, pass_id: str, *, open_only: bool = True) -> EntryPass:
    """The actor's own pass; anyone else's is refused exactly like a pass that does not exist."""
    row = session.get(EntryPass, pass_id)
    if row is None or row.deleted or row.operator_id != actor.user_id:
        raise NotFound("找不到您的这项录入任务。")
    if open_only and row.status != OPEN:
        raise TransitionRefused("该录入任务已提交或已交回，不能再修改，请重新打开。")
    return row


def release(session: Session, *, actor: Actor, pass_id: str) -> EntryPass:
    row = session.get(EntryPass, pass_id)
    supervisor = actor.has(Role.SUPERVISOR)
    if row is None or row.deleted or (row.operator_id != actor.user_id and not supervisor):
        raise NotFound("找不到您的这项录入任务。")
    if row.status not in HELD:
        raise TransitionRefused("该录入任务已提交或已交回。")
    row.status = RELEASED
    session.flush()
    return row


def values_of(session: Session, pass_id: str) -> dict[str, str]:
    return dict(session.execute(select(EntryValue.field_key, EntryValue.value).where(
        EntryValue.pass_id == pass_id, EntryValue.deleted.is_(False))).all())


def _upsert(session: Session, row_values: list[dict]) -> None:
    stmt = insert(EntryValue)
    stmt = stmt.on_conflict_do_update(
        index_elements=["pass_id", "field_key"],
        set_={"value": stmt.excluded.value, "keystrokes": case((EntryValue.deleted, 0), else_=EntryValue.keystrokes)
              + stmt.excluded.keystrokes, "deleted": False, "updated_at": stmt.excluded.updated_at})
    session.execute(stmt, row_values)


def _row(p: EntryPass | tuple, key: str, value: str, keystrokes: int, now: dt.datetime) -> dict:
    pass_id, proposal_id, branch_code = (p.id, p.proposal_id, p.branch_code) if isinstance(p, EntryPass) else p
    return {"id": new_id(), "branch_code": branch_code, "created_at": now, "updated_at": now, "deleted": False,
            "pass_id": pass_id, "proposal_id": proposal_id, "field_key": key, "value": value,
            "keystrokes": max(0, int(keystrokes))}


def _check_value(fields: tuple[str, ...], key: str, value: object) -> None:
    if key not in fields:
        raise InvalidInput(f"本次录入没有字段“{key}”。")
    if not isinstance(value, str):
        raise InvalidInput(f"字段“{key}”的值必须是文字。")


def save_value(session: Session, *, actor: Actor, pass_id: str, key: str, value: str, keystrokes: int,
               now: dt.datetime) -> tuple[str, dict[str, str]]:
    """One field of the actor's open pass, as keyed (one upsert); the form code and the pass's
    values after it, for the inline marks."""
    head = session.execute(select(EntryPass.operator_id, EntryPass.status, EntryPass.fields, EntryPass.proposal_id,
                                  EntryPass.branch_code, EntryPass.form_code, EntryPass.deleted)
                           .where(EntryPass.id == pass_id)).first()
    if head is None or head.deleted or head.operator_id != actor.user_id:
        raise NotFound("找不到您的这项录入任务。")
    if head.status != OPEN:
        raise TransitionRefused("该录入任务已提交或已交回，不能再修改，请重新打开。")
    _check_value(tuple(json.loads(head.fields)), key, value)
    _upsert(session, [_row((pass_id, head.proposal_id, head.branch_code), key, value, keystrokes, now)])
    return head.form_code, values_of(session, pass_id)


def submit(session: Session, *, actor: Actor, pass_id: str, values: dict[str, str] | None,
           keystrokes: int | None, active_ms: int | None, now: dt.datetime) -> tuple[EntryPass, int | None]:
    """Finish the actor's pass: the first moves the case to FIRST_ENTERED; the second is compared at
    once (COMPARED, or RECONCILE with the differing fields pending). Returns the pass and, after a
    second pass, how many fields differ."""
    _require_operator(actor)
    row = own_pass(session, actor, pass_id)
    fields = pass_fields(row)
    if values:
        for key, value in values.items():
            _check_value(fields, key, value)
        _upsert(session, [_row(row, k, v, 0, now) for k, v in values.items()])
    proposal = load_case(session, row.proposal_id)
    if pass_for_stage(proposal) != row.pass_no or current_round(session, proposal) != row.round:
        raise TransitionRefused(f"案件 {proposal.case_no} 已不在这一遍录入的环节。")
    why = segregation_refusal(session, proposal, row.round, row.pass_no, actor.user_id)
    if why:
        raise TransitionRefused(why)
    typed = session.scalar(select(func.coalesce(func.sum(EntryValue.keystrokes), 0)).where(
        EntryValue.pass_id == row.id, EntryValue.deleted.is_(False)))
    row.keystrokes = int(keystrokes) if keystrokes is not None else int(typed or 0)
    started = row.started_at or now
    row.active_ms = int(active_ms) if active_ms is not None else max(0, int((now - started).total_seconds() * 1000))
    row.status = SUBMITTED
    row.submitted_at = now
    session.flush()
    if row.pass_no == 1:
        workflow.perform(session, actor=actor, proposal_id=proposal.id, action="first_entry", now=now)
        return row, None
    workflow.perform(session, actor=actor, proposal_id=proposal.id, action="second_entry", now=now)
    first = get_pass(session, proposal.id, row.round, 1)
    assert first is not None  # segregation_refusal checked it was submitted
    differing = compare.compare_round(session, proposal=proposal, round_no=row.round, fields=fields,
                                      first=values_of(session, first.id), second=values_of(session, row.id), now=now)
    workflow.perform(session, actor=actor, proposal_id=proposal.id,
                     action="compare_match" if differing == 0 else "compare_differ", now=now)
    return row, differing
