"""Assessing a validated case: its underwriting issues raised from its keyed values and insured
list, and kept as UwIssue rows of a new round (a case validated again after a problem case is
assessed again; the newest round is the one that counts)."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desk_app.clock import branch_date
from desk_app.core.entry.rounds import settled_values
from desk_app.core.rules.facts import CaseFacts
from desk_app.core.rules.loading import case_facts
from desk_app.core.underwriting.issues import RaisedIssue, raise_issues
from desk_app.core.underwriting.lives import lives, premium, total_sum
from desk_app.store.base import new_id
from desk_app.store.models import Proposal, UwIssue


def facts_of(session: Session, proposal: Proposal, now: dt.datetime) -> CaseFacts:
    """The case's facts as the rule book sees them (per field its newest settled value)."""
    return case_facts(session, proposal, settled_values(session, proposal.id), today=branch_date(now))


def current_round(session: Session, proposal_id: str) -> int:
    return session.scalar(select(func.max(UwIssue.round)).where(UwIssue.proposal_id == proposal_id,
                                                                UwIssue.deleted.is_(False))) or 0


def current_issues(session: Session, proposal_id: str) -> list[UwIssue]:
    """The newest round's issues, in the order they were raised."""
    rnd = current_round(session, proposal_id)
    if not rnd:
        return []
    return list(session.scalars(select(UwIssue).where(
        UwIssue.proposal_id == proposal_id, UwIssue.round == rnd, UwIssue.deleted.is_(False))
        .order_by(UwIssue.created_at, UwIssue.issue_type, UwIssue.subject)))


def open_issues(session: Session, proposal_id: str) -> list[UwIssue]:
    return [i for i in current_issues(session, proposal_id) if i.status == "open"]


def store_issues(session: Session, *, proposal: Proposal, raised: list[RaisedIssue], now: dt.datetime) -> int:
    """Keep the raised issues as a new round (Core insert); returns the round (0 when none)."""
    if not raised:
        return 0
    rnd = current_round(session, proposal.id) + 1
    session.execute(insert(UwIssue), [
        {"id": new_id(), "branch_code": proposal.branch_code, "created_at": now + dt.timedelta(microseconds=k),
         "updated_at": now, "deleted": False, "proposal_id": proposal.id, "round": rnd, "issue_type": i.issue_type,
         "subject": i.subject[:60], "amount": i.amount, "facts": json.dumps(i.facts, ensure_ascii=False, sort_keys=True),
         "message": i.message, "status": "open", "decided_by": None, "decided_at": None}
        for k, i in enumerate(raised)])
    return rnd


def assess(session: Session, *, proposal: Proposal, now: dt.datetime) -> list[RaisedIssue]:
    """Raise and keep the case's issues; the case's totals become the keyed figures (what the
    underwriter decides on, and what the workflow's authority limit is checked against)."""
    facts = facts_of(session, proposal, now)
    if facts.lines():
        proposal.sum_insured_total = total_sum(lives(facts))
        keyed_premium = premium(facts)
        if keyed_premium is not None:
            proposal.premium_total = keyed_premium
    raised = raise_issues(facts)
    store_issues(session, proposal=proposal, raised=raised, now=now)
    return raised
