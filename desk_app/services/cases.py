"""Reading the work: stage counts, queues, one case; and the audited unmasking of a personal field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desk_app.core import privacy, proposals, queues, users, workflow
from desk_app.core.privacy import PersonalField
from desk_app.core.proposals import CaseDetail
from desk_app.core.queues import QueueRow
from desk_app.core.roles import Actor, Role
from desk_app.core.workflow import State
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store


@dataclass(frozen=True)
class BranchStatus:
    branch_code: str
    branch_name: str
    by_state: dict[State, int]

    @property
    def cases(self) -> int:
        return sum(self.by_state.values())


def stage_counts(store: Store) -> dict[State, int]:
    """Cases per workflow state (every state present, zero where none)."""
    with store.reading() as session:
        counts = workflow.count_by_state(session)
    return {s: counts.get(s, 0) for s in State}


def branch_status(store: Store) -> BranchStatus:
    with store.reading() as session:
        info = users.branch(session)
        counts = workflow.count_by_state(session)
    return BranchStatus(info.branch_code, info.branch_name, {s: counts.get(s, 0) for s in State})


def case_detail(store: Store, proposal_id: str) -> CaseDetail:
    with store.reading() as session:
        return proposals.case_detail(session, proposal_id)


def queue_page(store: Store, role: Role, *, after: tuple[dt.datetime, str] | None = None,
               limit: int = 200) -> list[QueueRow]:
    """One page of a role's queue, in one consistent read snapshot."""
    with store.reading() as session:
        return queues.queue_page(session, role, after=after, limit=limit)


def queue_count(store: Store, role: Role) -> int:
    with store.reading() as session:
        return queues.queue_count(session, role)


def unmask(store: Store, *, actor: Actor, proposal_id: str, field: PersonalField, reason: str) -> Done[str]:
    """The full value of one personal field, recorded in the audit log with its reason."""
    with store.transaction() as session:
        value = privacy.unmask(session, actor=actor, proposal_id=proposal_id, field=field, reason=reason).value
    return Done(value, Changes(sync=True))
