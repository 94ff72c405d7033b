"""Cases for the underwriting screens, as the demo store has them (brought to 核保 and 上报 through
the workflow), and the people who decide them as they log in now."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from desk_app.core import users
from desk_app.core.roles import Actor
from desk_app.core.workflow import State
from desk_app.services import underwriting
from desk_app.store.db import Store
from desk_app.store.models import Proposal


def case_at(store: Store, state: State, *, above: Decimal = Decimal(0), up_to: Decimal | None = None) -> str:
    """A demo case in this stage whose total sum insured lies in (above, up_to]: the largest such."""
    with store.reading() as session:
        q = select(Proposal.id).where(Proposal.state == state.value, Proposal.sum_insured_total > above)
        if up_to is not None:
            q = q.where(Proposal.sum_insured_total <= up_to)
        pid = session.scalar(q.order_by(Proposal.sum_insured_total.desc(), Proposal.case_no))
    assert pid is not None, f"no demo case at {state} between {above} and {up_to}"
    return pid


def actor(store: Store, username: str) -> Actor:
    """The user as they log in now (an Actor carries the authority level it was read with)."""
    with store.reading() as session:
        return users.actor_for(session, username)


def case_view(store: Store, who: Actor, pid: str) -> underwriting.CaseUnderwriting:
    return underwriting.show(store, actor=who, proposal_id=pid)
