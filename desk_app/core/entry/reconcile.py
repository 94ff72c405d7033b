"""Reconciliation (差异处理): who may see both values of a round, and recording their decisions.

Only a reconciler who keyed neither pass of the round may read it — an entry operator C, a
problem-case handler or a supervisor; a supervisor who keyed one of the passes is refused too
(they would judge their own value). Refused before any value is read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core import workflow
from desk_app.core.entry import checks
from desk_app.core.entry.normalise import normalise
from desk_app.core.entry.refs import RefTables
from desk_app.core.entry.rounds import PENDING, compared_round, form_of, get_pass, settled_values
from desk_app.core.errors import InvalidInput, TransitionRefused
from desk_app.core.forms import FormDef
from desk_app.core.roles import Actor
from desk_app.core.workflow import State
from desk_app.store.models import EntryField, EntryPass, Proposal

PICKS = {"1": "first", "2": "second", "3": "third"}


@dataclass(frozen=True)
class Decision:
    field_key: str
    pick: str  # "1" / "2" / "3"
    value: str = ""
    note: str = ""


def reconciler_round(session: Session, actor: Actor, proposal: Proposal) -> tuple[int, EntryPass, EntryPass]:
    """The round the actor may see both values of, with its two passes; refused otherwise."""
    if not actor.roles & workflow.ACTIONS["reconcile"].roles:
        raise TransitionRefused("您没有差异处理的权限。")
    round_no = compared_round(session, proposal)
    first = get_pass(session, proposal.id, round_no, 1) if round_no else None
    second = get_pass(session, proposal.id, round_no, 2) if round_no else None
    if round_no is None or first is None or second is None:
        raise TransitionRefused(f"案件 {proposal.case_no} 的本轮录入尚未比对，不能查看两遍录入的值。")
    if actor.user_id in (first.operator_id, second.operator_id):
        raise TransitionRefused("您录入过本案（初录或二录），不能查看或处理本案的差异。")
    return round_no, first, second


def round_rows(session: Session, proposal_id: str, round_no: int, form: FormDef) -> list[EntryField]:
    rows = {r.field_key: r for r in session.scalars(select(EntryField).where(
        EntryField.proposal_id == proposal_id, EntryField.round == round_no, EntryField.deleted.is_(False)))}
    return [rows[k] for k in form.keys if k in rows]


def candidate_marks(form: FormDef, refs: RefTables, base: dict[str, str], rows: list[EntryField], key: str,
                    which: int) -> list[checks.Mark]:
    """The checks touching field `key` if the value of pass `which` were kept, the round's other
    undecided fields read from the same pass."""
    values = dict(base)
    for r in rows:
        if r.outcome == PENDING:
            values[r.field_key] = r.first_value if which == 1 else r.second_value
        else:
            values[r.field_key] = r.value or ""
    return checks.marks_for(form, key, values, refs)


def base_values(session: Session, proposal_id: str, round_no: int) -> dict[str, str]:
    return settled_values(session, proposal_id, before_round=round_no)


def decide(session: Session, *, actor: Actor, proposal: Proposal, decisions: list[Decision],
           now: dt.datetime) -> int:
    """Record the decisions on pending fields; when none is left the case moves to COMPARED.
    Returns how many fields still wait."""
    if proposal.state != State.RECONCILE:
        raise TransitionRefused(f"案件 {proposal.case_no} 当前处于“{State(proposal.state).label}”环节，没有待处理的差异。")
    round_no, _first, _second = reconciler_round(session, actor, proposal)
    form = form_of(proposal)
    rows = {r.field_key: r for r in round_rows(session, proposal.id, round_no, form)}
    seen: set[str] = set()
    for d in decisions:
        row = rows.get(d.field_key)
        if row is None:
            raise InvalidInput(f"本轮比对没有字段“{d.field_key}”。")
        if d.field_key in seen:
            raise InvalidInput(f"字段“{d.field_key}”的处理重复出现。")
        seen.add(d.field_key)
        if row.outcome != PENDING:
            raise InvalidInput(f"字段“{form.field(d.field_key).label}”没有待处理的差异。")
        if d.pick not in PICKS:
            raise InvalidInput(f"字段“{d.field_key}”的选择只能是 1（初录）、2（二录）或 3（重新录入）。")
        if not isinstance(d.value, str) or not isinstance(d.note, str):
            raise InvalidInput(f"字段“{d.field_key}”的值和备注必须是文字。")
        if d.pick == "3":
            value = normalise(form.field(d.field_key), d.value, form)
            if value == "" and form.field(d.field_key).required:
                raise InvalidInput(f"字段“{form.field(d.field_key).label}”选择重新录入时必须填写值。")
        else:
            value = row.first_value if d.pick == "1" else row.second_value
        row.value = value
        row.outcome = PICKS[d.pick]
        row.decided_by = actor.user_id
        row.decided_at = now
        row.note = d.note.strip()
        row.updated_at = now
    session.flush()
    remaining = sum(1 for r in rows.values() if r.outcome == PENDING)
    if remaining == 0:
        workflow.perform(session, actor=actor, proposal_id=proposal.id, action="reconcile", now=now)
    return remaining
