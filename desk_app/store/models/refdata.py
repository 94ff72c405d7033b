"""Reference data owned by head office: products, occupation classes, intermediaries, agents.

Ids are UUID5 of the natural key, so head office and every branch give the same row the
same id and sync can match them without a lookup.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, SyncedMixin
from desk_app.store.types import Money


class Product(SyncedMixin, Base):
    __tablename__ = "products"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    business_type: Mapped[str] = mapped_column(String(12))
    # standard / outpatient / supplementary_hospital / non_standard / construction: drives the checklist.
    category: Mapped[str] = mapped_column(String(30))
    min_age: Mapped[int] = mapped_column(Integer, default=0)
    max_age: Mapped[int] = mapped_column(Integer, default=65)
    max_term_months: Mapped[int] = mapped_column(Integer, default=12)


class BenefitLevel(SyncedMixin, Base):
    __tablename__ = "benefit_levels"
    __table_args__ = (UniqueConstraint("product_code", "level", name="product_level"),)

    product_code: Mapped[str] = mapped_column(String(20), index=True)
    level: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(200))
    sum_insured: Mapped[Decimal] = mapped_column(Money())
    premium_per_person: Mapped[Decimal] = mapped_column(Money())


class OccupationClass(SyncedMixin, Base):
    """The group occupation class table (团险职业分类表): industry code, content, class 1-6."""

    __tablename__ = "occupation_classes"

    industry_code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    occupation_class: Mapped[int] = mapped_column(Integer)


class Intermediary(SyncedMixin, Base):
    __tablename__ = "intermediaries"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    # sideline 兼业代理 / professional 专业代理 / broker 经纪
    kind: Mapped[str] = mapped_column(String(20))
    commission_cap: Mapped[Decimal] = mapped_column()


class Agent(SyncedMixin, Base):
    __tablename__ = "agents"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    agent_branch: Mapped[str] = mapped_column(String(16))


class AuthorityLevel(SyncedMixin, Base):
    """Underwriting authority: the largest total sum insured a level may decide."""

    __tablename__ = "authority_levels"

    level: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(40))
    max_sum_insured: Mapped[Decimal] = mapped_column(Money())


class AuthorityGrant(SyncedMixin, Base):
    """What an underwriting authority level may approve: an issue type, up to an amount (None: any
    amount of that type). Head office publishes them inside authority_levels (`grants`)."""

    __tablename__ = "authority_grants"
    __table_args__ = (UniqueConstraint("level", "issue_type", name="level_issue_type"),)

    level: Mapped[int] = mapped_column(Integer, index=True)
    issue_type: Mapped[str] = mapped_column(String(30))
    max_amount: Mapped[Decimal | None] = mapped_column(Money(), default=None)


class Policy(SyncedMixin, Base):
    """Settings head office decides for its branches (idle lock, password rules, lockout)."""

    __tablename__ = "policies"

    key: Mapped[str] = mapped_column(String(40), unique=True)
    value: Mapped[str] = mapped_column(String(200))


class RefDataVersion(Base):
    """Which version of each reference set is loaded; a newer set replaces an older one."""

    __tablename__ = "refdata_versions"

    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    checksum: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[dt.datetime] = mapped_column()
