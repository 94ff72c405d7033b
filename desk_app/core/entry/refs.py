"""The reference tables the entry checks look codes up in: a view of the rule book's tables
(core.rules.loading.ref_tables, cached per store file and reference-data version)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from desk_app.core.rules.facts import RefTables as FullTables
from desk_app.core.rules.loading import ref_tables


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


def tables(session: Session) -> RefTables:
    """The code lists of the entry checks, as a view of the rule book's reference tables (read and
    cached once, in core.rules.loading)."""
    global _last_view
    full = ref_tables(session)
    last = _last_view
    if last is not None and last[0] is full:
        return last[1]
    view = _view(full)
    _last_view = (full, view)
    return view


# The view of the newest tables: rebuilt only when core.rules.loading read them again.
_last_view: tuple[FullTables, RefTables] | None = None


def _view(full: FullTables) -> RefTables:
    return RefTables(
        industries=frozenset(full.industries),
        products={code: p.business_type for code, p in full.products.items()},
        benefit_levels=frozenset((code, level) for code, p in full.products.items() for level in p.levels),
        intermediaries={code: i.commission_cap for code, i in full.intermediaries.items()},
        agents=full.agents,
    )
