"""The reference tables the entry checks look codes up in, read once per store and data version.

Inline marks are computed as the operator keys, so the tables are not read again for each field:
they are cached per store file and refreshed when any of the tables changed (a newer reference
set, or rows synced from head office), which one small query finds out.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from desk_app.store.models import Agent, BenefitLevel, Intermediary, OccupationClass, Product


@dataclass(frozen=True)
class RefTables:
    industries: frozenset[str]  # occupation_classes.industry_code
    products: dict[str, str]  # code -> business type
    benefit_levels: frozenset[tuple[str, str]]  # (product code, level)
    intermediaries: dict[str, Decimal]  # code -> commission cap (a fraction: 0.08 is 8 %)
    agents: frozenset[str]

    def has(self, ref: str, code: str, *, product: str | None = None) -> bool | None:
        """Whether `code` is in the table `ref` (None: not a table of ours)."""
        if ref == "industries":
            return code in self.industries
        if ref == "products":
            return code in self.products
        if ref == "benefit_levels":
            if product:
                return (product, code) in self.benefit_levels
            return any(level == code for _p, level in self.benefit_levels)
        if ref == "intermediaries":
            return code in self.intermediaries
        if ref == "agents":
            return code in self.agents
        return None


EMPTY = RefTables(frozenset(), {}, frozenset(), {}, frozenset())
_TABLES = (OccupationClass, Product, BenefitLevel, Intermediary, Agent)
_lock = threading.Lock()
_cache: dict[str, tuple[tuple, RefTables]] = {}


def _fingerprint(session: Session) -> tuple:
    parts = [select(func.count(), func.max(t.updated_at)).select_from(t) for t in _TABLES]
    return tuple(tuple(r) for r in session.execute(union_all(*parts)).all())


def _read(session: Session) -> RefTables:
    def live(model: type) -> object:
        return model.deleted.is_(False)  # type: ignore[attr-defined]

    return RefTables(
        industries=frozenset(session.scalars(select(OccupationClass.industry_code).where(live(OccupationClass)))),
        products={c: b for c, b in session.execute(select(Product.code, Product.business_type).where(live(Product)))},
        benefit_levels=frozenset(
            (p, lv) for p, lv in session.execute(
                select(BenefitLevel.product_code, BenefitLevel.level).where(live(BenefitLevel)))),
        intermediaries={c: Decimal(str(cap)) for c, cap in session.execute(
            select(Intermediary.code, Intermediary.commission_cap).where(live(Intermediary)))},
        agents=frozenset(session.scalars(select(Agent.code).where(live(Agent)))),
    )


def tables(session: Session) -> RefTables:
    """The reference tables as this session sees them (cached while they do not change)."""
    bind = session.get_bind()
    key = str(bind.url)
    stamp = _fingerprint(session)
    with _lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
    refs = _read(session)
    with _lock:
        _cache[key] = (stamp, refs)
    return refs
