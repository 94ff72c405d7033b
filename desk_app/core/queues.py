"""Work queues: the cases waiting for each role, oldest first, with age in working hours.

Pages are fetched by keyset (state_since, id) over the (state, state_since, id) index, one
ordered subquery per state merged with UNION ALL, so the first page of a 100,000-case queue
costs the same as the first page of a 10-case one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, Select, String, and_, bindparam, func, or_, select, union_all
from sqlalchemy.orm import Session

from desk_app.core.roles import Role
from desk_app.core.workflow import TERMINAL, State
from desk_app.core.worktime import working_hours_between
from desk_app.store.models import Proposal
from desk_app.store.types import utcnow

S = State
QUEUE_STATES: dict[Role, tuple[State, ...]] = {
    Role.COUNTER_CLERK: (S.RECEIVED, S.PRINTED, S.RECEIPTED),
    Role.SCANNING_OPERATOR: (S.RECEIVED,),
    Role.ENTRY_OPERATOR: (S.SCANNED, S.FIRST_ENTERED, S.SECOND_ENTERED, S.COMPARED),
    Role.PROBLEM_HANDLER: (S.RECONCILE, S.PROBLEM),
    Role.UNDERWRITER: (S.VALIDATED, S.UNDERWRITING),
    Role.CONTRACT_PREPARER: (S.ISSUED,),
    Role.SUPERVISOR: tuple(s for s in State if s not in TERMINAL),
    Role.HEAD_OFFICE: (S.REFERRED,),
    Role.ADMIN: (),
}

# Service level per stage in working hours; a case waiting longer is overdue (超时).
STAGE_SLA_HOURS: dict[State, float] = {
    S.RECEIVED: 4, S.SCANNED: 8, S.FIRST_ENTERED: 8, S.SECOND_ENTERED: 2, S.RECONCILE: 8,
    S.COMPARED: 2, S.PROBLEM: 40, S.VALIDATED: 8, S.UNDERWRITING: 16, S.REFERRED: 40,
    S.ISSUED: 8, S.PRINTED: 80, S.RECEIPTED: 40,
}

PAGE_SIZE = 200


@dataclass(frozen=True)
class QueueRow:
    proposal_id: str
    case_no: str
    proposal_no: str
    business_type: str
    applicant_name: str
    state: State
    state_since: dt.datetime
    sum_insured_total: Decimal
    age_hours: float
    overdue: bool

    @property
    def cursor(self) -> tuple[dt.datetime, str]:
        return (self.state_since, self.proposal_id)


def queue_roles(roles: frozenset[Role]) -> list[Role]:
    """The queues a user sees, in the order of the paper's flow."""
    return [r for r in QUEUE_STATES if r in roles and QUEUE_STATES[r]]


def queue_count(session: Session, role: Role) -> int:
    states = [s.value for s in QUEUE_STATES[role]]
    if not states:
        return 0
    return session.scalar(
        select(func.count()).select_from(Proposal).where(Proposal.state.in_(states), Proposal.deleted.is_(False))
    ) or 0


def _page_statement(role: Role, *, keyset: bool) -> Select[Any]:
    """The page query of a role's queue, built once: the cursor and the limit are bound parameters.

    Keys first, from the covering index only (one ordered subquery per state, merged); the row
    data is read for the page's ids alone."""
    key = (role, keyset)
    stmt = _statements.get(key)
    if stmt is not None:
        return stmt
    limit = bindparam("limit", type_=Integer)
    parts = []
    for st in QUEUE_STATES[role]:
        q = select(Proposal.state_since, Proposal.id).where(Proposal.state == st.value, Proposal.deleted.is_(False))
        if keyset:
            since, pid = bindparam("since", type_=Proposal.state_since.type), bindparam("pid", type_=String)
            q = q.where(or_(Proposal.state_since > since, and_(Proposal.state_since == since, Proposal.id > pid)))
        parts.append(q.order_by(Proposal.state_since, Proposal.id).limit(limit).subquery().select())
    merged = (parts[0] if len(parts) == 1 else union_all(*parts)).subquery()
    keys = select(merged.c.id).order_by(merged.c.state_since, merged.c.id).limit(limit).subquery()
    stmt = (
        select(Proposal.id, Proposal.case_no, Proposal.proposal_no, Proposal.business_type, Proposal.applicant_name,
               Proposal.state, Proposal.state_since, Proposal.sum_insured_total)
        .join(keys, keys.c.id == Proposal.id)
        .order_by(Proposal.state_since, Proposal.id)
    )
    _statements[key] = stmt
    return stmt


_statements: dict[tuple[Role, bool], Select[Any]] = {}
_STATE_OF = {s.value: s for s in State}


def queue_page(session: Session, role: Role, *, after: tuple[dt.datetime, str] | None = None,
               limit: int = PAGE_SIZE, now: dt.datetime | None = None) -> list[QueueRow]:
    """Up to `limit` cases of the role's queue after the keyset cursor `after`, oldest first."""
    if not QUEUE_STATES[role]:
        return []
    params: dict[str, Any] = {"limit": limit}
    if after is not None:
        params["since"], params["pid"] = after
    now = now or utcnow()
    rows = []
    for r in session.execute(_page_statement(role, keyset=after is not None), params):
        state = _STATE_OF[r.state]
        age = working_hours_between(r.state_since, now)
        rows.append(QueueRow(r.id, r.case_no, r.proposal_no, r.business_type, r.applicant_name, state, r.state_since,
                             r.sum_insured_total, age, age > STAGE_SLA_HOURS.get(state, float("inf"))))
    return rows
