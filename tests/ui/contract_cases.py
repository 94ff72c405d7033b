"""Contract prints for the UI tests, made through the real contract services on the demo's issued cases.

A print made under a clock moved back (`clock.use`) is a contract printed that many days ago: the
receipt queue counts its days from it.
"""

from __future__ import annotations

import datetime as dt

from desk_app import clock
from desk_app.core.contracts.payload import page_payload
from desk_app.core.contracts.views import PrintedContract
from desk_app.core.roles import Actor
from desk_app.core.workflow import State
from desk_app.services import contracts
from desk_app.store.db import Store
from tests.ui.problem_cases import cases_at


def issued(store: Store) -> list[str]:
    """Proposal ids of the demo's cases waiting for their contract, in case-number order."""
    ids = cases_at(store, State.ISSUED)
    assert ids, "the demo store has no issued case"
    return ids


def print_at(store: Store, actor: Actor, proposal_id: str, at: dt.datetime | None = None) -> PrintedContract:
    with clock.use(clock.Clock(at or clock.now(), frozen=True)):
        return contracts.print_contract(store, actor=actor, proposal_id=proposal_id, printer="测试打印机").value


def qr_text(printed: PrintedContract, page: int = 1) -> str:
    """What a USB scanner types for that page of that print (the text of the page's QR code)."""
    return page_payload(printed.policy_no, page, printed.pages, printed.print_seq, printed.content_hash)
