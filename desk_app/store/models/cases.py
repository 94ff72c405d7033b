"""The new-business case (Proposal), its products and its event history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk_app.store.base import Base, SyncedMixin
from desk_app.store.types import Money


class Proposal(SyncedMixin, Base):
    """A proposal (投保单) and the case built around it.

    `state` and `state_since` are a projection of the newest CaseEvent, written only by
    core.workflow in the same transaction as the event, so queues can use an index; the
    events remain the record (core.workflow.derive_state recomputes and checks it).
    """

    __tablename__ = "proposals"
    __table_args__ = (
        # Covers the queue queries (state, not deleted, oldest first) and their counts entirely.
        Index("ix_proposals_queue", "state", "deleted", "state_since", "id"),
        UniqueConstraint("branch_code", "case_no", name="branch_case_no"),
    )

    case_no: Mapped[str] = mapped_column(String(32))
    proposal_no: Mapped[str] = mapped_column(String(32), index=True)
    business_type: Mapped[str] = mapped_column(String(12))  # GROUP 团险 / INDIVIDUAL 个险
    applicant_name: Mapped[str] = mapped_column(String(120))
    # Indexed: intake looks for open cases of the same unit (duplicate check) on every proposal.
    applicant_credit_code: Mapped[str | None] = mapped_column(String(18), default=None, index=True)
    # Personal information (PIPL): shown masked to roles that do not need it (core.privacy).
    applicant_id_no: Mapped[str | None] = mapped_column(String(18), default=None)
    contact_name: Mapped[str | None] = mapped_column(String(60), default=None)
    contact_phone: Mapped[str | None] = mapped_column(String(11), default=None)
    # Up to 30 digits (a unit's corporate account); SQLite does not hold a VARCHAR to its length.
    payer_bank_account: Mapped[str | None] = mapped_column(String(19), default=None)
    industry_code: Mapped[str | None] = mapped_column(String(12), default=None)
    business_source: Mapped[str] = mapped_column(String(20))
    intermediary_code: Mapped[str | None] = mapped_column(String(20), default=None)
    commission_ratio: Mapped[Decimal | None] = mapped_column(default=None)
    agent_code: Mapped[str | None] = mapped_column(String(20), default=None)
    insured_count: Mapped[int] = mapped_column(Integer, default=1)
    sum_insured_total: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    premium_total: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    term_months: Mapped[int] = mapped_column(Integer, default=12)
    proposal_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    effective_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    special_agreements: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20))
    state_since: Mapped[dt.datetime] = mapped_column()

    products: Mapped[list[ProposalProduct]] = relationship(
        back_populates="proposal", lazy="raise", order_by="ProposalProduct.line_no"
    )
    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="proposal", lazy="raise", order_by="CaseEvent.seq"
    )


class ProposalProduct(SyncedMixin, Base):
    """One product line of a proposal: product, benefit level, sum insured and premium."""

    __tablename__ = "proposal_products"
    __table_args__ = (UniqueConstraint("proposal_id", "line_no", name="proposal_line"),)

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_code: Mapped[str] = mapped_column(String(20))
    benefit_level: Mapped[str] = mapped_column(String(20))
    sum_insured: Mapped[Decimal] = mapped_column(Money())
    premium: Mapped[Decimal] = mapped_column(Money())

    proposal: Mapped[Proposal] = relationship(back_populates="products", lazy="raise")


class CaseEvent(SyncedMixin, Base):
    """One workflow transition: who moved the case, when, from which state to which, and why."""

    __tablename__ = "case_events"
    __table_args__ = (UniqueConstraint("proposal_id", "seq", name="proposal_seq"),)

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(20), default=None)
    to_state: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column()
    reason: Mapped[str] = mapped_column(Text, default="")

    proposal: Mapped[Proposal] = relationship(back_populates="events", lazy="raise")
