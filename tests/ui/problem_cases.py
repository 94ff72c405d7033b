"""Problem cases for the UI tests, made through the real services on the demo store's cases.

The due time of a notice is set by the service from the clock at issue; issuing under a clock
moved back (`clock.use`) gives a problem case that is overdue, or due soon, now.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from desk_app import clock
from desk_app.core.problems.views import ItemSpec, NoticePaper, ProblemView
from desk_app.core.roles import Actor
from desk_app.core.workflow import State
from desk_app.services import problems
from desk_app.store.db import Store
from desk_app.store.models import Proposal

# Stages from which a hand-raised problem case moves the case to 问题件.
MOVABLE = (State.COMPARED, State.VALIDATED, State.UNDERWRITING)


def cases_at(store: Store, *states: State) -> list[str]:
    """Proposal ids of the demo cases in these stages, in case-number order."""
    with store.reading() as session:
        return list(session.scalars(select(Proposal.id).where(Proposal.state.in_([s.value for s in states]))
                                    .order_by(Proposal.case_no)))


def raise_on(store: Store, actor: Actor, proposal_id: str, *,
             items: tuple[ItemSpec, ...] = (ItemSpec("MANUAL", "保费合计与费率表重算不符，请业务员核实", "premium_total"),),
             at: dt.datetime | None = None) -> ProblemView:
    with clock.use(clock.Clock(at or clock.now(), frozen=True)):
        return problems.raise_problem(store, actor=actor, proposal_id=proposal_id, items=items,
                                      reason="复核发现").value


def notice_at(store: Store, actor: Actor, problem_no: str, at: dt.datetime) -> NoticePaper:
    """Issue the notice as if it were `at` (its due time counts from then)."""
    with clock.use(clock.Clock(at, frozen=True)):
        return problems.issue_notice(store, actor=actor, problem_no=problem_no).value


def next_wednesday_at_ten() -> clock.Clock:
    """A clock standing still on the next Wednesday, 10:00 branch time: inside working hours, with
    whole working days on either side, whatever day and hour the tests run."""
    today = clock.today()
    ahead = (2 - today.weekday()) % 7 or 7
    return clock.Clock.at_branch(today + dt.timedelta(days=ahead), frozen=True)


def due_soon_and_overdue(store: Store, actor: Actor) -> dict[str, ProblemView]:
    """Four problem cases as of the current clock (call inside `clock.use(next_wednesday_at_ten())`):
    overdue (noticed two weeks ago), due within the hour (noticed a week ago, an hour later in the
    day: five working days are one calendar week), due in five working days (noticed now), and one
    without a notice yet."""
    now = clock.now()
    ids = cases_at(store, *MOVABLE)
    made = {name: raise_on(store, actor, pid, at=now - dt.timedelta(days=15))
            for name, pid in zip(("overdue", "soon", "later", "unnoticed"), ids, strict=False)}
    notice_at(store, actor, made["overdue"].problem_no, now - dt.timedelta(days=14))
    notice_at(store, actor, made["soon"].problem_no, now - dt.timedelta(days=7) + dt.timedelta(hours=1))
    notice_at(store, actor, made["later"].problem_no, now)
    return made
