"""Building a case's facts for the rules from the store: one read of each reference table and of
the case's active insured list."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Mapping
from decimal import Decimal
from functools import cache

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from desk_app import clock
from desk_app.core import forms
from desk_app.core.rules.facts import CaseFacts, Insured, IntermediaryRef, LevelRef, ProductRef, RefTables
from desk_app.paths import resources_dir
from desk_app.store.models import (
    Agent,
    BenefitLevel,
    InsuredList,
    InsuredPerson,
    Intermediary,
    OccupationClass,
    Product,
    Proposal,
)


@cache
def agreement_wordings() -> dict[str, tuple[str, ...]]:
    doc = json.loads((resources_dir() / "rules" / "agreements.json").read_text("utf-8"))
    return {code: tuple(words) for code, words in doc["products"].items()}


_TABLES = (OccupationClass, Product, BenefitLevel, Intermediary, Agent)
_lock = threading.Lock()
_cache: dict[str, tuple[tuple, RefTables]] = {}


def _fingerprint(session: Session) -> tuple:
    parts = [select(func.count(), func.max(t.updated_at)).select_from(t) for t in _TABLES]
    return tuple(tuple(r) for r in session.execute(union_all(*parts)).all())


def ref_tables(session: Session) -> RefTables:
    """The reference tables as this session sees them: read once per store file, again only when
    any of them changed (a newer reference set, rows synced from head office), which one small
    query finds out. Inline checks call this for every field the operator leaves."""
    key = str(session.get_bind().url)
    stamp = _fingerprint(session)
    with _lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
    tables = _read(session)
    with _lock:
        _cache[key] = (stamp, tables)
    return tables


def _read(session: Session) -> RefTables:
    live = {m: m.deleted.is_(False) for m in (Product, BenefitLevel, OccupationClass, Intermediary, Agent)}
    levels: dict[str, dict[str, LevelRef]] = {}
    for b in session.execute(select(BenefitLevel.product_code, BenefitLevel.level, BenefitLevel.sum_insured,
                                    BenefitLevel.premium_per_person, BenefitLevel.description)
                             .where(live[BenefitLevel])):
        levels.setdefault(b.product_code, {})[b.level] = LevelRef(b.sum_insured, b.premium_per_person, b.description)
    products = {
        p.code: ProductRef(p.code, p.name, p.business_type, p.category, p.min_age, p.max_age, p.max_term_months,
                           levels.get(p.code, {}))
        for p in session.scalars(select(Product).where(live[Product]))
    }
    industries = {o.industry_code: (o.name, o.occupation_class)
                  for o in session.execute(select(OccupationClass.industry_code, OccupationClass.name,
                                                  OccupationClass.occupation_class).where(live[OccupationClass]))}
    inters = {i.code: IntermediaryRef(i.code, i.name, i.kind, Decimal(i.commission_cap))
              for i in session.scalars(select(Intermediary).where(live[Intermediary]))}
    agents = frozenset(session.scalars(select(Agent.code).where(live[Agent])))
    return RefTables(products, industries, inters, agents, agreement_wordings())


def insured_of(session: Session, proposal_id: str) -> tuple[bool, tuple[Insured, ...]]:
    """Whether the case has an active insured list, and its persons in row order."""
    list_id = session.scalar(select(InsuredList.id).where(
        InsuredList.proposal_id == proposal_id, InsuredList.replaced_at.is_(None), InsuredList.deleted.is_(False))
        .order_by(InsuredList.version.desc()).limit(1))
    if list_id is None:
        return False, ()
    p = InsuredPerson
    rows = session.execute(select(p.row_no, p.name, p.id_no, p.gender, p.birth_date, p.relation, p.product_code,
                                  p.benefit_level, p.premium)
                           .where(p.list_id == list_id, p.deleted.is_(False)).order_by(p.row_no))
    return True, tuple(Insured(*r) for r in rows)


def case_facts(session: Session, proposal: Proposal, values: Mapping[str, str], *,
               today: dt.date | None = None) -> CaseFacts:
    form = forms.form_for(proposal.business_type)
    has_list, insured = insured_of(session, proposal.id)
    return CaseFacts(
        case_no=proposal.case_no, business_type=proposal.business_type, form_code=form.code, values=dict(values),
        required=tuple(f.key for f in form.fields if f.required), labels={f.key: f.label for f in form.fields},
        refs=ref_tables(session), insured=insured, has_list=has_list, today=today or clock.today(),
    )
