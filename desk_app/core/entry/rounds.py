"""Rounds of entry on one case: round 1 keys the whole form; a partial re-entry opens a later
round with only the fields it lists (kept as that round's EntryField rows, outcome `reentry`,
until its passes are compared). The case's keyed form is, per field, its newest settled round.
"""

from __future__ import annotations

import json

from sqlalchemy import func, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from desk_app.core.errors import InvalidInput
from desk_app.core.forms import FormDef, form_for
from desk_app.core.workflow import State
from desk_app.store.base import new_id
from desk_app.store.models import EntryField, EntryPass, Proposal

# A field of a later round waiting for its two passes (not a value anyone decided).
REENTRY = "reentry"
PENDING = "pending"
SETTLED = ("match", "first", "second", "third")
SUBMITTED = "submitted"


def form_of(proposal: Proposal) -> FormDef:
    return form_for(proposal.business_type)


def get_pass(session: Session, proposal_id: str, round_no: int, pass_no: int) -> EntryPass | None:
    return session.scalar(select(EntryPass).where(
        EntryPass.proposal_id == proposal_id, EntryPass.round == round_no, EntryPass.pass_no == pass_no,
        EntryPass.deleted.is_(False)))


def current_round(session: Session, proposal: Proposal) -> int:
    """The round being keyed now (or last keyed). A case sent back to scanning after its round was
    compared (send_back, not a partial re-entry) keys the whole form again in a new round."""
    by_pass = session.scalar(select(func.max(EntryPass.round)).where(
        EntryPass.proposal_id == proposal.id, EntryPass.deleted.is_(False))) or 0
    by_field = session.scalar(select(func.max(EntryField.round)).where(
        EntryField.proposal_id == proposal.id, EntryField.deleted.is_(False))) or 0
    r = max(1, by_pass, by_field)
    if proposal.state == State.SCANNED and by_pass == r:
        second = get_pass(session, proposal.id, r, 2)
        if second is not None and second.status == SUBMITTED:
            return r + 1
    return r


def round_fields(session: Session, proposal_id: str, round_no: int, form: FormDef) -> tuple[str, ...]:
    """The field keys a round keys, in form order: a re-entry round's own list, else the whole form."""
    if round_no > 1:
        listed = set(session.scalars(select(EntryField.field_key).where(
            EntryField.proposal_id == proposal_id, EntryField.round == round_no, EntryField.deleted.is_(False))))
        if listed:
            return tuple(k for k in form.keys if k in listed)
    return form.keys


def compared_round(session: Session, proposal: Proposal) -> int | None:
    """The current round if its two passes have been compared, else None."""
    r = current_round(session, proposal)
    n = session.scalar(select(func.count()).select_from(EntryField).where(
        EntryField.proposal_id == proposal.id, EntryField.round == r, EntryField.deleted.is_(False),
        EntryField.outcome != REENTRY))
    return r if n else None


def settled_values(session: Session, proposal_id: str, *, before_round: int | None = None) -> dict[str, str]:
    """Per field, the value of its newest settled round (optionally only rounds before one)."""
    q = select(EntryField.field_key, EntryField.value).where(
        EntryField.proposal_id == proposal_id, EntryField.deleted.is_(False), EntryField.outcome.in_(SETTLED))
    if before_round is not None:
        q = q.where(EntryField.round < before_round)
    out: dict[str, str] = {}
    for key, value in session.execute(q.order_by(EntryField.round)):
        out[key] = value or ""
    return out


def open_reentry(session: Session, *, proposal: Proposal, fields: list[str], now) -> int:  # noqa: ANN001
    """A new round keying only `fields` (after the current round is settled); its number."""
    form = form_of(proposal)
    unknown = [k for k in fields if k not in form.keys]
    if unknown:
        raise InvalidInput(f"表单“{form.title}”没有字段“{'、'.join(unknown)}”。")
    if not fields:
        raise InvalidInput("部分重录至少要列出一个字段。")
    if len(set(fields)) != len(fields):
        raise InvalidInput("重录字段中有重复。")
    pending = session.scalar(select(func.count()).select_from(EntryField).where(
        EntryField.proposal_id == proposal.id, EntryField.deleted.is_(False),
        EntryField.outcome.in_((PENDING, REENTRY))))
    if pending:
        raise InvalidInput("本案还有未确定的字段，不能再开始新一轮重录。")
    new_round = current_round(session, proposal) + 1
    session.execute(insert(EntryField), [
        {"id": new_id(), "branch_code": proposal.branch_code, "created_at": now, "updated_at": now,
         "deleted": False, "proposal_id": proposal.id, "round": new_round, "field_key": k, "first_value": "",
         "second_value": "", "value": None, "outcome": REENTRY, "note": ""}
        for k in fields])
    return new_round


def pass_fields(row: EntryPass) -> tuple[str, ...]:
    return tuple(json.loads(row.fields))
