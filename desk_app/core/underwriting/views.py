"""Frozen values of underwriting, as the services hand them to the windows and the command line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from desk_app.core.rules.runs import RunView

ISSUE_LABELS = {
    "SUM_PER_LIFE": "每人保额超限", "TOTAL_SUM": "总保额超限", "TOTAL_PREMIUM": "总保费超限",
    "OCCUPATION_CLASS": "高风险职业类别", "REFUSED_OCCUPATION": "险种拒保职业", "AGE_BAND": "年龄超出常规范围",
    "HEALTH_DECLARATION": "健康告知异常", "PARTICIPATION": "投保比例不足", "SPECIAL_INDUSTRY": "特殊行业",
}
ISSUE_STATUS_LABELS = {"open": "待核保", "approved": "已同意", "declined": "已拒绝"}
DECISION_LABELS = {
    "auto_standard": "自动核保·标准体承保", "standard": "标准体承保", "loading": "加费承保", "exclusion": "除外承保",
    "postpone": "延期", "decline": "拒保", "refer": "上报省公司",
}
APPROVALS = ("standard", "loading", "exclusion")  # the decisions that accept the case
DECISIONS = (*APPROVALS, "postpone", "decline")


@dataclass(frozen=True)
class IssueView:
    issue_id: str
    round: int
    issue_type: str
    type_label: str
    subject: str
    amount: Decimal | None  # the figure authority is granted up to (None: the type has none)
    facts: dict  # the values that raised it
    message: str
    status: str  # open / approved / declined
    decided_by: str | None  # display name
    decided_at: dt.datetime | None


@dataclass(frozen=True)
class DecisionView:
    seq: int
    decision: str
    decision_label: str
    loading_percent: Decimal | None
    exclusion: str
    reason: str
    actor_id: str
    actor_name: str
    authority_level: int
    org_code: str
    at: dt.datetime


@dataclass(frozen=True)
class AuthorityCheck:
    """One open issue against one person's authority: within it, or why not."""

    issue_type: str
    type_label: str
    amount: Decimal | None
    granted: bool  # the level may approve this type at all
    limit: Decimal | None  # up to this amount (None: any amount, when granted)
    within: bool
    message: str  # the refusal sentence when not within ("" when within)


@dataclass(frozen=True)
class GrantView:
    issue_type: str
    type_label: str
    max_amount: Decimal | None  # None: any amount


@dataclass(frozen=True)
class AuthorityProfile:
    level: int
    name: str
    max_sum_insured: Decimal  # the TOTAL_SUM limit of the level
    grants: tuple[GrantView, ...]


@dataclass(frozen=True)
class QueueRow:
    proposal_id: str
    case_no: str
    applicant_name: str
    business_type: str
    state: str
    state_label: str
    state_since: dt.datetime
    sum_insured_total: Decimal
    premium_total: Decimal
    open_issues: int
    issue_types: tuple[str, ...]  # the open issues' types, in registry order
    within_authority: bool  # the asking underwriter could approve it (no open issue above them)
    may_decide: bool  # and is not kept off it by segregation (entered or reconciled it)


@dataclass(frozen=True)
class CaseUnderwriting:
    """One case on the underwriter's screen: its data, rule results, issues, decisions, policy."""

    proposal_id: str
    case_no: str
    proposal_no: str
    applicant_name: str
    business_type: str
    state: str
    state_label: str
    sum_insured_total: Decimal
    premium_total: Decimal
    insured_count: int
    summary: tuple[tuple[str, str], ...]  # (label, value) of the keyed form, in form order
    run: RunView | None  # the newest rule run
    issues: tuple[IssueView, ...]  # the current round's
    decisions: tuple[DecisionView, ...]
    authority: tuple[AuthorityCheck, ...]  # the asking actor's authority over each open issue
    may_decide: bool
    refusal: str  # why the asking actor may not approve it now ("" when they may)
    policy_no: str | None


@dataclass(frozen=True)
class Decided:
    proposal_id: str
    case_no: str
    decision: str
    decision_seq: int
    state: str  # the case's state after (ISSUED, DECLINED, POSTPONED, REFERRED)
    policy_no: str | None  # given when the decision accepts the case


@dataclass(frozen=True)
class AutoOutcome:
    """What auto-underwriting did with a case that just passed validation."""

    issues: int  # the underwriting issues raised (0: accepted automatically)
    state: str
    policy_no: str | None
