"""The premium a case should carry, recomputed from the rate tables (Decimal, exact to the fen).

Per product line: each covered insured pays the per-person premium of their benefit level (the
list's level for that person, else the line's level). Covered: the list's persons of that product
(every person when the list has no product column); without a list, the keyed head count.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desk_app.core.rules.facts import CaseFacts, Insured, ProductLine, whole

FEN = Decimal("0.01")


@dataclass(frozen=True)
class LinePremium:
    line: ProductLine
    persons: int
    premium: Decimal | None  # None: a product or level of the line (or of a person) is unknown


def covered(facts: CaseFacts, line: ProductLine) -> list[Insured]:
    if any(p.product_code for p in facts.insured):
        return [p for p in facts.insured if p.product_code == line.product_code]
    return list(facts.insured)


def line_premiums(facts: CaseFacts) -> list[LinePremium]:
    out = []
    for line in facts.lines():
        product = facts.refs.products.get(line.product_code)
        if product is None:
            out.append(LinePremium(line, 0, None))
            continue
        if facts.has_list:
            persons = covered(facts, line)
            total = Decimal(0)
            for p in persons:
                level = product.levels.get(p.benefit_level or line.level)
                if level is None:
                    total = None
                    break
                total += level.premium_per_person
            out.append(LinePremium(line, len(persons), total.quantize(FEN) if total is not None else None))
        else:
            count = 1 if facts.business_type == "INDIVIDUAL" else whole(facts.get("insured_count"))
            level = product.levels.get(line.level)
            if level is None or count is None:
                out.append(LinePremium(line, count or 0, None))
            else:
                out.append(LinePremium(line, count, (level.premium_per_person * count).quantize(FEN)))
    return out


def recomputed_total(facts: CaseFacts) -> Decimal | None:
    lines = line_premiums(facts)
    if not lines or any(lp.premium is None for lp in lines):
        return None
    return sum((lp.premium for lp in lines if lp.premium is not None), Decimal(0)).quantize(FEN)
