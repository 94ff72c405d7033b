"""Contract prints for the UI tests, made through the real contract services on the demo's issued cases.

A print made under a clock moved back (`clock.use`) is a contract printed that many days ago: the
receipt queue counts its days from it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from desk_app import clock
from desk_app.core.contracts.payload import page_payload
from desk_app.core.contracts.views import PrintedContract
from desk_app.core.roles import Actor
from desk_app.core.underwriting import numbering
from desk_app.core.users import branch
from desk_app.core.workflow import State
from desk_app.services import contracts
from desk_app.store.db import Store
from desk_app.store.models import PolicyNumber, Proposal, User
from tests.ui.problem_cases import cases_at


def issued(store: Store) -> list[str]:
    """Proposal ids of the demo's cases waiting for their contract, in case-number order, each with
    its policy number (given as issuing gives it, by the underwriting core's numbering, where the
    demo moved the case to 承保 without one)."""
    ids = cases_at(store, State.ISSUED)
    assert ids, "the demo store has no issued case"
    with store.transaction() as session:
        numbered = set(session.scalars(select(PolicyNumber.proposal_id)))
        uw = session.scalar(select(User.id).where(User.username == "uw"))
        for pid in ids:
            if pid not in numbered:
                numbering.assign(session, proposal_id=pid, org_code=branch(session).branch_code, actor_id=uw,
                                 now=clock.now(), branch_code=session.get(Proposal, pid).branch_code)
    return ids


def print_at(store: Store, actor: Actor, proposal_id: str, at: dt.datetime | None = None) -> PrintedContract:
    with clock.use(clock.Clock(at or clock.now(), frozen=True)):
        return contracts.print_contract(store, actor=actor, proposal_id=proposal_id, printer="测试打印机").value


def qr_text(printed: PrintedContract, page: int = 1) -> str:
    """What a USB scanner types for that page of that print (the text of the page's QR code)."""
    return page_payload(printed.policy_no, page, printed.pages, printed.print_seq, printed.content_hash)
