"""Entry tests' helpers: demo stores with cases at SCANNED, values a careful operator would key from a
good group or individual form, and helpers that take a case through both passes."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from desk_app import clock
from desk_app.core.demo import demo_credit_code, demo_resident_id
from desk_app.services import entry
from desk_app.store.models import Proposal


def group_values() -> dict[str, str]:
    """Every field of the group form, as the paper says it (all checks pass)."""
    effective = clock.today() + dt.timedelta(days=1)
    return {
        "applicant_name": "广州市天河科技有限公司", "applicant_credit_code": demo_credit_code(random.Random(1)),
        "unit_nature": "enterprise", "industry_code": "I65", "business_area": "广州市", "total_assets": "5000000.00",
        "employee_count": "20", "unit_address": "广州市天河区天河路1号", "legal_rep_name": "陈明",
        "contact_name": "李红", "contact_id_no": demo_resident_id(random.Random(3)), "contact_phone": "13800138000",
        "business_source": "direct", "intermediary_code": "", "commission_ratio": "", "agent_code": "AG1001",
        "insured_count": "20", "term_months": "12", "product_1_code": "GTL01", "product_1_level": "A",
        "product_1_sum_insured": "2000000.00", "product_1_premium": "2400.00", "product_2_code": "GAC01",
        "product_2_level": "B", "product_2_sum_insured": "6000000.00", "product_2_premium": "3600.00",
        "product_3_code": "", "product_3_level": "", "product_3_sum_insured": "", "product_3_premium": "",
        "premium_total": "6000.00", "payer_bank_account": "", "proposal_date": (effective - dt.timedelta(days=1)).isoformat(),
        "effective_date": effective.isoformat(), "health_declaration": "N", "price_inquiry_no": "",
        "special_agreements": "无",
    }


def scanned_cases(store, business_type: str = "GROUP") -> list[tuple[str, str]]:
    """(proposal id, case number) of the demo's cases waiting for first entry, oldest first."""
    with store.reading() as s:
        return [(p.id, p.case_no) for p in s.scalars(select(Proposal).where(
            Proposal.state == "SCANNED", Proposal.business_type == business_type)
            .order_by(Proposal.state_since, Proposal.id))]


def state_of(store, pid: str) -> str:
    with store.reading() as s:
        return s.get(Proposal, pid).state


def key_pass(store, actor, pid: str, values: dict[str, str]):
    """Open the actor's pass of the case, save every value as keyed (5 keystrokes each), submit."""
    task = entry.open_task(store, actor=actor, proposal_id=pid).value
    for k in task.fields:
        if k in values:
            entry.save_field(store, actor=actor, pass_id=task.pass_id, field_key=k, value=values[k], keystrokes=5)
    return entry.submit_pass(store, actor=actor, pass_id=task.pass_id, active_ms=60_000).value
