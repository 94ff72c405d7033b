"""Facts of a valid group case and a valid individual case, built on the bundled reference data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from decimal import Decimal

import pytest
from stdnum.cn import ric

from desk_app.core import forms
from desk_app.core.demo import demo_credit_code, demo_resident_id
from desk_app.core.rules.facts import CaseFacts, Insured, RefTables
from desk_app.core.rules.loading import ref_tables
from desk_app.store.migrate import open_store
from tests.factories import effective_date


@pytest.fixture(scope="session")
def refs(template_db) -> RefTables:
    store = open_store(template_db)
    try:
        with store.reading() as s:
            return ref_tables(s)
    finally:
        store.close()


def resident_id(birth: dt.date, rng: random.Random) -> str:
    body = f"110105{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return body + ric.calc_check_digit(body + "0")


def people(n: int, *, seed: int = 3, level: str | None = None, product: str | None = None) -> tuple[Insured, ...]:
    """n insured persons with valid resident IDs, aged 20–60 on the effective date."""
    rng = random.Random(seed)
    out = []
    eff = effective_date()
    for i in range(n):
        birth = eff - dt.timedelta(days=rng.randrange(20 * 366, 60 * 365))
        id_no = resident_id(birth, rng)
        out.append(Insured(row_no=i + 2, name=f"员工{i + 1}", id_no=id_no, gender="M" if int(id_no[16]) % 2 else "F",
                           birth_date=birth, relation="employee", product_code=product, benefit_level=level,
                           premium=None))
    return tuple(out)


def group_values(n: int = 20) -> dict[str, str]:
    eff = effective_date()
    return {
        "applicant_name": "广州市明华金属制品有限公司", "applicant_credit_code": demo_credit_code(random.Random(1)),
        "unit_nature": "enterprise", "industry_code": "C33", "business_area": "广东省", "total_assets": "5000000.00",
        "employee_count": str(n), "unit_address": "广州市天河区天河路 1 号", "legal_rep_name": "王明华",
        "contact_name": "李丽", "contact_id_no": "无", "contact_phone": "13800138000", "business_source": "direct",
        "intermediary_code": "无", "commission_ratio": "无", "agent_code": "AG1001", "insured_count": str(n),
        "term_months": "12",
        "product_1_code": "GTL01", "product_1_level": "A", "product_1_sum_insured": "100000.00",
        "product_1_premium": f"{120 * n:.2f}",
        "product_2_code": "GAC01", "product_2_level": "B", "product_2_sum_insured": "300000.00",
        "product_2_premium": f"{180 * n:.2f}",
        "premium_total": f"{300 * n:.2f}", "payer_bank_account": "无",
        "proposal_date": (eff - dt.timedelta(days=1)).isoformat(), "effective_date": eff.isoformat(),
        "health_declaration": "N", "price_inquiry_no": "无", "special_agreements": "无",
    }


def make_facts(refs: RefTables, values: dict[str, str], *, business_type: str = "GROUP",
               insured: tuple[Insured, ...] | None = None, has_list: bool | None = None) -> CaseFacts:
    form = forms.form_for(business_type)
    if insured is None:
        insured = people(int(values.get("insured_count") or 0)) if business_type == "GROUP" else ()
    return CaseFacts(case_no="T-1", business_type=business_type, form_code=form.code, values=values,
                     required=tuple(f.key for f in form.fields if f.required),
                     labels={f.key: f.label for f in form.fields}, refs=refs, insured=insured,
                     has_list=bool(insured) if has_list is None else has_list)


def individual_values() -> dict[str, str]:
    eff = effective_date()
    rng = random.Random(5)
    applicant, insured = demo_resident_id(rng), demo_resident_id(rng)
    birth = lambda i: f"{i[6:10]}-{i[10:12]}-{i[12:14]}"  # noqa: E731
    return {
        "applicant_name": "张伟", "applicant_id_no": applicant, "applicant_gender": "M" if int(applicant[16]) % 2 else "F",
        "applicant_birth_date": birth(applicant), "applicant_phone": "13900139000", "applicant_occupation": "I65",
        "applicant_address": "广州市越秀区中山路 2 号", "insured_name": "张小伟", "insured_id_no": insured,
        "insured_relation": "child", "insured_birth_date": birth(insured), "beneficiary": "法定",
        "business_source": "direct", "agent_code": "AG1001", "product_1_code": "IAC01", "product_1_level": "A",
        "product_1_sum_insured": "200000.00", "product_1_premium": "100.00", "premium_total": "100.00",
        "term_months": "12", "payer_bank_account": "无", "proposal_date": (eff - dt.timedelta(days=1)).isoformat(),
        "effective_date": eff.isoformat(), "health_declaration": "N", "special_agreements": "无",
    }


@dataclasses.dataclass
class Case:
    refs: RefTables

    def group(self, n: int = 20, insured=None, has_list=None, **changes: str) -> CaseFacts:
        return make_facts(self.refs, {**group_values(n), **changes}, insured=people(n) if insured is None else insured,
                          has_list=has_list)

    def individual(self, **changes: str) -> CaseFacts:
        return make_facts(self.refs, {**individual_values(), **changes}, business_type="INDIVIDUAL")


@pytest.fixture
def case(refs) -> Case:
    return Case(refs)


__all__ = ["Decimal", "people"]
