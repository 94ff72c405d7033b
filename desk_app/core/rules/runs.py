"""A run of the rules on a case, kept on the case: anyone can see why it stopped, with the values."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desk_app.core.roles import Actor
from desk_app.core.rules.engine import RULES_VERSION, Finding, Severity
from desk_app.store.base import new_id
from desk_app.store.models import Proposal, RuleResult, RuleRun


@dataclass(frozen=True)
class RunView:
    run_no: int
    at: dt.datetime
    actor_id: str
    rules_version: str
    findings: tuple[Finding, ...]

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.BLOCKING)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def passed(self) -> bool:
        return not self.blocking


def record(session: Session, *, actor: Actor, proposal: Proposal, findings: list[Finding],
           now: dt.datetime) -> RunView:
    """Store one run and its findings (Core inserts: a bad insured list can yield thousands)."""
    run_no = (session.scalar(select(func.max(RuleRun.run_no)).where(RuleRun.proposal_id == proposal.id)) or 0) + 1
    blocking = sum(f.severity is Severity.BLOCKING for f in findings)
    run = RuleRun(proposal_id=proposal.id, run_no=run_no, rules_version=RULES_VERSION, actor_id=actor.user_id,
                  at=now, blocking=blocking, warnings=len(findings) - blocking, branch_code=proposal.branch_code,
                  created_at=now, updated_at=now)
    session.add(run)
    session.flush()
    if findings:
        session.execute(insert(RuleResult), [
            {"id": new_id(), "branch_code": proposal.branch_code, "created_at": now, "updated_at": now,
             "deleted": False, "run_id": run.id, "proposal_id": proposal.id, "code": f.code,
             "severity": f.severity.value, "fields": json.dumps(list(f.fields)), "message": f.message}
            for f in findings])
    return RunView(run_no, now, actor.user_id, RULES_VERSION, tuple(findings))


def latest(session: Session, proposal_id: str) -> RunView | None:
    run = session.scalar(select(RuleRun).where(RuleRun.proposal_id == proposal_id, RuleRun.deleted.is_(False))
                         .order_by(RuleRun.run_no.desc()).limit(1))
    if run is None:
        return None
    rows = session.scalars(select(RuleResult).where(RuleResult.run_id == run.id, RuleResult.deleted.is_(False))
                           .order_by(RuleResult.code))
    return RunView(run.run_no, run.at, run.actor_id, run.rules_version,
                   tuple(Finding(r.code, Severity(r.severity), tuple(json.loads(r.fields)), r.message) for r in rows))
