"""Underwriting authority (权限) as data: a level's grants say which issue types it may approve and
up to which amount; the level's max_sum_insured is its TOTAL_SUM limit (the largest case it may
decide at all, as core.workflow checks for every branch decision).

`check` is a pure function of the open issues, the grants and the case total, so the authority
matrix test can run it on generated cases without a store; `grants_of` reads a level from the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core.underwriting.views import ISSUE_LABELS, AuthorityCheck
from desk_app.store.models import AuthorityGrant, AuthorityLevel

ANY = None  # a grant without an amount: any amount of that type


@dataclass(frozen=True)
class Grants:
    """What one level may approve: issue type → max amount (None: any), and its case-size limit."""

    level: int
    name: str
    max_sum_insured: Decimal
    by_type: Mapping[str, Decimal | None]


@dataclass(frozen=True)
class OpenIssue:
    issue_type: str
    amount: Decimal | None


def grants_of(session: Session, level: int) -> Grants | None:
    """The level's grants (None: no such level, e.g. 0, which may not underwrite)."""
    row = session.scalar(select(AuthorityLevel).where(AuthorityLevel.level == level, AuthorityLevel.deleted.is_(False)))
    if row is None or level <= 0:
        return None
    grants = session.execute(select(AuthorityGrant.issue_type, AuthorityGrant.max_amount).where(
        AuthorityGrant.level == level, AuthorityGrant.deleted.is_(False))).all()
    by_type: dict[str, Decimal | None] = {t: a for t, a in grants}
    by_type["TOTAL_SUM"] = row.max_sum_insured  # the level's limit is its TOTAL_SUM grant
    return Grants(level, row.name, row.max_sum_insured, by_type)


def _yuan(v: Decimal) -> str:
    return f"{v:,.2f}"


def one(issue: OpenIssue, grants: Grants | None) -> AuthorityCheck:
    label = ISSUE_LABELS.get(issue.issue_type, issue.issue_type)
    if grants is None:
        return AuthorityCheck(issue.issue_type, label, issue.amount, False, None, False,
                              f"您没有核保权限级别，不能同意“{label}”，请上报省公司。")
    if issue.issue_type not in grants.by_type:
        return AuthorityCheck(issue.issue_type, label, issue.amount, False, None, False,
                              f"“{label}”不在您的核保权限（{grants.name}）之内，请上报省公司。")
    limit = grants.by_type[issue.issue_type]
    if limit is ANY or issue.amount is None or issue.amount <= limit:
        return AuthorityCheck(issue.issue_type, label, issue.amount, True, limit, True, "")
    return AuthorityCheck(issue.issue_type, label, issue.amount, True, limit, False,
                          f"“{label}”金额 {_yuan(issue.amount)} 元超出您的核保权限（{grants.name}，上限 "
                          f"{_yuan(limit)} 元），请上报省公司。")


def check(issues: Iterable[OpenIssue], grants: Grants | None, *, case_total: Decimal) -> list[AuthorityCheck]:
    """The authority over each open issue, and over the case's total sum insured (every decision
    needs that: the level's limit), the refusals first."""
    checks = [one(i, grants) for i in issues]
    if not any(i.issue_type == "TOTAL_SUM" for i in checks):
        size = one(OpenIssue("TOTAL_SUM", case_total), grants)
        if not size.within:
            checks.append(size)
    return sorted(checks, key=lambda c: c.within)


def refusal(issues: Iterable[OpenIssue], grants: Grants | None, *, case_total: Decimal) -> str | None:
    """Why this level may not approve the case (the first issue above it), or None if it may."""
    for c in check(issues, grants, case_total=case_total):
        if not c.within:
            return c.message
    return None
