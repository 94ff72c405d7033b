"""Validation: the rule book run on a case's keyed values, the run kept on the case; a compared
case moves on to 校验 VALIDATED or stops as a problem case (问题件).

Validation also runs by itself at the end of the transaction that makes a case COMPARED (a
matching second entry, the last reconciled field): see desk_app.services.entry.
"""

from __future__ import annotations

from desk_app import clock
from desk_app.core.problems import validation
from desk_app.core.problems.views import ValidationOutcome
from desk_app.core.roles import Actor
from desk_app.core.rules.runs import RunView
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store

__all__ = ["RunView", "ValidationOutcome", "check_case", "validate", "latest_run"]

CHECKED = Changes(cases=True, sync=True)
MOVED = Changes(cases=True, queues=True, problems=True, sync=True)


def check_case(store: Store, *, actor: Actor, proposal_id: str) -> Done[RunView]:
    """Run the rules on the case's keyed values (the newest settled value of each field) and keep
    the run on the case; the case does not move."""
    with store.transaction() as session:
        run = validation.check(session, actor=actor, proposal_id=proposal_id, now=clock.now())
    return Done(run, CHECKED)


def validate(store: Store, *, actor: Actor, proposal_id: str) -> Done[ValidationOutcome]:
    """A case at 比对 COMPARED: run and keep the rules; with no blocking finding and nothing
    outstanding it moves to 校验 VALIDATED, otherwise a problem case is raised with an item per
    blocking finding, open intake deficiency and scanning defect, and the case moves to 问题件."""
    with store.transaction() as session:
        out = validation.validate_case(session, actor=actor, proposal_id=proposal_id, now=clock.now())
    return Done(out, MOVED)


def latest_run(store: Store, *, proposal_id: str) -> RunView | None:
    """The case's newest rule run with its findings (None if the rules never ran on it)."""
    with store.reading() as session:
        return validation.latest(session, proposal_id)
