"""Problem-case tests' helpers: a group case with an imported insured list and the values of a paper
that passes every rule, keyed through both entry passes."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert, select
from stdnum.cn import ric

from desk_app import clock
from desk_app.core.demo import demo_credit_code
from desk_app.services import entry
from desk_app.store.base import new_id
from desk_app.store.models import InsuredList, InsuredPerson, Proposal
from tests.entry.helpers import key_pass, scanned_cases, state_of  # noqa: F401 (re-exported)
from tests.factories import effective_date


def good_values(n: int = 20) -> dict[str, str]:
    """A group form every rule accepts (n employees, two products; 120 + 180 yuan a head)."""
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
        "product_3_code": "", "product_3_level": "", "product_3_sum_insured": "", "product_3_premium": "",
        "premium_total": f"{300 * n:.2f}", "payer_bank_account": "无",
        "proposal_date": (eff - dt.timedelta(days=1)).isoformat(), "effective_date": eff.isoformat(),
        "health_declaration": "N", "price_inquiry_no": "无", "special_agreements": "无",
    }


def insured_rows(proposal_id: str, list_id: str, branch_code: str, n: int, *, seed: int = 3) -> list[dict]:
    """n employees with valid resident IDs, aged 20–60 on the effective date (Core insert rows)."""
    rng = random.Random(seed)
    eff = effective_date()
    now = clock.now()
    out = []
    for i in range(n):
        birth = eff - dt.timedelta(days=rng.randrange(20 * 366, 60 * 365))
        body = f"110105{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
        id_no = body + ric.calc_check_digit(body + "0")
        out.append({"id": new_id(), "branch_code": branch_code, "created_at": now, "updated_at": now,
                    "deleted": False, "list_id": list_id, "proposal_id": proposal_id, "row_no": i + 2,
                    "name": f"员工{i + 1}", "id_type": "resident_id", "id_no": id_no,
                    "gender": "M" if int(id_no[16]) % 2 else "F", "birth_date": birth, "relation": "employee"})
    return out


def import_insured(store, proposal_id: str, user_id: str, n: int) -> None:
    """The case's insured list, as if imported (Core inserts)."""
    now = clock.now()
    with store.transaction() as s:
        code = s.scalar(select(Proposal.branch_code).where(Proposal.id == proposal_id))
        list_id = new_id()
        s.execute(insert(InsuredList).values(
            id=list_id, branch_code=code, created_at=now, updated_at=now, deleted=False, proposal_id=proposal_id,
            version=1, file_name="清单.xlsx", file_digest="0" * 64, sheet="", mapping="{}", row_count=n,
            warnings="[]", imported_by=user_id, imported_at=now))
        s.execute(insert(InsuredPerson), insured_rows(proposal_id, list_id, code, n))


def keyed_case(store, actors, values: dict[str, str], *, n: int = 20) -> str:
    """A scanned group case with its insured list, keyed alike by entry1 and entry2 (so compared,
    and validated at once); its id."""
    pid, _ = scanned_cases(store)[0]
    import_insured(store, pid, actors["clerk"].user_id, n)
    key_pass(store, actors["entry1"], pid, values)
    key_pass(store, actors["entry2"], pid, values)
    return pid


def values_now(store, pid: str) -> dict[str, str]:
    return entry.case_values(store, proposal_id=pid)
