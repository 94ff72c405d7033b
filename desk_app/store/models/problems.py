"""Validation runs (the rule book as code) and problem cases (问题件) of a case.

A RuleRun keeps, per run of the rules on a case, every finding (RuleResult), so anyone can see
why a case stopped and with which values. A ProblemCase gathers what must be fixed (its items:
failed blocking rules, deficiencies from intake, scanning QC, or raised by hand), goes to the
agent as a notice with a due date, gets a reply (scanned pages), and ends resolved or withdrawn;
each step is a ProblemEvent (who, when, why).

All rows carry `proposal_id`, so sync carries them with the case.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, SyncedMixin


class RuleRun(SyncedMixin, Base):
    """One run of the validation rules on a case: the values it saw and its outcome."""

    __tablename__ = "rule_runs"
    __table_args__ = (UniqueConstraint("proposal_id", "run_no", name="proposal_run"),)

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    run_no: Mapped[int] = mapped_column(Integer)
    rules_version: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime] = mapped_column()
    blocking: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)


class RuleResult(SyncedMixin, Base):
    """One finding of a run: the rule, its severity, the fields and the Chinese message."""

    __tablename__ = "rule_results"
    __table_args__ = (Index("ix_rule_results_run", "run_id"),)

    run_id: Mapped[str] = mapped_column(ForeignKey("rule_runs.id"))
    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    severity: Mapped[str] = mapped_column(String(10))  # blocking / warning
    fields: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of field keys
    message: Mapped[str] = mapped_column(Text)


class ProblemCase(SyncedMixin, Base):
    """A problem case (问题件) of a case: open → noticed → replied → resolved, or withdrawn."""

    __tablename__ = "problem_cases"
    __table_args__ = (
        UniqueConstraint("branch_code", "problem_no", name="branch_problem_no"),
        Index("ix_problem_cases_queue", "status", "due_at"),
    )

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    problem_no: Mapped[str] = mapped_column(String(40))  # printed on the notice and in its QR code
    status: Mapped[str] = mapped_column(String(12))  # open / noticed / replied / resolved / withdrawn
    source: Mapped[str] = mapped_column(String(12))  # rules / intake / scanning / manual
    raised_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    raised_at: Mapped[dt.datetime] = mapped_column()
    due_at: Mapped[dt.datetime | None] = mapped_column(default=None)  # set when the notice is issued
    noticed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    replied_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    closed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    agent_code: Mapped[str | None] = mapped_column(String(20), default=None)  # who the notice goes to
    reopened: Mapped[int] = mapped_column(Integer, default=0)


class ProblemItem(SyncedMixin, Base):
    """One thing to fix: a failed rule, a missing material, a scanning defect, or a handler's note."""

    __tablename__ = "problem_items"

    problem_id: Mapped[str] = mapped_column(ForeignKey("problem_cases.id"), index=True)
    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))  # the rule code, deficiency code, QC code or MANUAL
    description: Mapped[str] = mapped_column(Text)
    field_key: Mapped[str | None] = mapped_column(String(60), default=None)
    source: Mapped[str] = mapped_column(String(12))  # rule / deficiency / scan_qc / manual
    status: Mapped[str] = mapped_column(String(10), default="open")  # open / resolved


class ProblemEvent(SyncedMixin, Base):
    """One step of a problem case: raise, notice, reply, resolve, withdraw, reopen."""

    __tablename__ = "problem_events"
    __table_args__ = (UniqueConstraint("problem_id", "seq", name="problem_seq"),)

    problem_id: Mapped[str] = mapped_column(ForeignKey("problem_cases.id"), index=True)
    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(12))
    actor_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime] = mapped_column()
    reason: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON: pages attached, fields re-keyed...
