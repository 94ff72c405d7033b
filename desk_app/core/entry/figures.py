"""Operator figures (录入员工作量与准确率): per operator, and per field, over submitted passes.

- cases: distinct cases with a submitted pass by the operator;
- fields keyed: the pass's values (every field of the round the operator saved or submitted);
- keystrokes: the pass's total (per field: the field's own count);
- differences: fields of the operator's rounds where the two passes differed (pending, or decided);
- kept: of those, decided for this operator's pass (first for pass 1, second for pass 2);
- active minutes: time with the pass open (per field not recorded: 0).
The period is the branch day of submission.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.clock import branch_date
from desk_app.core.entry.rounds import SUBMITTED
from desk_app.core.errors import TransitionRefused
from desk_app.core.roles import Actor, Role
from desk_app.store.models import EntryField, EntryPass, EntryValue, User

DIFFERED = ("pending", "first", "second", "third")
KEPT = {1: "first", 2: "second"}


@dataclass
class Tally:
    cases: set[str]
    fields_keyed: int = 0
    keystrokes: int = 0
    differences: int = 0
    kept: int = 0
    active_ms: int = 0


@dataclass(frozen=True)
class Figure:
    user_id: str
    username: str
    display_name: str
    field_key: str | None
    cases: int
    fields_keyed: int
    keystrokes: int
    differences: int
    kept: int
    active_minutes: float


def figures(session: Session, *, actor: Actor, since: dt.date | None = None, until: dt.date | None = None,
            by_field: bool = False) -> list[Figure]:
    if not actor.has(Role.SUPERVISOR):
        raise TransitionRefused("只有业务主管可以查看录入员的工作量和准确率。")
    passes = [p for p in session.scalars(select(EntryPass).where(
        EntryPass.status == SUBMITTED, EntryPass.deleted.is_(False)))
        if (since is None or branch_date(p.submitted_at) >= since)
        and (until is None or branch_date(p.submitted_at) <= until)]
    by_id = {p.id: p for p in passes}
    tallies: dict[tuple[str, str | None], Tally] = defaultdict(lambda: Tally(set()))
    for p in passes:
        t = tallies[(p.operator_id, None)]
        t.cases.add(p.proposal_id)
        t.keystrokes += p.keystrokes
        t.active_ms += p.active_ms
    if by_id:
        for pass_id, key, strokes in session.execute(select(EntryValue.pass_id, EntryValue.field_key,
                                                            EntryValue.keystrokes).where(EntryValue.deleted.is_(False))):
            p = by_id.get(pass_id)
            if p is None:
                continue
            tallies[(p.operator_id, None)].fields_keyed += 1
            if by_field:
                t = tallies[(p.operator_id, key)]
                t.cases.add(p.proposal_id)
                t.fields_keyed += 1
                t.keystrokes += strokes
        ops = {(p.proposal_id, p.round, p.pass_no): p.operator_id for p in passes}
        for pid, rnd, key, outcome in session.execute(select(
                EntryField.proposal_id, EntryField.round, EntryField.field_key, EntryField.outcome)
                .where(EntryField.outcome.in_(DIFFERED), EntryField.deleted.is_(False))):
            for pass_no in (1, 2):
                op = ops.get((pid, rnd, pass_no))
                if op is None:
                    continue
                for k in ((op, None), (op, key)) if by_field else ((op, None),):
                    tallies[k].differences += 1
                    tallies[k].kept += outcome == KEPT[pass_no]
    users = {u.id: (u.username, u.display_name) for u in session.scalars(select(User))}
    out = [Figure(uid, *users.get(uid, (uid, uid)), key, len(t.cases), t.fields_keyed, t.keystrokes,
                  t.differences, t.kept, round(t.active_ms / 60000, 2))
           for (uid, key), t in tallies.items()]
    return sorted(out, key=lambda f: (f.username, f.field_key or ""))
