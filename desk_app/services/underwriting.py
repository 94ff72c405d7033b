"""Underwriting (核保): the underwriter's queue and case, the decisions within authority, referral up.

A case that passes validation is assessed in the same transaction (core.underwriting.assess): its
underwriting issues are raised and stored; with none it is accepted at standard terms and issued
(承保) with a policy number at once. The others wait in the underwriters' queue (校验/核保):

- `start`: VALIDATED → UNDERWRITING (the underwriter takes the case);
- `decide`: standard / loading (加费 %) / exclusion (除外 wording) accept the case and issue it
  with a policy number; postpone / decline end it. Approving needs authority over every open issue
  (the level's grants; the total sum insured against the level's limit); nobody decides a case
  they keyed or reconciled. On a VALIDATED case `decide` takes it first. A HEAD_OFFICE actor
  decides a REFERRED case the same way (the province's ho_issue / ho_decline / ho_postpone);
- `refer`: above authority → REFERRED (上报省公司), with its reason.

Each decision is a UwDecision (who, authority level, org, reason) and an audit entry; refusals are
one Chinese sentence and nothing is written.
"""

from __future__ import annotations

from decimal import Decimal

from desk_app import clock
from desk_app.core.roles import Actor
from desk_app.core.underwriting import decisions, reads
from desk_app.core.underwriting.views import (
    APPROVALS,
    DECISION_LABELS,
    DECISIONS,
    ISSUE_LABELS,
    AuthorityCheck,
    AuthorityProfile,
    AutoOutcome,
    CaseUnderwriting,
    Decided,
    DecisionView,
    GrantView,
    IssueView,
    QueueRow,
)
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store

__all__ = [
    "APPROVALS", "DECISIONS", "DECISION_LABELS", "ISSUE_LABELS",
    "AuthorityCheck", "AuthorityProfile", "AutoOutcome", "CaseUnderwriting", "Decided", "DecisionView",
    "GrantView", "IssueView", "QueueRow",
    "queue", "show", "profiles", "start", "decide", "refer", "policy_number",
]

# A decision moves the case (its queue and timeline) and is synced.
DECIDED = Changes(cases=True, queues=True, sync=True)


def queue(store: Store, *, actor: Actor) -> list[QueueRow]:
    """Cases waiting for an underwriter (校验 with open issues, 核保), oldest first; for a
    HEAD_OFFICE actor the referred cases (上报)."""
    with store.reading() as session:
        return reads.queue(session, actor=actor, now=clock.now())


def show(store: Store, *, actor: Actor, proposal_id: str) -> CaseUnderwriting:
    """One case as the underwriter sees it: keyed data, the newest rule run, the issues with their
    facts, the decisions so far, the actor's authority over each open issue, the policy number."""
    with store.reading() as session:
        return reads.case(session, actor=actor, proposal_id=proposal_id)


def profiles(store: Store) -> list[AuthorityProfile]:
    """The authority levels with their grants (reference data from head office)."""
    with store.reading() as session:
        return reads.profiles(session)


def start(store: Store, *, actor: Actor, proposal_id: str) -> Done[str]:
    """The underwriter takes a validated case (校验 → 核保); returns the new state."""
    with store.transaction() as session:
        state = decisions.start(session, actor=actor, proposal_id=proposal_id, now=clock.now())
    return Done(state, DECIDED)


def decide(store: Store, *, actor: Actor, proposal_id: str, decision: str, reason: str = "",
           loading_percent: Decimal | None = None, exclusion: str = "") -> Done[Decided]:
    """One underwriting decision (standard | loading | exclusion | postpone | decline)."""
    with store.transaction() as session:
        out = decisions.decide(session, actor=actor, proposal_id=proposal_id, decision=decision, reason=reason,
                               loading_percent=loading_percent, exclusion=exclusion, now=clock.now())
    return Done(out, DECIDED)


def refer(store: Store, *, actor: Actor, proposal_id: str, reason: str) -> Done[Decided]:
    """Send the case up to the provincial office (上报) with the reason."""
    with store.transaction() as session:
        out = decisions.refer(session, actor=actor, proposal_id=proposal_id, reason=reason, now=clock.now())
    return Done(out, DECIDED)


def policy_number(store: Store, *, proposal_id: str) -> str | None:
    """The policy number the case was issued under (None before issue)."""
    with store.reading() as session:
        return reads.policy_number(session, proposal_id)
