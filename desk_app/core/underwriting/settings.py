"""Head office's underwriting guide as data (resources/rules/underwriting.json): what a validated
case may carry and still be accepted automatically. Above these figures an issue is raised; who may
approve it is the authority levels' grants (reference data)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from desk_app.paths import resources_dir


@dataclass(frozen=True)
class UwSettings:
    auto_sum_per_life: Decimal
    auto_total_sum: Decimal
    auto_total_premium: Decimal
    high_occupation_classes: frozenset[int]
    refused_class: int
    products_refusing_class: frozenset[str]  # products that do not cover industries of refused_class
    usual_age_band: tuple[int, int]
    min_employee_participation: Decimal  # insured employees / employee_count
    min_dependant_participation: Decimal  # insured dependants / insured employees
    special_industries: frozenset[str]  # GB/T 4754 divisions (B06…, E47…, C26)
    special_industry_sections: frozenset[str]  # a section code keyed alone (B mining, E construction)


@cache
def settings() -> UwSettings:
    doc = json.loads((resources_dir() / "rules" / "underwriting.json").read_text("utf-8"))
    return UwSettings(
        Decimal(doc["auto_sum_per_life"]), Decimal(doc["auto_total_sum"]), Decimal(doc["auto_total_premium"]),
        frozenset(doc["high_occupation_classes"]), int(doc["refused_class"]),
        frozenset(doc["products_refusing_class"]), (int(doc["usual_age_band"][0]), int(doc["usual_age_band"][1])),
        Decimal(doc["min_employee_participation"]), Decimal(doc["min_dependant_participation"]),
        frozenset(doc["special_industries"]), frozenset(doc["special_industry_sections"]),
    )
