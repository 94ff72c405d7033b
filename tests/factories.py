"""Builders of valid domain inputs shared by tests (each test changes only what it is about)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from decimal import Decimal

from desk_app import clock
from desk_app.core.demo import demo_credit_code
from desk_app.core.proposals import CaseDraft, ProductLine


def effective_date() -> dt.date:
    """Tomorrow on the app's clock: the usual effective date of a proposal taken in today."""
    return clock.today() + dt.timedelta(days=1)


def good_draft(**changes) -> CaseDraft:
    effective = changes.get("effective_date", effective_date())
    draft = CaseDraft(
        proposal_no="T440099001", business_type="GROUP", applicant_name="广州市天河科技有限公司",
        applicant_credit_code=demo_credit_code(random.Random(1)), industry_code="I65", business_source="direct",
        effective_date=effective, proposal_date=effective - dt.timedelta(days=1), agent_code="AG1001",
        insured_count=20, products=(ProductLine("GTL01", "A", Decimal("2000000"), Decimal("2400")),
                                    ProductLine("GAC01", "B", Decimal("6000000"), Decimal("3600"))),
        premium_total=Decimal("6000"),
    )
    return dataclasses.replace(draft, **changes)


