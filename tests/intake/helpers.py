"""Shared builders of the intake tests: a valid intake of the demo store, and a store snapshot."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import func, select

from desk_app.core import checklist, intake
from desk_app.store.db import Store
from desk_app.store.models import (
    AuditEntry,
    CaseEvent,
    Deficiency,
    Intake,
    IntakeChecklistItem,
    Proposal,
    StationeryNumber,
    SyncOutbox,
)
from tests.factories import good_draft

# Issued to AG1001 by the demo (see core.demo.DEMO_STATIONERY_ISSUED).
NUMBER = "T440100001"


def draft(**changes: Any):
    return good_draft(**{"proposal_no": NUMBER, "agent_code": "AG1001", **changes})


def request(store: Store, d=None, **changes: Any) -> intake.IntakeRequest:
    """Every checklist item of the draft received, outcome accept."""
    d = d or draft()
    with store.reading() as s:
        items = checklist.checklist_for(s, d)
    req = intake.IntakeRequest(d, tuple(intake.Tick(i.code, True) for i in items))
    return dataclasses.replace(req, **changes)


def snapshot(store: Store) -> dict[str, Any]:
    """Row counts and stationery states: a refused intake must leave all of them as they were."""
    with store.reading() as s:
        out: dict[str, Any] = {m.__tablename__: s.scalar(select(func.count()).select_from(m))
                               for m in (Proposal, CaseEvent, AuditEntry, SyncOutbox, Intake,
                                         IntakeChecklistItem, Deficiency)}
        out["numbers"] = dict(s.execute(select(StationeryNumber.state, func.count())
                                        .group_by(StationeryNumber.state)).all())
    return out
