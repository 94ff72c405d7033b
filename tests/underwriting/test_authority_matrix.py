"""The authority matrix: generated cases × underwriter levels. The expected answer comes from the
published authority file read here on its own (not through the code under test). In memory,
10,000 generated cases at every level through core.underwriting.authority; through the store,
generated cases decided by the services (300, or 1,000 with BRANCHDESK_FULL_SLOW=1): every
within-authority decision succeeds, every other one is refused, and the decisions recorded are
audited afterwards against the file — 0 above authority."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import insert, select, update

from desk_app.core import demo, users
from desk_app.core.errors import DomainError
from desk_app.core.roles import Role
from desk_app.core.underwriting import authority
from desk_app.core.underwriting.views import ISSUE_LABELS
from desk_app.core.workflow import State
from desk_app.paths import resources_dir
from desk_app.services import underwriting
from desk_app.store.models import Proposal, UwDecision, UwIssue
from desk_app.store.types import utcnow

FULL = os.environ.get("BRANCHDESK_FULL_SLOW") == "1"
TYPES = sorted(ISSUE_LABELS)
NO_AMOUNT = {"PARTICIPATION", "REFUSED_OCCUPATION"}


def published() -> tuple[dict[int, dict[str, Decimal | None]], dict[int, Decimal]]:
    doc = json.loads((resources_dir() / "refdata" / "authority_levels.json").read_text("utf-8"))
    grants = {r["level"]: {g["issue_type"]: None if g["max_amount"] is None else Decimal(g["max_amount"])
                           for g in r.get("grants", [])} for r in doc["rows"]}
    return grants, {r["level"]: Decimal(r["max_sum_insured"]) for r in doc["rows"]}


GRANTS, MAX_SUM = published()


def expected(level: int, issues: list[tuple[str, Decimal | None]], total: Decimal) -> bool:
    """May this level accept the case? Straight from the file."""
    if level not in GRANTS or total > MAX_SUM[level]:
        return False
    for kind, amount in issues:
        if kind == "TOTAL_SUM":
            limit: Decimal | None = MAX_SUM[level]
        elif kind not in GRANTS[level]:
            return False
        else:
            limit = GRANTS[level][kind]
        if limit is not None and amount is not None and amount > limit:
            return False
    return True


def edges() -> list[Decimal]:
    limits = {a for g in GRANTS.values() for a in g.values() if a is not None} | set(MAX_SUM.values())
    return sorted({x + d for x in limits for d in (Decimal("-0.01"), Decimal(0), Decimal("0.01"))})


def generated(rng: random.Random, points: list[Decimal]) -> tuple[list[tuple[str, Decimal | None]], Decimal]:
    issues = []
    for kind in rng.sample(TYPES, rng.choice([0, 1, 1, 2, 2, 3, 4])):
        amount = None if kind in NO_AMOUNT else (
            rng.choice(points) if rng.random() < 0.6 else Decimal(rng.randrange(1, 6_000_000_000)) / 100)
        issues.append((kind, amount))
    total = rng.choice(points) if rng.random() < 0.3 else Decimal(rng.randrange(100_000, 6_000_000_000)) / 100
    total_issue = next((a for k, a in issues if k == "TOTAL_SUM"), None)
    return issues, total_issue if total_issue is not None else total


def test_ten_thousand_generated_cases_at_every_level(demo_store):
    rng = random.Random(15)
    points = edges()
    with demo_store.reading() as s:
        grants = {lv: authority.grants_of(s, lv) for lv in range(0, 6)}
    agree = within = 0
    for _ in range(10_000):
        issues, total = generated(rng, points)
        open_ = [authority.OpenIssue(k, a) for k, a in issues]
        for level, g in grants.items():
            ok = authority.refusal(open_, g, case_total=total) is None
            assert ok == expected(level, issues, total), (level, issues, total)
            agree += 1
            within += ok
    assert agree == 60_000 and 0 < within < agree


def _underwriters(store, admin) -> dict[int, object]:
    with store.transaction() as s:
        for level in range(1, 5):
            users.add_user(s, actor=admin, username=f"uwl{level}", display_name=f"核保员 {level} 级",
                           password="Passw0rd9", roles=[Role.UNDERWRITER], authority_level=level)
        return {level: users.actor_for(s, f"uwl{level}") for level in range(1, 5)}


@pytest.mark.slow
def test_generated_cases_decided_through_the_store(demo_store, actors):
    n = 1_000 if FULL else 300
    rng = random.Random(1515)
    points = edges()
    deciders = _underwriters(demo_store, actors["admin"])
    now = utcnow()
    with demo_store.transaction() as s:
        before = set(s.scalars(select(Proposal.id).where(Proposal.state == State.UNDERWRITING.value)))
        demo.bulk_cases(s, n=n, states=[State.UNDERWRITING], seed=99)
        ids = sorted(set(s.scalars(select(Proposal.id).where(Proposal.state == State.UNDERWRITING.value))) - before)
        plan = {}
        rows = []
        for pid in ids:
            issues, total = generated(rng, points)
            plan[pid] = (issues, total)
            s.execute(update(Proposal).where(Proposal.id == pid).values(sum_insured_total=total))
            rows += [{"id": str(uuid.uuid4()), "branch_code": "GD0101", "created_at": now + dt.timedelta(microseconds=k),
                      "updated_at": now, "deleted": False, "proposal_id": pid, "round": 1, "issue_type": kind,
                      "subject": str(k), "amount": amount, "facts": "{}", "message": f"生成的核保问题 {kind}",
                      "status": "open", "decided_by": None, "decided_at": None}
                     for k, (kind, amount) in enumerate(issues)]
        if rows:
            s.execute(insert(UwIssue), rows)
    succeeded = refused = 0
    for pid in ids:
        issues, total = plan[pid]
        level = rng.randrange(1, 5)
        decision = rng.choice(["standard", "standard", "loading", "exclusion", "decline"])
        kw = {"loading_percent": "25"} if decision == "loading" else {"exclusion": "除外：既往症"} \
            if decision == "exclusion" else {}
        may = expected(level, issues, total) if decision != "decline" else expected(level, [], total)
        try:
            underwriting.decide(demo_store, actor=deciders[level], proposal_id=pid, decision=decision,
                                reason="核保意见", **kw)
        except DomainError as exc:
            assert not may, f"within authority but refused: level {level}, {issues}, {total}: {exc.message}"
            assert "权限" in exc.message
            refused += 1
        else:
            assert may, f"decided above authority: level {level}, {issues}, {total}"
            succeeded += 1
    # The record itself, audited against the file: no approval above its decider's authority.
    violations = 0
    with demo_store.reading() as s:
        for d in s.scalars(select(UwDecision).where(UwDecision.proposal_id.in_(ids))):
            issues, total = plan[d.proposal_id]
            ok = expected(d.authority_level, issues if d.decision != "decline" else [], total)
            violations += not ok
    print(f"{n} cases: {succeeded} decided, {refused} refused, {violations} violations")
    assert violations == 0 and succeeded > n // 10 and refused > n // 10
