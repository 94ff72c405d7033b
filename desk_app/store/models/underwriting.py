"""Underwriting (核保): the questions a case raises, the decisions on it, and its policy number.

An UwIssue is an underwriting question raised by the underwriting rules (a sum insured per life
above a limit, an occupation class 5–6, a positive health declaration…) with its facts; someone
with enough authority (AuthorityGrant) may approve it. An UwDecision is one decision on the case
(automatic acceptance at standard terms, a manual decision, a referral up, the province's
decision), with who, their authority level and why. A PolicyNumber is given at issue (承保):
branch code + year + a sequence of this store, unique across branches without asking the server.

All rows carry `proposal_id`, so sync carries them with the case.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, SyncedMixin
from desk_app.store.types import Money


class UwIssue(SyncedMixin, Base):
    """One underwriting question of a case, with the facts that raised it."""

    __tablename__ = "uw_issues"
    __table_args__ = (UniqueConstraint("proposal_id", "round", "issue_type", "subject", name="proposal_issue"),)

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    round: Mapped[int] = mapped_column(Integer, default=1)  # raised again after a problem case
    issue_type: Mapped[str] = mapped_column(String(30))  # e.g. SUM_PER_LIFE, OCCUPATION_CLASS
    subject: Mapped[str] = mapped_column(String(60), default="")  # what it is about (a product, a row)
    # The figure authority is granted up to (a sum insured, a premium), when the type has one.
    amount: Mapped[Decimal | None] = mapped_column(Money(), default=None)
    facts: Mapped[str] = mapped_column(Text, default="{}")  # JSON: the values that raised it
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="open")  # open / approved / declined
    decided_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), default=None)
    decided_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class UwDecision(SyncedMixin, Base):
    """One underwriting decision on a case: who, at which authority level, what, and why."""

    __tablename__ = "uw_decisions"
    __table_args__ = (UniqueConstraint("proposal_id", "seq", name="proposal_decision_seq"),)

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    # auto_standard / standard / loading / exclusion / postpone / decline / refer
    decision: Mapped[str] = mapped_column(String(16))
    loading_percent: Mapped[Decimal | None] = mapped_column(default=None)  # 加费, per cent
    exclusion: Mapped[str] = mapped_column(Text, default="")  # 除外, the wording
    reason: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    authority_level: Mapped[int] = mapped_column(Integer, default=0)
    org_code: Mapped[str] = mapped_column(String(16))  # the branch, or the province deciding
    at: Mapped[dt.datetime] = mapped_column()


class PolicyNumber(SyncedMixin, Base):
    """The policy number a case was issued under (given in the transaction that issues it)."""

    __tablename__ = "policy_numbers"
    __table_args__ = (UniqueConstraint("policy_no", name="policy_no"),)

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), unique=True)
    policy_no: Mapped[str] = mapped_column(String(32))
    prefix: Mapped[str] = mapped_column(String(24), index=True)  # branch code + year: the sequence's scope
    serial: Mapped[int] = mapped_column(Integer)
    issued_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    issued_at: Mapped[dt.datetime] = mapped_column()
