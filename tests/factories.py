"""Builders of valid domain inputs shared by tests (each test changes only what it is about)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from decimal import Decimal

from desk_app.core.demo import demo_credit_code
from desk_app.core.proposals import CaseDraft, ProductLine

EFFECTIVE = dt.date(2026, 12, 1)


def good_draft(**changes) -> CaseDraft:
    draft = CaseDraft(
        proposal_no="T440099001", business_type="GROUP", applicant_name="广州市天河科技有限公司",
        applicant_credit_code=demo_credit_code(random.Random(1)), industry_code="I65", business_source="direct",
        effective_date=EFFECTIVE, proposal_date=EFFECTIVE - dt.timedelta(days=1), agent_code="AG1001",
        insured_count=20, products=(ProductLine("GTL01", "A", Decimal("2000000"), Decimal("2400")),
                                    ProductLine("GAC01", "B", Decimal("6000000"), Decimal("3600"))),
        premium_total=Decimal("6000"),
    )
    return dataclasses.replace(draft, **changes)


