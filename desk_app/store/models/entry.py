"""Double data entry (初录/二录) and the insured list (被保险人清单) of a case.

An EntryPass is one operator's keying of one round of a case's form: round 1 keys every field,
each later round (a problem case's partial re-entry) only the fields it lists. Each pass keeps
its own EntryValue rows, which only their operator reads until the comparison; EntryField holds
what was settled per field and round (equal in both passes, or chosen in reconciliation, with who
chose and which pass was right). The case's keyed form is, per field, its newest settled round.

All rows carry `proposal_id`, so sync carries them with the case.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, SyncedMixin
from desk_app.store.types import Money


class EntryPass(SyncedMixin, Base):
    """One operator's keying (pass 1 初录 or 2 二录) of one round of a case's form."""

    __tablename__ = "entry_passes"
    __table_args__ = (
        UniqueConstraint("proposal_id", "round", "pass_no", name="proposal_round_pass"),
        Index("ix_entry_passes_operator", "operator_id", "submitted_at"),
    )

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    round: Mapped[int] = mapped_column(Integer, default=1)
    pass_no: Mapped[int] = mapped_column(Integer)  # 1 first entry, 2 blind second entry
    form_code: Mapped[str] = mapped_column(String(30))
    form_version: Mapped[int] = mapped_column(Integer)
    fields: Mapped[str] = mapped_column(Text)  # JSON list of the field keys this round keys
    operator_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    # Set when a supervisor assigned the pass; empty when the operator took it from the pool.
    assigned_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), default=None)
    status: Mapped[str] = mapped_column(String(12))  # assigned / open / submitted / released
    started_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    keystrokes: Mapped[int] = mapped_column(Integer, default=0)
    active_ms: Mapped[int] = mapped_column(Integer, default=0)  # time with the form open


class EntryValue(SyncedMixin, Base):
    """One field's value as one operator keyed it in one pass (readable only by that operator
    until the pass is compared)."""

    __tablename__ = "entry_values"
    __table_args__ = (UniqueConstraint("pass_id", "field_key", name="pass_field"),)

    pass_id: Mapped[str] = mapped_column(ForeignKey("entry_passes.id"), index=True)
    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    field_key: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(Text, default="")
    keystrokes: Mapped[int] = mapped_column(Integer, default=0)


class EntryField(SyncedMixin, Base):
    """The settled value of one field in one round: both passes equal (after normalisation), or
    chosen by the reconciler from the two, or keyed a third time. No silent auto-merge: a field
    whose passes differ stays `pending` until a person decides."""

    __tablename__ = "entry_fields"
    __table_args__ = (UniqueConstraint("proposal_id", "round", "field_key", name="proposal_round_field"),)

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    field_key: Mapped[str] = mapped_column(String(60))
    first_value: Mapped[str] = mapped_column(Text, default="")
    second_value: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[str | None] = mapped_column(Text, default=None)  # None while pending
    # match / first / second / third / pending
    outcome: Mapped[str] = mapped_column(String(10))
    decided_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), default=None)
    decided_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class InsuredList(SyncedMixin, Base):
    """One import of a case's insured list; a newer import replaces it (`replaced_at` set), and
    both stay in the case's history."""

    __tablename__ = "insured_lists"
    __table_args__ = (UniqueConstraint("proposal_id", "version", name="proposal_version"),)

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(Text)
    # sha256 of the imported file. Not named `sha256`: sync would wait for it as a page blob.
    file_digest: Mapped[str] = mapped_column(String(64))
    sheet: Mapped[str] = mapped_column(String(100), default="")
    mapping: Mapped[str] = mapped_column(Text)  # JSON: column of the file -> field
    row_count: Mapped[int] = mapped_column(Integer)
    sum_insured_total: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    premium_total: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    warnings: Mapped[str] = mapped_column(Text, default="[]")  # JSON: [{row, column, message}]
    imported_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    imported_at: Mapped[dt.datetime] = mapped_column()
    replaced_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class InsuredPerson(SyncedMixin, Base):
    """One person of an imported insured list (personal information: shown masked, core.privacy)."""

    __tablename__ = "insured_persons"
    __table_args__ = (Index("ix_insured_persons_list_row", "list_id", "row_no"),)

    list_id: Mapped[str] = mapped_column(ForeignKey("insured_lists.id"))
    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"), index=True)
    row_no: Mapped[int] = mapped_column(Integer)  # row of the file, as the person sees it in Excel
    name: Mapped[str] = mapped_column(String(60))
    id_type: Mapped[str] = mapped_column(String(12), default="resident_id")
    id_no: Mapped[str] = mapped_column(String(30))
    gender: Mapped[str | None] = mapped_column(String(1), default=None)  # M / F
    birth_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    relation: Mapped[str] = mapped_column(String(12), default="employee")  # employee / spouse / child / parent
    occupation_code: Mapped[str | None] = mapped_column(String(12), default=None)
    occupation_class: Mapped[int | None] = mapped_column(Integer, default=None)
    product_code: Mapped[str | None] = mapped_column(String(20), default=None)
    benefit_level: Mapped[str | None] = mapped_column(String(20), default=None)
    sum_insured: Mapped[Decimal | None] = mapped_column(Money(), default=None)
    premium: Mapped[Decimal | None] = mapped_column(Money(), default=None)
    phone: Mapped[str | None] = mapped_column(String(20), default=None)


class InsuredColumnMapping(Base):
    """The column mapping last used for an agent's or a template's lists (local to this store: a
    convenience of this counter, not a record)."""

    __tablename__ = "insured_column_mappings"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)  # agent:<code> / headers:<digest>
    mapping: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column()
